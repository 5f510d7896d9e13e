from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.snippets.models import register_snippet


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Site-wide texts and links that editors maintain: footer, contact, statements."""

    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacyverklaring"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("toegankelijkheidsverklaring"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_email = models.EmailField(_("e-mailadres voor vragen"), blank=True)
    footer_text = models.CharField(
        _("tekst in de voettekst"),
        max_length=255,
        blank=True,
        help_text=_("Eén zin over het platform, bijvoorbeeld wie het aanbiedt."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("privacy_page"), FieldPanel("accessibility_page")],
            heading=_("Verklaringen"),
        ),
        FieldPanel("contact_email"),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = _("site-instellingen")


@register_snippet
class Theme(models.Model):
    """A theme of the circular economy (bouw, circulair inkopen …), shared by every content type."""

    name = models.CharField(_("naam"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("omschrijving"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


@register_snippet
class CoreTask(models.Model):
    """A core task of a local government (inkoop, vergunningverlening …): the second axis beside
    the themes, by which knowledge, goals, pioneers and questions are found for one's own work.
    The eight tasks are seeded by a data migration; editors may rename or describe them."""

    name = models.CharField(_("naam"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("omschrijving"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("kerntaak")
        verbose_name_plural = _("kerntaken")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class AuditEntry(models.Model):
    """One line of an audit trail: who changed a status, from what to what, when and why.

    Each trail (registrations, circle memberships) subclasses this with its own foreign key.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("actie"), max_length=40)
    from_status = models.CharField(_("van"), max_length=20, blank=True)
    to_status = models.CharField(_("naar"), max_length=20, blank=True)
    reason = models.TextField(_("reden"), blank=True)
    created_at = models.DateTimeField(_("tijdstip"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"


class Heartbeat(models.Model):
    """When a background process last showed it was alive (for ``/health/``).

    "beat" is written by Celery beat each time it sends the heartbeat task, "worker" by the
    worker that runs it: a fresh "worker" proves both, a fresh "beat" with an old "worker"
    means the workers (or the broker) are down.
    """

    name = models.CharField(_("proces"), max_length=40, primary_key=True)
    seen_at = models.DateTimeField(_("laatst gezien"))

    class Meta:
        verbose_name = _("hartslag")
        verbose_name_plural = _("hartslagen")

    def __str__(self) -> str:
        return self.name
