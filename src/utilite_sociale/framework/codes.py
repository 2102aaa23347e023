"""Catalogue of the issue codes a référentiel check can report (stable identifiers)."""

from __future__ import annotations

from types import MappingProxyType

from ..errors import ERROR, WARNING, Severity

__all__ = ["INDICATOR_SET_CODES", "catalogue_markdown"]

#: Code → (severity, what it means, in French).
INDICATOR_SET_CODES: MappingProxyType[str, tuple[Severity, str]] = MappingProxyType(
    {
        "yaml-invalide": (ERROR, "Le fichier n'est pas du YAML valide (syntaxe, indentation)."),
        "structure-invalide": (ERROR, "Le fichier ne contient pas un référentiel."),
        "champ-manquant": (ERROR, "Un champ obligatoire manque."),
        "champ-inconnu": (ERROR, "Un champ n'existe pas dans le format (faute de frappe ?)."),
        "valeur-inconnue": (ERROR, "Une valeur énumérée n'est pas reconnue."),
        "id-invalide": (ERROR, "Un identifiant contient des caractères non admis."),
        "hors-limites": (ERROR, "Un nombre sort de ses limites (ex. couverture entre 0 et 1)."),
        "valeur-invalide": (ERROR, "Une valeur est invalide."),
        "type-invalide": (ERROR, "Une valeur n'a pas le type attendu (texte, nombre, liste…)."),
        "id-duplique": (ERROR, "Un identifiant est utilisé deux fois."),
        "id-reserve": (ERROR, "Un identifiant est réservé (org., esus., repondant, global)."),
        "echelle-redefinie": (ERROR, "Une échelle porte le nom d'une échelle fournie."),
        "echelle-manquante": (ERROR, "Une question likert ne nomme pas son échelle."),
        "echelle-inconnue": (ERROR, "Une échelle de réponse n'existe pas."),
        "choix-manquants": (ERROR, "Une question à choix ne liste pas ses choix."),
        "choix-inconnu": (ERROR, "Un score porte sur un choix qui n'existe pas."),
        "lentille-reservee": (ERROR, "Une lentille fournie d'office est redéclarée."),
        "lentille-inconnue": (ERROR, "Une correspondance vise une lentille inconnue."),
        "groupe-inconnu": (ERROR, "Une correspondance vise un groupe (critère, axe) inconnu."),
        "part-invalide": (ERROR, "Une part de correspondance n'est pas entre 0 et 1."),
        "parts-superieures-a-1": (
            ERROR,
            "Les parts d'un indicateur dans une lentille dépassent 1.",
        ),
        "parent-inconnu": (ERROR, "Une dimension parente n'existe pas."),
        "cycle-dimensions": (ERROR, "Des dimensions forment une boucle."),
        "dimension-vide": (ERROR, "Une dimension n'a ni sous-dimension ni indicateur noté."),
        "dimension-manquante": (ERROR, "Un indicateur noté n'est rattaché à aucune dimension."),
        "dimension-inconnue": (ERROR, "Un indicateur est rattaché à une dimension inconnue."),
        "dimension-non-feuille": (ERROR, "Un indicateur est rattaché à une dimension non feuille."),
        "profondeur-inegale": (ERROR, "Les indicateurs ne sont pas tous à la même profondeur."),
        "agregation-profondeur": (
            ERROR,
            "La liste des méthodes d'agrégation n'a pas une méthode par étape de l'arbre.",
        ),
        "poids-negatif": (ERROR, "Un poids est négatif."),
        "poids-nul": (WARNING, "Un poids est nul : l'élément ne compte pas."),
        "groupe-sans-poids": (ERROR, "Aucun élément d'un groupe n'a de poids positif."),
        "texte-note": (ERROR, "Une question en texte libre est notée."),
        "agregation-inutile": (
            ERROR,
            "Une agrégation des répondants est donnée pour un indicateur de l'organisation.",
        ),
        "agregation-incompatible": (
            ERROR,
            "L'agrégation des répondants ne convient pas au type de réponse.",
        ),
        "favorables-manquants": (ERROR, "La liste des réponses favorables manque."),
        "favorable-invalide": (ERROR, "Une réponse favorable n'est pas une réponse possible."),
        "normalisation-manquante": (ERROR, "Un indicateur noté n'a pas de normalisation."),
        "normalisation-incompatible": (
            ERROR,
            "La normalisation ne convient pas au type de réponse.",
        ),
        "direction-incompatible": (ERROR, "Le sens « cible » demande la normalisation « cible »."),
        "parametre-manquant": (ERROR, "Un paramètre de la normalisation manque."),
        "parametre-invalide": (ERROR, "Un paramètre de la normalisation est invalide."),
        "bornes-inversees": (ERROR, "Des bornes sont inversées ou égales."),
        "paliers-non-croissants": (ERROR, "Les seuils des paliers ne sont pas croissants."),
        "scores-incomplets": (ERROR, "Les scores ne couvrent pas exactement les réponses."),
        "score-hors-echelle": (ERROR, "Un score sort de l'échelle du référentiel."),
        "denominateur-invalide": (ERROR, "Le dénominateur est inconnu ou inadapté."),
        "cible-hors-echelle": (ERROR, "Une cible sort de l'échelle de réponse."),
        "cible-incompatible": (ERROR, "Une cible n'a pas de sens pour ce type de réponse."),
        # Excel workbooks only
        "feuille-manquante": (ERROR, "Une feuille du classeur est introuvable."),
        "colonne-manquante": (ERROR, "Une colonne obligatoire est introuvable."),
        "feuille-trop-grande": (ERROR, "Une feuille dépasse le nombre de lignes admis."),
        "champ-duplique": (ERROR, "Un champ des métadonnées apparaît deux fois."),
        "indicateur-manquant": (ERROR, "Une ligne ne nomme pas son indicateur."),
        "indicateur-inconnu": (ERROR, "Une ligne nomme un indicateur absent de « Indicateurs »."),
        "correspondance-incomplete": (
            ERROR,
            "Une correspondance n'a pas de lentille ou de groupe.",
        ),
        "correspondance-dupliquee": (ERROR, "Une correspondance apparaît deux fois."),
        "niveaux-incomplets": (ERROR, "Les niveaux d'une échelle ne vont pas de 1 à n."),
    }
)


def catalogue_markdown() -> str:
    """Return the French Markdown page listing every code (``docs/erreurs-referentiel.md``)."""
    lines = [
        "# Erreurs et avertissements d'un référentiel",
        "",
        "Page générée par `python -m utilite_sociale.framework.codes` : ne pas modifier à la main.",
        "Chaque problème signalé porte un de ces codes stables, avec le fichier, la ligne, "
        "l'indicateur, le champ et la façon de corriger.",
        "",
        "| code | gravité | signification |",
        "|---|---|---|",
    ]
    lines += [
        f"| `{code}` | {severity} | {meaning} |"
        for code, (severity, meaning) in INDICATOR_SET_CODES.items()
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(catalogue_markdown(), end="")
