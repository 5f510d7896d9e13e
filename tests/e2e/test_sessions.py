"""A civil servant registers for a day with parallel sessions: reads the timetable (rooms as
columns on a wide screen, a list on a phone), chooses a session per round and answers a
question while registering, then changes a session from "Mijn aanmeldingen", on a 320 px phone.
axe checks the event page with its timetable, the registration form and the sessions page at
320 and 1280 px, and none of them is wider than the screen."""

import re

import pytest

from learning.events.models import (
    QuestionType,
    Registration,
    RegistrationQuestion,
    SessionChoice,
)
from learning.events.services import registration_create
from tests.e2e.helpers import check_widths, follow_header_link, sign_in
from tests.events.fixtures import add_programme

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


WIDTHS = (320, 1280)


def test_choose_sessions_while_registering_then_change_one(page, axe_check, make_event, make_user):
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    event = make_event(title="Dag van de circulaire overheid", capacity=150)
    first, second, _third = add_programme(event, rounds=3, sessions=4, capacity=2)
    RegistrationQuestion.objects.create(
        event=event,
        text="Heeft u dieetwensen?",
        question_type=QuestionType.ONE_CHOICE,
        required=True,
        options="Geen\nVegetarisch\nGlutenvrij",
        sort_order=0,
    )
    for _ in range(2):  # session 1.1 is full
        registration_create(
            event=event,
            user=make_user(),
            sessions={first.pk: first.session_list[0].pk},
            answers={event.questions.get().pk: "geen"},
        )
    user = make_user()
    sign_in(page, user)

    page.goto(event.url)
    timetable = page.locator("section.timetable")
    assert timetable.get_by_role("heading", name="Sessies").is_visible()
    grid = timetable.locator("table.timetable-table")
    # A list per round on a phone; rooms as columns on a wide screen.
    assert timetable.locator(".timetable__list").is_visible() and not grid.is_visible()
    page.set_viewport_size({"width": WIDTHS[1], "height": 900})
    assert grid.is_visible() and not timetable.locator(".timetable__list").is_visible()
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    check_widths(page, axe_check, WIDTHS)

    page.get_by_role("link", name="Aanmelden", exact=True).click()
    page.wait_for_url(f"**{event.url}register/")
    assert page.get_by_label(re.compile(r"^Sessie 1\.1 – Zaal 1 – vol")).is_visible()
    check_widths(page, axe_check, WIDTHS)
    page.get_by_label(re.compile(r"^Sessie 1\.2 – Zaal 2 – nog 2 plaatsen")).check()
    page.get_by_label(re.compile(r"^Sessie 2\.4 – Zaal 4")).check()
    page.get_by_label("Vegetarisch").check()
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(f"**{event.url}")
    assert page.get_by_text("U bent aangemeld").first.is_visible()
    registration = Registration.objects.get(user=user)
    assert {c.session.title for c in SessionChoice.objects.filter(registration=registration)} == {
        "Sessie 1.2",
        "Sessie 2.4",
    }
    assert page.get_by_text("Uw sessie").first.is_visible()

    follow_header_link(page, "Mijn aanmeldingen")
    page.wait_for_url("**/mijn-aanmeldingen/")
    assert page.get_by_text(re.compile(r"Sessie 1\.2 \(Zaal 2\)")).first.is_visible()
    page.get_by_role("link", name=re.compile("Sessies wijzigen")).click()
    page.wait_for_url(f"**{event.url}sessies/")
    check_widths(page, axe_check, WIDTHS)
    page.get_by_label(re.compile(r"^Sessie 1\.3 – Zaal 3")).check()
    page.get_by_role("button", name="Sessies opslaan").click()
    page.wait_for_url("**/mijn-aanmeldingen/")
    assert page.get_by_text("Uw sessies zijn opgeslagen").is_visible()
    assert page.get_by_text(re.compile(r"Sessie 1\.3 \(Zaal 3\)")).first.is_visible()
    choice = SessionChoice.objects.get(registration=registration, round=first)
    assert choice.session.title == "Sessie 1.3" and choice.is_seated
    assert SessionChoice.objects.get(registration=registration, round=second).is_seated
