"""Events and registrations. Masterclasses (learning.masterclasses) are events too.

Rules live in services/ (one module per concept); the models only hold state.
"""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
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
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from learning.accounts.models import JobRole
from learning.calendar.models import (
    CALENDAR_BOOKKEEPING_FIELDS,
    CalendarItem,
    calendar_bookkeeping_copy,
    calendar_bookkeeping_live,
)
from learning.core.blocks import BaseStreamBlock
from learning.core.models import AuditEntry
from learning.organisations.models import OrganisationKind

from ..fields import MultipleChoiceJSONField

# The programme of a day with parallel sessions: rounds (time slots) with sessions in each.
from .sessions import (  # noqa: F401
    EventPageForm,
    EventRound,
    EventSession,
    SessionChoice,
    SessionChoiceStatus,
)


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


class EventPage(RoutablePageMixin, CalendarItem, Page):
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

    # Served at <page-url>agenda.ics through learning.urls (Wagtail's own URL pattern only
    # takes paths that end in a slash).
    @path("agenda.ics/", name="ics")
    def ics(self, request):
        from learning.calendar.feeds import page_feed_response

        return page_feed_response(request, self)

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


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Bevestigd")
    WAITING = "waiting", _("Op de wachtlijst")
    OFFERED = "offered", _("Plek aangeboden")
    CANCELLED = "cancelled", _("Afgemeld")
    ATTENDED = "attended", _("Aanwezig geweest")
    NO_SHOW = "no_show", _("Niet verschenen")


# Statuses that hold a seat, and statuses that count as "registered" for uniqueness. After the
# event a confirmed seat becomes "attended" (checked in) or "no-show": both held their seat.
SEAT_STATUSES = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.OFFERED,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.NO_SHOW,
)
ACTIVE_STATUSES = (*SEAT_STATUSES, RegistrationStatus.WAITING)
# Who counts as a participant of an event (the online link, knowledge pages shared with its
# participants, messages afterwards): a confirmed seat, checked in or not.
PARTICIPANT_STATUSES = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.NO_SHOW,
)
# Who may be checked in at the door: a confirmed seat, or someone marked as no-show who turns
# up late after all (within the check-in window).
CHECKIN_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.NO_SHOW)
# Statuses a registration can be cancelled from (by the participant before the deadline,
# by a coordinator at any time).
CANCELLABLE_STATUSES = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITING,
    RegistrationStatus.OFFERED,
)


class WaitReason(models.TextChoices):
    CAPACITY = "capacity", _("Vol")
    ORGANISATION_FULL = "organisation_full", _("Organisatie vol")
    # The organisation's maximum for a whole series of events (learning.events.seat_groups).
    SERIES_FULL = "series_full", _("Organisatie vol voor de reeks")


class Registration(models.Model):
    event = models.ForeignKey(
        EventPage,
        verbose_name=_("bijeenkomst"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deelnemer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        help_text=_(
            "De organisatie op het moment van aanmelden; leeg voor wie (nog) voor geen "
            "organisatie telt (alleen bij bijeenkomsten zonder organisatieregels)."
        ),
    )
    job_role = models.CharField(_("rol"), max_length=20, choices=JobRole.choices, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    wait_reason = models.CharField(
        _("reden wachtlijst"), max_length=20, choices=WaitReason.choices, blank=True
    )
    queue_position = models.PositiveIntegerField(_("plek in de rij"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("aanbod verloopt"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemeld op"), default=timezone.now)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)
    attended_at = models.DateTimeField(_("aanwezig gemeld op"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["event", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(status__in=[s.value for s in ACTIVE_STATUSES]),
                name="registration_one_active_per_user",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "queue_position"]),
            models.Index(fields=["event", "organisation", "status"]),
            models.Index(fields=["user", "status"]),
        ]

    def __str__(self) -> str:
        who = self.user or _("geanonimiseerd")
        return f"{who} – {self.event}"

    @property
    def holds_seat(self) -> bool:
        return self.status in SEAT_STATUSES

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


class RegistrationLog(AuditEntry):
    """Audit trail: who changed which registration, how, when and why."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="log_entries"
    )

    class Meta:
        verbose_name = _("logregel aanmelding")
        verbose_name_plural = _("logregels aanmeldingen")
        ordering = ["created_at", "pk"]


# --- Registration questions (after pretix's Question / QuestionAnswer) -----------------------


class QuestionType(models.TextChoices):
    SHORT_TEXT = "short_text", _("Korte tekst")
    LONG_TEXT = "long_text", _("Lange tekst")
    ONE_CHOICE = "one_choice", _("Eén keuze")
    MANY_CHOICES = "many_choices", _("Meerdere keuzes")
    YES_NO = "yes_no", _("Ja of nee")


CHOICE_TYPES = (QuestionType.ONE_CHOICE, QuestionType.MANY_CHOICES)
# Answers that are a list of option codes (counted per option in the coordinators' summary).
CODED_TYPES = (*CHOICE_TYPES, QuestionType.YES_NO)
YES, NO = "ja", "nee"
YES_NO_OPTIONS = ((YES, _("Ja")), (NO, _("Nee")))
# Longest answer per text type, in characters.
ANSWER_MAX_LENGTH = {QuestionType.SHORT_TEXT: 200, QuestionType.LONG_TEXT: 2000}
OPTION_MAX_LENGTH = 100


class QuestionCategory(models.TextChoices):
    GENERAL = "general", _("Algemeen")
    SENSITIVE = "sensitive", _("Gevoelig (gezondheid: dieet, toegankelijkheid)")


class RegistrationQuestion(Orderable):
    """A question people answer when they register for ``event``; editors keep them in the
    page's "Aanmelden" tab. Options of choice questions are one per line; an option's code
    (what answers store) is its slug, so an edited label with the same slug keeps its answers."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("vraag"), max_length=300)
    help_text = models.CharField(_("toelichting"), max_length=500, blank=True)
    question_type = models.CharField(
        _("soort vraag"),
        max_length=20,
        choices=QuestionType.choices,
        default=QuestionType.SHORT_TEXT,
    )
    required = models.BooleanField(_("verplicht"), default=False)
    options = models.TextField(
        _("keuzes"),
        blank=True,
        help_text=_("Alleen bij een keuzevraag: één keuze per regel, minstens twee."),
    )
    category = models.CharField(
        _("soort gegevens"),
        max_length=20,
        choices=QuestionCategory.choices,
        default=QuestionCategory.GENERAL,
        help_text=_(
            "Gevoelig: antwoorden die iets over de gezondheid kunnen zeggen. Ze worden gewist "
            "zodra de bijeenkomst voorbij of de aanmelding afgemeld is."
        ),
    )

    panels = [
        FieldPanel("text"),
        FieldPanel("help_text"),
        FieldRowPanel([FieldPanel("question_type"), FieldPanel("required")]),
        FieldPanel("options"),
        FieldPanel("category"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("vraag bij het aanmelden")
        verbose_name_plural = _("vragen bij het aanmelden")

    def __str__(self) -> str:
        return self.text

    @property
    def is_sensitive(self) -> bool:
        return self.category == QuestionCategory.SENSITIVE

    @property
    def max_length(self) -> int | None:
        return ANSWER_MAX_LENGTH.get(self.question_type)

    def option_choices(self) -> list[tuple[str, str]]:
        """(code, label) of every option offered, in the editor's order."""
        if self.question_type == QuestionType.YES_NO:
            return [(code, str(label)) for code, label in YES_NO_OPTIONS]
        if self.question_type not in CHOICE_TYPES:
            return []
        labels = [line.strip() for line in self.options.splitlines() if line.strip()]
        return [(slugify(label) or label, label) for label in labels]

    def option_label(self, code: str) -> str:
        """The label of ``code``; the code itself for an option the editor has since removed."""
        return dict(self.option_choices()).get(code, code)

    def clean(self):
        super().clean()
        choices = self.option_choices() if self.question_type in CHOICE_TYPES else []
        if self.question_type in CHOICE_TYPES:
            codes = [code for code, _label in choices]
            if len(codes) < 2:
                raise ValidationError({"options": _("Geef minstens twee keuzes, één per regel.")})
            if len(set(codes)) < len(codes):
                raise ValidationError({"options": _("Twee keuzes lijken te veel op elkaar.")})
            if any(len(label) > OPTION_MAX_LENGTH for _code, label in choices):
                raise ValidationError(
                    {
                        "options": _("Een keuze is hoogstens %(max)s tekens.")
                        % {"max": OPTION_MAX_LENGTH}
                    }
                )
        elif self.options.strip():
            raise ValidationError({"options": _("Alleen een keuzevraag heeft keuzes.")})


class RegistrationAnswer(models.Model):
    """One person's answer to one question: text, or the codes of the chosen options."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        RegistrationQuestion, on_delete=models.CASCADE, related_name="answers"
    )
    text = models.TextField(_("antwoord"), blank=True)
    choices = models.JSONField(_("gekozen"), default=list, blank=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "question"], name="answer_one_per_question"
            )
        ]

    def __str__(self) -> str:
        return self.display

    @property
    def display(self) -> str:
        """The answer as people read it: the text, or the chosen options' labels."""
        if self.text:
            return self.text
        return ", ".join(self.question.option_label(code) for code in self.choices)
