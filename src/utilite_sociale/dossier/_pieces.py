"""The pieces of the online application: one subject per PDF, each with an explicit title.

The ESUS platform asks for one document per subject (décret n° 2025-1416); the dossier
writes those it can write from the workbook — presentation and social-utility activities,
the operating-charges ratio, the pay policy, the attestation on listed securities ready to
sign — and lists the others (statutes, accounts, plein-droit proof…) as to attach.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._layout import (
    build_pdf,
    check_flowables,
    date_text,
    header_lines,
    legal_form_label,
    paragraph,
    rows_table,
    styles,
)

if TYPE_CHECKING:
    from ..esus import EsusAssessment, EsusInputs
    from ._charts import DossierChart

__all__ = ["Piece", "build_pieces"]


@dataclass(frozen=True, slots=True)
class Piece:
    """A piece of the application written by the dossier.

    Attributes
    ----------
    number
        Its number (``01``…), first part of its file name.
    slug
        The rest of its file name (``ratio-charges-d-exploitation``).
    title
        Its title, printed at the top of its first page.
    checks
        The checks it proves (ids of :data:`~utilite_sociale.esus.CHECK_IDS`).
    pdf
        Its bytes.
    """

    number: str
    slug: str
    title: str
    checks: tuple[str, ...]
    pdf: bytes

    @property
    def file_name(self) -> str:
        """``NN-intitule.pdf``."""
        return f"{self.number}-{self.slug}.pdf"


def _width() -> float:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm

    return float(A4[0] - 4 * cm)


def _head(title: str, assessment: EsusAssessment, sheet: dict[str, Any]) -> list[Any]:
    from reportlab.lib.units import cm
    from reportlab.platypus import Spacer

    rows = [[label, value] for label, value in header_lines(assessment)]
    return [
        paragraph(title, sheet["title"]),
        Spacer(1, 0.3 * cm),
        paragraph("Demande d'agrément « entreprise solidaire d'utilité sociale »", sheet["body"]),
        rows_table(rows, [5 * cm, _width() - 5 * cm], sheet) if len(rows) > 1 else Spacer(1, 1),
        Spacer(1, 0.4 * cm),
    ]


def _presentation(
    assessment: EsusAssessment, inputs: EsusInputs, charts: list[DossierChart]
) -> list[Any]:
    from reportlab.lib.units import cm

    from ._charts import image_flowable

    sheet = styles()
    width = _width()
    identity = [
        ["Élément", "Valeur"],
        ["Forme juridique", legal_form_label(inputs.legal_form)],
        [
            "Date de création",
            date_text(inputs.creation_date) if inputs.creation_date else "non renseignée",
        ],
        ["Cas de la demande", assessment.file_type.label if assessment.file_type else "—"],
        [
            "Durée d'agrément correspondante",
            f"{assessment.agrement_years} ans" if assessment.agrement_years else "—",
        ],
    ]
    story = _head("Présentation et activités d'utilité sociale", assessment, sheet)
    story.append(rows_table(identity, [6 * cm, width - 6 * cm], sheet))
    objective = assessment.check("objectif")
    drawn = [image_flowable(c, width_cm=16) for c in charts if c.check == "objectif"]
    story += check_flowables(objective, sheet, width=width, charts=drawn, sources=True)
    impact = assessment.check("impact")
    activities = [t for t in impact.tables if t.id.startswith("activites-")]
    if activities:
        from ._layout import esus_table

        story.append(paragraph("Activités et charges d'exploitation", sheet["h1"]))
        story.append(
            paragraph(
                "Activités déclarées, avec leur participation à la recherche d'une utilité "
                "sociale et la clé de répartition des charges communes.",
                sheet["body"],
            )
        )
        for table in activities:
            story += esus_table(table, sheet, width=width)
    return story


def _single(
    title: str,
    check_id: str,
    assessment: EsusAssessment,
    charts: list[DossierChart],
) -> list[Any]:
    from ._charts import image_flowable

    sheet = styles()
    check = assessment.check(check_id)
    drawn = [image_flowable(c, width_cm=16) for c in charts if c.check == check_id]
    return _head(title, assessment, sheet) + check_flowables(
        check, sheet, width=_width(), charts=drawn, sources=True
    )


def _attestation(assessment: EsusAssessment) -> list[Any]:
    from reportlab.lib.units import cm
    from reportlab.platypus import Spacer

    from ..reference import esus_condition

    sheet = styles()
    name = assessment.organisation or "……………………………………"
    titres = assessment.check("titres")
    article = next((basis.citation for basis in titres.legal), "article L3332-17-1, I, 4°")
    condition = _securities_condition(esus_condition, assessment)
    line = "……………………………………………………"
    return [
        paragraph("Attestation relative aux titres de capital", sheet["title"]),
        Spacer(1, 0.8 * cm),
        paragraph(f"Je soussigné(e) {line},", sheet["body"]),
        paragraph(f"agissant en qualité de {line} (représentant légal) de", sheet["body"]),
        paragraph(f"{name},", sheet["body"]),
        Spacer(1, 0.3 * cm),
        paragraph(
            "atteste que les titres de capital de l'organisation, lorsqu'ils existent, ne sont "
            "pas admis aux négociations sur un marché d'instruments financiers, français ou "
            "étranger, dont le fonctionnement est assuré par une entreprise de marché ou un "
            "prestataire de services d'investissement ou tout autre organisme similaire "
            "étranger, au sens du " + condition + ".",
            sheet["body"],
        ),
        Spacer(1, 0.3 * cm),
        paragraph(f"Texte appliqué{chr(0xA0)}: {article}.", sheet["small"]),
        Spacer(1, 1.2 * cm),
        paragraph(f"Fait à {line}, le {line}", sheet["body"]),
        Spacer(1, 1.5 * cm),
        paragraph("Signature et cachet", sheet["body"]),
    ]


def _securities_condition(lookup: Any, assessment: EsusAssessment) -> str:
    """« 4° du I de l'article L. 3332-17-1 du code du travail » in the version in force."""
    return "4° du I de l'article L. 3332-17-1 du code du travail" + (
        f" (version en vigueur le {date_text(assessment.request_date)})"
    )


def build_pieces(
    assessment: EsusAssessment, inputs: EsusInputs, charts: list[DossierChart]
) -> list[Piece]:
    """The pieces the dossier writes, in their order."""
    who = assessment.organisation or "organisation"

    def pdf(title: str, story: list[Any]) -> bytes:
        return build_pdf(story, title=f"{title} — {who}", footer=f"{who} — {title}")

    specs: list[tuple[str, str, str, tuple[str, ...], list[Any]]] = [
        (
            "01",
            "presentation-et-activites-d-utilite-sociale",
            "Présentation et activités d'utilité sociale",
            ("ess", "objectif"),
            _presentation(assessment, inputs, charts),
        ),
        (
            "02",
            "ratio-charges-d-exploitation",
            "Ratio des charges d'exploitation d'utilité sociale",
            ("impact",),
            _single(
                "Ratio des charges d'exploitation d'utilité sociale", "impact", assessment, charts
            ),
        ),
        (
            "03",
            "politique-de-remuneration",
            "Politique de rémunération",
            ("remuneration",),
            _single("Politique de rémunération", "remuneration", assessment, charts),
        ),
        (
            "04",
            "attestation-titres-non-cotes",
            "Attestation relative aux titres de capital",
            ("titres",),
            _attestation(assessment),
        ),
    ]
    # A « de plein droit » applicant files a shorter dossier: no piece for a condition that
    # does not apply to it (the attestation is always asked for).
    kept = [
        spec
        for spec in specs
        if spec[1] == "attestation-titres-non-cotes"
        or any(assessment.check(c).status.value != "non applicable" for c in spec[3])
    ]
    return [
        Piece(f"{index:02d}", slug, title, checks, pdf(title, story))
        for index, (_, slug, title, checks, story) in enumerate(kept, start=1)
    ]
