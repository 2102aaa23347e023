"""The bundled example campaign: reproducible, readable, its mistakes reported, scorable, and
its ESUS members where intended relative to the caps computed from the reference data."""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

import utilite_sociale as us
from utilite_sociale.examples import ExampleCampaign, ExampleMember, write_example_campaign
from utilite_sociale.reference import annual_smic_reference, pay_caps, significant_impact_rule
from utilite_sociale.scoring.engine import MIN_RESPONDENTS
from utilite_sociale.survey.members import read_members_csv, write_member_templates
from utilite_sociale.survey.validation import validate_survey

REF = us.load_indicator_set("ess-socle")


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> ExampleCampaign:
    return write_example_campaign(tmp_path_factory.mktemp("exemple"))


@pytest.fixture(scope="module")
def report(example: ExampleCampaign) -> us.SurveyReport:
    return validate_survey(example.files, REF)


@pytest.fixture(scope="module")
def read(report: us.SurveyReport) -> dict[Path, us.MemberFile]:
    """Every file as the reader read it (during the verification)."""
    files = {}
    for result in report.files:
        assert result.member is not None
        files[Path(result.path)] = result.member
    return files


Cells = dict[Path, list[tuple[str, str, Any]]]


@pytest.fixture(scope="module")
def cells(example: ExampleCampaign) -> Cells:
    """Every non-empty cell of every file: sheet, coordinate, value."""
    found = {}
    for path in example.files:
        book = load_workbook(path)
        found[path] = [
            (sheet.title, cell.coordinate, cell.value)
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        ]
    return found


def _all_files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_generating_twice_gives_byte_identical_files(
    example: ExampleCampaign, tmp_path: Path
) -> None:
    again = write_example_campaign(tmp_path / "encore")
    first, second = _all_files(example.folder), _all_files(again.folder)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_the_campaign_describes_what_was_written(example: ExampleCampaign) -> None:
    assert example.indicator_set_id == REF.id
    assert example.periods == ("2023", "2024")
    assert example.federation == "Fédération exemple Occitanie"
    assert 10 <= len(example.members) <= 14
    codes = [member.code for member in example.members]
    assert codes == sorted(set(codes))
    assert len({member.departement for member in example.members}) >= 8
    assert len({member.sector for member in example.members}) >= 4
    assert {"association", "cooperative"} <= {member.legal_form for member in example.members}
    for member in example.members:
        assert [period for period, _ in member.files] == list(example.periods)
        for period, path in member.files:
            assert path.parent == example.folder / period
            assert re.fullmatch(r"occ-\d{3}(-[a-z0-9]+)+\.xlsx", path.name), path.name
            assert path.is_file()
    assert len(example.files) == len(example.members) * len(example.periods)
    assert example.readme.is_file()
    assert "fictifs" in example.readme.read_text(encoding="utf-8")
    with pytest.raises(KeyError):
        example.member("OCC-999")
    with pytest.raises(AttributeError):
        example.seed = 1  # type: ignore[misc]


def test_the_members_list_is_what_modele_reads(example: ExampleCampaign, tmp_path: Path) -> None:
    rows, issues = read_members_csv(example.members_csv)
    assert issues == []
    assert [values["org.code_adherent"] for _, values in rows] == [
        member.code for member in example.members
    ]
    written = write_member_templates(REF, example.members_csv, tmp_path, period="2024")
    assert written.valid
    assert [path.name for path in written.written] == [
        member.file("2024").name for member in example.members
    ]
    for (_, values), member in zip(rows, example.members, strict=True):
        assert values["org.nom"] == member.name
        assert values["org.departement"] == member.departement
        assert "org.siren" not in values
        assert "org.rna" not in values


def test_every_member_file_reads(example: ExampleCampaign, read: dict[Path, us.MemberFile]) -> None:
    for member in example.members:
        for period, path in member.files:
            file = read[path]
            if any(m.code == "autre-referentiel" for m in member.mistakes if m.file == path):
                assert file.meta["referentiel_id"] != REF.id
                continue
            assert file.key == member.code
            assert file.key_source == "code_adherent"
            assert file.period == period
            assert file.identity["org.nom"] == member.name
            assert file.identity["org.departement"] == member.departement
            assert file.identity["org.date_creation"] == member.created.isoformat()
            assert file.cells_used > 30
    path = example.files[0]
    assert us.read_member_file(path, REF).tidy().equals(read[path].tidy())


def _problems(result: Any) -> list[tuple[str, str, str | None, str | None]]:
    return sorted((issue.code, issue.severity, issue.sheet, issue.cell) for issue in result.issues)


def test_the_mistakes_are_reported_with_their_codes_and_cells(
    example: ExampleCampaign, report: us.SurveyReport
) -> None:
    results = {Path(result.path): result for result in report.files}
    assert len(results) == len(example.files)
    statuses = []
    for member in example.members:
        for _, path in member.files:
            expected = sorted(
                (m.code, m.severity, m.sheet, m.cell) for m in member.mistakes if m.file == path
            )
            assert _problems(results[path]) == expected, path.name
            statuses.append(results[path].status)
    assert statuses.count("avertissements") >= 1
    assert statuses.count("erreurs") >= 2
    assert statuses.count("rejete") <= 1
    assert statuses.count("valide") >= len(statuses) // 2
    codes = {mistake.code for mistake in example.mistakes}
    assert {"valeur-ajustee", "hors-liste", "type-invalide", "reponse-manquante"} <= codes
    for mistake in example.mistakes:
        assert mistake.description.endswith(".")


def test_unusual_entries_are_read_as_meant(
    example: ExampleCampaign, read: dict[Path, us.MemberFile], cells: Cells
) -> None:
    member = example.member("OCC-009")
    path = member.file("2024")
    sheets = {sheet for sheet, _, _ in cells[path]}
    assert "Indicateurs" not in sheets  # renamed, found by its content
    assert "Questionnaire 2024" in sheets
    where = read[path].locations["ES-EMP-07"]
    raw = next(value for sheet, cell, value in cells[path] if (sheet, cell) == where)
    assert isinstance(raw, str)
    assert "\u00a0" in raw
    assert read[path].value("ES-EMP-07") == float(raw.replace("\u00a0", ""))
    assert member.tolerated


def test_every_valid_member_is_scored_in_both_periods(
    example: ExampleCampaign, report: us.SurveyReport, read: dict[Path, us.MemberFile]
) -> None:
    evaluation = us.score(list(example.files), REF)
    scores = evaluation.scores
    rows = {
        (key, period): index
        for index, (key, period) in enumerate(
            zip(scores.campaign.keys, scores.campaign.periods, strict=True)
        )
    }
    rejected = {Path(result.path) for result in report.files if result.status == "rejete"}
    for member in example.members:
        for period, path in member.files:
            if path in rejected:
                assert (member.code, period) not in rows
                continue
            overall = scores.overall[rows[member.code, period]]
            assert math.isfinite(overall), (member.code, period)
            assert 20 < overall < 95
    # The member with too few respondents: its respondent aggregates are suppressed.
    small = [m for m in example.members if any(n < MIN_RESPONDENTS for _, n in m.respondents)]
    assert len(small) == 1
    for period, _ in small[0].respondents:
        assert scores.suppressed[rows[small[0].code, period]].any()
    others = [m for m in example.members if m.has_respondents and m not in small]
    assert len(others) >= 3
    for member in others:
        for period, count in member.respondents:
            assert 15 <= count <= 80
            assert not scores.suppressed[rows[member.code, period]].any()
            table = read[member.file(period)].respondents
            assert table is not None
            assert len(table) == count


def test_no_siren_or_rna_anywhere(
    example: ExampleCampaign, read: dict[Path, us.MemberFile], cells: Cells
) -> None:
    identifier = re.compile(r"\b(?:\d{9}|\d{14}|W\d{9})\b")
    for path in example.files:
        assert "org.siren" not in read[path].identity
        assert "org.rna" not in read[path].identity
        for sheet, coordinate, value in cells[path]:
            if isinstance(value, str):
                compact = re.sub(r"[\s\u00a0\u202f.]", "", value)
                assert not identifier.search(compact), (path.name, sheet, coordinate, value)
    with example.members_csv.open(encoding="utf-8-sig") as stream:
        for row in csv.DictReader(stream, delimiter=";"):
            assert row["siren"] == ""
            assert row["rna"] == ""


FIRST_NAMES = (
    "Marie",
    "Jean",
    "Pierre",
    "Michel",
    "Claire",
    "Sophie",
    "Karim",
    "Nathalie",
    "Isabelle",
    "Philippe",
    "Alain",
    "Nicolas",
    "Julien",
    "Camille",
    "Léa",
    "Thomas",
    "Sylvie",
    "Catherine",
    "Françoise",
    "Martine",
    "Christine",
    "Patrick",
    "Laurent",
    "Éric",
    "Olivier",
    "David",
    "Céline",
    "Sandrine",
    "Valérie",
    "Stéphane",
    "Mohamed",
    "Fatima",
    "Sarah",
    "Louis",
    "Paul",
    "Jacques",
    "Monique",
    "Anne",
    "Hélène",
    "Bernard",
    "Daniel",
    "Nadia",
    "Youssef",
    "Émilie",
    "Lucas",
    "Manon",
    "Hugo",
    "Chloé",
)
PERSONAL = re.compile(
    r"@|\b(?:\+33|0[1-9])(?:[ .]?\d{2}){4}\b|\b(?:M\.|Mme|Mlle|Monsieur|Madame|Dr)\s"
    r"|\b(?:" + "|".join(FIRST_NAMES) + r")\b"
)


def test_free_text_holds_no_personal_data(example: ExampleCampaign, cells: Cells) -> None:
    texts = [example.readme.read_text(encoding="utf-8")]
    for path in example.files:
        texts += [value for _, _, value in cells[path] if isinstance(value, str)]
    found = sorted({match.group(0) for text in texts for match in PERSONAL.finditer(text)})
    assert found == []
    comments = [
        value
        for path in example.files
        for sheet, coordinate, value in cells[path]
        if sheet == "Indicateurs" and coordinate.startswith("F") and coordinate != "F1"
    ]
    assert comments
    assert all(text.endswith(".") for text in comments)


def _figure(esus: dict[str, Any], person: str) -> Decimal:
    """Gross with bonuses ÷ FTE share × 12 ÷ months present (DESIGN §7)."""
    gross = Decimal(str(esus[f"{person}.brut_annuel"]))
    share = Decimal(str(esus[f"{person}.quotite"])) / 100
    months = Decimal(str(esus[f"{person}.mois"]))
    return gross / share * 12 / months


def _years(
    member: ExampleMember, read: dict[Path, us.MemberFile]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    assert member.esus_period is not None
    esus = dict(read[member.file(member.esus_period)].esus)
    result = []
    for year in (2022, 2023, 2024):
        prefix = f"esus.{year}"
        if f"{prefix}.debut" not in esus:
            continue
        start = dt.date.fromisoformat(str(esus[f"{prefix}.debut"]))
        end = dt.date.fromisoformat(str(esus[f"{prefix}.fin"]))
        caps = pay_caps(annual_smic_reference(start=start, end=end))
        total = Decimal(str(esus[f"{prefix}.charges_exploitation_totales"]))
        lines = [
            (
                Decimal(str(esus[f"{prefix}.activite.{n}.charges"])),
                esus[f"{prefix}.activite.{n}.utilite_sociale"],
            )
            for n in range(1, 7)
            if f"{prefix}.activite.{n}.charges" in esus
        ]
        assert sum(charges for charges, _ in lines) == total
        useful = sum(charges for charges, flag in lines if flag == 1.0)
        figures = [_figure(esus, f"{prefix}.remuneration.{rank}") for rank in range(1, 6)]
        roles = {esus[f"{prefix}.remuneration.{rank}.fonction"] for rank in range(1, 6)}
        assert esus[f"{prefix}.approuve"] == 1.0
        assert all(esus.get(f"{prefix}.activite.{n}.cle_repartition") for n in range(1, 4))
        result.append(
            {
                "year": year,
                "start": start,
                "end": end,
                "caps": caps,
                "share": useful / total,
                "top": max(figures),
                "mean": sum(figures) / len(figures),
                "roles": roles,
            }
        )
    return esus, result


def test_esus_members_are_where_intended_relative_to_the_caps(
    example: ExampleCampaign, read: dict[Path, us.MemberFile]
) -> None:
    roles = {member.esus: member for member in example.members if member.esus}
    assert set(roles) == {"conforme", "plafond-depasse", "moins-de-trois-ans"}
    request = example.request_date
    rule = significant_impact_rule(request)
    threshold = rule.threshold
    young_age = rule.young_company_age_years

    esus, years = _years(roles["conforme"], read)
    assert roles["conforme"].legal_form == "association"
    assert [y["year"] for y in years] == [2022, 2023, 2024]
    assert all(y["start"] == dt.date(y["year"], 1, 1) for y in years)
    assert all(y["end"] == dt.date(y["year"], 12, 31) for y in years)
    assert all(y["share"] >= threshold for y in years)
    assert all(y["top"] * 2 < y["caps"].mean_cap for y in years)  # well under the 7 × cap
    assert esus["esus.titres_cotes"] == 0.0
    assert esus["esus.statuts.article_objet_social"].startswith("Article")
    assert esus["esus.statuts.article_gouvernance"].startswith("Article")
    assert dt.date.fromisoformat(str(esus["esus.statuts.date_demande"])) == request

    _, years = _years(roles["plafond-depasse"], read)
    above = [y["year"] for y in years if y["top"] > y["caps"].top_cap]
    assert len(above) == 1
    assert all(y["mean"] <= y["caps"].mean_cap for y in years)
    assert all(y["share"] >= threshold for y in years)
    assert any("salarie-dirigeant" in y["roles"] for y in years)

    member = roles["moins-de-trois-ans"]
    _, years = _years(member, read)
    created = member.created
    assert dt.date(created.year + young_age, created.month, created.day) > request
    assert len(years) < rule.years
    assert years[0]["start"] == created
    assert created.day == 1
    assert all(y["share"] >= threshold for y in years)
    assert all(y["top"] <= y["caps"].top_cap for y in years)
    assert any("dirigeant" in y["roles"] for y in years)

    # The self-assessment's share of social-utility charges is the one of the accounts.
    for member in roles.values():
        _, years = _years(member, read)
        shares = {str(y["year"]): y["share"] for y in years}
        for period, path in member.files:
            declared = read[path].value("ES-ECO-01")
            assert declared == round(float(shares[period]) * 100, 1)
