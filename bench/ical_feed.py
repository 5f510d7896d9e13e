"""Agenda feed: time to build ``/agenda.ics`` with 2,000 events, against plain icalendar.

Run from the repository root::

    .venv/bin/python bench/ical_feed.py [--events 2000 --small 200 --repeat 5]

What it does:

1. creates a temporary SQLite database (in a temporary directory, removed at the end) and
   migrates it with the test settings;
2. adds an agenda page with ``--small`` live events, GETs ``/agenda.ics`` through the Django
   test client and counts the queries; then grows the agenda to ``--events`` and does it again;
3. times the full GET of ``/agenda.ics`` (query, VEVENT builder, VTIMEZONE, serialisation,
   HTTP response) against serialising the same events, already in memory, with plain
   icalendar (the same properties, the same VTIMEZONE); best of ``--repeat`` runs each;
4. asks again with the feed's ETag and with its Last-Modified and counts the queries of
   those 304 answers (target at most 2);
5. prints both times, the ratio (target at most 1.5) and the query counts (must be equal),
   and exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RATIO_TARGET = 1.5
NOT_MODIFIED_QUERIES = 2


def _best(function, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--small", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="ical-feed-bench-"))
    try:
        return run(args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(args, workdir: Path) -> int:
    sys.path.insert(0, str(REPO))
    os.environ["DJANGO_SETTINGS_MODULE"] = "learning.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.pop("CELERY_BROKER_URL", None)

    import django

    django.setup()

    from datetime import timedelta

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.utils import timezone
    from icalendar import Calendar, Event, vCalAddress
    from wagtail.models import Site

    from learning.calendar.ical import TZ, VTIMEZONE, calendar_fingerprint
    from learning.events.models import EventIndexPage, EventPage

    setup_test_environment()
    logging.getLogger("wagtail").setLevel(logging.WARNING)  # one line per page created
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"database migrated in {time.perf_counter() - started:.1f} s ({workdir})")

    home = Site.objects.get(is_default_site=True).root_page.specific
    agenda = home.add_child(instance=EventIndexPage(title="Agenda", slug="agenda", live=True))
    now = timezone.now()

    def add_events(first: int, last: int) -> None:
        for number in range(first, last):
            start = now + timedelta(days=1 + number % 300, hours=number % 9)
            event = EventPage(
                title=f"Netwerkdag circulaire overheid {number}; kennis, delen",
                slug=f"netwerkdag-{number}",
                intro="Een dag voor professionals van alle overheden.\nMet lunch, en borrel.",
                starts_at=start,
                ends_at=start + timedelta(hours=4),
                location_name="Stadhuis",
                location_address="Stadsplateau 1, 3521 AZ Utrecht",
                organiser_name="Team Circulair",
                organiser_email="circulair@utrecht.example",
                live=True,
                first_published_at=now,
                last_published_at=now,
            )
            event.ical_fingerprint = calendar_fingerprint(event)
            agenda.add_child(instance=event)

    client = Client()

    def feed() -> bytes:
        response = client.get("/agenda.ics")
        assert response.status_code == 200, response.status_code
        return response.content

    def queries() -> tuple[int, int]:
        feed()  # warm caches (site root paths)
        with CaptureQueriesContext(connection) as captured:
            body = feed()
        return len(captured), body.count(b"BEGIN:VEVENT")

    started = time.perf_counter()
    add_events(0, args.small)
    small_queries, small_events = queries()
    add_events(args.small, args.events)
    print(f"{args.events} events created in {time.perf_counter() - started:.1f} s")
    large_queries, large_events = queries()

    # The same events in memory, serialised with plain icalendar (no Django, no database).
    rows = list(
        EventPage.objects.values(
            "translation_key",
            "title",
            "intro",
            "starts_at",
            "ends_at",
            "location_name",
            "location_address",
            "organiser_name",
            "organiser_email",
            "url_path",
            "last_published_at",
        )
    )

    def plain() -> bytes:
        calendar = Calendar()
        calendar.add("prodid", "-//bench//NL")
        calendar.add("version", "2.0")
        for row in rows:
            item = Event()
            item.add("uid", f"{row['translation_key']}@bench")
            item.add("sequence", 0)
            item.add("dtstamp", row["last_published_at"])
            item.add("last-modified", row["last_published_at"])
            item.add("dtstart", row["starts_at"].astimezone(TZ))
            item.add("dtend", row["ends_at"].astimezone(TZ))
            item.add("summary", row["title"])
            # The feed's description: intro, page link and the organiser to mail.
            item.add(
                "description",
                f"{row['intro']}\n\nhttps://example.nl{row['url_path']}"
                f"\n\nVragen? Mail de organisator: {row['organiser_email']}",
            )
            item.add("location", f"{row['location_name']}, {row['location_address']}")
            item.add("url", f"https://example.nl{row['url_path']}")
            item.add("status", "CONFIRMED")
            item.add("transp", "OPAQUE")
            organiser = vCalAddress(f"mailto:{row['organiser_email']}")
            organiser.params["cn"] = row["organiser_name"]
            item.add("organizer", organiser)
            calendar.add_component(item)
        calendar.subcomponents.insert(0, VTIMEZONE)  # the feeds' rule-form VTIMEZONE
        return calendar.to_ical()

    def not_modified_queries() -> int:
        first = client.get("/agenda.ics")
        counts = []
        for headers in (
            {"if-none-match": first["ETag"]},
            {"if-modified-since": first["Last-Modified"]},
        ):
            with CaptureQueriesContext(connection) as captured:
                response = client.get("/agenda.ics", headers=headers)
            assert response.status_code == 304, response.status_code
            counts.append(len(captured))
        return max(counts)

    feed_seconds = _best(feed, args.repeat)
    plain_seconds = _best(plain, args.repeat)
    ratio = feed_seconds / plain_seconds
    not_modified = not_modified_queries()

    print()
    print(f"/agenda.ics, {large_events} events (test client, best of {args.repeat}):")
    print(f"  feed (query + builder + HTTP) {feed_seconds * 1000:8.1f} ms")
    print(f"  plain icalendar, same events  {plain_seconds * 1000:8.1f} ms")
    print(f"  ratio                         {ratio:8.2f}   (target <= {RATIO_TARGET})")
    print(f"queries: {small_queries} for {small_events} events, {large_queries} for {large_events}")
    print(f"304 Not Modified: {not_modified} queries (target <= {NOT_MODIFIED_QUERIES})")

    failed = []
    if ratio > RATIO_TARGET:
        failed.append(f"ratio {ratio:.2f} > {RATIO_TARGET}")
    if not_modified > NOT_MODIFIED_QUERIES:
        failed.append(f"a 304 costs {not_modified} queries > {NOT_MODIFIED_QUERIES}")
    if small_queries != large_queries:
        failed.append("the query count grows with the number of events")
    if (small_events, large_events) != (args.small, args.events):
        failed.append("not every event is in the feed")
    for reason in failed:
        print(f"MISSED: {reason}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
