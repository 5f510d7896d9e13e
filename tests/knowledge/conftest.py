"""Pages of the knowledge base for the tests: the Kennisbank, theme pages, articles, guide."""

import pytest

from learning.core.models import Theme
from learning.knowledge.models import (
    DirectoryPage,
    GuidePage,
    GuideStepPage,
    KnowledgeIndexPage,
    KnowledgePage,
    ThemePage,
)
from tests.base_tree import BaseTree, base_page


def _paragraph(text):
    return [("paragraph", f"<p>{text}</p>")]


@base_page("knowledge_index")
def build_knowledge_index(home):
    index = KnowledgeIndexPage(
        title="Kennisbank", slug="kennisbank", intro="Wat andere overheden al deden."
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def knowledge_index(home, base_tree):
    return BaseTree.page("knowledge_index") or build_knowledge_index(home)


@pytest.fixture
def bouw():
    return Theme.objects.get(slug="bouw")


@pytest.fixture
def inkopen():
    return Theme.objects.get(slug="circulair-inkopen")


@pytest.fixture
def make_theme_page(knowledge_index):
    def _make(theme):
        page = ThemePage(title=theme.name, slug=theme.slug, theme=theme, intro=f"Over {theme}.")
        knowledge_index.add_child(instance=page)
        page.save_revision().publish()
        return page

    return _make


@pytest.fixture
def make_article(knowledge_index):
    counter = iter(range(1, 100_000))

    def _make(themes=(), publish=True, **fields):
        number = next(counter)
        values = {
            "title": f"Circulair bouwen in de praktijk {number}",
            "slug": f"artikel-{number}",
            "intro": "Hoe een gemeente bouwmaterialen hergebruikt.",
            "body": _paragraph("Begin met een materialenpaspoort."),
            **fields,
        }
        article = KnowledgePage(**values)
        article.themes = list(themes)
        knowledge_index.add_child(instance=article)
        if publish:
            article.save_revision().publish()
            article.refresh_from_db()
        return article

    return _make


@pytest.fixture
def guide(knowledge_index):
    page = GuidePage(
        title="Handreiking circulaire gemeente",
        slug="handreiking",
        intro="De stappen die een gemeente kan zetten.",
    )
    knowledge_index.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def make_step(guide):
    counter = iter(range(1, 1000))

    def _make(title=None, themes=(), **fields):
        number = next(counter)
        step = GuideStepPage(
            title=title or f"Stap {number}",
            slug=f"stap-{number}",
            intro="Wat u in deze stap doet.",
            actions=[("action", {"title": "Stel een ambitie vast", "description": ""})],
            **fields,
        )
        step.themes = list(themes)
        guide.add_child(instance=step)
        step.save_revision().publish()
        return step

    return _make


@pytest.fixture
def directory(knowledge_index):
    page = DirectoryPage(title="Organisaties en initiatieven", slug="initiatieven")
    knowledge_index.add_child(instance=page)
    page.save_revision().publish()
    return page
