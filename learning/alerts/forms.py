from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Frequency
from .services import CONTACT_MESSAGE_MAX_LENGTH


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("Hoe vaak wilt u e-mail over wat u volgt?"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Alleen als er iets nieuws is. U kunt zich in elke e-mail met één klik afmelden."
        ),
    )


class FollowForm(forms.Form):
    kind = forms.SlugField(max_length=30)
    object_id = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    action = forms.ChoiceField(choices=[("follow", "follow"), ("unfollow", "unfollow")])


class PioneerContactSettingForm(forms.Form):
    accepts_messages = forms.BooleanField(
        label=_("Collega's mogen mij via het platform een bericht sturen"),
        required=False,
        help_text=_("Uw e-mailadres ziet niemand; u kunt zelf kiezen of u antwoordt."),
    )


class ContactForm(forms.Form):
    message = forms.CharField(
        label=_("Uw bericht"),
        max_length=CONTACT_MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "De pionier krijgt uw bericht met uw naam, organisatie en e-mailadres, zodat hij "
            "of zij u kan antwoorden. U krijgt zelf een kopie."
        ),
    )
