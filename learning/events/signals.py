"""Notifications the events app sends to higher layers that react to registrations.

The events app does not import them: a higher app (knowledge, for its participants' groups)
connects a receiver at app-ready time. Receivers run inside the registration's transaction
with the event's row lock held, so they must stay cheap when they have nothing to do.
"""

from django.dispatch import Signal

# Sent after every registration change (a RegistrationLog entry), with ``registration=`` and
# ``from_status=`` (the status before the change, "" where the log does not name one).
# ``use_caching``: the receivers per sender are looked up once, not on every registration.
registration_changed = Signal(use_caching=True)
