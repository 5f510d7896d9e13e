from django.template.response import TemplateResponse
from wagtail.models import Page

from learning.core.pagination import paginate
from learning.core.search import search_terms
from learning.core.visibility import pages_visible_to

RESULTS_PER_PAGE = 10


def search(request):
    """Site search over the live pages this person may see (Wagtail view restrictions hold)."""
    query = search_terms(request.GET.get("q", ""))
    results = Page.objects.none()
    if query:
        pages = pages_visible_to(Page.objects.live(), request.user)
        results = pages.specific().search(query)
    page, paginator = paginate(request, results, per_page=RESULTS_PER_PAGE)
    return TemplateResponse(
        request,
        "home/search_results.html",
        {"query": query, "results": page, "paginator": paginator},
    )
