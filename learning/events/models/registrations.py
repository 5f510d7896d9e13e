"""Registrations: a person's seat or place on the waiting list, its statuses and its log."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.accounts.models import JobRole
from learning.core.models import AuditEntry

from .pages import EventPage


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
