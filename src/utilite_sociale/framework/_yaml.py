"""Safe YAML reading that remembers the line of every value, and YAML writing."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ._locate import Location, Path_

__all__ = ["LineMap", "YamlSyntaxError", "dump_yaml", "load_yaml_with_lines"]

#: Above this size a référentiel file is refused (a real one is a few hundred kB).
MAX_YAML_BYTES = 20 * 1024 * 1024

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class YamlSyntaxError(ValueError):
    """The text is not valid YAML; ``line`` is 1-based when known."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(slots=True)
class LineMap:
    """Map a path inside the parsed document to the 1-based line where it starts."""

    lines: dict[Path_, int] = field(default_factory=dict)

    def locate(self, path: Path_) -> Location:
        """Return the location (line) of ``path`` or of its closest ancestor."""
        line = self.line_of(path)
        return Location(line=line, order=(line or 0,))

    def line_of(self, path: Path_) -> int | None:
        """Return the line of ``path`` or of its closest existing ancestor."""
        probe = tuple(path)
        while True:
            if probe in self.lines:
                return self.lines[probe]
            if not probe:
                return None
            probe = probe[:-1]


def load_yaml_with_lines(text: str) -> tuple[Any, LineMap]:
    """Parse YAML text with a safe loader and record the line of every node.

    Parameters
    ----------
    text
        The YAML document.

    Returns
    -------
    data, line_map
        The plain Python data (dicts, lists, scalars) and the line of each path in it.

    Raises
    ------
    YamlSyntaxError
        When the text is not valid YAML (message in French, with the line).
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        line_map = LineMap()
        if node is None:
            return None, line_map
        data = _construct(loader, node, (), line_map, _Budget())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or "syntaxe invalide"
        raise YamlSyntaxError(f"YAML invalide ({_translate_problem(problem)})", line) from None
    except yaml.YAMLError as exc:  # pragma: no cover - defensive
        raise YamlSyntaxError(f"YAML invalide ({exc})", None) from None
    finally:
        loader.dispose()
    return data, line_map


#: Most nodes a document may expand to: guards against « billion laughs » alias bombs.
MAX_YAML_NODES = 100_000
#: Deepest nesting accepted (a recursive alias would otherwise never end).
MAX_YAML_DEPTH = 64


_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})


@dataclass(slots=True)
class _Budget:
    nodes: int = 0


def _construct(
    loader: yaml.SafeLoader, node: yaml.Node, path: Path_, lines: LineMap, budget: _Budget
) -> Any:
    """Build plain data from ``node``, recording lines, within a node and depth budget."""
    budget.nodes += 1
    if budget.nodes > MAX_YAML_NODES or len(path) > MAX_YAML_DEPTH:
        raise yaml.MarkedYAMLError(
            problem="document trop grand ou alias récursifs (expansion refusée)",
            problem_mark=node.start_mark,
        )
    lines.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.tag not in _PLAIN_TAGS:
        raise yaml.MarkedYAMLError(
            problem=f"étiquette « {node.tag} » non autorisée", problem_mark=node.start_mark
        )
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, Hashable):
                raise yaml.MarkedYAMLError(
                    problem="clé non valide", problem_mark=key_node.start_mark
                )
            if key in result:
                raise yaml.MarkedYAMLError(
                    problem=f"clé « {key} » répétée", problem_mark=key_node.start_mark
                )
            child = (*path, str(key))
            lines.lines[child] = key_node.start_mark.line + 1
            result[key] = _construct(loader, value_node, child, lines, budget)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _construct(loader, item, (*path, index), lines, budget)
            for index, item in enumerate(node.value)
        ]
    return loader.construct_object(node, deep=True)


_PROBLEMS = {
    "mapping values are not allowed here": "« : » inattendu ; mettez le texte entre guillemets",
    "could not find expected ':'": "« : » attendu",
    "found character '\\t' that cannot start any token": (
        "tabulation interdite ; indentez avec des espaces"
    ),
    "expected <block end>, but found '-'": "indentation incohérente d'une liste",
    "found undefined alias": "alias (*) non défini",
    "found unhashable key": "clé non valide",
}


def _translate_problem(problem: str) -> str:
    """Return a French rendering of a PyYAML problem description."""
    for english, french in _PROBLEMS.items():
        if problem.startswith(english):
            return french
    if problem.startswith(("expected", "found")):
        return "structure ou indentation incorrecte"
    return problem


def read_text_file(path: Path) -> str:
    """Read a UTF-8 (with or without BOM) text file, refusing oversize files.

    Raises
    ------
    OSError, UnicodeDecodeError, ValueError
        When the file cannot be read, is not UTF-8, or is too large.
    """
    size = path.stat().st_size
    if size > MAX_YAML_BYTES:
        raise ValueError(
            f"fichier trop volumineux ({size // (1024 * 1024)} Mo ; "
            f"maximum {MAX_YAML_BYTES // (1024 * 1024)} Mo)"
        )
    return path.read_bytes().decode("utf-8-sig")


def dump_yaml(data: Any) -> str:
    """Serialise plain data to YAML: block style, keys in the given order, UTF-8 text."""
    text: str = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
    return text
