"""The DejaVu fonts matplotlib ships, registered for reportlab (full French typography)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

__all__ = ["BODY", "BOLD", "ITALIC", "register_fonts"]

BODY = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"


@lru_cache(maxsize=1)
def register_fonts() -> None:
    """Register DejaVu Sans (regular, bold, oblique) once; the PDF embeds them."""
    import matplotlib
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    for name, file in (
        (BODY, "DejaVuSans.ttf"),
        (BOLD, "DejaVuSans-Bold.ttf"),
        (ITALIC, "DejaVuSans-Oblique.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    addMapping(BODY, 0, 0, BODY)
    addMapping(BODY, 1, 0, BOLD)
    addMapping(BODY, 0, 1, ITALIC)
    addMapping(BODY, 1, 1, BOLD)
