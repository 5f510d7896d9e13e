"""Privacy: what account deletion removes from circles."""

from django.db import transaction

from learning.core import redaction

from ..models import (
    CircleInvitation,
    CircleMeeting,
    CircleMembership,
    MeetingAttendance,
    MembershipLog,
)


def memberships_erase(*, user) -> None:
    """Account deletion: memberships (with their log), attendance and invitations of the
    person go; the group loses them with the account itself. What others wrote about the
    person (a coordinator's reason, another applicant's motivation, a meeting report) stays
    without their name or address."""
    terms = redaction.identifiers(user)
    with transaction.atomic():
        MeetingAttendance.objects.filter(user=user).delete()
        for address in redaction.email_addresses(user):
            CircleInvitation.objects.filter(email__iexact=address).delete()
        CircleMembership.objects.filter(user=user).delete()
        for model in (MembershipLog, CircleMembership, CircleInvitation, CircleMeeting):
            redaction.redact_rows(model.objects.all(), terms)
