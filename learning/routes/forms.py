"""Forms of the route: they check input and turn it into the services' inputs, in Dutch."""

from django import forms
from django.utils.translation import gettext_lazy as _

from learning.core.models import Theme

from .models import SCORE_LABELS, ActionStatus, ActionType, Analysis
from .selectors import LinkChoices
from .services import LINK_FIELDS, ActionInput, OpportunityInput

SCORE_CHOICES = [(score, label) for score, label in SCORE_LABELS.items()]


class BaselineForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    raw_materials = forms.CharField(
        label=Analysis.RAW_MATERIALS.label,
        required=False,
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Welke grondstoffen en materialen gebruikt uw organisatie, hoeveel, en waar "
            "komen ze vandaan?"
        ),
    )
    procurement = forms.CharField(
        label=Analysis.PROCUREMENT.label,
        required=False,
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Wat koopt uw organisatie in, voor hoeveel, en waar zit de grootste invloed?"),
    )
    staff_awareness = forms.CharField(
        label=Analysis.STAFF_AWARENESS.label,
        required=False,
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Hoe bekend zijn medewerkers, bestuur en politiek met circulair werken?"),
    )

    def texts(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            Analysis.RAW_MATERIALS: data["raw_materials"],
            Analysis.PROCUREMENT: data["procurement"],
            Analysis.STAFF_AWARENESS: data["staff_awareness"],
        }


class DocumentForm(forms.Form):
    analysis = forms.ChoiceField(label=_("Bij welke analyse"), choices=Analysis.choices)
    title = forms.CharField(
        label=_("Titel"), max_length=150, required=False, help_text=_("Leeg: de bestandsnaam.")
    )
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_("PDF, tekstdocument, spreadsheet of presentatie, hoogstens 20 MB."),
    )


class OpportunityForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    title = forms.CharField(label=_("Kans"), max_length=150)
    description = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    theme = forms.ModelChoiceField(
        label=_("Thema"),
        queryset=Theme.objects.all(),
        required=False,
        empty_label=_("(geen thema)"),
    )
    impact = forms.TypedChoiceField(
        label=_("Impact"),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("Hoeveel draagt deze kans bij aan een circulaire economie?"),
    )
    influence = forms.TypedChoiceField(
        label=_("Invloed van uw organisatie"),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("Op eigen inkoop is de invloed groot, op inwoners en bedrijven kleiner."),
    )

    def data_input(self) -> OpportunityInput:
        data = self.cleaned_data
        return OpportunityInput(
            title=data["title"],
            description=data["description"],
            theme_id=data["theme"].pk if data["theme"] else None,
            impact=data["impact"],
            influence=data["influence"],
        )


LINK_LABELS = {
    "policy_goals": _("Beleidsdoelen om over te nemen"),
    "guide_steps": _("Stappen uit de handreiking"),
    "practice_examples": _("Praktijkvoorbeelden"),
    "profiles": _("Pioniers"),
    "masterclasses": _("Komende masterclasses"),
    "circles": _("Leerkringen"),
}


class ActionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    title = forms.CharField(label=_("Actie"), max_length=200)
    description = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    action_type = forms.ChoiceField(
        label=_("Soort actie"), choices=ActionType.choices, widget=forms.RadioSelect
    )
    owner = forms.CharField(
        label=_("Eigenaar"),
        max_length=150,
        help_text=_("Een rol, bijvoorbeeld 'Inkoopadviseur' of 'Wethouder duurzaamheid'."),
    )
    starts_on = forms.DateField(label=_("Start"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(
        label=_("Einde"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    opportunity = forms.TypedChoiceField(
        label=_("Kans die deze actie dient"), coerce=int, required=False, empty_value=None
    )
    shared_in_region = forms.BooleanField(
        label=_("Delen in de regionale agenda (de provincie en haar gemeenten)"), required=False
    )

    def __init__(self, *args, opportunities=(), links: LinkChoices | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opportunity"].choices = [("", _("(geen kans)"))] + [
            (o.pk, o.title) for o in opportunities
        ]
        links = links or LinkChoices()
        for name in LINK_FIELDS:
            if not getattr(links, name):
                continue  # nothing to link to: no empty fieldset
            self.fields[name] = forms.TypedMultipleChoiceField(
                label=LINK_LABELS[name],
                choices=getattr(links, name),
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("De einddatum ligt voor de startdatum."))
        return data

    def main_fields(self):
        return [field for field in self.visible_fields() if field.name not in LINK_FIELDS]

    def link_fields(self):
        return [self[name] for name in LINK_FIELDS if name in self.fields]

    def data_input(self) -> ActionInput:
        data = self.cleaned_data
        return ActionInput(
            title=data["title"],
            description=data["description"],
            action_type=data["action_type"],
            owner=data["owner"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            status=data["status"],
            opportunity_id=data["opportunity"],
            shared_in_region=data["shared_in_region"],
            links={name: data.get(name, []) for name in LINK_FIELDS},
        )


class EditorRemoveForm(forms.Form):
    user = forms.IntegerField(min_value=1)


class AdoptForm(forms.Form):
    key = forms.CharField(max_length=40)


class DeleteForm(forms.Form):
    version = forms.IntegerField(min_value=0)
