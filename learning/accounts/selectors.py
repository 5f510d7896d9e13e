"""Reads on accounts: the person's organisation claim and the coordinators' queue."""

from django.db.models import QuerySet

from .models import ClaimState, OrganisationClaim


def claim_current(*, user) -> OrganisationClaim | None:
    """The person's current claim (at most one), with its organisation; None without one."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        OrganisationClaim.objects.select_related("organisation")
        .filter(user=user.pk, superseded_at__isnull=True)
        .first()
    )


def claims_pending() -> QuerySet[OrganisationClaim]:
    """Current claims waiting for a coordinator, oldest first."""
    return (
        OrganisationClaim.objects.filter(state=ClaimState.PENDING, superseded_at__isnull=True)
        .select_related("user", "organisation", "organisation__province")
        .order_by("created_at", "pk")
    )
