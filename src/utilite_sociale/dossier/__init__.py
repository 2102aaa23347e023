"""The ESUS evidence pack (DESIGN §7): the dossier PDF, its pieces, annex, charts, manifest, zip.

:func:`write_esus_dossier` reads an organisation's workbook, scores it with its référentiel,
runs the ESUS checks (:mod:`utilite_sociale.esus`) at the request date and writes the
folder a DREETS officer can read::

    import datetime as dt
    from utilite_sociale.dossier import write_esus_dossier

    dossier = write_esus_dossier(
        "retour-A042.xlsx", referentiel="ess-socle", output="dossier-A042",
        date=dt.date(2025, 6, 1),
    )
    print(dossier.assessment.summary, dossier.archive)
"""

from __future__ import annotations

from .build import EsusDossier, write_esus_dossier

__all__ = ["EsusDossier", "write_esus_dossier"]
