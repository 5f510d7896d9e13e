from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PioneerContact


class PioneerContactViewSet(SnippetViewSet):
    """Which account receives "contact this pioneer" messages; the redactie links them, the
    pioneer switches messages off or on (Mijn meldingen)."""

    model = PioneerContact
    icon = "mail"
    menu_label = _("Contact met pioniers")
    menu_order = 320
    add_to_admin_menu = False
    list_display = ["profile", "user", BooleanColumn("accepts_messages")]
    search_fields = ["profile__title", "user__full_name", "user__email"]
    search_backend_name = None
    ordering = ["profile__title"]
    panels = [
        FieldPanel("profile", widget=forms.Select),
        FieldPanel("user", widget=forms.Select),
        FieldPanel("accepts_messages"),
    ]

    def get_queryset(self, request):
        return PioneerContact.objects.select_related("profile", "user")


register_snippet(PioneerContactViewSet)
