"""One number formatter: rounded half away from zero, Dutch notation (learning.core.numbers)."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from learning.core.numbers import number_text


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (1.75, 1, "1,8"),  # number_format alone cut this to 1,7
        (2.25, 1, "2,3"),  # half away from zero, not to even
        (1.749, 1, "1,7"),
        (Decimal("61.25"), 1, "61,3"),
        (-0.04, 1, "0,0"),  # no "-0,0"
        (1234.5, 1, "1.234,5"),
        (3, 0, "3"),
        (0.825, 2, "0,83"),
        (None, 1, "–"),
        (float("nan"), 1, "–"),
    ],
)
def test_number_text(value, decimals, text):
    with translation.override("nl"):
        assert number_text(value, decimals=decimals) == text


def test_the_template_filter_writes_the_same():
    template = Template("{% load numbers %}{{ a|number }} {{ b|number:0 }} {{ c|number }}")
    with translation.override("nl"):
        assert template.render(Context({"a": 1.75, "b": 2.5, "c": None})) == "1,8 3 –"
