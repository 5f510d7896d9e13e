"""Site navigation built from the page tree, as in bakerydemo: `{% main_menu %}`."""

from dataclasses import dataclass

from django import template
from wagtail.models import Page

from learning.core.sitecache import generation, menu_pages, site_footer, site_for_request

register = template.Library()


@dataclass(frozen=True)
class MenuItem:
    title: str
    url: str
    # "page" on the link to the page being shown, "true" on the section it lies in, else "".
    aria_current: str


def _aria_current(path: str, current: Page | None) -> str:
    if current is None:
        return ""
    if current.path == path:
        return "page"
    if current.path.startswith(path):
        return "true"
    return ""


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context) -> dict:
    """The live, public pages marked "show in menus" directly below the site's root page
    (cached: see learning.core.sitecache).

    Restricted pages stay out: Wagtail only enforces view restrictions when serving a page.
    """
    request = context.get("request")
    site = site_for_request(request) if request is not None else None
    if site is None:
        return {"menu_items": []}
    current = context.get("page")
    if not isinstance(current, Page):
        # Non-Wagtail views may use "page" for something else, such as a paginator page.
        current = None
    return {
        "menu_items": [
            MenuItem(
                title=item["title"],
                url=item["url"],
                aria_current=_aria_current(item["path"], current),
            )
            for item in menu_pages(site, request)
        ]
    }


@register.simple_tag(takes_context=True)
def footer_links(context) -> dict:
    """The footer's text, contact address and statement links from the site settings (cached:
    see learning.core.sitecache)."""
    request = context.get("request")
    site = site_for_request(request) if request is not None else None
    if site is None:
        return {}
    return site_footer(site)


@register.simple_tag
def content_generation() -> str:
    """The site content's generation (learning.core.sitecache) for a ``{% cache %}`` key; empty
    when there is no cache, and then nothing should be cached."""
    return generation() or ""
