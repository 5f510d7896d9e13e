from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from learning.events.models import EventPage

from .blocks import MaterialsBlock

DEFAULT_ORGANISATION_LIMIT = 3


class Audience(models.TextChoices):
    BESTUUR = "bestuur", _("Bestuur")
    BELEID = "beleid", _("Beleid")
    UITVOERING = "uitvoering", _("Uitvoering en inkoop")
    GEMENGD = "gemengd", _("Gemengd")


class ProgrammePage(RoutablePageMixin, Page):
    """A series of masterclasses, often closed by an event open to all municipalities.

    People enrol in the whole series at ``<page-url>aanmelden/`` (services.programme_enrol);
    ``organisation_limit`` holds for the masterclasses together (the programme's row is the
    lock taken before theirs: learning.events.seat_groups, registered in apps.py).
    """

    intro = models.TextField(_("introductie"), max_length=500)
    body = RichTextField(_("tekst"), blank=True, features=["bold", "italic", "link", "ul", "ol"])
    themes = ParentalManyToManyField("core.Theme", verbose_name=_("thema's"), blank=True)
    organisation_limit = models.PositiveSmallIntegerField(
        _("maximaal aantal deelnemers per organisatie voor de hele reeks"),
        null=True,
        blank=True,
        help_text=_(
            "Zoveel verschillende mensen van één organisatie kunnen samen een plek hebben in de "
            "masterclasses van deze reeks (wie er al een heeft, kan er meer krijgen). Het "
            "maximum per masterclass blijft daarnaast gelden. Leeg laten voor geen maximum."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("organisation_limit"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["home.HomePage", "events.EventIndexPage"]
    subpage_types = ["masterclasses.MasterclassPage", "events.EventPage"]

    class Meta:
        verbose_name = _("programma")
        verbose_name_plural = _("programma's")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # One query: the series' events (masterclasses and the closing event), in date order.
        context["sessions"] = list(
            EventPage.objects.child_of(self)
            .live()
            .public()
            .select_related("masterclasspage")
            .order_by("starts_at")
        )
        return context

    @path("aanmelden/")
    def enrol(self, request):
        from . import views

        return views.programme_enrol(request, self)


class MasterclassPage(EventPage):
    """One masterclass of a programme, aimed at one audience; at most three per organisation."""

    audience = models.CharField(_("doelgroep"), max_length=20, choices=Audience.choices)
    trainers = models.CharField(
        _("trainer(s)"),
        max_length=255,
        help_text=_("Namen en organisaties, gescheiden door komma's."),
    )
    materials = StreamField(MaterialsBlock(), verbose_name=_("materiaal"), blank=True)

    content_panels = EventPage.content_panels[:2] + [
        FieldPanel("audience"),
        FieldPanel("trainers"),
        *EventPage.content_panels[2:],
        FieldPanel("materials"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Inhoud")),
            ObjectList(EventPage.registration_panels, heading=_("Aanmelden")),
            ObjectList(Page.promote_panels, heading=_("Promotie")),
            ObjectList(Page.settings_panels, heading=_("Instellingen")),
        ]
    )
    parent_page_types = ["masterclasses.ProgrammePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("masterclass")
        verbose_name_plural = _("masterclasses")

    def __init__(self, *args, **kwargs):
        # A new masterclass starts with the programme's rule of three per organisation;
        # rows loaded from the database come in as positional arguments and keep their value.
        if not args:
            kwargs.setdefault("organisation_limit", DEFAULT_ORGANISATION_LIMIT)
        super().__init__(*args, **kwargs)
