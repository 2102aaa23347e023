"""Reading returned member files: what was written is what is read, whatever the format."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import utilite_sociale as us
from tests.survey.filling import fill, fillings
from utilite_sociale.survey import write_template
from utilite_sociale.survey.reader import TIDY_COLUMNS, read_member_file

SETTINGS = settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _read_back(member: Any) -> dict[str, float | str]:
    found: dict[str, float | str] = {}
    for indicator, respondent, value, text, _, _ in member.answers:
        assert respondent is None
        found[indicator] = value if value is not None else text
    return found


@pytest.mark.parametrize("ref_id", us.builtin_indicator_set_ids())
@SETTINGS
@given(data=st.data())
def test_a_template_filled_through_the_ids_reads_back_exactly(
    ref_id: str, data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    ref = us.load_indicator_set(ref_id)
    cells, expected, identity_cells, identity_expected = data.draw(fillings(ref))
    path = tmp_path_factory.mktemp("fill") / "retour.xlsx"
    write_template(ref, path, today=dt.date(2026, 1, 15))
    fill(path, {**cells, **identity_cells})
    member = read_member_file(path, ref)
    problems = [issue.describe() for issue in member.issues if issue.is_error]
    assert problems == []
    assert _read_back(member) == expected
    assert member.identity == identity_expected
    assert member.key == identity_expected["org.code_adherent"]
    assert member.key_source == "code_adherent"
    assert member.period == "2025"
    assert member.cells_read == member.cells_used + member.cells_rejected
    frame = member.tidy()
    assert list(frame.columns) == list(TIDY_COLUMNS)
    assert len(frame) == len(expected)
    assert set(frame["organisation"]) <= {member.key}


LIBREOFFICE = Path(__file__).parent / "data" / "libreoffice"


@pytest.mark.parametrize("ref_id", us.builtin_indicator_set_ids())
@pytest.mark.parametrize("name", ["filled.xlsx", "resaved.ods", "resaved.xlsx"])
def test_libreoffice_resaves_read_back_the_same(ref_id: str, name: str) -> None:
    """Fixtures made by ``data/libreoffice/make_fixtures.py`` (LibreOffice Calc 7, French
    locale): our template filled through the ids, re-saved as ``.ods`` and again as
    ``.xlsx``."""
    import json

    ref = us.load_indicator_set(ref_id)
    expected = json.loads((LIBREOFFICE / ref_id / "expected.json").read_text(encoding="utf-8"))
    member = read_member_file(LIBREOFFICE / ref_id / name, ref)
    assert [issue.describe() for issue in member.issues if issue.is_error] == []
    assert _read_back(member) == pytest.approx(expected["answers"])
    assert member.identity == expected["identity"]
    assert (member.key, member.key_source, member.period) == ("A042", "code_adherent", "2025")
    assert member.meta["referentiel_id"] == ref_id


@pytest.mark.parametrize("ref_id", us.builtin_indicator_set_ids())
def test_french_csv_export_reads_back_the_same(ref_id: str) -> None:
    """``indicateurs-fr.csv``: the ``Indicateurs`` sheet exported by LibreOffice in French
    (``;`` separator, cp1252, « 1 235,56 € », « 49,5 % »)."""
    import json

    ref = us.load_indicator_set(ref_id)
    path = LIBREOFFICE / ref_id / "indicateurs-fr.csv"
    raw = path.read_bytes()
    assert b";" in raw
    assert b"," in raw
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # really cp1252
    expected = json.loads((LIBREOFFICE / ref_id / "expected.json").read_text(encoding="utf-8"))
    member = read_member_file(path, ref)
    assert [issue.describe() for issue in member.issues if issue.is_error] == []
    assert _read_back(member) == pytest.approx(expected["answers"])
    # A CSV is keyed by its file name and its period is unknown: one warning each.
    assert (member.key, member.key_source, member.period) == ("indicateurs-fr", "fichier", None)
    codes = sorted(issue.code for issue in member.issues if not issue.is_error)
    assert "organisation-par-fichier" in codes
    assert "periode-inconnue" in codes


def test_a_members_list_among_the_returned_files_is_rejected_for_what_it_is(
    tmp_path: Path,
) -> None:
    path = tmp_path / "membres.csv"
    path.write_text(
        "\ufeffcode_adherent;nom;departement\nA042;Le Fil d'Ariane;31\n", encoding="utf-8"
    )
    report = us.validate_survey([path], us.load_indicator_set("ess-socle"))
    result = report.files[0]
    assert result.status == "rejete"
    assert result.reason is not None
    assert "liste de membres" in result.reason
    assert [issue.code for issue in result.issues] == ["feuille-manquante"]
    assert "hors du dossier" in (result.issues[0].fix or "")
