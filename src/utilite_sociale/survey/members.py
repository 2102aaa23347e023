"""``modele --membres membres.csv``: one pre-filled, identity-locked workbook per member."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._paths import safe_filename
from ..errors import ERROR, WARNING, InputFileError, Issue
from ..framework.models import IndicatorSet
from .layout import IDENTITY_FIELDS, LEGAL_FORMS
from .template import write_template

__all__ = ["MemberTemplates", "read_members_csv", "write_member_templates"]

_COLUMNS = {
    "org.code_adherent": ("code_adherent", "code adherent", "code", "code membre"),
    "org.nom": ("nom", "raison sociale", "denomination", "organisation"),
    "org.siren": ("siren",),
    "org.rna": ("rna", "numero rna"),
    "org.forme_juridique": ("forme_juridique", "forme juridique", "statut"),
    "org.date_creation": ("date_creation", "date de creation"),
    "org.departement": ("departement", "dept"),
    "org.secteur": ("secteur", "secteur d'activite"),
    "org.periode": ("periode",),
}


@dataclass
class MemberTemplates:
    """What ``write_member_templates`` did: files written and problems met, row by row."""

    written: list[Path] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        """Whether every member row could be used."""
        return not any(issue.severity == ERROR for issue in self.issues)


def read_members_csv(path: Path) -> tuple[list[tuple[int, dict[str, str]]], list[Issue]]:
    """Read the members list: one row per member, identity columns found by header.

    Returns
    -------
    rows, issues
        ``(line number, {reserved id: value})`` for each usable row, and the problems.
    """
    from .values import normalise_text

    if not path.is_file():
        raise InputFileError(f"Fichier introuvable : {path}")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    try:
        delimiter = csv.Sniffer().sniff(text[:10_000], delimiters=";,\t").delimiter
    except csv.Error:
        delimiter = max(";,\t", key=text[:10_000].count)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    issues: list[Issue] = []
    if not rows:
        raise InputFileError(f"{path.name} est vide.")
    header = [normalise_text(cell) for cell in rows[0]]
    positions: dict[str, int] = {}
    for field_id, names in _COLUMNS.items():
        for index, label in enumerate(header):
            if label in {normalise_text(name) for name in names}:
                positions[field_id] = index
                break
    if "org.code_adherent" not in positions and "org.nom" not in positions:
        raise InputFileError(
            f"{path.name} : colonnes « code_adherent » et « nom » introuvables dans la première "
            "ligne. Attendu par exemple : code_adherent;nom;siren;rna;departement;secteur"
        )
    unknown = [
        rows[0][i] for i, label in enumerate(header) if i not in positions.values() and label
    ]
    if unknown:
        issues.append(
            Issue(
                code="colonne-ignoree",
                severity=WARNING,
                file=path.name,
                line=1,
                message="Colonnes ignorées : " + ", ".join(f"« {name} »" for name in unknown) + ".",
                fix="Colonnes reconnues : "
                + ", ".join(names[0] for names in _COLUMNS.values())
                + ".",
            )
        )
    members: list[tuple[int, dict[str, str]]] = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = {
            field_id: row[index].strip()
            for field_id, index in positions.items()
            if index < len(row) and row[index].strip()
        }
        if not values.get("org.code_adherent") and not values.get("org.nom"):
            issues.append(
                Issue(
                    code="membre-sans-identite",
                    file=path.name,
                    line=line,
                    message="Ligne sans code adhérent ni nom : aucun classeur n'est produit pour "
                    "elle.",
                    fix="Indiquez au moins le code adhérent ou le nom.",
                )
            )
            continue
        members.append((line, values))
    return members, issues


def _legal_form_code(value: str) -> str:
    from .values import normalise_text

    wanted = normalise_text(value)
    for code, label in LEGAL_FORMS:
        if wanted in {normalise_text(code), normalise_text(label)}:
            return code
    return value


def write_member_templates(
    indicator_set: IndicatorSet,
    members_csv: str | os.PathLike[str],
    folder: str | os.PathLike[str],
    **options: Any,
) -> MemberTemplates:
    """Write one pre-filled workbook per member of ``members_csv`` into ``folder``.

    Identity values from the list (code, name, identifiers, period…) are filled in and
    locked. File names come from the member code and name, made safe
    (``A042-le-fil-d-ariane.xlsx``). Options are those of :func:`build_template`.

    Returns
    -------
    MemberTemplates
        The files written and the rows that could not be used, with their reason.
    """
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    rows, issues = read_members_csv(Path(members_csv))
    result = MemberTemplates(issues=list(issues))
    known = {item.id for item in IDENTITY_FIELDS}
    used_names: set[str] = set()
    for line, values in rows:
        member: dict[str, Any] = {key: value for key, value in values.items() if key in known}
        if "org.forme_juridique" in member:
            member["org.forme_juridique"] = _legal_form_code(member["org.forme_juridique"])
        stem = (
            "-".join(
                part
                for part in (
                    safe_filename(values.get("org.code_adherent", ""), default=""),
                    safe_filename(values.get("org.nom", ""), default=""),
                )
                if part
            )
            or f"membre-{line}"
        )
        name = stem
        counter = 2
        while name in used_names:
            name = f"{stem}-{counter}"
            counter += 1
        used_names.add(name)
        period = member.pop("org.periode", None) or options.get("period")
        member_options: Mapping[str, Any] = {**options, "period": period, "member": member}
        result.written.append(
            write_template(indicator_set, target / f"{name}.xlsx", **member_options)
        )
    return result
