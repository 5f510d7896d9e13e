"""How an indicator's figure is written everywhere: learning.core.numbers (rounded, Dutch) with
the unit's decimals and symbol, so the chart, its description, the tables and the messages
agree."""

from learning.core.numbers import number_text

from .models import Indicator


def figure_text(indicator: Indicator, value) -> str:
    """A value with the unit's decimals and symbol ("45,0 %", "112,5 kg", "3"); "–" for none."""
    rule = indicator.rule
    text = number_text(value, decimals=rule.decimals)
    if value is None or not rule.symbol:
        return text
    return f"{text} {rule.symbol}"
