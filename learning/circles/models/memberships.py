"""Who belongs to a circle: memberships with their log, invitations, attendance."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.core.models import AuditEntry

from .pages import CircleMeeting, LearningCirclePage


class MembershipStatus(models.TextChoices):
    APPLIED = "applied", _("Aangemeld")
    APPROVED = "approved", _("Lid")
    DECLINED = "declined", _("Afgewezen")
    LEFT = "left", _("Vertrokken")


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Lid")
    COORDINATOR = "coordinator", _("Coördinator")


class CircleMembership(models.Model):
    """One person's place in one circle, from application to leaving. One row per person."""

    circle = models.ForeignKey(
        LearningCirclePage,
        verbose_name=_("leerkring"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deelnemer"),
        on_delete=models.CASCADE,
        related_name="circle_memberships",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("De organisatie op het moment van aanmelden."),
    )
    role = models.CharField(
        _("rol"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    status = models.CharField(_("status"), max_length=20, choices=MembershipStatus.choices)
    motivation = models.TextField(_("motivatie"), blank=True)
    applied_at = models.DateTimeField(_("aangemeld op"), default=timezone.now)
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besloten door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    left_at = models.DateTimeField(_("vertrokken op"), null=True, blank=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("lidmaatschap leerkring")
        verbose_name_plural = _("lidmaatschappen leerkringen")
        ordering = ["circle", "applied_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["circle", "user"], name="circle_membership_once"),
        ]
        indexes = [models.Index(fields=["circle", "status"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.circle}"

    @property
    def is_active(self) -> bool:
        return self.status == MembershipStatus.APPROVED


class MembershipLog(AuditEntry):
    """Audit trail: who changed which membership, how, when and why."""

    membership = models.ForeignKey(
        CircleMembership, on_delete=models.CASCADE, related_name="log_entries"
    )

    class Meta:
        verbose_name = _("logregel lidmaatschap")
        verbose_name_plural = _("logregels lidmaatschappen")
        ordering = ["created_at", "pk"]


class CircleInvitation(models.Model):
    """An invitation by e-mail address; the person joins after logging in with the link."""

    circle = models.ForeignKey(
        LearningCirclePage,
        verbose_name=_("leerkring"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mailadres"))
    token = models.CharField(_("sleutel"), max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uitgenodigd door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uitgenodigd op"), default=timezone.now)
    expires_at = models.DateTimeField(_("geldig tot"))
    accepted_at = models.DateTimeField(_("geaccepteerd op"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geaccepteerd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("uitnodiging leerkring")
        verbose_name_plural = _("uitnodigingen leerkringen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} – {self.circle}"


class MeetingAttendance(models.Model):
    """Whether a member was at a meeting, as recorded by a coordinator."""

    meeting = models.ForeignKey(
        CircleMeeting,
        verbose_name=_("bijeenkomst"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deelnemer"),
        on_delete=models.CASCADE,
        related_name="circle_attendance",
    )
    present = models.BooleanField(_("aanwezig"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheid")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="circle_attendance_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.meeting}"
