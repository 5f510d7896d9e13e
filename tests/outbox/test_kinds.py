"""Every kind of message the code can queue has a Dutch name in the outbox admin.

Kinds are registered per app (``renderers.kinds_register``). This reads every call of
``message_queue`` and ``message_queue_debounced`` in the code: a fixed kind must be registered;
a kind built from a template name must come from one of the builders whose every kind is
produced in a test (events and circles through their services, in their own test modules;
accounts here, from the templates allauth and we ship).
"""

import ast
from pathlib import Path

import allauth
from django.conf import settings

from learning.accounts import notifications as account_notifications
from learning.accounts import organisation_claims
from learning.circles import notifications as circle_notifications
from learning.evaluations import notifications as evaluation_notifications
from learning.events import notifications as event_notifications
from learning.outbox import renderers

CODE = Path(settings.BASE_DIR) / "learning"
QUEUE_CALLS = {"message_queue", "message_queue_debounced"}
# Builders of kinds from a template name, and where each of their kinds is produced.
BUILDERS = {
    "registration_kind": event_notifications.registration_kind,  # tests/events/test_services.py
    "circle_kind": circle_notifications.circle_kind,  # tests/circles/test_services.py
    "account_kind": account_notifications.account_kind,  # below
    "claim_kind": organisation_claims.claim_kind,  # below
    # tests/evaluations/test_notifications.py
    "evaluation_kind": evaluation_notifications.evaluation_kind,
}


def _name(node) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _kind_arguments():
    """(place, kind node, module constants) of every queue call in the code."""
    for path in sorted(CODE.rglob("*.py")):
        if "migrations" in path.parts or path.parent == CODE / "outbox" / "services":
            continue  # the outbox's own services pass the caller's kind on
        tree = ast.parse(path.read_text(), filename=str(path))
        constants = {
            target.id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
            for target in node.targets
            if isinstance(target, ast.Name) and isinstance(node.value.value, str)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node.func) in QUEUE_CALLS:
                kind = next((k.value for k in node.keywords if k.arg == "kind"), None)
                yield f"{path.relative_to(CODE.parent)}:{node.lineno}", kind, constants


def test_every_kind_in_the_code_is_registered_or_built_by_a_produced_builder():
    calls = list(_kind_arguments())
    assert len(calls) >= 10  # the scan finds the queue calls
    unknown = []
    for place, kind, constants in calls:
        if isinstance(kind, ast.Constant):
            value = kind.value
        elif isinstance(kind, ast.Name) and kind.id in constants:
            value = constants[kind.id]
        elif isinstance(kind, ast.Call) and _name(kind.func) in BUILDERS:
            argument = kind.args[0] if kind.args else None
            if not isinstance(argument, ast.Constant):
                continue  # built at run time: produced in the builder's tests
            value = BUILDERS[_name(kind.func)](argument.value)
        else:
            unknown.append(f"{place}: kind={ast.unparse(kind) if kind else None}")
            continue
        if value not in renderers.registered_kinds():
            unknown.append(f"{place}: {value!r} has no Dutch name")
    assert not unknown, unknown


def test_every_account_email_kind_has_a_dutch_name():
    # Every e-mail allauth can send (its templates and our own), as the adapter queues it.
    folders = [
        Path(settings.BASE_DIR) / "templates" / "account" / "email",
        Path(allauth.__file__).parent / "templates" / "account" / "email",
    ]
    names = {
        path.name.removesuffix("_subject.txt")
        for folder in folders
        for path in folder.glob("*_subject.txt")
    }
    assert {"email_confirmation_signup", "password_reset_key"} <= names
    for name in names:
        kind = account_notifications.account_kind(account_notifications.TEMPLATE_PREFIX + name)
        assert renderers.kind_label(kind) != kind, kind


def test_every_claim_decision_kind_has_a_dutch_name():
    folder = Path(settings.BASE_DIR) / "templates" / "accounts" / "email"
    decisions = {path.stem.removeprefix("claim_") for path in folder.glob("claim_*.txt")}
    assert decisions == {"approved", "refused"}
    for decision in decisions:
        kind = organisation_claims.claim_kind(decision)
        assert renderers.kind_label(kind) != kind, kind


def test_every_registered_kind_has_a_dutch_name_and_unknown_kinds_show_their_code():
    for kind in renderers.registered_kinds():
        label = renderers.kind_label(kind)
        assert label and label != kind, kind
    assert renderers.kind_label("registration_promoted") == "Plek gekregen van de wachtlijst"
    assert renderers.kind_label("iets_van_vroeger") == "iets_van_vroeger"
