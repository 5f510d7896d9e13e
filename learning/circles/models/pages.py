"""The circles index, a circle's page and its meetings (inline on the page)."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from learning.calendar.models import (
    CalendarItem,
    calendar_bookkeeping_copy,
    calendar_bookkeeping_live,
)
from learning.calendar.routes import PageFeedRoute
from learning.core.blocks import BaseStreamBlock

RICH_TEXT_FEATURES = ["h3", "bold", "italic", "link", "ol", "ul", "document-link"]


class CircleIndexPage(Page):
    """ "Leerkringen": every circle, with what it is about and whether one can still apply."""

    intro = models.TextField(_("introductie"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["circles.LearningCirclePage"]
    max_count = 1

    class Meta:
        verbose_name = _("overzicht leerkringen")

    def get_context(self, request, *args, **kwargs):
        from .. import selectors

        context = super().get_context(request, *args, **kwargs)
        context["circles"] = selectors.circles_for_index(index=self, user=request.user)
        return context


# The editors who manage circles (migrations/0002_editor_permissions.py).
COORDINATORS_CHOOSE_PERMISSION = "circles.change_circlemembership"


class LearningCirclePage(RoutablePageMixin, PageFeedRoute, Page):
    """One learning circle: the public page, with its meetings inline."""

    intro = models.TextField(_("introductie"), max_length=500)
    description = StreamField(BaseStreamBlock(), verbose_name=_("beschrijving"), blank=True)
    themes = ParentalManyToManyField("core.Theme", verbose_name=_("thema's"), blank=True)
    coordinators = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coördinatoren"),
        blank=True,
        related_name="coordinated_circles",
        limit_choices_to={"is_staff": True, "is_active": True},
        help_text=_(
            "Medewerkers die de kring begeleiden: zij beoordelen aanmeldingen, nodigen uit en "
            "houden de aanwezigheid bij. Ze worden bij het publiceren lid met de rol coördinator."
        ),
    )
    starts_on = models.DateField(_("begint op"))
    ends_on = models.DateField(_("eindigt op"))
    max_members = models.PositiveSmallIntegerField(
        _("maximum aantal leden"),
        default=20,
        help_text=_("Coördinatoren tellen niet mee."),
    )
    applications_open = models.BooleanField(
        _("aanmelden mogelijk"),
        default=True,
        help_text=_("Uit: de kring neemt geen aanmeldingen aan (uitnodigen kan nog wel)."),
    )
    meeting_place = models.CharField(
        _("vaste plek van samenkomst"),
        max_length=255,
        blank=True,
        help_text=_("Bijvoorbeeld: wisselend bij de deelnemende overheden."),
    )
    # Kept by services.circle_access_ensure, never edited and never taken from a revision.
    group = models.OneToOneField(
        "auth.Group",
        verbose_name=_("groep"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="learning_circle",
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name=_("besloten collectie"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("description"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                FieldPanel("meeting_place"),
            ],
            heading=_("Looptijd en plaats"),
        ),
    ]
    membership_panels = [
        # Circle coordinators are chosen by the editors who manage circles, not by everyone
        # who may edit pages (the event coordinators could otherwise make themselves
        # members, and so readers of the members-only part): the field is left out of the
        # form for anyone without the permission.
        FieldPanel(
            "coordinators",
            widget=forms.CheckboxSelectMultiple,
            permission=COORDINATORS_CHOOSE_PERMISSION,
        ),
        FieldRowPanel([FieldPanel("max_members"), FieldPanel("applications_open")]),
    ]
    meeting_panels = [InlinePanel("meetings", label=_("Bijeenkomst"), heading=_("Bijeenkomsten"))]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Inhoud")),
            ObjectList(meeting_panels, heading=_("Bijeenkomsten")),
            ObjectList(membership_panels, heading=_("Leden")),
            ObjectList(Page.promote_panels, heading=_("Promotie")),
            ObjectList(Page.settings_panels, heading=_("Instellingen")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("description"),
    ]
    parent_page_types = ["circles.CircleIndexPage"]
    subpage_types = ["circles.CircleKnowledgeIndexPage"]
    exclude_fields_in_copy = ["group", "collection"]

    class Meta:
        verbose_name = _("leerkring")
        verbose_name_plural = _("leerkringen")

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Het einde ligt voor het begin.")})

    def with_content_json(self, content):
        """Keep the live group, collection and calendar bookkeeping when a revision is published."""
        page = super().with_content_json(content)
        page.group_id = self.group_id
        page.collection_id = self.collection_id
        # From the database, not from this instance's (possibly stale) in-memory meetings:
        # copying an old SEQUENCE back would undo the raise of an earlier publication.
        live = calendar_bookkeeping_live(CircleMeeting, circle_id=self.pk)
        for meeting in page.meetings.all():
            calendar_bookkeeping_copy(meeting, live.get(meeting.pk))
        return page

    @property
    def is_past(self) -> bool:
        return self.ends_on < timezone.localdate()

    # --- Routes (views.py); <page-url>agenda.ics comes in through learning.urls -----------

    @path("")
    def detail(self, request):
        from .. import views

        return views.circle_detail(request, self)

    @path("aanmelden/")
    def apply(self, request):
        from .. import views

        return views.circle_apply(request, self)

    @path("verlaten/")
    def leave(self, request):
        from .. import views

        return views.circle_leave(request, self)

    @path("leden/")
    def members(self, request):
        from .. import views

        return views.circle_members(request, self)

    @path("leden/export/")
    def members_export(self, request):
        from .. import views

        return views.circle_members_export(request, self)

    @path("aanmeldingen/")
    def applications(self, request):
        from .. import views

        return views.circle_applications(request, self)

    @path("aanmeldingen/<int:membership_id>/<str:decision>/")
    def decide(self, request, membership_id: int, decision: str):
        from .. import views

        return views.circle_decide(request, self, membership_id=membership_id, decision=decision)

    @path("uitnodigen/")
    def invite(self, request):
        from .. import views

        return views.circle_invite(request, self)

    @path("uitnodiging/")
    def invitation(self, request):
        from .. import views

        return views.circle_invitation(request, self)

    @path("bijeenkomsten/<int:meeting_id>/aanwezigheid/")
    def attendance(self, request, meeting_id: int):
        from .. import views

        return views.circle_attendance(request, self, meeting_id=meeting_id)

    @path("aanwezigheid/export/")
    def attendance_export(self, request):
        from .. import views

        return views.circle_attendance_export(request, self)


class CircleMeeting(CalendarItem, Orderable):
    """A meeting of the circle. Agenda, report and online link are for members only. Time,
    place and calendar bookkeeping (services.meetings_calendar_refresh): as for events,
    learning.calendar.models.CalendarItem."""

    circle = ParentalKey(LearningCirclePage, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("onderwerp"), max_length=150)
    online_url = models.URLField(
        _("link voor online deelname"),
        blank=True,
        help_text=_("Alleen zichtbaar voor leden van de kring."),
    )
    cancelled = models.BooleanField(_("gaat niet door"), default=False)
    agenda = RichTextField(_("agenda"), blank=True, features=RICH_TEXT_FEATURES)
    report = RichTextField(
        _("verslag"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "Na afloop. Alleen zichtbaar voor leden; bij het publiceren krijgen de leden "
            "een bericht dat het verslag klaarstaat."
        ),
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldRowPanel([FieldPanel("location_name"), FieldPanel("location_address")]),
        FieldPanel("online_url"),
        FieldPanel("cancelled"),
        FieldPanel("agenda"),
        FieldPanel("report"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("bijeenkomst van een leerkring")
        verbose_name_plural = _("bijeenkomsten van leerkringen")

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.starts_at):%d-%m-%Y})"

    def clean(self):
        super().clean()
        if errors := self.time_errors():
            raise ValidationError(errors)
