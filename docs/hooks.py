"""Pages of the documentation site generated from the package at build time.

``mkdocs.yml`` declares this file under ``hooks:``. What a reader checks on the site is then
exactly what the library computes with:

- whole pages (:data:`GENERATED_PAGES`): the two error catalogues (from the issue-code
  registries, with how to fix each code), the référentiel fields (from the JSON Schema of the
  model and the Excel sheets of ``framework/xlsx.py``), the legal reference (from the
  reference data) and the API reference (from ``utilite_sociale.__all__``). A file of the
  same name in ``docs/`` (a copy for reading the repository) is replaced in the site;
- blocks inside hand-written pages: a line ``<!-- genere: NOM -->`` is replaced by the block
  :data:`BLOCKS` names (ESUS tables, SMIC and caps per year, small-number thresholds, the
  README's two commands), and ``{{ nom }}`` by the value :func:`values` names. An unknown
  name stops the build.

Every generator is a plain function returning Markdown, importable without mkdocs (the tests
call them). ``python docs/hooks.py PAGE`` prints a generated page (``api.md``…).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

# ---------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------


def _cell(text: object) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("|", "/").replace("\n", " ").strip()


def _table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> list[str]:
    head = list(header)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_cell(value) for value in row) + " |" for row in rows]
    return lines


def _page(lines: list[str]) -> str:
    return "\n".join(lines).rstrip() + "\n"


def _certainty(value: Any) -> str:
    return f"[{value.value}] {value.label}"


def _links(urls: Iterable[str]) -> str:
    return ", ".join(f"[{index}]({url})" for index, url in enumerate(urls, start=1)) or "—"


# ---------------------------------------------------------------------------------------
# Error catalogues: code → severity, meaning, how to fix
# ---------------------------------------------------------------------------------------

#: How to fix each code of ``utilite_sociale.framework.codes.INDICATOR_SET_CODES``. The
#: message of each problem gives the specific fix (offending value, valid values); this is
#: the general rule. ``tests/test_docs.py`` checks that every code has one.
INDICATOR_SET_FIXES: dict[str, str] = {
    "yaml-invalide": "Corrigez la syntaxe à la ligne indiquée : indentation en espaces, « : » "
    "après chaque clé, texte contenant « : » entre guillemets.",
    "structure-invalide": "Partez d'un référentiel exporté "
    "(`utilite-sociale referentiels ess-socle --exporter mon-referentiel.yaml`) et gardez sa "
    "structure.",
    "champ-manquant": "Ajoutez le champ nommé dans le message (voir les champs obligatoires "
    "dans [Champs du référentiel](champs-referentiel.md)).",
    "champ-inconnu": "Corrigez l'orthographe du champ, ou supprimez-le ; le message propose le "
    "nom le plus proche.",
    "valeur-inconnue": "Choisissez une des valeurs listées dans le message (elles sont en "
    "français et sans accent : `decroissant`, `repondant`…).",
    "id-invalide": "N'utilisez que des lettres, des chiffres et « . _ - » (minuscules, chiffres "
    "et tirets pour l'id du référentiel).",
    "hors-limites": "Ramenez le nombre dans les limites indiquées par le message.",
    "valeur-invalide": "Corrigez la valeur comme le message l'indique.",
    "type-invalide": "Donnez une valeur du type attendu : un nombre sans unité, un texte, une "
    "liste entre crochets…",
    "id-duplique": "Donnez à chaque dimension, indicateur, groupe ou choix un identifiant "
    "unique (la casse n'est pas distinguée), ou fusionnez les deux déclarations.",
    "id-reserve": "Choisissez un autre identifiant : `org.`, `esus.`, `repondant` et `global` "
    "sont réservés au classeur et aux résultats.",
    "echelle-redefinie": "Donnez un autre identifiant à votre échelle, ou utilisez l'échelle "
    "fournie telle quelle.",
    "echelle-manquante": "Indiquez `answer.scale` : une échelle fournie (`accord-5`…) ou "
    "déclarée sous `scales`.",
    "echelle-inconnue": "Utilisez une échelle fournie ou déclarez-la sous `scales`.",
    "choix-manquants": "Listez les réponses possibles : `choices: [{value: a, label: …}, …]`.",
    "choix-inconnu": "Ne donnez un score qu'aux valeurs listées dans `answer.choices`.",
    "lentille-reservee": "Supprimez la déclaration : `loi-2014`, `loi-2019` et `guide` "
    "existent d'office ; ou donnez un autre identifiant.",
    "lentille-inconnue": "Déclarez la lentille sous `lenses`, ou corrigez son identifiant.",
    "groupe-inconnu": "Utilisez un groupe de la lentille (le message liste les groupes possibles).",
    "part-invalide": "Indiquez une part entre 0 et 1 (1 : l'indicateur compte entièrement).",
    "parts-superieures-a-1": "Répartissez l'indicateur pour que ses parts dans une lentille "
    "fassent au plus 1 (par exemple 0,5 et 0,5).",
    "parent-inconnu": "Indiquez l'id d'une dimension existante, ou laissez `parent` vide pour "
    "une dimension du premier niveau.",
    "cycle-dimensions": "Corrigez le champ `parent` : une dimension ne peut pas être sa propre "
    "ancêtre.",
    "dimension-vide": "Rattachez-lui des indicateurs notés (champ `dimension`) ou des "
    "sous-dimensions, ou supprimez-la.",
    "dimension-manquante": "Indiquez la dimension feuille de l'indicateur, ou mettez "
    "`scored: false` s'il ne compte pas dans les scores.",
    "dimension-inconnue": "Indiquez l'id d'une dimension déclarée sous `dimensions`.",
    "dimension-non-feuille": "Rattachez l'indicateur à l'une des sous-dimensions.",
    "profondeur-inegale": "Placez tous les indicateurs notés au même niveau de l'arbre : "
    "ajoutez une sous-dimension ou rattachez l'indicateur ailleurs.",
    "agregation-profondeur": "Donnez une méthode par étape d'agrégation (autant que de "
    "niveaux de l'arbre), ou une seule méthode pour toutes.",
    "poids-negatif": "Indiquez un poids positif ou nul (0 désactive l'élément).",
    "poids-nul": "Laissez 0 si c'est voulu ; sinon indiquez un poids positif.",
    "groupe-sans-poids": "Donnez un poids supérieur à 0 à au moins un élément du groupe.",
    "texte-note": "Mettez `scored: false`, ou changez le type de réponse.",
    "agregation-inutile": "Supprimez `respondent_aggregation`, ou mettez `level: repondant`.",
    "agregation-incompatible": "Choisissez une agrégation adaptée au type de réponse (par "
    "exemple `part-favorable` avec la liste `favourable` pour un choix).",
    "favorables-manquants": "Listez les réponses comptées comme favorables : `favourable: [4, 5]`.",
    "favorable-invalide": "Ne listez dans `favourable` que des réponses possibles.",
    "normalisation-manquante": "Ajoutez une normalisation, par exemple "
    "`normalisation: {method: bornes, low: 0, high: 100}` (bornes fixes, comparables d'une "
    "année à l'autre).",
    "normalisation-incompatible": "Choisissez une normalisation adaptée au type de réponse "
    "(bornes, paliers, cible… ; `categories` avec un score par choix).",
    "direction-incompatible": "Pour une valeur idéale, mettez `direction: cible` avec "
    "`normalisation: {method: cible, target: …, tolerance: …}` ; sinon gardez "
    "`direction: croissant` et placez `low` du côté des mauvaises valeurs.",
    "parametre-manquant": "Complétez les paramètres de la méthode (voir la table des "
    "normalisations dans le [format](format-referentiel.md#normalisation)).",
    "parametre-invalide": "Corrigez le paramètre (par exemple un écart-type `sd` > 0).",
    "bornes-inversees": "Échangez les deux bornes : `low` est la plus basse et `high` la plus "
    "haute, quel que soit le sens de l'indicateur.",
    "paliers-non-croissants": "Rangez les paliers du plus petit seuil au plus grand, sans doublon.",
    "scores-incomplets": "Donnez un score à chaque réponse possible (chaque niveau de "
    "l'échelle, `oui` et `non`, chaque choix).",
    "score-hors-echelle": "Indiquez des scores compris dans l'échelle du référentiel "
    "(`scale`, 0 à 100 par défaut).",
    "denominateur-invalide": "Indiquez l'id d'un autre indicateur numérique (ETP, budget…), "
    "ou supprimez le champ `denominator`.",
    "cible-hors-echelle": "Indiquez une cible que la réponse peut atteindre (dans les bornes "
    "de saisie).",
    "cible-incompatible": "Supprimez la cible, ou changez le type de réponse.",
    "feuille-manquante": "Rétablissez la feuille nommée dans le message (partez d'un "
    "classeur exporté par `--exporter`).",
    "colonne-manquante": "Rétablissez l'en-tête de colonne nommé dans le message (l'ordre des "
    "colonnes, les majuscules et les accents sont indifférents).",
    "feuille-trop-grande": "Supprimez les lignes inutiles en fin de feuille (lignes "
    "formatées mais vides).",
    "champ-duplique": "Gardez une seule ligne par champ dans « Métadonnées ».",
    "indicateur-manquant": "Indiquez l'id de l'indicateur dans la première colonne, ou "
    "supprimez la ligne.",
    "indicateur-inconnu": "Utilisez un id de la feuille « Indicateurs », ou ajoutez-y "
    "l'indicateur.",
    "correspondance-incomplete": "Remplissez la lentille et le groupe de la ligne, ou "
    "supprimez-la.",
    "correspondance-dupliquee": "Gardez une seule ligne par indicateur, lentille et groupe.",
    "niveaux-incomplets": "Numérotez les niveaux de l'échelle de 1 à n, sans trou ni doublon.",
}

#: How to fix each code of ``utilite_sociale.survey.codes.SURVEY_CODES`` (general rule; the
#: message of each problem is specific).
SURVEY_FIXES: dict[str, str] = {
    "fichier-illisible": "Ouvrez le fichier et réenregistrez-le en `.xlsx`, sans mot de "
    "passe (ou exportez de nouveau les réponses depuis l'outil d'enquête).",
    "autre-referentiel": "Vérifiez le fichier avec le référentiel pour lequel il a été rempli "
    "(`-r`), ou renvoyez au membre le classeur du bon référentiel.",
    "aucune-reponse": "Remplissez le classeur, puis renvoyez-le.",
    "feuille-manquante": "Renvoyez le classeur reçu, sans supprimer ses colonnes « id » et "
    "« Réponse ».",
    "colonne-manquante": "Gardez la ligne d'en-têtes du classeur reçu (« id », …, « Réponse »).",
    "feuille-tronquee": "Supprimez les lignes vides ou inutiles en fin de feuille, puis "
    "vérifiez de nouveau.",
    "formule-sans-valeur": "Ouvrez le fichier dans Excel ou LibreOffice et enregistrez-le, ou "
    "remplacez la formule par sa valeur.",
    "reponse-manquante": "Répondez à la question, ou écrivez dans la colonne « Commentaire » "
    "pourquoi vous ne pouvez pas.",
    "type-invalide": "Écrivez la réponse attendue (colonne « Attendu ») : un nombre, un "
    "pourcentage, un choix de la liste ; les explications vont dans « Commentaire ».",
    "hors-limites": "Corrigez la réponse (un pourcentage va de 0 à 100), ou laissez la "
    "cellule vide.",
    "hors-liste": "Choisissez une réponse dans la liste déroulante.",
    "valeur-ajustee": "Vérifiez la valeur relue (une fraction lue comme un pourcentage, un "
    "séparateur de milliers…) ; corrigez-la si elle est fausse.",
    "id-inconnu": "Ne modifiez pas la colonne « id » ; utilisez le classeur envoyé par la "
    "fédération.",
    "id-duplique": "Gardez une seule ligne par indicateur (un numéro différent par répondant).",
    "id-mal-place": "Répondez à cet indicateur dans la feuille « Indicateurs », pas dans "
    "« Réponses ».",
    "incoherence-partie-total": "Une partie ne peut pas dépasser son total : corrigez l'une "
    "des deux réponses.",
    "incoherence-repartition": "Répartissez toutes les charges d'exploitation entre les "
    "activités, charges communes comprises.",
    "incoherence-dates": "Vérifiez les dates de début et de fin de l'exercice.",
    "siren-invalide": "Recopiez le numéro depuis l'avis de situation au répertoire SIRENE.",
    "rna-invalide": "Recopiez le numéro du récépissé de déclaration en préfecture "
    "(W suivi de 9 chiffres).",
    "departement-invalide": "Indiquez le numéro du département du siège (par exemple 31, 2A, 974).",
    "identite-manquante": "Renseignez `org.nom` (feuille « Organisation »).",
    "organisation-par-fichier": "Renseignez `org.code_adherent`, `org.siren` ou `org.rna` "
    "(feuille « Organisation »).",
    "periode-inconnue": "Renseignez `org.periode` (AAAA ou AAAA-AAAA) ; pour un export "
    "d'enquête, ajoutez `periode:` à la correspondance.",
    "version-anterieure": "Rien à faire pour cette campagne ; envoyez le nouveau classeur "
    "pour la suivante.",
    "referentiel-modifie": "Changez la version du référentiel à chaque modification.",
    "colonne-ignoree": "Renommez la colonne avec un en-tête reconnu (listé dans le message), "
    "ou laissez-la : elle est ignorée.",
    "membre-sans-identite": "Indiquez au moins le code adhérent ou le nom du membre.",
    "colonne-introuvable": "Recopiez dans la correspondance l'en-tête exact de l'export (ou "
    "la lettre de la colonne).",
    "colonnes-ignorees": "Ajoutez-les à la correspondance si elles répondent à un "
    "indicateur ; sinon rien à faire.",
    "organisation-manquante": "Complétez la structure du répondant dans l'export, ou retirez "
    "la ligne.",
    "option-inconnue": "Ajoutez l'option sous `choix` dans la correspondance si elle doit compter.",
}


def _catalogue(
    title: str,
    registry_name: str,
    intro: str,
    registry: Mapping[str, tuple[str, str]],
    fixes: Mapping[str, str],
) -> str:
    missing = [code for code in registry if code not in fixes]
    if missing:
        msg = f"docs/hooks.py : aucune correction décrite pour {', '.join(missing)}."
        raise LookupError(msg)
    lines = [
        f"# {title}",
        "",
        f"Page générée à la construction du site à partir du registre des codes "
        f"(`{registry_name}`) : chaque code y figure, dans l'ordre du registre. {intro}",
        "",
        "La colonne « comment corriger » donne la règle générale ; le message de chaque "
        "problème dit, lui, quelle valeur a été trouvée, ce qui était attendu et la "
        "correction précise.",
        "",
    ]
    lines += _table(
        ("code", "gravité", "signification", "comment corriger"),
        (
            (f"`{code}`", severity, meaning, fixes[code])
            for code, (severity, meaning) in registry.items()
        ),
    )
    errors = sum(1 for severity, _ in registry.values() if severity == "erreur")
    lines += [
        "",
        f"{len(registry)} codes : {errors} erreurs, {len(registry) - errors} avertissements. "
        "Une **erreur** rend la donnée inutilisable (le code de sortie vaut 1) ; un "
        "**avertissement** signale une lecture à vérifier, sans rien empêcher.",
    ]
    return _page(lines)


def indicator_set_errors_page() -> str:
    """The catalogue of the référentiel issue codes (``erreurs-referentiel.md``)."""
    from utilite_sociale.framework.codes import INDICATOR_SET_CODES

    return _catalogue(
        "Erreurs et avertissements d'un référentiel",
        "utilite_sociale.framework.codes.INDICATOR_SET_CODES",
        "Chaque problème signalé par `utilite-sociale referentiels FICHIER` (ou "
        "`us.validate_indicator_set`) porte un de ces codes stables, avec le fichier, la ligne "
        "(YAML) ou la feuille et la cellule (Excel), l'indicateur et le champ.",
        INDICATOR_SET_CODES,
        INDICATOR_SET_FIXES,
    )


def survey_errors_page() -> str:
    """The catalogue of the workbook issue codes (``erreurs-classeur.md``)."""
    from utilite_sociale.survey.codes import SURVEY_CODES

    return _catalogue(
        "Erreurs et avertissements des classeurs renvoyés",
        "utilite_sociale.survey.codes.SURVEY_CODES",
        "Chaque problème signalé par `utilite-sociale verifier` (ou `us.validate_survey`) "
        "porte un de ces codes stables, avec le fichier, la feuille, la cellule, "
        "l'indicateur, la valeur trouvée et ce qui était attendu.",
        SURVEY_CODES,
        SURVEY_FIXES,
    )


def legal_reference_page() -> str:
    """The legal reference page (``reference-juridique.md``), from the reference data."""
    from utilite_sociale._legal_doc import reference_markdown

    return reference_markdown()


# ---------------------------------------------------------------------------------------
# Référentiel fields: JSON Schema of the model, and the Excel sheets
# ---------------------------------------------------------------------------------------

#: French title and purpose of each object of the JSON Schema (``$defs`` and the root).
SCHEMA_OBJECTS: dict[str, tuple[str, str]] = {
    "IndicatorSet": (
        "Référentiel (racine du fichier)",
        "L'en-tête du référentiel, ses échelles, ses dimensions, ses lentilles et ses indicateurs.",
    ),
    "Source": ("Source", "Un texte cité par les indicateurs (champ `rationale`)."),
    "ScaleRange": (
        "Échelle des scores",
        "L'intervalle des scores normalisés (0 à 100 par défaut, 100 = meilleur).",
    ),
    "Scale": (
        "Échelle de réponse (Likert)",
        "Valeurs 1 à n dans l'ordre des libellés, 1 étant la moins favorable.",
    ),
    "Dimension": (
        "Dimension",
        "Un nœud de l'arbre principal ; `parent` le rattache à une dimension plus haute.",
    ),
    "Lens": (
        "Lentille",
        "Une grille de lecture indépendante (axes stratégiques…) à laquelle les indicateurs "
        "se rattachent avec une part.",
    ),
    "LensGroup": ("Groupe d'une lentille", "Un axe, un critère, un thème."),
    "Indicator": (
        "Indicateur",
        "La question, la réponse attendue, la normalisation, le poids et les correspondances.",
    ),
    "Answer": ("Réponse attendue", "Ce que la question attend."),
    "Choice": ("Choix", "Une réponse possible d'une question de type `choix`."),
    "Normalisation": (
        "Normalisation",
        "Comment la valeur brute devient un score (voir la table des méthodes du "
        "[format](format-referentiel.md#normalisation)).",
    ),
    "Band": (
        "Palier",
        "Un seuil d'une normalisation `paliers` : les valeurs ≥ `from` valent `score`.",
    ),
    "Target": ("Cible", "Une valeur visée pour un indicateur, avec son échéance."),
}

#: French description of each field, by object. ``tests/test_docs.py`` checks that every
#: property of the JSON Schema has one.
SCHEMA_FIELDS: dict[str, dict[str, str]] = {
    "IndicatorSet": {
        "id": "Identifiant du référentiel (minuscules, chiffres et tirets) ; écrit dans chaque "
        "classeur pour reconnaître ses retours.",
        "title": "Titre affiché dans les classeurs et les rapports.",
        "version": "Version ; changez-la à chaque modification.",
        "subject": "`adherent` : une organisation répond sur elle-même ; `federation` : le plan "
        "d'une fédération.",
        "description": "Texte libre.",
        "authors": "Auteurs, un par élément.",
        "licence": "Licence du référentiel.",
        "sources": "Sources citées par les indicateurs.",
        "legal_version": "Version de l'article 2 de la loi ESS : `auto` (celle en vigueur à la "
        "date de référence de l'évaluation), `2014` ou `2019`.",
        "scale": "Échelle des scores normalisés.",
        "aggregation": "Méthode d'agrégation : `amean` (moyenne arithmétique pondérée), `gmean` "
        "(moyenne géométrique), `min`, ou une liste d'une méthode par étape, des indicateurs "
        "vers le haut.",
        "min_coverage": "Couverture minimale d'un score (0 à 1) ; en dessous, le score est "
        "manquant (« couverture insuffisante »).",
        "overall": "Code du score global dans les résultats.",
        "denomination": "Diviser chaque indicateur par son dénominateur.",
        "scales": "Échelles de Likert propres au référentiel, par identifiant.",
        "dimensions": "Les dimensions de l'arbre principal.",
        "lenses": "Les lentilles propres au référentiel (les lentilles `loi-2014`, "
        "`loi-2019` et `guide` existent d'office).",
        "indicators": "Les indicateurs.",
    },
    "Source": {
        "id": "Identifiant (minuscules, chiffres et tirets).",
        "title": "Titre du texte.",
        "url": "Adresse du texte.",
    },
    "ScaleRange": {
        "min": "Score le plus bas.",
        "max": "Score le plus haut (le meilleur).",
    },
    "Scale": {
        "label": "Nom de l'échelle.",
        "labels": "Libellés des niveaux, du moins favorable (1) au plus favorable (n).",
    },
    "Dimension": {
        "id": "Identifiant (lettres, chiffres, « . _ - »).",
        "label": "Libellé.",
        "description": "Texte libre.",
        "parent": "Id de la dimension parente ; vide pour le premier niveau.",
        "weight": "Poids parmi ses sœurs (≥ 0 ; 0 désactive la dimension).",
    },
    "Lens": {
        "id": "Identifiant de la lentille.",
        "label": "Libellé.",
        "kind": "`strategique` (axes, orientations d'un projet) ou `autre`.",
        "groups": "Les groupes de la lentille.",
    },
    "LensGroup": {
        "id": "Identifiant du groupe (par exemple `4.1`).",
        "label": "Libellé.",
        "description": "Texte libre.",
    },
    "Indicator": {
        "id": "Identifiant stable (lettres, chiffres, « . _ - » ; les préfixes `org.` et "
        "`esus.` sont réservés).",
        "label": "Libellé court, dans les rapports.",
        "question": "La question posée dans le classeur.",
        "help": "Aide affichée sous la question.",
        "dimension": "Dimension feuille de rattachement (facultative si l'indicateur n'est "
        "pas noté).",
        "answer": "La réponse attendue.",
        "level": "`organisation` (l'organisation répond) ou `repondant` (chaque personne "
        "interrogée répond, dans la feuille « Réponses »).",
        "respondent_aggregation": "Pour `repondant` : `moyenne`, `mediane` ou "
        "`part-favorable` (en %).",
        "favourable": "Pour `part-favorable` : les réponses comptées comme favorables.",
        "scored": "`false` pour un indicateur de contexte (ETP, budget) ; par défaut, tout "
        "indicateur est noté sauf le texte libre.",
        "direction": "`croissant` (plus = mieux), `decroissant` ou `cible`.",
        "normalisation": "Comment la réponse devient un score (obligatoire pour les nombres, "
        "montants et effectifs notés).",
        "weight": "Poids parmi les indicateurs de sa dimension (≥ 0).",
        "denominator": "Id d'un autre indicateur numérique qui le divise (ETP, budget…).",
        "required": "Réponse obligatoire (une réponse manquante est une erreur).",
        "evidence": "Justificatif attendu.",
        "rationale": "Pourquoi cet indicateur : texte, article de loi, source.",
        "fragility": "Types de fragilité documentés : `economique`, `sociale`, "
        "`situation-personnelle`, `sante` (l'agrément ESUS n'en retient que certains).",
        "targets": "Cibles avec leur échéance.",
        "mappings": "Correspondances : lentille → {groupe : part}, la somme des parts dans une "
        "lentille étant au plus 1.",
    },
    "Answer": {
        "type": "Type de réponse.",
        "unit": "Unité affichée (« personnes », « heures »…).",
        "min": "Plus petite valeur admise à la saisie.",
        "max": "Plus grande valeur admise à la saisie (pourcentage : 0 à 100 d'office).",
        "scale": "Pour `likert` : id d'une échelle fournie ou déclarée.",
        "choices": "Pour `choix` : les réponses possibles.",
    },
    "Choice": {
        "value": "Code de la réponse (enregistré).",
        "label": "Libellé affiché dans la liste déroulante.",
    },
    "Normalisation": {
        "method": "Méthode.",
        "low": "`bornes` : borne basse (score 0) ; `cible` : valeur notée 0.",
        "high": "`bornes` : borne haute (score 100).",
        "range": "`minmax` : intervalle d'arrivée [l, u] (l'échelle sinon).",
        "mean": "`zscore` : moyenne visée (0 par défaut).",
        "sd": "`zscore` : écart-type visé (1 par défaut).",
        "target": "`cible` : la valeur visée.",
        "tolerance": "`cible` avec `direction: cible` : l'écart à la cible qui vaut 0.",
        "bands": "`paliers` : les paliers, seuils croissants.",
        "scores": "`likert`, `oui-non`, `categories` : le score de chaque réponse.",
    },
    "Band": {
        "from": "Seuil à partir duquel le palier s'applique.",
        "score": "Score du palier.",
    },
    "Target": {
        "value": "Valeur visée.",
        "deadline": "Échéance (AAAA-MM-JJ).",
        "label": "Libellé (par exemple « Objectif du projet associatif »).",
    },
}

_JSON_TYPES = {
    "string": "texte",
    "number": "nombre",
    "integer": "entier",
    "boolean": "booléen (`true` / `false`)",
    "null": "vide",
}


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _anchor(name: str) -> str:
    return "champs-" + name.lower()


def _schema_type(prop: Mapping[str, Any]) -> str:
    """A French description of a JSON Schema type, with links to the objects."""
    if "$ref" in prop:
        name = _ref_name(prop["$ref"])
        return f"[{SCHEMA_OBJECTS[name][0].lower()}](#{_anchor(name)})"
    if "anyOf" in prop:
        options = [item for item in prop["anyOf"] if item.get("type") != "null"]
        return " ou ".join(_schema_type(item) for item in options)
    if "enum" in prop:
        return "un de : " + ", ".join(f"`{value}`" for value in prop["enum"])
    kind = prop.get("type")
    if kind == "array":
        if "prefixItems" in prop:
            inner = ", ".join(_schema_type(item) for item in prop["prefixItems"])
            return f"liste [{inner}]"
        return f"liste de {_schema_type(prop.get('items', {}))}"
    if kind == "object":
        extra = prop.get("additionalProperties")
        if isinstance(extra, dict):
            return f"table clé → {_schema_type(extra)}"
        return "objet"
    text = _JSON_TYPES.get(str(kind), str(kind))
    limits = []
    if "minimum" in prop and "maximum" in prop:
        limits.append(f"de {prop['minimum']:g} à {prop['maximum']:g}".replace(".", ","))
    if "pattern" in prop:
        limits.append(f"motif `{prop['pattern']}`")
    if "maxLength" in prop:
        limits.append(f"{prop['maxLength']} caractères au plus")
    if prop.get("minLength") == 1:
        limits.append("non vide")
    if "minItems" in prop:
        limits.append(f"{prop['minItems']} au moins")
    return text + (f" ({', '.join(limits)})" if limits else "")


def _schema_default(prop: Mapping[str, Any]) -> str:
    if "default" not in prop or prop["default"] is None:
        return "—"
    value = prop["default"]
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, float):
        return f"`{value:g}`"
    return f"`{value}`"


def _schema_section(name: str, schema: Mapping[str, Any]) -> list[str]:
    title, purpose = SCHEMA_OBJECTS[name]
    fields = SCHEMA_FIELDS[name]
    required = set(schema.get("required", ()))
    properties: Mapping[str, Any] = schema.get("properties", {})
    unknown = [key for key in properties if key not in fields]
    if unknown:
        msg = f"docs/hooks.py : champ(s) de « {name} » sans description : {', '.join(unknown)}."
        raise LookupError(msg)
    lines = [f"### {title} (`{name}`) {{#{_anchor(name)}}}", "", purpose, ""]
    lines += _table(
        ("champ", "type", "obligatoire", "défaut", "description"),
        (
            (
                f"`{key}`",
                _schema_type(prop),
                "oui" if key in required else "non",
                _schema_default(prop),
                fields[key],
            )
            for key, prop in properties.items()
        ),
    )
    if schema.get("additionalProperties") is False:
        lines += ["", "Tout autre champ est refusé (`champ-inconnu`)."]
    return [*lines, ""]


_KINDS = {
    "text": "texte",
    "number": "nombre",
    "int": "entier",
    "bool": "`oui` / `non`",
    "enum": "liste déroulante",
    "list": "valeurs séparées par « ; »",
    "lines": "une valeur par ligne de la cellule",
    "date": "date",
}


def indicator_set_fields_page() -> str:
    """Every field of the référentiel format, from the JSON Schema and the Excel sheets."""
    from utilite_sociale import indicator_set_json_schema
    from utilite_sociale.framework import xlsx

    schema = indicator_set_json_schema()
    defs: Mapping[str, Any] = schema["$defs"]
    order = ["IndicatorSet", *[name for name in SCHEMA_OBJECTS if name != "IndicatorSet"]]
    missing = [name for name in defs if name not in SCHEMA_OBJECTS]
    if missing:
        msg = f"docs/hooks.py : objet(s) du schéma sans description : {', '.join(missing)}."
        raise LookupError(msg)
    lines = [
        "# Champs du référentiel",
        "",
        "Page générée à la construction du site à partir du schéma JSON du modèle "
        "(`utilite_sociale.indicator_set_json_schema()`, aussi écrit par "
        "`utilite-sociale referentiels --schema` et publié en "
        "[referentiel.schema.json](referentiel.schema.json)) et des feuilles du classeur "
        "Excel (`utilite_sociale.framework.xlsx`). Le [format](format-referentiel.md) "
        "l'explique avec des exemples.",
        "",
        f"Schéma : « {schema.get('title', '')} », dialecte `{schema.get('$schema', '')}`.",
        "",
        "## Le fichier YAML",
        "",
        "Les clés sont en anglais (les noms du modèle Python) ; les valeurs énumérées sont "
        "en français, sans accent.",
        "",
    ]
    for name in order:
        if name == "IndicatorSet":
            lines += _schema_section(name, schema)
        elif name in defs:
            lines += _schema_section(name, defs[name])
    lines += [
        "## Le classeur Excel",
        "",
        "`utilite-sociale referentiels ID --exporter mon-referentiel.xlsx` écrit ces feuilles ; "
        "la lecture retrouve les en-têtes sans tenir compte des majuscules, des accents ni de "
        "l'ordre des colonnes. Une feuille « "
        + xlsx.README_SHEET
        + " » explique le classeur (ignorée à la lecture) ; une feuille masquée « "
        + xlsx.LISTS_SHEET
        + " » porte les listes déroulantes.",
        "",
        f"### {xlsx.META_SHEET}",
        "",
        "Une ligne par champ : colonnes `champ` et `valeur` (la colonne `aide` n'est pas lue).",
        "",
    ]
    lines += _table(
        ("champ", "champ du format", "saisie", "aide"),
        (
            (f"`{column.header}`", f"`{column.key}`", _KINDS[column.kind], column.help or "—")
            for column in xlsx.META_FIELDS
        ),
    )
    for table in xlsx.TABLES:
        lines += ["", f"### {table.sheet}", "", table.purpose, ""]
        lines += _table(
            ("colonne", "champ du format", "saisie", "obligatoire", "aide"),
            (
                (
                    f"`{column.header}`",
                    f"`{column.key}`",
                    _KINDS[column.kind],
                    "oui" if column.key in table.required else "non",
                    column.help or "—",
                )
                for column in table.columns
            ),
        )
    return _page(lines)


# ---------------------------------------------------------------------------------------
# API reference (mkdocstrings)
# ---------------------------------------------------------------------------------------

#: Sections of the API page: title, introduction, names of ``utilite_sociale.__all__``. A
#: public name listed nowhere lands in « Autres ».
API_SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "Référentiels",
        "Charger, valider, écrire et résumer un référentiel ; son modèle.",
        (
            "load_indicator_set",
            "builtin_indicator_set_ids",
            "validate_indicator_set",
            "IndicatorSetReport",
            "check_indicator_set",
            "save_indicator_set",
            "dump_indicator_set",
            "indicator_set_json_schema",
            "summarise_indicator_set",
            "IndicatorSet",
            "Dimension",
            "Indicator",
            "Lens",
        ),
    ),
    (
        "Classeurs et vérification",
        "Écrire les classeurs des membres, les relire, les vérifier ; lire un export "
        "d'enquête en ligne.",
        (
            "write_template",
            "build_template",
            "write_member_templates",
            "read_member_file",
            "MemberFile",
            "validate_survey",
            "SurveyReport",
            "load_export_mapping",
            "ExportMapping",
            "read_survey_export",
            "SurveyExport",
        ),
    ),
    (
        "Scores",
        "Lire une campagne, calculer les scores, comparer, suivre, éprouver.",
        (
            "score",
            "Evaluation",
            "read_campaign",
            "Campaign",
            "campaign_from_members",
            "campaign_from_table",
            "campaign_from_respondents",
            "ScoringOptions",
            "score_campaign",
            "Scores",
            "benchmark",
            "trends",
            "target_attainment",
            "run_sensitivity",
            "Sensitivity",
        ),
    ),
    (
        "Agrément ESUS",
        "Les données d'une demande et les vérifications (voir [Agrément ESUS](esus.md)).",
        (
            "write_esus_dossier",
            "EsusDossier",
            "esus_inputs_from_member",
            "EsusInputs",
            "FinancialYear",
            "Statutes",
            "run_checks",
            "EsusAssessment",
            "CheckResult",
            "Status",
        ),
    ),
    (
        "Problèmes et exceptions",
        "Un problème dans les données est rendu comme `Issue` ; une mauvaise utilisation "
        "lève une exception de cet arbre.",
        (
            "Issue",
            "UtiliteSocialeError",
            "UsageError",
            "InputFileError",
            "InvalidDataError",
            "IndicatorSetError",
        ),
    ),
)

#: Functions of :mod:`utilite_sociale.reference` shown on the API page (module, names).
API_REFERENCE_DATA: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("utilite_sociale.reference.ess", ("article2_in_force", "article2_versions")),
    (
        "utilite_sociale.reference.smic",
        ("smic_in_force", "annual_smic_reference", "pay_caps"),
    ),
    (
        "utilite_sociale.reference.esus",
        (
            "esus_conditions",
            "significant_impact_rule",
            "pay_cap_rule",
            "agrement_duration_years",
            "plein_droit_categories",
        ),
    ),
)


def _directive(path: str) -> list[str]:
    return [f"::: {path}", ""]


def api_page() -> str:
    """The API reference: one mkdocstrings directive per public name."""
    import utilite_sociale as us

    public = [name for name in us.__all__ if not name.startswith("_")]
    placed: set[str] = set()
    lines = [
        "# API Python",
        "",
        "Page générée à la construction du site à partir de `utilite_sociale.__all__` : chaque "
        "nom public y figure, avec la documentation de son code (style numpydoc).",
        "",
        "```python",
        "import utilite_sociale as us",
        "",
        'ref = us.load_indicator_set("ess-socle")',
        'resultat = us.score("retours/", ref)',
        "```",
        "",
    ]

    def section(title: str, intro: str, names: Iterable[str]) -> None:
        lines.extend([f"## {title}", "", intro, ""])
        for name in names:
            obj = getattr(us, name)
            lines.extend(_directive(f"{obj.__module__}.{name}"))
            placed.add(name)

    for title, intro, names in API_SECTIONS:
        present = [name for name in names if name in public]
        if present:
            section(title, intro, present)
    rest = [name for name in public if name not in placed]
    if rest:
        section("Autres", "Les autres noms publics.", rest)
    lines += [
        "## Référentiel juridique (`utilite_sociale.reference`)",
        "",
        "Les données juridiques datées : versions de la loi ESS, SMIC, plafonds, règles de "
        "l'agrément ESUS (voir le [référentiel juridique](reference-juridique.md)).",
        "",
    ]
    for module, names in API_REFERENCE_DATA:
        for name in names:
            lines += _directive(f"{module}.{name}")
    return _page(lines)


# ---------------------------------------------------------------------------------------
# Blocks of hand-written pages
# ---------------------------------------------------------------------------------------


def readme_commands() -> str:
    """The README's two commands (its first ``sh`` block), unchanged."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"```sh\n(.*?)```", text, flags=re.S)
    if found is None:
        msg = "README.md : le premier bloc ```sh (les deux commandes) est introuvable."
        raise LookupError(msg)
    return "```sh\n" + found.group(1) + "```\n"


def _law_versions() -> list[Any]:
    """The L3332-17-1 conditions of each version, oldest first (one tuple per version)."""
    from utilite_sociale.reference import esus_conditions

    versions = [esus_conditions()]
    while True:
        before = versions[-1][0].start - dt.timedelta(days=1)
        try:
            versions.append(esus_conditions(on=before))
        except LookupError:
            break
    return versions[::-1]


def _assessment_on(day: dt.date) -> Any:
    from utilite_sociale.esus import EsusInputs, run_checks

    return run_checks(EsusInputs(legal_form="association"), on=day)


def _version_dates() -> list[tuple[str, dt.date, dt.date | None]]:
    """(version, first day, last day) of each version of L3332-17-1."""
    return [(group[0].version, group[0].start, group[0].end) for group in _law_versions()]


def esus_bases_block() -> str:
    """Each ESUS check, its legal bases per version of L3332-17-1, with sources."""
    from utilite_sociale._format import format_date

    lines: list[str] = []
    for version, start, end in _version_dates():
        day = end if end is not None else dt.date.today()
        assessment = _assessment_on(day)
        span = (
            f"du {format_date(start)} au {format_date(end)}"
            if end
            else f"depuis le {format_date(start)}"
        )
        lines += [
            f"#### Demande déposée {span} (L3332-17-1, version {version})",
            "",
        ]
        rows = []
        for check in assessment.checks:
            for legal in check.legal:
                rows.append(
                    (
                        f"`{check.id}`",
                        check.title,
                        legal.article,
                        legal.version_label,
                        _certainty(legal.certainty),
                        _links(legal.sources),
                    )
                )
        lines += _table(
            ("vérification", "intitulé", "texte", "version", "certitude", "sources"), rows
        )
        lines.append("")
    lines.append(
        "Bases calculées par `run_checks` pour une association, à la dernière date de chaque "
        "version (aujourd'hui pour la version en vigueur) ; l'appartenance à l'ESS d'une "
        "société commerciale s'appuie sur les clauses de l'article 1er de la loi ESS."
    )
    return _page(lines)


def smic_block() -> str:
    """The SMIC revaluations, from the reference data."""
    from utilite_sociale._format import format_date, format_euros
    from utilite_sociale.reference import legal_working_time, smic_revaluations

    working = legal_working_time()
    lines = _table(
        (
            "en vigueur le",
            "horaire brut",
            f"mensuel brut ({working.weekly_hours:f} h)",
            "acte",
            "certitude",
            "sources",
        ),
        (
            (
                format_date(row.start),
                format_euros(row.hourly),
                format_euros(row.monthly),
                row.act.title,
                _certainty(row.certainty),
                _links(source.url for source in row.sources if source.url),
            )
            for row in smic_revaluations()
        ),
    )
    return _page(lines)


def pay_caps_block() -> str:
    """The annual reference and the pay caps for each calendar year of the SMIC table."""
    from utilite_sociale._format import format_euros
    from utilite_sociale.reference import (
        annual_smic_reference,
        pay_cap_rule,
        pay_caps,
        smic_revaluations,
    )

    rule = pay_cap_rule()
    years = sorted({row.start.year for row in smic_revaluations()})
    rows = []
    for year in years:
        reference = annual_smic_reference(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))
        caps = pay_caps(reference)
        rows.append(
            (
                str(year),
                format_euros(reference.amount),
                format_euros(caps.mean_cap),
                format_euros(caps.top_cap),
            )
        )
    lines = _table(
        (
            "exercice (année civile)",
            "référence annuelle",
            f"moyenne des {rule.mean_top_n} plus hautes ≤ {rule.mean_multiplier:f} ×",
            f"plus haute ≤ {rule.top_multiplier:f} ×",
        ),
        rows,
    )
    return _page(lines)


def plein_droit_block() -> str:
    """The « de plein droit » categories in force today."""
    from utilite_sociale._format import format_date
    from utilite_sociale.reference import plein_droit_categories, plein_droit_conditions

    conditions = plein_droit_conditions()
    lines = _table(
        ("n°", "catégorie", "depuis", "preuve de l'article 2 exigée", "certitude"),
        (
            (
                category.number,
                category.label,
                format_date(category.since),
                "oui" if category.requires_article2_proof else "non",
                _certainty(category.certainty),
            )
            for category in plein_droit_categories()
        ),
    )
    lines += [
        "",
        "Conditions du I qui restent exigées d'un bénéficiaire de plein droit : "
        + ", ".join(conditions.condition_numbers)
        + ".",
    ]
    return _page(lines)


def application_block() -> str:
    """The pieces of the application file and the four file types."""
    from utilite_sociale.reference import application_documents, application_file_types

    lines = ["Pièces du dossier (arrêté du 5 août 2015), demande sous conditions :", ""]
    lines += [f"- {item.label}" for item in application_documents(plein_droit=False)]
    lines += ["", "Demande d'un bénéficiaire de plein droit :", ""]
    lines += [f"- {item.label}" for item in application_documents(plein_droit=True)]
    lines += ["", "Types de dossier (instruction du 20 septembre 2016) :", ""]
    lines += _table(
        ("type", "cas", "certitude"),
        ((item.id, item.label, _certainty(item.certainty)) for item in application_file_types()),
    )
    return _page(lines)


def small_numbers_block() -> str:
    """The small-number thresholds, read from the code."""
    from utilite_sociale.report.campaign import MAX_HEATMAP_MEMBERS
    from utilite_sociale.scoring.compare import MIN_OTHER_MEMBERS
    from utilite_sociale.scoring.engine import MIN_RESPONDENTS

    lines = _table(
        ("règle", "seuil", "où, dans le code"),
        (
            (
                "un agrégat de répondants (moyenne, médiane, part favorable) n'est pas affiché "
                "en dessous de",
                f"{MIN_RESPONDENTS} répondants",
                "`utilite_sociale.scoring.engine.MIN_RESPONDENTS`",
            ),
            (
                "un groupe de comparaison (département, secteur, taille…) n'est pas décrit "
                "s'il compte, outre l'organisation, moins de",
                f"{MIN_OTHER_MEMBERS} autres membres",
                "`utilite_sociale.scoring.compare.MIN_OTHER_MEMBERS`",
            ),
            (
                "au-delà de ce nombre de membres, la carte de chaleur du rapport de campagne "
                "montre des départements, plus des membres",
                f"{MAX_HEATMAP_MEMBERS} membres",
                "`utilite_sociale.report.campaign.MAX_HEATMAP_MEMBERS`",
            ),
        ),
    )
    return _page(lines)


def esus_objective_block() -> str:
    """Which art. 2 routes count for the main objective, per version of L3332-17-1."""
    from utilite_sociale._format import format_date
    from utilite_sociale.reference import legal_criterion, main_objective_rule

    labels = {
        "economique": "économique",
        "sociale": "sociale",
        "situation-personnelle": "situation personnelle",
        "sante": "santé",
    }

    def kinds(values: Iterable[str]) -> str:
        return ", ".join(labels.get(value, value) for value in values) or "aucune"

    rows = []
    for version, start, end in _version_dates():
        rule = main_objective_rule(end if end is not None else dt.date.today())
        span = (
            f"du {format_date(start)} au {format_date(end)}"
            if end
            else f"depuis le {format_date(start)}"
        )
        fragility = legal_criterion(rule.fragility_criterion)
        subordinate = " ; ".join(
            f"{legal_criterion(item.criterion).number} seulement avec : "
            + " ou ".join(label for _, label in item.links)
            for item in rule.subordinate_criteria
        )
        rows.append(
            (
                f"{version} ({span})",
                f"version {rule.article2_version}",
                f"{fragility.number} : fragilité {kinds(rule.fragilities_under_conditions)}",
                kinds(rule.fragilities_plein_droit),
                subordinate or "—",
                _certainty(rule.certainty),
            )
        )
    lines = _table(
        (
            "L3332-17-1",
            "article 2 de la loi ESS",
            "critère de fragilité, demande sous conditions",
            "fragilités retenues, plein droit (RUP)",
            "critères qui ne comptent qu'avec un lien ou un impact",
            "certitude",
        ),
        rows,
    )
    return _page(lines)


def esus_statutes_block() -> str:
    """The conditions of L3332-17-1 I that must appear in the statutes, per version."""
    from utilite_sociale._format import format_date

    rows = []
    for group in _law_versions():
        first = group[0]
        span = (
            f"du {format_date(first.start)} au {format_date(first.end)}"
            if first.end
            else f"depuis le {format_date(first.start)}"
        )
        required = [condition for condition in group if condition.in_statutes_required]
        rows.append(
            (
                f"{first.version} ({span})",
                ", ".join(condition.number for condition in required) or "aucune",
                " ; ".join(_certainty(condition.certainty) for condition in required) or "—",
            )
        )
    return _page(
        _table(("L3332-17-1", "conditions à inscrire dans les statuts", "certitude"), rows)
    )


#: ``<!-- genere: NOM -->`` lines of hand-written pages, replaced at build time.
BLOCKS: dict[str, Callable[[], str]] = {
    "commandes-readme": readme_commands,
    "esus-bases": esus_bases_block,
    "esus-objectif": esus_objective_block,
    "esus-statuts": esus_statutes_block,
    "esus-smic": smic_block,
    "esus-plafonds": pay_caps_block,
    "esus-plein-droit": plein_droit_block,
    "esus-dossier": application_block,
    "petits-effectifs": small_numbers_block,
}


def values() -> dict[str, str]:
    """``{{ nom }}`` values of hand-written pages, read from the package."""
    from utilite_sociale._format import format_percent
    from utilite_sociale.reference import (
        agrement_duration_rule,
        commercial_company_thresholds,
        pay_cap_rule,
        significant_impact_rule,
    )
    from utilite_sociale.report.campaign import MAX_HEATMAP_MEMBERS
    from utilite_sociale.report.member import STRONG, WEAK
    from utilite_sociale.scoring.campaign import SIZE_BANDS, size_band
    from utilite_sociale.scoring.compare import MIN_OTHER_MEMBERS
    from utilite_sociale.scoring.engine import MIN_RESPONDENTS

    impact = significant_impact_rule()
    pay = pay_cap_rule()
    duration = agrement_duration_rule()
    company = commercial_company_thresholds()
    return {
        "min_repondants": str(MIN_RESPONDENTS),
        "min_autres_membres": str(MIN_OTHER_MEMBERS),
        "tranches_taille": ", ".join(f"« {label} »" for _, label in SIZE_BANDS)
        + f", « {size_band(float('inf'))} »",
        "seuil_fort": f"{STRONG:g}",
        "seuil_faible": f"{WEAK:g}",
        "seuil_impact": format_percent(impact.threshold * 100, 0),
        "seuil_impact_decimal": f"{impact.threshold:f}".replace(".", "{,}"),
        "exercices_impact": str(impact.years),
        "age_jeune_entreprise": str(impact.young_company_age_years),
        "nombre_mieux_payes": str(pay.mean_top_n),
        "multiple_moyenne": f"{pay.mean_multiplier:f}",
        "multiple_plus_haut": f"{pay.top_multiplier:f}",
        "duree_agrement": str(duration.standard_years),
        "duree_jeune_entreprise": str(duration.young_company_years),
        "silence_mois": str(duration.silence_months),
        "part_fonds_developpement": format_percent(company.development_fund_share * 100, 0),
        "part_reserves": format_percent(company.retained_profit_share * 100, 0),
        "max_carte_membres": str(MAX_HEATMAP_MEMBERS),
    }


_BLOCK = re.compile(r"^<!-- genere: ([a-z0-9-]+) -->$", flags=re.M)
_VALUE = re.compile(r"\{\{ ([a-z_]+) \}\}")


def render_markdown(markdown: str, *, where: str = "page") -> str:
    """Replace the blocks and values of a hand-written page; unknown names raise."""

    def block(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in BLOCKS:
            msg = f"{where} : bloc généré inconnu « {name} » (connus : {', '.join(BLOCKS)})."
            raise LookupError(msg)
        return BLOCKS[name]().rstrip("\n")

    rendered = _BLOCK.sub(block, markdown)
    if _VALUE.search(rendered):
        known = values()

        def value(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in known:
                msg = (
                    f"{where} : valeur inconnue « {{{{ {name} }}}} » "
                    f"(connues : {', '.join(known)})."
                )
                raise LookupError(msg)
            return known[name]

        rendered = _VALUE.sub(value, rendered)
    return rendered


#: Whole pages generated at build time (a file of the same name in docs/ is replaced).
GENERATED_PAGES: dict[str, Callable[[], str]] = {
    "erreurs-referentiel.md": indicator_set_errors_page,
    "erreurs-classeur.md": survey_errors_page,
    "reference-juridique.md": legal_reference_page,
    "champs-referentiel.md": indicator_set_fields_page,
    "api.md": api_page,
}


# ---------------------------------------------------------------------------------------
# mkdocs events
# ---------------------------------------------------------------------------------------


def on_files(files: Any, config: Any) -> Any:
    """Add the generated pages (replacing any file of the same name)."""
    from mkdocs.structure.files import File

    for name, generate in GENERATED_PAGES.items():
        existing = files.get_file_from_path(name)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, name, content=generate()))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Fill the generated blocks and values of a hand-written page."""
    return render_markdown(markdown, where=page.file.src_uri)


if __name__ == "__main__":  # pragma: no cover
    wanted = sys.argv[1] if len(sys.argv) > 1 else ""
    if wanted in GENERATED_PAGES:
        print(GENERATED_PAGES[wanted](), end="")
    elif wanted in BLOCKS:
        print(BLOCKS[wanted](), end="")
    else:
        print("Pages : " + ", ".join(GENERATED_PAGES) + "\nBlocs : " + ", ".join(BLOCKS))
