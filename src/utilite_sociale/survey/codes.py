"""Catalogue of the issue codes ``verifier`` and ``modele --membres`` can report."""

from __future__ import annotations

from types import MappingProxyType

from ..errors import ERROR, WARNING, Severity

__all__ = ["SURVEY_CODES", "catalogue_markdown"]

#: Code → (severity, what it means, in French). « rejet » marks codes that reject a file.
SURVEY_CODES: MappingProxyType[str, tuple[Severity, str]] = MappingProxyType(
    {
        "fichier-illisible": (
            ERROR,
            "Fichier illisible (vide, chiffré, endommagé, format non pris en charge) : rejeté.",
        ),
        "autre-referentiel": (ERROR, "Fichier d'un autre référentiel : rejeté."),
        "aucune-reponse": (ERROR, "Fichier sans aucune réponse : rejeté."),
        "feuille-manquante": (
            ERROR,
            "Aucune feuille avec les colonnes « id » et « Réponse » : rejeté.",
        ),
        "colonne-manquante": (ERROR, "Une feuille n'a pas les colonnes « id » et « Réponse »."),
        "feuille-tronquee": (WARNING, "Feuille trop longue : la fin n'est pas lue."),
        "formule-sans-valeur": (
            WARNING,
            "Formule jamais calculée : la réponse est lue comme vide.",
        ),
        "reponse-manquante": (ERROR, "Réponse obligatoire manquante."),
        "type-invalide": (ERROR, "Réponse d'un type inattendu (texte au lieu d'un nombre…)."),
        "hors-limites": (ERROR, "Réponse hors des limites attendues."),
        "hors-liste": (ERROR, "Réponse qui n'est pas dans la liste des réponses possibles."),
        "valeur-ajustee": (
            WARNING,
            "Réponse interprétée (fraction lue en %, « 1.234 » lu 1234…) : à vérifier.",
        ),
        "id-inconnu": (ERROR, "Identifiant inconnu du référentiel : la réponse est ignorée."),
        "id-duplique": (ERROR, "Identifiant présent deux fois : la seconde réponse est ignorée."),
        "id-mal-place": (
            ERROR,
            "Indicateur de l'organisation placé dans la feuille des répondants.",
        ),
        "incoherence-partie-total": (ERROR, "Une partie dépasse son total."),
        "incoherence-repartition": (
            ERROR,
            "La répartition des charges par activité ne donne pas le total.",
        ),
        "incoherence-dates": (ERROR, "La fin d'un exercice précède son début."),
        "siren-invalide": (ERROR, "Numéro SIREN ou SIRET invalide (clé de contrôle)."),
        "rna-invalide": (ERROR, "Numéro RNA invalide (W suivi de 9 chiffres)."),
        "departement-invalide": (ERROR, "Numéro de département invalide."),
        "identite-manquante": (WARNING, "Nom de l'organisation manquant."),
        "organisation-par-fichier": (
            WARNING,
            "Ni code adhérent, ni SIREN, ni RNA : organisation identifiée par le nom du fichier.",
        ),
        "periode-inconnue": (WARNING, "Période évaluée inconnue."),
        "version-anterieure": (
            WARNING,
            "Fichier d'une version antérieure du référentiel : lu par identifiant.",
        ),
        "referentiel-modifie": (WARNING, "Référentiel modifié sans changer de version."),
        "colonne-ignoree": (WARNING, "Liste des membres : colonne non reconnue, ignorée."),
        "membre-sans-identite": (ERROR, "Liste des membres : ligne sans code ni nom, ignorée."),
        "colonne-introuvable": (
            ERROR,
            "Export d'enquête : colonne de la correspondance introuvable dans l'export.",
        ),
        "colonnes-ignorees": (
            WARNING,
            "Export d'enquête : colonnes absentes de la correspondance, non lues.",
        ),
        "organisation-manquante": (
            ERROR,
            "Export d'enquête : ligne sans organisation, rejetée.",
        ),
        "option-inconnue": (
            WARNING,
            "Export d'enquête : option d'un choix multiple absente de la correspondance, ignorée.",
        ),
    }
)


def catalogue_markdown() -> str:
    """The French page listing every code (``docs/erreurs-classeur.md``)."""
    lines = [
        "# Erreurs et avertissements des classeurs renvoyés",
        "",
        "Page générée par `python -m utilite_sociale.survey.codes` : ne pas modifier à la main.",
        "Chaque problème signalé par `utilite-sociale verifier` porte un de ces codes stables, "
        "avec le fichier, la feuille, la cellule, l'indicateur, la valeur trouvée, ce qui était "
        "attendu et la façon de corriger.",
        "",
        "| code | gravité | signification |",
        "|---|---|---|",
    ]
    lines += [
        f"| `{code}` | {severity} | {meaning} |"
        for code, (severity, meaning) in SURVEY_CODES.items()
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(catalogue_markdown(), end="")
