"""``utilite-sociale demo``: the whole pipeline on the bundled example campaign.

The fictional « Fédération exemple Occitanie » (:mod:`utilite_sociale.examples`) is written,
then everything a federation does with the tool is done on it: next year's templates, the
verification of the returned files with annotated copies, scores, member reports, the
campaign report and workbook, and the ESUS dossier of the member that prepares its
application. The example files with mistakes are there on purpose: they are reported and
annotated, and the command still exits 0 once every output is written.
"""

from __future__ import annotations

import time
from pathlib import Path

from .._render import console

__all__ = ["run_demo"]

#: The member whose ESUS dossier the demo prepares (the one meeting every condition).
DOSSIER_MEMBER = "OCC-001"

_README = """# Démonstration de utilite-sociale

Tout ce dossier a été produit par `utilite-sociale demo` à partir d'une fédération
**fictive** (« Fédération exemple Occitanie », 12 membres inventés, sans SIREN ni RNA).

- `donnees/` : les classeurs renvoyés par les membres pour 2023 et 2024 (certains avec des
  erreurs typiques, exprès) et la liste des membres `membres.csv` ;
- `modeles-{next}/` : les classeurs à envoyer aux membres pour la campagne {next}, identité
  pré-remplie (`modele --membres`) ;
- `verification/problemes.csv` : tous les problèmes trouvés dans les fichiers renvoyés,
  cellule par cellule ;
- `campagne/rapports/` : le rapport PDF de chaque membre, pour chaque année ;
- `campagne/a-renvoyer/` : les copies annotées des fichiers à corriger, à renvoyer ;
- `campagne/resultats-campagne.xlsx` : scores, couverture, comparaisons, méthodes, problèmes ;
- `campagne/rapport-campagne.pdf` : le rapport de campagne pour le conseil d'administration ;
- `dossier-esus-{member}/` : le dossier de demande d'agrément ESUS de {member} (PDF, pièces,
  annexe Excel, archive à déposer).
"""


def run_demo(*, output: Path, overwrite: bool) -> int:
    """Run the command; return 0 once every output is written."""
    from rich.markup import escape

    from .._atomic import atomic_write_text
    from ..dossier import write_esus_dossier
    from ..examples import write_example_campaign
    from ..framework import load_indicator_set
    from ..survey.members import write_member_templates
    from ..survey.validation import validate_survey
    from .campagne import _prepare_output, run_campaign

    started = time.perf_counter()
    _prepare_output(output, overwrite=overwrite)
    output.mkdir(parents=True, exist_ok=True)
    out = console()
    example = write_example_campaign(output / "donnees")
    ref = load_indicator_set(example.indicator_set_id)
    folders = [example.folder / period for period in example.periods]
    out.print(
        f"Données d'exemple : {len(example.members)} membres fictifs, "
        f"{len(example.files)} classeurs ({', '.join(example.periods)}) dans "
        f"{escape(str(example.folder))}"
    )
    following = str(int(max(example.periods)) + 1)
    templates = write_member_templates(
        ref,
        example.members_csv,
        output / f"modeles-{following}",
        period=following,
        esus=True,
        today=example.request_date,
    )
    out.print(
        f"Modèles pour {following} : {len(templates.written)} classeurs dans "
        f"{escape(str(output / f'modeles-{following}'))}"
    )
    report = validate_survey(folders, ref)
    problems = report.write_csv(output / "verification" / "problemes.csv")
    counts = report.counts()
    errors = sum(1 for issue in report.issues if issue.is_error)
    out.print(
        f"Vérification : {counts['fichiers_lus']} fichiers, {errors} erreur(s) et "
        f"{len(report.issues) - errors} avertissement(s) listés dans {escape(str(problems))}"
    )
    run = run_campaign(folders, ref, output / "campagne")
    out.print(
        f"Campagne : {run.reports} rapports de membres, {len(run.annotated)} copies annotées, "
        f"résultats et rapport de campagne dans {escape(str(run.output))}"
    )
    member = example.member(DOSSIER_MEMBER)
    latest = dict(member.files)[max(dict(member.files))]
    dossier = write_esus_dossier(
        latest,
        referentiel=ref,
        output=output / f"dossier-esus-{DOSSIER_MEMBER.lower()}",
        date=example.request_date,
        overwrite=True,
    )
    out.print(
        f"Dossier ESUS de {escape(member.name)} ({dossier.assessment.summary}) : "
        f"{escape(str(dossier.folder / 'dossier-esus.pdf'))}"
    )
    atomic_write_text(
        output / "LISEZ-MOI.md",
        _README.format(next=following, member=DOSSIER_MEMBER.lower()),
    )
    elapsed = time.perf_counter() - started
    out.print(
        f"Terminé en {elapsed:.0f} s. Ouvrez d'abord "
        f"{escape(str(run.output / 'rapport-campagne.pdf'))}, puis un rapport de membre dans "
        f"{escape(str(run.output / 'rapports'))} ; le guide des dossiers : "
        f"{escape(str(output / 'LISEZ-MOI.md'))}."
    )
    return 0
