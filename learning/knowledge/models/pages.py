"""The pages of the knowledge base: the index, themes, articles, the guide and the directory."""

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..blocks import ActionsBlock, KnowledgeStreamBlock, PracticeExamplesBlock
from .visibility import VisibilityMixin


class KnowledgeIndexPage(RoutablePageMixin, Page):
    """The knowledge base ("Kennisbank"): themes, latest articles, the guide, the directory."""

    intro = models.TextField(_("introductie"), blank=True)
    contribution_intro = models.TextField(
        _("uitleg bij het formulier voor praktijkvoorbeelden"), blank=True
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("contribution_intro"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "knowledge.ThemePage",
        "knowledge.KnowledgePage",
        "knowledge.GuidePage",
        "knowledge.DirectoryPage",
        "knowledge.CoreTaskIndexPage",
        "knowledge.QuestionIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("kennisbank")

    @path("")
    def index(self, request):
        from .. import views

        return views.knowledge_index(request, self)

    @path("bijdragen/")
    def contribute(self, request):
        from .. import views

        return views.contribute(request, self)

    @path("bijdragen/bedankt/")
    def contribute_thanks(self, request):
        from .. import views

        return views.contribute_thanks(request, self)


class ThemePage(Page):
    """One theme: its pioneers, articles, policy goals and upcoming events."""

    theme = models.OneToOneField(
        "core.Theme",
        verbose_name=_("thema"),
        on_delete=models.PROTECT,
        related_name="page",
    )
    intro = models.TextField(_("introductie"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("theme"), FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("themapagina")
        verbose_name_plural = _("themapagina's")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import theme_page_sections

        context = super().get_context(request, *args, **kwargs)
        context.update(theme_page_sections(theme_page=self, user=request.user))
        return context


class ArticleKind(models.TextChoices):
    ARTICLE = "article", _("Artikel")
    PRACTICE = "practice", _("Praktijkvoorbeeld")


class KnowledgePage(VisibilityMixin, Page):  # noqa: DJ008 (Page.__str__)
    """An article or practice example, with themes and authors."""

    kind = models.CharField(
        _("soort"), max_length=20, choices=ArticleKind.choices, default=ArticleKind.ARTICLE
    )
    intro = models.TextField(_("introductie"), max_length=500)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("afbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Voor de kop van het artikel en bij delen op sociale media."),
    )
    image_alt = models.CharField(
        _("alt-tekst van de afbeelding"),
        max_length=255,
        blank=True,
        help_text=_("Wat is er te zien? Leeg laten als de afbeelding alleen decoratief is."),
    )
    body = StreamField(KnowledgeStreamBlock(), verbose_name=_("inhoud"))
    themes = ParentalManyToManyField("core.Theme", verbose_name=_("thema's"), blank=True)
    core_tasks = ParentalManyToManyField(
        "core.CoreTask", verbose_name=_("kerntaken"), blank=True, related_name="knowledge_pages"
    )
    contributed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingestuurd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="knowledge_contributions",
        editable=False,
    )
    contributor_notified_at = models.DateTimeField(
        _("inzender bericht gestuurd op"), null=True, blank=True, editable=False
    )

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Afbeelding")),
        InlinePanel("authors", label=_("Auteurs"), heading=_("Auteurs")),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("core_tasks", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
    ]
    settings_panels = Page.settings_panels + VisibilityMixin.visibility_panels
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.RelatedFields("core_tasks", [index.SearchField("name")]),
    ]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types: list[str] = []
    exclude_fields_in_copy = ["contributed_by", "contributor_notified_at"]

    class Meta:
        verbose_name = _("artikel")
        verbose_name_plural = _("artikelen")

    def with_content_json(self, content):
        """Keep who sent it in and whether they were told, whichever revision is published."""
        page = super().with_content_json(content)
        page.contributed_by_id = self.contributed_by_id
        page.contributor_notified_at = self.contributor_notified_at
        return page

    def get_context(self, request, *args, **kwargs):
        from ..selectors import article_related

        context = super().get_context(request, *args, **kwargs)
        context["related"] = article_related(page=self, user=request.user)
        return context


class KnowledgePageAuthor(Orderable):
    page = ParentalKey(KnowledgePage, on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(_("naam"), max_length=150)
    role = models.CharField(_("functie en organisatie"), max_length=200, blank=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("role")])]

    class Meta(Orderable.Meta):
        verbose_name = _("auteur")
        verbose_name_plural = _("auteurs")

    def __str__(self) -> str:
        return self.name


class GuidePage(VisibilityMixin, Page):  # noqa: DJ008 (Page.__str__)
    """A guide series: the steps a municipality can take, one GuideStepPage per step."""

    intro = models.TextField(_("introductie"), max_length=800)
    body = StreamField(KnowledgeStreamBlock(), verbose_name=_("inhoud"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    settings_panels = Page.settings_panels + VisibilityMixin.visibility_panels
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types = ["knowledge.GuideStepPage"]

    class Meta:
        verbose_name = _("handreiking")
        verbose_name_plural = _("handreikingen")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import guide_steps

        context = super().get_context(request, *args, **kwargs)
        context["steps"] = guide_steps(guide=self, user=request.user)
        return context


class GuideStepPage(VisibilityMixin, Page):  # noqa: DJ008 (Page.__str__)
    """One step of a guide, with actions and practice examples."""

    intro = models.TextField(_("samenvatting"), max_length=600)
    body = StreamField(KnowledgeStreamBlock(), verbose_name=_("inhoud"), blank=True)
    actions = StreamField(ActionsBlock(), verbose_name=_("acties"), blank=True)
    examples = StreamField(
        PracticeExamplesBlock(), verbose_name=_("praktijkvoorbeelden"), blank=True
    )
    themes = ParentalManyToManyField("core.Theme", verbose_name=_("thema's"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
        FieldPanel("actions"),
        FieldPanel("examples"),
    ]
    settings_panels = Page.settings_panels + VisibilityMixin.visibility_panels
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("actions"),
        index.SearchField("examples"),
    ]
    parent_page_types = ["knowledge.GuidePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("stap van een handreiking")
        verbose_name_plural = _("stappen van een handreiking")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import guide_step_neighbours

        context = super().get_context(request, *args, **kwargs)
        context.update(guide_step_neighbours(step=self, user=request.user))
        return context


class DirectoryPage(Page):
    """The directory of organisations and initiatives, with filters."""

    intro = models.TextField(_("introductie"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("overzicht van organisaties en initiatieven")

    def serve(self, request, *args, **kwargs):
        from .. import views

        return views.directory(request, self)
