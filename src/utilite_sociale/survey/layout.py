"""The member workbook's contract (DESIGN §5): sheet names, headers and reserved ids.

Every sheet that holds input cells, except ``Réponses``, has an ``id`` column and a
``Réponse`` column (and no other header containing « réponse » or « valeur »), so that every
input cell can be found from its id by a program as well as a person.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "ANSWER_HEADER",
    "ESUS_ACTIVITY_ROWS",
    "ESUS_PAY_ROWS",
    "IDENTITY_FIELDS",
    "ID_HEADER",
    "INDICATOR_HEADERS",
    "LEGAL_FORMS",
    "RESPONDENT_HEADER",
    "SHEET_ESUS",
    "SHEET_INDICATORS",
    "SHEET_LISTS",
    "SHEET_META",
    "SHEET_ORGANISATION",
    "SHEET_README",
    "SHEET_RESPONSES",
    "TEMPLATE_VERSION",
    "Field",
    "esus_fields",
]

TEMPLATE_VERSION = "1"

SHEET_README = "Lisez-moi"
SHEET_ORGANISATION = "Organisation"
SHEET_INDICATORS = "Indicateurs"
SHEET_ESUS = "Finances ESUS"
SHEET_RESPONSES = "Réponses"
SHEET_META = "_meta"
SHEET_LISTS = "_listes"

ID_HEADER = "id"
ANSWER_HEADER = "Réponse"
RESPONDENT_HEADER = "repondant"

#: Headers of the ``Indicateurs`` sheet, columns A to G.
INDICATOR_HEADERS = (
    ID_HEADER,
    "Dimension",
    "Question",
    "Attendu",
    ANSWER_HEADER,
    "Commentaire",
    "Justificatif",
)

Kind = Literal[
    "texte",
    "nombre",
    "montant",
    "date",
    "periode",
    "choix",
    "oui-non",
    "entier",
    "pourcentage",
    "quotite",
]

#: Legal forms offered in the identity block: (code, label).
LEGAL_FORMS: tuple[tuple[str, str], ...] = (
    ("association", "Association (loi 1901 ou droit local d'Alsace-Moselle)"),
    ("fondation", "Fondation"),
    ("fonds-dotation", "Fonds de dotation"),
    ("cooperative", "Coopérative (SCOP, SCIC, coopérative d'usagers…)"),
    ("mutuelle", "Mutuelle ou union de mutuelles"),
    ("societe-assurance-mutuelle", "Société d'assurance mutuelle"),
    ("societe-commerciale-ess", "Société commerciale de l'ESS"),
    ("autre", "Autre forme"),
)


@dataclass(frozen=True, slots=True)
class Field:
    """A reserved input row: its id, label, kind and help for the person filling it."""

    id: str
    label: str
    kind: Kind
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    required: bool = False


IDENTITY_FIELDS: tuple[Field, ...] = (
    Field(
        "org.code_adherent",
        "Code adhérent",
        "texte",
        "Le code que la fédération vous a attribué, s'il y en a un.",
    ),
    Field("org.nom", "Nom de l'organisation", "texte", "Tel qu'il figure dans vos statuts."),
    Field(
        "org.siren",
        "Numéro SIREN",
        "texte",
        "9 chiffres (les 9 premiers du SIRET). Laissez vide si vous n'en avez pas.",
    ),
    Field(
        "org.rna",
        "Numéro RNA (associations)",
        "texte",
        "W suivi de 9 chiffres, sur le récépissé de déclaration en préfecture.",
    ),
    Field(
        "org.forme_juridique", "Forme juridique", "choix", "Choisissez dans la liste.", LEGAL_FORMS
    ),
    Field("org.date_creation", "Date de création", "date", "JJ/MM/AAAA."),
    Field(
        "org.departement",
        "Département du siège",
        "texte",
        "Numéro du département : 09, 31, 2A, 974…",
    ),
    Field(
        "org.secteur",
        "Secteur d'activité principal",
        "texte",
        "Par exemple : personnes âgées, handicap, insertion, santé, culture…",
    ),
    Field(
        "org.periode",
        "Période évaluée",
        "periode",
        "L'année civile (AAAA) ou l'exercice (AAAA-AAAA) sur lequel portent vos réponses.",
        required=True,
    ),
    Field(
        "org.etp",
        "Effectif salarié en ETP",
        "nombre",
        "Équivalents temps plein moyens sur la période (0 si aucun salarié).",
    ),
    Field(
        "org.budget",
        "Budget annuel (total des charges) en euros",
        "montant",
        "Total des charges du compte de résultat de la période.",
    ),
)

#: Activity lines per financial year (split of operating charges).
ESUS_ACTIVITY_ROWS = 6
#: Best-paid people per financial year.
ESUS_PAY_ROWS = 5

_PROFITABILITY_HELP = (
    "Seulement si vous demandez l'examen de la voie de la rentabilité financière (article "
    "R3332-21-1, 2°, du code du travail) ; laissez vide sinon."
)

_ROLES = (
    ("salarie", "Salarié"),
    ("dirigeant", "Dirigeant"),
    ("salarie-dirigeant", "Salarié et dirigeant"),
)


def esus_fields(
    years: tuple[int, ...], plein_droit: tuple[tuple[str, str], ...]
) -> list[tuple[str, list[Field]]]:
    """The ``Finances ESUS`` sheet: a block per closed financial year, then the statutes.

    Parameters
    ----------
    years
        Closing years of the financial years asked, oldest first (``esus.<AAAA>.…`` ids).
    plein_droit
        ``(code, label)`` of the « de plein droit » categories.

    Returns
    -------
    list of (title, fields)
        One block per year, then the common block and the ``Statuts`` block.
    """
    from .._format import format_percent
    from ..reference import commercial_company_thresholds

    thresholds = commercial_company_thresholds()
    fund = format_percent(thresholds.development_fund_share * 100, 0)
    retained = format_percent(thresholds.retained_profit_share * 100, 0)
    blocks: list[tuple[str, list[Field]]] = []
    for year in years:
        prefix = f"esus.{year}"
        fields = [
            Field(
                f"{prefix}.debut",
                f"Exercice clos en {year} : date de début",
                "date",
                "Premier jour de l'exercice (JJ/MM/AAAA).",
            ),
            Field(
                f"{prefix}.fin",
                f"Exercice clos en {year} : date de fin",
                "date",
                "Date de clôture de l'exercice (JJ/MM/AAAA).",
            ),
            Field(
                f"{prefix}.approuve",
                "Comptes approuvés par l'assemblée générale",
                "oui-non",
                "Oui si les comptes de cet exercice ont été approuvés.",
            ),
            Field(
                f"{prefix}.charges_exploitation_totales",
                "Total des charges d'exploitation (€)",
                "montant",
                "Total des charges d'exploitation du compte de résultat (classe 6, hors "
                "charges financières et exceptionnelles).",
            ),
        ]
        for line in range(1, ESUS_ACTIVITY_ROWS + 1):
            activity = f"{prefix}.activite.{line}"
            fields += [
                Field(
                    f"{activity}.libelle",
                    f"Activité {line} : intitulé",
                    "texte",
                    "Une activité (ou un établissement) par ligne ; laissez vide si inutile.",
                ),
                Field(
                    f"{activity}.charges",
                    f"Activité {line} : charges d'exploitation (€)",
                    "montant",
                    "Charges d'exploitation de cette activité, charges communes "
                    "réparties comprises.",
                ),
                Field(
                    f"{activity}.utilite_sociale",
                    f"Activité {line} : participe à la recherche d'une utilité sociale",
                    "oui-non",
                    "Oui si l'activité relève de l'article 2 de la loi ESS.",
                ),
                Field(
                    f"{activity}.cle_repartition",
                    f"Activité {line} : clé de répartition des charges communes",
                    "texte",
                    "Par exemple : au prorata des heures, des surfaces, du chiffre d'affaires.",
                ),
            ]
        for rank in range(1, ESUS_PAY_ROWS + 1):
            person = f"{prefix}.remuneration.{rank}"
            fields += [
                Field(
                    f"{person}.fonction",
                    f"Rémunération n° {rank} : fonction",
                    "choix",
                    "Salarié ou dirigeant ; ne donnez aucun nom.",
                    _ROLES,
                ),
                Field(
                    f"{person}.brut_annuel",
                    f"Rémunération n° {rank} : brut versé sur l'exercice, primes comprises (€)",
                    "montant",
                    "Sommes brutes versées au titre de l'exercice.",
                ),
                Field(
                    f"{person}.avantages_nature",
                    f"Rémunération n° {rank} : avantages en nature (€)",
                    "montant",
                    "Montant annuel des avantages en nature, à part.",
                ),
                Field(
                    f"{person}.quotite",
                    f"Rémunération n° {rank} : quotité de temps de travail",
                    "quotite",
                    "En % d'un temps complet (100 pour un temps plein).",
                ),
                Field(
                    f"{person}.mois",
                    f"Rémunération n° {rank} : mois de présence",
                    "nombre",
                    "Nombre de mois de présence sur l'exercice (12 pour toute l'année).",
                ),
            ]
        fields += [
            Field(
                f"{prefix}.dividendes",
                "Voie de la rentabilité (facultatif) : dividendes versés au titre de "
                "l'exercice (€)",
                "montant",
                _PROFITABILITY_HELP,
            ),
            Field(
                f"{prefix}.remuneration_concours_non_bancaires",
                "Voie de la rentabilité : rémunération des concours financiers non bancaires (€)",
                "montant",
                "Intérêts et autres rémunérations versés sur les concours financiers non "
                "bancaires (titres participatifs, comptes courants d'associés…).",
            ),
            Field(
                f"{prefix}.capitaux_propres",
                "Voie de la rentabilité : capitaux propres à la clôture (€)",
                "montant",
                "Total des capitaux propres du bilan à la clôture de l'exercice.",
            ),
            Field(
                f"{prefix}.concours_non_bancaires",
                "Voie de la rentabilité : concours financiers non bancaires (€)",
                "montant",
                "Montant des concours financiers non bancaires à la clôture de l'exercice.",
            ),
        ]
        blocks.append((f"Exercice clos en {year}", fields))
    blocks.append(
        (
            "Informations communes",
            [
                Field(
                    "esus.minimum_branche",
                    "Salaire minimum de branche (brut annuel, temps complet, €)",
                    "montant",
                    "Le plus bas salaire conventionnel de votre convention collective, s'il "
                    "y en a une ; laissez vide sinon.",
                ),
                Field(
                    "esus.titres_cotes",
                    "Des titres de capital de l'organisation sont-ils cotés sur un marché ?",
                    "oui-non",
                    "Non pour une association ou une fondation.",
                ),
                Field(
                    "esus.taux_tmo",
                    "Voie de la rentabilité : taux moyen de rendement des obligations des "
                    "sociétés privées (TMO), en %",
                    "nombre",
                    "Seulement pour la voie de la rentabilité : le taux publié que vous "
                    "retenez, en pourcentage (par exemple 3,5 pour 3,5 %).",
                ),
            ],
        )
    )
    blocks.append(
        (
            "Statuts",
            [
                Field(
                    "esus.statuts.article_objet_social",
                    "Article des statuts fixant l'objet social",
                    "texte",
                    "Numéro de l'article (ex. « article 2 ») qui énonce la recherche d'une "
                    "utilité sociale.",
                ),
                Field(
                    "esus.statuts.article_gouvernance",
                    "Article des statuts organisant la gouvernance démocratique",
                    "texte",
                    "Numéro de l'article.",
                ),
                Field(
                    "esus.statuts.article_affectation_fonds",
                    f"Sociétés commerciales : article affectant au moins {fund} des bénéfices "
                    "au fonds de développement",
                    "texte",
                    "Numéro de l'article ; laissez vide si vous n'êtes pas une société "
                    "commerciale.",
                ),
                Field(
                    "esus.statuts.article_affectation_reserves",
                    f"Sociétés commerciales : article affectant au moins {retained} des "
                    "bénéfices au report bénéficiaire et aux réserves obligatoires",
                    "texte",
                    "Numéro de l'article.",
                ),
                Field(
                    "esus.statuts.article_remuneration",
                    "Article des statuts reprenant les plafonds de rémunération",
                    "texte",
                    "Numéro de l'article ; exigé pour une demande relevant de la version "
                    "2014 de l'article L3332-17-1 (avant la loi PACTE).",
                ),
                Field(
                    "esus.statuts.categorie_plein_droit",
                    "Catégorie d'agrément « de plein droit »",
                    "choix",
                    "Seulement si votre structure en relève (IAE, ESAT, entreprise adaptée…).",
                    plein_droit,
                ),
                Field(
                    "esus.statuts.preuve_plein_droit",
                    "Pièce prouvant l'appartenance à cette catégorie",
                    "texte",
                    "Par exemple : convention IAE, arrêté d'autorisation, décret RUP.",
                ),
                Field(
                    "esus.statuts.date_demande",
                    "Date de la demande d'agrément",
                    "date",
                    "JJ/MM/AAAA.",
                ),
            ],
        )
    )
    return blocks
