"""``utilite-sociale dossier-esus``: the evidence pack a DREETS officer reads."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

import utilite_sociale as us
from tests.survey.filling import fill, typical_filling
from utilite_sociale.cli import main
from utilite_sociale.dossier import write_esus_dossier
from utilite_sociale.survey import write_template

REF = us.load_indicator_set("ess-socle")
DAY = dt.date(2025, 6, 1)


def _year(year: int, *, best_paid: Any = "48 000,50") -> dict[str, Any]:
    prefix = f"esus.{year}"
    return {
        f"{prefix}.debut": dt.datetime(year, 1, 1),
        f"{prefix}.fin": dt.datetime(year, 12, 31),
        f"{prefix}.approuve": "Oui",
        f"{prefix}.charges_exploitation_totales": 100000,
        f"{prefix}.activite.1.libelle": "Accompagnement social",
        f"{prefix}.activite.1.charges": 70000,
        f"{prefix}.activite.1.utilite_sociale": "Oui",
        f"{prefix}.activite.1.cle_repartition": "Au prorata des heures",
        f"{prefix}.activite.2.libelle": "Location de salles",
        f"{prefix}.activite.2.charges": 30000,
        f"{prefix}.activite.2.utilite_sociale": "Non",
        f"{prefix}.remuneration.1.fonction": "Salarié",
        f"{prefix}.remuneration.1.brut_annuel": best_paid,
        f"{prefix}.remuneration.1.quotite": 100,
        f"{prefix}.remuneration.1.mois": 12,
        f"{prefix}.remuneration.2.fonction": "Dirigeant",
        f"{prefix}.remuneration.2.brut_annuel": 30000,
        f"{prefix}.remuneration.2.quotite": 100,
        f"{prefix}.remuneration.2.mois": 12,
    }


def _workbook(folder: Path, name: str = "A042", **overrides: Any) -> Path:
    path = folder / f"{name}.xlsx"
    write_template(REF, path, esus=True, period="2024", today=dt.date(2025, 1, 15))
    cells, _ = typical_filling(REF)
    cells.update(
        {
            "org.code_adherent": name,
            "org.nom": "Le Fil d'Ariane",
            "org.forme_juridique": "Association (loi 1901 ou droit local d'Alsace-Moselle)",
            "org.date_creation": dt.datetime(2001, 3, 1),
            "org.departement": "31",
            "org.periode": "2024",
            "esus.titres_cotes": "Non",
            "esus.statuts.article_objet_social": "Article 2",
            "esus.statuts.article_gouvernance": "Article 9",
        }
    )
    for year in (2022, 2023, 2024):
        cells.update(_year(year))
    cells.update(overrides)
    fill(path, cells)
    return path


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, us.EsusAssessment]:
    folder = tmp_path_factory.mktemp("dossier")
    dossier = write_esus_dossier(
        _workbook(folder), referentiel="ess-socle", output=folder / "sortie", date=DAY
    )
    return dossier.folder, dossier.assessment


def test_the_folder_holds_exactly_what_the_design_lists(
    written: tuple[Path, us.EsusAssessment],
) -> None:
    folder, assessment = written
    files = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert files == [
        "annexe.xlsx",
        "dossier-esus-le-fil-d-ariane.zip",
        "dossier-esus.pdf",
        "graphiques/01-criteres-article-2.png",
        "graphiques/02-part-des-charges-d-utilite-sociale.png",
        "graphiques/03-remunerations-et-plafonds.png",
        "manifest.json",
        "pieces/01-presentation-et-activites-d-utilite-sociale.pdf",
        "pieces/02-ratio-charges-d-exploitation.pdf",
        "pieces/03-politique-de-remuneration.pdf",
        "pieces/04-attestation-titres-non-cotes.pdf",
    ]
    assert assessment.status.value == "conforme"
    assert not list(folder.parent.glob(".sortie-*"))  # no staging folder left behind


def test_the_manifest_names_every_input_output_and_law_version(
    written: tuple[Path, us.EsusAssessment],
) -> None:
    folder, _ = written
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    source = folder.parent / "A042.xlsx"
    assert manifest["entrees"] == [
        {"fichier": "A042.xlsx", "sha256": hashlib.sha256(source.read_bytes()).hexdigest()}
    ]
    assert manifest["referentiel"] == {
        "id": "ess-socle",
        "version": REF.version,
        "sha256": REF.content_hash(),
    }
    assert manifest["date_demande"] == "2025-06-01"
    assert manifest["outil"]["version"] == us.__version__
    listed = {item["fichier"]: item["sha256"] for item in manifest["fichiers"]}
    for name, digest in listed.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
    assert "dossier-esus.pdf" in listed
    texts = [item["texte"] for item in manifest["textes"]]
    assert any("R3332-21-1" in text for text in texts)
    assert any("SMIC" in text for text in texts)  # every SMIC row used is a legal version
    assert [v["id"] for v in manifest["verifications"]][:3] == ["ess", "objectif", "impact"]


def test_the_zip_holds_the_folder_sorted_and_dated(
    written: tuple[Path, us.EsusAssessment],
) -> None:
    folder, _ = written
    with zipfile.ZipFile(folder / "dossier-esus-le-fil-d-ariane.zip") as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert "dossier-esus-le-fil-d-ariane.zip" not in names
        assert len(names) == 10
        assert {info.date_time for info in archive.infolist()} == {(2025, 6, 1, 0, 0, 0)}
        assert archive.read("dossier-esus.pdf") == (folder / "dossier-esus.pdf").read_bytes()


def test_the_dossier_reads_as_an_officer_needs(written: tuple[Path, us.EsusAssessment]) -> None:
    folder, assessment = written
    text = _text(folder / "dossier-esus.pdf")
    for heading in (
        "Synthèse des conditions",
        "Index des pièces produites",
        "Éléments pour la fiche de demande",
        "n'a pas pu être consulté",
        "Preuves, condition par condition",
        "Tableaux financiers et de rémunération",
        "Annexe méthodologique",
        "Pièces à joindre",
        "Ce qui manque encore",
    ):
        assert heading in text
    for check in assessment.checks:
        assert check.title in text
    assert "70,00" in text  # the 66 % test's share, truncated to two decimals
    assert "148 909,60" in text  # the 2024 cap of the mean (7 × 21 272,80 €)
    assert "Association (loi 1901" in text  # the legal form's label, not its code
    assert "objet social à l'article 2 des statuts" in text
    attestation = _text(folder / "pieces" / "04-attestation-titres-non-cotes.pdf")
    assert "Je soussigné(e)" in attestation
    assert "Le Fil d'Ariane" in attestation
    assert "Signature" in attestation
    ratio = _text(folder / "pieces" / "02-ratio-charges-d-exploitation.pdf")
    assert "Ratio des charges d'exploitation" in ratio
    assert "Textes appliqués" in ratio


def test_the_annex_keeps_numbers_as_numbers(written: tuple[Path, us.EsusAssessment]) -> None:
    folder, _ = written
    book = load_workbook(folder / "annexe.xlsx")
    summary = list(book["Synthèse"].iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in summary] == list(us.esus.CHECK_IDS)
    ratios = book["Part des charges d'exploitation"]
    rows = list(ratios.iter_rows(min_row=3, values_only=True))
    assert rows[0][0] == "2022"
    assert rows[0][6] == pytest.approx(0.7)
    assert ratios.cell(row=3, column=7).number_format == "0.00%"


def test_same_inputs_and_date_give_the_same_bytes(tmp_path: Path) -> None:
    source = _workbook(tmp_path)
    first = write_esus_dossier(source, referentiel="ess-socle", output=tmp_path / "a", date=DAY)
    second = write_esus_dossier(source, referentiel="ess-socle", output=tmp_path / "b", date=DAY)
    assert first.files == second.files
    for name in first.files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_a_failing_organisation_gets_its_dossier_and_what_would_make_it_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 2024: the best paid earns 250 000 €, above 10 × 21 272,80 € = 212 728,00 €.
    source = _workbook(
        tmp_path,
        **{
            "esus.2024.remuneration.1.brut_annuel": 250000,
            "esus.2023.charges_exploitation_totales": None,
        },
    )
    output = tmp_path / "sortie"
    command = ["dossier-esus", str(source), "-r", "ess-socle", "-o", str(output)]
    assert main([*command, "--date", "2025-06-01"]) == 0
    printed = capsys.readouterr().out
    assert "non conforme" in printed
    assert "esus.2023.charges_exploitation_totales" in printed
    text = _text(output / "dossier-esus.pdf")
    assert "non conforme" in text
    assert "212 728,00" in text
    assert "Pour remplir la condition" in text
    assert "esus.2023.charges_exploitation_totales" in text  # named in « Ce qui manque »


def test_usage_errors_and_rejected_files(tmp_path: Path) -> None:
    source = _workbook(tmp_path)
    output = tmp_path / "sortie"
    output.mkdir()
    (output / "ancien.txt").write_text("x")
    command = ["dossier-esus", str(source), "-r", "ess-socle", "-o", str(output)]
    assert main([*command, "--date", "2025-06-01"]) == 2  # not empty, no --ecraser
    assert (output / "ancien.txt").exists()
    assert main([*command, "--date", "01/06/2025"]) == 2
    assert main([*command, "--date", "2025-06-01", "--ecraser"]) == 0
    assert not (output / "ancien.txt").exists()
    assert (output / "dossier-esus.pdf").is_file()
    other = us.load_indicator_set("bonnes-pratiques-ess")
    foreign = tmp_path / "autre.xlsx"
    write_template(other, foreign, today=dt.date(2025, 1, 15), period="2024")
    fill(foreign, {"org.code_adherent": "B1"})
    elsewhere = tmp_path / "rejete"
    assert main(["dossier-esus", str(foreign), "-r", "ess-socle", "-o", str(elsewhere)]) == 1
    assert not elsewhere.exists()


def test_member_text_cannot_become_a_formula_in_the_annex(tmp_path: Path) -> None:
    source = _workbook(tmp_path, **{"esus.2024.activite.1.libelle": "+cmd|' /C calc'!A0"})
    dossier = write_esus_dossier(source, referentiel="ess-socle", output=tmp_path / "s", date=DAY)
    book = load_workbook(io.BytesIO((dossier.folder / "annexe.xlsx").read_bytes()))
    found = [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith("+cmd")
    ]
    assert found
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in found)


def test_a_plein_droit_esat_files_a_shorter_dossier(tmp_path: Path) -> None:
    source = _workbook(
        tmp_path,
        "ESAT1",
        **{
            "esus.statuts.categorie_plein_droit": (
                "11. Établissements et services d'aide par le travail (ESAT)"
            ),
            "esus.statuts.preuve_plein_droit": "Arrêté d'autorisation de l'ARS du 3 mars 1995",
        },
    )
    dossier = write_esus_dossier(source, referentiel="ess-socle", output=tmp_path / "s", date=DAY)
    assessment = dossier.assessment
    assert assessment.plein_droit is True
    assert assessment.file_type is not None
    assert assessment.file_type.id == "A1"
    # The 66 % test does not apply: no piece for it; ESS membership, the pay caps and the
    # attestation on securities still do (L3332-17-1, II).
    pieces = sorted(name for name in dossier.files if name.startswith("pieces/"))
    assert pieces == [
        "pieces/01-presentation-et-activites-d-utilite-sociale.pdf",
        "pieces/02-politique-de-remuneration.pdf",
        "pieces/03-attestation-titres-non-cotes.pdf",
    ]
    text = _text(dossier.folder / "dossier-esus.pdf")
    assert "pieces/03-attestation-titres-non-cotes.pdf\n(à signer)" in text
    assert "Arrêté d'autorisation de l'ARS" in text
    assert "non applicable" in text
