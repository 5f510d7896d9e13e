"""``{{ value|number }}`` and ``{{ value|number:0 }}``: learning.core.numbers.number_text in a
template, so tables write figures exactly as the charts beside them do."""

from django import template

from learning.core.numbers import number_text

register = template.Library()


@register.filter
def number(value, decimals=1):
    try:
        decimals = int(decimals)
    except (TypeError, ValueError):
        decimals = 1
    return number_text(value, decimals=decimals)
