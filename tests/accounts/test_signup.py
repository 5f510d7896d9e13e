"""Signing up, verifying the address and logging in, through allauth's real views."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from learning.accounts.models import JobRole, User
from learning.organisations.models import Organisation, OrganisationDomain

pytestmark = pytest.mark.django_db

CONFIRM_LINK = re.compile(r"https?://\S+/accounts/confirm-email/\S+/")


@pytest.fixture
def zwolle():
    zwolle = Organisation.objects.get(cbs_code="GM0193")
    OrganisationDomain.objects.create(organisation=zwolle, domain="zwolle.example")
    return zwolle


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """POST and run the on-commit callbacks (e-mail tasks) as a real commit would."""

    def _post(url, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return _post


def signup_data(org, **overrides):
    data = {
        "email": "Nina.Smit@Zwolle.example",
        "full_name": "Nina Smit",
        "organisation": org.pk,
        "job_role": JobRole.UITVOERING,
        "password1": "circulair-inkopen-2030",
        "password2": "circulair-inkopen-2030",
    }
    data.update(overrides)
    return data


def test_signup_creates_an_unverified_user_and_sends_a_dutch_confirmation(client, post, zwolle):
    response = post(reverse("account_signup"), signup_data(zwolle))
    assert response.status_code == 302
    user = User.objects.get(email="nina.smit@zwolle.example")
    assert user.full_name == "Nina Smit"
    # The address is on zwolle.example but not confirmed yet: counts for Zwolle once it is.
    assert user.organisation is None
    assert user.organisation_claims.get().state == "unconfirmed"
    assert user.job_role == JobRole.UITVOERING
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nina.smit@zwolle.example"]
    assert "Bevestig" in message.subject or "bevestig" in message.body.lower()
    assert CONFIRM_LINK.search(message.body)
    assert any(mimetype == "text/html" for _, mimetype in message.alternatives)


def test_unverified_user_cannot_log_in(client, post, zwolle):
    post(reverse("account_signup"), signup_data(zwolle))
    client.logout()
    response = client.post(
        reverse("account_login"),
        {"login": "nina.smit@zwolle.example", "password": "circulair-inkopen-2030"},
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_confirmation_link_verifies_and_logs_in(client, post, zwolle):
    post(reverse("account_signup"), signup_data(zwolle))
    link = CONFIRM_LINK.search(mail.outbox[0].body).group(0)
    path = "/" + link.split("/", 3)[3]
    assert client.get(path).status_code == 200
    response = post(path, {})
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="nina.smit@zwolle.example").verified
    assert client.session["_auth_user_id"] == str(User.objects.get().pk)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"organisation": ""}, "organisation", "Kies de organisatie waar u werkt."),
        ({"organisation": "999999"}, "organisation", "Kies een organisatie uit de lijst."),
        ({"email": "nina.smit@"}, "email", "Vul een e-mailadres in zoals naam@gemeente.nl."),
        ({"email": "geen adres"}, "email", "Vul een e-mailadres in zoals naam@gemeente.nl."),
        ({"email": ""}, "email", "Vul uw e-mailadres in."),
        ({"password2": ""}, "password2", "Vul het wachtwoord nog een keer in."),
        ({"full_name": ""}, "full_name", "Vul uw volledige naam in."),
        ({"job_role": "koning"}, "job_role", "Selecteer een geldige keuze"),
    ],
)
def test_invalid_signup_gets_a_dutch_message_and_creates_nothing(
    client, post, zwolle, overrides, field, message
):
    response = post(reverse("account_signup"), signup_data(zwolle, **overrides))
    assert response.status_code in (200, 400)
    form = response.context["form"]
    assert field in form.errors
    assert any(message in error for error in form.errors[field])
    assert message in response.content.decode()
    assert not User.objects.exists()
    assert not mail.outbox


def test_signup_with_an_existing_address_does_not_reveal_it(client, post, zwolle, user):
    data = signup_data(zwolle, email=user.email, explanation="Gedetacheerd bij Zwolle")
    response = post(reverse("account_signup"), data)
    # enumeration prevention: same outcome as a new address, the owner is told by e-mail
    assert response.status_code == 302
    assert User.objects.filter(email=user.email).count() == 1
    assert mail.outbox[0].to == [user.email]


def test_inactive_organisation_cannot_be_chosen(client, post, zwolle):
    zwolle.is_active = False
    zwolle.save()
    response = post(reverse("account_signup"), signup_data(zwolle))
    assert "Kies een organisatie uit de lijst." in response.content.decode()
    assert not User.objects.exists()


def test_wrong_password_gets_a_clear_dutch_message(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": "fout"})
    assert "Het e-mailadres of het wachtwoord klopt niet." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_page_is_dutch(client):
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'lang="nl"' in content
    assert "Wachtwoord" in content


def test_repeated_failed_logins_lock_the_account_for_a_while(client, user, password):
    url = reverse("account_login")
    for _ in range(5):
        client.post(url, {"login": user.email, "password": "fout"})
    response = client.post(url, {"login": user.email, "password": password})
    assert "Te veel inlogpogingen. Wacht vijf minuten" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_signup_with_an_address_of_the_organisation_is_verified_on_confirmation(
    client, post, zwolle
):
    post(reverse("account_signup"), signup_data(zwolle))
    link = CONFIRM_LINK.search(mail.outbox[0].body).group(0)
    post("/" + link.split("/", 3)[3], {})
    user = User.objects.get()
    assert user.organisation == zwolle
    claim = user.organisation_claims.get()
    assert (claim.state, claim.verified_domain) == ("verified", "zwolle.example")
    assert not claim.decided_by


def test_signup_with_a_private_address_needs_an_explanation_and_counts_for_nobody(
    client, post, zwolle
):
    """The bypass of the issue: a private address picking a municipality."""
    data = signup_data(zwolle, email="nina1984@gmail.example")
    response = post(reverse("account_signup"), data)
    assert response.status_code in (200, 400)
    assert "toelichting" in str(response.context["form"].errors["explanation"])
    assert not User.objects.exists()

    data["explanation"] = "Ik werk via de Regio Zwolle voor de gemeente."
    assert post(reverse("account_signup"), data).status_code == 302
    user = User.objects.get()
    assert user.organisation is None
    claim = user.organisation_claims.get()
    assert (claim.state, claim.organisation, claim.explanation) == (
        "pending",
        zwolle,
        "Ik werk via de Regio Zwolle voor de gemeente.",
    )
    # Confirming a private address proves nothing: still pending.
    link = CONFIRM_LINK.search(mail.outbox[0].body).group(0)
    post("/" + link.split("/", 3)[3], {})
    user.refresh_from_db()
    assert user.organisation is None
    claim.refresh_from_db()
    assert claim.state == "pending"
