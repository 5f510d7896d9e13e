"""Geometry for the server-rendered SVG charts of the results page.

The templates draw what is computed here; every figure is also in the data table beside the
chart and in the chart's <desc>, so nothing depends on seeing the shapes or the colours.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from learning.core.numbers import number_text

from .models import MAX_SCORE
from .selectors import ResultRow, TrendPoint

LABEL_WIDTH = 220
PLOT_WIDTH = 400
ROW_HEIGHT = 44
TOP = 34
BOTTOM = 34


def score_text(value: float | None) -> str:
    """A score as the tables write it (learning.core.numbers: rounded, not cut off)."""
    return number_text(value, decimals=1)


def _x(value: float) -> float:
    return round(LABEL_WIDTH + PLOT_WIDTH * value / MAX_SCORE, 1)


def _n(value: float) -> str:
    """A coordinate for SVG: a dot as decimal separator, whatever the language."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class BarRow:
    """One row of the chart; coordinates as SVG strings."""

    label: str
    label_x: str
    text_y: str
    own_text: str
    own_path: str | None  # the diamond
    own_text_x: str
    own_text_y: str
    box: dict | None  # x, y, width, height of the Q1–Q3 box
    median: dict | None  # x, y1, y2 of the median line


@dataclass(frozen=True)
class ScoreChart:
    width: int
    height: int
    rows: list[BarRow]
    ticks: list[dict]  # x and label of the gridlines 0…4
    grid_top: str
    grid_bottom: str
    tick_label_y: str
    description: str


def score_chart(rows: list[ResultRow]) -> ScoreChart:
    """Per row: the own score as a diamond, the main comparison group as a box (Q1–Q3)
    with a thick line at the median."""
    bar_rows = []
    sentences = []
    for index, row in enumerate(rows):
        y = TOP + index * ROW_HEIGHT + ROW_HEIGHT / 2
        distribution = row.main.distribution if row.main else None
        box = median = None
        if distribution is not None:
            box = {
                "x": _n(_x(distribution.q1)),
                "y": _n(y - 10),
                "width": _n(max(_x(distribution.q3) - _x(distribution.q1), 1)),
                "height": "20",
            }
            median = {"x": _n(_x(distribution.median)), "y1": _n(y - 14), "y2": _n(y + 14)}
        own_x = _x(row.own) if row.own is not None else None
        bar_rows.append(
            BarRow(
                label=row.label,
                label_x=_n(LABEL_WIDTH - 12),
                text_y=_n(y + 5),
                own_text=score_text(row.own),
                own_path=(
                    f"M {_n(own_x)} {_n(y - 9)} l 9 9 l -9 9 l -9 -9 z"
                    if own_x is not None
                    else None
                ),
                own_text_x=_n((own_x or 0) + 11),
                own_text_y=_n(y - 9),
                box=box,
                median=median,
            )
        )
        sentence = _("%(label)s: uw score %(own)s") % {
            "label": row.label,
            "own": score_text(row.own),
        }
        if distribution is not None:
            sentence += _(
                ", mediaan %(group)s %(median)s (middelste helft %(q1)s tot %(q3)s, "
                "%(count)s deelnemers)"
            ) % {
                "group": row.main.label.lower(),
                "median": score_text(distribution.median),
                "q1": score_text(distribution.q1),
                "q3": score_text(distribution.q3),
                "count": distribution.count,
            }
        else:
            sentence += _(", geen vergelijking (te weinig deelnemers)")
        sentences.append(sentence + ".")
    height = TOP + len(rows) * ROW_HEIGHT + BOTTOM
    return ScoreChart(
        width=LABEL_WIDTH + PLOT_WIDTH + 30,
        height=height,
        rows=bar_rows,
        ticks=[{"x": _n(_x(value)), "label": str(value)} for value in range(MAX_SCORE + 1)],
        grid_top=_n(TOP - 8),
        grid_bottom=_n(height - BOTTOM + 4),
        tick_label_y=_n(height - BOTTOM + 22),
        description=" ".join(sentences),
    )


TREND_WIDTH = 600
TREND_HEIGHT = 280
TREND_LEFT = 50
TREND_RIGHT = 30
TREND_TOP = 20
TREND_BOTTOM = 40


@dataclass(frozen=True)
class TrendMark:
    """One round on the trend chart; coordinates as SVG strings."""

    x: str
    label: str
    label_y: str
    own_y: str | None
    own_text: str
    own_text_y: str | None
    median_square: dict | None  # x, y of a 10×10 square centred on the median
    median_text: str
    median_text_y: str | None
    band: dict | None  # x, y, width, height from Q3 down to Q1


@dataclass(frozen=True)
class TrendChart:
    width: int
    height: int
    marks: list[TrendMark]
    own_points: str
    median_points: str
    ticks: list[dict]  # y, label y and label of the gridlines 0…4
    plot_left: str
    plot_right: str
    description: str


def _y(value: float) -> float:
    plot = TREND_HEIGHT - TREND_TOP - TREND_BOTTOM
    return round(TREND_TOP + plot * (1 - value / MAX_SCORE), 1)


def trend_chart(points: list[TrendPoint]) -> TrendChart:
    """The own total score per round (solid line, circles) against the median of all
    participants (dashed line, squares) and their middle half (band)."""
    count = len(points)
    plot_width = TREND_WIDTH - TREND_LEFT - TREND_RIGHT
    step = plot_width / max(count - 1, 1)
    marks = []
    sentences = []
    points_own: list = []
    points_median: list = []
    for index, point in enumerate(points):
        x = round(TREND_LEFT + (step * index if count > 1 else plot_width / 2), 1)
        peers = point.peers
        own_y = _y(point.own) if point.own is not None else None
        median_y = _y(peers.median) if peers else None
        # The own value's label goes on the side away from the median's, so they never overlap.
        below = own_y is not None and median_y is not None and own_y > median_y
        marks.append(
            TrendMark(
                x=_n(x),
                label=str(point.round.year),
                label_y=_n(TREND_HEIGHT - TREND_BOTTOM + 22),
                own_y=_n(own_y) if own_y is not None else None,
                own_text=score_text(point.own),
                own_text_y=_n(own_y + (22 if below else -12)) if own_y is not None else None,
                median_square=({"x": _n(x - 5), "y": _n(median_y - 5)} if peers else None),
                median_text=score_text(peers.median) if peers else "",
                median_text_y=_n(median_y + (-12 if below else 22)) if peers else None,
                band=(
                    {
                        "x": _n(x - 14),
                        "y": _n(_y(peers.q3)),
                        "width": "28",
                        "height": _n(max(_y(peers.q1) - _y(peers.q3), 1)),
                    }
                    if peers
                    else None
                ),
            )
        )
        points_own.append((x, own_y))
        points_median.append((x, median_y))
        sentence = _("%(year)s: uw score %(own)s") % {
            "year": point.round.year,
            "own": score_text(point.own),
        }
        if peers:
            sentence += _(", mediaan alle deelnemers %(median)s") % {
                "median": score_text(peers.median)
            }
        sentences.append(sentence + ".")
    return TrendChart(
        width=TREND_WIDTH,
        height=TREND_HEIGHT,
        marks=marks,
        own_points=" ".join(f"{_n(x)},{_n(y)}" for x, y in points_own if y is not None),
        median_points=" ".join(f"{_n(x)},{_n(y)}" for x, y in points_median if y is not None),
        ticks=[
            {"y": _n(_y(value)), "label_y": _n(_y(value) + 5), "label": str(value)}
            for value in range(MAX_SCORE + 1)
        ],
        plot_left=_n(TREND_LEFT - 20),
        plot_right=_n(TREND_WIDTH - TREND_RIGHT + 20),
        description=" ".join(sentences),
    )
