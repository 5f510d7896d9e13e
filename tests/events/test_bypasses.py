"""Issue 12: the two ways to take a seat of an organisation one does not (verifiably) work for.

Only through the site's own pages, as a person would, so the same test ran (and failed) on
the code before organisation claims existed.
"""

import re

import pytest
from django.core import mail

from learning.accounts.models import User
from learning.events.models import Registration, RegistrationStatus, WaitReason
from learning.organisations.models import Organisation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CONFIRM_LINK = re.compile(r"https?://\S+/accounts/confirm-email/\S+/")


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    def _post(url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {})

    return _post


def test_private_address_signing_up_for_amsterdam_gets_no_amsterdam_seat(
    client, post, make_masterclass
):
    amsterdam = Organisation.objects.get(cbs_code="GM0363")
    masterclass = make_masterclass(organisation_limit=3)
    post(
        "/accounts/signup/",
        {
            "email": "fan.van.amsterdam@gmail.example",
            "full_name": "Fan van Amsterdam",
            "organisation": amsterdam.pk,
            "explanation": "Ik werk daar echt.",
            "job_role": "uitvoering",
            "password1": "circulair-inkopen-2030",
            "password2": "circulair-inkopen-2030",
        },
    )
    link = CONFIRM_LINK.search(mail.outbox[0].body).group(0)
    post("/" + link.split("/", 3)[3])
    assert User.objects.get(email="fan.van.amsterdam@gmail.example").is_authenticated

    response = post(f"{masterclass.url}register/")

    assert response.status_code == 409
    page = response.content.decode()
    assert "Voor deze bijeenkomst telt alleen een bevestigde organisatie" in page
    assert "/accounts/profiel/" in page
    assert not Registration.objects.filter(event=masterclass).exists()


def test_fourth_colleague_switching_to_epe_gets_no_seat(client, post, make_masterclass):
    apeldoorn = Organisation.objects.get(cbs_code="GM0200")
    epe = Organisation.objects.get(cbs_code="GM0232")
    masterclass = make_masterclass(organisation_limit=3)
    colleagues = [UserFactory(organisation=apeldoorn) for _ in range(4)]
    for colleague in colleagues:
        client.force_login(colleague)
        post(f"{masterclass.url}register/")
    fourth = Registration.objects.get(user=colleagues[3])
    assert fourth.wait_reason == WaitReason.ORGANISATION_FULL

    post(f"{masterclass.url}cancel/", {"confirm": "yes"})
    post(
        "/accounts/profiel/",
        {
            "full_name": "Vierde Collega",
            "organisation": epe.pk,
            "job_role": "beleid",
            "explanation": "Ik werk nu voor Epe.",
        },
    )
    response = post(f"{masterclass.url}register/")

    assert response.status_code == 409
    assert "nog in behandeling bij een coördinator" in response.content.decode()
    confirmed = Registration.objects.filter(event=masterclass, status=RegistrationStatus.CONFIRMED)
    assert confirmed.count() == 3
    assert not confirmed.filter(user=colleagues[3]).exists()
