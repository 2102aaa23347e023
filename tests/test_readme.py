"""The README's Python example runs as written, and its two commands stay the CI's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).parents[1] / "README.md"


def test_readme_starts_with_the_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    first_block = re.search(r"```sh\n(.*?)```", text, flags=re.S)
    assert first_block is not None
    assert text.startswith("# utilite_sociale\n\n```sh\n")
    lines = first_block.group(1).strip().splitlines()
    assert len(lines) == 2
    assert "pip install ." in lines[0]
    assert "utilite-sociale" in lines[0]
    assert "'.[test]'" in lines[1]
    assert lines[1].endswith("pytest")


def test_readme_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = README.read_text(encoding="utf-8")
    block = re.search(r"```python\n(.*?)```", text, flags=re.S)
    assert block is not None
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    exec(compile(block.group(1), "README.md", "exec"), namespace)
    assert (tmp_path / "mon-referentiel.yaml").exists()
