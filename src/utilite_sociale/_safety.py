"""Guards for untrusted files: zip bombs, oversized archives and sheets.

Workbooks (``.xlsx``, ``.xlsm``, ``.ods``) are zip archives of XML parts. Before any parser
opens one, :func:`check_zip_archive` refuses archives whose declared sizes or compression
ratios betray a zip bomb. XML parsing itself goes through defusedxml (openpyxl uses it when
installed), which refuses entity expansion.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from .errors import InputFileError

__all__ = ["MAX_ROWS", "check_zip_archive"]

#: Most bytes the parts of one workbook may expand to.
MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024
#: Highest compression ratio accepted for one part (real XML compresses about 10-30 times).
MAX_COMPRESSION_RATIO = 200
#: Parts whose ratio is checked must be at least this large (tiny parts compress oddly).
_RATIO_MIN_BYTES = 1024 * 1024
#: Most entries an archive may hold.
MAX_ENTRIES = 10_000
#: Most rows read from one sheet.
MAX_ROWS = 100_000


def check_zip_archive(path: Path) -> None:
    """Refuse a workbook archive that is not a zip, is encrypted, or looks like a zip bomb.

    Parameters
    ----------
    path
        The workbook file.

    Raises
    ------
    InputFileError
        With a French message saying why the file is refused.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile:
        raise InputFileError(
            f"{path.name} n'est pas un classeur lisible (archive endommagée, fichier chiffré "
            "par mot de passe, ou autre format renommé) : ouvrez-le et réenregistrez-le en "
            ".xlsx sans mot de passe."
        ) from None
    except OSError as exc:
        raise InputFileError(f"Impossible de lire {path.name} : {exc.strerror or exc}") from None
    if len(entries) > MAX_ENTRIES:
        raise InputFileError(f"{path.name} contient trop de parties ({len(entries)}) : refusé.")
    total = 0
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise InputFileError(f"{path.name} est chiffré : enregistrez-le sans mot de passe.")
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > _RATIO_MIN_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise InputFileError(
                f"{path.name} est refusé : une de ses parties se décompresse {ratio:.0f} fois "
                "(bombe de décompression probable)."
            )
    if total > MAX_UNCOMPRESSED_BYTES:
        raise InputFileError(
            f"{path.name} est refusé : il se décompresse en {total // (1024 * 1024)} Mo "
            f"(maximum {MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} Mo)."
        )
