"""Rendering for the command line (rich on a terminal, plain text otherwise)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from .errors import Issue

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["console", "print_issues", "print_json"]


def console(stream: TextIO | None = None) -> Console:
    """A rich console: wraps on a terminal, never wraps lines in a pipe or a file."""
    from rich.console import Console

    target = stream or sys.stdout
    is_terminal = target.isatty()
    return Console(
        file=target,
        highlight=False,
        soft_wrap=not is_terminal,
        width=None if is_terminal else 120,
    )


def print_issues(
    issues: Iterable[Issue], *, stream: TextIO | None = None, keep_order: bool = False
) -> None:
    """Print issues (errors first unless ``keep_order``), each with location, message, fix."""
    from rich.markup import escape

    out = console(stream or sys.stderr)
    ordered: Sequence[Issue] = (
        list(issues) if keep_order else sorted(issues, key=lambda issue: not issue.is_error)
    )
    for issue in ordered:
        mark = "[bold red]✗ erreur[/]" if issue.is_error else "[yellow]⚠ avertissement[/]"
        where = f" {escape(issue.where)}" if issue.where else ""
        out.print(f"{mark}{where} [dim]({escape(issue.code)})[/]")
        out.print(f"    {escape(issue.message)}")
        if issue.fix:
            out.print(f"    [green]→[/] {escape(issue.fix)}")


def print_json(data: Any) -> None:
    """Print ``data`` as indented UTF-8 JSON on standard output."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
