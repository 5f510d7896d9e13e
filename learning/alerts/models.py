"""Following themes, pioneers (and later core tasks), the e-mail digest, and the link between a
pioneer's profile and the account that receives "contact this pioneer" messages."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    NEVER = "never", _("Geen e-mail")
    WEEKLY = "weekly", _("Elke week")
    MONTHLY = "monthly", _("Elke maand")


class AlertSettings(models.Model):
    """A person's choice of digest, and up to when the digest has been looked at."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="alert_settings",
    )
    frequency = models.CharField(
        _("e-mail met nieuws"),
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.NEVER,
    )
    # The end of the last period the digest was made for (sent, or nothing new): a second run
    # for the same period does nothing.
    digest_until = models.DateTimeField(_("overzicht gemaakt tot"), null=True, blank=True)

    class Meta:
        verbose_name = _("meldingsinstelling")
        verbose_name_plural = _("meldingsinstellingen")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_frequency_display()}"


class Follow(models.Model):
    """One person follows one thing of a followable kind (``followables``: theme, pioneer …)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="follows",
    )
    kind = models.SlugField(_("soort"), max_length=30)
    object_id = models.PositiveIntegerField(_("id"))
    created_at = models.DateTimeField(_("sinds"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("gevolgd onderwerp")
        verbose_name_plural = _("gevolgde onderwerpen")
        ordering = ["kind", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "object_id"], name="alerts_follow_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.kind} {self.object_id}"


class PioneerContact(models.Model):
    """The account behind a pioneer profile: where "contact this pioneer" is relayed to.

    Editors link the two; the pioneer switches messages off or on (``accepts_messages``) on
    their own page. The address is never shown to whoever writes.
    """

    profile = models.OneToOneField(
        "profiles.PioneerProfilePage",
        verbose_name=_("pioniersprofiel"),
        on_delete=models.CASCADE,
        related_name="contact",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account van de pionier"),
        on_delete=models.CASCADE,
        related_name="pioneer_contact",
    )
    accepts_messages = models.BooleanField(
        _("berichten van collega's ontvangen"),
        default=True,
        help_text=_("Collega's kunnen via het platform een bericht sturen; uw adres ziet niemand."),
    )

    class Meta:
        verbose_name = _("contact met een pionier")
        verbose_name_plural = _("contact met pioniers")

    def __str__(self) -> str:
        return str(self.profile)
