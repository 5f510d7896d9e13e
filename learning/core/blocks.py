"""StreamField blocks shared by every page body (one BaseStreamBlock, as in bakerydemo)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("tekst"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("niveau"),
        choices=[("h2", _("Kop 2")), ("h3", _("Kop 3")), ("h4", _("Kop 4"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Tussenkop")
        description = _("Een tussenkop die de tekst in delen opdeelt.")
        preview_value = {"text": "Zo pakte de gemeente het aan", "level": "h2"}


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("citaat"))
    attribution = blocks.CharBlock(label=_("naam en functie"), required=False)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Citaat")
        description = _("Een uitspraak, met naam en functie van wie het zei.")
        preview_value = {
            "text": "Begin klein, met één aanbesteding, en leer van wat je tegenkomt.",
            "attribution": "Inkoopadviseur, gemeente",
        }


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("knoptekst"), max_length=80)
    page = blocks.PageChooserBlock(label=_("pagina"), required=False)
    url = blocks.URLBlock(label=_("of een adres"), required=False)

    class Meta:
        icon = "link"
        template = "blocks/call_to_action_block.html"
        label = _("Knop")
        description = _("Een opvallende link naar een pagina of adres.")
        preview_value = {"text": "Bekijk de agenda", "url": "https://example.org/agenda/"}


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Tekst"),
        icon="pilcrow",
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
        template="blocks/paragraph_block.html",
        description=_("Lopende tekst met opmaak en links."),
        preview_value="<p>Circulair inkopen begint bij de vraag wat u echt nodig hebt.</p>",
    )
    image = ImageBlock(
        label=_("Afbeelding"),
        template="blocks/image_block.html",
        description=_("Een afbeelding met verplichte alt-tekst."),
    )
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
