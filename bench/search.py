"""Site search over 5,000 pages and 1,000 snippets: time and queries per search.

Run from the repository root, against a real PostgreSQL (a throwaway database is created,
migrated and dropped)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cl_bench .venv/bin/python bench/search.py

What it does: seeds 5,000 live content pages (Dutch titles and text, a tenth of them behind
a login restriction) and 1,000 snippets (500 initiatives, 500 policy goals), puts them in
Wagtail's search index (Dutch configuration) and GETs ``/zoeken/`` through Django's test
client (the whole middleware stack) for a mix of queries, filters and result pages, logged
in and anonymous. It prints p50/p95 of the time per search, the query count of each search
(min/max: it must not depend on the query's number of results), and the machine's load
while it ran. Exits 1 when a search does not answer 200.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

PAGES = 5_000
SNIPPETS = 1_000
ROUNDS = 5
WORDS = [
    "brug",
    "bruggen",
    "beton",
    "hergebruik",
    "circulair inkopen",
    "kringloop",
    "afval",
    "grondstoffen",
    "textiel",
    "hout",
]
QUERIES = [
    *({"q": word} for word in WORDS),
    {"q": "circulair"},
    {"q": "circulair", "pagina": "5"},
    {"q": "beton", "soort": "pagina"},
    {"q": "beton", "soort": "initiatief"},
    {"q": "hergebruik", "thema": "bouw"},
    {"q": "onvindbaarwoord"},
]
SUBJECTS = ["Bruggen", "Beton", "Hout", "Textiel", "Afval", "Grondstoffen", "Kringloop", "Inkoop"]


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


def seed() -> None:
    import json

    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.search.backends import get_search_backend

    from home.models import ContentPage
    from learning.core.models import Theme
    from learning.knowledge.models import Initiative, InitiativeKind, PolicyGoal

    home = Site.objects.get(is_default_site=True).root_page
    section = ContentPage(title="Kennis uit de regio", slug="regio", intro="Bench.")
    home.add_child(instance=section)
    section.save_revision().publish()
    section.refresh_from_db()
    content_type = ContentType.objects.get_for_model(ContentPage)
    pages = [
        Page(
            title=f"{SUBJECTS[n % len(SUBJECTS)]} in gemeente {n}: circulair en duurzaam",
            slug=f"bench-{n}",
            content_type=content_type,
            path=Page._get_path(section.path, section.depth + 1, n + 1),
            depth=section.depth + 1,
            numchild=0,
            url_path=f"{section.url_path}bench-{n}/",
            live=True,
            locale_id=section.locale_id,
        )
        for n in range(PAGES)
    ]
    Page.objects.bulk_create(pages, batch_size=1000)
    Page.objects.filter(pk=section.pk).update(numchild=PAGES)
    created = list(Page.objects.filter(depth=section.depth + 1, slug__startswith="bench-"))
    body = json.dumps(
        [
            {
                "type": "paragraph",
                "value": "<p>De gemeente hergebruikt beton uit oude bruggen en kademuren. "
                "Afval wordt grondstof; textiel en hout gaan naar de kringloop.</p>",
            }
        ]
    )
    for page in created:
        ContentPage(
            page_ptr_id=page.pk, intro="Een voorbeeld uit de praktijk.", body=body
        ).save_base(raw=True)
    for page in created[:: PAGES // 500]:
        PageViewRestriction.objects.create(page=page, restriction_type="login")
    backend = get_search_backend()
    content_pages = list(ContentPage.objects.filter(pk__in=[page.pk for page in created]))
    for start in range(0, len(content_pages), 500):
        backend.add_bulk(ContentPage, content_pages[start : start + 500])

    bouw = Theme.objects.get(slug="bouw")
    initiatives = Initiative.objects.bulk_create(
        Initiative(
            name=f"Materialenhub {SUBJECTS[n % len(SUBJECTS)]} {n}",
            kind=InitiativeKind.NETWORK,
            description="Hergebruik van beton, hout en textiel in de regio.",
            region=f"Regio {n % 40}",
        )
        for n in range(SNIPPETS // 2)
    )
    Initiative.themes.through.objects.bulk_create(
        Initiative.themes.through(initiative_id=item.pk, theme_id=bouw.pk) for item in initiatives
    )
    goals = PolicyGoal.objects.bulk_create(
        PolicyGoal(
            title=f"Doel {n}: minder afval",
            goal_text="In 2030 is de helft van de grondstoffen secundair; beton wordt hergebruikt.",
            source="Rijksoverheid",
        )
        for n in range(SNIPPETS // 2)
    )
    backend.add_bulk(Initiative, list(Initiative.objects.all()))
    backend.add_bulk(PolicyGoal, goals)


def run() -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tests.factories import UserFactory

    began = time.perf_counter()
    seed()
    print(
        f"seeded           {PAGES} pages, {SNIPPETS} snippets "
        f"in {time.perf_counter() - began:.0f} s"
    )

    anonymous, logged_in = Client(), Client()
    logged_in.force_login(UserFactory())
    for client in (anonymous, logged_in):
        client.get("/zoeken/", {"q": "warm"})  # content types, site root paths, session

    durations, queries, failures = [], {}, 0
    machine_before, own_before, wall_before = (
        machine_busy_seconds(),
        time.process_time(),
        time.perf_counter(),
    )
    for _round in range(ROUNDS):
        for client in (anonymous, logged_in):
            for params in QUERIES:
                with CaptureQueriesContext(connection) as captured:
                    start = time.perf_counter()
                    response = client.get("/zoeken/", params)
                    durations.append(time.perf_counter() - start)
                key = tuple(sorted(params.items()))
                queries.setdefault(key, set()).add(len(captured))
                if response.status_code != 200:
                    failures += 1
    wall = time.perf_counter() - wall_before
    others = (machine_busy_seconds() - machine_before - (time.process_time() - own_before)) / wall

    ms = sorted(d * 1000 for d in durations)
    p95 = ms[min(len(ms) - 1, round(0.95 * len(ms)) - 1)]
    print(f"searches         {len(ms)} GETs /zoeken/, {failures} failed")
    print(
        f"time per search  p50 {statistics.median(ms):.1f} ms  p95 {p95:.1f} ms  "
        f"max {ms[-1]:.1f} ms"
    )
    counts = sorted({count for found in queries.values() for count in found})
    print(f"queries per search min {counts[0]}  max {counts[-1]}")
    for key, found in queries.items():
        print(f"  {dict(key)}: {sorted(found)}")
    print(
        f"machine          other processes {others:.2f} of {os.cpu_count()} CPUs during the "
        f"searches (PostgreSQL included); load average {os.getloadavg()[0]:.2f}"
    )
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
