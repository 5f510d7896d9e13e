"""The registration log: one entry per change, and the signal higher layers follow."""

from learning.accounts.models import User
from learning.core.inserts import row_insert

from .. import signals
from ..models import (
    Registration,
    RegistrationLog,
)


def _log(registration, *, actor, action, from_status="", to_status="", reason="") -> None:
    entry = RegistrationLog(
        registration=registration,
        actor=actor if isinstance(actor, User) else None,
        action=action,
        from_status=from_status,
        to_status=to_status or registration.status,
        reason=str(reason),
    )
    row_insert(obj=entry)
    # Higher layers follow (knowledge: the groups of pages shared with the participants;
    # certificates: attendance undone).
    signals.registration_changed.send(
        sender=Registration, registration=registration, from_status=from_status
    )
