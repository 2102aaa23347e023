"""The documentation site: its generated pages cover the package, its hand-written pages build.

The generators of ``docs/hooks.py`` are plain functions: these tests call them without mkdocs.
The full ``mkdocs build --strict`` runs here only where the ``docs`` extra is installed
(``.ci/run`` installs it and builds the site itself).
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

import utilite_sociale as us
from utilite_sociale.framework import xlsx
from utilite_sociale.framework.codes import INDICATOR_SET_CODES
from utilite_sociale.scoring.compare import MIN_OTHER_MEMBERS
from utilite_sociale.scoring.engine import MIN_RESPONDENTS
from utilite_sociale.survey.codes import SURVEY_CODES

ROOT = Path(__file__).parents[1]
DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def hooks() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_hooks", DOCS / "hooks.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(page: str) -> dict[str, list[str]]:
    """Table rows of a page keyed by their first cell's code: ``| `code` | … |``."""
    rows = {}
    for line in page.splitlines():
        found = re.match(r"^\| `([^`]+)` \| (.*) \|$", line)
        if found:
            rows[found.group(1)] = found.group(2).split(" | ")
    return rows


@pytest.mark.parametrize(
    ("page", "registry"),
    [("erreurs-referentiel.md", INDICATOR_SET_CODES), ("erreurs-classeur.md", SURVEY_CODES)],
)
def test_error_catalogue_lists_every_code_with_how_to_fix(
    hooks: ModuleType, page: str, registry: dict[str, tuple[str, str]]
) -> None:
    text = hooks.GENERATED_PAGES[page]()
    rows = _rows(text)
    assert list(rows) == list(registry)
    for code, (severity, meaning) in registry.items():
        found_severity, found_meaning, fix = rows[code]
        assert (found_severity, found_meaning) == (severity, meaning)
        assert fix.endswith((".", "…"))
        assert len(fix) > 20


def test_no_fix_is_described_for_a_code_that_does_not_exist(hooks: ModuleType) -> None:
    assert set(hooks.INDICATOR_SET_FIXES) == set(INDICATOR_SET_CODES)
    assert set(hooks.SURVEY_FIXES) == set(SURVEY_CODES)


def test_fields_page_describes_every_schema_field_and_every_excel_column(
    hooks: ModuleType,
) -> None:
    page = hooks.indicator_set_fields_page()
    schema = us.indicator_set_json_schema()
    objects = {"IndicatorSet": schema, **schema["$defs"]}
    for name, definition in objects.items():
        assert f"(`{name}`) {{#champs-{name.lower()}}}" in page
        section = page.split(f"{{#champs-{name.lower()}}}", 1)[1].split("\n### ", 1)[0]
        assert set(_rows(section)) == set(definition.get("properties", {})), name
    assert "| `subject` | un de : `adherent`, `federation` | oui |" in page
    for column in xlsx.META_FIELDS:
        assert f"| `{column.header}` | `{column.key}` |" in page
    for table in xlsx.TABLES:
        assert f"\n### {table.sheet}\n" in page
        for column in table.columns:
            assert f"| `{column.header}` | `{column.key}` |" in page


def test_api_page_documents_every_public_name(hooks: ModuleType) -> None:
    page = hooks.api_page()
    directives = re.findall(r"^::: ([\w.]+)$", page, flags=re.M)
    documented = {path.rsplit(".", 1)[1] for path in directives}
    assert {name for name in us.__all__ if not name.startswith("_")} <= documented
    assert len(directives) == len(set(directives))
    for path in directives:
        module, name = path.rsplit(".", 1)
        assert getattr(importlib.import_module(module), name) is not None


def test_legal_reference_page_is_the_package_one(hooks: ModuleType) -> None:
    from utilite_sociale._legal_doc import reference_markdown

    assert hooks.legal_reference_page() == reference_markdown()


def _hand_written() -> list[Path]:
    return sorted(path for path in DOCS.rglob("*.md") if path.name not in _generated_names())


def _generated_names() -> set[str]:
    return {"erreurs-referentiel.md", "erreurs-classeur.md", "reference-juridique.md"}


def test_every_block_and_value_of_the_hand_written_pages_is_known(hooks: ModuleType) -> None:
    used_blocks: set[str] = set()
    for path in _hand_written():
        text = path.read_text(encoding="utf-8")
        used_blocks |= set(re.findall(r"^<!-- genere: ([a-z0-9-]+) -->$", text, flags=re.M))
        rendered = hooks.render_markdown(text, where=path.name)
        assert "<!-- genere:" not in rendered, path
        assert "{{" not in rendered, path
    assert used_blocks == set(hooks.BLOCKS)


def test_small_number_thresholds_come_from_the_code(hooks: ModuleType) -> None:
    page = hooks.render_markdown(
        (DOCS / "donnees-personnelles.md").read_text(encoding="utf-8"), where="rgpd"
    )
    assert f"| {MIN_RESPONDENTS} répondants |" in page
    assert f"moins de {MIN_OTHER_MEMBERS} autres" in page


def test_home_page_shows_the_readme_commands_unchanged(hooks: ModuleType) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```sh\n", 1)[1].split("```", 1)[0]
    home = hooks.render_markdown((DOCS / "index.md").read_text(encoding="utf-8"))
    assert f"```sh\n{first_block}```" in home


def test_esus_page_has_the_caps_of_each_year_from_the_reference_data(hooks: ModuleType) -> None:
    page = hooks.render_markdown((DOCS / "esus.md").read_text(encoding="utf-8"))
    assert (
        "| 2024 | 21\u202f272,80\u00a0€ | 148\u202f909,60\u00a0€ | 212\u202f728,00\u00a0€ |" in page
    )
    for check in ("ess", "objectif", "impact", "remuneration", "titres", "plein-droit", "statuts"):
        assert f"| `{check}` |" in page


def test_nav_lists_every_page_and_only_existing_ones(hooks: ModuleType) -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))

    def pages(items: object) -> list[str]:
        if isinstance(items, str):
            return [items]
        if isinstance(items, list):
            return [page for item in items for page in pages(item)]
        if isinstance(items, dict):
            return [page for value in items.values() for page in pages(value)]
        return []

    listed = pages(config["nav"])
    on_disk = {path.relative_to(DOCS).as_posix() for path in DOCS.rglob("*.md")}
    assert sorted(listed) == sorted(on_disk | set(hooks.GENERATED_PAGES))
    assert config["hooks"] == ["docs/hooks.py"]


def _docs_extra_installed() -> bool:
    return all(
        importlib.util.find_spec(name) is not None
        for name in ("mkdocs", "material", "mkdocstrings", "mkdocstrings_handlers")
    )


@pytest.mark.skipif(
    not _docs_extra_installed(),
    reason="extra « docs » absent (pip install '.[docs]') ; .ci/run construit le site",
)
def test_site_builds_without_a_warning(tmp_path: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output
    errors = (tmp_path / "erreurs-classeur" / "index.html").read_text(encoding="utf-8")
    assert all(f"<code>{code}</code>" in errors for code in SURVEY_CODES)
    api = (tmp_path / "api" / "index.html").read_text(encoding="utf-8")
    assert 'id="utilite_sociale.framework.registry.load_indicator_set"' in api
    methods = (tmp_path / "calcul-des-scores" / "index.html").read_text(encoding="utf-8")
    assert methods.count('class="arithmatex"') > 20
