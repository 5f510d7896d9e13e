"""Certificate rules: issuing (lazily, at the first download), revoking, and what happens
when attendance is undone. The one place where they live; views, the admin and the
events signal call these functions.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from learning.accounts.models import User
from learning.events.models import EventPage, Registration, RegistrationStatus
from learning.masterclasses.models import ProgrammePage

from . import selectors
from .errors import certificate_error
from .models import Certificate, CertificateKind, CertificateLog

REASON_ATTENDANCE_UNDONE = "Aanwezigheid teruggedraaid"


def event_hours(event: EventPage) -> Decimal | None:
    """The hours on a certificate: the event's own duration, to the quarter hour. None for an
    all-day event (its dates say it all)."""
    if event.all_day or not event.starts_at or not event.ends_at:
        return None
    quarters = Decimal((event.ends_at - event.starts_at).total_seconds()) / Decimal(900)
    return quarters.quantize(Decimal(1), rounding=ROUND_HALF_UP) / Decimal(4)


def log_entry(certificate: Certificate, *, actor, action: str, reason: str = "") -> None:
    CertificateLog.objects.create(
        certificate=certificate,
        actor=actor if isinstance(actor, User) else None,
        action=action,
        to_status="revoked" if certificate.revoked_at else "valid",
        reason=str(reason),
    )


def programme_above(event: EventPage) -> ProgrammePage | None:
    return ProgrammePage.objects.filter(path=selectors.parent_path(event.path)).first()


def certificate_issue_for_registration(*, registration_id: int, user) -> Certificate:
    """The certificate for the person's own attended registration: the valid one, or a new
    one. Refuses (404) for a registration of someone else, one not attended, and one whose
    certificate was revoked after attendance was last set. Under a row lock on the
    registration: two downloads at once issue one certificate."""
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("event", "organisation")
            .filter(pk=registration_id, user_id=user.pk)
            .first()
        )
        if registration is None:
            raise certificate_error("not_found")
        if registration.status != RegistrationStatus.ATTENDED:
            raise certificate_error("not_attended")
        latest = registration.certificates.order_by("-issued_at", "-pk").first()
        if latest is not None and not latest.is_revoked:
            return latest
        if selectors.revocation_stands(latest, attended_at=registration.attended_at):
            raise certificate_error("revoked")
        if not user.full_name.strip():
            raise certificate_error("name_missing")
        event = registration.event
        programme = programme_above(event)
        certificate = Certificate.objects.create(
            kind=CertificateKind.EVENT,
            user=user,
            registration=registration,
            event=event,
            programme=programme,
            name=user.full_name.strip(),
            organisation_name=registration.organisation.name if registration.organisation else "",
            title=event.title,
            programme_title=programme.title if programme else "",
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            all_day=event.all_day,
            hours=event_hours(event),
        )
        log_entry(certificate, actor=user, action="issued")
    return certificate


def certificate_issue_for_programme(*, programme_id: int, user) -> Certificate:
    """The certificate for a programme of which the person attended every masterclass that
    takes place: the valid one, or a new one. Refuses (404) otherwise. Under a row lock on the
    person: two downloads at once issue one certificate."""
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        programme = ProgrammePage.objects.live().filter(pk=programme_id).first()
        if programme is None:
            raise certificate_error("not_found")
        registrations = selectors.programme_attended_registrations(user=user, programme=programme)
        if not registrations:
            raise certificate_error("programme_incomplete")
        latest = selectors.certificate_latest_for_programme(user=user, programme=programme)
        if latest is not None and not latest.is_revoked:
            return latest
        last_attended = max(
            registration.attended_at or registration.updated_at for registration in registrations
        )
        if selectors.revocation_stands(latest, attended_at=last_attended):
            raise certificate_error("revoked")
        if not user.full_name.strip():
            raise certificate_error("name_missing")
        hours = [event_hours(registration.event) for registration in registrations]
        organisation = next(
            (r.organisation for r in reversed(registrations) if r.organisation), None
        )
        certificate = Certificate.objects.create(
            kind=CertificateKind.PROGRAMME,
            user=user,
            programme=programme,
            name=user.full_name.strip(),
            organisation_name=organisation.name if organisation else "",
            title=programme.title,
            starts_at=registrations[0].event.starts_at,
            ends_at=max(registration.event.ends_at for registration in registrations),
            hours=None if None in hours else sum(hours, Decimal(0)),
        )
        log_entry(certificate, actor=user, action="issued")
    return certificate


def certificate_revoke(*, certificate: Certificate, actor, reason: str) -> Certificate:
    """A coordinator withdraws a certificate (attendance set by mistake, say), with a reason
    in the log. The public verification then says "ingetrokken" (not why); no new certificate
    is issued until attendance is set again."""
    if not selectors.certificates_managed_by(user=actor).filter(pk=certificate.pk).exists():
        raise certificate_error("forbidden")
    if not reason.strip():
        raise certificate_error("reason_required")
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.is_revoked:
            raise certificate_error("already_revoked")
        certificate.revoked_at = timezone.now()
        certificate.revoked_reason = reason.strip()
        certificate.save(update_fields=["revoked_at", "revoked_reason"])
        log_entry(certificate, actor=actor, action="revoked", reason=reason.strip())
    return certificate


def certificates_revoke_for_attendance_undone(*, registration: Registration) -> int:
    """Attendance undone: the registration's valid certificate, and the person's certificate
    for the programme above it, are revoked. Runs in the registration's transaction."""
    if registration.user_id is None:
        return 0
    programme_path = selectors.parent_path(registration.event.path)
    certificates = list(
        Certificate.objects.select_for_update(of=("self",))
        .filter(revoked_at__isnull=True)
        .filter(
            Q(registration_id=registration.pk)
            | Q(
                kind=CertificateKind.PROGRAMME,
                user_id=registration.user_id,
                programme__path=programme_path,
            )
        )
    )
    now = timezone.now()
    for certificate in certificates:
        certificate.revoked_at = now
        certificate.revoked_reason = REASON_ATTENDANCE_UNDONE
        certificate.save(update_fields=["revoked_at", "revoked_reason"])
        log_entry(
            certificate, actor=None, action="attendance_undone", reason=REASON_ATTENDANCE_UNDONE
        )
    return len(certificates)
