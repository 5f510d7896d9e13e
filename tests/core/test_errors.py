"""One domain error base (issue 18): every app's refusal is a ``DomainError`` with a code for
programs, a Dutch message for people and the HTTP status views answer with."""

import ast
import importlib
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _

from learning.accounts.errors import AccountError
from learning.calendar.errors import CalendarError
from learning.circles.services import CircleError
from learning.core.errors import DomainError
from learning.events import services as event_services
from learning.events.services import RegistrationError
from learning.knowledge.services import KnowledgeError
from learning.monitor.services import MonitorError
from learning.organisations.services import OrganisationError
from learning.outbox.services import OutboxError

REPO = Path(__file__).resolve().parents[2]

# The status each app's refusals answer with.
APP_ERRORS = {
    AccountError: 409,
    CalendarError: 403,
    CircleError: 409,
    KnowledgeError: 403,
    MonitorError: 409,
    OrganisationError: 400,
    OutboxError: 409,
    RegistrationError: 409,
}


def error_classes_in_source():
    """Every class named …Error defined in learning/, as (module, class name)."""
    for path in sorted((REPO / "learning").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text())
        parts = list(path.relative_to(REPO).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and node.name.endswith("Error"):
                yield ".".join(parts), node.name


@pytest.mark.parametrize("error_class", APP_ERRORS, ids=lambda cls: cls.__name__)
def test_every_app_error_is_a_domain_error_with_a_code_and_a_message(error_class):
    error = error_class("some_code", _("Dit kan nu niet."))
    assert isinstance(error, DomainError)
    assert error.code == "some_code"
    assert str(error.message) == "Dit kan nu niet."
    assert str(error) == "Dit kan nu niet."
    assert error.status == APP_ERRORS[error_class]


def test_every_error_class_in_the_code_extends_the_domain_error():
    found = list(error_classes_in_source())
    assert len(found) >= len(APP_ERRORS) + 1  # the apps' errors and DomainError itself
    for module, name in found:
        error_class = getattr(importlib.import_module(module), name)
        assert issubclass(error_class, DomainError), f"{module}.{name}"
    assert {name for _module, name in found} >= {cls.__name__ for cls in APP_ERRORS}


def test_a_status_given_with_the_error_wins():
    error = CalendarError("invalid_filter", _("Ongeldig filter."), status=400)
    assert error.status == 400
    assert CalendarError("gone", _("Weg.")).status == 403


def test_a_monitor_conflict_keeps_the_save_that_came_in_between():
    latest = object()
    error = MonitorError("conflict", _("Niet opgeslagen."), latest=latest)
    assert (error.code, error.latest, error.status) == ("conflict", latest, 409)


def test_a_service_refusal_carries_its_code_and_dutch_message():
    with pytest.raises(DomainError) as refused:
        event_services.check_can_register(user=AnonymousUser())
    assert refused.value.code == "login_required"
    assert str(refused.value.message) == "Log in om u aan te melden."
