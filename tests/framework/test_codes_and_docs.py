"""Issue codes are catalogued, and the generated documentation pages are current."""

from __future__ import annotations

import json
import re
from pathlib import Path

from utilite_sociale.framework import checks, indicator_set_json_schema, io, xlsx
from utilite_sociale.framework.codes import INDICATOR_SET_CODES, catalogue_markdown

DOCS = Path(__file__).parents[2] / "docs"


def _codes_in(module_file: str | None) -> set[str]:
    assert module_file is not None
    text = Path(module_file).read_text(encoding="utf-8")
    emitted = set(re.findall(r'^\s+"([a-z0-9]+(?:-[a-z0-9]+)+)",$', text, flags=re.M))
    emitted |= set(re.findall(r'code="([a-z0-9-]+)"', text))
    emitted |= set(re.findall(r'": "([a-z0-9]+(?:-[a-z0-9]+)+)",', text))
    return emitted


def _problems_in(module_file: str | None) -> set[str]:
    assert module_file is not None
    text = Path(module_file).read_text(encoding="utf-8")
    return set(re.findall(r'problem\(\s*"([a-z0-9-]+)"', text))


def test_every_emitted_code_is_catalogued_and_every_catalogued_code_is_emitted() -> None:
    emitted = _codes_in(checks.__file__) | _codes_in(io.__file__) | _problems_in(xlsx.__file__)
    emitted.add("type-invalide")  # io's fallback for unexpected pydantic error types
    assert emitted == set(INDICATOR_SET_CODES)


def test_error_catalogue_page_is_current() -> None:
    assert (DOCS / "erreurs-referentiel.md").read_text(encoding="utf-8") == catalogue_markdown()


def test_json_schema_file_is_current() -> None:
    on_disk = json.loads((DOCS / "referentiel.schema.json").read_text(encoding="utf-8"))
    assert on_disk == indicator_set_json_schema()
    assert on_disk["properties"]["subject"]["enum"] == ["adherent", "federation"]


def test_legal_reference_page_is_current() -> None:
    from utilite_sociale._legal_doc import reference_markdown

    page = (DOCS / "reference-juridique.md").read_text(encoding="utf-8")
    assert page == reference_markdown()
    assert "21\u202f272,80\u00a0€" in page  # the 2024 annual reference of legal.md
