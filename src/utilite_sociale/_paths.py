"""Safe names for files written from user data (member names, codes)."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["safe_filename"]

_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}


def safe_filename(text: str, *, default: str = "fichier", max_length: int = 60) -> str:
    """Turn any text into a portable file-name stem.

    ``"Le Fil d'Ariane (12)"`` gives ``"le-fil-d-ariane-12"``.

    Accents are removed, everything but ASCII letters and digits becomes a dash, and the
    result is never empty, never a path (no ``/``, ``..``) and never a reserved device name.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:max_length].strip("-")
    if not slug or slug in _RESERVED:
        return default
    return slug
