from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.core.models import AuditEntry


class JobRole(models.TextChoices):
    BESTUUR = "bestuur", _("Bestuur (wethouder, gedeputeerde, directie)")
    BELEID = "beleid", _("Beleid")
    UITVOERING = "uitvoering", _("Uitvoering en inkoop")
    OVERIG = "overig", _("Anders")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("A superuser must have is_staff=True and is_superuser=True")
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A civil servant (or editor) who signs in with an e-mail address; there are no usernames.

    ``organisation`` is the person's *effective* organisation: the one of their current
    OrganisationClaim when that claim is verified (address on one of its domains) or approved
    by a coordinator; otherwise null. Every rule that reads ``user.organisation_id`` (the
    per-organisation limit, hand-over, monitor editors, circles, statistics) therefore counts
    only verified membership. Only ``learning.accounts.organisation_claims`` sets it.
    """

    email = models.EmailField(_("e-mailadres"), unique=True)
    full_name = models.CharField(_("volledige naam"), max_length=150)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text=_(
            "De organisatie waarvoor iemand meetelt: alleen na een geverifieerde of "
            "goedgekeurde aanvraag (zie organisatieaanvragen)."
        ),
    )
    job_role = models.CharField(
        _("functierol"), max_length=20, choices=JobRole.choices, default=JobRole.OVERIG
    )
    job_title = models.CharField(_("functietitel"), max_length=150, blank=True)
    is_staff = models.BooleanField(
        _("medewerker"),
        default=False,
        help_text=_("Mag inloggen in de beheeromgeving."),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    date_joined = models.DateTimeField(_("lid sinds"), default=timezone.now)
    # The secret in the personal calendar feed URL; null until first used (services).
    calendar_token = models.CharField(
        _("agendasleutel"), max_length=64, unique=True, null=True, blank=True, editable=False
    )

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class ClaimState(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("E-mailadres nog niet bevestigd")
    VERIFIED = "verified", _("Geverifieerd")
    PENDING = "pending", _("In behandeling")
    APPROVED = "approved", _("Goedgekeurd")
    REFUSED = "refused", _("Afgewezen")


EFFECTIVE_CLAIM_STATES = (ClaimState.VERIFIED, ClaimState.APPROVED)


class OrganisationClaim(models.Model):
    """A person's statement "I work for this organisation", with its state.

    ``verified``: a verified address on one of the organisation's domains (automatic);
    ``unconfirmed``: the address is on such a domain but not confirmed yet (becomes verified
    when allauth confirms it); ``pending``: waiting for a coordinator, with the person's
    explanation; ``approved``/``refused``: a coordinator's decision with a reason.
    A person has at most one current claim (``superseded_at`` is null); asking for another
    organisation supersedes it, so the history stays.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="organisation_claims",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="claims",
    )
    state = models.CharField(_("status"), max_length=20, choices=ClaimState.choices)
    explanation = models.TextField(_("toelichting"), blank=True, max_length=1000)
    verified_domain = models.CharField(_("geverifieerd via domein"), max_length=253, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besloten door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    reason = models.TextField(_("reden"), blank=True)
    created_at = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    superseded_at = models.DateTimeField(_("vervangen op"), null=True, blank=True)

    class Meta:
        verbose_name = _("organisatieaanvraag")
        verbose_name_plural = _("organisatieaanvragen")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(superseded_at__isnull=True),
                name="organisation_claim_one_current_per_user",
            ),
        ]
        indexes = [models.Index(fields=["state", "superseded_at"])]
        permissions = [("decide_organisationclaim", _("Kan organisatieaanvragen beoordelen"))]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_state_display()})"

    @property
    def is_effective(self) -> bool:
        return self.state in EFFECTIVE_CLAIM_STATES and self.superseded_at is None


class OrganisationClaimLog(AuditEntry):
    """Audit trail of a claim: requested, verified, approved, refused, superseded."""

    claim = models.ForeignKey(
        OrganisationClaim, on_delete=models.CASCADE, related_name="log_entries"
    )

    class Meta:
        verbose_name = _("logregel organisatieaanvraag")
        verbose_name_plural = _("logregels organisatieaanvragen")
        ordering = ["created_at", "pk"]
