from django import forms
from django.utils.translation import gettext_lazy as _

from learning.core.filtering import FilterForm, core_task_choices, theme_choices
from learning.core.search import MAX_QUERY_LENGTH
from learning.organisations.models import OrganisationKind

from .models import Province


class ProfileFilterForm(FilterForm):
    """The GET form above the profile index; every field is optional and they combine."""

    zoek = forms.CharField(
        label=_("Zoekterm"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text=_("Een naam, organisatie of woord uit het verhaal."),
        widget=forms.TextInput(attrs={"type": "search"}),
        error_messages={
            "max_length": _("Gebruik hoogstens %(limit_value)d tekens om te zoeken."),
        },
    )
    thema = forms.ChoiceField(label=_("Thema"), required=False)
    kerntaak = forms.ChoiceField(label=_("Kerntaak"), required=False)
    soort = forms.ChoiceField(
        label=_("Soort organisatie"),
        choices=[("", _("Alle soorten")), *OrganisationKind.choices],
        required=False,
    )
    provincie = forms.ChoiceField(
        label=_("Provincie"),
        choices=[("", _("Alle provincies")), *Province.choices],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thema"].choices = theme_choices()
        self.fields["thema"].error_messages["invalid_choice"] = _("Kies een thema uit de lijst.")
        self.fields["kerntaak"].choices = core_task_choices()
        self.fields["kerntaak"].error_messages["invalid_choice"] = _(
            "Kies een kerntaak uit de lijst."
        )
        self.fields["soort"].error_messages["invalid_choice"] = _(
            "Kies een soort organisatie uit de lijst."
        )
        self.fields["provincie"].error_messages["invalid_choice"] = _(
            "Kies een provincie uit de lijst."
        )

    def clean_zoek(self) -> str:
        return " ".join(self.cleaned_data["zoek"].split())

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "query": data["zoek"],
            "theme": data["thema"],
            "organisation_kind": data["soort"],
            "province": data["provincie"],
            "core_task": data["kerntaak"],
        }
