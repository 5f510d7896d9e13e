"""StreamField blocks for a pioneer's story: the shared blocks plus tools, tips and examples."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from learning.core.blocks import PracticeExampleBlock, QuoteBlock


class ToolBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("naam"), max_length=120)
    purpose = blocks.TextBlock(label=_("waarvoor het dient"), max_length=500)
    url = blocks.URLBlock(label=_("link"), required=False)

    class Meta:
        icon = "cogs"
        template = "blocks/profile_tool_block.html"
        label = _("Hulpmiddel")
        description = _("Een instrument, model of hulpmiddel dat de pionier gebruikte.")
        preview_value = {
            "name": "Circulaire bouwmatrix",
            "purpose": "Zet per bouwproject op een rij welke materialen hergebruikt kunnen worden.",
            "url": "https://example.org/bouwmatrix",
        }


class ToolsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("kop"), max_length=120, default="Hulpmiddelen")
    tools = blocks.ListBlock(ToolBlock(), label=_("hulpmiddelen"), min_num=1)

    class Meta:
        icon = "cogs"
        template = "blocks/profile_tools_block.html"
        label = _("Hulpmiddelen")
        description = _("Een lijst hulpmiddelen, elk met naam, waarvoor het dient en een link.")
        preview_value = {
            "heading": "Hulpmiddelen",
            "tools": [
                {
                    "name": "Circulaire bouwmatrix",
                    "purpose": "Zet per project op een rij welke materialen terug kunnen komen.",
                    "url": "https://example.org/bouwmatrix",
                }
            ],
        }


class TipsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("kop"), max_length=120, default="Tips")
    tips = blocks.ListBlock(blocks.TextBlock(label=_("tip"), max_length=400), label=_("tips"))

    class Meta:
        icon = "tick-inverse"
        template = "blocks/profile_tips_block.html"
        label = _("Tips")
        description = _("Praktische tips voor collega's die hetzelfde willen doen.")
        preview_value = {
            "heading": "Tips",
            "tips": [
                "Begin met één aanbesteding en leer van wat je tegenkomt.",
                "Betrek de inkoper vanaf de eerste schets.",
            ],
        }


class ProfileStoryBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Tekst"),
        icon="pilcrow",
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        template="blocks/paragraph_block.html",
        description=_("Lopende tekst met opmaak en links."),
        preview_value="<p>Het begon met één vraag: wat gooien we eigenlijk weg?</p>",
    )
    quote = QuoteBlock()
    tools = ToolsBlock()
    tips = TipsBlock()
    practice_example = PracticeExampleBlock()
