"""Site navigation built from the page tree, as in bakerydemo: `{% main_menu %}`."""

from dataclasses import dataclass

from django import template
from wagtail.models import Page, Site

register = template.Library()


@dataclass(frozen=True)
class MenuItem:
    title: str
    url: str
    # "page" on the link to the page being shown, "true" on the section it lies in, else "".
    aria_current: str


def _aria_current(item: Page, current: Page | None) -> str:
    if current is None:
        return ""
    if current.path == item.path:
        return "page"
    if current.path.startswith(item.path):
        return "true"
    return ""


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context) -> dict:
    """The live, public pages marked "show in menus" directly below the site's root page.

    Restricted pages stay out: Wagtail only enforces view restrictions when serving a page.
    """
    request = context.get("request")
    site = Site.find_for_request(request)
    if site is None:
        return {"menu_items": []}
    current = context.get("page")
    if not isinstance(current, Page):
        # Non-Wagtail views may use "page" for something else, such as a paginator page.
        current = None
    pages = (
        Page.objects.child_of(site.root_page)
        .live()
        .public()
        .in_menu()
        .only("id", "title", "path", "depth", "url_path")
    )
    return {
        "menu_items": [
            MenuItem(
                title=page.title,
                url=page.get_url(request=request),
                aria_current=_aria_current(page, current),
            )
            for page in pages
        ]
    }
