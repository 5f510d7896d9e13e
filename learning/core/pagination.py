from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator

PAGE_PARAMETER = "pagina"


def paginate(request, items, *, per_page: int) -> tuple[Page, Paginator]:
    """The requested page of ``items``; a bad or too-high page number gives the first or last."""
    paginator = Paginator(items, per_page)
    try:
        page = paginator.page(request.GET.get(PAGE_PARAMETER, 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return page, paginator
