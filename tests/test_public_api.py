"""The curated public API: sorted, complete and importable (as httpx guards its own)."""

from __future__ import annotations

import re
from pathlib import Path

import utilite_sociale as us
from utilite_sociale import reference

SRC = Path(us.__file__).parent


def test_all_is_sorted_and_importable() -> None:
    assert us.__all__ == sorted(us.__all__)
    for name in us.__all__:
        assert getattr(us, name) is not None


def test_reference_all_is_sorted_and_importable() -> None:
    assert reference.__all__ == sorted(reference.__all__)
    for name in reference.__all__:
        assert getattr(reference, name) is not None


def test_unknown_attribute_raises() -> None:
    try:
        us.not_a_name  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError:
        pass
    else:  # pragma: no cover
        raise AssertionError("AttributeError expected")


# Numbers that carry legal meaning: they must only live in reference/data/*.yaml.
LEGAL_LITERALS = [
    r"\b0?\.66\b",
    r"\b66\b",
    r"\b151[.,]6",
    r"\b1820\b",
    r"\b35\s*\*\s*52\b",
    r"\b(?:9\.61|10\.03|11\.65|11\.88|12\.02)\b",
    r"\b(?:17490|21272|21621|21876)\b",
    r"\bDecimal\(\s*[\"'](?:7|10|0\.66|0\.2|0\.5)[\"']\s*\)",
    r"\*\s*(?:7|10)\b(?!\d)",
    r"\b2019-05-2[34]\b",
    r"date\(\s*2019\s*,\s*5\s*,\s*2[34]\s*\)",
]


def test_no_legal_number_in_code() -> None:
    offenders = []
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), start=1):
            code = line.split("#", 1)[0]
            for pattern in LEGAL_LITERALS:
                if re.search(pattern, code):
                    offenders.append(f"{path.relative_to(SRC)}:{number}: {line.strip()}")
    assert offenders == []
