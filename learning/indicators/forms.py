"""The form for one value of an indicator: year, value, source; Dutch messages per field."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Indicator, IndicatorValue
from .rules import value_amount_problem, value_year_problem


class IndicatorValueForm(forms.Form):
    """Accepts a Dutch decimal comma ("42,5") as well as a dot; the bounds come from the
    indicator's unit (rules.py), the same ones the service checks."""

    year = forms.IntegerField(
        label=_("Jaar"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 6}),
        error_messages={
            "required": _("Vul een jaar in."),
            "invalid": _("Vul een jaar in cijfers in, bijvoorbeeld 2024."),
        },
    )
    value = forms.CharField(
        label=_("Waarde"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 12}),
        error_messages={
            "required": _("Vul een getal in."),
            "max_length": _("Dit getal is te lang: gebruik hoogstens %(limit_value)d tekens."),
        },
    )
    source_note = forms.CharField(
        label=_("Bron"),
        max_length=IndicatorValue._meta.get_field("source_note").max_length,
        help_text=_("Waar komt dit getal vandaan? Bijvoorbeeld: afvalstoffenmonitor CBS 2024."),
        error_messages={
            "required": _("Vermeld de bron van deze waarde."),
            "max_length": _("Houd de bron korter dan %(limit_value)d tekens."),
        },
    )
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        required=False,
        min_value=0,
        max_value=2**31 - 1,
        error_messages={
            key: _("Dit formulier is niet geldig meer. Laad de pagina opnieuw.")
            for key in ("invalid", "min_value", "max_value")
        },
    )

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["value"].label = _("Waarde (%(unit)s)") % {"unit": indicator.get_unit_display()}

    def clean_year(self):
        year = self.cleaned_data["year"]
        if (problem := value_year_problem(year)) is not None:
            raise forms.ValidationError(problem)
        return year

    def clean_value(self):
        raw = self.cleaned_data["value"].strip().replace(" ", "").replace("%", "")
        # "1.234,5" and "1234,5" are Dutch; "1234.5" is read as a decimal point.
        if "," in raw:
            raw = raw.replace(".", "").replace(",", ".")
        try:
            value = Decimal(raw)
        except (InvalidOperation, ValueError):
            raise forms.ValidationError(
                _("Vul een getal in, bijvoorbeeld 42 of 42,5."), code="invalid"
            ) from None
        if (problem := value_amount_problem(indicator=self.indicator, value=value)) is not None:
            raise forms.ValidationError(problem)
        return value


def value_input(*, indicator: Indicator, value) -> str:
    """A stored value as the form shows it again: Dutch comma, no grouping, the unit's
    decimals (or two when the value has them)."""
    decimals = indicator.rule.decimals
    if value != value.quantize(Decimal(1).scaleb(-decimals)):
        decimals = 2
    return f"{value:.{decimals}f}".replace(".", ",")
