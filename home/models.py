from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from learning.core import homeblocks
from learning.core.blocks import BaseStreamBlock
from learning.core.sitecache import child_page

from .blocks import FeaturedStreamBlock


class HomePage(Page):
    """The site's front page: what the platform is for and what is featured."""

    intro = models.TextField(
        _("introductie"),
        max_length=400,
        help_text=_("Eén of twee zinnen onder de titel: voor wie en waarvoor is dit platform."),
    )
    body = RichTextField(_("tekst"), blank=True, features=["bold", "italic", "link", "ul"])
    featured_heading = models.CharField(
        _("kop boven uitgelicht"), max_length=80, default="Uitgelicht"
    )
    featured = StreamField(FeaturedStreamBlock(), verbose_name=_("uitgelicht"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("featured_heading"),
        FieldPanel("featured"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("startpagina")

    def route(self, request, path_components):
        """Wagtail's routing, with the sections below the home page (the agenda, the pioneers,
        the knowledge base …) from the site cache: two queries less for every page below."""
        if path_components:
            child = child_page(self, path_components[0])
            if child is not None:
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        """The apps' blocks (learning.core.homeblocks): for a person who is logged in their own
        next steps first, then for everyone what the platform offers."""
        context = super().get_context(request, *args, **kwargs)
        context["personal_blocks"] = (
            _blocks(request, homeblocks.PERSONAL) if request.user.is_authenticated else []
        )
        context["offer_blocks"] = _blocks(request, homeblocks.ANONYMOUS)
        return context


def _blocks(request, audience: str) -> list[dict]:
    shown = []
    for block in homeblocks.blocks_for(audience=audience):
        block_context = block.context(request=request)
        if block_context is not None:
            shown.append({"name": block.name, "template": block.template, "context": block_context})
    return shown


class ContentPage(Page):
    """A page of text: about the platform, the privacy statement, the accessibility statement."""

    intro = models.TextField(_("introductie"), max_length=400, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("inhoud"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("tekstpagina")
        verbose_name_plural = _("tekstpagina's")
