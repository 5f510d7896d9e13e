"""Who may see a knowledge page: public, or the participants of an event or programme."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    MultiFieldPanel,
    PageChooserPanel,
)

SHARED_WITH_PAGE_TYPES = ["events.EventPage", "masterclasses.ProgrammePage"]


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Openbaar")
    PARTICIPANTS = "participants", _("Gedeeld met de deelnemers van een masterclass of programma")


class VisibilityMixin(models.Model):
    """Per page: public, or shared with the confirmed participants of an event or programme.

    The page's Wagtail view restriction follows these fields (services.page_visibility_apply,
    run when the page is published); membership of the participants' group follows the
    registrations (services.participant_group_sync).
    """

    visibility = models.CharField(
        _("zichtbaarheid"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    shared_with = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("gedeeld met deelnemers van"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Een masterclass, bijeenkomst of programma. Alleen bevestigde deelnemers."),
    )

    visibility_panels = [
        MultiFieldPanel(
            [
                FieldPanel("visibility", widget=forms.RadioSelect),
                PageChooserPanel("shared_with", SHARED_WITH_PAGE_TYPES),
            ],
            heading=_("Zichtbaarheid"),
        )
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.visibility == Visibility.PARTICIPANTS and not self.shared_with_id:
            raise ValidationError(
                {"shared_with": _("Kies de masterclass of het programma waarmee u deelt.")}
            )
        if self.visibility == Visibility.PUBLIC and self.shared_with_id:
            self.shared_with = None


class ParticipantGroup(models.Model):
    """The Wagtail group holding the confirmed participants of one event or programme."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("masterclass of programma"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    group = models.OneToOneField(
        "auth.Group", verbose_name=_("groep"), on_delete=models.CASCADE, related_name="+"
    )
    synced_at = models.DateTimeField(_("bijgewerkt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("deelnemersgroep")
        verbose_name_plural = _("deelnemersgroepen")

    def __str__(self) -> str:
        return str(self.group)
