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


class PracticeExampleBlock(blocks.StructBlock):
    """A practice example, in the knowledge base and in a pioneer's story: one block, one
    template (``blocks/practice_example_block.html``).

    The limits are the loosest of the two blocks it replaced, so stored examples stay valid;
    examples sent in from the site are held to the contribution form's limits.
    """

    title = blocks.CharBlock(label=_("titel"), max_length=160)
    organisation = blocks.CharBlock(label=_("organisatie"), max_length=150, required=False)
    situation = blocks.TextBlock(label=_("situatie"))
    approach = blocks.TextBlock(label=_("aanpak"))
    result = blocks.TextBlock(
        label=_("resultaat"),
        required=False,
        help_text=_("Bij voorkeur in cijfers: tonnen, euro's, procenten."),
    )
    contact = blocks.CharBlock(
        label=_("contact"),
        max_length=200,
        required=False,
        help_text=_("Naam, afdeling of e-mailadres voor wie meer wil weten."),
    )

    class Meta:
        icon = "pick"
        template = "blocks/practice_example_block.html"
        label = _("Praktijkvoorbeeld")
        description = _("Situatie, aanpak en resultaat van een overheid die het al deed.")
        preview_value = {
            "title": "Meubilair uit eigen voorraad",
            "organisation": "Gemeente Voorbeeld",
            "situation": "Het stadhuis werd verbouwd en alle werkplekken moesten worden vernieuwd.",
            "approach": "Bestaand meubilair werd geïnventariseerd en opgeknapt.",
            "result": "82% hergebruikt, 140 ton CO2 bespaard.",
        }


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
