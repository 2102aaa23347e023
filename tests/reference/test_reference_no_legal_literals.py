"""No legal number may be written as a literal in the reference code: it must live in YAML."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import utilite_sociale.reference as reference

SOURCE_DIR = Path(reference.__file__).parent
PY_FILES = sorted(SOURCE_DIR.rglob("*.py"))

# Ordinary integers for indexing / counting and the cent quantum (not legal numbers).
ALLOWED_NUMBERS = {0, 1}
ALLOWED_STRINGS = {"0.01", "utf-8"}
# A number inside a string, not glued to an identifier (``article2``, ``esus2019``) or to a
# code-article reference (``L3332-17-1``).
NUMBER_IN_STRING = re.compile(r"(?<![\w.\-])\d+(?:[.,]\d+)?(?![\w.])")

# Telltale legal numbers, searched in the whole text (code, comments and docstrings).
FORBIDDEN_PATTERNS = [
    r"\b0?\.66\b",
    r"\b66\s*%",
    r"\b151[.,]\d+",
    r"\b151\b",
    r"\b1\s?820\b",
    r"\b35\s*h\b",
    r"\b35\b",
    r"\b52\b",
    r"\b9[.,]61\b",
    r"\b11[.,]88\b",
    r"\b12[.,]02\b",
    r"\b1\s?823[.,]03\b",
    r"\b1\s?457[.,]52\b",
    r"\b250\b",
    r"\b20\s*%",
    r"\b50\s*%",
    r"\b0\.(?:05|20|25|50)\b",
    r"\b\d{1,3}(?:\s\d{3})+[.,]\d{2}\b",  # amounts such as 21 621.60
    r"\b\d{4,}[.,]\d{2}\b",  # amounts such as 21621.60
    r"\b(?:19|20)\d{2}-\d{2}-\d{2}\b",  # ISO dates of acts or revaluations
]


def _docstring_nodes(tree: ast.AST) -> set[int]:
    ids: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                ids.add(id(body[0].value))
    return ids


def test_files_found() -> None:
    names = {path.name for path in PY_FILES}
    assert {"__init__.py", "_data.py", "ess.py", "esus.py", "smic.py", "guide.py"} <= names


@pytest.mark.parametrize("path", PY_FILES, ids=lambda path: path.name)
def test_no_numeric_literals_in_code(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstring_nodes(tree)
    offenders: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or id(node) in docstrings:
            continue
        value = node.value
        if isinstance(value, bool) or value is None or value is Ellipsis:
            continue
        if isinstance(value, int | float | complex):
            if value not in ALLOWED_NUMBERS:
                offenders.append(f"ligne {node.lineno} : nombre {value!r}")
        elif isinstance(value, str) and value not in ALLOWED_STRINGS:
            numbers = [n for n in NUMBER_IN_STRING.findall(value) if n not in {"0", "1"}]
            if numbers:
                offenders.append(f"ligne {node.lineno} : chaîne {value!r}")
    assert not offenders, f"{path.name} : littéraux interdits ({'; '.join(offenders)})"


@pytest.mark.parametrize("path", PY_FILES, ids=lambda path: path.name)
def test_no_legal_number_in_text(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    offenders = [
        f"{pattern} → {match.group(0)!r}"
        for pattern in FORBIDDEN_PATTERNS
        for match in re.finditer(pattern, text)
    ]
    assert not offenders, f"{path.name} : nombres juridiques écrits en dur : {offenders}"


def test_scanner_catches_a_legal_number() -> None:
    """Self-check of the scanner on a snippet with a hard-coded threshold."""
    tree = ast.parse('THRESHOLD = Decimal("0.66")\nHOURS = 35\n')
    constants = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)]
    assert "0.66" in constants
    assert 35 in constants
    assert re.search(FORBIDDEN_PATTERNS[0], 'Decimal("0.66")')
    assert NUMBER_IN_STRING.findall("au moins 66 %, 2014-08-02") == ["66", "2014"]
    assert NUMBER_IN_STRING.findall("article2 esus2019-1 L3332-17-1") == []
