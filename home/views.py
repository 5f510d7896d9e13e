from django.template.response import TemplateResponse
from wagtail.models import Page

from learning.core.pagination import paginate

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    """Site search over live pages that everyone may see (restricted pages never appear)."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.none()
    if query:
        results = Page.objects.live().public().specific().search(query)
    page, paginator = paginate(request, results, per_page=RESULTS_PER_PAGE)
    return TemplateResponse(
        request,
        "home/search_results.html",
        {"query": query, "results": page, "paginator": paginator},
    )
