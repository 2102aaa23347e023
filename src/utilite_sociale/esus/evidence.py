"""Evidence for the main objective, read from the scores of a référentiel.

:func:`objective_evidence` turns an organisation's scores through the legal lenses
(``loi-2014``, ``loi-2019``) into the :class:`~.inputs.CriterionEvidence` that
:attr:`~.inputs.EsusInputs.objective` expects: the score and coverage of each art. 2
criterion, the indicators mapped to it with their own score and kind of fragility, and, for a
criterion that counts only through a link or an impact, the links the indicators show.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import TYPE_CHECKING

from ..framework.lenses import LEGAL_LENS_IDS
from ..reference import article2_version, main_objective_rule
from .inputs import CriterionEvidence, IndicatorEvidence

if TYPE_CHECKING:
    from ..framework.models import Indicator
    from ..scoring.results import Scores

__all__ = ["LINK_SOURCES", "objective_evidence"]

#: How each link of a criterion that counts only through a link or an impact is read from
#: the référentiel (a reading of this library, not a legal rule): an answered indicator
#: mapped to that criterion shows the link when it carries a kind of fragility
#: (``"fragilite"``) or is also mapped to the criterion named.
LINK_SOURCES: dict[str, tuple[str, ...]] = {
    "publics-vulnerables": ("fragilite", "ess2019-1"),
    "solidarites-territoriales": ("ess2019-2",),
    "education-citoyennete": ("ess2019-3",),
    "objectif-1": ("fragilite", "ess2014-1"),
    "objectif-2": ("ess2014-2",),
}


def _decimal(value: float) -> Decimal | None:
    return None if math.isnan(value) else Decimal(repr(float(value)))


def _subordinate(version: str) -> dict[str, tuple[str, ...]]:
    """Criteria of an art. 2 version that count only through a link: their admitted links."""
    rule = main_objective_rule(article2_version(version).start)
    return {
        item.criterion: tuple(key for key, _ in item.links) for item in rule.subordinate_criteria
    }


def _links(
    mapped: list[tuple[Indicator, Decimal | None]], lens: str, admitted: tuple[str, ...]
) -> tuple[str, ...]:
    found: list[str] = []
    for link in admitted:
        sources = LINK_SOURCES.get(link, ())
        for indicator, score in mapped:
            if score is None:
                continue
            groups = indicator.mappings.get(lens, {})
            if any(
                (source == "fragilite" and indicator.fragility) or groups.get(source, 0) > 0
                for source in sources
            ):
                found.append(link)
                break
    return tuple(found)


def objective_evidence(
    scores: Scores, organisation: str, *, period: str | None = None
) -> tuple[CriterionEvidence, ...]:
    """The art. 2 evidence of one organisation, from its scores.

    Parameters
    ----------
    scores : Scores
        Scores of a campaign (:func:`~utilite_sociale.score`, ``.scores``).
    organisation : str
        The organisation's key (member code, SIREN, RNA or file name).
    period : str or None, default None
        Its period, when the campaign holds several; ``None`` takes its last row.

    Returns
    -------
    tuple of CriterionEvidence
        One per criterion of each legal lens scored (2014 and 2019), in lens order; give it
        to :class:`~.inputs.EsusInputs` as ``objective`` (the checks keep the version in
        force at the request date).

    Raises
    ------
    KeyError
        If the organisation (and period) is not in the scores.

    Notes
    -----
    A criterion that counts only through a link or an impact (``ess2019-4``,
    ``ess2014-3``) gets the links shown by its answered indicators, read as
    :data:`LINK_SOURCES` says.
    """
    campaign = scores.campaign
    rows = [
        index
        for index, key in enumerate(campaign.keys)
        if key == organisation and (period is None or campaign.periods[index] == period)
    ]
    if not rows:
        where = f" pour la période « {period} »" if period is not None else ""
        raise KeyError(f"Organisation « {organisation} » absente des scores{where}.")
    row = rows[-1]
    shown = scores.shown_indicators()
    position = {code: index for index, code in enumerate(scores.tree.indicators)}
    evidence: list[CriterionEvidence] = []
    for version, lens in LEGAL_LENS_IDS.items():
        aggregated = scores.lenses.get(lens)
        if aggregated is None:
            continue
        subordinate = _subordinate(version)
        for column, criterion in enumerate(aggregated.nodes):
            mapped: list[tuple[Indicator, Decimal | None]] = []
            items: list[IndicatorEvidence] = []
            for indicator in scores.indicator_set.indicators:
                share = indicator.mappings.get(lens, {}).get(criterion, 0)
                if share <= 0:
                    continue
                index = position.get(indicator.id)
                score = None if index is None else _decimal(float(shown[row, index]))
                mapped.append((indicator, score))
                items.append(
                    IndicatorEvidence(
                        id=indicator.id,
                        label=indicator.label,
                        score=score,
                        fragility=tuple(indicator.fragility),
                        share=Decimal(repr(float(share))),
                    )
                )
            evidence.append(
                CriterionEvidence(
                    criterion=criterion,
                    score=_decimal(float(aggregated.scores[row, column])),
                    coverage=_decimal(float(aggregated.coverage[row, column])),
                    indicators=tuple(items),
                    links=_links(mapped, lens, subordinate.get(criterion, ())),
                )
            )
    return tuple(evidence)
