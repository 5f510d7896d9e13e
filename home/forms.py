from django import forms
from django.utils.translation import gettext_lazy as _

from learning.core.filtering import theme_choices
from learning.core.search import MAX_QUERY_LENGTH
from learning.core.search.registry import kind_choices


class SiteSearchForm(forms.Form):
    """The search page's GET form: the words, and optionally one kind and one theme.

    The words come in already made safe by ``search_terms`` (no NUL, at most
    MAX_QUERY_LENGTH characters); the kinds are those the apps registered."""

    q = forms.CharField(label=_("Zoeken op de site"), required=False, max_length=MAX_QUERY_LENGTH)
    soort = forms.ChoiceField(label=_("Soort"), required=False)
    thema = forms.ChoiceField(label=_("Thema"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})
        self.fields["soort"].choices = [("", _("Alle soorten")), *kind_choices()]
        self.fields["thema"].choices = theme_choices()
        self.fields["soort"].error_messages["invalid_choice"] = _("Kies een soort uit de lijst.")
        self.fields["thema"].error_messages["invalid_choice"] = _("Kies een thema uit de lijst.")
