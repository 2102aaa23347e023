"""Parse one answer by its indicator's expected type, remembering what was already parsed."""

from __future__ import annotations

from typing import Any

from ..framework.models import Indicator, IndicatorSet
from .values import Parsed

__all__ = ["AnswerParser"]

#: Most distinct answers remembered per file.
_CACHE_SIZE = 100_000


class AnswerParser:
    """Parse answers of one référentiel, caching by (indicator, value).

    Respondents give the same few answers again and again: each distinct value of each
    indicator is parsed once.

    Parameters
    ----------
    indicator_set
        The référentiel whose indicators the answers belong to.
    """

    def __init__(self, indicator_set: IndicatorSet) -> None:
        self.ref = indicator_set
        self.cache: dict[tuple[Any, ...], Parsed] = {}

    def parse(
        self, indicator: Indicator, raw: Any, *, per_respondent: bool, percent: bool = False
    ) -> Parsed:
        """Parse ``raw`` as an answer to ``indicator``.

        Parameters
        ----------
        indicator
            The indicator answered.
        raw
            The cell value (number, text, date…).
        per_respondent
            ``True`` for one respondent's answer; ``False`` for the organisation's own row,
            which for a respondent-level indicator holds the aggregate of its respondents.
        percent
            The cell is formatted as a percentage (Excel stores « 45 % » as 0.45).
        """
        try:
            key = (indicator.id, type(raw), raw, per_respondent, percent)
            cached = self.cache.get(key)
        except TypeError:  # an unhashable value: parse it, don't remember it
            return self._parse(indicator, raw, per_respondent, percent=percent)
        if cached is None:
            cached = self._parse(indicator, raw, per_respondent, percent=percent)
            if len(self.cache) < _CACHE_SIZE:
                self.cache[key] = cached
        return cached

    def _parse(
        self, indicator: Indicator, raw: Any, per_respondent: bool, *, percent: bool
    ) -> Parsed:
        from . import values

        answer = indicator.answer
        if indicator.level == "repondant" and not per_respondent:
            # The organisation's own aggregate of its respondents' answers.
            if indicator.aggregation == "part-favorable":
                return values.parse_percentage(raw, percent_formatted=percent)
            size = len(self.ref.scale_labels(answer.scale)) if answer.scale else None
            low = 1.0 if size else answer.min
            high = float(size) if size else answer.max
            return values.parse_number(raw, minimum=low, maximum=high)
        kind = answer.type
        if kind == "likert":
            return values.parse_likert(raw, self.ref.scale_labels(answer.scale or ""))
        if kind == "oui-non":
            return values.parse_yes_no(raw)
        if kind == "choix":
            choices = [(choice.value, choice.label) for choice in answer.choices or []]
            return values.parse_choice(raw, choices)
        if kind == "pourcentage":
            parsed = values.parse_percentage(raw, percent_formatted=percent)
            return _within(parsed, answer.min, answer.max)
        if kind == "effectif":
            low = answer.min if answer.min is not None else 0.0
            return values.parse_number(raw, integer=True, minimum=low, maximum=answer.max)
        if kind in {"nombre", "montant"}:
            return values.parse_number(raw, minimum=answer.min, maximum=answer.max)
        return values.parse_text(raw)


def _within(parsed: Parsed, low: float | None, high: float | None) -> Parsed:
    from .._format import format_number

    value = parsed.value
    if not parsed.ok or not isinstance(value, float):
        return parsed
    if (low is not None and value < low) or (high is not None and value > high):
        shown_low = format_number(low if low is not None else 0, 0)
        shown_high = format_number(high if high is not None else 100, 0)
        return Parsed(
            None,
            problem=f"{format_number(value, 1)} % est hors limites : pourcentage attendu entre "
            f"{shown_low} et {shown_high} %.",
            kind="limites",
        )
    return parsed
