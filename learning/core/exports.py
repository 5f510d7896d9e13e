"""Spreadsheet exports that a spreadsheet program will not run as formulas.

Names, job titles, explanations and titles come from users and editors. A CSV cell that starts
with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which some programs skip
before looking) is read as a formula by Excel and LibreOffice ("CSV injection"). Every CSV
export neutralises its cells with ``spreadsheet_safe``: the hand-written ones call it, the ones
built with Wagtail's ``SpreadsheetExportMixin`` (``list_export``) get it through
``SafeCsvExportMixin``. XLSX needs nothing: Wagtail writes those cells as text.

Moments are exported in Dutch local time (``settings.TIME_ZONE``, Europe/Amsterdam), whatever
time zone an admin user chose for the interface, in one format: ``2026-03-05 14:30`` in CSV,
the same moment as a date-time cell in XLSX (``export_datetime``, ``LOCAL_TIME_PREPROCESS``).
"""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """The value, with a leading ``'`` if it is text a spreadsheet would run as a formula.

    Only text is changed; numbers, dates and empty values stay as they are, so ``-1`` as a
    number is still a number and ``"-1"`` as text becomes ``"'-1"``.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


class SafeCsvExportMixin:
    """For views with Wagtail's ``SpreadsheetExportMixin``: CSV cells through
    ``spreadsheet_safe``, after Wagtail's own preprocessing (dates, lists, lazy strings)."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == SpreadsheetExportMixin.FORMAT_CSV:
            return spreadsheet_safe(value)
        return value


EXPORT_DATETIME_FORMAT = "%Y-%m-%d %H:%M"


def local_time(value: datetime.datetime) -> datetime.datetime:
    """``value`` in Dutch local time (``settings.TIME_ZONE``), not the admin user's zone."""
    if timezone.is_naive(value):
        return value
    return timezone.localtime(value, timezone.get_default_timezone())


def export_datetime(value: datetime.datetime | None, export_format: str):
    """A moment as it goes into an export: local time; text in CSV, a date-time (without a
    time zone, which XLSX cannot hold) in XLSX; empty when there is none."""
    if value is None:
        return ""
    local = local_time(value)
    if export_format == SpreadsheetExportMixin.FORMAT_XLSX:
        return local.replace(tzinfo=None)
    return local.strftime(EXPORT_DATETIME_FORMAT)


def local_datetime_label(value: datetime.datetime) -> str:
    """A moment for people to read in the admin (inspect views, audit trails): local time."""
    return date_format(local_time(value), "DATETIME_FORMAT")


# For ``custom_value_preprocess``: Wagtail's own preprocessing, with moments in local time
# (Wagtail writes XLSX in UTC and CSV as ``2026-03-05 13:30:00+00:00``).
LOCAL_TIME_PREPROCESS = {
    **SpreadsheetExportMixin.custom_value_preprocess,
    datetime.datetime: {
        export_format: lambda value, export_format=export_format: export_datetime(
            value, export_format
        )
        for export_format in SpreadsheetExportMixin.FORMATS
    },
}


class LocalTimeExportMixin(SafeCsvExportMixin):
    """Exports with ``SpreadsheetExportMixin``: no formulas in CSV, moments in local time."""

    custom_value_preprocess = LOCAL_TIME_PREPROCESS
