"""Build files shaped like the respondent-level exports of online survey tools.

One builder per tool (KoboToolbox, LimeSurvey, Google Forms, Microsoft Forms, SurveyMonkey,
Framaforms) writes into a folder an export file laid out as the tool's *documentation* (or, for
the open-source tools, its export code) describes it, plus the matching mapping file
(« fichier de correspondance », see ``docs/exports-enquetes.md``), and returns an
:class:`ExportCase` saying what the reader must produce. None of these files comes from a real
export: where the documentation is silent, the most plausible choice is made and said so in
the builder's docstring.

Every export asks the same five questions of 6 to 8 fictional respondents (no real names;
e-mail, name and IP columns hold placeholders that the reader must never read):

* « Je me sens écouté·e par l'équipe » → ``EQ-ECOUTE`` (scale ``accord-5``);
* satisfaction with the welcome → ``EQ-ACCUEIL`` (scale ``satisfaction-4``);
* number of visits this quarter → ``EQ-VISITES`` (number, 0 to 100);
* services used (multiple choice) → ``EQ-SERV-SOCIAL``, ``EQ-SERV-ALIM``,
  ``EQ-SERV-LOGEMENT`` (yes/no, one per option);
* « Recommanderiez-vous la structure à un proche ? » → ``EQ-RECOMMANDE`` (yes/no).

Each tool words its answers its own way; the mapping translates them with ``valeurs`` where
they differ from the référentiel's labels. Each export has exactly one deliberately bad cell,
listed in :attr:`ExportCase.rejected`. The référentiel is ``data/exports/enquete.yaml``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

__all__ = [
    "BUILDERS",
    "ORGANISATION",
    "PERIODE",
    "REFERENTIEL",
    "REFERENTIEL_ID",
    "ExportCase",
    "build_framaforms",
    "build_google_forms",
    "build_kobotoolbox",
    "build_limesurvey",
    "build_microsoft_forms",
    "build_surveymonkey",
]

REFERENTIEL = Path(__file__).parent / "data" / "exports" / "enquete.yaml"
"""The test référentiel every mapping refers to."""
REFERENTIEL_ID = "enquete-exports"
ORGANISATION = "A012"
"""The organisation key of every single-organisation export."""
PERIODE = "2025"

Key = tuple[str, str, str]
"""(organisation key, respondent label, indicator id)."""

ECOUTE, ACCUEIL, VISITES, RECOMMANDE = "EQ-ECOUTE", "EQ-ACCUEIL", "EQ-VISITES", "EQ-RECOMMANDE"
SOCIAL, ALIM, LOGEMENT = "social", "alim", "logement"
SERVICE_INDICATORS = {SOCIAL: "EQ-SERV-SOCIAL", ALIM: "EQ-SERV-ALIM", LOGEMENT: "EQ-SERV-LOGEMENT"}
SERVICE_LABELS = {
    SOCIAL: "Accompagnement social",
    ALIM: "Aide alimentaire",
    LOGEMENT: "Aide au logement",
}
SERVICE_CHOICES = {SERVICE_LABELS[key]: SERVICE_INDICATORS[key] for key in SERVICE_LABELS}
"""Option label → indicator, the ``choix`` of every mapping that reads option labels."""

ACCORD_5 = [
    "Pas du tout d'accord",
    "Plutôt pas d'accord",
    "Ni d'accord ni pas d'accord",
    "Plutôt d'accord",
    "Tout à fait d'accord",
]
SATISFACTION_4 = ["Pas du tout satisfait", "Peu satisfait", "Satisfait", "Très satisfait"]


@dataclass
class ExportCase:
    """An export file, its mapping file and what reading them must give.

    Attributes
    ----------
    export
        The export file, shaped as the tool writes it.
    mapping
        The mapping file (« fichier de correspondance »).
    expected
        (organisation key, respondent label, indicator id) → value, for every valid answer:
        a Likert answer gives its position 1..n in the référentiel's scale, yes/no 1.0 or 0.0,
        a number its float value. For a multiple-choice question the respondent answered,
        every option listed in the mapping's ``choix`` gives 1.0 if ticked, else 0.0; a
        respondent who left the whole question blank gives no entry. The respondent label is
        the text of the tool's respondent-id column (integers without ``.0``), or the 1-based
        data-row number for Google Forms.
    rejected
        (cell reference such as ``D5``, indicator id) of each deliberately bad cell: Excel
        column letter and 1-based row of the file, header rows included.
    organisations
        The organisation keys present in the export.
    """

    export: Path
    mapping: Path
    expected: dict[tuple[str, str, str], float]
    rejected: list[tuple[str, str]]
    organisations: list[str]


@dataclass(frozen=True)
class _Answers:
    """What one respondent meant to answer, before a tool words it.

    ``services`` is ``None`` when the whole multiple-choice question was left blank; ``other``
    is the free text of an « Autre » option (ignored by the reader); ``bad`` replaces the cell
    of one indicator by a raw text that must be rejected.
    """

    ecoute: int | None
    accueil: int | None
    visites: int | None
    services: frozenset[str] | None
    recommande: bool | None
    other: str | None = None
    bad: tuple[str, str] | None = None

    def raw(self, indicator: str, worded: str) -> str:
        """The cell of ``indicator``: the deliberately bad text, or the tool's wording."""
        if self.bad is not None and self.bad[0] == indicator:
            return self.bad[1]
        return worded


def _answers(
    ecoute: int | None,
    accueil: int | None,
    visites: int | None,
    services: Sequence[str] | None,
    recommande: bool | None,
    *,
    other: str | None = None,
    bad: tuple[str, str] | None = None,
) -> _Answers:
    chosen = None if services is None else frozenset(services)
    return _Answers(ecoute, accueil, visites, chosen, recommande, other, bad)


def _expect(expected: dict[Key, float], organisation: str, label: str, a: _Answers) -> None:
    """Record the values the reader must produce for one respondent."""
    bad = a.bad[0] if a.bad is not None else None
    single: dict[str, float | None] = {
        ECOUTE: None if a.ecoute is None else float(a.ecoute),
        ACCUEIL: None if a.accueil is None else float(a.accueil),
        VISITES: None if a.visites is None else float(a.visites),
        RECOMMANDE: None if a.recommande is None else float(a.recommande),
    }
    for indicator, value in single.items():
        if value is not None and indicator != bad:
            expected[(organisation, label, indicator)] = value
    if a.services is not None:
        for key, indicator in SERVICE_INDICATORS.items():
            expected[(organisation, label, indicator)] = 1.0 if key in a.services else 0.0


def _ref(headers: Sequence[str], header: str, row: int) -> str:
    """Excel reference of the cell under ``header`` on the 1-based file row ``row``."""
    return f"{get_column_letter(list(headers).index(header) + 1)}{row}"


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def _yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return "Oui" if value else "Non"


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _yaml_mapping(
    tool: str,
    columns: Sequence[str],
    *,
    head_comment: str,
    organisation: str | None = ORGANISATION,
    organisation_column: str | None = None,
    extra: Sequence[str] = (),
    values: dict[str, str] | None = None,
) -> str:
    """The text of a YAML mapping file; ``columns`` are ready-made ``colonnes`` entries."""
    lines = [f"# {line}" if line else "#" for line in head_comment.splitlines()]
    lines += [f"outil: {tool}", f"referentiel: {REFERENTIEL_ID}"]
    if organisation_column is not None:
        lines.append(f"organisation: {{colonne: {_q(organisation_column)}}}")
    else:
        lines.append(f"organisation: {organisation}")
    lines.append(f'periode: "{PERIODE}"')
    lines += list(extra)
    if values:
        lines.append("valeurs:")
        lines += [f"  {_q(source)}: {_q(target)}" for source, target in values.items()]
    lines.append("colonnes:")
    lines += list(columns)
    return "\n".join(lines) + "\n"


def _column(header: str, indicator: str, values: dict[str, str] | None = None) -> str:
    text = f"  - colonne: {_q(header)}\n    indicateur: {indicator}"
    if values:
        text += "\n    valeurs:\n" + "\n".join(
            f"      {_q(source)}: {_q(target)}" for source, target in values.items()
        )
    return text


def _choices(header: str, options: dict[str, str]) -> str:
    """A ``colonnes`` entry for a multiple-choice question: option → indicator."""
    lines = [f"  - colonne: {_q(header)}", "    choix:"]
    lines += [f"      {_q(option)}: {indicator}" for option, indicator in options.items()]
    return "\n".join(lines)


def _write_csv(
    path: Path,
    rows: Sequence[Sequence[str | None]],
    *,
    delimiter: str = ",",
    quote_all: bool = False,
    line_end: str = "\r\n",
    bom: bool = False,
    trailing_blank_line: bool = False,
) -> None:
    """Write rows the way a tool does; ``None`` is an empty, unquoted field."""

    def field(value: str | None) -> str:
        if value is None:
            return ""
        needs_quotes = quote_all or any(char in value for char in f'"{delimiter}\r\n')
        return '"' + value.replace('"', '""') + '"' if needs_quotes else value

    text = "".join(delimiter.join(field(value) for value in row) + line_end for row in rows)
    if trailing_blank_line:
        text += line_end
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))


# --------------------------------------------------------------------------------------------
# Google Forms


def build_google_forms(folder: Path) -> ExportCase:
    """A Google Forms responses CSV, for two organisations, with a YAML mapping.

    Built from Google's documentation of the responses (« Réponses > Télécharger les
    réponses (.csv) », or the linked Google Sheets sheet « Réponses au formulaire 1 »
    downloaded as CSV), not from a real export:

    * one header row; first column « Horodateur » (« Timestamp » in an English account),
      then « Adresse e-mail » when the form collects e-mail addresses, then one column per
      question titled with the question text;
    * checkboxes: one cell, the ticked options joined by ``", "``; the « Autre » option
      writes the respondent's free text itself among them;
    * grid questions: one column per row, titled ``Question [Ligne]``;
    * a linear scale writes the number chosen (here 1 to 4);
    * UTF-8, comma-separated (no byte-order mark: the documentation says nothing about one).

    The timestamp format (``14/03/2025 10:22:31``, French locale) is a plausible choice;
    nothing reads it. Google Forms has no respondent-id column: the respondent label is the
    1-based data-row number. The mapping reads the organisation from the column « Votre
    structure » (``A012`` or ``A047``); data row 5 (file row 6) leaves it blank and must be
    rejected as a whole (no expected entry). Respondent 2 ticked « Autre » with a free text
    (reported and ignored); respondent 6 left the checkboxes blank. The bad cell is
    respondent 4's number of visits, ``150`` (outside 0–100).
    """
    export = folder / "google-forms.csv"
    mapping = folder / "correspondance-google-forms.yaml"
    h_time, h_mail, h_org = "Horodateur", "Adresse e-mail", "Votre structure"
    h_ecoute = "Votre avis sur l'équipe [Je me sens écouté·e par l'équipe]"
    h_dispo = "Votre avis sur l'équipe [L'équipe est disponible quand j'en ai besoin]"
    h_accueil = "Sur une échelle de 1 à 4, êtes-vous satisfait·e de l'accueil ?"
    h_visites = "Combien de fois êtes-vous venu·e ce trimestre ?"
    h_services = "Quels services avez-vous utilisés ?"
    h_reco = "Recommanderiez-vous la structure à un proche ?"
    headers = [h_time, h_mail, h_org, h_ecoute, h_dispo, h_accueil, h_visites, h_services, h_reco]
    # Google Forms users often type the typographic apostrophe in their options.
    labels = [label.replace("'", "’") for label in ACCORD_5]
    people: list[tuple[str, _Answers]] = [
        ("A012", _answers(5, 4, 3, [SOCIAL, ALIM], True)),
        ("A012", _answers(4, 3, 12, [ALIM], True, other="Cours de français le mardi")),
        ("A047", _answers(2, 2, 1, [LOGEMENT], False)),
        ("A012", _answers(3, 3, 5, [SOCIAL], True, bad=(VISITES, "150"))),
        ("", _answers(4, 4, 2, [ALIM], True)),
        ("A047", _answers(5, 4, 6, None, True)),
        ("A012", _answers(1, 1, 0, [ALIM, LOGEMENT], False)),
        ("A047", _answers(4, 3, 4, [SOCIAL, LOGEMENT], True)),
    ]
    rows: list[list[str | None]] = [list(headers)]
    expected: dict[Key, float] = {}
    rejected: list[tuple[str, str]] = []
    for number, (organisation, a) in enumerate(people, start=1):
        ticked = [SERVICE_LABELS[key] for key in SERVICE_LABELS if a.services and key in a.services]
        if a.other:
            ticked.append(a.other)
        rows.append(
            [
                f"{10 + number:02d}/03/2025 1{number % 10}:2{number}:31",
                f"repondant{number}@example.org",
                organisation,
                a.raw(ECOUTE, "" if a.ecoute is None else labels[a.ecoute - 1]),
                labels[3],
                a.raw(ACCUEIL, _number(a.accueil)),
                a.raw(VISITES, _number(a.visites)),
                ", ".join(ticked),
                a.raw(RECOMMANDE, _yes_no(a.recommande)),
            ]
        )
        if organisation:
            _expect(expected, organisation, str(number), a)
        if a.bad is not None:
            rejected.append((_ref(headers, h_visites, number + 1), a.bad[0]))
    _write_csv(export, rows)
    columns = [
        _column(h_ecoute, ECOUTE),
        _column(h_accueil, ACCUEIL),
        _column(h_visites, VISITES),
        _choices(h_services, SERVICE_CHOICES),
        _column(h_reco, RECOMMANDE),
    ]
    mapping.write_text(
        _yaml_mapping(
            "google-forms",
            columns,
            head_comment=(
                "Correspondance d'un export Google Forms (CSV des réponses).\n"
                "Un seul formulaire pour deux adhérents : la structure est une question."
            ),
            organisation_column=h_org,
        ),
        encoding="utf-8",
    )
    return ExportCase(export, mapping, expected, rejected, ["A012", "A047"])


# --------------------------------------------------------------------------------------------
# Microsoft Forms


def build_microsoft_forms(folder: Path) -> ExportCase:
    """A Microsoft Forms results workbook, with a mapping *sheet* (xlsx, three columns).

    Built from Microsoft's documentation (« Réponses > Ouvrir dans Excel », English « Open
    results in Excel »), not from a real export:

    * one sheet, one header row: « ID », « Heure de début », « Heure de fin », « Adresse de
      messagerie », « Nom », then (in recent versions) « Heure de la dernière modification »,
      then one column per question titled with the question text;
    * choice questions with several answers: one cell, each ticked option followed by
      ``;`` (a trailing ``;`` included); the « Autre » option writes the free text;
    * anonymous responses: « anonymous » in the e-mail column and an empty name.

    The sheet name (« Feuil1 ») and the column « Heure de la dernière modification » are
    plausible choices the documentation does not pin down; answers to a text question
    restricted to numbers are written as text. The respondent label is the « ID » column.
    Respondent 3 ticked « Autre » (« Permanence juridique », reported and ignored);
    respondent 5 left the number of visits blank. The bad cell is respondent 4's
    « Sans avis » for the listening question (in no scale and no ``valeurs`` entry).

    The mapping is a sheet ``source`` | ``cible`` | ``option`` (see « La correspondance en
    tableau »); its translations apply to all columns.
    """
    export = folder / "microsoft-forms.xlsx"
    mapping = folder / "correspondance-microsoft-forms.xlsx"
    h_ecoute = "Je me sens écouté·e par l'équipe"
    h_accueil = "Êtes-vous satisfait·e de l'accueil ?"
    h_visites = "Combien de fois êtes-vous venu·e ce trimestre ?"
    h_services = "Quels services avez-vous utilisés ?"
    h_reco = "Recommanderiez-vous la structure à un proche ?"
    headers = [
        "ID",
        "Heure de début",
        "Heure de fin",
        "Adresse de messagerie",
        "Nom",
        "Heure de la dernière modification",
        h_ecoute,
        h_accueil,
        h_visites,
        h_services,
        h_reco,
    ]
    accord = ["Pas du tout d'accord", "Pas d'accord", "Neutre", "D'accord", "Tout à fait d'accord"]
    satisfaction = [
        "Pas du tout satisfait·e",
        "Peu satisfait·e",
        "Satisfait·e",
        "Très satisfait·e",
    ]
    people = [
        _answers(5, 4, 3, [SOCIAL], True),
        _answers(4, 3, 12, [ALIM, LOGEMENT], True),
        _answers(2, 2, 2, [LOGEMENT], False, other="Permanence juridique"),
        _answers(3, 3, 1, [SOCIAL, ALIM], True, bad=(ECOUTE, "Sans avis")),
        _answers(4, 4, None, [ALIM], True),
        _answers(1, 1, 0, [SOCIAL, ALIM, LOGEMENT], False),
        _answers(5, 3, 8, [ALIM], True),
    ]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Feuil1"
    sheet.append(headers)
    expected: dict[Key, float] = {}
    rejected: list[tuple[str, str]] = []
    for number, a in enumerate(people, start=1):
        start = dt.datetime(2025, 3, 10 + number, 9, 5 * number, 12)
        ticked = [SERVICE_LABELS[key] for key in SERVICE_LABELS if a.services and key in a.services]
        if a.other:
            ticked.append(a.other)
        sheet.append(
            [
                number,
                start,
                start + dt.timedelta(minutes=3, seconds=41),
                "anonymous",
                None,
                start + dt.timedelta(minutes=3, seconds=41),
                a.raw(ECOUTE, "" if a.ecoute is None else accord[a.ecoute - 1]) or None,
                "" if a.accueil is None else satisfaction[a.accueil - 1],
                _number(a.visites) or None,
                "".join(f"{option};" for option in ticked) or None,
                _yes_no(a.recommande) or None,
            ]
        )
        _expect(expected, ORGANISATION, str(number), a)
        if a.bad is not None:
            rejected.append((_ref(headers, h_ecoute, number + 1), a.bad[0]))
    book.save(export)

    table = Workbook()
    sheet = table.active
    assert sheet is not None
    sheet.title = "Correspondance"
    sheet.append(["source", "cible", "option"])
    sheet.append(["outil", "microsoft-forms", None])
    sheet.append(["referentiel", REFERENTIEL_ID, None])
    sheet.append(["organisation", ORGANISATION, None])
    sheet.append(["periode", PERIODE, None])
    sheet.append([h_ecoute, ECOUTE, None])
    sheet.append([h_accueil, ACCUEIL, None])
    sheet.append([h_visites, VISITES, None])
    for key, label in SERVICE_LABELS.items():
        sheet.append([h_services, SERVICE_INDICATORS[key], label])
    sheet.append([h_reco, RECOMMANDE, None])
    for label, target in zip(accord[1:4], ACCORD_5[1:4], strict=True):
        sheet.append([label, target, None])
    for label, target in zip(satisfaction, SATISFACTION_4, strict=True):
        sheet.append([label, target, None])
    table.save(mapping)
    return ExportCase(export, mapping, expected, rejected, [ORGANISATION])


# --------------------------------------------------------------------------------------------
# SurveyMonkey


def build_surveymonkey(folder: Path) -> ExportCase:
    """A SurveyMonkey « All individual responses » workbook (two header rows), YAML mapping.

    Built from SurveyMonkey's help on exporting all individual responses (XLS, « Expanded »
    columns, « Actual answer text » cells), not from a real export:

    * row 1: the metadata column names, then each question's text, written only over the
      first column of a question that takes several columns (blank after it);
    * row 2: blank under the metadata, « Réponse » (« Response ») under a one-column question,
      « Réponse ouverte » (« Open-Ended Response ») under a text box, and under a
      multiple-choice question one option label per column;
    * metadata: respondent id, collector id, start and end dates, IP address, e-mail address,
      first and last name, custom data;
    * a ticked option's cell holds the option label; an unticked one is empty; « Autre
      (veuillez préciser) » holds the free text.

    The French names of the metadata (« ID du répondant », « ID du collecteur », « Date de
    début », « Date de fin », « Adresse IP », « Adresse e-mail », « Prénom », « Nom »,
    « Données personnalisées 1 ») and of the sub-labels are plausible translations: the help
    pages consulted are in English. The respondent label is « ID du répondant ». Respondent
    2 left the services question blank (no entry). The bad cell is respondent 5's
    « Excellent » for the welcome question (not a label of ``satisfaction-4``).
    """
    export = folder / "surveymonkey.xlsx"
    mapping = folder / "correspondance-surveymonkey.yaml"
    h_ecoute = "Dans quelle mesure êtes-vous d'accord : « Je me sens écouté·e par l'équipe » ?"
    h_accueil = "Êtes-vous satisfait·e de l'accueil ?"
    h_visites = "Combien de fois êtes-vous venu·e ce trimestre ?"
    h_services = "Quels services avez-vous utilisés ?"
    h_reco = "Recommanderiez-vous la structure à un proche ?"
    metadata = [
        "ID du répondant",
        "ID du collecteur",
        "Date de début",
        "Date de fin",
        "Adresse IP",
        "Adresse e-mail",
        "Prénom",
        "Nom",
        "Données personnalisées 1",
    ]
    other = "Autre (veuillez préciser)"
    row1 = [*metadata, h_ecoute, h_accueil, h_visites, h_services, "", "", "", h_reco]
    row2 = [""] * len(metadata) + [
        "Réponse",
        "Réponse",
        "Réponse ouverte",
        *SERVICE_LABELS.values(),
        other,
        "Réponse",
    ]
    accord = [
        "Pas du tout d'accord",
        "Pas d'accord",
        "Ni d'accord ni en désaccord",
        "D'accord",
        "Tout à fait d'accord",
    ]
    people = [
        _answers(4, 3, 3, [SOCIAL, ALIM], True),
        _answers(5, 4, 12, None, True),
        _answers(2, 2, 1, [LOGEMENT], False, other="Vestiaire solidaire"),
        _answers(3, 3, 6, [ALIM], True),
        _answers(4, 3, 2, [SOCIAL], True, bad=(ACCUEIL, "Excellent")),
        _answers(1, 1, 0, [ALIM, LOGEMENT], False),
    ]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet"
    sheet.append([value or None for value in row1])
    sheet.append([value or None for value in row2])
    expected: dict[Key, float] = {}
    rejected: list[tuple[str, str]] = []
    for number, a in enumerate(people, start=1):
        respondent = 118_234_567_890 + 7 * number
        start = dt.datetime(2025, 3, 3 + number, 14, 2 * number, 5)
        options = [
            label if a.services and key in a.services else None
            for key, label in SERVICE_LABELS.items()
        ]
        sheet.append(
            [
                respondent,
                431_562_087,
                start,
                start + dt.timedelta(minutes=4, seconds=12),
                f"192.0.2.{10 + number}",
                None,
                None,
                None,
                None,
                "" if a.ecoute is None else accord[a.ecoute - 1],
                a.raw(ACCUEIL, "" if a.accueil is None else SATISFACTION_4[a.accueil - 1]),
                _number(a.visites) or None,
                *options,
                a.other,
                _yes_no(a.recommande) or None,
            ]
        )
        _expect(expected, ORGANISATION, str(respondent), a)
        if a.bad is not None:
            rejected.append((_ref(row1, h_accueil, number + 2), a.bad[0]))
    book.save(export)
    columns = [
        _column(h_ecoute, ECOUTE),
        _column(h_accueil, ACCUEIL),
        _column(h_visites, VISITES),
        _choices(h_services, SERVICE_CHOICES),
        _column(h_reco, RECOMMANDE),
    ]
    mapping.write_text(
        _yaml_mapping(
            "surveymonkey",
            columns,
            head_comment=(
                "Correspondance d'un export SurveyMonkey (« Toutes les réponses\n"
                "individuelles », colonnes développées, texte des réponses).\n"
                "Les deux lignes d'en-têtes sont la valeur de l'outil : lignes-entete est inutile."
            ),
            values={
                "Pas d'accord": "Plutôt pas d'accord",
                "Ni d'accord ni en désaccord": "Ni d'accord ni pas d'accord",
                "D'accord": "Plutôt d'accord",
            },
        ),
        encoding="utf-8",
    )
    return ExportCase(export, mapping, expected, rejected, [ORGANISATION])


# --------------------------------------------------------------------------------------------
# KoboToolbox


def build_kobotoolbox(folder: Path) -> ExportCase:
    """A KoboToolbox CSV export with XML values and headers, with a YAML mapping.

    Built from the KoboToolbox support pages « Exporting and downloading your data » and
    « Advanced options for exporting data », and from the export code (kobotoolbox/formpack:
    ``to_csv`` quotes every field and separates them with ``;``; select-many columns), not
    from a real export. Export settings: CSV, « XML values and headers », « Export Select
    Many questions as… » left at « Single and separate columns », groups not included in
    headers:

    * headers are the question names; answers are the choice names (codes);
    * a select_multiple question gives one column with the ticked codes separated by a space,
      then one column ``question/option`` per option holding ``1`` or ``0`` (empty when the
      question was not answered);
    * metadata before the questions (``start``, ``end``, ``today``, ``deviceid`` when the form
      collects them) and after them (``_id``, ``_uuid``, ``_submission_time``,
      ``_validation_status``, ``_notes``, ``_status``, ``_submitted_by``, ``__version__``,
      ``_tags``, ``_index``).

    The respondent label is ``_id``. The mapping translates the codes with ``valeurs``; the
    option codes are the keys of ``choix``. Respondent 3 ticked ``autre`` (an option the
    mapping does not list: reported and ignored) and typed « Vestiaire » in ``services_autre``;
    respondent 4 left the services question blank. The bad cell is respondent 5's
    ``ne_sait_pas`` for ``ecoute`` (a code with no ``valeurs`` entry). The line ending
    (CRLF) is a plausible choice.
    """
    export = folder / "kobotoolbox.csv"
    mapping = folder / "correspondance-kobotoolbox.yaml"
    codes_accord = ["pas_du_tout", "plutot_pas", "neutre", "plutot", "tout_a_fait"]
    codes_satisfaction = ["pas_satisfait", "peu_satisfait", "satisfait", "tres_satisfait"]
    codes_services = {SOCIAL: "social", ALIM: "alimentaire", LOGEMENT: "logement"}
    option_codes = [*codes_services.values(), "autre"]
    headers = [
        "start",
        "end",
        "today",
        "deviceid",
        "ecoute",
        "accueil",
        "nb_visites",
        "services",
        *(f"services/{code}" for code in option_codes),
        "services_autre",
        "recommande",
        "_id",
        "_uuid",
        "_submission_time",
        "_validation_status",
        "_notes",
        "_status",
        "_submitted_by",
        "__version__",
        "_tags",
        "_index",
    ]
    people = [
        _answers(5, 4, 3, [SOCIAL, ALIM], True),
        _answers(4, 3, 12, [ALIM], True),
        _answers(2, 2, 1, [LOGEMENT], False, other="Vestiaire"),
        _answers(4, 4, 2, None, True),
        _answers(3, 3, 5, [SOCIAL], True, bad=(ECOUTE, "ne_sait_pas")),
        _answers(1, 1, 0, [ALIM, LOGEMENT], False),
        _answers(5, 3, 7, [SOCIAL, LOGEMENT], True),
    ]
    rows: list[list[str | None]] = [list(headers)]
    expected: dict[Key, float] = {}
    rejected: list[tuple[str, str]] = []
    for number, a in enumerate(people, start=1):
        day = f"2025-03-{10 + number:02d}"
        ticked = [codes_services[key] for key in codes_services if a.services and key in a.services]
        if a.other:
            ticked.append("autre")
        if a.services is None:
            detail = [""] * len(option_codes)
        else:
            detail = ["1" if code in ticked else "0" for code in option_codes]
        submission = 48_213_500 + 3 * number
        rows.append(
            [
                f"{day}T10:{10 + number}:04.512+01:00",
                f"{day}T10:{14 + number}:47.090+01:00",
                day,
                f"ee.kobotoolbox.org:Xq{number}Zb7LmW2pRt",
                a.raw(ECOUTE, "" if a.ecoute is None else codes_accord[a.ecoute - 1]),
                "" if a.accueil is None else codes_satisfaction[a.accueil - 1],
                _number(a.visites),
                " ".join(ticked),
                *detail,
                a.other or "",
                "" if a.recommande is None else ("oui" if a.recommande else "non"),
                str(submission),
                f"3f2b6c1e-7a4d-4c55-9e0b-{submission:012d}",
                f"{day}T09:{15 + number}:02",
                "",
                "",
                "submitted_via_web",
                "",
                "vKp7yQ3zW8xN2fR5tL9mBc",
                "",
                str(number),
            ]
        )
        _expect(expected, ORGANISATION, str(submission), a)
        if a.bad is not None:
            rejected.append((_ref(headers, "ecoute", number + 1), a.bad[0]))
    _write_csv(export, rows, delimiter=";", quote_all=True)
    columns = [
        _column("ecoute", ECOUTE, dict(zip(codes_accord, ACCORD_5, strict=True))),
        _column("accueil", ACCUEIL, dict(zip(codes_satisfaction, SATISFACTION_4, strict=True))),
        _column("nb_visites", VISITES),
        _choices(
            "services", {codes_services[key]: SERVICE_INDICATORS[key] for key in codes_services}
        ),
        _column("recommande", RECOMMANDE),
    ]
    mapping.write_text(
        _yaml_mapping(
            "kobotoolbox",
            columns,
            head_comment=(
                "Correspondance d'un export KoboToolbox (CSV, « Valeurs et en-têtes XML »).\n"
                "Les codes des choix sont traduits en libellés du référentiel."
            ),
        ),
        encoding="utf-8",
    )
    return ExportCase(export, mapping, expected, rejected, [ORGANISATION])


# --------------------------------------------------------------------------------------------
# LimeSurvey


def build_limesurvey(folder: Path) -> ExportCase:
    """A LimeSurvey responses CSV (full question text, full answers), with a YAML mapping.

    Built from the LimeSurvey manual (« Exporter les réponses ») and from its export code
    (LimeSurvey/LimeSurvey, ``application/helpers/admin/export``: ``CsvWriter``, ``Writer``,
    ``SurveyObj::getFullAnswer``; ``createFieldMap`` for the metadata), not from a real
    export. Settings: format CSV, separator comma, headings « Texte complet de la question »
    (« Full question text »), responses « Réponses complètes » (« Full answers »):

    * UTF-8 with a byte-order mark, every value between double quotes (an absent value is
      empty and unquoted), CRLF line endings, one blank line at the end;
    * metadata first: « ID de la réponse » (``id``), « Date de soumission » (``submitdate``),
      « Dernière page » (``lastpage``), « Langue de départ » (``startlanguage``), « Tête de
      série » (``seed``), then, when the survey records them, « Date de début »
      (``startdate``), « Date de la dernière action » (``datestamp``), « Adresse IP »
      (``ipaddr``), « URL de provenance » (``refurl``);
    * a multiple-choice question gives one column per option, ``Question [Option]``; with full
      answers a ticked option reads « Oui » and an option left unticked « Non » (the code
      translates ``Y`` and the empty string; with answer codes they would be ``Y`` and
      empty).

    The French metadata names are the plausible translations of LimeSurvey's English ones
    (« Response ID », « Date submitted »…); the French translation file was not checked. The
    respondent label is « ID de la réponse ». Respondent 4 left the number of visits blank;
    respondent 5 ticked no service (« Non » in every option column: three 0.0, not a blank
    question). The bad cell is respondent 6's « Peut-être » for the recommendation (a third
    option of the form, not a yes/no answer).
    """
    export = folder / "limesurvey.csv"
    mapping = folder / "correspondance-limesurvey.yaml"
    h_ecoute = "Je me sens écouté·e par l'équipe"
    h_accueil = "Êtes-vous satisfait·e de l'accueil ?"
    h_visites = "Combien de fois êtes-vous venu·e ce trimestre ?"
    h_services = "Quels services avez-vous utilisés ?"
    h_reco = "Recommanderiez-vous la structure à un proche ?"
    metadata = [
        "ID de la réponse",
        "Date de soumission",
        "Dernière page",
        "Langue de départ",
        "Tête de série",
        "Date de début",
        "Date de la dernière action",
        "Adresse IP",
        "URL de provenance",
    ]
    option_headers = {key: f"{h_services} [{label}]" for key, label in SERVICE_LABELS.items()}
    headers = [*metadata, h_ecoute, h_accueil, h_visites, *option_headers.values(), h_reco]
    accord = [
        "Pas du tout d'accord",
        "Plutôt pas d'accord",
        "Sans opinion",
        "Plutôt d'accord",
        "Tout à fait d'accord",
    ]
    satisfaction = [
        "Pas du tout satisfait(e)",
        "Peu satisfait(e)",
        "Satisfait(e)",
        "Très satisfait(e)",
    ]
    people = [
        _answers(4, 3, 3, [SOCIAL], True),
        _answers(5, 4, 12, [ALIM, LOGEMENT], True),
        _answers(3, 2, 2, [ALIM], False),
        _answers(4, 3, None, [SOCIAL, ALIM], True),
        _answers(2, 1, 1, [], False),
        _answers(4, 4, 9, [LOGEMENT], True, bad=(RECOMMANDE, "Peut-être")),
        _answers(1, 2, 0, [ALIM], False),
    ]
    rows: list[list[str | None]] = [list(headers)]
    expected: dict[Key, float] = {}
    rejected: list[tuple[str, str]] = []
    for number, a in enumerate(people, start=1):
        response_id = 11 + number
        day = f"2025-03-{10 + number:02d}"
        options = ["Oui" if a.services and key in a.services else "Non" for key in SERVICE_LABELS]
        rows.append(
            [
                str(response_id),
                f"{day} 10:{20 + number}:31",
                "3",
                "fr",
                str(1_048_576_113 * number % 2_147_483_647),
                f"{day} 10:{14 + number}:02",
                f"{day} 10:{20 + number}:31",
                f"198.51.100.{20 + number}",
                "",
                "" if a.ecoute is None else accord[a.ecoute - 1],
                "" if a.accueil is None else satisfaction[a.accueil - 1],
                None if a.visites is None else str(a.visites),
                *options,
                a.raw(RECOMMANDE, _yes_no(a.recommande)),
            ]
        )
        _expect(expected, ORGANISATION, str(response_id), a)
        if a.bad is not None:
            rejected.append((_ref(headers, h_reco, number + 1), a.bad[0]))
    _write_csv(export, rows, quote_all=True, bom=True, trailing_blank_line=True)
    columns = [
        _column(h_ecoute, ECOUTE, {"Sans opinion": "Ni d'accord ni pas d'accord"}),
        _column(h_accueil, ACCUEIL, dict(zip(satisfaction, SATISFACTION_4, strict=True))),
        _column(h_visites, VISITES),
        _choices(h_services, SERVICE_CHOICES),
        _column(h_reco, RECOMMANDE),
    ]
    mapping.write_text(
        _yaml_mapping(
            "limesurvey",
            columns,
            head_comment=(
                "Correspondance d'un export LimeSurvey (CSV, texte complet des questions,\n"
                "réponses complètes). Une colonne « Question [Option] » par option cochable."
            ),
        ),
        encoding="utf-8",
    )
    return ExportCase(export, mapping, expected, rejected, [ORGANISATION])


# --------------------------------------------------------------------------------------------
# Framaforms


def build_framaforms(folder: Path) -> ExportCase:
    """A Framaforms results CSV (Drupal Webform 7, three header rows), with a YAML mapping.

    Framaforms is built on the Drupal module Webform 7.x-4.x; its « Téléchargement » tab
    (English « Download ») is Webform's. Built from that module's export code
    (``includes/webform.report.inc``: ``webform_results_download_headers``, submission
    information columns; ``components/select.inc``: CSV headers and data of a select list;
    ``webform_exporter_delimited``: every field quoted), not from a real export. Settings:
    « Texte délimité », separator comma, column headers « Libellé », select keys « Options
    complètes et lisibles (valeurs) », select list format « Séparé »:

    * three header rows: row 1 holds the form's title in column A; row 2 « Détails de la
      soumission » in column A and, over the first column of a multiple-choice question, its
      title; row 3 the names of the submission information columns, then each one-column
      question's title and each option label of a multiple-choice question;
    * submission information: « Numéro de série » (serial, counted per form), « SID »
      (submission id, counted over the whole site), « Heure de soumission », « Brouillon »,
      « Adresse IP », « UID », « Nom d'utilisateur »;
    * a ticked option's cell holds ``X``, an unticked one is empty (the compact format would
      instead write the ticked options in one cell, separated by ``,``).

    The French names are plausible translations of Webform's English strings (« Serial »,
    « SID », « Submitted Time », « Draft », « IP Address », « UID », « Username »,
    « Submission Details »); recent Webform versions also add « Completed Time » and
    « Modified Time ». The respondent label is « Numéro de série ». The welcome question uses
    its own wording (« Très bien »…), translated for that column only. Respondent 3 left the
    services question blank. The bad cell is respondent 2's « environ 10 » for the number
    of visits (not a number). The line ending (LF) is a plausible choice.
    """
    export = folder / "framaforms.csv"
    mapping = folder / "correspondance-framaforms.yaml"
    h_ecoute = "Je me sens écouté·e par l'équipe"
    h_accueil = "Comment jugez-vous l'accueil ?"
    h_visites = "Combien de fois êtes-vous venu·e ce trimestre ?"
    h_services = "Quels services avez-vous utilisés ?"
    h_reco = "Recommanderiez-vous la structure à un proche ?"
    information = [
        "Numéro de série",
        "SID",
        "Heure de soumission",
        "Brouillon",
        "Adresse IP",
        "UID",
        "Nom d'utilisateur",
    ]
    blank = [""] * (len(information) - 1)
    row1 = ["Enquête auprès des personnes accueillies 2025", *blank, "", "", "", "", "", "", ""]
    row2 = ["Détails de la soumission", *blank, "", "", "", h_services, "", "", ""]
    row3 = [*information, h_ecoute, h_accueil, h_visites, *SERVICE_LABELS.values(), h_reco]
    welcome = ["Pas bien", "Moyen", "Bien", "Très bien"]
    people = [
        _answers(4, 3, 3, [SOCIAL, ALIM], True),
        _answers(5, 4, 10, [ALIM], True, bad=(VISITES, "environ 10")),
        _answers(3, 2, 2, None, False),
        _answers(2, 2, 1, [LOGEMENT], False),
        _answers(4, 4, 12, [SOCIAL, LOGEMENT], True),
        _answers(1, 1, 0, [ALIM], False),
    ]
    rows: list[list[str | None]] = [[*row1], [*row2], [*row3]]
    expected: dict[Key, float] = {}
    rejected: list[tuple[str, str]] = []
    for number, a in enumerate(people, start=1):
        options = ["X" if a.services and key in a.services else "" for key in SERVICE_LABELS]
        rows.append(
            [
                str(number),
                str(15_320 + 4 * number),
                f"{10 + number:02d}/03/2025 - 1{number}:0{number}",
                "0",
                f"203.0.113.{40 + number}",
                "0",
                "Anonyme",
                "" if a.ecoute is None else ACCORD_5[a.ecoute - 1],
                "" if a.accueil is None else welcome[a.accueil - 1],
                a.raw(VISITES, _number(a.visites)),
                *options,
                _yes_no(a.recommande),
            ]
        )
        _expect(expected, ORGANISATION, str(number), a)
        if a.bad is not None:
            rejected.append((_ref(row3, h_visites, number + 3), a.bad[0]))
    _write_csv(export, rows, quote_all=True, line_end="\n")
    columns = [
        _column(h_ecoute, ECOUTE),
        _column(h_accueil, ACCUEIL, dict(zip(welcome, SATISFACTION_4, strict=True))),
        _column(h_visites, VISITES),
        _choices(h_services, SERVICE_CHOICES),
        _column(h_reco, RECOMMANDE),
    ]
    mapping.write_text(
        _yaml_mapping(
            "framaforms",
            columns,
            head_comment=(
                "Correspondance d'un export Framaforms (onglet « Téléchargement », texte\n"
                "délimité par des virgules, options des listes en colonnes séparées)."
            ),
            extra=["lignes-entete: 3                # la valeur de Framaforms (facultatif)"],
        ),
        encoding="utf-8",
    )
    return ExportCase(export, mapping, expected, rejected, [ORGANISATION])


BUILDERS: dict[str, Callable[[Path], ExportCase]] = {
    "kobotoolbox": build_kobotoolbox,
    "limesurvey": build_limesurvey,
    "google-forms": build_google_forms,
    "microsoft-forms": build_microsoft_forms,
    "surveymonkey": build_surveymonkey,
    "framaforms": build_framaforms,
}
"""Every builder, keyed by the tool id written in the mapping's ``outil``."""
