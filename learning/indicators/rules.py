"""What a value of an indicator may be: one place for the form, the service and the admin.

Returns Dutch messages per field instead of raising, so a form can put each on its field and
the service can refuse with the same words.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from learning.core.numbers import number_text

from .models import FIRST_YEAR, Indicator, Unit


def value_year_problem(year: int | None) -> str | None:
    """A year from FIRST_YEAR up to this year (Amsterdam time): no future, nothing absurd."""
    this_year = timezone.localdate().year
    if year is None:
        return _("Vul een jaar in.")
    if year > this_year:
        return _("Het jaar %(year)s is nog niet voorbij: vul een jaar tot en met %(this)s in.") % {
            "year": year,
            "this": this_year,
        }
    if year < FIRST_YEAR:
        return _("Vul een jaar vanaf %(first)s in.") % {"first": FIRST_YEAR}
    return None


def value_amount_problem(*, indicator: Indicator, value: Decimal | None) -> str | None:
    """Within the unit's bounds (no negative amounts, no percentage over 100, a step from 0 to
    5); whole numbers for counts and steps, at most two decimals (what is stored) otherwise."""
    rule = indicator.rule
    if value is None:
        return _("Vul een getal in.")
    if not value.is_finite():
        return _("Vul een getal in, bijvoorbeeld 42 of 42,5.")
    if value < rule.minimum:
        return _("Een waarde kan niet negatief zijn.")
    if value > rule.maximum:
        if indicator.unit == Unit.PERCENTAGE:
            return _("Een percentage is hoogstens 100.")
        if indicator.unit == Unit.STEP:
            return _("Kies een trede van 0 tot en met 5.")
        return _("Deze waarde is te groot: hoogstens %(max)s.") % {
            "max": number_text(rule.maximum, decimals=0)
        }
    if rule.decimals == 0 and value != value.to_integral_value():
        return _("Vul een heel getal in, zonder decimalen.")
    if value != value.quantize(Decimal("0.01")):
        return _("Vul hoogstens twee decimalen in.")
    return None


def value_problems(*, indicator: Indicator, year: int | None, value: Decimal | None) -> dict:
    """Field name → Dutch message for everything wrong with this value; empty when fine."""
    problems = {}
    if (message := value_year_problem(year)) is not None:
        problems["year"] = message
    if (message := value_amount_problem(indicator=indicator, value=value)) is not None:
        problems["value"] = message
    return problems
