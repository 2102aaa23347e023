"""Where a value of a référentiel came from: a YAML line or a workbook cell."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

Path_ = tuple[str | int, ...]

__all__ = ["CellMap", "Location", "Locator", "Path_"]


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a source file; ``order`` sorts issues in reading order."""

    line: int | None = None
    sheet: str | None = None
    cell: str | None = None
    order: tuple[int, ...] = ()


class Locator(Protocol):
    """Anything that maps a path inside the parsed data to its place in the source file."""

    def locate(self, path: Path_) -> Location:
        """Return the location of ``path`` or of its closest known ancestor."""
        ...


@dataclass(slots=True)
class CellMap:
    """Locator for workbooks: path → (sheet, cell), with sheets ordered as in the file."""

    cells: dict[Path_, tuple[str, str, int, int]] = field(default_factory=dict)

    def add(self, path: Path_, sheet: str, cell: str, sheet_index: int, row: int) -> None:
        """Record the cell of ``path`` and, if not known yet, of each of its ancestors."""
        for end in range(len(path), 0, -1):
            self.cells.setdefault(path[:end], (sheet, cell, sheet_index, row))

    def locate(self, path: Path_) -> Location:
        """Return the cell of ``path`` or of its closest recorded ancestor."""
        probe = tuple(path)
        while probe:
            if probe in self.cells:
                sheet, cell, sheet_index, row = self.cells[probe]
                return Location(sheet=sheet, cell=cell, order=(sheet_index, row))
            probe = probe[:-1]
        return Location()
