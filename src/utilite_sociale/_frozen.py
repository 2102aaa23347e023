"""Archives written byte for byte the same for the same contents and date.

Office workbooks and zip files carry dates (the moment they were written): a dossier built
twice with the same inputs and ``--date`` must not differ by them.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping

__all__ = ["fixed_zip", "frozen_workbook"]

_CORE_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def _w3c(moment: dt.datetime) -> bytes:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")


def _entry(name: str, moment: dt.datetime) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, date_time=moment.timetuple()[:6])
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    return entry


def frozen_workbook(data: bytes, *, created: dt.datetime, modified: dt.datetime) -> bytes:
    """Rewrite an ``.xlsx`` archive with fixed document dates and zip entry times.

    Parameters
    ----------
    data
        The archive written by openpyxl.
    created, modified
        The dates recorded in ``docProps/core.xml``; zip entries are dated ``modified``.

    Returns
    -------
    bytes
        The same workbook, byte for byte identical for identical contents and dates.
    """
    stamps = {b"created": _w3c(created), b"modified": _w3c(modified)}
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_DATES.sub(
                    lambda match: match[1] + stamps[match[2]] + match[3], content
                )
            target.writestr(_entry(info.filename, modified), content)
    return output.getvalue()


def fixed_zip(files: Mapping[str, bytes], *, moment: dt.datetime) -> bytes:
    """A zip of ``files`` (archive name → bytes), entries sorted and all dated ``moment``.

    Parameters
    ----------
    files
        Contents by name inside the archive (``/`` separated).
    moment
        Date and time given to every entry (zip stores no time zone).

    Returns
    -------
    bytes
        The archive.
    """
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(files):
            target.writestr(_entry(name, moment), files[name])
    return output.getvalue()
