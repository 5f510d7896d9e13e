"""Thin views: read with selectors, write with services, answer in Dutch."""

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from learning.core.pagination import paginate
from learning.core.ratelimit import rate_limited

from . import selectors, services
from .forms import ArticleFilterForm, DirectoryFilterForm, PracticeExampleForm
from .models import DirectoryPage
from .services import KnowledgeError

ARTICLES_PAGE_SIZE = 12
DIRECTORY_PAGE_SIZE = 20


def _filter_query(request) -> str:
    query = request.GET.copy()
    query.pop("pagina", None)
    return query.urlencode()


def knowledge_index(request, index_page):
    form = ArticleFilterForm(request.GET or None)
    filters = {}
    status = 200
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            filters = {
                "theme": data["thema"],
                "kind": data["soort"],
                "query": data["zoek"].strip(),
            }
        else:
            status = 400
    articles = selectors.articles_filtered(user=request.user, **filters)
    page, paginator = paginate(request, articles, per_page=ARTICLES_PAGE_SIZE)
    context = {
        "page": index_page,
        "self": index_page,
        "form": form,
        "articles": page,
        "paginator": paginator,
        "filter_query": _filter_query(request),
        "theme_pages": selectors.theme_pages(user=request.user),
        "guides": selectors.guides_visible_to(user=request.user),
        "directory": DirectoryPage.objects.live().child_of(index_page).first(),
    }
    return TemplateResponse(request, "knowledge/knowledge_index_page.html", context, status=status)


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
    form = DirectoryFilterForm(request.GET or None)
    filters = {}
    status = 200
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            filters = {
                "kind": data["soort"],
                "province": data["provincie"],
                "theme": data["thema"],
                "query": data["zoek"].strip(),
            }
        else:
            status = 400
    initiatives = selectors.initiatives_filtered(**filters)
    page, paginator = paginate(request, initiatives, per_page=DIRECTORY_PAGE_SIZE)
    return TemplateResponse(
        request,
        "knowledge/directory_page.html",
        {
            "page": directory_page,
            "self": directory_page,
            "form": form,
            "initiatives": page,
            "paginator": paginator,
            "filter_query": _filter_query(request),
        },
        status=status,
    )
