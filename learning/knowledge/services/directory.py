"""The directory's CSV import: organisations and initiatives, validated row by row.

The file has a header row; columns are separated by a semicolon or a comma (detected), in
UTF-8 (with or without BOM). Columns, in any order (names are case-insensitive):

    naam          required, at most 150 characters; the key: a row with an existing name
                  updates that entry (the name's capitals may differ)
    soort         required: overheid, bedrijf, kennisinstelling, netwerk or maatschappelijk
                  (or the Dutch label, e.g. "Netwerk of samenwerkingsverband")
    omschrijving  required, at most 800 characters
    regio         optional, at most 120 characters
    provincie     optional: the CBS code (PV26) or the name (Utrecht, Fryslân); empty for national
    overheid      optional: the CBS code of the government it belongs to (GM0344)
    themas        optional: theme slugs or names, separated by "|"
    kerntaken     optional: core-task slugs or names, separated by "|"
    website       optional: an http(s) address
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from learning.core.models import CoreTask, Theme
from learning.organisations.models import Organisation, OrganisationKind

from ..errors import KnowledgeError
from ..models import Initiative, InitiativeKind

REQUIRED_COLUMNS = ("naam", "soort", "omschrijving")
OPTIONAL_COLUMNS = ("regio", "provincie", "overheid", "themas", "kerntaken", "website")
COLUMN_ALIASES = {"thema's": "themas", "thema": "themas", "kerntaak": "kerntaken"}
LIST_SEPARATOR = "|"
MAX_ROWS = 5000
MAX_LENGTHS = {"naam": 150, "omschrijving": 800, "regio": 120, "website": 200}


@dataclass
class ImportReport:
    """What an import did: names created, updated and unchanged, and the refused rows as
    (line number, name, Dutch messages)."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: list[tuple[int, str, list[str]]] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return _(
            "%(created)d aangemaakt, %(updated)d bijgewerkt, %(unchanged)d ongewijzigd, "
            "%(refused)d geweigerd."
        ) % {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "refused": len(self.refused),
        }


@dataclass
class _Lookups:
    themes: dict[str, Theme]
    core_tasks: dict[str, CoreTask]
    provinces: dict[str, Organisation]
    organisations: dict[str, Organisation]
    existing: dict[str, Initiative]


def _key(value: str) -> str:
    return " ".join(value.split()).casefold()


def _kinds() -> dict[str, str]:
    kinds = {}
    for value, label in InitiativeKind.choices:
        kinds[_key(value)] = value
        kinds[_key(str(label))] = value
    return kinds


def _rows(text: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header (normalised names) and the rows with their line numbers."""
    # The header names no commas or semicolons of its own: whichever it has, separates.
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise KnowledgeError("csv_empty", _("Het bestand is leeg."), status=400) from None
    columns = [COLUMN_ALIASES.get(_key(name), _key(name)) for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise KnowledgeError(
            "csv_columns",
            _("De kolom(men) %(columns)s ontbreken in de eerste regel.")
            % {"columns": ", ".join(missing)},
            status=400,
        )
    unknown = [name for name in columns if name not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if unknown:
        raise KnowledgeError(
            "csv_columns",
            _("Onbekende kolom(men): %(columns)s.") % {"columns": ", ".join(unknown)},
            status=400,
        )
    rows = []
    for values in reader:
        if not any(value.strip() for value in values):
            continue
        if len(rows) >= MAX_ROWS:
            raise KnowledgeError(
                "csv_too_long",
                _("Het bestand heeft meer dan %(count)d regels.") % {"count": MAX_ROWS},
                status=400,
            )
        row = dict.fromkeys(REQUIRED_COLUMNS + OPTIONAL_COLUMNS, "")
        row["_extra"] = "1" if len(values) > len(columns) else ""
        for name, value in zip(columns, values, strict=False):
            row[name] = value.strip()
        rows.append((reader.line_num, row))
    return columns, rows


def _lookups(rows) -> _Lookups:
    themes, core_tasks = {}, {}
    for theme in Theme.objects.all():
        themes[_key(theme.slug)] = themes[_key(theme.name)] = theme
    for core_task in CoreTask.objects.all():
        core_tasks[_key(core_task.slug)] = core_tasks[_key(core_task.name)] = core_task
    provinces = {}
    for province in Organisation.objects.filter(kind=OrganisationKind.PROVINCIE):
        provinces[_key(province.cbs_code or "")] = province
        provinces[_key(province.name)] = province
    if "fryslân" in provinces:
        provinces.setdefault("friesland", provinces["fryslân"])
    codes = {row["overheid"].upper() for _line, row in rows if row["overheid"]}
    organisations = {
        organisation.cbs_code: organisation
        for organisation in Organisation.objects.filter(cbs_code__in=codes)
    }
    names = {_key(row["naam"]) for _line, row in rows if row["naam"]}
    existing = {}
    for initiative in Initiative.objects.prefetch_related("themes", "core_tasks"):
        if _key(initiative.name) in names:
            existing[_key(initiative.name)] = initiative
    return _Lookups(themes, core_tasks, provinces, organisations, existing)


def _tags(value: str, known: dict, message: str, errors: list[str]) -> list:
    found, unknown = [], []
    for part in value.split(LIST_SEPARATOR):
        if not part.strip():
            continue
        item = known.get(_key(part))
        if item is None:
            unknown.append(part.strip())
        elif item not in found:
            found.append(item)
    if unknown:
        errors.append(message % {"values": ", ".join(unknown)})
    return found


def _validate(row: dict[str, str], lookups: _Lookups, kinds: dict[str, str]):
    """(fields, themes, core tasks, errors) of one row; errors in Dutch."""
    errors: list[str] = []
    if row["_extra"]:
        errors.append(_("De regel heeft meer waarden dan de eerste regel kolommen heeft."))
    for name in REQUIRED_COLUMNS:
        if not row[name]:
            errors.append(_("De kolom %(column)s is leeg.") % {"column": name})
    for name, limit in MAX_LENGTHS.items():
        if len(row[name]) > limit:
            errors.append(
                _("De kolom %(column)s is langer dan %(limit)d tekens.")
                % {"column": name, "limit": limit}
            )
    kind = kinds.get(_key(row["soort"])) if row["soort"] else None
    if row["soort"] and kind is None:
        errors.append(
            _("Onbekende soort %(value)s; kies uit: %(choices)s.")
            % {"value": row["soort"], "choices": ", ".join(InitiativeKind.values)}
        )
    province = None
    if row["provincie"]:
        province = lookups.provinces.get(_key(row["provincie"]))
        if province is None:
            errors.append(_("Onbekende provincie %(value)s.") % {"value": row["provincie"]})
    organisation = None
    if row["overheid"]:
        organisation = lookups.organisations.get(row["overheid"].upper())
        if organisation is None:
            errors.append(_("Geen overheid met CBS-code %(value)s.") % {"value": row["overheid"]})
    if row["website"]:
        try:
            URLValidator(schemes=["http", "https"])(row["website"])
        except ValidationError:
            errors.append(
                _("Het webadres %(value)s is niet geldig (begin met https://).")
                % {"value": row["website"]}
            )
    themes = _tags(row["themas"], lookups.themes, _("Onbekende thema's: %(values)s."), errors)
    core_tasks = _tags(
        row["kerntaken"], lookups.core_tasks, _("Onbekende kerntaken: %(values)s."), errors
    )
    fields = {
        "name": " ".join(row["naam"].split()),
        "kind": kind,
        "description": row["omschrijving"],
        "region": row["regio"],
        "province": province,
        "organisation": organisation,
        "website": row["website"],
    }
    return fields, themes, core_tasks, errors


def _same(initiative: Initiative, fields: dict, themes: list, core_tasks: list) -> bool:
    for name, value in fields.items():
        if name in ("province", "organisation"):
            if getattr(initiative, f"{name}_id") != (value.pk if value else None):
                return False
        elif getattr(initiative, name) != value:
            return False
    return {theme.pk for theme in initiative.themes.all()} == {t.pk for t in themes} and {
        task.pk for task in initiative.core_tasks.all()
    } == {task.pk for task in core_tasks}


def initiatives_import(*, text: str, dry_run: bool = False) -> ImportReport:
    """Create or update directory entries from CSV text (see the module's docstring).

    Guarantees: every row is checked before it is written and a refused row changes nothing
    (its messages say why, in Dutch, with the line number); a row is written whole or not at
    all; importing the same file twice creates nothing the second time (the name is the key)
    and reports the rows as unchanged; a name twice in one file is refused the second time;
    ``dry_run`` reports without writing. A file without the required columns is refused as a
    whole (KnowledgeError).
    """
    _columns, rows = _rows(text)
    lookups = _lookups(rows)
    kinds = _kinds()
    report = ImportReport()
    seen: dict[str, int] = {}
    for line, row in rows:
        fields, themes, core_tasks, errors = _validate(row, lookups, kinds)
        name_key = _key(fields["name"])
        if name_key and name_key in seen:
            errors.append(
                _("Deze naam staat al op regel %(line)d van het bestand.")
                % {"line": seen[name_key]}
            )
        if errors:
            report.refused.append((line, fields["name"], errors))
            continue
        seen[name_key] = line
        existing = lookups.existing.get(name_key)
        if existing is not None and _same(existing, fields, themes, core_tasks):
            report.unchanged.append(fields["name"])
            continue
        if not dry_run:
            with transaction.atomic():
                initiative = existing or Initiative()
                for name, value in fields.items():
                    setattr(initiative, name, value)
                # Parental many-to-many fields (modelcluster): kept on the instance and
                # written by its one save, with the row.
                initiative.themes.set(themes)
                initiative.core_tasks.set(core_tasks)
                initiative.save()
        (report.updated if existing is not None else report.created).append(fields["name"])
    return report


def initiatives_import_file(*, path: Path | str, dry_run: bool = False) -> ImportReport:
    """``initiatives_import`` of a file on disk (UTF-8, with or without BOM)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise KnowledgeError(
            "csv_encoding", _("Sla het bestand op als UTF-8 en probeer het opnieuw."), status=400
        ) from None
    return initiatives_import(text=text, dry_run=dry_run)
