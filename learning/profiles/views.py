"""Thin views: the profile index reads with selectors and answers bad filters with a 400."""

from django.template.response import TemplateResponse

from learning.core.pagination import PAGE_PARAMETER, paginate

from . import selectors
from .forms import ProfileFilterForm

PROFILES_PER_PAGE = 12


def profile_index(request, index_page):
    """The "Pioniers" page: filters by theme, organisation kind and province, plus search."""
    form = ProfileFilterForm(request.GET or None)
    filters = {}
    status = 200
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            filters = {
                "query": data["zoek"],
                "theme": data["thema"],
                "organisation_kind": data["soort"],
                "province": data["provincie"],
            }
        else:
            status = 400
    profiles = selectors.profiles_filtered(user=request.user, **filters)
    page, paginator = paginate(request, profiles, per_page=PROFILES_PER_PAGE)
    query = request.GET.copy()
    query.pop(PAGE_PARAMETER, None)
    return TemplateResponse(
        request,
        "profiles/profile_index_page.html",
        {
            "page": index_page,
            "self": index_page,
            "form": form,
            "profiles": page,
            "paginator": paginator,
            "filter_query": query.urlencode(),
            "is_filtered": any(filters.values()),
        },
        status=status,
    )
