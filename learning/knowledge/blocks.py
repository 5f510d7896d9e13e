"""StreamField blocks of the knowledge base: actions and practice examples for the guide."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from learning.core.blocks import BaseStreamBlock


class ActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("actie"), max_length=160)
    description = blocks.TextBlock(label=_("toelichting"), required=False, max_length=800)

    class Meta:
        icon = "tick"
        template = "blocks/knowledge_action_block.html"
        label = _("Actie")
        description = _("Een concrete stap die een gemeente kan zetten.")
        preview_value = {
            "title": "Stel een circulaire ambitie vast in de raad",
            "description": "Leg vast welk deel van de inkoop in 2030 circulair is.",
        }


class PracticeExampleBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titel"), max_length=160)
    organisation = blocks.CharBlock(label=_("organisatie"), max_length=150, required=False)
    situation = blocks.TextBlock(label=_("situatie"), max_length=1200)
    approach = blocks.TextBlock(label=_("aanpak"), max_length=2000)
    result = blocks.TextBlock(
        label=_("resultaat"),
        max_length=1200,
        required=False,
        help_text=_("Bij voorkeur in cijfers: tonnen, euro's, procenten."),
    )
    contact = blocks.CharBlock(label=_("contact"), max_length=200, required=False)

    class Meta:
        icon = "pick"
        template = "blocks/knowledge_practice_example_block.html"
        label = _("Praktijkvoorbeeld")
        description = _("Situatie, aanpak en resultaat van een overheid die het al deed.")
        preview_value = {
            "title": "Meubilair uit eigen voorraad",
            "organisation": "Gemeente Voorbeeld",
            "situation": "Het stadhuis werd verbouwd en alle werkplekken moesten worden vernieuwd.",
            "approach": "Bestaand meubilair werd geïnventariseerd en opgeknapt.",
            "result": "82% hergebruikt, 140 ton CO2 bespaard.",
        }


class ActionsBlock(blocks.StreamBlock):
    action = ActionBlock()


class PracticeExamplesBlock(blocks.StreamBlock):
    example = PracticeExampleBlock()


class KnowledgeStreamBlock(BaseStreamBlock):
    """The shared body blocks plus a practice example, for articles and guide steps."""

    practice_example = PracticeExampleBlock()
