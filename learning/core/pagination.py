from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator

PAGE_PARAMETER = "pagina"


def paginate(request, items, *, per_page: int, count: int | None = None) -> tuple[Page, Paginator]:
    """The requested page of ``items``; a bad or too-high page number gives the first or last.

    ``count``: the number of items when already known (from the cache), so nothing is counted;
    the page's items stay an unevaluated slice of ``items``."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count  # a cached_property: set, it is not computed
    try:
        page = paginator.page(request.GET.get(PAGE_PARAMETER, 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return page, paginator
