"""Who may register, manage or cancel: the checks every action runs."""

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.accounts.models import ClaimState
from learning.accounts.selectors import claim_current

from .. import selectors
from ..models import (
    EventPage,
)
from .errors import RegistrationError, _error


def can_manage_event(user, event: EventPage) -> bool:
    """Whether ``user`` may manage the registrations of ``event`` (see, change, message).

    Superusers may; coordinators (the change_registration permission) only for the events whose
    page they may edit, as ``selectors.events_managed_by`` says: the one rule the admin and
    these services share.
    """
    if user is None or not user.is_authenticated or not user.is_active or event is None:
        return False
    if user.is_superuser:
        return True
    return selectors.events_managed_by(user=user).filter(pk=event.pk).exists()


def _is_logged_in(user) -> bool:
    return user is not None and not isinstance(user, AnonymousUser) and user.is_authenticated


def _verified_address(user):
    """The person's own address, if verified (a queryset: ``.exists()`` or ``Exists(...)``)."""
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user.pk, email__iexact=user.email, verified=True)


def check_can_register(*, user, email_verified: bool | None = None) -> None:
    """Rule 1: a logged-in user with a verified address.

    ``email_verified`` may come from a query the caller runs anyway (an ``Exists`` of
    ``_verified_address``); without it, one query checks the address. Whether the person
    must count for an organisation depends on the event (``check_eligible``).
    """
    if not _is_logged_in(user):
        raise _error("login_required")
    if email_verified is None:
        email_verified = _verified_address(user).exists()
    if not email_verified:
        raise _error("email_unverified")


def event_needs_organisation(event: EventPage) -> bool:
    """Events with a per-organisation limit or organisation-kind eligibility count people per
    organisation: only a verified or approved membership (``user.organisation``) counts."""
    return event.organisation_limit is not None or bool(event.allowed_organisation_kinds)


def _organisation_refusal(user) -> RegistrationError:
    """Why the person counts for no organisation, and what to do next."""
    claim = claim_current(user=user)
    if claim is not None and claim.state in (ClaimState.PENDING, ClaimState.UNCONFIRMED):
        return RegistrationError(
            "organisation_pending",
            _(
                "Voor deze bijeenkomst telt alleen een bevestigde organisatie. Uw aanvraag voor "
                "%(name)s is nog in behandeling bij een coördinator; u krijgt een e-mail zodra "
                "die is beoordeeld. Meld u daarna aan, of kies in uw profiel de organisatie "
                "van uw e-mailadres."
            )
            % {"name": claim.organisation.display_name},
        )
    return _error("organisation_missing")


def check_eligible(*, event: EventPage, user) -> None:
    """Rule 3: optional audience roles and organisation kinds; a verified organisation for
    events that count per organisation (rule 1b)."""
    if event.allowed_roles and user.job_role not in event.allowed_roles:
        raise _error("role_not_allowed")
    if event_needs_organisation(event) and user.organisation_id is None:
        raise _organisation_refusal(user)
    if event.allowed_organisation_kinds and (
        user.organisation.kind not in event.allowed_organisation_kinds
    ):
        raise _error("organisation_kind_not_allowed")


def check_window(*, event: EventPage, now=None) -> None:
    """Rule 2: only inside the registration window, and not for a cancelled event."""
    now = now or timezone.now()
    if event.cancelled:
        raise _error("event_cancelled")
    if event.registration_opens_at and now < event.registration_opens_at:
        raise _error("not_open_yet")
    if now >= event.effective_registration_closes_at:
        raise _error("closed")


def can_cancel_online(*, event: EventPage, now=None) -> bool:
    """Rule 6: participants cancel themselves until the cancellation deadline."""
    return (now or timezone.now()) < event.effective_cancellation_deadline
