"""The ESUS evidence pack of one organisation, from its workbook to a folder and a zip.

``SORTIE/`` holds (DESIGN §7): ``dossier-esus.pdf``, ``pieces/NN-intitule.pdf``,
``annexe.xlsx``, ``graphiques/*.png``, ``manifest.json`` and ``dossier-esus-<slug>.zip``
(everything else, entries sorted and dated the request date). The folder is written next
to its destination and moved into place at the end: a failure leaves no half dossier. With
the same inputs and ``date``, every file is byte for byte the same.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Issue, UsageError

if TYPE_CHECKING:
    from ..esus import EsusAssessment, EsusInputs
    from ..framework.models import IndicatorSet

__all__ = ["EsusDossier", "write_esus_dossier"]


@dataclass(frozen=True, slots=True)
class EsusDossier:
    """A dossier written.

    Attributes
    ----------
    folder
        The output folder.
    assessment
        The checks it shows.
    files
        Every file of the folder, relative to it, sorted (the zip included).
    archive
        The zip of the folder.
    """

    folder: Path
    assessment: EsusAssessment
    files: tuple[str, ...]
    archive: Path


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _assess(
    path: Path, ref: IndicatorSet, day: dt.date
) -> tuple[EsusAssessment, EsusInputs, list[Issue], str | None]:
    from ..esus import esus_inputs_from_member, objective_evidence, run_checks
    from ..scoring.campaign import campaign_from_members
    from ..scoring.engine import score_campaign
    from ..survey.validation import accepted_file

    result = accepted_file(path, ref, making="dossier")
    member = result.member
    assert member is not None
    inputs = esus_inputs_from_member(member, request_date=day)
    evidence: tuple[Any, ...] = ()
    if member.answers or member.respondents is not None:
        scores = score_campaign(campaign_from_members([member], ref), ref)
        try:
            evidence = objective_evidence(scores, member.key, period=member.period)
        except KeyError:
            evidence = ()
    inputs = dataclasses.replace(inputs, objective=evidence)
    try:
        assessment = run_checks(inputs, on=day)
    except ValueError as error:
        raise UsageError(f"--date : {error}") from None
    name = member.identity.get("org.nom")
    return assessment, inputs, list(result.issues), str(name) if name else None


def _methodology(ref: IndicatorSet, day: dt.date, issues: list[Issue]) -> list[tuple[str, str]]:
    from .. import __version__

    rows = [
        ("Outil", f"utilite-sociale {__version__}"),
        (
            "Référentiel",
            f"{ref.title} — id « {ref.id} », version {ref.version}, empreinte SHA-256 "
            f"{ref.content_hash()}",
        ),
        ("Date de la demande", f"{day.isoformat()} : versions des textes, SMIC, exercices clos"),
        (
            "Montants et rapports",
            "Calculés en décimal exact à partir des montants saisis ; les seuils sont comparés "
            "sans arrondi ; les pourcentages affichés sont tronqués à deux décimales, jamais "
            "arrondis vers le haut (un rapport juste sous un seuil ne s'affiche jamais égal au "
            "seuil).",
        ),
        (
            "Impact significatif",
            "Part des charges d'exploitation des activités d'utilité sociale dans le total des "
            "charges d'exploitation, sur le cumul des derniers exercices clos et pour chacun "
            "(tous les exercices clos pour une entreprise de moins de trois ans).",
        ),
        (
            "Plafonds de rémunération",
            "Par exercice : brut versé primes comprises ÷ quotité × 12 ÷ mois de présence ; "
            "référence annuelle = somme des SMIC mensuels en vigueur le 1er de chaque mois de "
            "l'exercice (ramenée à 12 mois), ou salaire minimum de branche s'il est supérieur ; "
            "avantages en nature montés à part (lecture qui les compte aussi montrée).",
        ),
        (
            "Objectif d'utilité sociale",
            "Scores des critères de l'article 2 de la loi ESS calculés avec le référentiel "
            "(lentille légale de la version en vigueur à la date de la demande) ; article des "
            "statuts déclaré dans le classeur.",
        ),
        (
            "Règles incertaines",
            "Chaque lecture possible est calculée et montrée ; le statut indique laquelle il "
            "retient (voir « Lectures possibles de la règle »).",
        ),
    ]
    errors = [issue for issue in issues if issue.is_error]
    if errors:
        rows.append(
            (
                "Réponses rejetées",
                f"{len(errors)} réponse(s) du classeur rejetée(s) comptent comme manquantes : "
                + " ; ".join(f"{i.where or i.indicator}" for i in errors[:10]),
            )
        )
    return rows


def write_esus_dossier(
    path: str | os.PathLike[str],
    *,
    referentiel: str | IndicatorSet,
    output: str | os.PathLike[str],
    date: dt.date | None = None,
    overwrite: bool = False,
) -> EsusDossier:
    """Check an organisation's ESUS conditions and write its evidence pack.

    Parameters
    ----------
    path
        The organisation's workbook (with its ``Finances ESUS`` sheet).
    referentiel
        The référentiel of the workbook (built-in id, path, or an IndicatorSet).
    output
        The folder to write (``SORTIE/``); it must not exist or be empty unless
        ``overwrite``.
    date
        The request date (law versions, SMIC, closed years, age) and the manifest's date;
        today by default.
    overwrite
        Replace a non-empty ``output``.

    Returns
    -------
    EsusDossier
        The folder, the assessment, the files written and the zip.

    Raises
    ------
    UsageError
        Missing file, non-empty output without ``overwrite``, date before the ESUS rules.
    InvalidDataError
        The workbook is rejected (unreadable, another référentiel…).
    """
    from .. import __version__
    from .._frozen import fixed_zip
    from .._paths import safe_filename
    from ..framework import load_indicator_set
    from ..framework.models import IndicatorSet
    from ._annexe import build_annexe
    from ._charts import dossier_charts
    from ._document import build_dossier_pdf
    from ._pieces import build_pieces

    source = Path(path)
    target = Path(output)
    if not source.is_file():
        raise UsageError(f"Fichier introuvable : {source}")
    if target.exists() and (not target.is_dir() or any(target.iterdir())) and not overwrite:
        raise UsageError(
            f"Le dossier de sortie {target} n'est pas vide : ajoutez --ecraser pour le remplacer."
        )
    ref = referentiel if isinstance(referentiel, IndicatorSet) else load_indicator_set(referentiel)
    day = date or dt.date.today()
    assessment, inputs, issues, name = _assess(source, ref, day)
    charts = dossier_charts(assessment)
    pieces = build_pieces(assessment, inputs, charts)
    files: dict[str, bytes] = {f"graphiques/{chart.name}.png": chart.png for chart in charts}
    files.update({f"pieces/{piece.file_name}": piece.pdf for piece in pieces})
    files["dossier-esus.pdf"] = build_dossier_pdf(
        assessment, inputs, pieces, charts, _methodology(ref, day, issues)
    )
    files["annexe.xlsx"] = build_annexe(assessment)
    source_bytes = source.read_bytes()
    manifest = {
        "outil": {"nom": "utilite-sociale", "version": __version__},
        "date_demande": day.isoformat(),
        "date_manifeste": day.isoformat(),
        "organisation": assessment.organisation,
        "statut": assessment.status.value,
        "referentiel": {
            "id": ref.id,
            "version": ref.version,
            "sha256": ref.content_hash(),
        },
        "entrees": [{"fichier": source.name, "sha256": _sha256(source_bytes)}],
        "textes": [
            {
                "texte": basis.article,
                "version": basis.version_label,
                "debut": basis.start.isoformat(),
                "fin": basis.end.isoformat() if basis.end else None,
                "certitude": str(basis.certainty.value),
            }
            for basis in assessment.law_versions
        ],
        "verifications": [
            {"id": check.id, "statut": check.status.value} for check in assessment.checks
        ],
        "fichiers": [
            {"fichier": name_, "sha256": _sha256(data)} for name_, data in sorted(files.items())
        ],
    }
    files["manifest.json"] = (
        json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    ).encode("utf-8")
    slug = safe_filename(name or source.stem, default="organisation")
    archive_name = f"dossier-esus-{slug}.zip"
    moment = dt.datetime.combine(day, dt.time())
    archive = fixed_zip(files, moment=moment)
    files[archive_name] = archive
    _write_folder(target, files, overwrite=overwrite)
    return EsusDossier(
        folder=target,
        assessment=assessment,
        files=tuple(sorted(files)),
        archive=target / archive_name,
    )


def _write_folder(target: Path, files: dict[str, bytes], *, overwrite: bool) -> None:
    """Write every file in a sibling folder, then move it into place (never half a dossier)."""
    parent = target.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=parent))
    mask = os.umask(0)
    os.umask(mask)
    staging.chmod(0o777 & ~mask)  # mkdtemp makes it private; the dossier is a normal folder
    try:
        for name, data in files.items():
            destination = staging / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(data)
        old: Path | None = None
        if target.exists():
            if not overwrite and (not target.is_dir() or any(target.iterdir())):
                raise UsageError(
                    f"Le dossier de sortie {target} n'est pas vide : ajoutez --ecraser."
                )
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}-ancien-", dir=parent))
            os.replace(target, old / "ancien")
        os.replace(staging, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
