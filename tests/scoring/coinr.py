"""Access to COINr's ASEM reference files (``../shared/reference/coinr-asem``).

They are read where they are, never copied into the project. Without the folder the tests
that need it are skipped — except under CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

REFERENCE = Path(__file__).parents[3] / "shared" / "reference" / "coinr-asem"


def reference_dir() -> Path:
    """The COINr reference folder; skip without it, or fail under CI."""
    if not REFERENCE.is_dir():
        message = f"Dossier de référence COINr absent : {REFERENCE}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return REFERENCE


def read_csv(name: str) -> pd.DataFrame:
    """A reference CSV (an empty field is missing, nothing else is)."""
    return pd.read_csv(reference_dir() / name, keep_default_na=False, na_values=[""])
