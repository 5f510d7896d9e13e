"""The Wagtail admin works under its CSP without 'unsafe-eval' (issue 19, finding 14).

A real browser opens the page editor (adds a StreamField block, types in rich text), a snippet
edit form, the outbox and a chooser, and listens for every Content-Security-Policy violation:
the browser reports each one as a ``securitypolicyviolation`` event and a console error.
"""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from learning.knowledge.models import PolicyGoal
from tests.e2e.helpers import sign_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Recorded before any of the page's own scripts run.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline/eval"} ` +
        `at ${event.sourceFile}:${event.lineNumber}`
    );
});
"""


def _watch(page):
    console = []
    page.add_init_script(LISTEN)
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text or "unsafe-eval" in message.text
            else None
        ),
    )
    return console


def _violations(page, console):
    return page.evaluate("window.__cspViolations || []") + console


def test_page_editor_and_snippet_form_work_without_unsafe_eval(page, live_server, make_event):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    superuser.groups.add(Group.objects.get(name="Editors"))
    event = make_event()
    goal = PolicyGoal.objects.create(
        title="Halvering grondstoffen", goal_text="50% minder primaire grondstoffen", source="Rijk"
    )
    console = _watch(page)
    sign_in(page, superuser)

    response = page.goto(f"/admin/pages/{event.pk}/edit/")
    policy = response.headers["content-security-policy"]
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-eval'" not in script_src
    page.wait_for_load_state("networkidle")
    # The StreamField "programme": add a paragraph block and type in its rich-text editor.
    page.locator("#panel-child-inhoud-programme-content .c-sf-add-button").first.click()
    page.get_by_role("option", name=re.compile("^Tekst")).first.click()
    editor = page.locator(
        "#panel-child-inhoud-programme-content .Draftail-Editor [contenteditable='true']"
    ).first
    editor.click()
    page.keyboard.type("Programma van de dag")
    expect(editor).to_contain_text("Programma van de dag")
    # Draftail writes its hidden input a moment after typing: wait for it before saving.
    expect(page.locator("input[name^='programme-'][name$='-value']").first).to_have_value(
        re.compile("Programma van de dag")
    )
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("bewaar concept|save draft", re.I)).first.click()
    page.wait_for_load_state("networkidle")
    event.refresh_from_db()
    assert "Programma van de dag" in str(event.get_latest_revision_as_object().programme)
    assert _violations(page, console) == []

    page.goto(f"/admin/snippets/knowledge/policygoal/edit/{goal.pk}/")
    page.wait_for_load_state("networkidle")
    page.locator("#id_title").fill("Halvering primaire grondstoffen")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Opslaan|Save", re.I)).first.click()
    page.wait_for_load_state("networkidle")
    goal.refresh_from_db()
    assert goal.title == "Halvering primaire grondstoffen"
    assert _violations(page, console) == []

    for path in ("/admin/", "/admin/outbox/", "/admin/pages/", "/admin/images/"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
    assert _violations(page, console) == []

    # The listener itself works: an image from another origin is refused and reported.
    page.evaluate(
        "() => { const img = new Image(); img.src = 'https://elders.example/x.png';"
        " document.body.append(img); }"
    )
    page.wait_for_function("window.__cspViolations.length > 0")
    assert "img-src" in page.evaluate("window.__cspViolations")[0]
