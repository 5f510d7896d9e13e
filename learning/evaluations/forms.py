"""The evaluation form on the site, made from a survey's questions."""

from django import forms
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from .models import QuestionKind
from .questions import RATINGS
from .services import TEXT_MAX_LENGTH

RATING_LABELS = {
    1: _("1 – slecht"),
    2: _("2 – matig"),
    3: _("3 – voldoende"),
    4: _("4 – goed"),
    5: _("5 – uitstekend"),
}


def _field(question: dict) -> forms.Field:
    label, required = question["label"], question["required"]
    # Escaped here: includes/form_field_help.html renders help texts as HTML, and this one is
    # the plain text of whoever keeps the question forms (coordinators, editors).
    help_text = escape(question["help_text"])
    kind = question["kind"]
    if kind == QuestionKind.RATING:
        return forms.TypedChoiceField(
            label=label,
            required=required,
            coerce=int,
            empty_value=None,
            choices=[(value, RATING_LABELS[value]) for value in RATINGS],
            widget=forms.RadioSelect,
            help_text=help_text,
            error_messages={
                "required": _("Kies een cijfer bij “%(label)s”.") % {"label": label},
                "invalid_choice": _("Kies een cijfer van 1 tot 5 bij “%(label)s”.")
                % {"label": label},
            },
        )
    if kind == QuestionKind.CHOICE:
        return forms.ChoiceField(
            label=label,
            required=required,
            choices=[(choice, choice) for choice in question["choices"]],
            widget=forms.RadioSelect,
            help_text=help_text,
            error_messages={
                "required": _("Maak een keuze bij “%(label)s”.") % {"label": label},
                "invalid_choice": _("Kies een van de keuzes bij “%(label)s”.") % {"label": label},
            },
        )
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=help_text or _("Hoogstens %(max)s tekens.") % {"max": TEXT_MAX_LENGTH},
        error_messages={
            "required": _("Beantwoord de vraag “%(label)s”.") % {"label": label},
            "max_length": _("Uw antwoord op “%(label)s” is te lang: hoogstens %(max)s tekens.")
            % {"label": label, "max": TEXT_MAX_LENGTH},
        },
    )


class EvaluationAnswerForm(forms.Form):
    def __init__(self, *args, questions: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        for question in questions:
            self.fields[question["key"]] = _field(question)
        self.fields["named"] = forms.BooleanField(
            label=_("Mijn naam mag bij mijn antwoorden staan"),
            required=False,
            help_text=_(
                "Zonder vinkje ziet de organisator uw antwoorden zonder uw naam, en alleen "
                "samen met die van minstens vier anderen."
            ),
        )

    def answers(self) -> dict:
        return {key: value for key, value in self.cleaned_data.items() if key != "named"}
