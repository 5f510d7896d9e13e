"""CSV and XLSX exports for coordinators, with the mechanism of Wagtail's admin listings
(SpreadsheetExportMixin), so the files look like the other exports of the back office."""

from collections import OrderedDict

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from learning.core.exports import LocalTimeExportMixin

FORMATS = SpreadsheetExportMixin.FORMATS


MEMBER_COLUMNS = {
    "name": (_("Naam"), lambda m: m.user.full_name),
    "email": (_("E-mailadres"), lambda m: m.user.email),
    "organisation": (_("Organisatie"), lambda m: m.organisation.name if m.organisation else ""),
    "organisation_kind": (
        _("Soort organisatie"),
        lambda m: m.organisation.get_kind_display() if m.organisation else "",
    ),
    "job_title": (_("Functie"), lambda m: m.user.job_title),
    "role": (_("Rol"), lambda m: m.get_role_display()),
    "applied_at": (_("Aangemeld op"), lambda m: m.applied_at),
    "decided_at": (_("Lid sinds"), lambda m: m.decided_at),
}

ATTENDANCE_COLUMNS = {
    "meeting": (_("Bijeenkomst"), lambda r: r["meeting"].title),
    "starts_at": (_("Begint op"), lambda r: r["meeting"].starts_at),
    "name": (_("Naam"), lambda r: r["membership"].user.full_name),
    "email": (_("E-mailadres"), lambda r: r["membership"].user.email),
    "organisation": (
        _("Organisatie"),
        lambda r: r["membership"].organisation.name if r["membership"].organisation else "",
    ),
    "present": (
        _("Aanwezig"),
        lambda r: (
            _("niet vastgelegd")
            if r["present"] is None
            else (_("ja") if r["present"] else _("nee"))
        ),
    ),
}


class Export(LocalTimeExportMixin, SpreadsheetExportMixin):
    """A spreadsheet of ``rows`` with the given columns: {key: (heading, accessor)}; moments
    in Dutch local time, as in the registrations export."""

    def __init__(self, *, columns: dict, filename: str):
        self.columns = columns
        self.list_export = list(columns)
        self.export_headings = {key: label for key, (label, _accessor) in columns.items()}
        self.export_filename = filename

    def to_row_dict(self, item):
        return OrderedDict(
            (key, accessor(item)) for key, (_label, accessor) in self.columns.items()
        )

    def response(self, rows, export_format: str):
        return self.as_spreadsheet(rows, export_format)
