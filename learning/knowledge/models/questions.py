"""Frequently asked questions: editors write the questions (and answers), contributors may
answer an open question through the knowledge base's moderation workflow.

One page per question, so that each has its own address, appears in the site search and is
moderated on its own; the accordion on the FAQ, theme and core-task pages lists them.
"""

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

ANSWER_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class QuestionIndexPage(Page):
    """ "Veelgestelde vragen": the answered questions as an accordion, filtered by theme and
    core task, and the open questions colleagues may answer."""

    intro = models.TextField(_("introductie"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types = ["knowledge.QuestionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("overzicht van veelgestelde vragen")

    def serve(self, request, *args, **kwargs):
        from .. import views

        return views.questions(request, self)


class QuestionPage(RoutablePageMixin, Page):  # noqa: DJ008 (Page.__str__)
    """One question (the page title) and its answer, tagged with themes and core tasks.

    A question without an answer is open: a logged-in civil servant may answer it
    (``beantwoorden/``); the answer becomes a revision in the moderation workflow and is
    public only when an editor approves it.
    """

    answer = RichTextField(_("antwoord"), blank=True, features=ANSWER_FEATURES)
    themes = ParentalManyToManyField(
        "core.Theme", verbose_name=_("thema's"), blank=True, related_name="questions"
    )
    core_tasks = ParentalManyToManyField(
        "core.CoreTask", verbose_name=_("kerntaken"), blank=True, related_name="questions"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beantwoord door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="knowledge_answers",
        editable=False,
    )
    answerer_notified_at = models.DateTimeField(
        _("beantwoorder bericht gestuurd op"), null=True, blank=True, editable=False
    )

    content_panels = Page.content_panels + [
        FieldPanel("answer"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("core_tasks", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("answer"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.RelatedFields("core_tasks", [index.SearchField("name")]),
    ]
    parent_page_types = ["knowledge.QuestionIndexPage"]
    subpage_types: list[str] = []
    exclude_fields_in_copy = ["answered_by", "answerer_notified_at"]

    class Meta:
        verbose_name = _("veelgestelde vraag")
        verbose_name_plural = _("veelgestelde vragen")

    @property
    def is_answered(self) -> bool:
        return bool(self.answer and self.answer.strip())

    def with_content_json(self, content):
        """Keep who answered and whether they were told, whichever revision is published."""
        page = super().with_content_json(content)
        page.answered_by_id = self.answered_by_id
        page.answerer_notified_at = self.answerer_notified_at
        return page

    @path("")
    def question(self, request):
        from .. import views

        return views.question(request, self)

    @path("beantwoorden/")
    def answer_form(self, request):
        from .. import views

        return views.question_answer(request, self)
