"""Reads: the certificates a person may download, the programmes they completed, and the
certificates a coordinator manages."""

from django.db.models import F, Q, QuerySet
from django.db.models.functions import Length, Substr
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from learning.events.models import Registration, RegistrationStatus
from learning.events.selectors import events_managed_by
from learning.masterclasses.models import MasterclassPage, ProgrammePage

from .models import Certificate, CertificateKind, code_normalise


def certificate_by_code(*, code: str) -> Certificate | None:
    """The certificate with this verification code (as typed: case and hyphens ignored)."""
    code = code_normalise(code)
    if not code.isalnum():
        return None
    return Certificate.objects.filter(code=code).first()


def parent_path(path: str) -> str:
    return path[: -Page.steplen]


def programme_masterclass_ids(*, programmes: list[str]) -> dict[str, set[int]]:
    """The live masterclasses that take place (not cancelled) per programme path; one query.
    These are what someone must have attended for the programme's certificate."""
    if not programmes:
        return {}
    rows = (
        MasterclassPage.objects.live()
        .filter(cancelled=False)
        .annotate(parent_path=Substr("path", 1, Length("path") - Page.steplen))
        .filter(parent_path__in=programmes)
        .values_list("pk", "parent_path")
    )
    result: dict[str, set[int]] = {}
    for pk, path in rows:
        result.setdefault(path, set()).add(pk)
    return result


def programmes_completed_by(*, user) -> list[ProgrammePage]:
    """The live programmes of which ``user`` attended every masterclass that takes place
    (at least one), each with ``last_attended_at`` (when attendance was last set for one of
    them). Three queries, however many registrations or programmes."""
    attended = {
        event_id: (path, attended_at)
        for event_id, path, attended_at in Registration.objects.filter(
            user=user,
            status=RegistrationStatus.ATTENDED,
            event__masterclasspage__isnull=False,
        ).values_list("event_id", "event__path", "attended_at")
    }
    needed = programme_masterclass_ids(
        programmes=sorted({parent_path(path) for path, _at in attended.values()})
    )
    complete = {path: ids for path, ids in needed.items() if ids and ids <= attended.keys()}
    if not complete:
        return []
    programmes = list(ProgrammePage.objects.live().filter(path__in=complete).order_by("title"))
    for programme in programmes:
        moments = [attended[pk][1] for pk in complete[programme.path] if attended[pk][1]]
        programme.last_attended_at = max(moments) if moments else None
    return programmes


def programme_attended_registrations(*, user, programme: ProgrammePage) -> list[Registration]:
    """The person's attended registrations for every masterclass of ``programme``, or [] when
    one is missing (no certificate for the programme then). Two queries."""
    needed = programme_masterclass_ids(programmes=[programme.path]).get(programme.path, set())
    if not needed:
        return []
    registrations = list(
        Registration.objects.filter(
            user=user, status=RegistrationStatus.ATTENDED, event_id__in=needed
        )
        .select_related("event", "organisation")
        .order_by("event__starts_at")
    )
    if {registration.event_id for registration in registrations} != needed:
        return []
    return registrations


def revocation_stands(certificate: Certificate | None, *, attended_at) -> bool:
    """A revoked certificate stays revoked (no new one) until attendance is set again after
    the revocation; attendance undone and set again earns a new certificate."""
    if certificate is None or certificate.revoked_at is None:
        return False
    return attended_at is None or attended_at <= certificate.revoked_at


def registrations_with_certificate(*, registrations) -> set[int]:
    """Of ``registrations`` (loaded, with their status), the pks whose person may download a
    certificate: attended, and not revoked for good. One query for all."""
    attended = {
        registration.pk: registration.attended_at
        for registration in registrations
        if registration.status == RegistrationStatus.ATTENDED
    }
    if not attended:
        return set()
    latest: dict[int, Certificate] = {}
    for certificate in Certificate.objects.filter(registration_id__in=attended).order_by(
        "issued_at", "pk"
    ):
        latest[certificate.registration_id] = certificate
    return {
        pk
        for pk, attended_at in attended.items()
        if not revocation_stands(latest.get(pk), attended_at=attended_at)
    }


def certificates_managed_by(*, user) -> QuerySet[Certificate]:
    """The certificates a coordinator sees, downloads and revokes in the admin: those of the
    events they manage (``events_managed_by``), and those of the programmes whose page they may
    edit. Superusers see all."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Certificate.objects.none()
    certificates = Certificate.objects.select_related("user", "event", "programme")
    if user.is_superuser:
        return certificates
    if not user.has_perm("events.change_registration"):
        return Certificate.objects.none()
    pages = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return certificates.filter(
        Q(kind=CertificateKind.EVENT, event__in=events_managed_by(user=user).values("pk"))
        | Q(kind=CertificateKind.PROGRAMME, programme__in=pages.values("pk"))
    )


def certificate_latest_for_programme(*, user, programme) -> Certificate | None:
    return (
        Certificate.objects.filter(user=user, programme=programme, kind=CertificateKind.PROGRAMME)
        .order_by(F("issued_at").desc(), "-pk")
        .first()
    )


def programmes_with_certificate(*, user) -> list[ProgrammePage]:
    """The programmes completed by ``user`` whose certificate was not revoked for good; one
    query more than ``programmes_completed_by``."""
    programmes = programmes_completed_by(user=user)
    if not programmes:
        return []
    latest: dict[int, Certificate] = {}
    for certificate in Certificate.objects.filter(
        user=user, kind=CertificateKind.PROGRAMME, programme__in=programmes
    ).order_by("issued_at", "pk"):
        latest[certificate.programme_id] = certificate
    return [
        programme
        for programme in programmes
        if not revocation_stands(latest.get(programme.pk), attended_at=programme.last_attended_at)
    ]
