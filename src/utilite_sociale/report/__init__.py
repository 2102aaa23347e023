"""Reports: the member's PDF report of its social utility."""
