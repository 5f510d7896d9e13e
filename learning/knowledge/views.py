"""Thin views: read with selectors, write with services, answer in Dutch."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from learning.core.filtering import filter_list_response
from learning.core.ratelimit import rate_limited

from . import selectors, services
from .forms import (
    AnswerForm,
    ArticleFilterForm,
    DirectoryFilterForm,
    PracticeExampleForm,
    QuestionFilterForm,
)
from .models import CoreTaskIndexPage, DirectoryPage, QuestionIndexPage
from .services import KnowledgeError

ARTICLES_PAGE_SIZE = 12
DIRECTORY_PAGE_SIZE = 20
QUESTIONS_PAGE_SIZE = 30


def knowledge_index(request, index_page):
    # Read only when the content is rendered or the list is not in the cache.
    user = request.user
    theme_pages = SimpleLazyObject(lambda: selectors.theme_pages(user=user))
    guides = SimpleLazyObject(lambda: selectors.guides_visible_to(user=user))
    directory = SimpleLazyObject(lambda: DirectoryPage.objects.live().child_of(index_page).first())
    core_tasks = SimpleLazyObject(
        lambda: CoreTaskIndexPage.objects.live().public().child_of(index_page).first()
    )
    questions = SimpleLazyObject(
        lambda: QuestionIndexPage.objects.live().public().child_of(index_page).first()
    )
    return filter_list_response(
        request,
        page=index_page,
        form_class=ArticleFilterForm,
        select=partial(selectors.articles_filtered, user=request.user),
        per_page=ARTICLES_PAGE_SIZE,
        template="knowledge/knowledge_index_page.html",
        items_name="articles",
        extra_context={
            "theme_pages": theme_pages,
            "guides": guides,
            "directory": directory,
            "core_task_index": core_tasks,
            "question_index": questions,
        },
        # Everything the page shows changes with a publication, but who sees what differs:
        # the list is cached for anonymous visitors only.
        item_key=lambda article: article.pk,
        extra_key=lambda: (
            tuple(page.pk for page in theme_pages),
            tuple(guide.pk for guide in guides),
            directory.pk if directory else None,
            core_tasks.pk if core_tasks else None,
            questions.pk if questions else None,
        ),
        cache_list=not user.is_authenticated,
    )


@rate_limited("knowledge_contribute")
def contribute(request, index_page):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        services.contributor_check(user=request.user)
    except KnowledgeError as error:
        return _contribute_response(
            request, index_page, None, error=error.message, status=error.status
        )
    if request.method == "POST":
        form = PracticeExampleForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.practice_example_submit(
                    user=request.user,
                    index_page=index_page,
                    title=data["title"],
                    organisation_name=data["organisation_name"],
                    situation=data["situation"],
                    approach=data["approach"],
                    result=data["result"],
                    contact=data["contact"],
                    themes=data["themes"],
                )
            except KnowledgeError as error:
                return _contribute_response(
                    request, index_page, form, error=error.message, status=error.status
                )
            return redirect(index_page.url + "bijdragen/bedankt/")
        return _contribute_response(request, index_page, form, status=400)
    initial = {}
    if request.user.organisation_id:
        initial["organisation_name"] = request.user.organisation.display_name
    return _contribute_response(request, index_page, PracticeExampleForm(initial=initial))


def _contribute_response(request, index_page, form, *, error=None, status=200):
    return TemplateResponse(
        request,
        "knowledge/contribute.html",
        {"page": index_page, "self": index_page, "form": form, "error": error},
        status=status,
    )


def contribute_thanks(request, index_page):
    return TemplateResponse(
        request, "knowledge/contribute_thanks.html", {"page": index_page, "self": index_page}
    )


def directory(request, directory_page):
    return filter_list_response(
        request,
        page=directory_page,
        form_class=DirectoryFilterForm,
        select=selectors.initiatives_filtered,
        per_page=DIRECTORY_PAGE_SIZE,
        template="knowledge/directory_page.html",
        items_name="initiatives",
    )


def questions(request, index_page):
    """ "Veelgestelde vragen": the answered questions as an accordion (filtered, searchable)
    and the open questions a colleague may answer."""
    user = request.user
    return filter_list_response(
        request,
        page=index_page,
        form_class=QuestionFilterForm,
        select=partial(selectors.questions_answered, user=user),
        per_page=QUESTIONS_PAGE_SIZE,
        template="knowledge/question_index_page.html",
        items_name="questions",
        extra_context={
            "open_questions": SimpleLazyObject(lambda: selectors.questions_open(user=user)),
        },
    )


def question(request, page):
    """One question with its answer; an open question invites the visitor to answer it."""
    return TemplateResponse(
        request,
        "knowledge/question_page.html",
        {
            "page": page,
            "self": page,
            "is_open": services.question_is_open(question=page),
        },
    )


@rate_limited("knowledge_contribute")
def question_answer(request, page):
    """The form to answer an open question; the answer goes to the editors for review."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        services.question_answer_check(question=page, user=request.user)
    except KnowledgeError as error:
        return _answer_response(request, page, None, error=error.message, status=error.status)
    if request.method != "POST":
        return _answer_response(request, page, AnswerForm())
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _answer_response(request, page, form, status=400)
    try:
        services.question_answer_submit(
            question=page, user=request.user, text=form.cleaned_data["text"]
        )
    except KnowledgeError as error:
        return _answer_response(request, page, form, error=error.message, status=error.status)
    messages.success(
        request,
        _("Bedankt voor uw antwoord. De redactie leest het en plaatst het bij de vraag."),
    )
    return redirect(page.url)


def _answer_response(request, page, form, *, error=None, status=200):
    return TemplateResponse(
        request,
        "knowledge/question_answer.html",
        {"page": page, "self": page, "form": form, "error": error},
        status=status,
    )
