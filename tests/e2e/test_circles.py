"""A civil servant applies for a learning circle, the coordinator approves, the new member
reads a members-only page; axe finds no WCAG 2.1 AA violations on the circle pages."""

import re

import pytest

from learning.circles.models import CircleMembership, MembershipStatus
from tests.circles.conftest import circle_index, knowledge_page, make_circle  # noqa: F401
from tests.e2e.helpers import log_out, sign_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_apply_approve_and_read_a_private_page(
    page,
    axe_check,
    make_circle,  # noqa: F811 (the fixture imported above)
    knowledge_page,  # noqa: F811
):
    coordinator = UserFactory(is_staff=True, full_name="Sanne de Vries")
    circle = make_circle(coordinators=[coordinator], title="Leerkring circulaire economie")
    private = knowledge_page(circle, title="Lessen uit de eerste bijeenkomsten")
    applicant = UserFactory(full_name="Anouk Jansen")

    page.goto(circle.get_parent().url)
    axe_check(page)

    sign_in(page, applicant)
    page.goto(circle.url)
    axe_check(page)
    page.get_by_label("Waarom wilt u meedoen?").fill(
        "Ik werk aan circulair inkopen van meubilair in Apeldoorn."
    )
    page.get_by_role("button", name="Aanmelden voor de leerkring").click()
    page.wait_for_url(f"**{circle.url}")
    assert page.get_by_text("Uw aanmelding is ontvangen").first.is_visible()
    axe_check(page)
    page.goto(private.url)
    assert page.get_by_role("heading", name="Alleen voor leden").is_visible()
    axe_check(page)
    log_out(page)

    sign_in(page, coordinator)
    page.goto(circle.url)
    axe_check(page)
    page.get_by_role("link", name=re.compile("Aanmeldingen")).click()
    page.wait_for_url(f"**{circle.url}aanmeldingen/")
    axe_check(page)
    page.get_by_role("button", name="Goedkeuren Anouk Jansen").click()
    page.wait_for_url(f"**{circle.url}aanmeldingen/")
    membership = CircleMembership.objects.get(circle=circle, user=applicant)
    assert membership.status == MembershipStatus.APPROVED
    page.goto(f"{circle.url}leden/")
    axe_check(page)
    log_out(page)

    sign_in(page, applicant)
    page.goto(circle.url)
    assert page.get_by_text("U bent lid van deze leerkring.").is_visible()
    axe_check(page)
    page.get_by_role("link", name="Lessen uit de eerste bijeenkomsten").click()
    page.wait_for_url(f"**{private.url}")
    assert page.get_by_role("heading", name="Lessen uit de eerste bijeenkomsten").is_visible()
    axe_check(page)
    page.goto(private.get_parent().url)
    axe_check(page)
