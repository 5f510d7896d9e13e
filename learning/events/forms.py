from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from learning.core.models import Theme
from learning.masterclasses.models import Audience

# The agenda's month filter: wide enough for any real agenda, narrow enough for the database.
MIN_YEAR, MAX_YEAR = 2000, 2100


class AgendaFilterForm(forms.Form):
    KIND_CHOICES = [
        ("", _("Alles")),
        ("masterclass", _("Masterclasses")),
        ("bijeenkomst", _("Bijeenkomsten")),
    ]
    soort = forms.ChoiceField(label=_("Soort"), choices=KIND_CHOICES, required=False)
    doelgroep = forms.ChoiceField(
        label=_("Doelgroep"),
        choices=[("", _("Alle doelgroepen")), *Audience.choices],
        required=False,
    )
    thema = forms.ChoiceField(label=_("Thema"), required=False)
    maand = forms.CharField(
        label=_("Maand"),
        required=False,
        help_text=_("Bijvoorbeeld 2026-12"),
        widget=forms.TextInput(attrs={"type": "month"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thema"].choices = [
            ("", _("Alle thema's")),
            *Theme.objects.values_list("slug", "name"),
        ]

    def clean_maand(self) -> date | None:
        value = self.cleaned_data["maand"].strip()
        if not value:
            return None
        try:
            year, month = (int(part) for part in value.split("-"))
            if not MIN_YEAR <= year <= MAX_YEAR:
                raise ValueError(year)
            return date(year, month, 1)
        except (ValueError, OverflowError) as error:
            raise forms.ValidationError(
                _("Vul een maand in als jaar-maand, bijvoorbeeld 2026-12."), code="invalid"
            ) from error


class HandoverForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres van uw collega"),
        error_messages={
            "required": _("Vul het e-mailadres van uw collega in."),
            "invalid": _("Vul een e-mailadres in zoals naam@gemeente.nl."),
        },
    )


class EventMessageForm(forms.Form):
    subject = forms.CharField(label=_("Onderwerp"), max_length=150)
    body = forms.CharField(label=_("Bericht"), widget=forms.Textarea, max_length=5000)


class CoordinatorReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        max_length=500,
        error_messages={"required": _("Geef een reden op; die komt in het logboek.")},
    )
    position = forms.IntegerField(
        label=_("Nieuwe plek op de wachtlijst"), min_value=1, required=False
    )
