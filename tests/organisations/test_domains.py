"""E-mail domains of organisations: shape, uniqueness, the admin and the CSV import."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from learning.organisations.models import Organisation, OrganisationDomain
from learning.organisations.selectors import organisation_domain_for_email
from learning.organisations.services import (
    OrganisationError,
    domain_add,
    domains_import,
    domains_import_check,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/snippets/organisations/organisationdomain/"
IMPORT_URL = LIST_URL + "importeren/"


@pytest.fixture
def apeldoorn():
    return Organisation.objects.get(cbs_code="GM0200")


@pytest.fixture
def coordinator_client(client):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Coördinatoren"))
    client.force_login(user)
    return client


@pytest.mark.parametrize("value", ["gmail", "@@apeldoorn.nl", "https://apeldoorn.nl", "a b.nl", ""])
def test_a_domain_in_a_wrong_shape_is_refused_in_dutch(apeldoorn, value):
    with pytest.raises(OrganisationError) as error:
        domain_add(organisation=apeldoorn, domain=value)
    assert error.value.code == "invalid_domain"
    assert "domeinnaam" in str(error.value.message)
    assert not OrganisationDomain.objects.exists()


def test_domains_are_stored_lower_case_and_only_once(apeldoorn):
    domain = domain_add(organisation=apeldoorn, domain=" @Apeldoorn.NL ")
    assert domain.domain == "apeldoorn.nl"
    epe = Organisation.objects.get(cbs_code="GM0232")
    with pytest.raises(OrganisationError) as error:
        domain_add(organisation=epe, domain="APELDOORN.nl")
    assert error.value.code == "duplicate_domain"
    assert organisation_domain_for_email("x@inkoop.apeldoorn.nl").organisation == apeldoorn
    assert organisation_domain_for_email("x@apeldoorn.nl.evil.example") is None


def test_import_check_reports_refused_rows_and_writes_nothing(apeldoorn):
    domain_add(organisation=apeldoorn, domain="apeldoorn.nl")
    data = (
        b"cbs_code,domain\n"
        b"GM0232,epe.nl\n"
        b"GM0200,apeldoorn.nl\n"
        b"GM9999,nergens.nl\n"
        b"GM0232,geen domein\n"
        b"GM0363,amsterdam.nl,extra\n"
        b"GM0363,EPE.nl\n"
    )
    report = domains_import_check(data=data)
    assert [row.domain for row in report.accepted] == ["epe.nl"]
    errors = {row.line: row.error for row in report.refused}
    assert "Apeldoorn" in errors[3]
    assert "Onbekende CBS-code" in errors[4]
    assert "domeinnaam" in errors[5]
    assert "twee kolommen" in errors[6]
    assert "regel 2" in errors[7]
    assert OrganisationDomain.objects.count() == 1

    report = domains_import(data=data)
    assert report.created == 1
    assert set(OrganisationDomain.objects.values_list("domain", flat=True)) == {
        "apeldoorn.nl",
        "epe.nl",
    }


@pytest.mark.parametrize(
    "data", [b"", b"\x00\x01\x02binary", b"GM0200;apeldoorn.nl;" * 1 + b"\n" + b"x" * 1_000_001]
)
def test_junk_is_refused_in_dutch(data):
    with pytest.raises(OrganisationError):
        domains_import_check(data=data)


def test_admin_lists_searches_filters_and_exports(coordinator_client, apeldoorn):
    domain_add(organisation=apeldoorn, domain="apeldoorn.nl")
    listing = coordinator_client.get(LIST_URL + "?q=apel&organisation_kind=gemeente")
    assert listing.status_code == 200
    assert "apeldoorn.nl" in listing.content.decode()
    export = coordinator_client.get(LIST_URL + "?export=csv")
    assert export.status_code == 200
    assert b"apeldoorn.nl" in b"".join(export.streaming_content)
    assert coordinator_client.get(LIST_URL + "?export=xlsx").status_code == 200


def test_admin_add_refuses_a_duplicate_with_a_form_error(coordinator_client, apeldoorn):
    domain_add(organisation=apeldoorn, domain="apeldoorn.nl")
    response = coordinator_client.post(
        LIST_URL + "add/", {"organisation": apeldoorn.pk, "domain": "Apeldoorn.nl"}
    )
    assert response.status_code in (200, 400)
    assert "hoort al bij een organisatie" in response.content.decode()
    assert OrganisationDomain.objects.count() == 1


def test_admin_import_dry_run_then_confirm(coordinator_client, apeldoorn):
    upload = SimpleUploadedFile("domeinen.csv", b"GM0200,apeldoorn.nl\nGM9999,x.nl\n")
    preview = coordinator_client.post(IMPORT_URL, {"file": upload})
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Onbekende CBS-code" in page and "Wordt geïmporteerd" in page
    assert not OrganisationDomain.objects.exists()
    confirmed = coordinator_client.post(
        IMPORT_URL, {"data": "GM0200,apeldoorn.nl\nGM9999,x.nl\n", "confirm": "1"}
    )
    assert confirmed.status_code == 302
    assert list(OrganisationDomain.objects.values_list("domain", flat=True)) == ["apeldoorn.nl"]


def test_admin_import_of_junk_is_a_400(coordinator_client):
    response = coordinator_client.post(
        IMPORT_URL, {"file": SimpleUploadedFile("x.csv", b"\x00\xff\x00")}
    )
    assert response.status_code == 400
    assert "geen CSV-bestand" in response.content.decode()
    assert coordinator_client.post(IMPORT_URL, {}).status_code == 400
