"""Command line ``utilite-sociale``: parse, call the library, render, exit.

Exit codes: 0 done; 1 some input is invalid; 2 usage error (bad option, missing file);
3 unexpected internal error (traceback only with ``--debug``). Heavy modules (pydantic,
PyYAML, the library itself) are imported inside the commands, so ``--help`` starts fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ._cli_fr import FrenchCommand, FrenchGroup, translate_usage_error

__all__ = ["app", "main"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

app = typer.Typer(
    name="utilite-sociale",
    cls=FrenchGroup,
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=(
        "Mesurer, piloter et prouver l'utilité sociale des organisations de l'ESS : "
        "référentiels d'indicateurs, classeurs d'auto-évaluation, scores, rapports et "
        "dossier d'agrément ESUS."
    ),
    epilog="Documentation : docs/ dans le projet. Code de sortie : 0 réussi, 1 données "
    "invalides, 2 erreur d'utilisation, 3 erreur interne.",
)

DebugOption = Annotated[
    bool, typer.Option("--debug", help="Afficher le détail technique (trace) en cas d'erreur.")
]


def _print_version(value: bool) -> None:
    if value:
        from . import __version__

        print(f"utilite-sociale {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Afficher la version et quitter.",
            is_eager=True,
            callback=_print_version,
        ),
    ] = False,
) -> None:
    """Mesurer, piloter et prouver l'utilité sociale des organisations de l'ESS."""


ReferentielOption = Annotated[
    str,
    typer.Option(
        "-r",
        "--referentiel",
        metavar="REF",
        help="Identifiant d'un référentiel fourni, ou fichier .yaml/.xlsx.",
    ),
]

#: ``-o SORTIE/`` of the commands that write a folder.
OutputFolderOption = Annotated[
    Path, typer.Option("-o", "--sortie", metavar="SORTIE/", help="Le dossier à écrire.")
]
#: ``--ecraser`` of the commands that write a folder.
OverwriteOption = Annotated[
    bool,
    typer.Option("--ecraser", help="Remplacer le dossier de sortie s'il n'est pas vide."),
]
MappingOption = Annotated[
    Path | None,
    typer.Option(
        "--correspondance",
        metavar="FICHIER",
        help="Les fichiers sont des exports d'un outil d'enquête en ligne (Kobo, LimeSurvey, "
        "Google Forms…) : ce fichier (.yaml, .xlsx, .csv) dit quelle colonne répond à quel "
        "indicateur.",
        show_default=False,
    ),
]


class _ExitError(Exception):
    """Raised by a command to end with a given exit code after printing."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


@app.command(
    "referentiels",
    cls=FrenchCommand,
    help=(
        "Lister les référentiels fournis, ou valider et résumer des fichiers de référentiel.\n\n"
        "Sans argument : la liste des référentiels fournis avec la bibliothèque. Avec des "
        "chemins (.yaml) ou des identifiants : valide chacun et affiche son résumé, ou toutes "
        "ses erreurs (code de sortie 1).\n\n"
        "Exemples :\n\n"
        "  utilite-sociale referentiels\n\n"
        "  utilite-sociale referentiels mon-referentiel.yaml\n\n"
        "  utilite-sociale referentiels ess-socle --exporter mon-referentiel.yaml"
    ),
)
def referentiels(
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="CHEMIN|ID",
            help="Fichiers de référentiel (.yaml) ou identifiants de référentiels fournis.",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Écrire le résultat en JSON sur la sortie standard.")
    ] = False,
    exporter: Annotated[
        Path | None,
        typer.Option(
            "--exporter",
            metavar="FICHIER",
            help="Exporter le référentiel désigné vers ce fichier (.yaml) pour l'adapter.",
            show_default=False,
        ),
    ] = None,
    schema: Annotated[
        bool,
        typer.Option("--schema", help="Écrire le schéma JSON du format de référentiel."),
    ] = False,
    debug: DebugOption = False,
) -> None:
    from .commands.referentiels import run_referentiels

    code = run_referentiels(list(sources or []), as_json=as_json, exporter=exporter, schema=schema)
    if code:
        raise _ExitError(code)


@app.command(
    "modele",
    cls=FrenchCommand,
    help=(
        "Créer le classeur d'auto-évaluation que les membres remplissent.\n\n"
        "Avec --membres, un classeur par membre, identité pré-remplie et verrouillée, dans le "
        "dossier -o.\n\n"
        "Exemples :\n\n"
        "  utilite-sociale modele -r ess-socle -o auto-evaluation-2025.xlsx --periode 2025\n\n"
        "  utilite-sociale modele -r uriopss-occitanie-2018-2022 --membres membres.csv "
        '-o envois/ --date-limite 31/03/2026 --contact "Karim, 05 61 00 00 00"'
    ),
)
def modele(
    referentiel: ReferentielOption,
    output: Annotated[
        Path,
        typer.Option(
            "-o",
            "--sortie",
            metavar="FICHIER|DOSSIER",
            help="Classeur .xlsx à écrire (dossier avec --membres).",
        ),
    ],
    esus: Annotated[
        bool, typer.Option("--esus", help="Ajouter la feuille « Finances ESUS ».")
    ] = False,
    repondants: Annotated[
        bool,
        typer.Option(
            "--repondants",
            help="Ajouter la feuille « Réponses » (une ligne par personne interrogée).",
        ),
    ] = False,
    periode: Annotated[
        str | None,
        typer.Option(
            "--periode",
            metavar="P",
            help="Période évaluée : AAAA ou AAAA-AAAA.",
            show_default=False,
        ),
    ] = None,
    date_limite: Annotated[
        str | None,
        typer.Option(
            "--date-limite",
            metavar="D",
            help="Date limite de retour (JJ/MM/AAAA).",
            show_default=False,
        ),
    ] = None,
    contact: Annotated[
        str | None,
        typer.Option(
            "--contact", metavar="C", help="Qui contacter en cas de question.", show_default=False
        ),
    ] = None,
    membres: Annotated[
        Path | None,
        typer.Option(
            "--membres",
            metavar="MEMBRES.CSV",
            help="Liste des membres (code_adherent;nom;siren;rna;…).",
            show_default=False,
        ),
    ] = None,
    ecraser: Annotated[
        bool, typer.Option("--ecraser", help="Écrire dans un dossier -o non vide.")
    ] = False,
    debug: DebugOption = False,
) -> None:
    from .commands.modele import run_modele

    code = run_modele(
        referentiel=referentiel,
        output=output,
        esus=esus,
        respondents=repondants,
        period=periode,
        deadline=date_limite,
        contact=contact,
        members=membres,
        overwrite=ecraser,
    )
    if code:
        raise _ExitError(code)


@app.command(
    "verifier",
    cls=FrenchCommand,
    help=(
        "Vérifier des fichiers renvoyés par les membres : toutes les erreurs, cellule par "
        "cellule, et ce qui a été lu, utilisé ou rejeté.\n\n"
        "Code de sortie : 0 si aucun fichier n'a d'erreur (avertissements admis), 1 sinon.\n\n"
        "Exemples :\n\n"
        "  utilite-sociale verifier auto-evaluation-2025.ods -r ess-socle\n\n"
        "  utilite-sociale verifier retours/ -r uriopss-occitanie-2018-2022 --json"
    ),
)
def verifier(
    fichiers: Annotated[
        list[Path],
        typer.Argument(
            metavar="FICHIER", help="Fichiers .xlsx, .xlsm, .ods, .xls, .csv, ou dossiers."
        ),
    ],
    referentiel: ReferentielOption,
    as_json: Annotated[
        bool, typer.Option("--json", help="Écrire le rapport en JSON sur la sortie standard.")
    ] = False,
    annoter: Annotated[
        Path | None,
        typer.Option(
            "--annoter",
            metavar="DOSSIER",
            help="Écrire dans ce dossier une copie annotée (.annote.xlsx) de chaque "
            "fichier qui a des problèmes, à renvoyer au membre.",
            show_default=False,
        ),
    ] = None,
    correspondance: MappingOption = None,
    problemes: Annotated[
        Path | None,
        typer.Option(
            "--problemes",
            metavar="FICHIER.csv",
            help="Écrire aussi la liste des problèmes dans ce fichier CSV (une ligne par "
            "problème, à trier et filtrer dans un tableur).",
            show_default=False,
        ),
    ] = None,
    debug: DebugOption = False,
) -> None:
    from .commands.verifier import run_verifier

    code = run_verifier(
        list(fichiers),
        referentiel=referentiel,
        as_json=as_json,
        annotate=annoter,
        mapping=correspondance,
        problems_csv=problemes,
    )
    if code:
        raise _ExitError(code)


@app.command(
    "evaluer",
    cls=FrenchCommand,
    help=(
        "Calculer les scores : normalisation, pondération, agrégation le long de l'arbre du "
        "référentiel et de ses lentilles (critères de la loi ESS, axes stratégiques), avec la "
        "couverture de chaque score.\n\n"
        "Ordre des étapes : dénomination → imputation → traitement → normalisation → "
        "agrégation.\n\n"
        "Code de sortie : 0 si toutes les entrées sont valides, 1 si un fichier a des erreurs "
        "(les résultats sont tout de même écrits), 2 pour une option invalide.\n\n"
        "Exemples :\n\n"
        "  utilite-sociale evaluer retours/ -r ess-socle -o resultats.xlsx\n\n"
        "  utilite-sociale evaluer iData.csv -r iMeta.csv -o scores.csv\n\n"
        "  utilite-sociale evaluer retours/ -r ess-socle --imputation moyenne-groupe:departement"
    ),
)
def evaluer(
    sources: Annotated[
        list[Path],
        typer.Argument(
            metavar="FICHIER",
            help="Fichiers renvoyés (.xlsx, .ods, .csv…), dossiers, ou tableau consolidé (une "
            "ligne par organisation, une colonne par indicateur, clé uCode ou organisation).",
        ),
    ],
    referentiel: ReferentielOption,
    sortie: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--sortie",
            metavar="RESULTATS.xlsx|.csv",
            help="Écrire les résultats (remplacé sans confirmation).",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Écrire les résultats en JSON sur la sortie standard.")
    ] = False,
    normalisation: Annotated[
        str | None,
        typer.Option(
            "--normalisation",
            metavar="M",
            help="minmax[:l,u], bornes, zscore[:m,s], rang ou cible (par défaut : celle de "
            "chaque indicateur).",
            show_default=False,
        ),
    ] = None,
    agregation: Annotated[
        str | None,
        typer.Option(
            "--agregation",
            metavar="A",
            help="amean, gmean ou min, ou une méthode par étape (amean,gmean,gmean).",
            show_default=False,
        ),
    ] = None,
    imputation: Annotated[
        str,
        typer.Option(
            "--imputation",
            metavar="I",
            help="aucune, moyenne, mediane, moyenne-groupe:COLONNE, mediane-groupe:COLONNE ou "
            "periode-precedente.",
        ),
    ] = "aucune",
    traitement: Annotated[
        str,
        typer.Option(
            "--traitement",
            metavar="T",
            help="aucun ou winsor[:N] (écrêtage des valeurs extrêmes, repli logarithmique).",
        ),
    ] = "aucun",
    denomination: Annotated[
        str | None,
        typer.Option(
            "--denomination",
            metavar="oui|non",
            help="Diviser chaque indicateur par son dénominateur (par défaut : oui, sauf pour "
            "un tableau iMeta de COINr).",
            show_default=False,
        ),
    ] = None,
    seuil_couverture: Annotated[
        float | None,
        typer.Option(
            "--seuil-couverture",
            metavar="X",
            help="Couverture minimale d'un score, de 0 à 1 (par défaut : celle du référentiel).",
            show_default=False,
        ),
    ] = None,
    correspondance: MappingOption = None,
    sensibilite: Annotated[
        int | None,
        typer.Option(
            "--sensibilite",
            metavar="N",
            help="Tirer N jeux de poids (chacun ± 20 %) et donner pour chaque organisation "
            "l'intervalle de son score et de son rang (5e–95e centile).",
            show_default=False,
            min=1,
        ),
    ] = None,
    debug: DebugOption = False,
) -> None:
    from .commands.evaluer import run_evaluer

    code = run_evaluer(
        list(sources),
        referentiel=referentiel,
        output=sortie,
        as_json=as_json,
        normalisation=normalisation,
        aggregation=agregation,
        imputation=imputation,
        treatment=traitement,
        denomination=denomination,
        min_coverage=seuil_couverture,
        mapping=correspondance,
        sensitivity=sensibilite,
    )
    if code:
        raise _ExitError(code)


@app.command(
    "rapport",
    cls=FrenchCommand,
    help=(
        "Écrire le rapport d'utilité sociale d'un membre (PDF) : chiffres clés, dimensions, "
        "critères de la loi ESS dans la version en vigueur pour la période, forces et points "
        "de progrès, ce qui reste à compléter, méthode.\n\n"
        "Code de sortie : 0 si le fichier n'a pas d'erreur, 1 s'il en a (le rapport est tout "
        "de même écrit), 2 pour une erreur d'utilisation.\n\n"
        "Exemples :\n\n"
        "  utilite-sociale rapport retour-A012.xlsx -r ess-socle -o rapport-A012.pdf\n\n"
        "  utilite-sociale rapport retour-A012.xlsx -r ess-socle -o rapport.pdf "
        "--campagne resultats.xlsx"
    ),
)
def rapport(
    fichier: Annotated[
        Path, typer.Argument(metavar="FICHIER", help="Le classeur renvoyé par le membre.")
    ],
    referentiel: ReferentielOption,
    sortie: Annotated[
        Path,
        typer.Option("-o", "--sortie", metavar="RAPPORT.pdf", help="Le rapport à écrire."),
    ],
    campagne: Annotated[
        Path | None,
        typer.Option(
            "--campagne",
            metavar="RESULTATS.xlsx",
            help="Les résultats de la campagne (evaluer -o resultats.xlsx) : médianes à comparer.",
            show_default=False,
        ),
    ] = None,
    debug: DebugOption = False,
) -> None:
    from .commands.rapport import run_rapport

    code = run_rapport(fichier, referentiel=referentiel, output=sortie, campaign=campagne)
    if code:
        raise _ExitError(code)


@app.command(
    "campagne",
    cls=FrenchCommand,
    help=(
        "Traiter toute une campagne : lire et vérifier chaque fichier du dossier (et de ses "
        "sous-dossiers), calculer les scores, écrire le rapport de chaque membre, les copies "
        "annotées des fichiers à corriger, le classeur des résultats et le rapport de "
        "campagne.\n\n"
        "Code de sortie : 0 si tous les fichiers sont valides, 1 sinon (tout ce qui est "
        "valide est écrit), 2 pour une erreur d'utilisation (dossier de sortie non vide "
        "sans --ecraser…).\n\n"
        "Exemple :\n\n"
        "  utilite-sociale campagne retours/ -r ess-socle -o campagne-2025/"
    ),
)
def campagne(
    dossier: Annotated[
        Path, typer.Argument(metavar="DOSSIER", help="Le dossier des fichiers renvoyés.")
    ],
    referentiel: ReferentielOption,
    sortie: OutputFolderOption,
    ecraser: OverwriteOption = False,
    debug: DebugOption = False,
) -> None:
    from .commands.campagne import run_campagne

    code = run_campagne(dossier, referentiel=referentiel, output=sortie, overwrite=ecraser)
    if code:
        raise _ExitError(code)


@app.command(
    "dossier-esus",
    cls=FrenchCommand,
    help=(
        "Préparer le dossier de demande d'agrément ESUS d'une organisation à partir de son "
        "classeur (feuille « Finances ESUS ») : vérification de chaque condition (statut, "
        "chiffres, textes appliqués), dossier PDF, pièces à déposer (présentation, ratio des "
        "charges, politique de rémunération, attestation à signer), annexe Excel, graphiques, "
        "manifeste et archive zip.\n\n"
        "Code de sortie : 0 dès que le dossier est écrit, quels que soient les statuts ; 1 si "
        "le classeur est rejeté ; 2 pour une erreur d'utilisation.\n\n"
        "Exemple :\n\n"
        "  utilite-sociale dossier-esus retour-A042.xlsx -r ess-socle -o dossier-A042/ "
        "--date 2025-06-01"
    ),
)
def dossier_esus(
    fichier: Annotated[
        Path,
        typer.Argument(metavar="FICHIER", help="Le classeur de l'organisation (xlsx, ods)."),
    ],
    referentiel: ReferentielOption,
    sortie: OutputFolderOption,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="AAAA-MM-JJ",
            help=(
                "Date de la demande : versions des textes, SMIC, exercices clos, ancienneté "
                "(aujourd'hui par défaut). Avec la même date, deux exécutions donnent les "
                "mêmes fichiers."
            ),
            show_default=False,
        ),
    ] = None,
    ecraser: OverwriteOption = False,
    debug: DebugOption = False,
) -> None:
    from .commands.dossier_esus import run_dossier_esus

    code = run_dossier_esus(
        fichier, referentiel=referentiel, output=sortie, date=date, overwrite=ecraser
    )
    if code:
        raise _ExitError(code)


@app.command(
    "demo",
    cls=FrenchCommand,
    help=(
        "Tout essayer sur une fédération fictive fournie avec l'outil (12 membres, 2 années) : "
        "modèles de classeurs, vérification des fichiers renvoyés et copies annotées, scores, "
        "rapports des membres, rapport et classeur de campagne, dossier d'agrément ESUS.\n\n"
        "Code de sortie : 0 dès que tout est écrit (les erreurs des fichiers d'exemple sont "
        "voulues) ; 2 pour une erreur d'utilisation.\n\n"
        "Exemple :\n\n"
        "  utilite-sociale demo -o demo/ --ecraser"
    ),
)
def demo(
    sortie: OutputFolderOption,
    ecraser: OverwriteOption = False,
    debug: DebugOption = False,
) -> None:
    from .commands.demo import run_demo

    code = run_demo(output=sortie, overwrite=ecraser)
    if code:
        raise _ExitError(code)


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code.

    Parameters
    ----------
    argv
        Arguments without the program name; ``sys.argv[1:]`` when ``None``.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        result = app(args=args, prog_name="utilite-sociale", standalone_mode=False)
    except _ExitError as exc:
        return exc.code
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except typer.Abort:
        _error("Interrompu.")
        return 130
    except KeyboardInterrupt:
        _error("Interrompu.")
        return 130
    except Exception as exc:
        return _handle_exception(exc, args, debug=debug)
    return int(result) if isinstance(result, int) else EXIT_OK


def _handle_exception(exc: Exception, args: list[str], *, debug: bool) -> int:
    """Print a French message for ``exc`` and return the exit code (DESIGN §6)."""
    from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError

    if isinstance(exc, NoArgsIsHelpError):
        print(exc.ctx.get_help() if exc.ctx else exc.format_message())
        return EXIT_OK
    if isinstance(exc, UsageError):
        names = {command.name for command in app.registered_commands}
        command = next((arg for arg in args if arg in names), "")
        _error(translate_usage_error(exc.format_message()))
        hint = f"utilite-sociale {command} --help" if command else "utilite-sociale --help"
        print(f"Aide : {hint}", file=sys.stderr)
        return EXIT_USAGE
    if isinstance(exc, ClickException):
        _error(translate_usage_error(exc.format_message()))
        return EXIT_USAGE
    from .errors import InputFileError, InvalidDataError
    from .errors import UsageError as LibraryUsageError

    if isinstance(exc, LibraryUsageError | InputFileError):
        _error(str(exc))
        return EXIT_USAGE
    if isinstance(exc, InvalidDataError):
        from ._render import print_issues

        _error(exc.summary)
        print_issues(exc.issues)
        return EXIT_INVALID
    if debug:
        import traceback

        traceback.print_exception(exc)
    else:
        _error(
            f"erreur interne inattendue ({type(exc).__name__}). Relancez avec --debug pour "
            "le détail, et signalez-la avec cette trace."
        )
    return EXIT_INTERNAL


def _error(message: str) -> None:
    print(f"Erreur : {message}", file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
