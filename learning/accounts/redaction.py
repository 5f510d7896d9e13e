"""Moved to learning.core.redaction (the outbox, below accounts, redacts too).

Only learning/circles/services.py still imports it from here; that file is being split into a
package on another branch, which imports ``learning.core.redaction`` instead. Delete this
module then.
"""

from learning.core.redaction import (
    REDACTED,
    email_addresses,
    identifiers,
    redact,
    redact_rows,
    text_fields,
)

__all__ = ["REDACTED", "email_addresses", "identifiers", "redact", "redact_rows", "text_fields"]
