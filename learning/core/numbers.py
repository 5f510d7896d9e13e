"""The one way the site writes a figure: in charts, their text alternatives, tables and pages.

Django's ``number_format`` cuts decimals off (1.75 → "1,7") where the ``floatformat`` filter
rounds (1.75 → "1,8"), so a chart and the table beside it disagreed. ``number_text`` rounds
half away from zero first (as ``floatformat`` and Excel do) and then writes the number the
Dutch way (decimal comma, thousands with a dot), so every place shows the same figure.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.formats import number_format

EMPTY = "–"


def number_rounded(value, *, decimals: int = 1) -> Decimal | None:
    """``value`` rounded half away from zero to ``decimals`` places (None stays None)."""
    if value is None:
        return None
    try:
        exact = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not exact.is_finite():
        return None
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    # No "-0,0" for a value that rounds to zero.
    return rounded.copy_abs() if rounded.is_zero() else rounded


def number_text(value, *, decimals: int = 1, empty: str = EMPTY) -> str:
    """``value`` rounded to ``decimals`` places in Dutch notation; ``empty`` for no value."""
    rounded = number_rounded(value, decimals=decimals)
    if rounded is None:
        return empty
    return number_format(rounded, decimal_pos=decimals, use_l10n=True, force_grouping=True)
