"""Median and quartiles of the organisations' scores, computed in the database.

One portable SQL statement (window functions, which SQLite and PostgreSQL both have) for all
rounds, comparison groups and dimensions at once, so the results page costs one query
however many responses there are.

Definitions
-----------
- The *score* of a response in a dimension (a level, a theme, or the total) is the mean of
  its answered questions in that dimension, on the 0–4 scale.
- Quartiles interpolate linearly between the sorted scores x₁ ≤ … ≤ xₙ: the p-quantile lies
  at position h = (n − 1)·p (counting from 0), so it is x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
  This is PostgreSQL's ``percentile_cont``, Excel's ``KWARTIEL.INC`` and Python's
  ``statistics.quantiles(method="inclusive")``; Q2 is the ordinary median. For the quartiles
  (p = k/4) the position is integer arithmetic: ⌊h⌋ = (n − 1)·k div 4, the fraction
  ((n − 1)·k mod 4) / 4, which keeps the SQL free of FLOOR (not in every SQLite build).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from learning.organisations.models import Organisation

from .models import Answer, Question, Response, ResponseStatus

ALL = "all"
PROVINCE = "province"


@dataclass(frozen=True)
class Distribution:
    count: int
    q1: float
    median: float
    q3: float


def _quantile_sql(k: int) -> str:
    """SQL for quartile k (1, 2, 3) over the ranked rows of one partition."""
    lower = f"((n - 1) * {k} / 4 + 1)"
    fraction = f"(CAST(((n - 1) * {k}) %% 4 AS DOUBLE PRECISION) / 4)"
    return (
        f"SUM(CASE WHEN rn = {lower} THEN value * (1 - {fraction}) ELSE 0 END)"
        f" + SUM(CASE WHEN rn = {lower} + 1 THEN value * {fraction} ELSE 0 END)"
    )


def distributions(
    *, round_ids: list[int], province_id: int | None = None
) -> dict[tuple[str, int, str, str], Distribution]:
    """(group, round id, dimension, key) → count, Q1, median, Q3 of the submitted responses.

    Groups: ``"all"`` (every submitted response of the round) and, with ``province_id``,
    ``"province"`` (the responses of organisations in that province). Dimensions:
    ``"level"`` (key: strategisch/operationeel), ``"theme"`` (key: the monitor theme) and
    ``"total"`` (key ""). Privacy thresholds are the caller's concern. One query.
    """
    if not round_ids:
        return {}
    answer = Answer._meta.db_table
    response = Response._meta.db_table
    question = Question._meta.db_table
    organisation = Organisation._meta.db_table
    round_params = ", ".join(["%s"] * len(round_ids))
    province_part = ""
    params: list = [ResponseStatus.SUBMITTED, *round_ids]
    if province_id is not None:
        province_part = (
            " UNION ALL SELECT 'province' AS grp, round_id, dim, dim_key, value "
            "FROM scores WHERE province_id = %s"
        )
    # Only table names from the models' metadata and fixed fragments are formatted in; every
    # value is a query parameter.
    sql = f"""
        WITH answer_rows AS (
            SELECT r.id AS response_id, r.round_id AS round_id, o.province_id AS province_id,
                   q.level AS level, q.theme AS theme,
                   CAST(a.score AS DOUBLE PRECISION) AS score
            FROM {answer} a
            JOIN {response} r ON r.id = a.response_id
            JOIN {question} q ON q.id = a.question_id
            JOIN {organisation} o ON o.id = r.organisation_id
            WHERE r.status = %s AND a.score IS NOT NULL AND r.round_id IN ({round_params})
        ),
        scores AS (
            SELECT response_id, round_id, province_id, 'level' AS dim, level AS dim_key,
                   AVG(score) AS value
            FROM answer_rows GROUP BY response_id, round_id, province_id, level
            UNION ALL
            SELECT response_id, round_id, province_id, 'theme', theme, AVG(score)
            FROM answer_rows GROUP BY response_id, round_id, province_id, theme
            UNION ALL
            SELECT response_id, round_id, province_id, 'total', '', AVG(score)
            FROM answer_rows GROUP BY response_id, round_id, province_id
        ),
        grouped AS (
            SELECT 'all' AS grp, round_id, dim, dim_key, value FROM scores{province_part}
        ),
        ranked AS (
            SELECT grp, round_id, dim, dim_key, value,
                   ROW_NUMBER() OVER (
                       PARTITION BY grp, round_id, dim, dim_key ORDER BY value
                   ) AS rn,
                   COUNT(*) OVER (PARTITION BY grp, round_id, dim, dim_key) AS n
            FROM grouped
        )
        SELECT grp, round_id, dim, dim_key, MAX(n),
               {_quantile_sql(1)}, {_quantile_sql(2)}, {_quantile_sql(3)}
        FROM ranked
        GROUP BY grp, round_id, dim, dim_key
    """  # noqa: S608
    if province_id is not None:
        params.append(province_id)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return {
        (grp, round_id, dim, dim_key): Distribution(int(n), float(q1), float(q2), float(q3))
        for grp, round_id, dim, dim_key, n, q1, q2, q3 in rows
    }
