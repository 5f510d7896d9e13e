import pytest

from learning.profiles import demo
from learning.profiles.models import PioneerProfilePage

pytestmark = pytest.mark.django_db


def test_demo_pioneers_are_published_across_themes_and_provinces(demo_database, client):
    # A second run doubles nothing: tests/home/test_pages.py::test_load_demo_twice_changes_nothing.

    profiles = PioneerProfilePage.objects.live().prefetch_related("themes")
    assert profiles.count() == len(demo.PROFILES) >= 8
    assert len({profile.province for profile in profiles}) >= 6
    assert len({theme.slug for profile in profiles for theme in profile.themes.all()}) == 7
    assert all(profile.has_consent and profile.portrait_id for profile in profiles)
    assert {profile.organisation.kind for profile in profiles} == {
        "gemeente",
        "provincie",
        "waterschap",
    }
    kinds = {block.block_type for profile in profiles for block in profile.story}
    assert {"tools", "tips", "practice_example"} <= kinds

    response = client.get("/pioniers/", {"zoek": "maaisel"})
    assert [profile.title for profile in response.context["profiles"].object_list] == [
        "Sietske Hoekstra"
    ]
