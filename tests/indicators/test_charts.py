"""The indicator chart's geometry: axes that fit the figures, labels that stay on the canvas."""

from decimal import Decimal

import pytest

from learning.indicators.charts import HEIGHT, WIDTH, indicator_chart
from learning.monitor.aggregates import Distribution
from tests.indicators.fixtures import indicator

pytestmark = pytest.mark.django_db


def test_targets_and_values_fit_the_canvas():
    waste = indicator("restafval")  # targets 100 kg in 2020 and 30 kg in 2025
    chart = indicator_chart(
        indicator=waste,
        years=[2021, 2022, 2023],
        own={2021: Decimal("212.5"), 2023: Decimal("180")},
        peers={2021: Distribution(6, 120.0, 150.0, 190.0), 2022: None},
        targets=list(waste.targets.order_by("year")),
        group_label="Alle gemeenten",
    )
    assert [mark.label for mark in chart.marks] == ["2020", "2021", "2022", "2023", "2025"]
    for mark in chart.marks:
        assert 0 <= float(mark.x) <= WIDTH
        if mark.own_y:
            assert 0 <= float(mark.own_y) <= HEIGHT
    for target in chart.targets:
        assert 0 <= float(target.text_x) <= WIDTH
    assert chart.targets[0].text_anchor == "start"  # 2020, at the left edge
    assert chart.targets[1].text_anchor == "end"
    # Every figure in the description, rounded as in the table.
    assert "2021: uw waarde 212,5 kg, mediaan alle gemeenten 150,0 kg" in chart.description
    assert "Landelijk doel: 30,0 kg in 2025." in chart.description
    # The axis reaches past the highest figure.
    assert float(chart.ticks[-1]["y"]) < float(chart.marks[1].own_y)


def test_an_empty_chart_says_so():
    chart = indicator_chart(
        indicator=indicator("eigen-afval"),
        years=[],
        own={},
        peers={},
        targets=[],
        group_label="Alle gemeenten",
    )
    assert chart.marks == [] and chart.description == "Nog geen waarden."
