from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class MaterialBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titel"), max_length=120)
    document = DocumentChooserBlock(label=_("document"), required=False)
    url = blocks.URLBlock(label=_("of een link"), required=False)
    description = blocks.TextBlock(label=_("toelichting"), required=False, max_length=300)

    class Meta:
        icon = "doc-full"
        template = "blocks/material_block.html"
        label = _("Materiaal")
        description = _("Een document of link voor deelnemers: sheets, handreiking, opdracht.")
        preview_value = {"title": "Handreiking circulair inkopen", "url": "https://example.org/"}


class MaterialsBlock(blocks.StreamBlock):
    material = MaterialBlock()
