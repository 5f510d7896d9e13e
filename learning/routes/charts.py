"""The opportunity map as a 3×3 SVG: influence from left to right, impact from bottom to top.

Each opportunity is a numbered marker in its cell; the numbers are those of the data table
beside the chart, which holds every figure, so nothing depends on seeing the shapes. The same
SVG goes into the page, the PDF and the ODT (``opportunity_map_svg``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .models import SCORE_LABELS, SCORE_MAX, Opportunity

LEFT = 110  # room for the impact labels
TOP = 16
CELL_WIDTH = 170
CELL_HEIGHT = 110
BOTTOM = 64  # room for the influence labels
MARKER_RADIUS = 13
PER_ROW = 5  # markers side by side in a cell


def _n(value: float) -> str:
    """A coordinate for SVG: a dot as decimal separator, whatever the language."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Marker:
    number: int
    x: str
    y: str
    text_y: str


@dataclass(frozen=True)
class Cell:
    x: str
    y: str
    fill: str


@dataclass(frozen=True)
class OpportunityMap:
    width: int
    height: int
    cells: list[Cell]
    markers: list[Marker]
    x_labels: list[dict]
    y_labels: list[dict]
    axis_x: dict
    axis_y: dict
    description: str
    cell_width: int = CELL_WIDTH
    cell_height: int = CELL_HEIGHT


# Darker where impact and influence are both high: the quick wins. Shapes carry the meaning.
FILLS = {2: "#f4f6f5", 3: "#f4f6f5", 4: "#e3eeea", 5: "#cfe3dc", 6: "#b9d7cc"}


def opportunity_map(opportunities: list[Opportunity]) -> OpportunityMap:
    """Markers numbered in the order of ``opportunities`` (the table's order)."""
    cells = []
    for impact in range(1, SCORE_MAX + 1):
        for influence in range(1, SCORE_MAX + 1):
            cells.append(
                Cell(
                    x=_n(LEFT + (influence - 1) * CELL_WIDTH),
                    y=_n(TOP + (SCORE_MAX - impact) * CELL_HEIGHT),
                    fill=FILLS[impact + influence],
                )
            )
    placed: dict[tuple[int, int], int] = {}
    markers = []
    for number, opportunity in enumerate(opportunities, start=1):
        key = (opportunity.impact, opportunity.influence)
        index = placed.get(key, 0)
        placed[key] = index + 1
        column, row = index % PER_ROW, index // PER_ROW
        x = LEFT + (opportunity.influence - 1) * CELL_WIDTH + 22 + column * 31
        y = TOP + (SCORE_MAX - opportunity.impact) * CELL_HEIGHT + 22 + (row % 3) * 31
        markers.append(Marker(number=number, x=_n(x), y=_n(y), text_y=_n(y + 4.5)))
    width = LEFT + SCORE_MAX * CELL_WIDTH + 4
    height = TOP + SCORE_MAX * CELL_HEIGHT + BOTTOM
    x_labels = [
        {
            "x": _n(LEFT + (score - 0.5) * CELL_WIDTH),
            "y": _n(TOP + SCORE_MAX * CELL_HEIGHT + 20),
            "text": str(SCORE_LABELS[score]),
        }
        for score in range(1, SCORE_MAX + 1)
    ]
    y_labels = [
        {
            "x": _n(LEFT - 10),
            "y": _n(TOP + (SCORE_MAX - score + 0.5) * CELL_HEIGHT + 5),
            "text": str(SCORE_LABELS[score]),
        }
        for score in range(1, SCORE_MAX + 1)
    ]
    description = "; ".join(
        _("%(number)s. %(title)s: impact %(impact)s, invloed %(influence)s")
        % {
            "number": number,
            "title": opportunity.title,
            "impact": SCORE_LABELS[opportunity.impact],
            "influence": SCORE_LABELS[opportunity.influence],
        }
        for number, opportunity in enumerate(opportunities, start=1)
    ) or _("Nog geen kansen.")
    return OpportunityMap(
        width=width,
        height=height,
        cells=cells,
        markers=markers,
        x_labels=x_labels,
        y_labels=y_labels,
        axis_x={
            "x": _n(LEFT + SCORE_MAX * CELL_WIDTH / 2),
            "y": _n(TOP + SCORE_MAX * CELL_HEIGHT + 46),
            "text": _("Invloed van de organisatie →"),
        },
        axis_y={
            "x": _n(18),
            "y": _n(TOP + SCORE_MAX * CELL_HEIGHT / 2),
            "text": _("Impact →"),
        },
        description=description,
    )


def opportunity_map_svg(chart: OpportunityMap, *, id_prefix: str = "kansenkaart") -> str:
    """The chart as a standalone SVG document (for the page, the PDF and the ODT)."""
    return render_to_string(
        "routes/includes/opportunity_map.svg", {"chart": chart, "id_prefix": id_prefix}
    )
