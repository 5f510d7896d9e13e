"""The members-only section of a circle: knowledge pages and documents behind the circle's
group restriction."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PagePermissionTester
from wagtail.search import index

from learning.core.blocks import BaseStreamBlock
from learning.core.visibility import page_visible_to


class MembersOnlyPermissionTester(PagePermissionTester):
    """Wagtail's page permissions, closed for the members-only part of a circle to anyone who
    may not see it on the site (``page_visible_to``): page permissions on the whole site (as
    the event coordinators have) open no editing, preview, revisions, copying or publishing
    here. Its view restriction is kept by ``services.circle_access_ensure``; only a superuser
    changes it by hand."""

    def __init__(self, user, page):
        super().__init__(user, page)
        if user.is_active and not user.is_superuser and not page_visible_to(page, user):
            self.permissions = set()

    def can_set_view_restrictions(self):
        return self.user.is_active and self.user.is_superuser


class MembersOnlyPageMixin:
    def permissions_for_user(self, user):
        return MembersOnlyPermissionTester(user, self)


class CircleKnowledgeIndexPage(MembersOnlyPageMixin, Page):
    """ "Gedeeld in de kring": the circle's members-only section, under a group restriction."""

    intro = models.TextField(_("introductie"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["circles.LearningCirclePage"]
    subpage_types = ["circles.CircleKnowledgePage"]

    class Meta:
        verbose_name = _("besloten deel van een leerkring")

    @classmethod
    def can_create_at(cls, parent):
        # One members-only section per circle (services.circle_access_ensure makes it).
        return super().can_create_at(parent) and not parent.get_children().type(cls).exists()

    def get_context(self, request, *args, **kwargs):
        from .. import selectors

        context = super().get_context(request, *args, **kwargs)
        context["circle"] = self.get_parent().specific
        context["items"] = selectors.knowledge_pages(section=self, user=request.user)
        return context


class KnowledgeKind(models.TextChoices):
    ARTICLE = "artikel", _("Artikel")
    REPORT = "verslag", _("Verslag van een bijeenkomst")
    DOCUMENTS = "documenten", _("Gedeelde documenten")


class CircleKnowledgePage(MembersOnlyPageMixin, Page):
    """An article, meeting report or set of shared documents, for the circle only."""

    kind = models.CharField(
        _("soort"), max_length=20, choices=KnowledgeKind.choices, default=KnowledgeKind.ARTICLE
    )
    intro = models.TextField(_("introductie"), max_length=500, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("inhoud"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel(
            "documents",
            label=_("Document"),
            heading=_("Documenten"),
            help_text=_("Zet documenten in de besloten collectie van de kring."),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["circles.CircleKnowledgeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("gedeelde pagina van een leerkring")
        verbose_name_plural = _("gedeelde pagina's van leerkringen")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["section"] = self.get_parent()
        context["documents"] = [item.document for item in self.documents.select_related("document")]
        return context


class CircleKnowledgeDocument(Orderable):
    page = ParentalKey(CircleKnowledgePage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("document")]
