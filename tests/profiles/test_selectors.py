import pytest
from django.contrib.auth.models import AnonymousUser
from wagtail.models import PageViewRestriction

from learning.profiles.selectors import profiles_for_theme, profiles_related_to

from .conftest import bulk_profiles

pytestmark = pytest.mark.django_db


def test_profiles_for_theme_gives_visible_live_profiles_by_name(make_profile, themes, user):
    bouw, inkopen = themes["bouw"], themes["circulair-inkopen"]
    make_profile(title="Bea", themes=[bouw])
    make_profile(title="Abel", themes=[bouw, inkopen])
    make_profile(title="Concept", themes=[bouw], publish=False)
    make_profile(title="Alleen inkopen", themes=[inkopen])
    private = make_profile(title="Aad besloten", themes=[bouw])
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    anonymous = AnonymousUser()
    assert [p.title for p in profiles_for_theme(theme=bouw, user=anonymous)] == ["Abel", "Bea"]
    assert [p.title for p in profiles_for_theme(theme=bouw, user=user)] == [
        "Aad besloten",
        "Abel",
        "Bea",
    ]
    assert len(profiles_for_theme(theme=bouw, user=user, limit=1)) == 1


def test_profiles_for_theme_runs_constant_queries(
    profile_index, themes, django_assert_max_num_queries
):
    bouw = themes["bouw"]
    bulk_profiles(profile_index, 300, themes=[bouw])
    with django_assert_max_num_queries(5):
        profiles = profiles_for_theme(theme=bouw, user=AnonymousUser(), limit=50)
        for profile in profiles:
            list(profile.themes.all())
            str(profile.organisation)
            str(profile.portrait)
    assert len(profiles) == 50


def test_related_profiles_share_most_themes_first(make_profile, themes):
    bouw, inkopen = themes["bouw"], themes["circulair-inkopen"]
    afval = themes["afval-en-grondstoffen"]
    profile = make_profile(title="Hoofd", themes=[bouw, inkopen])
    make_profile(title="Een thema", themes=[inkopen])
    make_profile(title="Twee thema's", themes=[bouw, inkopen, afval])
    make_profile(title="Ander thema", themes=[afval])

    related = profiles_related_to(profile=profile, user=AnonymousUser())
    assert [p.title for p in related] == ["Twee thema's", "Een thema"]
    assert profiles_related_to(profile=make_profile(title="Zonder"), user=AnonymousUser()) == []
