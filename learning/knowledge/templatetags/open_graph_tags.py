"""Open Graph tags for every page: title, description, URL, type and (if any) image."""

from django import template
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

register = template.Library()

DEFAULT_DESCRIPTION = _(
    "Circulair Leren is het leerplatform voor ambtenaren van Nederlandse overheden die werken "
    "aan een circulaire economie."
)
# Page types that are an "article" to a link preview; everything else is a "website".
ARTICLE_TYPES = {"knowledgepage", "guidesteppage", "pioneerprofilepage"}
IMAGE_FIELDS = ("image", "portrait")


def _image(page):
    for field in IMAGE_FIELDS:
        image = getattr(page, field, None)
        if image is not None:
            alt_field = "image_alt" if field == "image" else "portrait_alt"
            return image, getattr(page, alt_field, "") or ""
    return None, ""


@register.inclusion_tag("knowledge/includes/open_graph.html", takes_context=True)
def open_graph(context):
    """The og:* values for the page being shown, or for a plain view (search, forms)."""
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page):
        page = None
    values = {
        "og_site_name": "Circulair Leren",
        "og_type": "website",
        "og_title": "Circulair Leren",
        "og_description": DEFAULT_DESCRIPTION,
        # The address without the query string: filters and page numbers are not the page.
        "og_url": request.build_absolute_uri(request.path) if request else "",
        "og_image": "",
        "og_image_alt": "",
    }
    if page is None:
        return values
    values["og_title"] = page.seo_title or page.title
    values["og_description"] = (
        page.search_description or getattr(page, "intro", "") or values["og_description"]
    )
    if page._meta.model_name in ARTICLE_TYPES:
        values["og_type"] = "article"
    image, alt = _image(page)
    if image is not None:
        rendition = image.get_rendition("fill-1200x630")
        url = rendition.url
        values["og_image"] = request.build_absolute_uri(url) if request else url
        values["og_image_alt"] = alt
    return values
