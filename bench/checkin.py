"""Check-in at the door: 150 people checked in one by one through the check-in endpoint.

Run from the repository root, against a real PostgreSQL (a throwaway database is created,
migrated and dropped)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cl_bench .venv/bin/python bench/checkin.py

What it does: seeds an event that started half an hour ago with 150 confirmed participants and
a coordinator of its section (the Coördinatoren group, as load_demo sets it up), then POSTs one
tap per person to ``/admin/registrations/event/<id>/inchecken/tik/`` (Django's test client,
the whole middleware stack, the JSON answer the screen's script reads), timing each request
and counting its queries. It prints p50/p99 of the time per check-in and the query count of
the 1st and the 150th check-in, and exits 1 when the count is not constant or a check-in
failed. The figures are real (PostgreSQL row locks, the audit log, the count).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

PEOPLE = 150


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine has been busy (all cores), from /proc/stat."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    values = [int(value) for value in fields]
    idle = values[3] + values[4]  # idle + iowait
    return (sum(values[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learning.settings.test")
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("Set DATABASE_URL to a PostgreSQL server (a test database is made next to it).")
        return 2
    import django

    django.setup()
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    from django.db import connection

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        return run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def run() -> int:
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone
    from wagtail.models import Site

    from learning.events.coordination import coordinator_sections_grant
    from learning.events.models import EventIndexPage, EventPage, Registration, RegistrationStatus
    from learning.organisations.models import Organisation
    from tests.factories import UserFactory

    home = Site.objects.get(is_default_site=True).root_page.specific
    agenda = EventIndexPage(title="Agenda", slug="agenda", intro="Bench.")
    home.add_child(instance=agenda)
    agenda.save_revision().publish()
    start = timezone.now() - timedelta(minutes=30)
    event = EventPage(
        title="Netwerkdag circulaire overheid",
        slug="netwerkdag",
        intro="Bench.",
        capacity=PEOPLE,
        starts_at=start,
        ends_at=start + timedelta(hours=6),
    )
    agenda.add_child(instance=event)
    event.save_revision().publish()
    coordinator_sections_grant(pages=[agenda])
    coordinator = UserFactory(is_staff=True, full_name="Coby Coördinator")
    coordinator.groups.add(Group.objects.get(name="Coördinatoren"))
    organisations = list(Organisation.objects.filter(kind="gemeente").order_by("cbs_code")[:50])
    registrations = [
        Registration.objects.create(
            event_id=event.pk,
            user=UserFactory(
                full_name=f"Deelnemer {number:03d}",
                organisation=organisations[number % len(organisations)],
            ),
            organisation=organisations[number % len(organisations)],
            status=RegistrationStatus.CONFIRMED,
        )
        for number in range(PEOPLE + 1)
    ]

    client = Client()
    client.force_login(coordinator)
    url = reverse("registrations:checkin_tap", args=[event.pk])
    # One screen load and one tap, as at the door (session, permissions, per-process caches
    # such as content types warm): the first real tap then costs what every other one does.
    assert client.get(reverse("registrations:checkin", args=[event.pk])).status_code == 200
    warm = registrations.pop()
    client.post(
        url, {"registration": warm.pk, "action": "in"}, headers={"accept": "application/json"}
    )

    durations, queries, failures = [], [], 0
    machine_before, own_before, wall_before = (
        machine_busy_seconds(),
        time.process_time(),
        time.perf_counter(),
    )
    for registration in registrations:
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            response = client.post(
                url,
                {"registration": registration.pk, "action": "in"},
                headers={"accept": "application/json"},
            )
            durations.append(time.perf_counter() - began)
        queries.append(len(captured))
        if response.status_code != 200 or not response.json()["checked_in"]:
            failures += 1

    wall = time.perf_counter() - wall_before
    others = (machine_busy_seconds() - machine_before - (time.process_time() - own_before)) / wall
    checked_in = (
        Registration.objects.filter(event_id=event.pk, status=RegistrationStatus.ATTENDED).count()
        - 1
    )  # the warm-up
    ms = sorted(d * 1000 for d in durations)
    p99 = ms[min(len(ms) - 1, round(0.99 * len(ms)) - 1)]
    print(f"check-ins        {len(ms)} POSTs, {checked_in}/{PEOPLE} checked in, {failures} failed")
    median = statistics.median(ms)
    print(f"time per check-in p50 {median:.1f} ms  p99 {p99:.1f} ms  max {ms[-1]:.1f} ms")
    print(
        f"queries per check-in 1st {queries[0]}  150th {queries[-1]}  "
        f"min {min(queries)}  max {max(queries)}"
    )
    print(
        f"machine          other processes {others:.2f} of {os.cpu_count()} CPUs during the "
        f"taps (PostgreSQL included); load average {os.getloadavg()[0]:.2f}"
    )
    constant = min(queries) == max(queries)
    print("query count constant" if constant else "query count NOT constant")
    return 0 if constant and failures == 0 and checked_in == PEOPLE else 1


if __name__ == "__main__":
    sys.exit(main())
