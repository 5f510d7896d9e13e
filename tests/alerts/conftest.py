"""Themes, articles and pioneer profiles to follow (the knowledge and profiles fixtures)."""

import pytest

from learning.alerts.models import PioneerContact
from tests.factories import UserFactory
from tests.knowledge.conftest import (  # noqa: F401 (fixtures)
    bouw,
    inkopen,
    knowledge_index,
    make_article,
    make_theme_page,
)
from tests.profiles.conftest import make_profile, profile_index  # noqa: F401 (fixtures)


@pytest.fixture
def pioneer_with_account(make_profile):  # noqa: F811 (the fixture)
    """A published profile linked to the pioneer's own account, accepting messages."""
    profile = make_profile(title="Anouk Jansen")
    account = UserFactory(email="anouk.jansen@gemeente.example", full_name="Anouk Jansen")
    PioneerContact.objects.create(profile=profile, user=account)
    return profile, account
