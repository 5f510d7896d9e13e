"""The password policy refuses the site's own words and the person's organisation."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from learning.accounts.models import JobRole, User
from learning.organisations.models import Organisation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SITE_WORDS_MESSAGE = "Dit wachtwoord lijkt te veel op de naam van deze site of van uw organisatie."


@pytest.fixture
def zwolle():
    return Organisation.objects.get(cbs_code="GM0193")


def refusal(password, user=None) -> str:
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    return " ".join(refused.value.messages)


@pytest.mark.parametrize(
    "password",
    [
        "Circulair2026!",
        "circulairleren2026",
        "Circulair-Leren-2026",
        "CIRKULAIR-2026!",
        "Leren2026!!",
    ],
)
def test_the_site_name_plus_a_year_is_refused_in_dutch(password):
    assert SITE_WORDS_MESSAGE in refusal(password)


def test_the_own_organisation_plus_a_year_is_refused(zwolle):
    user = UserFactory(organisation=zwolle)
    assert SITE_WORDS_MESSAGE in refusal("Zwolle2026!!", user)
    assert SITE_WORDS_MESSAGE in refusal("GemeenteZwolle#1", user)
    validate_password("Zwolle2026!!", UserFactory())  # another organisation: not a first guess


@pytest.mark.parametrize(
    "password", ["een-goed-wachtwoord-42", "circulair-inkopen-2030", "paarse-fiets-op-dak-7"]
)
def test_passwords_with_more_than_the_site_name_pass(password, zwolle):
    validate_password(password, UserFactory(organisation=zwolle))


def signup(client, org, password):
    return client.post(
        reverse("account_signup"),
        {
            "email": "nina.smit@zwolle.example",
            "full_name": "Nina Smit",
            "organisation": org.pk,
            "job_role": JobRole.UITVOERING,
            "password1": password,
            "password2": password,
        },
    )


@pytest.mark.parametrize("password", ["Circulair2026!", "circulairleren2026", "Zwolle2026!!"])
def test_signup_refuses_site_and_organisation_words(client, zwolle, password):
    response = signup(client, zwolle, password)
    assert response.status_code == 200
    assert SITE_WORDS_MESSAGE in response.content.decode()
    assert not User.objects.filter(email="nina.smit@zwolle.example").exists()
