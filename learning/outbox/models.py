"""Every outgoing e-mail, stored before it is sent.

A row is written in the same transaction as the change that causes the e-mail, and sent by a
Celery task after that transaction commits. A rollback leaves neither; a broker or mail-server
outage leaves a queued row that the periodic flush sends later.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import renderers


class OutboxStatus(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    SENDING = "sending", _("Wordt verstuurd")
    SENT = "sent", _("Verstuurd")
    FAILED = "failed", _("Mislukt")


class OutboxMessage(models.Model):
    kind = models.SlugField(
        _("soort"),
        max_length=50,
        help_text=_("Waarvoor de e-mail is, bijvoorbeeld registration_confirmed of account."),
    )
    to = models.EmailField(_("aan"))
    from_email = models.CharField(_("van"), max_length=320)
    subject = models.CharField(_("onderwerp"), max_length=998)
    text = models.TextField(_("tekst"), blank=True)
    html = models.TextField(_("HTML"), blank=True)
    attachments = models.JSONField(
        _("bijlagen"),
        default=list,
        blank=True,
        help_text=_("Lijst van bijlagen met filename, content (tekst) en mimetype."),
    )
    headers = models.JSONField(
        _("extra kopregels"),
        default=dict,
        blank=True,
        help_text=_("Bijvoorbeeld List-Unsubscribe of Reply-To (alleen toegestane kopregels)."),
    )
    renderer = models.CharField(
        _("opmaak"),
        max_length=80,
        blank=True,
        help_text=_("Wordt de inhoud pas bij het versturen gemaakt, dan staat hier door wie."),
    )
    payload = models.JSONField(_("gegevens voor de opmaak"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=OutboxStatus.choices, default=OutboxStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_error = models.TextField(_("laatste fout"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now, editable=False)
    sent_at = models.DateTimeField(_("verstuurd"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(
        _("volgende poging"),
        null=True,
        blank=True,
        help_text=_(
            "Wanneer de periodieke verzending deze e-mail opnieuw oppakt als hij dan nog niet "
            "verstuurd is. Leeg: meteen."
        ),
    )
    dedupe_key = models.CharField(
        _("ontdubbelsleutel"),
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Een tweede e-mail met dezelfde sleutel wordt niet in de wachtrij gezet."),
    )
    # A plain page link, so that coordinators see the outbox per event without this app
    # depending on the events app.
    event = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("bijeenkomst"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails (outbox)")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_status_next_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"

    def kind_label(self) -> str:
        """The Dutch name of the kind (``renderers.kind_label``); its code when unknown."""
        return renderers.kind_label(self.kind)

    kind_label.short_description = _("soort")
