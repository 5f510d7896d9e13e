"""Registration rules for events and masterclasses: the one place where they live.

Every change takes the event's row lock (``_lock_event``) inside a transaction, so capacity,
per-organisation limits and the waiting list hold under simultaneous requests on PostgreSQL.
Each change writes a RegistrationLog entry and queues its e-mails in the same transaction.
"""

from .calendar_changes import event_calendar_refresh, event_notify_changes
from .coordinator import (
    event_message_send,
    registration_move,
    registration_promote,
    registration_set_attended,
)
from .errors import RegistrationError
from .registrations import (
    offer_accept,
    registration_cancel,
    registration_create,
    registration_create_locked,
    registration_handover,
)
from .reminders import reminders_queue
from .retention import registration_anonymise_queryset, registrations_anonymise
from .rules import (
    can_cancel_online,
    can_manage_event,
    check_can_register,
    check_eligible,
    check_window,
    event_needs_organisation,
)
from .waiting_list import event_settings_changed, offers_expire, waitlist_fill

__all__ = [
    "RegistrationError",
    "can_cancel_online",
    "can_manage_event",
    "check_can_register",
    "check_eligible",
    "check_window",
    "event_calendar_refresh",
    "event_message_send",
    "event_needs_organisation",
    "event_notify_changes",
    "event_settings_changed",
    "offer_accept",
    "offers_expire",
    "registration_anonymise_queryset",
    "registration_cancel",
    "registration_create",
    "registration_create_locked",
    "registration_handover",
    "registration_move",
    "registration_promote",
    "registration_set_attended",
    "registrations_anonymise",
    "reminders_queue",
    "waitlist_fill",
]
