"""Respondent-level answers, read by columns: the ``Réponses`` sheet and survey-tool exports.

One row per respondent, one column per question. Each column is dictionary-encoded, each
distinct answer parsed once, and the answers of every respondent obtained by indexing — so
100 000 respondents cost little more than their distinct answers. Every non-blank cell is
either used or reported (with its cell reference), and read = used + rejected.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import ERROR, WARNING, Issue, Severity
from ..framework.models import Indicator
from .answers import AnswerParser
from .grid import Grid
from .values import Parsed, cell_text, is_blank, normalise_text

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from numpy.typing import NDArray

__all__ = [
    "AnswerColumn",
    "ChoiceColumns",
    "RespondentTable",
    "cell_reference",
    "read_respondents",
]

#: Issue code of a rejected answer, by kind of problem.
PROBLEM_CODES = {"type": "type-invalide", "limites": "hors-limites", "liste": "hors-liste"}
#: What an unticked box holds, in the tools' exports (normalised).
_UNTICKED = {"0", "0.0", "n", "non", "no", "false", "faux", "unchecked", "non coche"}


@dataclass
class RespondentTable:
    """Respondent-level answers of one organisation, by indicator.

    Attributes
    ----------
    sheet
        The sheet (or CSV file) the answers come from.
    respondents
        Each respondent's label (the respondent column, else the data-row number).
    rows
        Each respondent's 0-based row in the sheet.
    values
        Numeric answers by indicator: one float per respondent, ``NaN`` when the respondent
        gave no usable answer.
    texts
        Text answers (free text, choices) by indicator: one per respondent, ``None`` if none.
    columns
        The 0-based sheet column each indicator was read from.
    """

    sheet: str
    respondents: list[str] = field(default_factory=list)
    rows: NDArray[np.int64] | None = None
    values: dict[str, NDArray[np.float64]] = field(default_factory=dict)
    texts: dict[str, list[str | None]] = field(default_factory=dict)
    columns: dict[str, int] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.respondents)

    def answered(self) -> set[str]:
        """The indicators at least one respondent answered."""
        import numpy as np

        found = {key for key, array in self.values.items() if bool(np.any(~np.isnan(array)))}
        found |= {key for key, texts in self.texts.items() if any(t is not None for t in texts)}
        return found

    def long(self, *, organisation: str, period: str | None, file: str) -> pd.DataFrame:
        """One row per answer, in the columns and types of the tidy table.

        Built by columns in Arrow (no Python loop over answers): 100 000 respondents × 60
        questions take about two seconds.
        """
        import numpy as np
        import pandas as pd
        import pyarrow as pa
        import pyarrow.compute as pc

        rows = self.rows if self.rows is not None else np.zeros(0, np.int64)
        indicators: list[str] = []
        picks: list[NDArray[np.int64]] = []
        numbers: list[NDArray[np.float64]] = []
        texts: list[Any] = []
        for indicator in self.columns:
            if indicator in self.texts:
                answers = self.texts[indicator]
                keep = np.flatnonzero([text is not None for text in answers])
                numbers.append(np.full(len(keep), np.nan))
                texts.append(pa.array([answers[i] for i in keep.tolist()], pa.large_string()))
            elif indicator in self.values:
                keep = np.flatnonzero(~np.isnan(self.values[indicator]))
                numbers.append(self.values[indicator][keep])
                texts.append(pa.nulls(len(keep), pa.large_string()))
            else:
                continue
            indicators.append(indicator)
            picks.append(keep)
        counts = np.array([len(keep) for keep in picks], dtype=np.int64)
        size = int(counts.sum())
        which = pa.array(np.repeat(np.arange(len(indicators), dtype=np.int32), counts))
        position = pa.array(np.concatenate(picks) if picks else np.zeros(0, np.int64))
        letters = pa.array([column_letter(self.columns[i]) for i in indicators], pa.large_string())
        row_numbers = pc.cast(pa.array(rows + 1), pa.large_string())
        cells = pc.binary_join_element_wise(
            letters.take(which), row_numbers.take(position), pa.scalar("", pa.large_string())
        )
        labels = pa.array(self.respondents, pa.large_string())

        def constant(value: str | None) -> Any:
            if value is None:
                return pa.nulls(size, pa.large_string())
            return pa.repeat(pa.scalar(value, pa.large_string()), size)

        string = pd.StringDtype()
        columns = {
            "organisation": constant(organisation),
            "periode": constant(period),
            "indicateur": pa.array(indicators, pa.large_string()).take(which),
            "repondant": labels.take(position),
            "valeur": np.concatenate(numbers) if numbers else np.zeros(0),
            "texte": pa.concat_arrays(texts) if texts else pa.nulls(0, pa.large_string()),
            "fichier": constant(file),
            "feuille": constant(self.sheet),
            "cellule": cells,
        }
        return pd.DataFrame(
            {
                name: values if name == "valeur" else pd.array(values, dtype=string)
                for name, values in columns.items()
            }
        )


@dataclass(frozen=True)
class AnswerColumn:
    """A column answering one respondent-level indicator.

    Attributes
    ----------
    indicator
        The indicator answered.
    column
        0-based column in the sheet.
    values
        Translations of the answers (normalised label → value the référentiel expects).
    """

    indicator: Indicator
    column: int
    values: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ChoiceColumns:
    """A multiple-choice question whose options each answer a yes/no indicator.

    Attributes
    ----------
    label
        The question, as the mapping names it (for messages).
    options
        Normalised option label → the yes/no indicator it answers.
    column
        The one column holding every ticked option (options in one cell), or ``None``.
    option_columns
        Normalised option label → its own column (one column per option).
    separator
        Separator of options in one cell; ``None`` for any of ``;``, ``,`` and a line break.
    """

    label: str
    options: Mapping[str, Indicator]
    column: int | None = None
    option_columns: Mapping[str, int] = field(default_factory=dict)
    separator: str | None = None


@dataclass
class Counters:
    """Non-blank answer cells read, used and rejected (read = used + rejected)."""

    read: int = 0
    used: int = 0
    rejected: int = 0


def column_letter(column: int) -> str:
    """Spreadsheet column letters of a 0-based column (``0`` → ``A``, ``27`` → ``AB``)."""
    letters = ""
    number = column + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def cell_reference(row: int, column: int) -> str:
    """``A1``-style reference of a 0-based cell."""
    return f"{column_letter(column)}{row + 1}"


def read_respondents(
    grid: Grid,
    *,
    first_row: int,
    parser: AnswerParser,
    file: str,
    answers: Sequence[AnswerColumn] = (),
    choices: Sequence[ChoiceColumns] = (),
    respondent_column: int | None = None,
    rows: NDArray[np.int64] | None = None,
) -> tuple[RespondentTable, list[Issue], Counters]:
    """Read respondents' answers from a sheet, column by column.

    Parameters
    ----------
    grid
        The sheet.
    first_row
        0-based row of the first respondent (below the headers).
    parser
        Parses answers by indicator.
    file
        File name, for the messages.
    answers, choices
        The columns to read.
    respondent_column
        Column labelling respondents (an identifier, never a name), if any.
    rows
        The 0-based rows to read (default: every row from ``first_row``).

    Returns
    -------
    table, issues, counters
        The answers, every problem met (cell by cell), and the cells read, used, rejected.
        A row where every read column is blank is not a respondent.
    """
    import numpy as np

    if rows is None:
        rows = np.arange(first_row, grid.height, dtype=np.int64)
    state = _State(grid, file, rows)
    encoded = {
        column: state.encode(column)
        for column in {item.column for item in answers}
        | {item.column for item in choices if item.column is not None}
        | {column for item in choices for column in item.option_columns.values()}
    }
    answered = np.zeros(len(rows), bool)
    for codes, blank in encoded.values():
        answered |= ~blank[codes]
    kept = np.flatnonzero(answered)
    labels = state.labels(respondent_column, kept, first_row)
    kept, labels = state.drop_duplicates(kept, labels, encoded, respondent_column)
    table = RespondentTable(grid.name, labels, rows[kept])
    for item in answers:
        state.read_answers(table, item, encoded[item.column], kept, parser)
    for choice in choices:
        state.read_choices(table, choice, encoded, kept)
    return table, state.issues, state.counters


class _State:
    def __init__(self, grid: Grid, file: str, rows: NDArray[np.int64]) -> None:
        self.grid = grid
        self.file = file
        self.rows = rows
        self.issues: list[Issue] = []
        self.counters = Counters()
        self.uniques: dict[int, list[Any]] = {}

    def issue(
        self,
        code: str,
        message: str,
        row: int,
        column: int,
        *,
        severity: Severity = ERROR,
        indicator: str | None = None,
        found: Any = None,
        fix: str | None = None,
    ) -> None:
        self.issues.append(
            Issue(
                code=code,
                message=message,
                severity=severity,
                file=self.file,
                sheet=self.grid.name,
                cell=cell_reference(row, column),
                indicator=indicator,
                found=None if found is None else cell_text(found),
                fix=fix,
            )
        )

    def encode(self, column: int) -> tuple[NDArray[np.int32], NDArray[np.bool_]]:
        """Codes of the rows read (``-1`` blank) and, per code, whether it is blank.

        The blank flags have one more entry, for ``-1``: indexing them by the codes gives
        the blank cells directly.
        """
        import numpy as np

        encoded = self.grid.column(column)
        codes = encoded.codes[self.rows]
        self.uniques[column] = encoded.uniques
        blank = np.array([is_blank(value) for value in encoded.uniques] + [True], dtype=bool)
        return codes, blank

    def labels(self, column: int | None, kept: NDArray[np.int64], first_row: int) -> list[str]:
        numbers = [str(int(row) - first_row + 1) for row in self.rows[kept]]
        if column is None:
            return numbers
        encoded = self.grid.column(column)
        texts = [cell_text(value) for value in encoded.uniques]
        codes = encoded.codes[self.rows[kept]].tolist()
        return [
            texts[code] if code >= 0 and texts[code] else number
            for code, number in zip(codes, numbers, strict=True)
        ]

    def drop_duplicates(
        self,
        kept: NDArray[np.int64],
        labels: list[str],
        encoded: Mapping[int, tuple[NDArray[np.int32], NDArray[np.bool_]]],
        respondent_column: int | None,
    ) -> tuple[NDArray[np.int64], list[str]]:
        import numpy as np

        first: dict[str, int] = {}
        duplicates: list[int] = []
        for position, label in enumerate(labels):
            if label in first:
                duplicates.append(position)
            else:
                first[label] = position
        if not duplicates:
            return kept, labels
        for position in duplicates:
            row = int(self.rows[kept[position]])
            cells = sum(int(not blank[codes[kept[position]]]) for codes, blank in encoded.values())
            self.counters.read += cells
            self.counters.rejected += cells
            earlier = int(self.rows[kept[first[labels[position]]]]) + 1
            self.issue(
                "id-duplique",
                f"Le répondant « {labels[position]} » a déjà une ligne (ligne {earlier}) : "
                f"les {cells} réponses de cette ligne sont ignorées.",
                row,
                respondent_column if respondent_column is not None else 0,
                found=labels[position],
                fix="Donnez à chaque répondant un numéro différent.",
            )
        keep = np.ones(len(kept), bool)
        keep[duplicates] = False
        return kept[keep], [label for label, flag in zip(labels, keep, strict=True) if flag]

    def read_answers(
        self,
        table: RespondentTable,
        item: AnswerColumn,
        encoded: tuple[NDArray[np.int32], NDArray[np.bool_]],
        kept: NDArray[np.int64],
        parser: AnswerParser,
    ) -> None:
        import numpy as np

        indicator = item.indicator
        codes = encoded[0][kept]
        blank = encoded[1]
        uniques = self.uniques[item.column]
        parsed = [
            parser.parse(indicator, _translate(value, item.values), per_respondent=True)
            for value in uniques
        ]
        ok = np.array([p.ok for p in parsed] + [False], dtype=bool)
        numbers = np.array(
            [p.value if p.ok and isinstance(p.value, float) else math.nan for p in parsed]
            + [math.nan]
        )
        present = ~blank[codes]
        used = present & ok[codes]
        self.counters.read += int(present.sum())
        self.counters.used += int(used.sum())
        self.counters.rejected += int((present & ~ok[codes]).sum())
        table.columns[indicator.id] = item.column
        texts = [p.value if p.ok and isinstance(p.value, str) else None for p in parsed]
        if any(text is not None for text in texts):
            table.texts[indicator.id] = [
                texts[code] if flag else None
                for code, flag in zip(codes.tolist(), used.tolist(), strict=True)
            ]
        else:
            table.values[indicator.id] = np.where(used, numbers[codes], math.nan)
        self.report(item.column, indicator.id, codes, present, parsed, uniques, kept)

    def report(
        self,
        column: int,
        indicator: str,
        codes: NDArray[np.int32],
        present: NDArray[np.bool_],
        parsed: Sequence[Parsed],
        uniques: Sequence[Any],
        kept: NDArray[np.int64],
    ) -> None:
        import numpy as np

        flagged = np.array([(not p.ok) or bool(p.warning) for p in parsed] + [False], dtype=bool)
        for position in np.flatnonzero(present & flagged[codes]).tolist():
            code = int(codes[position])
            result, raw = parsed[code], uniques[code]
            row = int(self.rows[kept[position]])
            if not result.ok:
                self.issue(
                    PROBLEM_CODES[result.kind],
                    result.problem or "Réponse illisible.",
                    row,
                    column,
                    indicator=indicator,
                    found=raw,
                    fix="Corrigez la réponse ou laissez la cellule vide.",
                )
            else:
                self.issue(
                    "valeur-ajustee",
                    result.warning or "",
                    row,
                    column,
                    severity=WARNING,
                    indicator=indicator,
                    found=raw,
                )

    def read_choices(
        self,
        table: RespondentTable,
        choice: ChoiceColumns,
        encoded: Mapping[int, tuple[NDArray[np.int32], NDArray[np.bool_]]],
        kept: NDArray[np.int64],
    ) -> None:
        if choice.option_columns:
            self._choices_by_column(table, choice, encoded, kept)
        if choice.column is not None:
            self._choices_in_cell(table, choice, encoded[choice.column], kept)

    def _choices_by_column(
        self,
        table: RespondentTable,
        choice: ChoiceColumns,
        encoded: Mapping[int, tuple[NDArray[np.int32], NDArray[np.bool_]]],
        kept: NDArray[np.int64],
    ) -> None:
        import numpy as np

        ticked: dict[str, NDArray[np.bool_]] = {}
        answered = np.zeros(len(kept), bool)
        for option, column in choice.option_columns.items():
            codes = encoded[column][0][kept]
            present = ~encoded[column][1][codes]
            unticked = np.array(
                [normalise_text(cell_text(value)) in _UNTICKED for value in self.uniques[column]]
                + [True],
                dtype=bool,
            )
            ticked[option] = ~unticked[codes]
            answered |= present
            self.counters.read += int(present.sum())
            self.counters.used += int(present.sum())
        for option, indicator in choice.options.items():
            own = choice.option_columns.get(option)
            if own is None:
                continue
            table.columns[indicator.id] = own
            table.values[indicator.id] = np.where(answered, ticked[option].astype(float), math.nan)

    def _choices_in_cell(
        self,
        table: RespondentTable,
        choice: ChoiceColumns,
        encoded: tuple[NDArray[np.int32], NDArray[np.bool_]],
        kept: NDArray[np.int64],
    ) -> None:
        import numpy as np

        assert choice.column is not None
        codes = encoded[0][kept]
        present = ~encoded[1][codes]
        uniques = self.uniques[choice.column]
        split = [
            _split_options(cell_text(value), choice.options, choice.separator) for value in uniques
        ]
        self.counters.read += int(present.sum())
        self.counters.used += int(present.sum())
        for option, indicator in choice.options.items():
            if option in choice.option_columns:
                continue
            ticked = np.array([option in found for found, _ in split] + [False], dtype=float)
            table.columns[indicator.id] = choice.column
            table.values[indicator.id] = np.where(present, ticked[codes], math.nan)
        unknown = np.array([bool(rest) for _, rest in split] + [False], dtype=bool)
        for position in np.flatnonzero(present & unknown[codes]).tolist():
            rest = split[int(codes[position])][1]
            shown = " ; ".join(f"« {token} »" for token in rest)
            self.issue(
                "option-inconnue",
                f"Question « {choice.label} » : {shown} n'est pas une option prévue par la "
                "correspondance ; ignoré, les autres options cochées sont lues.",
                int(self.rows[kept[position]]),
                choice.column,
                severity=WARNING,
                found=uniques[int(codes[position])],
                fix="Ajoutez l'option sous « choix » dans la correspondance si elle doit compter.",
            )


def _split_options(
    text: str, options: Mapping[str, Indicator], separator: str | None
) -> tuple[set[str], list[str]]:
    """Options found in one cell (normalised labels) and the unknown rest, as typed."""
    if separator is None or not separator.strip():
        pattern = r"\s*[;,\n]\s*" if separator is None else r"\s+"
    else:
        pattern = r"\s*" + re.escape(separator.strip()) + r"\s*"
    normalised = normalise_text(text)
    found: set[str] = set()
    # Longest labels first, so that an option containing a separator is matched whole.
    for option in sorted(options, key=len, reverse=True):
        match = re.search(rf"(?:^|{pattern}){re.escape(option)}(?={pattern}|$)", normalised)
        if match:
            found.add(option)
            normalised = normalised[: match.start()] + "\n" + normalised[match.end() :]
    rest_pattern = rf"{pattern}|\n"
    rest = [token.strip() for token in re.split(rest_pattern, normalised) if token.strip()]
    if rest:
        # Report the unknown part as the person typed it when it can be found again.
        originals = [t.strip() for t in re.split(pattern, text) if t.strip()]
        by_norm = {normalise_text(token): token for token in originals}
        rest = [by_norm.get(token, token) for token in rest]
    return found, rest


def _translate(value: Any, table: Mapping[str, Any]) -> Any:
    if not table or value is None:
        return value
    return table.get(normalise_text(cell_text(value)), value)
