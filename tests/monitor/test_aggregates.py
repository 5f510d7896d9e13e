"""Median and quartiles computed in the database equal a plain-Python computation.

Runs on SQLite locally and on PostgreSQL in CI (DATABASE_URL), with random data from
hypothesis. The definition is statistics.quantiles(method="inclusive") (PostgreSQL's
percentile_cont), see learning/monitor/aggregates.py.
"""

import statistics
from collections import defaultdict

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learning.monitor.aggregates import ALL, PROVINCE, distributions
from learning.monitor.models import Answer, ResponseStatus
from tests.monitor.fixtures import QUESTIONS, submit_responses

pytestmark = pytest.mark.django_db


def quartiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) == 1:
        return values[0], values[0], values[0]
    q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q2, q3


def python_scores(scores_per_response: list[list[int | None]]) -> dict[tuple[str, str], list]:
    """(dimension, key) → per-response mean scores, as the page defines them."""
    found: dict[tuple[str, str], list[float]] = defaultdict(list)
    for scores in scores_per_response:
        groups: dict[tuple[str, str], list[int]] = defaultdict(list)
        for (level, theme, _text), score in zip(QUESTIONS, scores, strict=False):
            if score is None:
                continue
            groups[("level", level)].append(score)
            groups[("theme", theme)].append(score)
            groups[("total", "")].append(score)
        for key, values in groups.items():
            found[key].append(statistics.fmean(values))
    return found


response_scores = st.lists(
    st.lists(st.one_of(st.none(), st.integers(0, 4)), min_size=1, max_size=len(QUESTIONS)),
    min_size=1,
    max_size=40,
)


@pytest.fixture
def organisations():
    from learning.organisations.models import Organisation

    return list(
        Organisation.objects.filter(kind="gemeente", province__name__in=["Gelderland", "Utrecht"])
        .select_related("province")
        .order_by("cbs_code")[:40]
    )


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=response_scores, draft=st.integers(0, 3))
def test_quartiles_match_python(open_round, organisations, data, draft):
    with transaction.atomic():
        chosen = organisations[: len(data)]
        responses = submit_responses(open_round, dict(zip(chosen, data, strict=False)))
        # Drafts and unanswered questions never count.
        for response in responses[:draft]:
            response.status = ResponseStatus.DRAFT
            response.save(update_fields=["status"])
        counted = data[draft:]
        province = chosen[0].province
        in_province = [
            scores
            for organisation, scores in zip(chosen[draft:], counted, strict=False)
            if organisation.province_id == province.pk
        ]

        figures = distributions(round_ids=[open_round.pk], province_id=province.pk)

        for group, sample in ((ALL, counted), (PROVINCE, in_province)):
            expected = python_scores(sample)
            found = {
                (dim, key): value
                for (grp, _round, dim, key), value in figures.items()
                if grp == group
            }
            assert set(found) == set(expected)
            for key, values in expected.items():
                distribution = found[key]
                assert distribution.count == len(values)
                q1, median, q3 = quartiles(values)
                assert distribution.q1 == pytest.approx(q1, abs=1e-9)
                assert distribution.median == pytest.approx(median, abs=1e-9)
                assert distribution.median == pytest.approx(statistics.median(values), abs=1e-9)
                assert distribution.q3 == pytest.approx(q3, abs=1e-9)
        transaction.set_rollback(True)


def test_known_values(open_round, organisations):
    # Totals 0, 1, 2, 3, 4 (one question answered each): Q1 1, median 2, Q3 3.
    submit_responses(
        open_round, {org: [score] for org, score in zip(organisations, range(5), strict=False)}
    )
    total = distributions(round_ids=[open_round.pk])[(ALL, open_round.pk, "total", "")]
    assert (total.count, total.q1, total.median, total.q3) == (5, 1.0, 2.0, 3.0)
    # Six values 0, 0, 1, 3, 4, 4: positions 1.25, 2.5, 3.75.
    Answer.objects.all().delete()
    open_round.responses.all().delete()
    submit_responses(
        open_round, {org: [s] for org, s in zip(organisations, [0, 4, 1, 3, 0, 4], strict=False)}
    )
    total = distributions(round_ids=[open_round.pk])[(ALL, open_round.pk, "total", "")]
    assert (total.q1, total.median, total.q3) == (0.25, 2.0, 3.75)


def test_same_as_percentile_cont_on_postgresql(open_round, organisations):
    if connection.vendor != "postgresql":
        pytest.skip("percentile_cont is PostgreSQL's (runs in CI)")
    submit_responses(
        open_round,
        {org: [i % 5, (i * 3) % 5, (i * 7) % 5] for i, org in enumerate(organisations[:23])},
    )
    figures = distributions(round_ids=[open_round.pk])
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY value)
            FROM (SELECT AVG(a.score::float8) AS value FROM monitor_answer a
                  JOIN monitor_response r ON r.id = a.response_id
                  WHERE r.round_id = %s GROUP BY r.id) AS totals
            """,
            [open_round.pk],
        )
        q1, median, q3 = cursor.fetchone()[0]
    total = figures[(ALL, open_round.pk, "total", "")]
    assert (total.q1, total.median, total.q3) == pytest.approx((q1, median, q3))
