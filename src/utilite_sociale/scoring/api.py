"""One call from files (or a table) to scores: what ``evaluer`` and notebooks use."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UsageError

if TYPE_CHECKING:
    import pandas as pd

    from ..framework.models import IndicatorSet
    from ..survey.reader import MemberFile
    from ..survey.validation import SurveyReport
    from .campaign import Campaign
    from .results import Scores
    from .sensitivity import Sensitivity

__all__ = ["Evaluation", "read_campaign", "score"]


@dataclass
class Evaluation:
    """Scores, with the verification of the files they come from."""

    scores: Scores
    report: SurveyReport | None
    sensitivity: Sensitivity | None = None

    @property
    def valid(self) -> bool:
        """No input file had an error."""
        return self.report is None or self.report.valid

    def _repr_html_(self) -> str:
        """Rich display in Jupyter: the files' verification, then the scores."""
        from .. import _html

        parts: list[str] = []
        report = self.report
        if report is not None:
            issues = report.issues
            errors = sum(issue.is_error for issue in issues)
            problems = (
                f"{_html.count(errors, 'erreur', 'erreurs')} et "
                f"{_html.count(len(issues) - errors, 'avertissement', 'avertissements')}"
            )
            parts.append(_html.paragraph(f"Vérification : {report.summary()}."))
            parts.append(
                _html.paragraph(
                    f"{problems} ; evaluation.report pour le détail, "
                    "evaluation.report.issue_rows() pour la liste.",
                    muted=True,
                )
            )
        scores = self.scores
        ref = scores.indicator_set
        parts.append(
            _html.paragraph(f"Scores selon le référentiel « {ref.id} », version {ref.version} :")
        )
        parts.append(scores._html_table())
        if self.sensitivity is not None:
            draws = _html.count(self.sensitivity.draws, "tirage", "tirages")
            parts.append(
                _html.paragraph(
                    f"Analyse de sensibilité : {draws} ; "
                    "evaluation.sensitivity.intervals() pour les intervalles.",
                    muted=True,
                )
            )
        return _html.block("Évaluation", *parts)


def read_campaign(
    sources: Sequence[Any],
    indicator_set: IndicatorSet,
    *,
    mapping: str | os.PathLike[str] | None = None,
) -> tuple[Campaign, SurveyReport | None]:
    """Read member files, folders and consolidated tables into one campaign.

    Parameters
    ----------
    sources
        Paths of member files (``.xlsx``, ``.ods``, ``.csv``…), folders of them, paths of
        consolidated tables (``.csv``/``.xlsx`` with a key column such as ``uCode``),
        DataFrames of such tables, or :class:`MemberFile` objects already read.
    indicator_set
        The référentiel.
    mapping
        A survey-tool mapping file: the files are then exports of respondents' answers
        (``docs/exports-enquetes.md``).

    Returns
    -------
    campaign, report
        The campaign, and the verification of the member files (``None`` if there were
        none). Rejected files are left out; files with errors are scored, their rejected
        cells counting as missing answers.
    """
    import pandas as pd

    from ..survey.reader import MemberFile
    from ..survey.validation import collect_files, validate_survey
    from .campaign import campaign_from_members, campaign_from_table

    tables: list[pd.DataFrame] = []
    members: list[MemberFile] = []
    paths: list[Path] = []
    for source in sources:
        if isinstance(source, pd.DataFrame):
            tables.append(source)
        elif isinstance(source, MemberFile):
            members.append(source)
        else:
            path = Path(source)
            if not path.exists():
                raise UsageError(f"Fichier introuvable : {path}")
            table = _table(path, indicator_set) if path.is_file() and not mapping else None
            if table is not None:
                tables.append(table)
            else:
                paths.append(path)
    report = None
    if paths:
        if not collect_files(paths):
            raise UsageError("Aucun fichier à évaluer (.xlsx, .xlsm, .ods, .xls ou .csv).")
        report = validate_survey(paths, indicator_set, mapping=mapping)
        members += [
            result.member
            for result in report.files
            if result.member is not None and result.status != "rejete"
        ]
    campaigns = [campaign_from_table(table, indicator_set) for table in tables]
    if members or not campaigns:
        campaigns.append(campaign_from_members(members, indicator_set))
    return _concat(campaigns), report


def _table(path: Path, ref: IndicatorSet) -> pd.DataFrame | None:
    """The file as a consolidated table, if its first row holds a key and indicator ids."""
    import pandas as pd

    from .campaign import KEY_COLUMNS

    suffix = path.suffix.lower()
    if suffix not in {".csv", ".xlsx", ".ods", ".xls", ".xlsm"}:
        return None
    ids = {indicator.id for indicator in ref.indicators}
    if suffix == ".csv":
        with path.open(encoding="utf-8-sig", errors="replace") as stream:
            header = stream.readline()
        separator = max(",;\t", key=header.count)
        names = [name.strip().strip('"') for name in header.strip().split(separator)]
        if not (set(names) & set(KEY_COLUMNS) and set(names) & ids):
            return None
        return pd.read_csv(
            path, sep=separator, keep_default_na=False, na_values=[""], encoding="utf-8-sig"
        )
    from ..survey.grid import read_grids

    _, grids = read_grids(path)
    first = grids[0]
    names = [str(value).strip() for value in first.row_values(0) if value is not None]
    if not (set(names) & set(KEY_COLUMNS) and set(names) & ids):
        return None
    width = len(first.row_values(0))
    columns = [
        str(value).strip() if value is not None else f"colonne {index + 1}"
        for index, value in enumerate(first.row_values(0))
    ]
    records = []
    for row in range(1, first.height):
        values = list(first.row_values(row))[:width]
        records.append(values + [None] * (width - len(values)))
    frame: pd.DataFrame = pd.DataFrame.from_records(records, columns=columns)
    return frame


def _concat(campaigns: list[Campaign]) -> Campaign:
    import pandas as pd

    from .campaign import Campaign

    if len(campaigns) == 1:
        return campaigns[0]
    return Campaign(
        keys=[key for c in campaigns for key in c.keys],
        periods=[period for c in campaigns for period in c.periods],
        values=pd.concat([c.values for c in campaigns], ignore_index=True),
        groups=pd.concat([c.groups for c in campaigns], ignore_index=True),
        respondents=pd.concat([c.respondents for c in campaigns], ignore_index=True),
        key_name=campaigns[0].key_name,
        names=[name for c in campaigns for name in (c.names or [None] * len(c))],
    )


def score(
    sources: Sequence[Any] | Any,
    indicator_set: IndicatorSet,
    *,
    normalisation: str | None = None,
    aggregation: str | None = None,
    imputation: str = "aucune",
    treatment: str = "aucun",
    denomination: bool | None = None,
    min_coverage: float | None = None,
    mapping: str | os.PathLike[str] | None = None,
    sensitivity: int | None = None,
    seed: int | None = None,
) -> Evaluation:
    """Score member files, folders or tables against a référentiel.

    Parameters
    ----------
    sources
        What :func:`read_campaign` accepts (one item or a list).
    indicator_set
        The référentiel (``load_indicator_set``).
    normalisation, aggregation, imputation, treatment
        The method options, spelled as on the command line (DESIGN §6): ``"minmax:1,100"``,
        ``"amean,gmean,gmean"``, ``"moyenne-groupe:departement"``, ``"winsor:5"``…
    denomination
        Divide indicators by their denominator (default: the référentiel's choice).
    min_coverage
        Minimum coverage of a node, 0 to 1 (default: the référentiel's).
    mapping
        A survey-tool mapping file, when the sources are survey-tool exports.
    sensitivity
        Number of Monte Carlo draws over the weights (± 20 %), for score and rank
        intervals (:func:`run_sensitivity` for more choices).
    seed
        Seed of those draws (a fixed default: results are reproducible).

    Returns
    -------
    Evaluation
        ``.scores`` (:class:`Scores`: ``wide()``, ``tidy()``, ``contributions()``…) and the
        files' verification report.

    Examples
    --------
    >>> ref = us.load_indicator_set("ess-socle")  # doctest: +SKIP
    >>> result = us.score("retours/", ref, imputation="moyenne")  # doctest: +SKIP
    >>> result.scores.wide().head()  # doctest: +SKIP
    """
    import pandas as pd

    from ..survey.reader import MemberFile
    from .engine import score_campaign
    from .options import (
        ScoringOptions,
        parse_aggregation,
        parse_imputation,
        parse_normalisation,
        parse_treatment,
    )

    if isinstance(sources, str | os.PathLike | pd.DataFrame | MemberFile):
        sources = [sources]
    if min_coverage is not None and not 0.0 <= min_coverage <= 1.0:
        raise UsageError(f"Seuil de couverture hors de [0 ; 1] : {min_coverage}.")
    options = ScoringOptions(
        normalisation=parse_normalisation(normalisation) if normalisation else None,
        aggregation=parse_aggregation(aggregation) if aggregation else None,
        imputation=parse_imputation(imputation),
        treatment=parse_treatment(treatment),
        denomination=denomination,
        min_coverage=min_coverage,
    )
    campaign, report = read_campaign(list(sources), indicator_set, mapping=mapping)
    scores = score_campaign(campaign, indicator_set, options=options)
    drawn = None
    if sensitivity:
        from .sensitivity import DEFAULT_SEED, run_sensitivity

        drawn = run_sensitivity(
            scores, draws=sensitivity, seed=DEFAULT_SEED if seed is None else seed
        )
    return Evaluation(scores, report, drawn)
