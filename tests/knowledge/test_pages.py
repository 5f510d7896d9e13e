"""The knowledge base pages render, with their sections, for anyone who may see them."""

import pytest

pytestmark = pytest.mark.django_db


def test_index_theme_article_guide_and_directory_render(
    client, knowledge_index, make_theme_page, bouw, make_article, guide, make_step, directory
):
    theme_page = make_theme_page(bouw)
    article = make_article(themes=[bouw], title="Hergebruik van beton")
    step = make_step(title="Visie en beleid", themes=[bouw])

    response = client.get(knowledge_index.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Hergebruik van beton" in content
    assert theme_page.url in content
    assert guide.url in content
    assert directory.url in content

    response = client.get(theme_page.url)
    assert response.status_code == 200
    assert "Hergebruik van beton" in response.content.decode()
    assert "Visie en beleid" in response.content.decode()

    assert client.get(article.url).status_code == 200
    assert client.get(guide.url).status_code == 200
    response = client.get(step.url)
    assert response.status_code == 200
    assert "Stel een ambitie vast" in response.content.decode()
    assert client.get(directory.url).status_code == 200
