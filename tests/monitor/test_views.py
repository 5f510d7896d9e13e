"""The monitor pages: filling in together, privacy, results, CSV, constant queries, admin."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from learning.monitor.models import Answer, Response, ResponseStatus
from tests.monitor.fixtures import municipalities, submit_responses
from tests.spreadsheets import FORMULAS, assert_formulas_neutralised

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_data(round, *scores, version=0, action="save"):
    questions = list(round.questionnaire.questions.order_by("sort_order"))
    data = {"version": str(version), "action": action}
    for question, score in zip(questions, scores, strict=False):
        data[f"score_{question.pk}"] = "" if score is None else str(score)
        data[f"toelichting_{question.pk}"] = f"Toelichting {score}"
    return data


def questionnaire_url(page, round):
    return f"{page.url}ronde/{round.pk}/"


def test_fill_in_save_and_submit(monitor_page, open_round, make_user):
    organisation = municipalities(1)[0]
    client = client_for(make_user(organisation))
    url = questionnaire_url(monitor_page, open_round)
    page = client.get(url)
    assert page.status_code == 200
    content = page.content.decode()
    assert "Niveau: Strategisch" in content and "Heeft uw organisatie" in content
    response = client.post(url, form_data(open_round, 1, 2))
    assert response.status_code == 302
    assert "Uw antwoorden zijn opgeslagen." in client.get(url).content.decode()
    response = client.post(url, form_data(open_round, 1, 2, 3, 4, version=1, action="submit"))
    assert response.status_code == 302
    assert response["Location"].endswith("/resultaten/")
    stored = Response.objects.get(organisation=organisation)
    assert stored.status == ResponseStatus.SUBMITTED
    assert Answer.objects.get(response=stored, score=4).explanation == "Toelichting 4"
    # Submitted: the questionnaire now shows the answers read-only.
    assert client.get(url)["Location"].endswith(f"/antwoorden/{stored.pk}/")


def test_second_colleague_is_refused_with_own_input_shown(monitor_page, open_round, make_user):
    organisation = municipalities(1)[0]
    anna = make_user(organisation, full_name="Anna de Boer")
    bram = make_user(organisation, full_name="Bram Smit")
    url = questionnaire_url(monitor_page, open_round)
    anna_client, bram_client = client_for(anna), client_for(bram)
    # Both open the form at version 0.
    assert 'name="version" value="0"' in anna_client.get(url).content.decode()
    assert 'name="version" value="0"' in bram_client.get(url).content.decode()
    assert anna_client.post(url, form_data(open_round, 4, 4)).status_code == 302

    refused = bram_client.post(url, form_data(open_round, 1, 4))
    assert refused.status_code == 409
    content = refused.content.decode()
    assert "Uw wijzigingen zijn niet opgeslagen: Anna de Boer" in content
    # Bram's own input is still in the form, Anna's answer beside it, and the form now
    # carries the version Bram has seen.
    first = open_round.questionnaire.questions.order_by("sort_order").first()
    assert f'name="score_{first.pk}" id="id_score_{first.pk}_1" value="1" checked' in content
    assert "Opgeslagen door uw collega:" in content
    assert 'name="version" value="1"' in content
    assert Answer.objects.get(question=first).score == 4  # nothing overwritten
    # Saving again (having seen Anna's answers) works.
    assert bram_client.post(url, form_data(open_round, 1, 4, version=1)).status_code == 302
    assert Answer.objects.get(question=first).score == 1


def test_fourth_colleague_gets_a_dutch_explanation(monitor_page, open_round, make_user):
    organisation = municipalities(1)[0]
    url = questionnaire_url(monitor_page, open_round)
    for version in range(3):
        client = client_for(make_user(organisation))
        assert client.post(url, form_data(open_round, 2, version=version)).status_code == 302
    fourth = client_for(make_user(organisation))
    page = fourth.get(url).content.decode()
    assert "Er werken al drie collega" in page
    assert "disabled" in page
    assert fourth.post(url, form_data(open_round, 3, version=3)).status_code == 409


def test_invalid_input_is_400_not_500(monitor_page, open_round, make_user):
    client = client_for(make_user(municipalities(1)[0]))
    url = questionnaire_url(monitor_page, open_round)
    assert client.post(url, form_data(open_round, 9)).status_code == 400
    assert client.post(url, {"version": "x"}).status_code == 400
    assert client.get(f"{monitor_page.url}ronde/999999/").status_code == 404
    assert client.get(f"{monitor_page.url}resultaten/?ronde=abc").status_code == 400


def test_login_required(monitor_page, open_round):
    assert Client().get(questionnaire_url(monitor_page, open_round)).status_code == 302
    assert Client().get(f"{monitor_page.url}resultaten/").status_code == 302
    assert Client().get(monitor_page.url).status_code == 200


def test_organisation_cannot_see_anothers_answers(monitor_page, open_round, make_user):
    mine, theirs = municipalities(2)
    [their_response] = submit_responses(open_round, {theirs: [3, 3, 3, 3]})
    Answer.objects.filter(response=their_response).update(explanation="Geheim plan")
    client = client_for(make_user(mine))
    response = client.get(f"{monitor_page.url}antwoorden/{their_response.pk}/")
    assert response.status_code == 404
    assert "Geheim plan" not in response.content.decode()
    # Their own colleague and coordinators do see them.
    assert (
        client_for(make_user(theirs))
        .get(f"{monitor_page.url}antwoorden/{their_response.pk}/")
        .status_code
        == 200
    )
    coordinator = make_user(mine)
    coordinator.groups.add(Group.objects.get(name="Coördinatoren"))
    assert (
        "Geheim plan"
        in client_for(coordinator)
        .get(f"{monitor_page.url}antwoorden/{their_response.pk}/")
        .content.decode()
    )


def test_results_never_name_other_organisations(monitor_page, open_round, make_user):
    organisations = municipalities(8)
    submit_responses(open_round, {o: [i % 5, 2, 3, 1] for i, o in enumerate(organisations)})
    client = client_for(make_user(organisations[0]))
    for url in (f"{monitor_page.url}resultaten/", f"{monitor_page.url}resultaten/csv/"):
        content = client.get(url).content.decode()
        for other in organisations[1:]:
            assert other.name not in content
    page = client.get(f"{monitor_page.url}resultaten/").content.decode()
    assert "Alle deelnemers" in page
    assert ">8<" in page  # the count of the group


def test_groups_under_five_show_no_comparison(monitor_page, open_round, make_user):
    organisations = municipalities(4)
    submit_responses(open_round, {o: [4, 0, 2, 1] for o in organisations})
    client = client_for(make_user(organisations[0]))
    page = client.get(f"{monitor_page.url}resultaten/").content.decode()
    assert "Geen vergelijking: minder dan 5 deelnemers" in page
    assert "Mediaan" in page  # the column exists, but holds no figure
    assert "mediaan alle deelnemers" not in page.split("<desc")[1].split("</desc>")[0]
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(f"{monitor_page.url}resultaten/csv/").content.decode("utf-8-sig")
            ),
            delimiter=";",
        )
    )
    assert all(row[4] == "te weinig deelnemers" for row in rows[1:])
    assert all(row[5:] == ["", "", ""] for row in rows[1:])


def test_province_group_hidden_while_all_group_shown(monitor_page, open_round, make_user):
    gelderland = municipalities(3, province="Gelderland")
    utrecht = municipalities(5, province="Utrecht")
    submit_responses(open_round, {o: [2, 2, 2, 2] for o in gelderland + utrecht})
    client = client_for(make_user(gelderland[0]))
    page = client.get(f"{monitor_page.url}resultaten/").content.decode()
    assert "Deelnemers in Gelderland" in page
    # Total, two levels and four themes: no province figures (3 responses), all shown (8).
    assert page.count("Geen vergelijking: minder dan 5 deelnemers") == 7
    assert page.count(">8<") == 7


def test_results_csv(monitor_page, open_round, make_user):
    organisations = municipalities(6)
    submit_responses(open_round, {o: [i % 5, 1, 2, 3] for i, o in enumerate(organisations)})
    response = client_for(make_user(organisations[0])).get(f"{monitor_page.url}resultaten/csv/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Ronde", "Onderdeel", "Uw score"]
    total = next(row for row in rows if row[1] == "Totaal" and row[3] == "Alle deelnemers")
    assert total[2] == "1,50" and total[4] == "6"


def test_results_page_queries_do_not_grow(
    monitor_page, make_round, make_user, django_assert_max_num_queries
):
    organisations = municipalities(120)
    first, second = make_round(year=2017, open_now=False), make_round(year=2018, open_now=False)
    user = make_user(organisations[0])
    client = client_for(user)
    url = f"{monitor_page.url}resultaten/"

    submit_responses(first, {o: [1, 2, 3, 4] for o in organisations[:6]})
    submit_responses(second, {o: [2, 2, 3, 1] for o in organisations[:6]})
    client.get(url)  # warm caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200

    Answer.objects.all().delete()
    Response.objects.all().delete()
    submit_responses(first, {o: [i % 5, 2, 3, 4] for i, o in enumerate(organisations)})
    submit_responses(second, {o: [2, i % 5, 3, 1] for i, o in enumerate(organisations)})
    with django_assert_max_num_queries(len(small)):
        assert client.get(url).status_code == 200
    assert len(small) <= 20


def test_coordinator_admin_lists_and_exports(open_round, make_user, admin_client):
    organisations = municipalities(6)
    submit_responses(open_round, {o: [1, 2, 3, 4] for o in organisations})
    coordinator = make_user(organisations[0], is_staff=True)
    coordinator.groups.add(Group.objects.get(name="Coördinatoren"))
    client = client_for(coordinator)
    assert client.get("/admin/monitor/ingevuld/").status_code == 200
    export = client.get("/admin/monitor/antwoorden/?export=xlsx")
    assert export.status_code == 200
    assert export["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    csv_export = b"".join(
        client.get("/admin/monitor/ingevuld/?export=csv").streaming_content
    ).decode("utf-8-sig")
    assert organisations[0].name in csv_export and "Ingediend" in csv_export
    participation = client.get("/admin/monitor/deelname/")
    assert participation.status_code == 200
    assert "Gelderland" in participation.content.decode()
    # An ordinary civil servant with admin access does not see them.
    outsider = make_user(organisations[1], is_staff=True)
    assert client_for(outsider).get("/admin/monitor/deelname/").status_code in (302, 403)


@pytest.mark.parametrize(
    ("change", "status"),
    [({"action": "submit"}, 409), ({"version": str(10**30)}, 400), ({"version": "7"}, 409)],
)
def test_a_refused_first_save_leaves_nothing_behind(
    monitor_page, open_round, make_user, change, status
):
    organisation = municipalities(1)[0]
    client = client_for(make_user(organisation))
    data = {**form_data(open_round, 1, 2), **change}  # two of four answered
    assert client.post(questionnaire_url(monitor_page, open_round), data).status_code == status
    assert not Response.objects.filter(organisation=organisation).exists()


@pytest.mark.parametrize("formula", FORMULAS)
def test_results_csv_neutralises_formulas(monitor_page, make_round, make_user, formula):
    """The round's title comes from editors; the file is the participant's own download."""
    round = make_round(title=formula)
    organisations = municipalities(6)
    submit_responses(round, {o: [1, 2, 3, 4] for o in organisations})
    response = client_for(make_user(organisations[0])).get(f"{monitor_page.url}resultaten/csv/")
    assert_formulas_neutralised(response, delimiter=";", formulas=[formula])


@pytest.mark.parametrize("listing", ["ingevuld", "antwoorden"])
def test_coordinator_csv_exports_neutralise_formulas(open_round, make_user, listing):
    organisations = municipalities(4)
    responses = submit_responses(open_round, {o: [1, 2, 3, 4] for o in organisations})
    for response, organisation, formula in zip(responses, organisations, FORMULAS, strict=True):
        Response.objects.filter(pk=response.pk).update(
            submitted_by=make_user(organisation, full_name=formula)
        )
        Answer.objects.filter(response=response).update(explanation=formula)
    coordinator = make_user(organisations[0], is_staff=True)
    coordinator.groups.add(Group.objects.get(name="Coördinatoren"))
    response = client_for(coordinator).get(f"/admin/monitor/{listing}/", {"export": "csv"})
    assert_formulas_neutralised(response)
