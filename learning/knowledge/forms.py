from django import forms
from django.utils.translation import gettext_lazy as _

from learning.core.filtering import FilterForm, core_task_choices, theme_choices
from learning.core.models import Theme
from learning.core.search import MAX_QUERY_LENGTH
from learning.organisations.models import Organisation, OrganisationKind

from .models import ArticleKind, InitiativeKind
from .services.questions import ANSWER_MAX_LENGTH, ANSWER_MIN_LENGTH


class ArticleFilterForm(FilterForm):
    zoek = forms.CharField(label=_("Zoeken"), required=False, max_length=MAX_QUERY_LENGTH)
    thema = forms.ChoiceField(label=_("Thema"), required=False)
    soort = forms.ChoiceField(
        label=_("Soort"),
        required=False,
        choices=[("", _("Artikelen en praktijkvoorbeelden")), *ArticleKind.choices],
    )

    kerntaak = forms.ChoiceField(label=_("Kerntaak"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thema"].choices = theme_choices()
        self.fields["kerntaak"].choices = core_task_choices()

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "theme": data["thema"],
            "kind": data["soort"],
            "core_task": data["kerntaak"],
            "query": data["zoek"].strip(),
        }


class DirectoryFilterForm(FilterForm):
    zoek = forms.CharField(label=_("Zoeken"), required=False, max_length=MAX_QUERY_LENGTH)
    soort = forms.ChoiceField(
        label=_("Soort"),
        required=False,
        choices=[("", _("Alle soorten")), *InitiativeKind.choices],
    )
    provincie = forms.ModelChoiceField(
        label=_("Provincie"),
        required=False,
        queryset=Organisation.objects.filter(kind=OrganisationKind.PROVINCIE).order_by("name"),
        to_field_name="cbs_code",
        empty_label=_("Alle provincies"),
    )
    thema = forms.ChoiceField(label=_("Thema"), required=False)
    kerntaak = forms.ChoiceField(label=_("Kerntaak"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thema"].choices = theme_choices()
        self.fields["kerntaak"].choices = core_task_choices()
        self.fields["kerntaak"].error_messages["invalid_choice"] = _(
            "Kies een kerntaak uit de lijst."
        )

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["soort"],
            "province": data["provincie"],
            "theme": data["thema"],
            "core_task": data["kerntaak"],
            "query": data["zoek"].strip(),
        }


class QuestionFilterForm(FilterForm):
    zoek = forms.CharField(
        label=_("Zoeken in de vragen"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    thema = forms.ChoiceField(label=_("Thema"), required=False)
    kerntaak = forms.ChoiceField(label=_("Kerntaak"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thema"].choices = theme_choices()
        self.fields["thema"].error_messages["invalid_choice"] = _("Kies een thema uit de lijst.")
        self.fields["kerntaak"].choices = core_task_choices()
        self.fields["kerntaak"].error_messages["invalid_choice"] = _(
            "Kies een kerntaak uit de lijst."
        )

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "theme": data["thema"],
            "core_task": data["kerntaak"],
            "query": " ".join(data["zoek"].split()),
        }


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Uw antwoord"),
        min_length=ANSWER_MIN_LENGTH,
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Schrijf het antwoord zoals u het een collega zou uitleggen. Gewone tekst; een lege "
            "regel begint een nieuwe alinea. Maximaal 3.000 tekens."
        ),
        error_messages={
            "required": _("Schrijf uw antwoord."),
            "min_length": _("Schrijf een antwoord van minstens %(limit_value)d tekens."),
            "max_length": _("Houd het antwoord onder de %(limit_value)d tekens."),
        },
    )
    consent = forms.BooleanField(
        label=_(
            "Ik geef de redactie toestemming dit antwoord, na beoordeling en eventueel "
            "ingekort, bij de vraag te publiceren."
        ),
        error_messages={"required": _("Geef toestemming om het antwoord te publiceren.")},
    )


class PracticeExampleForm(forms.Form):
    title = forms.CharField(
        label=_("Titel"),
        max_length=160,
        help_text=_("Wat deed u? Bijvoorbeeld: Circulair meubilair voor het stadskantoor."),
    )
    organisation_name = forms.CharField(
        label=_("Organisatie"),
        max_length=150,
        help_text=_("De gemeente, provincie of het waterschap waar het gebeurde."),
    )
    situation = forms.CharField(
        label=_("Situatie"),
        max_length=1200,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat was de vraag of het probleem? Maximaal 1.200 tekens."),
    )
    approach = forms.CharField(
        label=_("Aanpak"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Wat heeft u gedaan, met wie, en wat zou u anders doen? Maximaal 2.000 tekens."
        ),
    )
    result = forms.CharField(
        label=_("Resultaat"),
        max_length=1200,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bij voorkeur in cijfers: tonnen, euro's, procenten. Niet verplicht."),
    )
    contact = forms.CharField(
        label=_("Contact"),
        max_length=200,
        required=False,
        help_text=_(
            "Naam en e-mailadres van wie collega's kunnen bellen of mailen. Niet verplicht."
        ),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"),
        required=False,
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    consent = forms.BooleanField(
        label=_(
            "Ik geef de redactie toestemming dit voorbeeld, na beoordeling en eventueel "
            "ingekort, in de kennisbank te publiceren."
        ),
    )
