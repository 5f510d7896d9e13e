"""Writes on accounts: profile changes, data export and account deletion."""

import logging
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.core import personal_data
from learning.organisations.models import Organisation

from .errors import AccountError
from .models import ClaimState, User
from .organisation_claims import claim_request
from .selectors import claim_current

logger = logging.getLogger(__name__)

EXPORT_FORMAT_VERSION = 1


def user_update_profile(
    *,
    user: User,
    full_name: str,
    organisation: Organisation,
    job_role: str,
    job_title: str = "",
    explanation: str = "",
) -> User:
    """Save the person's own details, in one transaction.

    Choosing another organisation (or asking again after a refusal, with an explanation)
    starts a new claim (``organisation_claims.claim_request``): until it is verified or
    approved the person counts for no organisation.
    """
    with transaction.atomic():
        current = claim_current(user=user)
        # Without a claim, an organisation set before claims existed (or by an administrator)
        # stays as it is while the person keeps it.
        claimed_id = current.organisation_id if current else user.organisation_id
        changed = claimed_id != organisation.pk
        asks_again = (
            current is not None
            and current.state == ClaimState.REFUSED
            and bool(explanation.strip())
        )
        if changed or asks_again:
            claim_request(user=user, organisation=organisation, explanation=explanation)
        user.full_name = full_name.strip()
        user.job_role = job_role
        user.job_title = job_title.strip()
        user.save(update_fields=["full_name", "job_role", "job_title"])
    return user


def user_export_data(*, user: User) -> dict:
    """Everything stored about the person, as one JSON-serialisable document."""
    return {
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "data": {provider.key: provider.export(user) for provider in personal_data.providers()},
    }


def user_delete(*, user: User) -> None:
    """Delete the account and everything personal, in one transaction.

    Each registered provider first anonymises what must be kept (for example a registration
    still counts for an event's figures but no longer points to the person). Refused for the
    last active administrator, so the site is never left without one.
    """
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if locked.is_superuser:
            other_admins = (
                User.objects.select_for_update()
                .filter(is_superuser=True, is_active=True)
                .exclude(pk=locked.pk)
            )
            if not other_admins.exists():
                raise AccountError(
                    "last_superuser",
                    _(
                        "U bent de laatste beheerder van de site. Maak eerst iemand anders "
                        "beheerder voordat u uw account verwijdert."
                    ),
                )
        for provider in personal_data.providers():
            if provider.erase is not None:
                provider.erase(locked)
        user_id = locked.pk
        locked.delete()
    logger.info("account deleted", extra={"event": "account_deleted", "user_id": user_id})


def _new_calendar_token() -> str:
    return secrets.token_urlsafe(32)  # 256 bits


def calendar_token_get_or_create(*, user: User) -> str:
    """The secret in the person's calendar feed URL; made on first use, then kept."""
    if user.calendar_token:
        return user.calendar_token
    token = _new_calendar_token()
    # Only set it when still empty: two first requests at once end up with one token (the
    # one that lost reads the winner's).
    if User.objects.filter(pk=user.pk, calendar_token__isnull=True).update(calendar_token=token):
        user.calendar_token = token
    else:
        user.calendar_token = User.objects.values_list("calendar_token", flat=True).get(pk=user.pk)
    return user.calendar_token


def calendar_token_regenerate(*, user: User) -> str:
    """A new calendar feed secret; the old URL stops working at once (404)."""
    token = _new_calendar_token()
    User.objects.filter(pk=user.pk).update(calendar_token=token)
    user.calendar_token = token
    logger.info(
        "calendar token regenerated",
        extra={"event": "calendar_token_regenerated", "user_id": user.pk},
    )
    return token
