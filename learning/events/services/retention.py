"""Privacy: registrations of past events are unlinked from their people."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ..models import (
    Registration,
    RegistrationAnswer,
    RegistrationLog,
)
from .questions import answers_sensitive_delete


def registrations_anonymise(*, now=None, months: int | None = None) -> int:
    """Unlink people from registrations of events that ended ``months`` ago (default setting),
    and delete their answers; answers to sensitive questions (health) go sooner: once the
    event has ended or the registration was cancelled (``answers_sensitive_delete``).

    The organisation, role and status stay, so attendance per organisation can still be
    reported. Safe to run twice.
    """
    from django.conf import settings

    now = now or timezone.now()
    months = settings.REGISTRATION_RETENTION_MONTHS if months is None else months
    cutoff = now - timedelta(days=round(months * 30.44))
    with transaction.atomic():
        answers_sensitive_delete(now=now)
        registrations = Registration.objects.filter(
            event__ends_at__lt=cutoff, anonymised_at__isnull=True
        )
        return registration_anonymise_queryset(registrations, now=now)


def registration_anonymise_queryset(registrations, *, now=None) -> int:
    """Unlink the registrations from their people, and their log from everyone but staff;
    delete their answers (not anonymised: free text and health data that could name them).

    The log keeps what happened and when. Its reasons go: they are free text that can name
    people (a hand-over note names both colleagues, a coordinator may write who phoned).
    """
    now = now or timezone.now()
    ids = list(registrations.values_list("pk", flat=True))
    RegistrationAnswer.objects.filter(registration_id__in=ids).delete()
    log = RegistrationLog.objects.filter(registration_id__in=ids)
    log.exclude(reason="").update(reason="")
    # Participants (the person, a colleague who handed the seat over) are no longer named;
    # coordinators who acted in their role are.
    log.filter(actor__isnull=False).exclude(actor__is_staff=True).update(actor=None)
    return Registration.objects.filter(pk__in=ids).update(user=None, anonymised_at=now)
