"""Guards for untrusted files: zip bombs, oversized archives and sheets.

Workbooks (``.xlsx``, ``.xlsm``, ``.ods``) are zip archives of XML parts. Before any parser
opens one, :func:`check_zip_archive` refuses archives whose declared sizes or compression
ratios betray a zip bomb. XML parsing itself goes through defusedxml (openpyxl uses it when
installed), which refuses entity expansion.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from .errors import InputFileError

__all__ = ["DEFAULT_LIMITS", "MAX_ROWS", "ReadLimits", "check_zip_archive"]

#: Most bytes the parts of one workbook may expand to.
MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024
#: Highest compression ratio accepted for one part (real XML compresses about 10-30 times).
MAX_COMPRESSION_RATIO = 200
#: Parts whose ratio is checked must be at least this large (tiny parts compress oddly).
_RATIO_MIN_BYTES = 1024 * 1024
#: Most entries an archive may hold.
MAX_ENTRIES = 10_000
#: Most rows read from one sheet.
MAX_ROWS = 200_000


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """Limits applied to every file read from outside (configurable, e.g. for tests).

    Attributes
    ----------
    max_uncompressed_bytes
        Most bytes the parts of a workbook may declare once decompressed.
    max_compression_ratio
        Highest compression ratio of a part of more than 1 Mo.
    max_entries
        Most parts in a workbook archive.
    max_rows, max_columns
        Most rows and columns read from one sheet; the rest is not read (with a warning).
    max_csv_bytes
        Largest CSV file read.
    """

    max_uncompressed_bytes: int = MAX_UNCOMPRESSED_BYTES
    max_compression_ratio: float = MAX_COMPRESSION_RATIO
    max_entries: int = MAX_ENTRIES
    max_rows: int = MAX_ROWS
    max_columns: int = 300
    max_csv_bytes: int = 50 * 1024 * 1024


DEFAULT_LIMITS = ReadLimits()


def check_zip_archive(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> dict[str, int]:
    """Refuse a workbook archive that is not a zip, is encrypted, or looks like a zip bomb.

    Only the archive's directory is read: nothing is decompressed here.

    Parameters
    ----------
    path
        The workbook file.
    limits
        The limits to apply.

    Returns
    -------
    dict
        The counters of the check: ``parties``, ``octets_declares``, ``octets_decompresses``
        (always 0: the decision is taken before decompressing anything).

    Raises
    ------
    InputFileError
        With a French message saying why the file is refused; ``counters`` holds the same
        counters as the return value.
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
    counters = {"parties": len(entries), "octets_declares": 0, "octets_decompresses": 0}

    def refuse(message: str) -> InputFileError:
        error = InputFileError(message)
        error.counters = dict(counters)
        return error

    if len(entries) > limits.max_entries:
        raise refuse(f"{path.name} contient trop de parties ({len(entries)}) : refusé.")
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise refuse(f"{path.name} est chiffré : enregistrez-le sans mot de passe.")
        counters["octets_declares"] += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > _RATIO_MIN_BYTES and ratio > limits.max_compression_ratio:
            raise refuse(
                f"{path.name} est refusé : une de ses parties se décompresse {ratio:.0f} fois "
                "(bombe de décompression probable)."
            )
        if counters["octets_declares"] > limits.max_uncompressed_bytes:
            raise refuse(
                f"{path.name} est refusé : il se décompresse en plus de "
                f"{limits.max_uncompressed_bytes // (1024 * 1024)} Mo (bombe de décompression "
                "probable ou classeur démesuré)."
            )
    return counters
