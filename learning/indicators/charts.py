"""Geometry for the SVG chart of one indicator: the organisation's values per year against
the national target(s) and the middle half and median of its peers.

Drawn as the monitor's charts are (learning.monitor.charts): shapes as well as colours,
every figure also in the chart's <desc> and in the data table beside it, and every number
written by learning.core.numbers so the chart, its text and the table agree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _

from learning.core.numbers import number_text

from .figures import figure_text
from .models import Indicator, Unit

WIDTH = 640
HEIGHT = 300
LEFT = 64
RIGHT = 40
TOP = 24
BOTTOM = 40


def _n(value: float) -> str:
    """A coordinate for SVG: a dot as decimal separator, whatever the language."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k at or above ``value`` (an axis maximum)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power + 1e-9:
            return step * power
    return 10 * power  # pragma: no cover


@dataclass(frozen=True)
class Mark:
    """One year on the chart; coordinates as SVG strings."""

    x: str
    label: str
    label_y: str
    own_y: str | None
    own_text: str
    own_text_y: str | None
    median_square: dict | None
    median_text: str
    median_text_y: str | None
    band: dict | None


@dataclass(frozen=True)
class TargetMark:
    """A national target: a dashed line at its value up to its year, ending in a flag."""

    y: str
    x1: str
    x2: str
    flag: str  # SVG path of a small triangle at the target's year
    text: str
    text_x: str
    text_y: str
    text_anchor: str  # "end" left of the flag, "start" right of it near the left edge


@dataclass(frozen=True)
class IndicatorChart:
    width: int
    height: int
    marks: list[Mark]
    targets: list[TargetMark]
    own_points: str
    median_points: str
    ticks: list[dict]
    plot_left: str
    plot_right: str
    description: str
    group_label: str


def indicator_chart(
    *,
    indicator: Indicator,
    years: list[int],
    own: dict,
    peers: dict,
    targets: list,
    group_label: str,
    own_label: str | None = None,
) -> IndicatorChart:
    """``own``: year → the organisation's value (may be empty: the national overview);
    ``peers``: year → Distribution or None; ``targets``: IndicatorTarget rows. The x axis
    runs over ``years`` and the targets' years; the y axis from 0 to a round maximum (100 for
    a percentage, 5 for a step)."""
    target_years = [target.year for target in targets]
    all_years = sorted(set(years) | set(target_years))
    if indicator.unit == Unit.PERCENTAGE:
        top = 100.0
    elif indicator.unit == Unit.STEP:
        top = 5.0
    else:
        highest = [float(v) for v in own.values() if v is not None]
        highest += [d.q3 for d in peers.values() if d is not None]
        highest += [float(target.value) for target in targets]
        top = _nice_ceiling(max(highest, default=1.0) * 1.1)
    plot_height = HEIGHT - TOP - BOTTOM
    plot_width = WIDTH - LEFT - RIGHT

    def y_of(value) -> float:
        return round(TOP + plot_height * (1 - float(value) / top), 1)

    first, last = (all_years[0], all_years[-1]) if all_years else (0, 0)
    span = max(last - first, 1)

    def x_of(year: int) -> float:
        if first == last:
            return round(LEFT + plot_width / 2, 1)
        return round(LEFT + plot_width * (year - first) / span, 1)

    marks, sentences = [], []
    own_points, median_points = [], []
    decimals = indicator.rule.decimals
    for year in all_years:
        x = x_of(year)
        value = own.get(year)
        peer = peers.get(year)
        own_y = y_of(value) if value is not None else None
        median_y = y_of(peer.median) if peer else None
        below = own_y is not None and median_y is not None and own_y > median_y
        marks.append(
            Mark(
                x=_n(x),
                label=str(year),
                label_y=_n(HEIGHT - BOTTOM + 22),
                own_y=_n(own_y) if own_y is not None else None,
                own_text=number_text(value, decimals=decimals),
                own_text_y=(
                    _n(max(own_y + (22 if below else -12), TOP - 8)) if own_y is not None else None
                ),
                median_square={"x": _n(x - 5), "y": _n(median_y - 5)} if peer else None,
                median_text=number_text(peer.median, decimals=decimals) if peer else "",
                median_text_y=_n(median_y + (-12 if below else 22)) if peer else None,
                band=(
                    {
                        "x": _n(x - 12),
                        "y": _n(y_of(peer.q3)),
                        "width": "24",
                        "height": _n(max(y_of(peer.q1) - y_of(peer.q3), 1)),
                    }
                    if peer
                    else None
                ),
            )
        )
        if own_y is not None:
            own_points.append((x, own_y))
        if median_y is not None:
            median_points.append((x, median_y))
        parts = []
        if value is not None:
            parts.append((own_label or _("uw waarde")) + " " + figure_text(indicator, value))
        if peer:
            parts.append(
                _(
                    "mediaan %(group)s %(median)s (middelste helft %(q1)s tot %(q3)s, "
                    "%(count)s organisaties)"
                )
                % {
                    "group": group_label.lower(),
                    "median": figure_text(indicator, peer.median),
                    "q1": figure_text(indicator, peer.q1),
                    "q3": figure_text(indicator, peer.q3),
                    "count": peer.count,
                }
            )
        if parts:
            sentences.append(f"{year}: " + ", ".join(parts) + ".")
    target_marks = []
    for target in targets:
        x = x_of(target.year)
        y = y_of(target.value)
        text = _("doel %(year)s: %(value)s") % {
            "year": target.year,
            "value": figure_text(indicator, target.value),
        }
        target_marks.append(
            TargetMark(
                y=_n(y),
                x1=_n(LEFT - 10),
                x2=_n(x),
                flag=f"M {_n(x)} {_n(y - 7)} l 8 7 l -8 7 z",
                text=text,
                # Near the left edge the label goes right of the flag, else it would run off.
                text_x=_n(x + 12 if x < WIDTH / 2 else min(x, WIDTH - RIGHT) - 4),
                text_anchor="start" if x < WIDTH / 2 else "end",
                text_y=_n(y - 10 if y - 10 > TOP - 8 else y + 20),
            )
        )
        sentences.append(
            _("Landelijk doel: %(value)s in %(year)s.")
            % {"value": figure_text(indicator, target.value), "year": target.year}
        )
    if not sentences:
        sentences.append(_("Nog geen waarden."))
    tick_count = 5
    ticks = []
    for index in range(tick_count + 1):
        value = top * index / tick_count
        ticks.append(
            {
                "y": _n(y_of(value)),
                "label_y": _n(y_of(value) + 5),
                "label": number_text(value, decimals=0 if value == int(value) else 1),
            }
        )
    return IndicatorChart(
        width=WIDTH,
        height=HEIGHT,
        marks=marks,
        targets=target_marks,
        own_points=" ".join(f"{_n(x)},{_n(y)}" for x, y in own_points),
        median_points=" ".join(f"{_n(x)},{_n(y)}" for x, y in median_points),
        ticks=ticks,
        plot_left=_n(LEFT - 10),
        plot_right=_n(WIDTH - RIGHT + 20),
        description=" ".join(sentences),
        group_label=group_label,
    )
