"""Monitor results page: build time and queries with 342 municipalities × 3 rounds.

Run from the repository root::

    .venv/bin/python bench/monitor.py [--municipalities 342 --rounds 3 --small 10 --repeat 5]

What it does:

1. creates a temporary SQLite database (in a temporary directory, removed at the end) and
   migrates it with the test settings; with ``--database-url`` it uses that database instead
   (for example a scratch PostgreSQL database, which it then leaves filled);
2. adds the monitor page, a questionnaire of 12 questions and ``--rounds`` rounds;
3. seeds ``--small`` submitted responses per round, GETs the results page of one
   municipality through the Django test client and counts the queries; then seeds every
   municipality (342 by default, the whole country) in every round and does it again;
4. prints the best of ``--repeat`` build times for the full page, the query counts (they
   must be equal) and exits 1 when they are not.
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
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--small", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="monitor-bench-"))
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

    from datetime import date

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.utils import timezone
    from wagtail.models import Site

    from learning.accounts.models import User
    from learning.monitor.demo import QUESTIONS
    from learning.monitor.models import (
        Answer,
        MonitorPage,
        Question,
        Questionnaire,
        Response,
        ResponseStatus,
        Round,
    )
    from learning.organisations.models import Organisation

    setup_test_environment()
    logging.getLogger("wagtail").setLevel(logging.WARNING)
    logging.getLogger("learning.requests").setLevel(logging.WARNING)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"database migrated in {time.perf_counter() - started:.1f} s ({connection.vendor})")

    home = Site.objects.get(is_default_site=True).root_page.specific
    page = MonitorPage(title="Monitor", slug="monitor-bench", intro="Bench")
    home.add_child(instance=page)
    page.save_revision().publish()
    questionnaire = Questionnaire.objects.create(title="Bench")
    questions = [
        Question.objects.create(
            questionnaire=questionnaire, sort_order=i, level=level, theme=theme, text=text
        )
        for i, (level, theme, _core, text, _help) in enumerate(QUESTIONS)
    ]
    rounds = [
        Round.objects.create(
            title=f"Monitor {2017 + i}",
            year=2017 + i,
            questionnaire=questionnaire,
            opens_on=date(2017 + i, 3, 1),
            closes_on=date(2017 + i, 6, 30),
        )
        for i in range(args.rounds)
    ]
    municipalities = list(
        Organisation.objects.filter(kind="gemeente").order_by("cbs_code")[: args.municipalities]
    )
    user = User.objects.create_user(
        email="bench@gemeente.example", full_name="Bench", organisation=municipalities[0]
    )
    rng = random.Random(342)  # noqa: S311 (bench data)

    def seed(organisations) -> None:
        for round in rounds:
            responses = Response.objects.bulk_create(
                [
                    Response(
                        round=round,
                        organisation=organisation,
                        status=ResponseStatus.SUBMITTED,
                        version=1,
                        submitted_at=timezone.now(),
                    )
                    for organisation in organisations
                ]
            )
            Answer.objects.bulk_create(
                [
                    Answer(response=response, question=question, score=rng.randint(0, 4))
                    for response in responses
                    for question in questions
                ],
                batch_size=2000,
            )

    client = Client()
    client.force_login(user)
    url = f"{page.url}resultaten/"

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
    total = Response.objects.count()
    answers = Answer.objects.count()
    print(
        f"{total} responses ({len(municipalities)} municipalities x {len(rounds)} rounds), "
        f"{answers} answers, seeded in {time.perf_counter() - started:.1f} s"
    )
    large_queries = queries()
    large_seconds = _best(build, args.repeat)
    from learning.monitor.aggregates import distributions

    sql_seconds = _best(
        lambda: distributions(
            round_ids=[r.pk for r in rounds], province_id=municipalities[0].province_id
        ),
        args.repeat,
    )

    print()
    print(f"results page {url} (test client, best of {args.repeat}):")
    small = args.small * len(rounds)
    print(f"  {small:>5} responses  {small_seconds * 1000:8.1f} ms  {small_queries} queries")
    print(f"  {total:>5} responses  {large_seconds * 1000:8.1f} ms  {large_queries} queries")
    print(f"  the quartile query alone, all {len(rounds)} rounds {sql_seconds * 1000:8.1f} ms")
    if small_queries != large_queries:
        print("MISSED: the query count grows with the number of responses")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
