"""Registration questions: answering while registering, changing the answers, what
coordinators see and export, and the deletion of answers (retention, account deletion)."""

import csv
import io
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learning.accounts.services import user_delete, user_export_data
from learning.events import services
from learning.events.coordination import coordinator_sections_grant
from learning.events.models import (
    EventIndexPage,
    QuestionCategory,
    QuestionType,
    Registration,
    RegistrationAnswer,
    RegistrationLog,
    RegistrationQuestion,
    RegistrationStatus,
)
from learning.outbox.models import OutboxMessage
from tests.conftest import require_service
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

INDEX = "registrations:index"
DIET_OPTIONS = "Geen\nVegetarisch\nVeganistisch\nGlutenvrij\nAnders"


def add_question(
    event, text, question_type, *, required=False, options="", sensitive=False, help_text=""
):
    return RegistrationQuestion.objects.create(
        event=event,
        text=text,
        help_text=help_text,
        question_type=question_type,
        required=required,
        options=options,
        category=QuestionCategory.SENSITIVE if sensitive else QuestionCategory.GENERAL,
        sort_order=RegistrationQuestion.objects.filter(event=event).count(),
    )


def export_rows(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post_answers(client, event, answers: dict, *, path="register/"):
    """Post the questions form: answers are question → value (a list for several choices)."""
    data = {"answers_form": "1"} if path == "register/" else {}
    for question, value in answers.items():
        data[f"question_{question.pk}"] = value
    return client.post(f"{event.url}{path}", data)


@pytest.fixture
def day(make_event):
    """A day with the demo's four questions: diet (required, sensitive), accessibility
    (optional, sensitive), learning goal (optional) and the participant list (required)."""
    event = make_event(title="Dag van de circulaire overheid", capacity=150)
    questions = {
        "diet": add_question(
            event,
            "Heeft u dieetwensen?",
            QuestionType.ONE_CHOICE,
            required=True,
            options=DIET_OPTIONS,
            sensitive=True,
            help_text="Voor de <b>Lunch</b>.",
        ),
        "access": add_question(
            event, "Wat heeft u nodig om mee te doen?", QuestionType.LONG_TEXT, sensitive=True
        ),
        "goal": add_question(event, "Wat wilt u leren?", QuestionType.LONG_TEXT),
        "list": add_question(
            event, "Mag uw naam op de deelnemerslijst?", QuestionType.YES_NO, required=True
        ),
    }
    return event, questions


def register(event, user, answers: dict):
    return services.registration_create(
        event=event, user=user, answers={question.pk: value for question, value in answers.items()}
    )


# --- Each type: a happy path and a refusal, through the form ----------------------------------

TYPES = {
    # type: (options, a good answer, what it is stored as, a bad answer, the message)
    QuestionType.SHORT_TEXT: ("", "x" * 200, ("x" * 200, []), "x" * 201, "te lang: maximaal 200"),
    QuestionType.LONG_TEXT: ("", "y" * 2000, ("y" * 2000, []), "y" * 2001, "maximaal 2000 tekens"),
    QuestionType.ONE_CHOICE: (
        DIET_OPTIONS,
        "glutenvrij",
        ("", ["glutenvrij"]),
        "kaviaar",
        "een van de keuzes die er staan",
    ),
    QuestionType.MANY_CHOICES: (
        "Plenaire opening\nDeelsessies\nNetwerkborrel",
        ["netwerkborrel", "plenaire-opening"],
        ("", ["plenaire-opening", "netwerkborrel"]),  # in the editor's order
        ["deelsessies", "kaviaar"],
        "een van de keuzes die er staan",
    ),
    QuestionType.YES_NO: ("", "nee", ("", ["nee"]), "misschien", "een van de keuzes die er staan"),
}


@pytest.mark.parametrize("question_type", list(TYPES))
def test_each_type_is_answered_and_refused_with_a_dutch_message_on_its_field(
    make_event, make_user, question_type
):
    options, good, stored, bad, message = TYPES[question_type]
    event = make_event()
    question = add_question(event, "Uw vraag", question_type, required=True, options=options)
    user = make_user()
    client = client_for(user)

    for refused, expected in ((bad, message), ("", "bij ‘Uw vraag’")):
        response = post_answers(client, event, {question: refused})
        assert response.status_code == 400
        content = response.content.decode()
        assert expected in content
        assert "Er is een probleem" in content  # the error summary …
        assert 'aria-invalid="true"' in content  # … and the message on the field
        assert not Registration.objects.filter(user=user).exists()
        assert not RegistrationAnswer.objects.exists()
        assert not OutboxMessage.objects.exists()

    response = post_answers(client, event, {question: good})
    assert response.status_code == 302
    answer = RegistrationAnswer.objects.get(registration__user=user, question=question)
    assert (answer.text, answer.choices) == stored


def test_a_refusal_saves_nothing_and_links_the_summary_to_each_field(day, make_user):
    event, questions = day
    user = make_user()
    response = post_answers(
        client_for(user),
        event,
        {questions["diet"]: "kaviaar", questions["goal"]: "Ketens sluiten"},
    )
    assert response.status_code == 400
    content = response.content.decode()
    diet, participant_list = questions["diet"].pk, questions["list"].pk
    # Radio buttons: the link goes to the first option, where the fieldset's legend is read.
    assert f'href="#id_question_{diet}_0">Kies bij ‘Heeft u dieetwensen?’ een van de' in content
    assert f'href="#id_question_{participant_list}_0">Kies een antwoord bij' in content
    assert "data-error-summary" in content  # site.js moves focus there
    # What was typed is kept, the bad choice is not checked.
    assert "Ketens sluiten" in content
    assert not Registration.objects.exists()
    assert not RegistrationAnswer.objects.exists()


def test_the_service_refuses_a_caller_that_skips_the_form(day, make_event, make_user):
    """The rule lives in the service: an answer the questions do not allow is refused under
    the lock whoever calls, and answers to another event's questions are ignored."""
    event, questions = day
    other_event_question = add_question(make_event(), "Ander", QuestionType.SHORT_TEXT)
    user = make_user()
    with pytest.raises(services.AnswersRefused) as refused:
        register(event, user, {questions["diet"]: ["geen", "vegetarisch"]})
    assert set(refused.value.errors) == {questions["diet"].pk, questions["list"].pk}
    assert refused.value.status == 400
    assert not Registration.objects.exists()

    registration = register(
        event,
        user,
        {questions["diet"]: "geen", questions["list"]: "ja", other_event_question: "x"},
    )
    assert {answer.question_id for answer in registration.answers.all()} == {
        questions["diet"].pk,
        questions["list"].pk,
    }


def test_the_event_page_leads_to_the_form_and_the_one_button_post_is_refused(day, make_user):
    event, questions = day
    client = client_for(make_user())
    page = client.get(event.url).content.decode()
    assert f'href="{event.url}register/"' in page
    assert f'action="{event.url}register/"' not in page  # no one-button form

    form = client.get(f"{event.url}register/")
    assert form.status_code == 200
    content = form.content.decode()
    assert "Heeft u dieetwensen?" in content
    assert "Wat wilt u leren? (optioneel)" in content
    assert "Maximaal 2000 tekens." in content
    assert "<b>Lunch</b>" not in content  # an editor's help text is text, not HTML
    assert "&lt;b&gt;Lunch&lt;/b&gt;" in content
    assert "gebruiken we alleen om deze bijeenkomst te organiseren" in content  # sensitive

    # A post without the answers (an old page, a script): the form with what is missing.
    response = client.post(f"{event.url}register/")
    assert response.status_code == 400
    assert "Kies een antwoord bij ‘Heeft u dieetwensen?’" in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("question_type", "options", "problem"),
    [
        (QuestionType.ONE_CHOICE, "Alleen deze", "minstens twee keuzes"),
        (QuestionType.MANY_CHOICES, "Vegetarisch\nvegetarisch", "te veel op elkaar"),
        (QuestionType.ONE_CHOICE, "Ja\n" + "x" * 101, "hoogstens 100 tekens"),
        (QuestionType.SHORT_TEXT, "Ja\nNee", "Alleen een keuzevraag heeft keuzes"),
    ],
)
def test_editors_get_a_dutch_message_for_options_that_do_not_work(question_type, options, problem):
    question = RegistrationQuestion(text="Vraag", question_type=question_type, options=options)
    with pytest.raises(ValidationError) as refused:
        question.clean()
    assert problem in str(refused.value.message_dict["options"])


def test_editors_add_questions_in_the_registration_tab(client, day):
    event, _questions = day
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[event.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Vragen bij het aanmelden" in content
    assert "Heeft u dieetwensen?" in content


def test_registering_with_answers_confirms_and_says_so(day, make_user):
    event, questions = day
    user = make_user()
    response = post_answers(
        client_for(user),
        event,
        {questions["diet"]: "vegetarisch", questions["list"]: "ja", questions["access"]: ""},
    )
    assert response.status_code == 302
    registration = Registration.objects.get(user=user)
    assert registration.status == RegistrationStatus.CONFIRMED
    # An empty optional answer is no row.
    assert sorted(a.display for a in registration.answers.select_related("question")) == [
        "Ja",
        "Vegetarisch",
    ]


# --- "Mijn aanmeldingen": see and change until the cancellation deadline ---------------------


def test_the_person_sees_and_changes_their_answers_until_the_deadline(day, make_user):
    event, questions = day
    user = make_user()
    registration = register(event, user, {questions["diet"]: "geen", questions["list"]: "ja"})
    client = client_for(user)

    page = client.get(reverse("events:my_registrations")).content.decode()
    assert "Uw antwoorden" in page
    assert "Geen" in page and "Niet beantwoord" in page
    assert f'href="{event.url}answers/"' in page

    assert f'href="{event.url}answers/"' in client.get(event.url).content.decode()
    form = client.get(f"{event.url}answers/").content.decode()
    assert 'value="geen" checked' in form

    # A refusal changes nothing.
    response = post_answers(client, event, {questions["diet"]: ""}, path="answers/")
    assert response.status_code == 400
    assert registration.answers.count() == 2

    response = post_answers(
        client,
        event,
        {questions["diet"]: "veganistisch", questions["list"]: "nee", questions["goal"]: "Ketens"},
        path="answers/",
    )
    assert response.status_code == 302
    assert sorted(a.display for a in registration.answers.select_related("question")) == [
        "Ketens",
        "Nee",
        "Veganistisch",
    ]
    log = RegistrationLog.objects.filter(registration=registration, action="answers").get()
    assert log.reason == ""  # what was answered (health) is not in the log

    # After the cancellation deadline: no link, and a post is refused.
    event.cancellation_deadline = timezone.now() - timedelta(minutes=1)
    event.save(update_fields=["cancellation_deadline"])
    page = client.get(reverse("events:my_registrations")).content.decode()
    assert "Veganistisch" in page
    assert f'href="{event.url}answers/"' not in page
    assert f'href="{event.url}answers/"' not in client.get(event.url).content.decode()
    response = post_answers(client, event, {questions["diet"]: "geen"}, path="answers/")
    assert response.status_code == 409
    assert "wijzigen via de site kan niet meer" in response.content.decode()
    assert registration.answers.get(question=questions["diet"]).choices == ["veganistisch"]
    with pytest.raises(services.RegistrationError) as refused:
        services.registration_answers_update(
            registration=registration, raw={questions["diet"].pk: "geen"}, actor=user
        )
    assert refused.value.code == "answers_deadline_passed"


def test_nobody_changes_someone_elses_answers(day, make_user):
    event, questions = day
    anna, bram = make_user(), make_user()
    registration = register(event, anna, {questions["diet"]: "geen", questions["list"]: "ja"})
    # Bram has no registration of his own: the page refuses, and the service too.
    response = post_answers(client_for(bram), event, {questions["diet"]: "anders"}, path="answers/")
    assert response.status_code == 409
    with pytest.raises(services.RegistrationError) as refused:
        services.registration_answers_update(
            registration=registration, raw={questions["diet"].pk: "anders"}, actor=bram
        )
    assert refused.value.code == "not_yours"
    assert registration.answers.get(question=questions["diet"]).choices == ["geen"]


def test_a_seat_handed_over_leaves_the_answers_behind(day, make_user, utrecht):
    event, questions = day
    anna, colleague = make_user(utrecht), make_user(utrecht)
    registration = register(event, anna, {questions["diet"]: "glutenvrij", questions["list"]: "ja"})
    services.registration_handover(registration=registration, to_email=colleague.email, actor=anna)
    assert not RegistrationAnswer.objects.filter(registration=registration).exists()


# --- Coordinators: inspect, summary, export, and only their own events ------------------------


@pytest.fixture
def coordinator(agenda, programme):
    coordinator_sections_grant(pages=[agenda, programme])
    user = UserFactory(is_staff=True, full_name="Coby Coördinator")
    user.groups.add(Group.objects.get(name="Coördinatoren"))
    return user


@pytest.fixture
def answered_day(day, make_user):
    event, questions = day
    people = []
    for name, diet, goal in (
        ("Anna de Vries", "vegetarisch", '=HYPERLINK("https://kwaad.example")'),
        ("Bram Bakker", "vegetarisch", ""),
        ("Carla Claes", "glutenvrij", "Biomassa"),
    ):
        user = make_user(full_name=name)
        people.append(
            register(
                event,
                user,
                {questions["diet"]: diet, questions["goal"]: goal, questions["list"]: "ja"},
            )
        )
    return event, questions, people


def test_the_coordinator_sees_the_answers_and_the_counts(client, coordinator, answered_day):
    event, questions, (anna, *_rest) = answered_day
    client.force_login(coordinator)
    content = client.get(reverse("registrations:inspect", args=[anna.pk])).content.decode()
    assert "Antwoorden op de vragen" in content
    assert "Heeft u dieetwensen?" in content and "Vegetarisch" in content

    response = client.get(reverse(INDEX), {"event": event.pk})
    summaries = {s.question.text: s for s in response.context["event_summary"]["answers"]}
    diet = summaries["Heeft u dieetwensen?"]
    assert [(o.label, o.count) for o in diet.options] == [
        ("Geen", 0),
        ("Vegetarisch", 2),
        ("Veganistisch", 0),
        ("Glutenvrij", 1),
        ("Anders", 0),
    ]
    assert summaries["Wat wilt u leren?"].answered == 2
    assert "2 Vegetarisch" in response.content.decode()


def test_the_export_of_one_event_has_a_column_per_question(client, coordinator, answered_day):
    event, questions, _people = answered_day
    client.force_login(coordinator)
    rows = export_rows(client.get(reverse(INDEX), {"event": event.pk, "export": "csv"}))
    assert [row["Heeft u dieetwensen?"] for row in rows] == [
        "Vegetarisch",
        "Vegetarisch",
        "Glutenvrij",
    ]
    assert [row["Mag uw naam op de deelnemerslijst?"] for row in rows] == ["Ja"] * 3
    # An editor's question is a heading, never a formula either.
    questions["access"].text = "=Toegankelijkheid"
    questions["access"].save()
    response = client.get(reverse(INDEX), {"event": event.pk, "export": "csv"})
    assert "'=Toegankelijkheid" in export_rows(response)[0]
    # An answer is text, never a formula.
    assert rows[0]["Wat wilt u leren?"] == '\'=HYPERLINK("https://kwaad.example")'
    assert "Antwoorden" not in rows[0]

    response = client.get(reverse(INDEX), {"event": event.pk, "export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    table = list(sheet.iter_rows(values_only=True))
    heading = list(table[0])
    diet = heading.index("Heeft u dieetwensen?")
    assert [row[diet] for row in table[1:]] == ["Vegetarisch", "Vegetarisch", "Glutenvrij"]
    goal = heading.index("Wat wilt u leren?")
    assert table[3][goal] == "Biomassa"


def test_the_export_of_several_events_has_one_answers_column(
    client, coordinator, answered_day, make_event, make_user
):
    event, questions, _people = answered_day
    services.registration_create(event=make_event(title="Zonder vragen"), user=make_user())
    client.force_login(coordinator)
    rows = export_rows(client.get(reverse(INDEX), {"export": "csv"}))
    by_event = {}
    for row in rows:
        by_event.setdefault(row["Bijeenkomst"], []).append(row["Antwoorden"])
    assert by_event["Zonder vragen"] == [""]
    assert by_event["Dag van de circulaire overheid"][2] == (
        "Heeft u dieetwensen?: Glutenvrij; Wat wilt u leren?: Biomassa; "
        "Mag uw naam op de deelnemerslijst?: Ja"
    )
    assert "Heeft u dieetwensen?" not in rows[0]


def test_a_coordinator_of_another_section_sees_no_answers(client, agenda, answered_day, home):
    event, questions, (anna, *_rest) = answered_day
    south = EventIndexPage(title="Agenda Zuid", slug="agenda-zuid")
    home.add_child(instance=south)
    group = Group.objects.create(name="Coördinatoren Zuid")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=["wagtailadmin", "events"],
            codename__in=["access_admin", "view_registration", "change_registration"],
        )
    )
    coordinator_sections_grant(pages=[south], group_name=group.name)
    other = UserFactory(is_staff=True, full_name="Zeno Zuid")
    other.groups.add(group)
    client.force_login(other)

    assert client.get(reverse("registrations:inspect", args=[anna.pk])).status_code == 404
    response = client.get(reverse(INDEX), {"event": event.pk})
    assert "event_summary" not in response.context
    assert "Vegetarisch" not in response.content.decode()
    for export in ({"export": "csv"}, {"export": "csv", "event": event.pk}):
        body = b"".join(client.get(reverse(INDEX), export).streaming_content).decode()
        assert "Vegetarisch" not in body and "dieetwensen" not in body


# --- Personal data: export, retention, account deletion --------------------------------------


def test_the_answers_are_in_the_persons_data_export(answered_day):
    _event, _questions, (anna, *_rest) = answered_day
    data = user_export_data(user=anna.user)["data"]["registrations"]
    assert {"question": "Heeft u dieetwensen?", "answer": "Vegetarisch"} in data[0]["answers"]


def test_deleting_the_account_deletes_the_answers(answered_day):
    _event, _questions, (anna, bram, _carla) = answered_day
    user_delete(user=anna.user)
    anna.refresh_from_db()
    assert anna.user is None  # the registration stays, anonymous …
    assert not RegistrationAnswer.objects.filter(registration=anna).exists()  # … its answers not
    assert RegistrationAnswer.objects.filter(registration=bram).count() == 2  # no goal given


def test_sensitive_answers_go_after_the_event_and_all_answers_with_the_retention(answered_day):
    event, questions, (anna, bram, carla) = answered_day
    services.registration_cancel(registration=bram, actor=bram.user)

    # Before the event: only the cancelled registration's diet goes.
    services.registrations_anonymise()
    assert not RegistrationAnswer.objects.filter(registration=bram, question=questions["diet"])
    assert RegistrationAnswer.objects.filter(registration=bram, question=questions["list"])
    assert RegistrationAnswer.objects.filter(question=questions["diet"]).count() == 2

    # The night after the event: every diet goes, the learning goals stay.
    after = event.ends_at + timedelta(hours=8)
    services.registrations_anonymise(now=after)
    assert not RegistrationAnswer.objects.filter(question__category=QuestionCategory.SENSITIVE)
    assert RegistrationAnswer.objects.filter(question=questions["goal"]).count() == 2
    carla.refresh_from_db()
    assert carla.user is not None

    # After the retention period: the registrations are anonymised and every answer is gone.
    services.registrations_anonymise(now=event.ends_at + timedelta(days=400))
    assert not RegistrationAnswer.objects.exists()
    assert not Registration.objects.filter(user__isnull=False).exists()


# --- Query counts ----------------------------------------------------------------------------


def _count(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


def _grow(event, make_user, *, questions: int, registrations: int):
    for number in range(questions):
        add_question(event, f"Extra vraag {number}", QuestionType.ONE_CHOICE, options="A\nB")
    answers = dict.fromkeys(RegistrationQuestion.objects.filter(event=event), "a")
    answers.update({q: "ja" for q in answers if q.question_type == QuestionType.YES_NO})
    answers.update({q: "geen" for q in answers if q.text == "Heeft u dieetwensen?"})
    for _ in range(registrations):
        register(event, make_user(), answers)


def test_pages_use_a_constant_number_of_queries_as_questions_and_answers_grow(
    client, coordinator, day, make_user
):
    event, _questions = day
    person = make_user()
    person_client = client_for(person)
    register(event, person, {_questions["diet"]: "geen", _questions["list"]: "ja"})
    newcomer = client_for(make_user())
    client.force_login(coordinator)

    def counts():
        return (
            _count(newcomer, event.url),
            _count(newcomer, f"{event.url}register/"),
            _count(person_client, event.url),
            _count(person_client, f"{event.url}answers/"),
            _count(person_client, reverse("events:my_registrations")),
            _count(client, reverse(INDEX), event=event.pk),
            _count(client, reverse("registrations:inspect", args=[event.registrations.first().pk])),
        )

    _grow(event, make_user, questions=1, registrations=1)
    counts()  # caches warm
    few = counts()
    _grow(event, make_user, questions=6, registrations=8)
    assert counts() == few


# --- Under simultaneous requests (PostgreSQL) ------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_registrations_with_answers_keep_the_rules(make_event, make_user):
    """40 people at once for 10 seats, half of them with a choice that is not offered: the
    refused leave nothing behind, the others get a seat or a place in the queue with their
    answers, and a double click registers (and answers) once."""
    require_service(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")
    event = make_event(capacity=10)
    diet = add_question(event, "Dieet", QuestionType.ONE_CHOICE, required=True, options="A\nB")
    people = [(make_user(), "a" if number % 2 else "kaviaar") for number in range(40)]
    double_clicker = people[1][0]
    posts = [*people, (double_clicker, "b")]

    def one(post):
        user, choice = post
        try:
            client = Client()
            client.force_login(user)
            return post_answers(client, event, {diet: choice}).status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(one, posts))

    assert statuses.count(400) == 20
    registrations = Registration.objects.filter(event=event)
    assert registrations.count() == 20
    assert registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 10
    assert registrations.filter(status=RegistrationStatus.WAITING).count() == 10
    assert not registrations.filter(user__in=[user for user, choice in people if choice != "a"])
    # One answer per registration, the double click's first or second, never both.
    answers = RegistrationAnswer.objects.filter(question=diet)
    assert answers.count() == 20
    assert set(answers.values_list("registration_id", flat=True)) == set(
        registrations.values_list("pk", flat=True)
    )
    assert answers.get(registration__user=double_clicker).choices in (["a"], ["b"])


def test_a_line_break_counts_as_one_character():
    # Browsers send CRLF: 2,001 characters on the wire are 2,000 in the answer.
    question = RegistrationQuestion(text="Wat wilt u leren?", question_type=QuestionType.LONG_TEXT)
    value = services.answer_clean(question=question, raw="x" * 999 + "\r\n" + "x" * 1000)
    assert value.text == "x" * 999 + "\n" + "x" * 1000


def test_a_nul_character_in_a_text_answer_is_a_400_not_a_500(make_event, make_user):
    # PostgreSQL refuses NUL in text: the form must refuse it with a message, not crash.
    event = make_event()
    question = add_question(event, "Uw vraag", QuestionType.SHORT_TEXT)
    user = make_user()
    response = post_answers(client_for(user), event, {question: "a\x00b"})
    assert response.status_code == 400
    assert "ongeldig teken" in response.content.decode()
    assert not Registration.objects.filter(user=user).exists()
