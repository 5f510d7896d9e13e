"""Certificates of attendance ("deelnamebewijzen"): a stable record per attended event or
completed programme, with a public verification code.

A certificate keeps its own copy of what it says (name, organisation, title, dates, hours,
programme) at the moment it was issued: the verification page shows exactly that, even when
the event's page or the person's profile changes afterwards. Rules live in services.py.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from learning.core.models import AuditEntry

# 15 random bytes: 120 bits, written as 24 characters of base32 (A–Z, 2–7). Guessing a code
# of someone else is out of reach even at a million tries a second (2^120 possibilities).
CODE_BYTES = 15
CODE_LENGTH = 24
CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def new_code() -> str:
    number = int.from_bytes(secrets.token_bytes(CODE_BYTES), "big")
    characters = []
    for _position in range(CODE_LENGTH):
        number, index = divmod(number, 32)
        characters.append(CODE_ALPHABET[index])
    return "".join(characters)


def code_normalise(value: str) -> str:
    """A code as typed or copied: case, spaces and hyphens do not matter."""
    return "".join(value.split()).replace("-", "").upper()


def code_display(code: str) -> str:
    """The code in groups of four, as printed: ``ABCD-EFGH-…``."""
    return "-".join(code[start : start + 4] for start in range(0, len(code), 4))


class CertificateKind(models.TextChoices):
    EVENT = "event", _("Bijeenkomst of masterclass")
    PROGRAMME = "programme", _("Programma")


class Certificate(models.Model):
    code = models.CharField(_("code"), max_length=CODE_LENGTH, unique=True, default=new_code)
    kind = models.CharField(_("soort"), max_length=20, choices=CertificateKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deelnemer"),
        on_delete=models.CASCADE,
        related_name="certificates",
    )
    # What it is for: one registration (an attended event or masterclass), or a programme.
    registration = models.ForeignKey(
        "events.Registration",
        verbose_name=_("aanmelding"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificates",
    )
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("bijeenkomst"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificates",
    )
    programme = models.ForeignKey(
        "masterclasses.ProgrammePage",
        verbose_name=_("programma"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificates",
    )
    # What the certificate says, as issued.
    name = models.CharField(_("naam"), max_length=150)
    organisation_name = models.CharField(_("organisatie"), max_length=255, blank=True)
    title = models.CharField(_("titel"), max_length=255)
    programme_title = models.CharField(_("onderdeel van programma"), max_length=255, blank=True)
    starts_at = models.DateTimeField(_("begin"))
    ends_at = models.DateTimeField(_("einde"))
    all_day = models.BooleanField(_("hele dag"), default=False)
    hours = models.DecimalField(_("uren"), max_digits=5, decimal_places=2, null=True, blank=True)
    issued_at = models.DateTimeField(_("uitgegeven op"), default=timezone.now)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    revoked_reason = models.TextField(_("reden van intrekken"), blank=True)

    class Meta:
        verbose_name = _("deelnamebewijs")
        verbose_name_plural = _("deelnamebewijzen")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            # At most one valid certificate per registration and per person and programme.
            models.UniqueConstraint(
                fields=["registration"],
                condition=Q(revoked_at__isnull=True, registration__isnull=False),
                name="certificate_one_valid_per_registration",
            ),
            models.UniqueConstraint(
                fields=["user", "programme"],
                condition=Q(revoked_at__isnull=True, programme__isnull=False, kind="programme"),
                name="certificate_one_valid_per_programme",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} – {self.name}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_programme(self) -> bool:
        return self.kind == CertificateKind.PROGRAMME

    @property
    def code_display(self) -> str:
        return code_display(self.code)

    @property
    def is_single_day(self) -> bool:
        start = timezone.localtime(self.starts_at).date()
        end = timezone.localtime(self.ends_at).date()
        return start == end

    @property
    def hours_label(self) -> str:
        """The hours as written on the certificate: "4", "2,5" (no trailing zeros)."""
        if self.hours is None:
            return ""
        return number_format(self.hours.normalize(), use_l10n=True)


class CertificateLog(AuditEntry):
    """Audit trail of a certificate: issued, revoked (by whom, why)."""

    certificate = models.ForeignKey(
        Certificate, on_delete=models.CASCADE, related_name="log_entries"
    )

    class Meta:
        verbose_name = _("logregel deelnamebewijs")
        verbose_name_plural = _("logregels deelnamebewijzen")
        ordering = ["created_at", "pk"]
