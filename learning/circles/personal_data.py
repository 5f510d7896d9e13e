"""Circle memberships in the personal-data registry: exported, and erased on deletion."""

from django.utils.translation import gettext_lazy as _

from learning.core import personal_data


def _export(user) -> list[dict]:
    from .models import CircleMembership, MeetingAttendance

    attendance: dict[int, list[dict]] = {}
    for row in (
        MeetingAttendance.objects.filter(user=user)
        .select_related("meeting")
        .order_by("meeting__starts_at")
    ):
        attendance.setdefault(row.meeting.circle_id, []).append(
            {
                "meeting": row.meeting.title,
                "starts_at": row.meeting.starts_at.isoformat(),
                "present": row.present,
            }
        )
    return [
        {
            "circle": membership.circle.title,
            "role": membership.role,
            "status": membership.status,
            "organisation": membership.organisation.name if membership.organisation else None,
            "motivation": membership.motivation,
            "applied_at": membership.applied_at.isoformat(),
            "decided_at": membership.decided_at.isoformat() if membership.decided_at else None,
            "left_at": membership.left_at.isoformat() if membership.left_at else None,
            "attendance": attendance.get(membership.circle_id, []),
            "history": [
                {
                    "action": entry.action,
                    "from_status": entry.from_status,
                    "to_status": entry.to_status,
                    "reason": entry.reason,
                    "at": entry.created_at.isoformat(),
                }
                for entry in membership.log_entries.all()
            ],
        }
        for membership in CircleMembership.objects.filter(user=user)
        .select_related("circle", "organisation")
        .prefetch_related("log_entries")
        .order_by("applied_at")
    ]


def _erase(user) -> None:
    from .services import memberships_erase

    memberships_erase(user=user)


def register() -> None:
    personal_data.register(
        "circle_memberships",
        label=_("Leerkringen"),
        description=_(
            "Uw aanmeldingen en lidmaatschappen van leerkringen, met uw motivatie en uw "
            "aanwezigheid bij de bijeenkomsten. Ze worden verwijderd met uw account."
        ),
        export=_export,
        erase=_erase,
    )
