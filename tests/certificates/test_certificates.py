"""Certificates: who gets one, downloads, the public verification, revocation and the admin."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from learning.certificates import services
from learning.certificates.errors import CertificateError
from learning.certificates.models import Certificate, CertificateLog
from learning.core import personal_data
from learning.events import services as event_services
from tests.certificates.conftest import client_for, move_to_past

pytestmark = pytest.mark.django_db


def registration_url(registration):
    return reverse(
        "certificates:download_registration", kwargs={"registration_id": registration.pk}
    )


def verify_url(certificate):
    return reverse("certificates:verify", kwargs={"code": certificate.code_display})


def test_an_attended_person_downloads_the_pdf_once_issued(make_event, make_user, attend):
    event = make_event(title="Netwerkdag circulaire overheid")
    user = make_user(full_name="Anouk Jansen")
    registration = attend(event, user)
    client = client_for(user)
    response = client.get(registration_url(registration))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert "attachment" in response["Content-Disposition"]
    certificate = Certificate.objects.get()
    assert certificate.name == "Anouk Jansen"
    assert certificate.title == "Netwerkdag circulaire overheid"
    assert certificate.hours == 4
    assert certificate.organisation_name == registration.organisation.name
    # A second download is the same certificate, not a new one.
    again = services.certificate_issue_for_registration(registration_id=registration.pk, user=user)
    assert again.pk == certificate.pk
    assert list(CertificateLog.objects.values_list("action", flat=True)) == ["issued"]


def test_codes_are_long_random_and_unique(make_event, make_user, attend):
    users = [make_user() for _ in range(3)]
    event = make_event()
    codes = set()
    for user in users:
        registration = attend(event, user, past=False)
        certificate = services.certificate_issue_for_registration(
            registration_id=registration.pk, user=user
        )
        assert len(certificate.code) == 24 and certificate.code.isalnum()
        codes.add(certificate.code)
    assert len(codes) == 3


def test_no_certificate_without_attendance(make_event, make_user):
    event = make_event()
    user = make_user()
    registration = event_services.registration_create(event=event, user=user)
    move_to_past(event)
    response = client_for(user).get(registration_url(registration))
    assert response.status_code == 404
    assert "niet aanwezig gemeld" in response.content.decode()
    assert not Certificate.objects.exists()


def test_another_persons_certificate_is_404_and_login_is_needed(make_event, make_user, attend):
    owner, stranger = make_user(), make_user()
    registration = attend(make_event(), owner)
    response = client_for(stranger).get(registration_url(registration))
    assert response.status_code == 404
    assert "bestaat niet" in response.content.decode()
    assert not Certificate.objects.exists()
    anonymous = client_for(owner)
    anonymous.logout()
    assert anonymous.get(registration_url(registration)).status_code == 302


def test_a_person_without_a_name_is_asked_to_fill_it_in(make_event, make_user, attend):
    user = make_user(full_name="")
    registration = attend(make_event(), user)
    with pytest.raises(CertificateError) as refused:
        services.certificate_issue_for_registration(registration_id=registration.pk, user=user)
    assert refused.value.code == "name_missing" and refused.value.status == 409


def test_verification_valid_shows_what_the_certificate_says_and_nothing_more(
    make_masterclass, make_user, attend, programme
):
    masterclass = make_masterclass(title="Circulair uitvragen")
    user = make_user(full_name="Bram Hendriks", email="bram.hendriks@utrecht.example")
    registration = attend(masterclass, user)
    certificate = services.certificate_issue_for_registration(
        registration_id=registration.pk, user=user
    )
    client = client_for(user)
    client.logout()
    response = client.get(verify_url(certificate))
    assert response.status_code == 200
    content = response.content.decode()
    for expected in (
        "geldig",
        "Bram Hendriks",
        "Circulair uitvragen",
        programme.title,
        registration.organisation.name,
        "4 uur",
        certificate.code_display,
    ):
        assert escape(expected) in content, expected
    assert "bram.hendriks" not in content and "@" not in content.split("<main")[-1]
    # Case and hyphens do not matter for the code.
    assert client.get(f"/deelnamebewijs/{certificate.code.lower()}/").status_code == 200


def test_verification_unknown_is_a_dutch_404(client):
    response = client.get("/deelnamebewijs/AAAA-BBBB-CCCC-DDDD-EEEE-FFFF/")
    assert response.status_code == 404
    assert "Deelnamebewijs niet gevonden" in response.content.decode()
    assert client.get("/deelnamebewijs/%3Cscript%3E/").status_code == 404


def test_undoing_attendance_revokes_and_verification_says_since_when_not_why(
    make_event, make_user, attend, superuser, client
):
    user = make_user()
    registration = attend(make_event(), user)
    certificate = services.certificate_issue_for_registration(
        registration_id=registration.pk, user=user
    )
    event_services.registration_set_attended(
        registration=registration, actor=superuser, attended=False
    )
    certificate.refresh_from_db()
    assert certificate.is_revoked
    assert certificate.revoked_reason == services.REASON_ATTENDANCE_UNDONE
    content = client.get(verify_url(certificate)).content.decode()
    assert "ingetrokken" in content
    assert services.REASON_ATTENDANCE_UNDONE not in content
    assert user.full_name not in content
    # No certificate while not attended; attended again: a new one, with a new code.
    assert client_for(user).get(registration_url(registration)).status_code == 404
    event_services.registration_set_attended(registration=registration, actor=superuser)
    renewed = services.certificate_issue_for_registration(
        registration_id=registration.pk, user=user
    )
    assert renewed.pk != certificate.pk and not renewed.is_revoked


def test_coordinator_revokes_with_a_reason_and_no_new_one_is_issued(
    make_event, make_user, attend, coordinator
):
    user = make_user()
    registration = attend(make_event(), user)
    certificate = services.certificate_issue_for_registration(
        registration_id=registration.pk, user=user
    )
    with pytest.raises(CertificateError) as refused:
        services.certificate_revoke(certificate=certificate, actor=coordinator, reason=" ")
    assert refused.value.status == 400
    services.certificate_revoke(
        certificate=certificate, actor=coordinator, reason="Per abuis aanwezig gemeld"
    )
    log = CertificateLog.objects.filter(certificate=certificate).last()
    assert (log.action, log.actor, log.reason) == (
        "revoked",
        coordinator,
        "Per abuis aanwezig gemeld",
    )
    with pytest.raises(CertificateError) as refused:
        services.certificate_issue_for_registration(registration_id=registration.pk, user=user)
    assert refused.value.code == "revoked"
    with pytest.raises(CertificateError):
        services.certificate_revoke(certificate=certificate, actor=coordinator, reason="Nogmaals")


def test_coordinator_of_another_section_is_refused_everywhere(
    make_event, make_user, attend, other_coordinator, coordinator
):
    user = make_user()
    registration = attend(make_event(), user)
    certificate = services.certificate_issue_for_registration(
        registration_id=registration.pk, user=user
    )
    with pytest.raises(CertificateError) as refused:
        services.certificate_revoke(certificate=certificate, actor=other_coordinator, reason="x")
    assert refused.value.code == "forbidden"
    client = client_for(other_coordinator)
    for name in ("inspect", "revoke", "download"):
        url = reverse(f"deelnamebewijzen:{name}", args=(certificate.pk,))
        assert client.get(url).status_code == 404, name
    response = client.post(
        reverse("deelnamebewijzen:revoke", args=(certificate.pk,)), {"reason": "x"}
    )
    assert response.status_code == 404
    listing = client.get(reverse("deelnamebewijzen:index")).content.decode()
    assert certificate.name not in listing
    certificate.refresh_from_db()
    assert not certificate.is_revoked
    # A participant without the coordinators' permission has no admin screen at all.
    assert client_for(user).get(reverse("deelnamebewijzen:index")).status_code in (302, 403)
    # Their own coordinator downloads and revokes from the admin.
    own = client_for(coordinator)
    assert certificate.name in own.get(reverse("deelnamebewijzen:index")).content.decode()
    inspect = own.get(reverse("deelnamebewijzen:inspect", args=(certificate.pk,)))
    assert inspect.status_code == 200 and "Uitgegeven" in inspect.content.decode()
    download = own.get(reverse("deelnamebewijzen:download", args=(certificate.pk,)))
    assert download.status_code == 200 and download.content.startswith(b"%PDF-")
    response = own.post(
        reverse("deelnamebewijzen:revoke", args=(certificate.pk,)), {"reason": "Vergissing"}
    )
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.is_revoked
    inspect = own.get(reverse("deelnamebewijzen:inspect", args=(certificate.pk,)))
    assert "Vergissing" in inspect.content.decode()


def test_programme_certificate_only_when_every_masterclass_was_attended(
    make_masterclass, make_user, attend, programme, superuser
):
    first, second = make_masterclass(), make_masterclass()
    make_masterclass(cancelled=True)  # does not take place: not required
    user = make_user()
    attend(first, user)
    with pytest.raises(CertificateError) as refused:
        services.certificate_issue_for_programme(programme_id=programme.pk, user=user)
    assert refused.value.code == "programme_incomplete" and refused.value.status == 404
    second_registration = attend(second, user)
    certificate = services.certificate_issue_for_programme(programme_id=programme.pk, user=user)
    assert certificate.is_programme and certificate.title == programme.title
    assert certificate.hours == 8
    # Someone else cannot fetch it; undoing one masterclass's attendance revokes it.
    other = make_user()
    response = client_for(other).get(
        reverse("certificates:download_programme", kwargs={"programme_id": programme.pk})
    )
    assert response.status_code == 404
    event_services.registration_set_attended(
        registration=second_registration, actor=superuser, attended=False
    )
    certificate.refresh_from_db()
    assert certificate.is_revoked


def test_personal_data_exports_and_deletes_certificates(make_event, make_user, attend, client):
    user = make_user()
    registration = attend(make_event(), user)
    certificate = services.certificate_issue_for_registration(
        registration_id=registration.pk, user=user
    )
    provider = next(p for p in personal_data.providers() if p.key == "certificates")
    exported = provider.export(user)
    assert exported[0]["code"] == certificate.code_display
    assert exported[0]["name"] == user.full_name
    provider.erase(user)
    assert not Certificate.objects.exists()
    assert client.get(verify_url(certificate)).status_code == 404


def test_the_demo_has_a_past_masterclass_with_a_certificate(demo_database, client):
    certificate = Certificate.objects.get(user__email="anouk.jansen@apeldoorn.example")
    assert certificate.name == "Anouk Jansen" and not certificate.is_revoked
    assert certificate.hours == 4
    response = client.get(verify_url(certificate))
    assert "Hergebruik van materialen in de GWW" in response.content.decode()
    anouk = certificate.user
    content = client_for(anouk).get(reverse("events:my_registrations")).content.decode()
    history = content.split('id="eerder"')[1]
    assert "/deelnamebewijs/download/aanmelding/" in history
    assert "/deelnamebewijs/download/programma/" in history
