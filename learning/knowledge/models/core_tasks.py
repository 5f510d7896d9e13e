"""Core tasks ("kerntaken") in the knowledge base: one page per task with the editors' tips,
beside what is tagged with the task (articles, goals, pioneers, questions, initiatives)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import TipsBlock


class CoreTaskIndexPage(Page):
    """ "Tips per kerntaak": the core tasks of a local government, each with its page."""

    intro = models.TextField(_("introductie"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types = ["knowledge.CoreTaskPage"]
    max_count = 1

    class Meta:
        verbose_name = _("overzicht van kerntaken")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import core_task_pages

        context = super().get_context(request, *args, **kwargs)
        context["core_task_pages"] = core_task_pages(index_page=self, user=request.user)
        return context


class CoreTaskPage(Page):
    """One core task: the editors' tips, then the articles, goals, pioneers, questions and
    initiatives tagged with it."""

    core_task = models.OneToOneField(
        "core.CoreTask",
        verbose_name=_("kerntaak"),
        on_delete=models.PROTECT,
        related_name="page",
    )
    intro = models.TextField(_("introductie"), blank=True)
    tips = StreamField(TipsBlock(), verbose_name=_("tips"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("core_task"),
        FieldPanel("intro"),
        FieldPanel("tips"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("tips"),
        index.RelatedFields("core_task", [index.SearchField("name")]),
    ]
    parent_page_types = ["knowledge.CoreTaskIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("kerntaakpagina")
        verbose_name_plural = _("kerntaakpagina's")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import core_task_page_sections

        context = super().get_context(request, *args, **kwargs)
        context.update(core_task_page_sections(core_task_page=self, user=request.user))
        return context
