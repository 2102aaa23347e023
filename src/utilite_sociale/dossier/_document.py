"""``dossier-esus.pdf``: what a DREETS officer reads first.

Cover; summary of the checks with, for each condition, the piece and page proving it;
« Éléments pour la fiche de demande »; the evidence of each condition (figures, tables,
charts, readings of uncertain rules, legal texts); the financial and pay tables; the
methodology annex; the documents to attach and what is still missing. Built twice: the
first pass records the page of each section, the second prints them in the index.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..report.member import NBSP
from ._layout import (
    build_pdf,
    check_flowables,
    date_text,
    esus_table,
    header_lines,
    legal_form_label,
    paragraph,
    rows_table,
    styles,
)

if TYPE_CHECKING:
    from ..esus import EsusAssessment, EsusInputs
    from ._charts import DossierChart
    from ._pieces import Piece

__all__ = ["build_dossier_pdf"]

#: Checks whose proof is a document the organisation attaches itself, with that document.
_ATTACHED = {
    "ess": "Copie des statuts en vigueur",
    "statuts": "Copie des statuts en vigueur",
    "plein-droit": "Justificatif de la catégorie « de plein droit »",
}


def _width() -> float:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm

    return float(A4[0] - 4 * cm)


def _anchor(pages: dict[str, int], key: str) -> Any:
    """A flowable of no size that records the page it lands on."""
    from reportlab.platypus import Flowable

    class Anchor(Flowable):
        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            return 0, 0

        def draw(self) -> None:
            pages[key] = self.canv.getPageNumber()

    return Anchor()


def _story(
    assessment: EsusAssessment,
    inputs: EsusInputs,
    pieces: Sequence[Piece],
    charts: Sequence[DossierChart],
    methodology: Sequence[tuple[str, str]],
    pages: dict[str, int],
    known: dict[str, int],
) -> list[Any]:
    from reportlab.lib.units import cm
    from reportlab.platypus import PageBreak, Spacer

    from ._charts import image_flowable

    sheet = styles()
    width = _width()
    story: list[Any] = [
        Spacer(1, 2.2 * cm),
        paragraph("Demande d'agrément ESUS", sheet["title"]),
        paragraph("Entreprise solidaire d'utilité sociale — dossier de preuves", sheet["subtitle"]),
        Spacer(1, 0.6 * cm),
        rows_table(
            [
                *[[label, value] for label, value in header_lines(assessment)],
                ["Appréciation d'ensemble", assessment.status.value],
                ["Conditions", assessment.summary],
                ["Cas de la demande", assessment.file_type.label if assessment.file_type else "—"],
                [
                    "Durée de l'agrément",
                    f"{assessment.agrement_years} ans" if assessment.agrement_years else "—",
                ],
                ["Autorité compétente", assessment.authority],
            ],
            [5 * cm, width - 5 * cm],
            sheet,
        ),
        Spacer(1, 0.5 * cm),
        paragraph(
            "Ce dossier rassemble, à partir du classeur rempli par l'organisation, les "
            "éléments qui prouvent chaque condition de l'agrément, avec les chiffres, les "
            "textes appliqués et leurs sources. Il prépare la demande sans la remplacer : "
            "l'appréciation appartient au service instructeur. « À vérifier » signale une "
            "règle dont la lecture est incertaine ou un élément que le service doit "
            "contrôler ; « à compléter », une information manquante.",
            sheet["body"],
        ),
        PageBreak(),
    ]
    # -- summary and index -----------------------------------------------------------------
    by_check = {check: piece for piece in pieces for check in piece.checks}
    rows: list[list[Any]] = [["Condition", "Statut", "Motif", "Preuve", "Page du dossier"]]
    for check in assessment.checks:
        piece = by_check.get(check.id)
        proof = (
            f"pièce {piece.number}, p.{NBSP}1" if piece else _ATTACHED.get(check.id, "ce dossier")
        )
        rows.append(
            [check.title, check.status.value, check.reason, proof, str(known.get(check.id, ""))]
        )
    story += [
        _anchor(pages, "synthese"),
        paragraph("Synthèse des conditions", sheet["h1"]),
        rows_table(
            rows,
            [width * 0.2, width * 0.12, width * 0.38, width * 0.2, width * 0.1],
            sheet,
            small=True,
            status_column=1,
        ),
        Spacer(1, 0.4 * cm),
        paragraph("Index des pièces produites", sheet["h2"]),
        rows_table(
            [
                ["Pièce", "Intitulé", "Conditions prouvées"],
                *[
                    [
                        f"pieces/{piece.file_name}",
                        piece.title,
                        ", ".join(assessment.check(c).title for c in piece.checks),
                    ]
                    for piece in pieces
                ],
            ],
            [width * 0.42, width * 0.28, width * 0.3],
            sheet,
            small=True,
        ),
        PageBreak(),
    ]
    # -- elements for the application form ---------------------------------------------------
    story += [
        _anchor(pages, "fiche"),
        paragraph("Éléments pour la fiche de demande", sheet["h1"]),
        paragraph(
            "Le modèle officiel de fiche de demande (annexé à l'arrêté du 5 août 2015, repris "
            "par la plateforme en ligne de l'agrément ESUS) n'a pas pu être consulté pour "
            "établir ce dossier : les éléments ci-dessous sont ceux que la fiche demande "
            "d'après les sources publiques (identité, activités d'utilité sociale et leur "
            "impact) ; reportez-les dans le formulaire officiel.",
            sheet["body"],
        ),
        rows_table(_form_rows(assessment, inputs), [6 * cm, width - 6 * cm], sheet),
        PageBreak(),
    ]
    # -- evidence per condition --------------------------------------------------------------
    story.append(paragraph("Preuves, condition par condition", sheet["h1"]))
    detailed = ("activites-", "remunerations-", "smic-")
    for check in assessment.checks:
        drawn = [image_flowable(c, width_cm=15) for c in charts if c.check == check.id]
        story.append(_anchor(pages, check.id))
        story += check_flowables(
            check,
            sheet,
            width=width,
            tables=lambda table: not table.id.startswith(detailed) and table.id != "indicateurs",
            charts=drawn,
        )
        if check.id == "objectif" and any(t.id == "indicateurs" for t in check.tables):
            story.append(
                paragraph(
                    "Le détail des indicateurs rattachés à chaque critère est dans la pièce 01 "
                    "et dans l'annexe Excel.",
                    sheet["small"],
                )
            )
    story.append(PageBreak())
    # -- financial and pay tables ------------------------------------------------------------------
    story += [
        _anchor(pages, "tableaux"),
        paragraph("Tableaux financiers et de rémunération", sheet["h1"]),
    ]
    for check_id in ("impact", "remuneration"):
        for table in assessment.check(check_id).tables:
            if table.id.startswith(detailed):
                story += esus_table(table, sheet, width=width)
    story.append(PageBreak())
    # -- methodology -------------------------------------------------------------------
    story += [_anchor(pages, "methode"), paragraph("Annexe méthodologique", sheet["h1"])]
    story.append(rows_table([["Élément", "Détail"], *methodology], [5 * cm, width - 5 * cm], sheet))
    story.append(paragraph("Textes et versions appliqués, avec leurs sources", sheet["h2"]))
    for basis in assessment.law_versions:
        story.append(paragraph(f"• {basis.citation}", sheet["cell-small"]))
        for source in basis.sources[:2]:
            story.append(paragraph(f"  Source{NBSP}: {source}", sheet["cell-small"]))
    for note in assessment.notes:
        story.append(paragraph(note, sheet["small"]))
    story.append(PageBreak())
    # -- documents ---------------------------------------------------------------------
    story += [_anchor(pages, "pieces"), paragraph("Pièces à joindre", sheet["h1"])]
    attestation = next(p for p in pieces if p.slug == "attestation-titres-non-cotes")
    produced = {
        "attestation-titres": f"pieces/{attestation.file_name} (à signer)",
        "fiche-demande": "éléments en page « Éléments pour la fiche de demande »",
    }
    documents = [["Pièce demandée", "Où la trouver"]]
    for document in assessment.documents:
        where = next(
            (text for key, text in produced.items() if key in document.id),
            "à joindre par l'organisation",
        )
        documents.append([document.label, where])
    story.append(rows_table(documents, [width * 0.6, width * 0.4], sheet))
    story.append(paragraph("Ce qui manque encore", sheet["h2"]))
    if assessment.missing:
        story.append(
            paragraph(
                "Renseignez ces cellules du classeur (colonne « id ») puis produisez à nouveau "
                f"le dossier{NBSP}: " + ", ".join(assessment.missing) + ".",
                sheet["body"],
            )
        )
    else:
        story.append(paragraph("Aucune information ne manque dans le classeur.", sheet["body"]))
    pending = [c for c in assessment.checks if c.status.value in {"à vérifier", "non conforme"}]
    for check in pending:
        remedy = f" {check.remedy}" if check.remedy else ""
        story.append(
            paragraph(
                f"• {check.title} ({check.status.value}){NBSP}: {check.reason}{remedy}",
                sheet["body"],
            )
        )
    return story


def _form_rows(assessment: EsusAssessment, inputs: EsusInputs) -> list[list[str]]:
    rows = [["Rubrique", "Élément"]]
    rows += [[label, value] for label, value in header_lines(assessment)]
    rows.append(["Forme juridique", legal_form_label(inputs.legal_form)])
    if inputs.creation_date:
        rows.append(["Date de création", date_text(inputs.creation_date)])
    category = assessment.plein_droit_category
    rows.append(
        [
            "Agrément « de plein droit »",
            f"{category.number}. {category.label}"
            if category
            else "non : agrément sous conditions",
        ]
    )
    objective = assessment.check("objectif")
    try:
        kept = [
            f"{r['numero']} {r['libelle']}"
            for r in objective.table("criteres").records()
            if r.get("retenu") == "oui"
        ]
    except KeyError:
        kept = []
    rows.append(
        ["Objectif d'utilité sociale (art. 2 de la loi ESS)", " ; ".join(kept) or "à compléter"]
    )
    latest = inputs.years[-1] if inputs.years else None
    if latest is not None:
        activities = [
            activity.label
            for activity in latest.activities
            if activity.label and activity.social_utility
        ]
        rows.append(
            [
                f"Activités d'utilité sociale (exercice {latest.closing_year})",
                " ; ".join(activities) or "non renseignées",
            ]
        )
    impact = assessment.check("impact")
    rows.append(["Impact significatif (charges d'exploitation)", impact.reason])
    rows.append(
        [
            "Durée d'agrément demandée",
            f"{assessment.agrement_years} ans" if assessment.agrement_years else "—",
        ]
    )
    return rows


def build_dossier_pdf(
    assessment: EsusAssessment,
    inputs: EsusInputs,
    pieces: Sequence[Piece],
    charts: Sequence[DossierChart],
    methodology: Sequence[tuple[str, str]],
) -> bytes:
    """The dossier's bytes (two passes: the index gets the page of each section)."""
    who = assessment.organisation or "organisation"
    title = f"Demande d'agrément ESUS — {who}"
    footer = f"{who} — dossier ESUS — demande du {date_text(assessment.request_date)}"
    known: dict[str, int] = {}
    for _ in range(3):  # the page numbers settle after the second pass
        pages: dict[str, int] = {}
        story = _story(assessment, inputs, pieces, charts, methodology, pages, known)
        data = build_pdf(story, title=title, footer=footer)
        if pages == known:
            break
        known = pages
    return data
