"""One A4 page layout for every PDF of the library (reports, campaign report, ESUS dossier).

DejaVu fonts embedded, 2 cm margins, a footer naming the document and the page number,
binary streams, and ``invariant=1``: no creation date or random id, so that the same story
gives the same bytes.
"""

from __future__ import annotations

import io
from typing import Any

__all__ = ["build_pdf"]


def build_pdf(
    story: list[Any],
    *,
    title: str,
    footer: str,
    author: str = "utilite-sociale",
) -> bytes:
    """Lay out A4 pages with the footer and page numbers; the same story, the same bytes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    from ._raster import binary_streams
    from .fonts import BODY

    def decorate(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(BODY, 7.5)
        canvas.drawString(2 * cm, 1.2 * cm, footer)
        canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, f"page {document.page}")
        canvas.restoreState()

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=1.8 * cm,
        bottomMargin=2 * cm,
        title=title,
        author=author,
        lang="fr-FR",
        invariant=1,
    )
    with binary_streams():
        document.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()
