"""Enrolling in a whole masterclass series, and the programme's limit per organisation
(learning.masterclasses.services, learning.events.seat_groups)."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection, connections, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learning.events import seat_groups, services
from learning.events.models import Registration, RegistrationStatus, WaitReason
from learning.events.services import RegistrationError
from learning.masterclasses.models import Audience, ProgrammePage
from learning.masterclasses.services import Outcome, programme_enrol
from learning.outbox.models import OutboxMessage
from tests.conftest import require_service
from tests.events.fixtures import municipalities

UITVOERING = "uitvoering"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def limit_series(programme, limit):
    ProgrammePage.objects.filter(pk=programme.pk).update(organisation_limit=limit)
    programme.organisation_limit = limit


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def statuses_of(masterclass):
    return dict(Registration.objects.filter(event=masterclass).values_list("user_id", "status"))


# --- The series enrolment service ---------------------------------------------------------


@pytest.mark.django_db
def test_outcome_per_masterclass(make_masterclass, make_user, utrecht, programme, committed):
    days = iter(range(10, 100, 5))
    buyers = make_masterclass(audience=Audience.UITVOERING, **_at(next(days)))
    mixed_full = make_masterclass(audience=Audience.GEMENGD, capacity=1, **_at(next(days)))
    board = make_masterclass(audience=Audience.BESTUUR, **_at(next(days)))
    closed = make_masterclass(
        audience=Audience.GEMENGD,
        registration_closes_at=timezone.now() - timedelta(hours=1),
        **_at(next(days)),
    )
    registered = make_masterclass(audience=Audience.UITVOERING, **_at(next(days)))
    services.registration_create(event=mixed_full, user=make_user(municipalities(2)[1]))
    person = make_user(utrecht, job_role=UITVOERING)
    services.registration_create(event=registered, user=person)
    mail.outbox.clear()

    with committed():
        outcomes = programme_enrol(programme=programme, user=person)

    by_page = {item.masterclass.pk: item for item in outcomes}
    assert [item.masterclass.pk for item in outcomes] == [
        buyers.pk,
        mixed_full.pk,
        board.pk,
        closed.pk,
        registered.pk,
    ]
    assert by_page[buyers.pk].outcome == Outcome.SEAT
    assert by_page[mixed_full.pk].outcome == Outcome.WAITING
    assert by_page[mixed_full.pk].reason == "Alle plaatsen zijn bezet."
    assert by_page[board.pk].outcome == Outcome.SKIPPED
    assert "andere doelgroep" in by_page[board.pk].reason
    assert by_page[closed.pk].outcome == Outcome.SKIPPED
    assert by_page[closed.pk].reason == "Aanmelden is gesloten."
    assert by_page[registered.pk].outcome == Outcome.ALREADY
    assert statuses_of(buyers) == {person.pk: RegistrationStatus.CONFIRMED}
    assert statuses_of(mixed_full)[person.pk] == RegistrationStatus.WAITING
    assert person.pk not in statuses_of(board)
    assert person.pk not in statuses_of(closed)

    # One e-mail, listing every masterclass and its outcome; no per-masterclass mails.
    assert [message.to for message in mail.outbox] == [[person.email]]
    text = mail.outbox[0].body
    assert "Aanmelding voor de reeks" in mail.outbox[0].subject
    for page in (buyers, mixed_full, board, closed, registered):
        assert page.title in text
    assert "U bent aangemeld. Uw plek is bevestigd." in text
    assert "U staat op de wachtlijst. Alle plaatsen zijn bezet." in text
    assert "Niet aangemeld: Bedoeld voor een andere doelgroep (Bestuur)." in text
    assert "Niet aangemeld: Aanmelden is gesloten." in text
    assert "U was al aangemeld" in text
    html = mail.outbox[0].alternatives[0][0]
    assert buyers.title in html


@pytest.mark.django_db
def test_enrolling_twice_changes_nothing_and_sends_nothing(
    make_masterclass, make_user, utrecht, programme, committed
):
    make_masterclass(audience=Audience.GEMENGD)
    person = make_user(utrecht, job_role=UITVOERING)
    programme_enrol(programme=programme, user=person)
    mail.outbox.clear()

    with committed():
        outcomes = programme_enrol(programme=programme, user=person)

    assert [item.outcome for item in outcomes] == [Outcome.ALREADY]
    assert mail.outbox == []
    assert OutboxMessage.objects.filter(kind="series_enrolment").count() == 1


@pytest.mark.django_db
def test_unverified_address_is_refused_for_the_whole_series(make_masterclass, make_user, programme):
    make_masterclass(audience=Audience.GEMENGD)
    person = make_user(verified=False, job_role=UITVOERING)
    with pytest.raises(RegistrationError) as refused:
        programme_enrol(programme=programme, user=person)
    assert refused.value.code == "email_unverified"
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_series_limit_holds_across_enrolments(make_masterclass, make_user, utrecht, programme):
    limit_series(programme, 2)
    first = make_masterclass(audience=Audience.UITVOERING, organisation_limit=None, **_at(10))
    second = make_masterclass(audience=Audience.GEMENGD, organisation_limit=None, **_at(20))
    colleagues = [make_user(utrecht, job_role=UITVOERING) for _ in range(3)]

    results = [programme_enrol(programme=programme, user=user) for user in colleagues]

    assert [item.outcome for item in results[0]] == [Outcome.SEAT, Outcome.SEAT]
    assert [item.outcome for item in results[1]] == [Outcome.SEAT, Outcome.SEAT]
    assert [item.outcome for item in results[2]] == [Outcome.WAITING, Outcome.WAITING]
    assert "hele reeks" in results[2][0].reason
    for page in (first, second):
        waiting = Registration.objects.get(event=page, user=colleagues[2])
        assert waiting.wait_reason == WaitReason.SERIES_FULL


# --- The programme's limit in every path that gives a seat --------------------------------


def _at(days: int) -> dict:
    start = timezone.now() + timedelta(days=days)
    return {"starts_at": start, "ends_at": start + timedelta(hours=3)}


@pytest.mark.django_db
def test_series_limit_applies_to_single_registrations(
    make_masterclass, make_user, utrecht, programme, make_event
):
    limit_series(programme, 2)
    first = make_masterclass(organisation_limit=None)
    second = make_masterclass(organisation_limit=None)
    one, two, three = (make_user(utrecht) for _ in range(3))

    assert services.registration_create(event=first, user=one).status == "confirmed"
    assert services.registration_create(event=second, user=two).status == "confirmed"
    refused = services.registration_create(event=first, user=three)
    assert refused.status == RegistrationStatus.WAITING
    assert refused.wait_reason == WaitReason.SERIES_FULL
    # Someone who holds a seat in the series already counts once: a second masterclass fits.
    assert services.registration_create(event=second, user=one).status == "confirmed"
    # Another municipality is not limited by Utrecht's people.
    other = make_user(municipalities(2)[1])
    assert services.registration_create(event=first, user=other).status == "confirmed"
    # A plain event outside the programme knows no series.
    plain = make_event()
    assert services.registration_create(event=plain, user=three).status == "confirmed"


@pytest.mark.django_db
def test_the_site_names_the_series_as_the_reason_to_wait(
    make_masterclass, make_user, utrecht, programme
):
    limit_series(programme, 1)
    first = make_masterclass(organisation_limit=None)
    second = make_masterclass(organisation_limit=None)
    services.registration_create(event=first, user=make_user(utrecht))
    client = client_for(make_user(utrecht))

    response = client.post(f"{second.url}register/", follow=True)

    content = response.content.decode()
    assert "maximum aantal deelnemers voor de hele reeks bereikt" in content
    assert "op plek 1" in content


@pytest.mark.django_db
def test_the_masterclass_limit_still_holds_inside_the_series(
    make_masterclass, make_user, utrecht, programme
):
    limit_series(programme, 5)
    masterclass = make_masterclass(organisation_limit=1)
    services.registration_create(event=masterclass, user=make_user(utrecht))
    second = services.registration_create(event=masterclass, user=make_user(utrecht))
    assert second.wait_reason == WaitReason.ORGANISATION_FULL


@pytest.mark.django_db
def test_series_limit_applies_to_promotions_across_the_series(
    make_masterclass, make_user, utrecht, programme
):
    limit_series(programme, 2)
    first = make_masterclass(capacity=2, organisation_limit=None)
    second = make_masterclass(organisation_limit=None)
    one, two, three = (make_user(utrecht) for _ in range(3))
    outsider = make_user(municipalities(2)[1])
    services.registration_create(event=first, user=one)
    services.registration_create(event=first, user=outsider)  # first is full
    services.registration_create(event=second, user=two)
    waiting = services.registration_create(event=first, user=three)
    assert waiting.wait_reason == WaitReason.CAPACITY

    # A seat frees up in the first masterclass, but Utrecht has its two people in the series.
    outsider_registration = Registration.objects.get(event=first, user=outsider)
    services.registration_cancel(registration=outsider_registration, actor=outsider)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.WAITING
    assert waiting.wait_reason == WaitReason.SERIES_FULL

    # The colleague in the second masterclass leaves the series: the first masterclass's
    # waiting colleague gets the free seat.
    services.registration_cancel(
        registration=Registration.objects.get(event=second, user=two), actor=two
    )
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


@pytest.mark.django_db
def test_offers_respect_the_series_limit(make_masterclass, make_user, utrecht, programme):
    limit_series(programme, 1)
    first = make_masterclass(capacity=1, organisation_limit=None, promotion_mode="offer")
    second = make_masterclass(organisation_limit=None)
    holder, colleague = make_user(utrecht), make_user(utrecht)
    outsider = make_user(municipalities(2)[1])
    services.registration_create(event=first, user=outsider)
    services.registration_create(event=second, user=holder)
    waiting = services.registration_create(event=first, user=colleague)

    services.registration_cancel(
        registration=Registration.objects.get(event=first, user=outsider), actor=outsider
    )
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.WAITING  # no offer: Utrecht's one is taken

    services.registration_cancel(
        registration=Registration.objects.get(event=second, user=holder), actor=holder
    )
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.OFFERED


@pytest.mark.django_db
def test_handover_may_not_bring_a_new_person_into_a_full_series(
    make_masterclass, make_user, utrecht, programme
):
    limit_series(programme, 2)
    first = make_masterclass(organisation_limit=None)
    second = make_masterclass(organisation_limit=None)
    one, two, newcomer = (make_user(utrecht) for _ in range(3))
    services.registration_create(event=first, user=one)
    services.registration_create(event=second, user=one)
    services.registration_create(event=first, user=two)

    # One keeps a seat in the first masterclass: handing over the second's would make three.
    with pytest.raises(RegistrationError) as refused:
        services.registration_handover(
            registration=Registration.objects.get(event=second, user=one),
            to_email=newcomer.email,
            actor=one,
        )
    assert refused.value.code == "handover_series_full"
    assert "hele reeks" in str(refused.value.message)

    # Two leaves the series by handing over their only seat: still two people.
    handed = services.registration_handover(
        registration=Registration.objects.get(event=first, user=two),
        to_email=newcomer.email,
        actor=two,
    )
    assert handed.user == newcomer


@pytest.mark.django_db
def test_raising_the_series_limit_lets_waiting_colleagues_in(
    make_masterclass, make_user, utrecht, programme
):
    limit_series(programme, 1)
    first = make_masterclass(organisation_limit=None)
    second = make_masterclass(organisation_limit=None)
    services.registration_create(event=first, user=make_user(utrecht))
    waiting = services.registration_create(event=second, user=make_user(utrecht))
    assert waiting.wait_reason == WaitReason.SERIES_FULL

    page = ProgrammePage.objects.get(pk=programme.pk)
    page.organisation_limit = 2
    page.save_revision().publish()

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


@pytest.mark.django_db
def test_coordinator_override_passes_the_series_limit_with_a_logged_reason(
    make_masterclass, make_user, utrecht, programme
):
    limit_series(programme, 1)
    first = make_masterclass(organisation_limit=None)
    services.registration_create(event=first, user=make_user(utrecht))
    waiting = services.registration_create(event=first, user=make_user(utrecht))
    admin = make_user(is_superuser=True, is_staff=True)

    promoted = services.registration_promote(
        registration=waiting, actor=admin, reason="Vervangt de wethouder"
    )

    assert promoted.status == RegistrationStatus.CONFIRMED
    assert promoted.log_entries.filter(
        action="override_promote", reason="Vervangt de wethouder"
    ).exists()


@pytest.mark.django_db
def test_plain_events_cost_no_extra_query(make_event, make_user, monkeypatch):
    event = make_event(capacity=10)

    def queries_for_a_registration():
        user = make_user()
        with CaptureQueriesContext(connection) as queries:
            services.registration_create(event=event, user=user)
        assert queries
        return len(queries)

    queries_for_a_registration()  # content types and the site cached, as on a running site
    with_series = queries_for_a_registration()
    monkeypatch.setattr(seat_groups, "_providers", {})
    without_series = queries_for_a_registration()
    assert with_series == without_series


# --- The site --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_programme_page_offers_the_series_button(make_masterclass, programme):
    make_masterclass(audience=Audience.GEMENGD)
    limit_series(programme, 3)
    ProgrammePage.objects.get(pk=programme.pk).save_revision().publish()
    content = Client().get(programme.url).content.decode()
    assert "Aanmelden voor de hele reeks" in content
    assert f'href="{programme.url}aanmelden/"' in content
    assert "3 mensen per organisatie" in content


@pytest.mark.django_db
def test_confirmation_page_says_what_will_happen(make_masterclass, make_user, utrecht, programme):
    mine = make_masterclass(audience=Audience.UITVOERING, title="Circulair uitvragen")
    full = make_masterclass(audience=Audience.GEMENGD, capacity=1, title="Samen circulair")
    other = make_masterclass(audience=Audience.BESTUUR, title="Bestuurlijk sturen")
    services.registration_create(event=full, user=make_user(municipalities(2)[1]))
    person = make_user(utrecht, job_role=UITVOERING)

    response = client_for(person).get(f"{programme.url}aanmelden/")

    assert response.status_code == 200
    plans = {plan.masterclass.pk: plan.outcome for plan in response.context["plans"]}
    assert plans == {mine.pk: Outcome.SEAT, full.pk: Outcome.WAITING, other.pk: Outcome.SKIPPED}
    content = response.content.decode()
    assert "U krijgt een plek." in content
    assert "U komt op de wachtlijst." in content
    assert "Bedoeld voor een andere doelgroep (Bestuur)." in content
    assert 'method="post"' in content
    assert not Registration.objects.filter(user=person).exists()  # nothing happens on GET


@pytest.mark.django_db
def test_enrolling_through_the_site_shows_the_outcome(
    make_masterclass, make_user, utrecht, programme
):
    mine = make_masterclass(audience=Audience.UITVOERING)
    other = make_masterclass(audience=Audience.BELEID)
    person = make_user(utrecht, job_role=UITVOERING)

    response = client_for(person).post(f"{programme.url}aanmelden/")

    assert response.status_code == 200
    content = response.content.decode()
    assert "U bent aangemeld. Uw plek is bevestigd." in content
    assert "Bedoeld voor een andere doelgroep (Beleid)." in content
    assert statuses_of(mine) == {person.pk: RegistrationStatus.CONFIRMED}
    assert statuses_of(other) == {}


@pytest.mark.django_db
def test_the_site_refuses_in_dutch_with_a_4xx(make_masterclass, make_user, programme):
    url = f"{programme.url}aanmelden/"
    # Anonymous: to the login page, nothing registered.
    response = Client().post(url)
    assert response.status_code == 302 and "login" in response["Location"]
    # An unverified address: a Dutch refusal, not a 500.
    make_masterclass(audience=Audience.GEMENGD)
    unverified = make_user(verified=False)
    response = client_for(unverified).post(url)
    assert response.status_code == 409
    assert "Bevestig eerst uw e-mailadres" in response.content.decode()
    assert not Registration.objects.exists()
    # Other methods are not allowed.
    assert client_for(unverified).put(url).status_code == 405


@pytest.mark.django_db
def test_a_programme_without_masterclasses_is_a_409(make_user, programme):
    response = client_for(make_user()).post(f"{programme.url}aanmelden/")
    assert response.status_code == 409
    assert "nog geen masterclasses" in response.content.decode()


@pytest.mark.django_db
def test_enrolling_is_rate_limited(make_masterclass, make_user, programme, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "programme_enrol": "2/m/user"}
    make_masterclass(audience=Audience.GEMENGD)
    client = client_for(make_user())
    url = f"{programme.url}aanmelden/"
    assert [client.post(url).status_code for _ in range(3)] == [200, 200, 429]
    assert client.get(url).status_code == 200  # looking is never limited


@pytest.mark.django_db
def test_confirmation_page_queries_do_not_grow_with_masterclasses(
    make_masterclass, make_user, utrecht, programme, django_assert_max_num_queries
):
    limit_series(programme, 3)
    person = make_user(utrecht, job_role=UITVOERING)
    client = client_for(person)
    url = f"{programme.url}aanmelden/"
    make_masterclass(audience=Audience.GEMENGD)
    client.get(url)
    reset_queries()  # a request resets the log: count from an empty one
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    few = len(few)  # now: the log it reads is reset by the next request
    assert few > 5
    for _ in range(4):
        masterclass = make_masterclass(audience=Audience.GEMENGD)
        services.registration_create(event=masterclass, user=make_user(utrecht))
    client.get(url)
    reset_queries()
    with django_assert_max_num_queries(few):
        client.get(url)


# --- The demo ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_programme_is_enrollable_as_a_series(demo_database):
    programme = ProgrammePage.objects.get(slug="masterclasses-circulair-inkopen")
    assert programme.organisation_limit == 3
    bram = Registration.objects.filter(user__email="bram.hendriks@utrecht.example")
    mixed = bram.get(event__masterclasspage__audience=Audience.GEMENGD)
    assert mixed.status == RegistrationStatus.CONFIRMED
    assert mixed.log_entries.filter(reason="Aanmelding voor de hele reeks").exists()
    assert not bram.filter(event__masterclasspage__audience=Audience.BESTUUR).exists()


# --- Under simultaneous requests (PostgreSQL) ------------------------------------------------


def _post_all(requests):
    """POST each (user, url) in its own thread with its own connection; the status codes."""

    def one(request):
        user, url = request
        try:
            return client_for(user).post(url).status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        return list(pool.map(one, requests))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_10_colleagues_enrol_at_once_in_a_series_limited_to_3(
    make_masterclass, make_user, utrecht, programme
):
    require_service(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")
    limit_series(programme, 3)
    masterclasses = [
        make_masterclass(audience=audience, organisation_limit=None, **_at(10 + 5 * number))
        for number, audience in enumerate((Audience.UITVOERING, Audience.GEMENGD, "uitvoering"))
    ]
    colleagues = [make_user(utrecht, job_role=UITVOERING) for _ in range(10)]

    statuses = _post_all([(user, f"{programme.url}aanmelden/") for user in colleagues])

    assert statuses == [200] * 10
    seated = []
    for masterclass in masterclasses:
        registrations = Registration.objects.filter(event=masterclass)
        confirmed = registrations.filter(status=RegistrationStatus.CONFIRMED)
        assert confirmed.count() == 3
        waiting = registrations.filter(status=RegistrationStatus.WAITING)
        assert waiting.count() == 7
        assert set(waiting.values_list("wait_reason", flat=True)) == {WaitReason.SERIES_FULL}
        seated.append(set(confirmed.values_list("user_id", flat=True)))
    # The programme's lock serves whole enrolments one after the other: the same three people.
    assert seated[0] == seated[1] == seated[2]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_series_enrolments_single_registrations_and_cancels_race_without_deadlock(
    make_masterclass, make_user, utrecht, programme
):
    require_service(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")
    limit_series(programme, 3)
    masterclasses = [
        make_masterclass(audience=Audience.GEMENGD, organisation_limit=None, capacity=4, **_at(d))
        for d in (10, 15, 20)
    ]
    # Seats held by other municipalities, given up during the race (a cancel fills the whole
    # series: it locks the programme and then the masterclasses, in order).
    others = municipalities(8)[1:]
    leavers = []
    for number, masterclass in enumerate(masterclasses):
        for organisation in others[2 * number : 2 * number + 2]:
            user = make_user(organisation)
            services.registration_create(event=masterclass, user=user)
            leavers.append((user, f"{masterclass.url}cancel/"))
    enrolling = [make_user(utrecht) for _ in range(6)]
    single = [make_user(utrecht) for _ in range(6)]
    requests = [(user, f"{programme.url}aanmelden/") for user in enrolling]
    requests += [
        (user, f"{masterclasses[number % 3].url}register/") for number, user in enumerate(single)
    ]
    requests += leavers
    # Reverse order of masterclasses for half the single registrations: lock order is the
    # programme's, whatever the order in which people ask.
    requests.reverse()

    statuses = _post_all(requests)

    assert set(statuses) <= {200, 302}, statuses  # no deadlock, no 500
    people = set(
        Registration.objects.filter(
            event__in=masterclasses,
            organisation=utrecht,
            status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED],
        ).values_list("user_id", flat=True)
    )
    assert len(people) == 3
    for masterclass in masterclasses:
        seats = Registration.objects.filter(
            event=masterclass, status=RegistrationStatus.CONFIRMED
        ).count()
        assert seats <= masterclass.capacity


@pytest.mark.django_db
def test_a_masterclass_with_required_questions_is_skipped_and_leaves_nothing(
    make_masterclass, make_user, utrecht, programme, committed
):
    """A series enrolment asks no registration questions: a masterclass with a required one
    is skipped with the way to register for it, and nothing of it stays behind; optional
    questions do not stop it (they can be answered later under "Mijn aanmeldingen")."""
    from learning.events.models import QuestionType, RegistrationAnswer
    from tests.events.test_questions import add_question

    asks = make_masterclass(audience=Audience.GEMENGD, **_at(10))
    add_question(asks, "Dieetwensen", QuestionType.SHORT_TEXT, required=True)
    optional = make_masterclass(audience=Audience.GEMENGD, **_at(15))
    add_question(optional, "Wat wilt u leren?", QuestionType.LONG_TEXT)
    person = make_user(utrecht, job_role=UITVOERING)

    with committed():
        outcomes = {
            item.masterclass.pk: item for item in programme_enrol(programme=programme, user=person)
        }

    assert outcomes[asks.pk].outcome == Outcome.SKIPPED
    assert "verplichte vragen" in outcomes[asks.pk].reason
    assert not Registration.objects.filter(event=asks).exists()
    assert outcomes[optional.pk].outcome == Outcome.SEAT
    assert (
        Registration.objects.get(event=optional, user=person).status == RegistrationStatus.CONFIRMED
    )
    assert not RegistrationAnswer.objects.exists()
