"""The redaction helpers: whole words, any spacing, any case, JSON and JSON kept as text."""

import json

import pytest

from learning.core.redaction import REDACTED, identifiers, redact
from tests.factories import UserFactory


def test_a_name_is_replaced_as_whole_words_in_any_case_and_spacing():
    terms = ["Jan de Vries"]
    assert redact("Jan  de\nVRIES belde in januari", terms) == f"{REDACTED} belde in januari"
    # Part of a longer word is not the name.
    assert redact("Jan de Vriesland", terms) == "Jan de Vriesland"
    assert redact("januari", ["Jan"]) == "januari"


def test_addresses_and_names_inside_json_and_json_stored_as_text():
    terms = ["José Müller", "jose@example.nl"]
    # Wagtail keeps a StreamField in a revision as a JSON string, with \u escapes.
    body = json.dumps([{"type": "contact", "value": "José Müller, jose@example.nl"}])
    value = {"body": body, "authors": [{"name": "José Müller"}], "count": 3}
    redacted = redact(value, terms)
    assert redacted["authors"] == [{"name": REDACTED}]
    assert json.loads(redacted["body"]) == [{"type": "contact", "value": f"{REDACTED}, {REDACTED}"}]
    assert redacted["count"] == 3
    # Text that only looks like JSON is treated as text.
    assert redact("[José Müller", terms) == f"[{REDACTED}"


@pytest.mark.django_db
def test_identifiers_are_the_name_and_every_address_but_never_a_tiny_name():
    user = UserFactory(full_name="  Zeb   Quack ", email="zq@apeldoorn.example")
    user.emailaddress_set.create(email="Z.Quack@Example.nl", verified=False)
    assert identifiers(user) == ["zq@apeldoorn.example", "z.quack@example.nl", "Zeb Quack"]
    user.full_name = "Li"
    assert "Li" not in identifiers(user)


@pytest.mark.django_db
def test_rows_are_found_and_redacted_also_where_json_escaped_the_name():
    from learning.core.redaction import redact_rows
    from learning.outbox.models import OutboxMessage

    body = json.dumps([{"type": "contact", "value": "José Müller"}])
    assert "M\\u00fcller" in body
    message = OutboxMessage.objects.create(
        kind="test", to="iemand@example.nl", subject="Contact", payload={"body": body}
    )
    untouched = OutboxMessage.objects.create(kind="test", to="ander@example.nl", subject="Hallo")
    assert redact_rows(OutboxMessage.objects.all(), ["José Müller"]) == 1
    message.refresh_from_db()
    assert json.loads(message.payload["body"]) == [{"type": "contact", "value": REDACTED}]
    untouched.refresh_from_db()
    assert untouched.subject == "Hallo"
