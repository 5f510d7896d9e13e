"""Writes on organisations: e-mail domains, one by one or from a CSV of ``cbs_code,domain``."""

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from learning.core.errors import DomainError

from .models import Organisation, OrganisationDomain, domain_normalise

IMPORT_MAX_BYTES = 1_000_000
IMPORT_MAX_ROWS = 5_000


class OrganisationError(DomainError):
    """A refused organisation action: a code for programs, a Dutch message for people."""

    # Refusals of an import file or a domain: the input is wrong, not the moment.
    status = 400


@dataclass
class ImportRow:
    line: int
    cbs_code: str
    domain: str
    organisation: Organisation | None = None
    error: str = ""

    @property
    def accepted(self) -> bool:
        return not self.error


@dataclass
class ImportReport:
    rows: list[ImportRow] = field(default_factory=list)
    created: int = 0

    @property
    def accepted(self) -> list[ImportRow]:
        return [row for row in self.rows if row.accepted]

    @property
    def refused(self) -> list[ImportRow]:
        return [row for row in self.rows if not row.accepted]


# Higher apps that must react when organisations get new domains (accounts verifies waiting
# claims whose verified address is now on one); registered in their AppConfig.ready().
_domains_added_listeners: list[Callable[..., None]] = []


def domains_added_register(listener: Callable[..., None]) -> None:
    """``listener(organisation_ids=[…])`` runs in the transaction that added the domains."""
    if listener not in _domains_added_listeners:
        _domains_added_listeners.append(listener)


def domains_added(*, organisation_ids: Iterable[int]) -> None:
    """Tell the registered listeners that these organisations got one or more new domains."""
    ids = sorted(set(organisation_ids))
    for listener in _domains_added_listeners:
        listener(organisation_ids=ids)


# Higher apps that must react when a domain no longer proves membership of an organisation
# (deleted, or moved to another organisation or spelled differently): accounts sends the
# claims it verified to a coordinator.
_domains_removed_listeners: list[Callable[..., None]] = []


def domains_removed_register(listener: Callable[..., None]) -> None:
    """``listener(domains=[(organisation_id, domain), …])`` runs after the change."""
    if listener not in _domains_removed_listeners:
        _domains_removed_listeners.append(listener)


def domains_removed(*, domains: Iterable[tuple[int, str]]) -> None:
    """Tell the registered listeners that these domains no longer belong to these
    organisations."""
    pairs = sorted(set(domains))
    if not pairs:
        return
    for listener in _domains_removed_listeners:
        listener(domains=pairs)


def domain_add(*, organisation: Organisation, domain: str, by=None) -> OrganisationDomain:
    """Add one domain to an organisation; refuses a wrong shape or a domain already in use.

    ``by`` (the person adding it) is recorded: the domain never proves their own claim."""
    try:
        normalised = domain_normalise(domain)
    except ValidationError as error:
        raise OrganisationError("invalid_domain", error.messages[0]) from error
    try:
        with transaction.atomic():
            domain = OrganisationDomain.objects.create(
                organisation=organisation, domain=normalised, added_by=_person(by)
            )
            domains_added(organisation_ids=[organisation.pk])
            return domain
    except IntegrityError as error:
        raise OrganisationError(
            "duplicate_domain", _("Dit domein hoort al bij een organisatie.")
        ) from error


def domain_saved(
    *, domain: OrganisationDomain, by, previous: tuple[int, str] | None = None
) -> None:
    """After a domain was added or changed in the admin (Wagtail saved the row): record who
    linked it to its organisation, so it never proves that person's own claim, and tell the
    listeners (waiting claims on it are verified). ``previous`` is the (organisation id,
    domain) before an edit: when that changed, what it proved is proved no longer."""
    with transaction.atomic():
        OrganisationDomain.objects.filter(pk=domain.pk).update(added_by=_person(by))
        domain.added_by = _person(by)
        if previous is not None and previous != (domain.organisation_id, domain.domain):
            domains_removed(domains=[previous])
        domains_added(organisation_ids=[domain.organisation_id])


def _person(by):
    return by if by is not None and getattr(by, "is_authenticated", False) else None


def csv_text(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    if len(data) > IMPORT_MAX_BYTES:
        raise OrganisationError(
            "file_too_large", _("Dit bestand is te groot. Importeer hoogstens 1 MB tegelijk.")
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise OrganisationError("not_text", _("Dit is geen CSV-bestand. Sla het op als CSV (UTF-8)."))


def domains_import_check(*, data: bytes | str) -> ImportReport:
    """Read a CSV of ``cbs_code,domain`` (a header line is allowed; ``,`` or ``;``) and say
    per row whether it would be imported, and why not. Writes nothing (the dry run)."""
    text = csv_text(data)
    if "\x00" in text:
        raise OrganisationError(
            "not_text", _("Dit is geen CSV-bestand. Sla het op als CSV (UTF-8).")
        )
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise OrganisationError("empty", _("Het bestand is leeg."))
    if len(lines) > IMPORT_MAX_ROWS + 1:
        raise OrganisationError("too_many_rows", _("Importeer hoogstens 5000 regels tegelijk."))
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    report = ImportReport()
    for number, values in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        if not any(value.strip() for value in values):
            continue
        if number == 1 and [v.strip().lower() for v in values[:2]] == ["cbs_code", "domain"]:
            continue
        cells = [value.strip() for value in values]
        row = ImportRow(line=number, cbs_code=cells[0] if cells else "", domain="")
        report.rows.append(row)
        if len(cells) != 2:
            row.error = str(_("Verwacht twee kolommen: cbs_code,domein."))
            continue
        row.domain = cells[1]
        try:
            row.domain = domain_normalise(cells[1])
        except ValidationError as error:
            row.error = error.messages[0]
    codes = {row.cbs_code.upper() for row in report.rows if row.accepted}
    organisations = {
        organisation.cbs_code.upper(): organisation
        for organisation in Organisation.objects.filter(cbs_code__in=codes)
    }
    taken = dict(
        OrganisationDomain.objects.filter(
            domain__in=[row.domain for row in report.rows if row.accepted]
        ).values_list("domain", "organisation__name")
    )
    seen: dict[str, int] = {}
    for row in report.rows:
        if not row.accepted:
            continue
        row.organisation = organisations.get(row.cbs_code.upper())
        if row.organisation is None:
            row.error = str(_("Onbekende CBS-code %(code)s.") % {"code": row.cbs_code or '""'})
        elif row.domain in taken:
            row.error = str(_("Dit domein hoort al bij %(name)s.") % {"name": taken[row.domain]})
        elif row.domain in seen:
            row.error = str(
                _("Dit domein staat al op regel %(line)d.") % {"line": seen[row.domain]}
            )
        else:
            seen[row.domain] = row.line
    return report


def domains_import(*, data: bytes | str, by=None) -> ImportReport:
    """Import the accepted rows of the CSV, all in one transaction: every accepted row is
    written, or (when something changed since the check) none and a Dutch refusal. ``by``
    is recorded on each domain: none of them proves the importer's own claim."""
    report = domains_import_check(data=data)
    if not report.accepted:
        raise OrganisationError(
            "nothing_to_import", _("Er staat geen enkele goede regel in dit bestand.")
        )
    try:
        with transaction.atomic():
            OrganisationDomain.objects.bulk_create(
                [
                    OrganisationDomain(
                        organisation=row.organisation, domain=row.domain, added_by=_person(by)
                    )
                    for row in report.accepted
                ]
            )
            domains_added(organisation_ids=[row.organisation.pk for row in report.accepted])
    except IntegrityError as error:
        raise OrganisationError(
            "changed",
            _("Intussen zijn domeinen gewijzigd. Controleer het bestand opnieuw."),
        ) from error
    report.created = len(report.accepted)
    return report
