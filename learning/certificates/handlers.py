"""Reactions to registration changes (learning.events.signals). Only calls a service."""

from learning.events.models import Registration, RegistrationStatus
from learning.events.signals import registration_changed

from . import services


def _registration_changed(sender, registration, from_status="", **kwargs):
    # On the registration hot path, inside the event's lock: nothing to do (no query) unless
    # the change takes a registration out of "attended".
    if from_status == RegistrationStatus.ATTENDED and registration.status != from_status:
        services.certificates_revoke_for_attendance_undone(registration=registration)


def connect() -> None:
    registration_changed.connect(
        _registration_changed,
        sender=Registration,
        dispatch_uid="certificates.registration_changed",
    )
