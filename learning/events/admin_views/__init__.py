"""The coordinators' back office in the Wagtail admin: registrations, their actions, a dashboard.

The views collect input and show results; every change goes through learning.events.services,
so the admin obeys the same rules (locks, audit log, e-mails) as the site. One module per
concept: ``common`` (labels, links, the actions on a registration), ``registrations`` (listing,
export, inspect), ``actions`` (one view per action), ``event_messages`` (a message to every
participant of an event), ``checkin`` (the door: screen, QR links, door list, no-shows)
and ``dashboard`` (the dashboard panel).
"""

from .actions import (
    AttendedView,
    CancelView,
    HandoverView,
    MoveView,
    NotAttendedView,
    PromoteView,
    RegistrationActionView,
)
from .checkin import (
    CheckinCodeView,
    CheckinScreenView,
    CheckinTapView,
    DoorListView,
    NoShowView,
)
from .common import (
    ACTIONS_BY_NAME,
    LOG_ACTION_LABELS,
    REGISTRATION_ACTIONS,
    RegistrationAction,
    participant_label,
    registrations_managed_by,
)
from .dashboard import UpcomingEventsPanel, events_upcoming_with_seats
from .event_messages import EventMessageView
from .registrations import (
    EXPORT_COLUMNS,
    EventColumn,
    ParticipantColumn,
    RegistrationIndexView,
    RegistrationInspectView,
)

__all__ = [
    "ACTIONS_BY_NAME",
    "EXPORT_COLUMNS",
    "LOG_ACTION_LABELS",
    "REGISTRATION_ACTIONS",
    "AttendedView",
    "CancelView",
    "CheckinCodeView",
    "CheckinScreenView",
    "CheckinTapView",
    "DoorListView",
    "EventColumn",
    "EventMessageView",
    "HandoverView",
    "MoveView",
    "NoShowView",
    "NotAttendedView",
    "ParticipantColumn",
    "PromoteView",
    "RegistrationAction",
    "RegistrationActionView",
    "RegistrationIndexView",
    "RegistrationInspectView",
    "UpcomingEventsPanel",
    "events_upcoming_with_seats",
    "participant_label",
    "registrations_managed_by",
]
