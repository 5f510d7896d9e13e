"""StreamField blocks of the knowledge base: actions and practice examples for the guide."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from learning.core.blocks import BaseStreamBlock, PracticeExampleBlock


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


class ActionsBlock(blocks.StreamBlock):
    action = ActionBlock()


class PracticeExamplesBlock(blocks.StreamBlock):
    example = PracticeExampleBlock()


class KnowledgeStreamBlock(BaseStreamBlock):
    """The shared body blocks plus a practice example, for articles and guide steps."""

    practice_example = PracticeExampleBlock()


class TipBlock(blocks.StructBlock):
    """One tip for a core task: a short instruction, why it helps, and where to read more."""

    title = blocks.CharBlock(label=_("tip"), max_length=160)
    text = blocks.RichTextBlock(
        label=_("toelichting"), features=["bold", "italic", "link", "ul", "ol"], required=False
    )
    link = blocks.PageChooserBlock(label=_("lees verder"), required=False)

    class Meta:
        icon = "help"
        template = "blocks/knowledge_tip_block.html"
        label = _("Tip")
        description = _("Een concrete tip voor wie deze kerntaak uitvoert.")
        preview_value = {
            "title": "Vraag bij elke aanbesteding naar hergebruik",
            "text": "<p>Neem een gunningscriterium op voor hergebruikte materialen.</p>",
        }


class TipsBlock(blocks.StreamBlock):
    tip = TipBlock()
