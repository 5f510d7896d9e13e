"""One rule for every CSV export: text a spreadsheet would run as a formula is neutralised.

Each export has its own test with the formulas of tests/spreadsheets.py (events, circles,
monitor, outbox, knowledge, organisations). These tests make sure no export can be added
without the shared function.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.base import ViewSet

from learning.core.exports import (
    LOCAL_TIME_PREPROCESS,
    LocalTimeExportMixin,
    SafeCsvExportMixin,
    export_datetime,
    spreadsheet_safe,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            '=HYPERLINK("https://kwaad.example","Klik")',
            '\'=HYPERLINK("https://kwaad.example","Klik")',
        ),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Anna de Vries", "Anna de Vries"),
        ("a=b", "a=b"),
        ("", ""),
        (-1, -1),
        (2.5, 2.5),
        (None, None),
    ],
)
def test_spreadsheet_safe(value, expected):
    assert spreadsheet_safe(value) == expected


def _exports(viewset) -> list:
    """What the listing exports: the viewset's list_export, else its view class's own."""
    if not hasattr(viewset, "get_index_view_kwargs"):
        return []
    value = viewset.get_index_view_kwargs().get("list_export", ViewSet.UNDEFINED)
    if value is ViewSet.UNDEFINED:
        value = getattr(viewset.index_view_class, "list_export", [])
    return list(value or [])


def test_every_admin_listing_with_an_export_uses_the_shared_mixin():
    reverse("wagtailadmin_home")  # loads the admin URLs, which fill the viewset registry
    ours = [
        viewset
        for viewset in viewsets.viewsets
        if type(viewset).__module__.startswith(("learning.", "home.")) and _exports(viewset)
    ]
    # Registrations, memberships, monitor responses and answers, outbox, policy goals,
    # initiatives, organisations, e-mail domains, organisation claims (at least: new ones
    # are checked below as they come).
    assert len(ours) >= 10, [type(viewset).__name__ for viewset in ours]
    unsafe = [
        type(viewset).__name__
        for viewset in ours
        if not issubclass(viewset.index_view_class, SafeCsvExportMixin)
    ]
    assert not unsafe


def test_every_hand_written_csv_uses_the_shared_function():
    writers = re.compile(r"csv\.(writer|DictWriter)\(|SpreadsheetExportMixin\)")
    sources = [
        path
        for base in ("learning", "home")
        for path in (ROOT / base).rglob("*.py")
        if writers.search(path.read_text())
    ]
    assert sources, "no CSV writers found: has the code moved?"
    # LocalTimeExportMixin is a SafeCsvExportMixin (with moments in local time).
    assert issubclass(LocalTimeExportMixin, SafeCsvExportMixin)
    unsafe = [
        str(path.relative_to(ROOT))
        for path in sources
        if "spreadsheet_safe" not in path.read_text()
        and "SafeCsvExportMixin" not in path.read_text()
        and "LocalTimeExportMixin" not in path.read_text()
    ]
    assert not unsafe


def test_export_datetime_is_dutch_local_time_in_one_format():
    # 1 July 13:30 UTC is 15:30 in Amsterdam (summer time), 1 January 13:30 UTC is 14:30.
    summer = datetime.datetime(2026, 7, 1, 13, 30, tzinfo=datetime.UTC)
    winter = datetime.datetime(2026, 1, 1, 13, 30, tzinfo=datetime.UTC)
    assert export_datetime(summer, "csv") == "2026-07-01 15:30"
    assert export_datetime(winter, "csv") == "2026-01-01 14:30"
    assert export_datetime(summer, "xlsx") == datetime.datetime(2026, 7, 1, 15, 30)
    assert export_datetime(None, "csv") == ""
    # Whatever zone an admin user chose for the interface.
    with timezone.override("America/New_York"):
        assert export_datetime(summer, "csv") == "2026-07-01 15:30"
        assert LOCAL_TIME_PREPROCESS[datetime.datetime]["csv"](summer) == "2026-07-01 15:30"
        assert LOCAL_TIME_PREPROCESS[datetime.datetime]["xlsx"](summer) == datetime.datetime(
            2026, 7, 1, 15, 30
        )
