"""Policy goals and the directory's organisations and initiatives (snippets)."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
)
from wagtail.search import index

from learning.organisations.models import OrganisationKind


class PolicyGoal(index.Indexed, ClusterableModel):
    """A policy goal a civil servant can adopt as it is: text, year, quantity and source."""

    title = models.CharField(_("korte naam"), max_length=120)
    goal_text = models.TextField(
        _("doeltekst"),
        help_text=_("De tekst zoals een ambtenaar hem in een beleidsstuk kan plakken."),
    )
    target_year = models.PositiveSmallIntegerField(_("doeljaar"), null=True, blank=True)
    quantity = models.CharField(
        _("hoeveelheid"), max_length=60, blank=True, help_text=_("Bijvoorbeeld 50% of 100 kg.")
    )
    source = models.CharField(_("bron"), max_length=255)
    source_url = models.URLField(_("link naar de bron"), blank=True)
    themes = ParentalManyToManyField("core.Theme", verbose_name=_("thema's"), blank=True)
    core_tasks = ParentalManyToManyField(
        "core.CoreTask", verbose_name=_("kerntaken"), blank=True, related_name="policy_goals"
    )
    sort_order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    panels = [
        FieldPanel("title"),
        FieldPanel("goal_text"),
        FieldRowPanel([FieldPanel("quantity"), FieldPanel("target_year")]),
        FieldPanel("source"),
        FieldPanel("source_url"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("core_tasks", widget=forms.CheckboxSelectMultiple),
        FieldPanel("sort_order"),
    ]
    # FilterField("id"): the site search narrows to what a person may find by id.
    search_fields = [
        index.SearchField("title"),
        index.SearchField("goal_text"),
        index.RelatedFields("core_tasks", [index.SearchField("name")]),
        index.FilterField("id"),
    ]

    class Meta:
        verbose_name = _("beleidsdoel")
        verbose_name_plural = _("beleidsdoelen")
        ordering = ["sort_order", "target_year", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def clipboard_text(self) -> str:
        """The goal as one paragraph for a policy document, with its source."""
        text = self.goal_text.strip()
        source = self.source.strip()
        if self.source_url:
            source = f"{source}, {self.source_url}"
        return f"{text} (Bron: {source}.)"


class InitiativeKind(models.TextChoices):
    GOVERNMENT = "overheid", _("Overheid")
    COMPANY = "bedrijf", _("Bedrijf")
    KNOWLEDGE = "kennisinstelling", _("Kennisinstelling")
    NETWORK = "netwerk", _("Netwerk of samenwerkingsverband")
    CIVIC = "maatschappelijk", _("Maatschappelijk initiatief")


class Initiative(index.Indexed, ClusterableModel):
    """An organisation or initiative in the directory."""

    name = models.CharField(_("naam"), max_length=150, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=InitiativeKind.choices)
    description = models.TextField(_("omschrijving"), max_length=800)
    region = models.CharField(
        _("regio"), max_length=120, blank=True, help_text=_("Bijvoorbeeld Regio Foodvalley.")
    )
    province = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("provincie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": OrganisationKind.PROVINCIE},
        help_text=_("Leeg laten voor een landelijk initiatief."),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("overheid"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
        help_text=_("Als het initiatief van of bij een overheid is."),
    )
    themes = ParentalManyToManyField("core.Theme", verbose_name=_("thema's"), blank=True)
    core_tasks = ParentalManyToManyField(
        "core.CoreTask", verbose_name=_("kerntaken"), blank=True, related_name="initiatives"
    )
    website = models.URLField(_("website"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("region"), FieldPanel("province")]),
        FieldPanel("organisation"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("core_tasks", widget=forms.CheckboxSelectMultiple),
        FieldPanel("website"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("description"),
        index.SearchField("region"),
        index.RelatedFields("core_tasks", [index.SearchField("name")]),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.FilterField("id"),
        index.FilterField("kind"),
        index.FilterField("province_id"),
    ]

    class Meta:
        verbose_name = _("organisatie of initiatief")
        verbose_name_plural = _("organisaties en initiatieven")
        ordering = ["name"]
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self) -> str:
        return self.name
