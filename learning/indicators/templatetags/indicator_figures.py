"""``{{ value|figure:indicator }}``: learning.indicators.figures.figure_text in a template, so a
table writes an indicator's figures exactly as its chart and the chart's description do."""

from django import template

from learning.indicators.figures import figure_text

register = template.Library()


@register.filter
def figure(value, indicator):
    return figure_text(indicator, value)
