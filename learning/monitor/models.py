"""The monitor for circular procurement: questionnaires, rounds, responses and answers.

Rules (who may edit, the version check, submitting) live in services.py; the figures in
selectors.py. The models only hold state.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page

MAX_SCORE = 4
# Up to three colleagues of an organisation fill in its response together.
MAX_EDITORS = 3
# No comparison is shown for a group with fewer responses than this.
MIN_GROUP_SIZE = 5


class Level(models.TextChoices):
    STRATEGIC = "strategisch", _("Strategisch")
    OPERATIONAL = "operationeel", _("Operationeel")


class MonitorTheme(models.TextChoices):
    BELEID = "beleid", _("Beleid")
    COMMUNICATIE = "communicatie", _("Communicatie")
    BOUW = "bouw", _("Bouw")
    GWW = "gww", _("GWW (grond-, weg- en waterbouw)")
    ICT = "ict", _("ICT")
    FACILITAIR = "facilitair", _("Facilitair")
    MOBILITEIT = "mobiliteit", _("Mobiliteit en vervoer")


# What each step of the maturity scale means; shown with every question.
MATURITY_LABELS = {
    0: _("0 – nog niet mee bezig"),
    1: _("1 – verkennen"),
    2: _("2 – eerste projecten"),
    3: _("3 – structureel in een deel van de organisatie"),
    4: _("4 – vanzelfsprekend in de hele organisatie"),
}


class MonitorPage(RoutablePageMixin, Page):
    """The monitor in the site: fill in the questionnaire, see results and advice."""

    intro = models.TextField(_("introductie"), max_length=600)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("monitor")

    @path("")
    def overview(self, request):
        from . import views

        return views.overview(request, self)

    @path("ronde/<int:round_id>/", name="questionnaire")
    def questionnaire(self, request, round_id):
        from . import views

        return views.questionnaire(request, self, round_id)

    @path("ronde/<int:round_id>/redacteuren/", name="editors")
    def editors(self, request, round_id):
        from . import views

        return views.editor_remove(request, self, round_id)

    @path("antwoorden/<int:response_id>/", name="response")
    def response_detail(self, request, response_id):
        from . import views

        return views.response_detail(request, self, response_id)

    @path("resultaten/", name="results")
    def results(self, request):
        from . import views

        return views.results(request, self)

    @path("resultaten/csv/", name="results_csv")
    def results_csv(self, request):
        from . import views

        return views.results_csv(request, self)


class Questionnaire(ClusterableModel):
    """A set of questions, defined by editors; each round uses one questionnaire."""

    title = models.CharField(_("titel"), max_length=150)
    description = models.TextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        InlinePanel("questions", heading=_("Vragen"), label=_("vraag"), min_num=1),
    ]

    class Meta:
        verbose_name = _("vragenlijst")
        verbose_name_plural = _("vragenlijsten")
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return self.title


class Question(Orderable):
    questionnaire = ParentalKey(Questionnaire, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("vraag"), max_length=300)
    help_text = models.TextField(_("toelichting bij de vraag"), blank=True)
    level = models.CharField(_("niveau"), max_length=20, choices=Level.choices)
    theme = models.CharField(_("onderwerp"), max_length=20, choices=MonitorTheme.choices)
    advice_theme = models.ForeignKey(
        "core.Theme",
        verbose_name=_("thema voor advies"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "Wie hier laag scoort, krijgt kennis, pioniers en masterclasses met dit thema "
            "als advies."
        ),
    )

    panels = [
        FieldPanel("text"),
        FieldPanel("help_text"),
        FieldRowPanel([FieldPanel("level"), FieldPanel("theme")]),
        FieldPanel("advice_theme"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")

    def __str__(self) -> str:
        return self.text


class Round(models.Model):
    """One round of the monitor (usually one per year), open between two dates."""

    title = models.CharField(_("titel"), max_length=150, help_text=_("Bijvoorbeeld Monitor 2018."))
    year = models.PositiveSmallIntegerField(_("jaar"))
    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("vragenlijst"),
        on_delete=models.PROTECT,
        related_name="rounds",
    )
    opens_on = models.DateField(_("open vanaf"))
    closes_on = models.DateField(_("open tot en met"))

    panels = [
        FieldPanel("title"),
        FieldPanel("year"),
        # A plain select: Wagtail's chooser widget fails (500) on a tampered value.
        FieldPanel("questionnaire", widget=forms.Select),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")])],
            heading=_("Wanneer kan de vragenlijst worden ingevuld"),
        ),
    ]

    class Meta:
        verbose_name = _("ronde")
        verbose_name_plural = _("rondes")
        ordering = ["year", "opens_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="monitor_round_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("De ronde sluit voordat hij opent.")})

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    SUBMITTED = "submitted", _("Ingediend")


class Response(models.Model):
    """The answers of one organisation in one round, filled in by up to three colleagues.

    ``version`` goes up by one with every save; a save names the version it started from and
    is refused when someone else saved in between (services.response_save).
    """

    round = models.ForeignKey(
        Round, verbose_name=_("ronde"), on_delete=models.PROTECT, related_name="responses"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="monitor_responses",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT
    )
    version = models.PositiveIntegerField(_("versie"), default=0)
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="ResponseEditor",
        verbose_name=_("invullers"),
        related_name="monitor_responses",
        blank=True,
    )
    created_at = models.DateTimeField(_("begonnen op"), default=timezone.now)
    updated_at = models.DateTimeField(_("laatst opgeslagen op"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("laatst opgeslagen door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingediend door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("ingevulde monitor")
        verbose_name_plural = _("ingevulde monitors")
        ordering = ["round", "organisation__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation"], name="monitor_one_response_per_round"
            )
        ]
        indexes = [models.Index(fields=["round", "status"])]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.round}"

    @property
    def is_submitted(self) -> bool:
        return self.status == ResponseStatus.SUBMITTED


class ResponseEditor(models.Model):
    """A colleague who fills in the organisation's response (at most MAX_EDITORS)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="editor_rows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="monitor_editor_rows"
    )
    added_at = models.DateTimeField(_("toegevoegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("invuller")
        verbose_name_plural = _("invullers")
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["response", "user"], name="monitor_editor_once")
        ]

    def __str__(self) -> str:
        return str(self.user)


class Answer(models.Model):
    response = models.ForeignKey(
        Response,
        verbose_name=_("ingevulde monitor"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    question = models.ForeignKey(
        Question, verbose_name=_("vraag"), on_delete=models.PROTECT, related_name="answers"
    )
    score = models.PositiveSmallIntegerField(
        _("score"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_SCORE)],
    )
    explanation = models.TextField(_("toelichting"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        ordering = ["response", "question__sort_order", "question_id"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="monitor_answer_once"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=MAX_SCORE),
                name="monitor_answer_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question} = {self.score}"


class ResponseChange(models.Model):
    """The change log of a response: who saved, submitted or changed the editors, and what."""

    class Action(models.TextChoices):
        SAVED = "saved", _("Opgeslagen")
        SUBMITTED = "submitted", _("Ingediend")
        REOPENED = "reopened", _("Heropend")
        EDITOR_ADDED = "editor_added", _("Invuller toegevoegd")
        EDITOR_REMOVED = "editor_removed", _("Invuller verwijderd")

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("actie"), max_length=20, choices=Action.choices)
    version = models.PositiveIntegerField(_("versie"))
    # [{"question": id, "text": …, "from": score, "to": score, "explanation": bool}, …]
    details = models.JSONField(_("wijzigingen"), default=list, blank=True)
    note = models.CharField(_("opmerking"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("tijdstip"), default=timezone.now)

    class Meta:
        verbose_name = _("wijziging")
        verbose_name_plural = _("wijzigingen")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"
