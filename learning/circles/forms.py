from django import forms
from django.utils.translation import gettext_lazy as _

from .services import MOTIVATION_MAX_LENGTH


class ApplyForm(forms.Form):
    motivation = forms.CharField(
        label=_("Waarom wilt u meedoen?"),
        help_text=_(
            "Een paar zinnen over uw werk en het circulaire project dat u wilt inbrengen. "
            "De coördinator leest dit bij het beoordelen."
        ),
        max_length=MOTIVATION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Schrijf kort waarom u mee wilt doen.")},
    )


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres"),
        help_text=_("De persoon krijgt een e-mail met een link; met een account wordt hij lid."),
        error_messages={
            "required": _("Vul het e-mailadres in van wie u wilt uitnodigen."),
            "invalid": _("Vul een e-mailadres in zoals naam@gemeente.nl."),
        },
    )


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Toelichting (optioneel)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Komt in het logboek en in de e-mail aan de aanvrager."),
    )
