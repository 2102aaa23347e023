"""A short, JSON-ready description of a référentiel (what ``referentiels`` lists)."""

from __future__ import annotations

from typing import Any

from .lenses import LEGAL_LENS_IDS
from .models import IndicatorSet

__all__ = ["summarise_indicator_set"]


def summarise_indicator_set(indicator_set: IndicatorSet) -> dict[str, Any]:
    """Describe a référentiel: identity, counts and the criteria and themes it covers.

    Parameters
    ----------
    indicator_set
        A validated référentiel.

    Returns
    -------
    dict
        Keys ``id``, ``titre``, ``version``, ``sujet``, ``version_legale``, ``dimensions``,
        ``indicateurs``, ``indicateurs_notes``, ``indicateurs_repondant``,
        ``indicateurs_contexte``, ``criteres_2014``, ``criteres_2019``, ``themes_guide``,
        ``lentilles``, ``empreinte`` (SHA-256 of the content).
    """
    ref = indicator_set
    scored = ref.scored_indicators
    return {
        "id": ref.id,
        "titre": ref.title,
        "version": ref.version,
        "sujet": ref.subject,
        "version_legale": ref.legal_version,
        "dimensions": len(ref.dimensions),
        "indicateurs": len(ref.indicators),
        "indicateurs_notes": len(scored),
        "indicateurs_repondant": len(ref.respondent_indicators),
        "indicateurs_contexte": len(ref.indicators) - len(scored),
        "criteres_2014": ref.covered_groups(LEGAL_LENS_IDS["2014"]),
        "criteres_2019": ref.covered_groups(LEGAL_LENS_IDS["2019"]),
        "themes_guide": ref.covered_groups("guide"),
        "lentilles": [lens.id for lens in ref.lenses],
        "empreinte": ref.content_hash(),
    }
