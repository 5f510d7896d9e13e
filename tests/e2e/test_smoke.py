"""A new civil servant signs up, verifies the address from the e-mail and logs in."""

import re

import pytest
from django.core import mail

from learning.accounts.models import User
from learning.organisations.models import Organisation, OrganisationDomain

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CONFIRM_LINK = re.compile(r"https?://\S+/accounts/confirm-email/\S+/")
EMAIL = "femke.devries@zwolle.example"
PASSWORD = "circulair-inkopen-2030"


def test_signup_verify_login_with_accessible_pages(page, live_server, axe_check):
    zwolle = Organisation.objects.get(cbs_code="GM0193")
    OrganisationDomain.objects.create(organisation=zwolle, domain="zwolle.example")
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "nl"
    axe_check(page)

    page.get_by_role("link", name="Account aanmaken").first.click()
    page.wait_for_url("**/accounts/signup/")
    axe_check(page)

    # Submitting an empty form shows Dutch errors and stays accessible.
    page.get_by_role("button", name=re.compile("Account aanmaken|Aanmelden|Registreren")).click()
    assert page.get_by_text("Kies de organisatie waar u werkt.").first.is_visible()
    axe_check(page)

    page.get_by_label("E-mailadres").fill(EMAIL)
    page.get_by_label("Volledige naam").fill("Femke de Vries")
    page.get_by_label("Organisatie").select_option(label="Zwolle")
    page.get_by_label("Uitvoering en inkoop").check()
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label(re.compile("Wachtwoord \\(opnieuw\\)|Wachtwoord herhalen")).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Account aanmaken|Aanmelden|Registreren")).click()
    page.wait_for_url("**/accounts/confirm-email/")

    user = User.objects.get(email=EMAIL)
    assert user.organisation_claims.get().organisation == zwolle  # verified on confirmation
    assert len(mail.outbox) == 1
    link = CONFIRM_LINK.search(mail.outbox[0].body).group(0)

    page.goto(link)
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(re.compile(r".*/accounts/profiel/$"))
    user.refresh_from_db()
    assert user.organisation == zwolle
    assert page.get_by_text("geverifieerd via @zwolle.example").first.is_visible()

    # Log out and in again with the verified address.
    page.get_by_role("button", name="Uitloggen").click()
    page.goto("/accounts/login/")
    axe_check(page)
    page.get_by_label("E-mailadres").fill(EMAIL)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r".*/accounts/profiel/$"))
    assert page.get_by_role("heading", level=1).inner_text().strip() != ""
    assert page.get_by_label("Volledige naam").input_value() == "Femke de Vries"


def test_accessibility_statement_and_the_403_page_are_accessible(
    page, live_server, axe_check, settings, tmp_path, password
):
    from django.contrib.auth.models import Group
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document
    from wagtail.models import Collection, CollectionViewRestriction

    from home import demo
    from tests.e2e.helpers import log_in
    from tests.factories import UserFactory

    demo.load()
    page.goto("/")
    page.get_by_role("link", name="Toegankelijkheidsverklaring").click()
    page.wait_for_url("**/toegankelijkheidsverklaring/")
    assert page.get_by_role("heading", name="Status: voldoet gedeeltelijk").is_visible()
    axe_check(page)

    # A logged-in person outside a private collection gets a 403 page, not a login loop.
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    collection = Collection.get_first_root_node().add_child(name="Alleen redactie")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name="Editors")])
    document = Document.objects.create(
        title="Intern", collection=collection, file=ContentFile(b"intern", name="intern.txt")
    )
    log_in(page, UserFactory(), password)
    response = page.goto(document.url)
    assert response.status == 403
    assert page.get_by_role("heading", name="Geen toegang").is_visible()
    axe_check(page)
