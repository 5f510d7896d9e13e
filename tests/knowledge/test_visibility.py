"""Pages shared with participants: Wagtail view restrictions that follow registrations, and
private pages that never show up for people who may not see them."""

import pytest
from django.contrib.auth.models import AnonymousUser
from wagtail.models import PageViewRestriction

from learning.events import services as event_services
from learning.knowledge import selectors, services
from learning.knowledge.models import ParticipantGroup, Visibility

pytestmark = pytest.mark.django_db


@pytest.fixture
def masterclass(make_masterclass):
    return make_masterclass(title="Circulair uitvragen")


@pytest.fixture
def private_article(make_article, masterclass, bouw):
    return make_article(
        title="Verslag en sheets van de masterclass",
        themes=[bouw],
        visibility=Visibility.PARTICIPANTS,
        shared_with=masterclass,
        body=[("paragraph", "<p>Alleen voor deelnemers: de uitvraag van Zwolle.</p>")],
    )


@pytest.fixture
def participant(make_user, masterclass):
    user = make_user()
    event_services.registration_create(event=masterclass, user=user)
    return user


def test_sharing_restricts_the_page_to_the_participants_group(private_article, masterclass):
    restriction = PageViewRestriction.objects.get(page=private_article)
    participant_group = ParticipantGroup.objects.get(page_id=masterclass.pk)
    assert restriction.restriction_type == PageViewRestriction.GROUPS
    assert list(restriction.groups.all()) == [participant_group.group]
    assert participant_group.group.name == "Deelnemers Circulair uitvragen"


def test_making_a_page_public_again_lifts_the_restriction(private_article):
    private_article.visibility = Visibility.PUBLIC
    private_article.save_revision().publish()
    assert not PageViewRestriction.objects.filter(page=private_article).exists()


def test_group_membership_follows_registrations(private_article, masterclass, make_user):
    group = ParticipantGroup.objects.get(page_id=masterclass.pk).group
    user = make_user()
    registration = event_services.registration_create(event=masterclass, user=user)
    assert group.user_set.filter(pk=user.pk).exists()

    event_services.registration_cancel(registration=registration, actor=user)
    assert not group.user_set.filter(pk=user.pk).exists()


def test_people_registered_before_the_page_was_shared_are_members(
    participant, private_article, masterclass
):
    group = ParticipantGroup.objects.get(page_id=masterclass.pk).group
    assert group.user_set.filter(pk=participant.pk).exists()


def test_waiting_list_is_not_a_participant(make_masterclass, make_article, make_user):
    full = make_masterclass(title="Kleine groep", capacity=1)
    make_article(visibility=Visibility.PARTICIPANTS, shared_with=full)
    first, second = make_user(), make_user()
    event_services.registration_create(event=full, user=first)
    event_services.registration_create(event=full, user=second)
    group = ParticipantGroup.objects.get(page_id=full.pk).group
    assert set(group.user_set.values_list("pk", flat=True)) == {first.pk}


def test_sharing_with_a_programme_covers_its_masterclasses(
    programme, make_masterclass, make_article, make_user
):
    article = make_article(visibility=Visibility.PARTICIPANTS, shared_with=programme)
    masterclass = make_masterclass()
    user = make_user()
    event_services.registration_create(event=masterclass, user=user)
    group = ParticipantGroup.objects.get(page_id=programme.pk).group
    assert group.user_set.filter(pk=user.pk).exists()
    assert PageViewRestriction.objects.get(page=article).groups.get() == group


def test_page_needs_an_activity_when_shared(knowledge_index):
    from django.core.exceptions import ValidationError

    from learning.knowledge.models import KnowledgePage

    page = KnowledgePage(
        title="Zonder activiteit", intro="x", visibility=Visibility.PARTICIPANTS, body=[]
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "shared_with" in error.value.message_dict


def test_only_participants_open_the_page(client, private_article, participant, make_user):
    response = client.get(private_article.url)
    assert response.status_code == 302  # to the login page

    client.force_login(make_user())
    response = client.get(private_article.url)
    assert response.status_code == 302  # Wagtail sends a non-member to log in as someone else
    assert "de uitvraag van Zwolle" not in response.content.decode()

    client.force_login(participant)
    response = client.get(private_article.url)
    assert response.status_code == 200
    assert "de uitvraag van Zwolle" in response.content.decode()


def test_private_page_not_in_listings_for_others(
    client, private_article, participant, make_user, make_theme_page, bouw, knowledge_index
):
    theme_page = make_theme_page(bouw)
    for user in (None, make_user()):
        if user:
            client.force_login(user)
        for url in (knowledge_index.url, theme_page.url, knowledge_index.url + "?zoek=uitvraag"):
            assert private_article.title not in client.get(url).content.decode(), url
        assert private_article.title not in client.get("/zoeken/?q=Zwolle").content.decode()

    client.force_login(participant)
    assert private_article.title in client.get(knowledge_index.url).content.decode()
    assert private_article.title in client.get(theme_page.url).content.decode()


def test_selectors_hide_private_pages(private_article, participant, make_user, bouw):
    for user in (AnonymousUser(), make_user()):
        assert private_article not in list(selectors.articles_visible_to(user=user))
        assert private_article not in list(selectors.articles_filtered(user=user, query="Zwolle"))
    assert private_article in list(selectors.articles_visible_to(user=participant))
    assert private_article in list(selectors.articles_filtered(user=participant, query="Zwolle"))


def test_private_page_not_in_feeds_or_sitemap(client, private_article, participant, make_article):
    public = make_article(title="Openbaar artikel over hergebruik")
    client.force_login(participant)  # even for a participant: feeds are public
    for url in ("/kennisbank.rss", "/kennisbank.atom", "/sitemap.xml"):
        content = client.get(url).content.decode()
        assert private_article.url not in content and private_article.title not in content, url
        assert public.url in content or public.title in content, url


def test_resync_removes_people_who_are_no_longer_confirmed(private_article, masterclass):
    participant_group = ParticipantGroup.objects.get(page_id=masterclass.pk)
    from tests.factories import UserFactory

    stray = UserFactory()
    participant_group.group.user_set.add(stray)
    added, removed = services.participant_group_sync(participant_group=participant_group)
    assert (added, removed) == (0, 1)


def test_sharing_after_registrations_were_cached_still_syncs(
    make_masterclass, make_article, make_user, django_assert_max_num_queries
):
    """Which pages have a participants' group is cached (no query per registration); making
    a group deletes that cache entry, so the next registration joins the new group."""
    masterclass = make_masterclass(title="Later gedeeld")
    first = make_user()
    event_services.registration_create(event=masterclass, user=first)  # caches "nothing shared"
    assert services.shared_paths() == frozenset()
    with django_assert_max_num_queries(0):
        services.shared_paths()

    make_article(visibility=Visibility.PARTICIPANTS, shared_with=masterclass)
    assert services.shared_paths() == {masterclass.path}
    second = make_user()
    event_services.registration_create(event=masterclass, user=second)
    group = ParticipantGroup.objects.get(page_id=masterclass.pk).group
    assert set(group.user_set.values_list("pk", flat=True)) == {first.pk, second.pk}

    ParticipantGroup.objects.filter(page_id=masterclass.pk).delete()
    assert services.shared_paths() == frozenset()
