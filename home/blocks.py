from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class FeaturedPageBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("pagina"))
    title = blocks.CharBlock(
        label=_("titel"), required=False, help_text=_("Leeg laten voor de titel van de pagina.")
    )
    text = blocks.TextBlock(label=_("korte tekst"), max_length=240)

    class Meta:
        icon = "pick"
        template = "blocks/featured_page_block.html"
        label = _("Uitgelichte pagina")
        description = _("Een kaart die naar een pagina verwijst, met een korte tekst.")
        preview_value = {"title": "Masterclasses circulair inkopen", "text": "Vier bijeenkomsten."}


class FeaturedStreamBlock(blocks.StreamBlock):
    featured_page = FeaturedPageBlock()

    class Meta:
        max_num = 6
