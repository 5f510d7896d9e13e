"""National indicator overview: build time and queries with 342 municipalities × 8 indicators
× 5 years.

Run from the repository root::

    .venv/bin/python bench/indicators.py [--municipalities 342 --years 5 --small 10 --repeat 5]

What it does:

1. creates a temporary SQLite database (in a temporary directory, removed at the end) and
   migrates it with the test settings, which seeds the eight NMF indicators; with
   ``--database-url`` it uses that database instead (for example a scratch PostgreSQL
   database, which it then leaves filled);
2. seeds ``--small`` municipalities with a value for every indicator in every year, GETs the
   national overview as a coordinator through the Django test client and counts the queries;
   then seeds every municipality (342 by default, the whole country) and does it again;
3. prints the best of ``--repeat`` build times, the query counts (they must be equal) and the
   time of the selector alone, and exits 1 when the counts differ.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _best(function, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--municipalities", type=int, default=342)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--small", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="indicators-bench-"))
    try:
        return run(args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(args, workdir: Path) -> int:
    sys.path.insert(0, str(REPO))
    os.environ["DJANGO_SETTINGS_MODULE"] = "learning.settings.test"
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.pop("CELERY_BROKER_URL", None)

    import django

    django.setup()

    from decimal import Decimal

    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse

    from learning.accounts.models import User
    from learning.indicators.models import Indicator, IndicatorValue
    from learning.indicators.selectors import national_overview
    from learning.organisations.models import Organisation

    setup_test_environment()
    logging.getLogger("wagtail").setLevel(logging.WARNING)
    logging.getLogger("learning.requests").setLevel(logging.WARNING)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"database migrated in {time.perf_counter() - started:.1f} s ({connection.vendor})")

    indicators = list(Indicator.objects.all())
    municipalities = list(
        Organisation.objects.filter(kind="gemeente").order_by("cbs_code")[: args.municipalities]
    )
    years = list(range(2025 - args.years + 1, 2026))
    coordinator = User.objects.create_user(email="bench@coordinatie.example", full_name="Bench")
    coordinator.groups.add(Group.objects.get(name="Coördinatoren"))
    rng = random.Random(342)  # noqa: S311 (bench data)

    def seed(organisations) -> None:
        IndicatorValue.objects.bulk_create(
            [
                IndicatorValue(
                    organisation=organisation,
                    indicator=indicator,
                    year=year,
                    value=Decimal(rng.randint(0, 500)) / 10
                    if indicator.unit != "trede"
                    else Decimal(rng.randint(0, 5)),
                    source_note="Bench",
                )
                for organisation in organisations
                for indicator in indicators
                for year in years
            ],
            batch_size=2000,
        )

    client = Client()
    client.force_login(coordinator)
    url = reverse("indicators:national")

    def build() -> None:
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    def queries() -> int:
        build()  # warm caches (site root paths, the session)
        with CaptureQueriesContext(connection) as captured:
            build()
        return len(captured)

    seed(municipalities[: args.small])
    small_queries = queries()
    small_seconds = _best(build, args.repeat)
    started = time.perf_counter()
    seed(municipalities[args.small :])
    total = IndicatorValue.objects.count()
    print(
        f"{total} values ({len(municipalities)} municipalities x {len(indicators)} indicators "
        f"x {len(years)} years), seeded in {time.perf_counter() - started:.1f} s"
    )
    large_queries = queries()
    large_seconds = _best(build, args.repeat)
    selector_seconds = _best(national_overview, args.repeat)

    print()
    print(f"national overview {url} (test client, best of {args.repeat}):")
    small = args.small * len(indicators) * len(years)
    print(f"  {small:>6} values  {small_seconds * 1000:8.1f} ms  {small_queries} queries")
    print(f"  {total:>6} values  {large_seconds * 1000:8.1f} ms  {large_queries} queries")
    print(f"  the selector alone (counts and quartiles) {selector_seconds * 1000:8.1f} ms")
    if small_queries != large_queries:
        print("MISSED: the query count grows with the number of values")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
