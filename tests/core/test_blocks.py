"""One practice-example block for the knowledge base and the pioneers' stories."""

from learning.core.blocks import PracticeExampleBlock
from learning.knowledge.blocks import KnowledgeStreamBlock, PracticeExamplesBlock
from learning.profiles.blocks import ProfileStoryBlock

# As stored by the former profiles block (no organisation) and the former knowledge block.
PROFILE_EXAMPLE = {
    "title": "Fietspad van betonpuin",
    "situation": "Bij de sloop van een school kwam 800 ton beton vrij.",
    "approach": "Het puin is op locatie gebroken.",
    "result": "800 ton hergebruikt.",
    "contact": "Team Openbare Ruimte",
}
KNOWLEDGE_EXAMPLE = {
    "title": "Meubilair uit eigen voorraad",
    "organisation": "Gemeente Voorbeeld",
    "situation": "Het stadhuis werd verbouwd.",
    "approach": "Bestaand meubilair werd opgeknapt.",
    "result": "",
    "contact": "",
}


def test_every_stream_uses_the_one_block():
    for stream, name in (
        (ProfileStoryBlock(), "practice_example"),
        (KnowledgeStreamBlock(), "practice_example"),
        (PracticeExamplesBlock(), "example"),
    ):
        assert type(stream.child_blocks[name]) is PracticeExampleBlock


def test_stored_examples_of_both_former_blocks_stay_valid_and_render():
    block = PracticeExampleBlock()
    for raw in (PROFILE_EXAMPLE, KNOWLEDGE_EXAMPLE):
        value = block.clean(block.to_python(raw))
        html = block.render(value)
        assert f"Praktijkvoorbeeld: {raw['title']}" in html
        assert "<h3" in html
    assert "<h2" in block.render(block.to_python(PROFILE_EXAMPLE), {"example_heading_level": 2})
