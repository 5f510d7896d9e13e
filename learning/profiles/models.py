"""Pioneer profiles: civil servants who already did it, and the index where colleagues find them.

A profile is about a real person, so it is published only with that person's recorded consent
(``consent_given`` and ``consent_date``). The rule is checked wherever Wagtail can make a page
live: ``clean()`` (every save of a live page and every revision), ``publish()`` (revisions,
workflows, scheduled publishing, code) and the admin form and ``before_publish_page`` hook
(a clear message to the editor instead of an error page).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .admin_forms import CONSENT_REQUIRED_MESSAGE, PioneerProfilePageForm
from .blocks import ProfileStoryBlock


class Province(models.TextChoices):
    """The twelve provinces; values are stable slugs used in filter URLs."""

    GRONINGEN = "groningen", "Groningen"
    FRYSLAN = "fryslan", "Fryslân"
    DRENTHE = "drenthe", "Drenthe"
    OVERIJSSEL = "overijssel", "Overijssel"
    FLEVOLAND = "flevoland", "Flevoland"
    GELDERLAND = "gelderland", "Gelderland"
    UTRECHT = "utrecht", "Utrecht"
    NOORD_HOLLAND = "noord-holland", "Noord-Holland"
    ZUID_HOLLAND = "zuid-holland", "Zuid-Holland"
    ZEELAND = "zeeland", "Zeeland"
    NOORD_BRABANT = "noord-brabant", "Noord-Brabant"
    LIMBURG = "limburg", "Limburg"


# CBS province codes (learning/organisations/data/organisations.csv) to the choices above.
PROVINCE_BY_CBS_CODE = {
    "PV20": Province.GRONINGEN,
    "PV21": Province.FRYSLAN,
    "PV22": Province.DRENTHE,
    "PV23": Province.OVERIJSSEL,
    "PV24": Province.FLEVOLAND,
    "PV25": Province.GELDERLAND,
    "PV26": Province.UTRECHT,
    "PV27": Province.NOORD_HOLLAND,
    "PV28": Province.ZUID_HOLLAND,
    "PV29": Province.ZEELAND,
    "PV30": Province.NOORD_BRABANT,
    "PV31": Province.LIMBURG,
}


class ProfileIndexPage(Page):
    """ "Pioniers": every published profile, with filters, search and pagination."""

    intro = models.TextField(_("introductie"), max_length=500, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["profiles.PioneerProfilePage"]
    max_count = 1

    class Meta:
        verbose_name = _("pioniersoverzicht")
        verbose_name_plural = _("pioniersoverzichten")

    def serve(self, request, *args, **kwargs):
        from .views import profile_index

        return profile_index(request, self)


class PioneerProfilePage(Page):
    """One pioneer: who they are, where they work, and the story of what they did."""

    portrait = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("portret"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    portrait_alt = models.CharField(
        _("alt-tekst van het portret"),
        max_length=255,
        blank=True,
        help_text=_("Wat er op de foto te zien is, bijvoorbeeld: Portret van Anouk Jansen."),
    )
    job_title = models.CharField(_("functie"), max_length=150)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pioneer_profiles",
    )
    province = models.CharField(
        _("provincie"),
        max_length=20,
        choices=Province.choices,
        blank=True,
        help_text=_("Leeg laten: de provincie van de organisatie."),
    )
    themes = ParentalManyToManyField(
        "core.Theme", verbose_name=_("thema's"), blank=True, related_name="pioneer_profiles"
    )
    core_tasks = ParentalManyToManyField(
        "core.CoreTask", verbose_name=_("kerntaken"), blank=True, related_name="pioneer_profiles"
    )
    quote = models.CharField(
        _("citaat"),
        max_length=300,
        blank=True,
        help_text=_("Eén korte uitspraak die in het overzicht bij de naam staat."),
    )
    story = StreamField(ProfileStoryBlock(), verbose_name=_("verhaal"), blank=True)
    consent_given = models.BooleanField(
        _("toestemming gegeven"),
        default=False,
        help_text=_(
            "De persoon heeft toestemming gegeven om dit profiel, met naam en portret, "
            "te publiceren. Zonder toestemming kan het profiel niet gepubliceerd worden."
        ),
    )
    consent_date = models.DateField(_("datum toestemming"), null=True, blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("job_title"),
                FieldPanel("organisation"),
                FieldPanel("province"),
                FieldRowPanel([FieldPanel("portrait"), FieldPanel("portrait_alt")]),
            ],
            heading=_("Persoon"),
        ),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("core_tasks", widget=forms.CheckboxSelectMultiple),
        FieldPanel("quote"),
        FieldPanel("story"),
        MultiFieldPanel(
            [FieldPanel("consent_given"), FieldPanel("consent_date")],
            heading=_("Toestemming"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("job_title"),
        index.SearchField("quote"),
        index.SearchField("story"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.RelatedFields("core_tasks", [index.SearchField("name")]),
        index.FilterField("province"),
        index.FilterField("organisation"),
    ]
    base_form_class = PioneerProfilePageForm
    parent_page_types = ["profiles.ProfileIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("pioniersprofiel")
        verbose_name_plural = _("pioniersprofielen")

    @property
    def has_consent(self) -> bool:
        """Consent is recorded: the box is ticked and the date it was given is filled in."""
        return bool(self.consent_given and self.consent_date)

    @property
    def province_label(self) -> str:
        return self.get_province_display() if self.province else ""

    def clean(self):
        super().clean()
        errors = {}
        if self.consent_given and not self.consent_date:
            errors["consent_date"] = _("Vul de datum in waarop de toestemming is gegeven.")
        if self.consent_date and not self.consent_given:
            errors["consent_given"] = _("Vink aan dat de toestemming is gegeven, of wis de datum.")
        if self.consent_date and self.consent_date > timezone.localdate():
            errors["consent_date"] = _("De datum van de toestemming ligt in de toekomst.")
        if self.portrait_id and not self.portrait_alt.strip():
            errors["portrait_alt"] = _("Beschrijf het portret voor wie de afbeelding niet ziet.")
        if self.live and not self.has_consent and "consent_given" not in errors:
            errors["consent_given"] = CONSENT_REQUIRED_MESSAGE
        if errors:
            raise ValidationError(errors)
        if not self.province and self.organisation_id:
            self.province = province_for_organisation(self.organisation)

    def publish(self, revision, *args, **kwargs):
        # Every way to publish (admin, workflow approval, scheduled publishing, code) ends here:
        # refuse before anything changes when the revision to publish has no recorded consent.
        if not revision.as_object().has_consent:
            raise ValidationError({"consent_given": CONSENT_REQUIRED_MESSAGE})
        return super().publish(revision, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .selectors import profiles_related_to

        context = super().get_context(request, *args, **kwargs)
        context["related_profiles"] = profiles_related_to(profile=self, user=request.user)
        return context


def province_for_organisation(organisation) -> str:
    """The province of an organisation (itself, for a province), or "" when unknown."""
    if organisation is None:
        return ""
    if organisation.cbs_code in PROVINCE_BY_CBS_CODE:
        return PROVINCE_BY_CBS_CODE[organisation.cbs_code]
    if organisation.province_id:
        return PROVINCE_BY_CBS_CODE.get(organisation.province.cbs_code, "")
    return ""
