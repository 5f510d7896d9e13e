"""Spreadsheet exports that a spreadsheet program will not run as formulas.

Names, job titles, explanations and titles come from users and editors. A CSV cell that starts
with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which some programs skip
before looking) is read as a formula by Excel and LibreOffice ("CSV injection"). Every CSV
export neutralises its cells with ``spreadsheet_safe``: the hand-written ones call it, the ones
built with Wagtail's ``SpreadsheetExportMixin`` (``list_export``) get it through
``SafeCsvExportMixin``. XLSX needs nothing: Wagtail writes those cells as text.
"""

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
