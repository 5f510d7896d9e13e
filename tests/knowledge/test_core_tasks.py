"""Core tasks ("kerntaken"): seeded, tagged on articles, goals, initiatives, pioneers and
questions; a page per core task with its tips; the directory, the knowledge base and the
pioneers filter by core task with a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning.core.models import CoreTask
from learning.knowledge.models import (
    CoreTaskIndexPage,
    CoreTaskPage,
    Initiative,
    InitiativeKind,
    PolicyGoal,
)
from learning.profiles.models import PioneerProfilePage, ProfileIndexPage
from tests.profiles.conftest import CONSENT, bulk_profiles

pytestmark = pytest.mark.django_db

CORE_TASK_SLUGS = [
    "inkoop",
    "ruimtelijke-ordening-en-omgevingswet",
    "vergunningverlening-en-handhaving",
    "afval-en-grondstoffen",
    "economische-zaken",
    "vastgoed-en-beheer-openbare-ruimte",
    "communicatie-en-participatie",
    "bedrijfsvoering",
]


@pytest.fixture
def inkoop():
    return CoreTask.objects.get(slug="inkoop")


@pytest.fixture
def handhaving():
    return CoreTask.objects.get(slug="vergunningverlening-en-handhaving")


@pytest.fixture
def core_task_page(knowledge_index, inkoop):
    index = CoreTaskIndexPage(title="Tips per kerntaak", slug="kerntaken")
    knowledge_index.add_child(instance=index)
    index.save_revision().publish()
    page = CoreTaskPage(
        title="Inkoop",
        slug="inkoop",
        core_task=inkoop,
        intro="Circulair inkopen begint bij de behoefte.",
        tips=[
            (
                "tip",
                {
                    "title": "Stel de behoefte ter discussie",
                    "text": "<p>Vraag wat er al is.</p>",
                    "link": None,
                },
            ),
            ("tip", {"title": "Ga in gesprek met de markt", "text": "", "link": None}),
        ],
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def profile_index(home):
    index = ProfileIndexPage(title="Pioniers", slug="pioniers")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_initiative(name, *, core_tasks=(), themes=(), kind=InitiativeKind.NETWORK):
    initiative = Initiative.objects.create(name=name, kind=kind, description="Een netwerk.")
    initiative.core_tasks.set(core_tasks)
    initiative.themes.set(themes)
    initiative.save()
    return initiative


def test_the_eight_core_tasks_exist_after_migrating():
    assert list(CoreTask.objects.values_list("slug", flat=True)) == CORE_TASK_SLUGS
    assert CoreTask.objects.get(slug="inkoop").name == "Inkoop"


def test_core_task_page_shows_its_tips_and_what_is_tagged_with_it(
    client, core_task_page, inkoop, handhaving, make_article, profile_index
):
    tagged = make_article(title="Zo schrijft u een circulaire uitvraag", core_tasks=[inkoop])
    make_article(title="Toezicht op reststromen", core_tasks=[handhaving])
    goal = PolicyGoal.objects.create(
        title="De helft van de inkoop circulair", goal_text="50%.", source="Rijksoverheid"
    )
    goal.core_tasks.set([inkoop])
    goal.save()
    profile = PioneerProfilePage(
        title="Marloes Inkoop", slug="marloes", job_title="Inkoper", **CONSENT
    )
    profile.core_tasks = [inkoop]
    profile_index.add_child(instance=profile)
    profile.save_revision().publish()

    response = client.get(core_task_page.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert '<ol class="tip-list">' in content
    assert "Stel de behoefte ter discussie" in content
    assert "Vraag wat er al is." in content
    assert tagged.title in content
    assert "Toezicht op reststromen" not in content
    assert goal.title in content
    assert "Marloes Inkoop" in content
    index_response = client.get(core_task_page.get_parent().url)
    assert index_response.status_code == 200
    assert core_task_page.url in index_response.content.decode()


def test_articles_filter_by_core_task(client, knowledge_index, make_article, inkoop, handhaving):
    make_article(title="Artikel over inkoop", core_tasks=[inkoop])
    make_article(title="Artikel over handhaving", core_tasks=[handhaving])
    response = client.get(knowledge_index.url, {"kerntaak": "inkoop"})
    titles = [article.title for article in response.context["articles"].object_list]
    assert titles == ["Artikel over inkoop"]
    assert client.get(knowledge_index.url, {"kerntaak": "bestaat-niet"}).status_code == 400


def test_directory_filters_by_core_task(client, directory, inkoop, handhaving):
    make_initiative("Inkoopnetwerk", core_tasks=[inkoop])
    make_initiative("Omgevingsdienst", core_tasks=[handhaving])
    response = client.get(directory.url, {"kerntaak": "inkoop"})
    assert response.status_code == 200
    names = [initiative.name for initiative in response.context["initiatives"].object_list]
    assert names == ["Inkoopnetwerk"]
    content = response.content.decode()
    # The filter is a labelled select in the GET form; the card names its core tasks.
    assert '<label class="utrecht-form-label" for="id_kerntaak">' in content
    assert "Kerntaken" in content and "Inkoop" in content


def test_directory_refuses_an_unknown_core_task_in_dutch(client, directory):
    response = client.get(directory.url, {"kerntaak": "<script>"})
    assert response.status_code == 400
    assert "Kies een kerntaak uit de lijst." in response.content.decode()


def _queries(client, url, query) -> int:
    # Cold, as the second request below is: adding content replaces the cache's generation.
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, query)
    assert response.status_code == 200
    return len(captured)


def test_directory_with_core_task_filter_runs_a_constant_number_of_queries(
    client, directory, inkoop, handhaving, bouw, django_assert_max_num_queries
):
    for number in range(5):
        make_initiative(f"Initiatief {number:03d}", core_tasks=[inkoop, handhaving], themes=[bouw])
    with_five = _queries(client, directory.url, {"kerntaak": "inkoop"})
    for number in range(5, 60):
        make_initiative(f"Initiatief {number:03d}", core_tasks=[inkoop, handhaving], themes=[bouw])
    with django_assert_max_num_queries(with_five):
        response = client.get(directory.url, {"kerntaak": "inkoop"})
    assert response.context["paginator"].count == 60


def test_profiles_filter_by_core_task(client, profile_index, inkoop, handhaving):
    for title, core_task in (("Ineke Inkoop", inkoop), ("Hans Handhaving", handhaving)):
        profile = PioneerProfilePage(
            title=title, slug=title.lower().replace(" ", "-"), job_title="Adviseur", **CONSENT
        )
        profile.core_tasks = [core_task]
        profile_index.add_child(instance=profile)
        profile.save_revision().publish()
    response = client.get(profile_index.url, {"kerntaak": "inkoop"})
    assert response.status_code == 200
    titles = [profile.title for profile in response.context["profiles"].object_list]
    assert titles == ["Ineke Inkoop"]
    refused = client.get(profile_index.url, {"kerntaak": "onbekend"})
    assert refused.status_code == 400
    assert "Kies een kerntaak uit de lijst." in refused.content.decode()


def test_profiles_with_core_task_filter_run_a_constant_number_of_queries(
    client, profile_index, inkoop, django_assert_max_num_queries
):
    def add(count):
        pages = bulk_profiles(profile_index, count)
        Through = PioneerProfilePage.core_tasks.through
        Through.objects.bulk_create(
            Through(pioneerprofilepage_id=page.pk, coretask_id=inkoop.pk) for page in pages
        )

    add(10)
    with_ten = _queries(client, profile_index.url, {"kerntaak": "inkoop"})
    add(290)
    with django_assert_max_num_queries(with_ten):
        response = client.get(profile_index.url, {"kerntaak": "inkoop"})
    assert response.context["paginator"].count == 300


def test_core_task_page_queries_constant_as_tagged_content_grows(
    client, core_task_page, inkoop, make_article, django_assert_max_num_queries
):
    for _ in range(2):
        make_article(core_tasks=[inkoop])
    with_two = _queries(client, core_task_page.url, {})
    for _ in range(12):
        make_article(core_tasks=[inkoop])
    with django_assert_max_num_queries(with_two):
        assert client.get(core_task_page.url).status_code == 200
