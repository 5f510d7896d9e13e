"""Route fixtures: an organisation with its people in every role, and a media root on disk."""

import pytest
from django.contrib.auth.models import Group

from learning.accounts.models import ClaimState, OrganisationClaim
from learning.organisations.models import Organisation, OrganisationKind
from tests.factories import UserFactory
from tests.monitor.fixtures import (  # noqa: F401
    make_questionnaire,
    make_round,
    monitor_page,
    open_round,
    questionnaire,
)


def municipalities(count: int, province: str | None = None) -> list[Organisation]:
    queryset = Organisation.objects.filter(kind=OrganisationKind.GEMEENTE).order_by("cbs_code")
    if province:
        queryset = queryset.filter(province__name=province)
    return list(queryset[:count])


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return tmp_path


@pytest.fixture
def people(db):
    """Everyone of the access matrix, around one municipality in Gelderland."""
    home, other = municipalities(2, province="Gelderland")
    member = UserFactory(organisation=home)
    colleague = UserFactory(organisation=home)
    pending = UserFactory(organisation=None)
    OrganisationClaim.objects.create(
        user=pending, organisation=home, state=ClaimState.PENDING, explanation="Gedetacheerd"
    )
    outsider = UserFactory(organisation=other)
    coordinator = UserFactory(organisation=None)
    coordinator.groups.add(Group.objects.get(name="Coördinatoren"))
    editor = UserFactory(organisation=other, is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    return {
        "organisation": home,
        "other": other,
        "member": member,
        "colleague": colleague,
        "pending": pending,
        "outsider": outsider,
        "coordinator": coordinator,
        "editor": editor,
    }


@pytest.fixture
def monitored(people, make_round):  # noqa: F811
    """The organisation's submitted monitor: weak on Bouw (0) and ICT (1); Bouw's question
    points at a core theme with a national goal."""
    from learning.core.models import Theme
    from learning.knowledge.models import PolicyGoal
    from tests.monitor.fixtures import submit_responses

    round = make_round(year=2025, open_now=False)
    submit_responses(round, {people["organisation"]: [3, 3, 0, 1]})
    theme = Theme.objects.create(name="Circulair bouwen", slug="circulair-bouwen-test")
    round.questionnaire.questions.filter(theme="bouw").update(advice_theme=theme)
    goal = PolicyGoal.objects.create(
        title="50% circulair inkopen",
        goal_text="In 2030 koopt de overheid 100% circulair in.",
        target_year=2030,
        source="Rijksbreed programma Circulaire Economie",
    )
    goal.themes.add(theme)
    goal.save()  # a ParentalManyToManyField is written on save
    return {"round": round, "theme": theme, "goal": goal}
