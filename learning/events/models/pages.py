"""The agenda and its events: the pages editors make, with the fields that registration reads."""

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from learning.accounts.models import JobRole
from learning.calendar.models import (
    CALENDAR_BOOKKEEPING_FIELDS,
    CalendarItem,
    calendar_bookkeeping_copy,
    calendar_bookkeeping_live,
)
from learning.calendar.routes import PageFeedRoute
from learning.core.blocks import BaseStreamBlock
from learning.organisations.models import OrganisationKind

from ..fields import MultipleChoiceJSONField
from .sessions import EventPageForm


class PromotionMode(models.TextChoices):
    DIRECT = "direct", _("Direct een plek geven")
    OFFER = "offer", _("Een plek aanbieden die de deelnemer moet accepteren")


class EventIndexPage(RoutablePageMixin, Page):
    """The agenda: upcoming events and masterclasses, with filters; past events apart."""

    intro = models.TextField(_("introductie"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("agenda")

    @path("")
    def upcoming(self, request):
        from .. import views

        return views.agenda(request, self, past=False)

    @path("afgelopen/")
    def past(self, request):
        from .. import views

        return views.agenda(request, self, past=True)


class EventPage(RoutablePageMixin, PageFeedRoute, CalendarItem, Page):
    """A gathering people register for; the base of masterclasses as well. Time, place and
    calendar bookkeeping: learning.calendar.models.CalendarItem."""

    intro = models.TextField(_("introductie"), max_length=500)
    online_url = models.URLField(
        _("link voor online deelname"),
        blank=True,
        help_text=_("Alleen zichtbaar voor bevestigde deelnemers."),
    )
    themes = ParentalManyToManyField("core.Theme", verbose_name=_("thema's"), blank=True)
    capacity = models.PositiveIntegerField(_("aantal plaatsen"), default=30)
    organisation_limit = models.PositiveSmallIntegerField(
        _("maximum per organisatie"),
        null=True,
        blank=True,
        help_text=_("Leeg laten voor geen maximum per organisatie."),
    )
    registration_opens_at = models.DateTimeField(_("aanmelden kan vanaf"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("aanmelden kan tot"), null=True, blank=True)
    cancellation_deadline = models.DateTimeField(
        _("afmelden kan tot"),
        null=True,
        blank=True,
        help_text=_("Daarna kan alleen de coördinator nog afmelden. Leeg: tot de start."),
    )
    allowed_roles = MultipleChoiceJSONField(
        _("alleen voor deze rollen"),
        item_choices=JobRole.choices,
        help_text=_("Niets aangevinkt: iedereen."),
    )
    allowed_organisation_kinds = MultipleChoiceJSONField(
        _("alleen voor deze soorten organisaties"),
        item_choices=OrganisationKind.choices,
        help_text=_("Niets aangevinkt: alle overheden."),
    )
    promotion_mode = models.CharField(
        _("als er een plek vrijkomt"),
        max_length=10,
        choices=PromotionMode.choices,
        default=PromotionMode.DIRECT,
    )
    offer_hours = models.PositiveSmallIntegerField(
        _("bedenktijd bij een aanbod (uren)"), default=48
    )
    programme = StreamField(BaseStreamBlock(), verbose_name=_("programma"), blank=True)
    organiser_name = models.CharField(_("organisator"), max_length=150, blank=True)
    organiser_email = models.EmailField(_("e-mailadres organisator"), blank=True)
    cancelled = models.BooleanField(
        _("gaat niet door"), default=False, help_text=_("De bijeenkomst is geannuleerd.")
    )
    checkin_opens_minutes = models.PositiveSmallIntegerField(
        _("inchecken kan vanaf (minuten vóór de start)"),
        default=60,
        help_text=_(
            "Zoveel minuten vóór de start opent het incheckscherm; het sluit aan het einde van "
            "de (laatste) dag van de bijeenkomst."
        ),
    )
    all_day = models.BooleanField(
        _("hele dag"),
        default=False,
        help_text=_("In agenda's als hele dag(en) tonen, zonder tijden."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("all_day"),
                FieldPanel("cancelled"),
            ],
            heading=_("Wanneer"),
        ),
        MultiFieldPanel(
            [FieldPanel("location_name"), FieldPanel("location_address"), FieldPanel("online_url")],
            heading=_("Waar"),
        ),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("programme"),
        MultiFieldPanel(
            [FieldPanel("organiser_name"), FieldPanel("organiser_email")],
            heading=_("Organisator"),
        ),
    ]
    registration_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("organisation_limit")]),
                FieldRowPanel(
                    [FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]
                ),
                FieldPanel("cancellation_deadline"),
            ],
            heading=_("Plaatsen en termijnen"),
        ),
        MultiFieldPanel(
            [FieldPanel("allowed_roles"), FieldPanel("allowed_organisation_kinds")],
            heading=_("Wie mag zich aanmelden"),
        ),
        MultiFieldPanel(
            [FieldPanel("promotion_mode"), FieldPanel("offer_hours")],
            heading=_("Wachtlijst"),
        ),
        InlinePanel(
            "questions",
            heading=_("Vragen bij het aanmelden"),
            label=_("vraag"),
            help_text=_(
                "Wie zich aanmeldt, beantwoordt deze vragen. Markeer vragen over gezondheid "
                "(dieet, toegankelijkheid) als gevoelig: die antwoorden worden na afloop gewist."
            ),
        ),
        MultiFieldPanel([FieldPanel("checkin_opens_minutes")], heading=_("Inchecken")),
    ]
    session_panels = [
        InlinePanel(
            "rounds",
            heading=_("Rondes met parallelle sessies"),
            label=_("ronde"),
            help_text=_(
                "Een ronde is een tijdvak waarin sessies naast elkaar lopen. Wie zich aanmeldt, "
                "kiest per ronde één sessie. Een sessie waarvoor al mensen gekozen hebben, kunt "
                "u pas weghalen als u hen naar een andere sessie hebt verplaatst."
            ),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Inhoud")),
            ObjectList(registration_panels, heading=_("Aanmelden")),
            ObjectList(session_panels, heading=_("Sessies")),
            ObjectList(Page.promote_panels, heading=_("Promotie")),
            ObjectList(Page.settings_panels, heading=_("Instellingen")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("programme"),
        index.FilterField("starts_at"),
    ]

    parent_page_types = ["events.EventIndexPage", "masterclasses.ProgrammePage"]
    subpage_types: list[str] = []
    exclude_fields_in_copy = list(CALENDAR_BOOKKEEPING_FIELDS)
    base_form_class = EventPageForm

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")

    def clean(self):
        super().clean()
        errors = self.time_errors()
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at < self.registration_opens_at
        ):
            errors["registration_closes_at"] = _("Aanmelden sluit voordat het opent.")
        if errors:
            raise ValidationError(errors)

    @property
    def effective_cancellation_deadline(self):
        return self.cancellation_deadline or self.starts_at

    @property
    def effective_registration_closes_at(self):
        return self.registration_closes_at or self.starts_at

    def offer_window(self) -> timedelta:
        return timedelta(hours=self.offer_hours)

    def with_content_json(self, content):
        """Keep the live calendar bookkeeping when a (possibly older) revision is published."""
        page = super().with_content_json(content)
        live = calendar_bookkeeping_live(EventPage, pk=self.pk)
        calendar_bookkeeping_copy(page, live.get(self.pk))
        return page

    @path("")
    def detail(self, request):
        from .. import views

        return views.event_detail(request, self)

    @path("register/")
    def register(self, request):
        from .. import views

        return views.event_register(request, self)

    @path("cancel/")
    def cancel(self, request):
        from .. import views

        return views.event_cancel(request, self)

    @path("accept/")
    def accept_offer(self, request):
        from .. import views

        return views.event_accept_offer(request, self)

    @path("handover/")
    def handover(self, request):
        from .. import views

        return views.event_handover(request, self)

    @path("answers/")
    def answers(self, request):
        from .. import views

        return views.event_answers(request, self)

    @path("sessies/")
    def sessions(self, request):
        from .. import views

        return views.event_sessions(request, self)
