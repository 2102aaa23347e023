"""Guide des bonnes pratiques des entreprises de l'ESS (art. 3 of the ESS law).

Eight themes: the six themes listed in art. 3 I of the law and two added by the Conseil
supérieur de l'ESS (CSESS). Adoption and application dates come with them. All facts are read
from ``data/guide.yaml``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache
from typing import Any

from utilite_sociale.reference._data import (
    Certainty,
    LegalAct,
    Source,
    _act,
    _as_date,
    _as_int,
    _as_optional_int,
    _as_optional_str,
    _as_str,
    _certainty,
    _load,
    _sources,
)

__all__ = [
    "GuideAdoption",
    "GuideApplicationDate",
    "GuideObligations",
    "GuideTheme",
    "guide_adoption",
    "guide_application_dates",
    "guide_application_for",
    "guide_obligations",
    "guide_theme",
    "guide_themes",
]

_FILE = "guide.yaml"


def _raw() -> Any:
    return _load(_FILE)


@dataclass(frozen=True, slots=True)
class GuideTheme:
    """A theme of the Guide des bonnes pratiques.

    Parameters
    ----------
    id : str
        Stable id (``guide-gouvernance``, ``guide-concertation``, ``guide-territoire``,
        ``guide-emploi``, ``guide-usagers``, ``guide-diversite``,
        ``guide-developpement-durable``, ``guide-ethique``).
    number : int
        Order in the guide.
    label : str
        French label.
    legal_theme : int or None
        Number of the matching item of art. 3 I of the law, ``None`` for the themes added
        by the CSESS.
    certainty : Certainty
        How sure the fact is.
    sources : tuple of Source
        Where it was read.
    note : str or None
        French remark.
    """

    id: str
    number: int
    label: str
    legal_theme: int | None
    certainty: Certainty
    sources: tuple[Source, ...]
    note: str | None = None


@dataclass(frozen=True, slots=True)
class GuideApplicationDate:
    """From when ESS enterprises present the guide's practices at their general assembly.

    Parameters
    ----------
    id : str
        Stable id.
    label : str
        French description of the enterprises concerned.
    min_employees : int or None
        Minimum headcount of the enterprises concerned, ``None`` for all of them.
    start : datetime.date
        Date of application.
    certainty : Certainty
        How sure the date is.
    sources : tuple of Source
        Where it was read.
    note : str or None
        French remark.
    """

    id: str
    label: str
    min_employees: int | None
    start: datetime.date
    certainty: Certainty
    sources: tuple[Source, ...]
    note: str | None = None


@dataclass(frozen=True, slots=True)
class GuideAdoption:
    """Adoption of the guide by the CSESS.

    Parameters
    ----------
    first_version : datetime.date
        Approval of the first version in plenary session.
    final_version : datetime.date
        Adoption of the final version.
    act : LegalAct
        The guide itself.
    certainty : Certainty
        How sure the dates are.
    sources : tuple of Source
        Where they were read.
    note : str or None
        French remark.
    """

    first_version: datetime.date
    final_version: datetime.date
    act: LegalAct
    certainty: Certainty
    sources: tuple[Source, ...]
    note: str | None = None


@dataclass(frozen=True, slots=True)
class GuideObligations:
    """Time limits of art. 3 of the ESS law.

    Parameters
    ----------
    employee_threshold : int
        Headcount separating the two time limits of art. 3 IV.
    delay_below_threshold_years : int
        Years after publication of the guide for enterprises below the threshold.
    delay_from_threshold_years : int
        Years after publication for enterprises at or above the threshold.
    evaluation_period_years : int
        Period of the CSESS evaluation report (art. 3 III).
    certainty : Certainty
        How sure the facts are.
    sources : tuple of Source
        Where they were read.
    note : str or None
        French remark.
    """

    employee_threshold: int
    delay_below_threshold_years: int
    delay_from_threshold_years: int
    evaluation_period_years: int
    certainty: Certainty
    sources: tuple[Source, ...]
    note: str | None = None


@cache
def guide_themes() -> tuple[GuideTheme, ...]:
    """The eight themes of the guide, in order.

    Returns
    -------
    tuple of GuideTheme
        Six themes from art. 3 I of the law, then two added by the CSESS.
    """
    return tuple(
        GuideTheme(
            id=_as_str(item["id"]),
            number=_as_int(item["numero"]),
            label=_as_str(item["libelle"]),
            legal_theme=_as_optional_int(item["theme_legal"]),
            certainty=_certainty(item["certitude"]),
            sources=_sources(item["sources"]),
            note=_as_optional_str(item.get("note")),
        )
        for item in _raw()["themes"]
    )


def guide_theme(theme_id: str) -> GuideTheme:
    """Return one theme of the guide by its stable id.

    Parameters
    ----------
    theme_id : str
        E.g. ``"guide-gouvernance"``.

    Returns
    -------
    GuideTheme
        The theme.

    Raises
    ------
    LookupError
        If the id is unknown (the message lists the valid ids).
    """
    themes = guide_themes()
    for theme in themes:
        if theme.id == theme_id:
            return theme
    valid = ", ".join(f"« {t.id} »" for t in themes)
    msg = (
        f"Thème inconnu du guide des bonnes pratiques : « {theme_id} ». "
        f"Identifiants valides : {valid}."
    )
    raise LookupError(msg)


@cache
def guide_application_dates() -> tuple[GuideApplicationDate, ...]:
    """Dates from which the guide applies, by size of enterprise.

    Returns
    -------
    tuple of GuideApplicationDate
        Earliest first.
    """
    rows = tuple(
        GuideApplicationDate(
            id=_as_str(item["id"]),
            label=_as_str(item["libelle"]),
            min_employees=_as_optional_int(item["salaries_min"]),
            start=_as_date(item["debut"]),
            certainty=_certainty(item["certitude"]),
            sources=_sources(item["sources"]),
            note=_as_optional_str(item.get("note")),
        )
        for item in _raw()["dates_application"]
    )
    return tuple(sorted(rows, key=lambda row: row.start))


def guide_application_for(*, employees: int) -> GuideApplicationDate:
    """Return the application date of the guide for an enterprise of a given size.

    Parameters
    ----------
    employees : int
        Headcount of the enterprise.

    Returns
    -------
    GuideApplicationDate
        The earliest row that covers the enterprise.

    Raises
    ------
    ValueError
        If ``employees`` is negative.
    """
    if employees < 0:
        msg = f"L'effectif ne peut pas être négatif (reçu : {employees})."
        raise ValueError(msg)
    for row in guide_application_dates():
        if row.min_employees is None or employees >= row.min_employees:
            return row
    msg = "Données incohérentes : aucune date d'application du guide ne couvre cet effectif."
    raise LookupError(msg)


@cache
def guide_adoption() -> GuideAdoption:
    """Adoption dates of the guide by the CSESS.

    Returns
    -------
    GuideAdoption
        First version and final version dates.
    """
    raw = _raw()["adoption"]
    return GuideAdoption(
        first_version=_as_date(raw["premiere_version"]),
        final_version=_as_date(raw["version_definitive"]),
        act=_act(raw["acte"]),
        certainty=_certainty(raw["certitude"]),
        sources=_sources(raw["sources"]),
        note=_as_optional_str(raw.get("note")),
    )


@cache
def guide_obligations() -> GuideObligations:
    """Time limits and thresholds of art. 3 of the ESS law.

    Returns
    -------
    GuideObligations
        Headcount threshold, time limits and evaluation period.
    """
    raw = _raw()["obligations_article_3"]
    return GuideObligations(
        employee_threshold=_as_int(raw["seuil_salaries"]),
        delay_below_threshold_years=_as_int(raw["delai_moins_de_seuil_annees"]),
        delay_from_threshold_years=_as_int(raw["delai_seuil_et_plus_annees"]),
        evaluation_period_years=_as_int(raw["periodicite_rapport_evaluation_annees"]),
        certainty=_certainty(raw["certitude"]),
        sources=_sources(raw["sources"]),
        note=_as_optional_str(raw.get("note")),
    )
