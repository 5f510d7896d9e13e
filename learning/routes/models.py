"""An organisation's route (routekaart): baseline, opportunity map and action agenda.

The rules (who may edit, the version check, adopting, sharing in the region) live in
services.py, the reads in selectors.py; the models only hold state.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.monitor.models import MonitorTheme

# Impact and influence are scored low, middle or high: the opportunity map is a 3×3 grid.
SCORE_MIN, SCORE_MAX = 1, 3
SCORE_LABELS = {1: _("laag"), 2: _("gemiddeld"), 3: _("hoog")}


class Analysis(models.TextChoices):
    """The three analyses of the baseline (nulmeting)."""

    RAW_MATERIALS = "grondstoffen", _("Grondstoffenanalyse")
    PROCUREMENT = "inkoop", _("Inkoopanalyse")
    STAFF_AWARENESS = "bewustzijn", _("Bewustzijn van medewerkers")


# Each analysis and the Route field that holds its text.
ANALYSIS_FIELDS = {
    Analysis.RAW_MATERIALS: "raw_materials",
    Analysis.PROCUREMENT: "procurement",
    Analysis.STAFF_AWARENESS: "staff_awareness",
}


class Route(models.Model):
    """One organisation's route. ``version`` goes up by one with every save of the baseline;
    a save names the version it started from (services.route_baseline_save)."""

    organisation = models.OneToOneField(
        "organisations.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="route",
    )
    raw_materials = models.TextField(_("grondstoffenanalyse"), blank=True, max_length=6000)
    procurement = models.TextField(_("inkoopanalyse"), blank=True, max_length=6000)
    staff_awareness = models.TextField(_("bewustzijn van medewerkers"), blank=True, max_length=6000)
    version = models.PositiveIntegerField(_("versie"), default=0)
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="RouteEditor",
        verbose_name=_("redacteuren"),
        related_name="routes",
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

    class Meta:
        verbose_name = _("routekaart")
        verbose_name_plural = _("routekaarten")
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return str(self.organisation)

    def analysis_text(self, analysis: str) -> str:
        return getattr(self, ANALYSIS_FIELDS[analysis])


class RouteEditor(models.Model):
    """A colleague who edits the route (at most as many as the monitor allows)."""

    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="editor_rows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="route_editor_rows"
    )
    added_at = models.DateTimeField(_("toegevoegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("redacteur")
        verbose_name_plural = _("redacteuren")
        ordering = ["added_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["route", "user"], name="route_editor_once")]

    def __str__(self) -> str:
        return str(self.user)


class RouteChange(models.Model):
    """The route's change log: who changed what, at which version."""

    class Action(models.TextChoices):
        BASELINE_SAVED = "baseline_saved", _("Nulmeting opgeslagen")
        EDITOR_ADDED = "editor_added", _("Redacteur toegevoegd")
        EDITOR_REMOVED = "editor_removed", _("Redacteur verwijderd")
        DOCUMENT_ADDED = "document_added", _("Document toegevoegd")
        DOCUMENT_REMOVED = "document_removed", _("Document verwijderd")
        OPPORTUNITY_ADDED = "opportunity_added", _("Kans toegevoegd")
        OPPORTUNITY_ADOPTED = "opportunity_adopted", _("Voorgestelde kans overgenomen")
        OPPORTUNITY_CHANGED = "opportunity_changed", _("Kans gewijzigd")
        OPPORTUNITY_DELETED = "opportunity_deleted", _("Kans verwijderd")
        ACTION_ADDED = "action_added", _("Actie toegevoegd")
        ACTION_CHANGED = "action_changed", _("Actie gewijzigd")
        ACTION_DELETED = "action_deleted", _("Actie verwijderd")

    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("actie"), max_length=30, choices=Action.choices)
    note = models.CharField(_("opmerking"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("tijdstip"), default=timezone.now)

    class Meta:
        verbose_name = _("wijziging")
        verbose_name_plural = _("wijzigingen")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"


def route_document_path(instance, filename: str) -> str:
    """Below MEDIA_ROOT/routes/, which no web server serves: only the download view does,
    after checking who asks. A random folder keeps the names unguessable on disk too."""
    return f"routes/{instance.route.organisation_id}/{secrets.token_hex(12)}/{filename}"


class RouteDocument(models.Model):
    """A document attached to one analysis of the baseline; private to the organisation."""

    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="documents")
    analysis = models.CharField(_("analyse"), max_length=20, choices=Analysis.choices)
    title = models.CharField(_("titel"), max_length=150)
    file = models.FileField(_("bestand"), upload_to=route_document_path, max_length=300)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("toegevoegd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("toegevoegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("document bij de nulmeting")
        verbose_name_plural = _("documenten bij de nulmeting")
        ordering = ["analysis", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


class Opportunity(models.Model):
    """A chance on the opportunity map, scored on impact and on the organisation's influence.

    Proposals are not stored: selectors.opportunity_proposals derives them from the weakest
    monitor themes and the national policy goals each time; adopting one stores it here
    (services.opportunity_adopt), once per monitor theme and once per goal.
    """

    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="opportunities")
    title = models.CharField(_("kans"), max_length=150)
    description = models.TextField(_("toelichting"), blank=True, max_length=2000)
    theme = models.ForeignKey(
        "core.Theme",
        verbose_name=_("thema"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    monitor_theme = models.CharField(
        _("onderwerp in de monitor"), max_length=20, choices=MonitorTheme.choices, blank=True
    )
    policy_goal = models.ForeignKey(
        "knowledge.PolicyGoal",
        verbose_name=_("landelijk doel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    impact = models.PositiveSmallIntegerField(_("impact"), default=2)
    influence = models.PositiveSmallIntegerField(_("invloed"), default=2)
    # Why it was proposed, kept after adopting ("Lage score in de monitor: Bouw 1,2").
    reason = models.CharField(_("waarom voorgesteld"), max_length=200, blank=True)
    version = models.PositiveIntegerField(_("versie"), default=0)
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("kans")
        verbose_name_plural = _("kansen")
        ordering = ["route", "-impact", "-influence", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(impact__gte=SCORE_MIN, impact__lte=SCORE_MAX)
                & Q(influence__gte=SCORE_MIN, influence__lte=SCORE_MAX),
                name="routes_opportunity_scores_in_grid",
            ),
            # A proposal from a monitor theme or a goal is adopted once per route.
            models.UniqueConstraint(
                fields=["route", "monitor_theme"],
                condition=~Q(monitor_theme=""),
                name="routes_one_proposal_per_monitor_theme",
            ),
            models.UniqueConstraint(
                fields=["route", "policy_goal"],
                condition=Q(policy_goal__isnull=False),
                name="routes_one_opportunity_per_goal",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ActionType(models.TextChoices):
    """The six kinds of intervention of an action agenda."""

    CHALLENGE = "uitdagen", _("Uitdagen")
    PRESCRIBE = "voorschrijven", _("Voorschrijven")
    DIRECT = "richting", _("Richting geven")
    FACILITATE = "faciliteren", _("Faciliteren")
    SECURE = "borgen", _("Borgen")
    STAGE = "podium", _("Podium geven aan successen")


class ActionStatus(models.TextChoices):
    PLANNED = "gepland", _("Gepland")
    ACTIVE = "loopt", _("Loopt")
    DONE = "afgerond", _("Afgerond")
    STOPPED = "gestopt", _("Gestopt")


class Action(models.Model):
    """An action on the agenda: what, by whom (a role), when, and what helps."""

    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("actie"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True, max_length=3000)
    action_type = models.CharField(_("soort actie"), max_length=20, choices=ActionType.choices)
    owner = models.CharField(
        _("eigenaar"),
        max_length=150,
        help_text=_("Een rol, bijvoorbeeld 'Inkoopadviseur' of 'Wethouder duurzaamheid'."),
    )
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("einde"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    opportunity = models.ForeignKey(
        Opportunity,
        verbose_name=_("kans"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    shared_in_region = models.BooleanField(
        _("delen in de regio"),
        default=False,
        help_text=_(
            "Gedeelde acties staan ook in de regionale agenda van de provincie en haar gemeenten."
        ),
    )
    policy_goals = models.ManyToManyField(
        "knowledge.PolicyGoal", verbose_name=_("beleidsdoelen"), blank=True, related_name="+"
    )
    guide_steps = models.ManyToManyField(
        "knowledge.GuideStepPage",
        verbose_name=_("stappen uit de handreiking"),
        blank=True,
        related_name="+",
    )
    practice_examples = models.ManyToManyField(
        "knowledge.KnowledgePage",
        verbose_name=_("praktijkvoorbeelden"),
        blank=True,
        related_name="+",
    )
    profiles = models.ManyToManyField(
        "profiles.PioneerProfilePage", verbose_name=_("pioniers"), blank=True, related_name="+"
    )
    masterclasses = models.ManyToManyField(
        "masterclasses.MasterclassPage",
        verbose_name=_("masterclasses"),
        blank=True,
        related_name="+",
    )
    circles = models.ManyToManyField(
        "circles.LearningCirclePage", verbose_name=_("leerkringen"), blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(_("versie"), default=0)
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    updated_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["route", "starts_on", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="routes_action_ends_after_start",
            )
        ]
        indexes = [models.Index(fields=["shared_in_region", "route"])]

    def __str__(self) -> str:
        return self.title
