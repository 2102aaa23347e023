"""Untrusted files: refused early with a French message; the guards are checked by the
readers' own counters (bytes declared and decompressed, rows read), never by time or RSS."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

import utilite_sociale as us
from utilite_sociale._safety import ReadLimits, check_zip_archive
from utilite_sociale.errors import InputFileError
from utilite_sociale.survey import write_template
from utilite_sociale.survey.grid import read_grids
from utilite_sociale.survey.reader import read_member_file

REF = us.load_indicator_set("ess-socle")


def _bomb(path: Path, megabytes: int) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (megabytes * 1024 * 1024))


def test_a_zip_bomb_is_refused_before_anything_is_decompressed(tmp_path: Path) -> None:
    path = tmp_path / "bombe.xlsx"
    _bomb(path, 300)
    with pytest.raises(InputFileError, match="décompresse") as caught:
        read_member_file(path, REF)
    assert caught.value.counters["octets_decompresses"] == 0
    assert caught.value.counters["octets_declares"] == 300 * 1024 * 1024 + len("<Types/>")


def test_the_size_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "modeste.xlsx"
    write_template(REF, path, today=dt.date(2026, 1, 15))
    counters = check_zip_archive(path)
    assert counters["octets_decompresses"] == 0
    small = ReadLimits(max_uncompressed_bytes=counters["octets_declares"] // 2)
    with pytest.raises(InputFileError, match="démesuré") as caught:
        read_member_file(path, REF, limits=small)
    assert caught.value.counters["octets_declares"] <= counters["octets_declares"]
    assert caught.value.counters["octets_declares"] > small.max_uncompressed_bytes


def test_a_sheet_with_too_many_rows_is_read_up_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.xlsx"
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Indicateurs")
    sheet.append(["id", "Réponse"])
    for row in range(5000):
        sheet.append([f"ZZ-{row}", row])
    book.save(path)
    limits = ReadLimits(max_rows=300)
    _, grids = read_grids(path, limits=limits)
    assert len(grids[0].rows) == 300
    assert grids[0].truncated
    member = read_member_file(path, REF, limits=limits)
    assert member.rows_read == 299  # the header row, then 299 rows: no more
    assert "feuille-tronquee" in {issue.code for issue in member.issues}


def test_a_csv_with_millions_of_rows_stops_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "enorme.csv"
    with path.open("w", encoding="utf-8") as stream:
        stream.write("id;Réponse\n")
        for row in range(1_000_000):
            stream.write(f"ZZ-{row};{row}\n")
    limits = ReadLimits(max_rows=1000, max_csv_bytes=64 * 1024 * 1024)
    _, (grid,) = read_grids(path, limits=limits)
    assert len(grid.rows) == 1000
    assert grid.truncated


def test_an_oversized_csv_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "gros.csv"
    path.write_text("id;Réponse\n" + "ES-CTX-ETP;1\n" * 2000, encoding="utf-8")
    with pytest.raises(InputFileError, match="trop volumineux") as caught:
        read_member_file(path, REF, limits=ReadLimits(max_csv_bytes=1000))
    assert caught.value.counters["octets_lus"] == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "vide"),
        (b"%PDF-1.7\n...", "pas un classeur lisible"),  # not what its extension says
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "chiffré par mot de passe"),  # OLE
    ],
)
def test_files_that_are_not_workbooks(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "retour.xlsx"
    path.write_bytes(content)
    with pytest.raises(InputFileError, match=message):
        read_member_file(path, REF)


def test_entity_expansion_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "modele.xlsx"
    write_template(REF, source, today=dt.date(2026, 1, 15))
    target = tmp_path / "entites.xlsx"
    laughs = (
        b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    )
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for item in original.infolist():
            payload = original.read(item.filename)
            if item.filename == "xl/styles.xml":
                payload = payload.replace(b"<styleSheet", laughs + b"<styleSheet", 1)
            copy.writestr(item, payload)
    with pytest.raises(InputFileError, match="entités"):
        read_member_file(target, REF)
