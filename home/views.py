from urllib.parse import urlencode

from django.template.response import TemplateResponse

from learning.core.pagination import paginate
from learning.core.search import search_terms
from learning.core.search.selectors import (
    search_hits_prepare,
    search_spelling_suggestion,
    site_search,
)
from learning.knowledge.selectors import theme_pages_closest

from .forms import SiteSearchForm

RESULTS_PER_PAGE = 10


def search(request):
    """Site search over everything the apps registered (learning.core.search.registry), for
    what this person may see; filters by kind and theme. Invalid filters: 400 with the
    form's Dutch message and no results."""
    data = request.GET.copy()
    data["q"] = search_terms(request.GET.get("q", ""))
    form = SiteSearchForm(data)
    valid = form.is_valid()
    query = form.cleaned_data.get("q", "") if valid else data["q"]
    kind = form.cleaned_data.get("soort", "") if valid else ""
    theme = form.cleaned_data.get("thema", "") if valid else ""
    results = site_search(
        query=query if valid else "", user=request.user, kind_key=kind, theme=theme
    )
    page, paginator = paginate(request, results, per_page=RESULTS_PER_PAGE)
    hits = search_hits_prepare(list(page.object_list), query=query, request=request)
    context = {
        "form": form,
        "query": query,
        "results": page,
        "hits": hits,
        "paginator": paginator,
        "total": results.total if query and valid else 0,
        "is_filtered": bool(kind or theme),
        "filter_query": urlencode(
            {
                key: value
                for key, value in (("q", query), ("soort", kind), ("thema", theme))
                if value
            }
        ),
    }
    if valid and query and not hits:
        context["suggestion"] = search_spelling_suggestion(query=query, user=request.user)
        context["theme_suggestions"] = theme_pages_closest(query=query, user=request.user)
    return TemplateResponse(
        request, "home/search_results.html", context, status=200 if valid else 400
    )
