from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from learning.core.filtering import FilterForm, theme_choices

from .agenda_filters import agenda_filters

# The agenda's month filter: wide enough for any real agenda, narrow enough for the database.
MIN_YEAR, MAX_YEAR = 2000, 2100


class AgendaFilterForm(FilterForm):
    """The agenda's filters (page and feed), plus those other apps register (agenda_filters)."""

    KIND_CHOICES = [
        ("", _("Alles")),
        ("masterclass", _("Masterclasses")),
        ("bijeenkomst", _("Bijeenkomsten")),
    ]
    soort = forms.ChoiceField(label=_("Soort"), choices=KIND_CHOICES, required=False)
    thema = forms.ChoiceField(label=_("Thema"), required=False)
    maand = forms.CharField(
        label=_("Maand"),
        required=False,
        help_text=_("Bijvoorbeeld 2026-12"),
        widget=forms.TextInput(attrs={"type": "month"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thema"].choices = theme_choices()
        self.registered = [agenda_filter.parameter for agenda_filter in agenda_filters()]
        fields = list(self.fields.items())
        for agenda_filter in agenda_filters():
            names = [name for name, _field in fields]
            position = names.index(agenda_filter.after) + 1 if agenda_filter.after else len(names)
            fields.insert(position, (agenda_filter.parameter, agenda_filter.field()))
        self.fields = dict(fields)

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["soort"],
            "theme": data["thema"],
            "month": data["maand"],
            # Only the chosen ones, so that an unused registered filter changes nothing.
            "extra": {name: data[name] for name in self.registered if data[name]},
        }

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
    """A message to an event's participants. ``token`` is made when the form is first shown
    and goes along with every step: the send happens once per token (a double submit, or
    the browser's "resend", queues nothing a second time)."""

    subject = forms.CharField(label=_("Onderwerp"), max_length=150)
    body = forms.CharField(label=_("Bericht"), widget=forms.Textarea, max_length=5000)
    token = forms.RegexField(
        regex=r"^[0-9a-f]{32}$",
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Dit formulier is verlopen. Open het opnieuw."),
            "invalid": _("Dit formulier is verlopen. Open het opnieuw."),
        },
    )


class CoordinatorReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        max_length=500,
        error_messages={"required": _("Geef een reden op; die komt in het logboek.")},
    )
    position = forms.IntegerField(
        label=_("Nieuwe plek op de wachtlijst"), min_value=1, required=False
    )
