"""The route's rules: editors (the monitor's limit), the version check, documents,
proposals and adopting, actions and the regional agenda."""

from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections

from learning.monitor.models import MAX_EDITORS
from learning.routes import selectors, services
from learning.routes.models import Action, Opportunity, Route, RouteChange, RouteDocument
from learning.routes.services import ActionInput, OpportunityInput, RouteError
from tests.conftest import require_service
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def save(user, version, text="Tekst", organisation=None):
    return services.route_baseline_save(
        user=user,
        organisation_id=(organisation or user.organisation).pk,
        version=version,
        texts={"grondstoffen": text},
    )


def test_first_save_creates_the_route_with_the_saver_as_editor(people):
    route = save(people["member"], 0, "Beton en asfalt")
    assert route.version == 1
    assert route.raw_materials == "Beton en asfalt"
    assert list(route.editors.all()) == [people["member"]]
    assert list(RouteChange.objects.values_list("action", flat=True)) == [
        "editor_added",
        "baseline_saved",
    ]


def test_a_save_from_an_old_version_is_refused_and_changes_nothing(people):
    save(people["member"], 0, "Eerste versie")
    with pytest.raises(RouteError) as refused:
        save(people["colleague"], 0, "Overschreven?")
    assert refused.value.code == "conflict"
    assert str(people["member"]) in str(refused.value.message)
    route = Route.objects.get()
    assert (route.version, route.raw_materials) == (1, "Eerste versie")


def test_at_most_as_many_editors_as_the_monitor_allows(people):
    organisation = people["organisation"]
    colleagues = [UserFactory(organisation=organisation) for _ in range(MAX_EDITORS + 1)]
    for version, colleague in enumerate(colleagues[:MAX_EDITORS]):
        save(colleague, version)
    with pytest.raises(RouteError) as refused:
        save(colleagues[-1], MAX_EDITORS)
    assert refused.value.code == "editors_full"
    # Freeing a seat lets the next colleague in.
    services.route_editor_remove(
        user=colleagues[0], organisation_id=organisation.pk, editor_id=colleagues[0].pk
    )
    save(colleagues[-1], MAX_EDITORS)


def test_nobody_writes_into_another_organisations_route(people):
    for role in ("outsider", "pending", "coordinator", "editor"):
        with pytest.raises(RouteError):
            save(people[role], 0, organisation=people["organisation"])
    assert not Route.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [("virus.exe", b"MZ", "document_type"), ("leeg.pdf", b"", "document_empty")],
)
def test_documents_of_a_wrong_type_or_empty_are_refused(people, media_root, name, content, code):
    with pytest.raises(RouteError) as refused:
        services.route_document_add(
            user=people["member"],
            organisation_id=people["organisation"].pk,
            analysis="inkoop",
            title="",
            upload=SimpleUploadedFile(name, content),
        )
    assert refused.value.code == code
    assert refused.value.status == 400
    assert not RouteDocument.objects.exists()
    assert not list(media_root.rglob("*.*"))


def test_documents_live_outside_the_public_media_folder(people, media_root):
    document = services.route_document_add(
        user=people["member"],
        organisation_id=people["organisation"].pk,
        analysis="inkoop",
        title="",
        upload=SimpleUploadedFile("spend.pdf", b"%PDF-1.4"),
    )
    assert document.file.name.startswith(f"routes/{people['organisation'].pk}/")
    assert document.title == "spend.pdf"
    services.route_document_remove(
        user=people["member"], organisation_id=people["organisation"].pk, document_id=document.pk
    )
    assert not RouteDocument.objects.exists()


def test_proposals_come_from_the_weakest_themes_and_their_goals(people, monitored):
    organisation = people["organisation"]
    route = selectors.route_of(organisation=organisation)
    baseline = selectors.baseline_monitor(organisation=organisation)
    proposals = selectors.opportunity_proposals(route=route, baseline=baseline, opportunities=[])
    assert [p.key for p in proposals] == [
        "monitor:bouw",
        "monitor:ict",
        f"goal:{monitored['goal'].pk}",
    ]
    bouw = proposals[0]
    assert (bouw.impact, bouw.influence, bouw.theme_id) == (3, 3, monitored["theme"].pk)
    assert "0,0" in bouw.reason

    adopted = services.opportunity_adopt(
        user=people["member"],
        organisation_id=organisation.pk,
        key="monitor:bouw",
        proposals=proposals,
    )
    assert adopted.monitor_theme == "bouw"
    # Adopted once: no longer proposed, and a second adopt (a colleague's stale page) fails.
    route = selectors.route_of(organisation=organisation)
    again = selectors.opportunity_proposals(
        route=route, baseline=baseline, opportunities=selectors.opportunities_of(route=route)
    )
    assert "monitor:bouw" not in [p.key for p in again]
    with pytest.raises(RouteError) as refused:
        services.opportunity_adopt(
            user=people["colleague"],
            organisation_id=organisation.pk,
            key="monitor:bouw",
            proposals=proposals,
        )
    assert refused.value.code == "proposal_taken"
    with pytest.raises(RouteError):
        services.opportunity_adopt(
            user=people["member"],
            organisation_id=organisation.pk,
            key="goal:999999",
            proposals=again,
        )
    assert Opportunity.objects.count() == 1


def test_no_monitor_no_proposals(people):
    organisation = people["organisation"]
    baseline = selectors.baseline_monitor(organisation=organisation)
    assert not baseline.has_response
    route = selectors.route_of(organisation=organisation)
    assert selectors.opportunity_proposals(route=route, baseline=baseline, opportunities=[]) == []


def test_scores_outside_the_grid_are_refused(people):
    with pytest.raises(RouteError) as refused:
        services.opportunity_create(
            user=people["member"],
            organisation_id=people["organisation"].pk,
            data=OpportunityInput(title="Te hoog", impact=4, influence=1),
        )
    assert refused.value.code == "score"
    assert not Opportunity.objects.exists()


def _action(**fields):
    data = {
        "title": "Criteria in het bestek",
        "action_type": "voorschrijven",
        "owner": "Inkoopadviseur",
        "starts_on": date(2026, 1, 1),
    }
    data.update(fields)
    return ActionInput(**data)


def test_an_action_serves_only_an_opportunity_of_its_own_route(people):
    other = services.opportunity_create(
        user=people["outsider"],
        organisation_id=people["other"].pk,
        data=OpportunityInput(title="Van een ander"),
    )
    with pytest.raises(RouteError) as refused:
        services.action_create(
            user=people["member"],
            organisation_id=people["organisation"].pk,
            data=_action(opportunity_id=other.pk),
        )
    assert refused.value.code == "opportunity_unknown"
    with pytest.raises(RouteError) as refused:
        services.action_create(
            user=people["member"],
            organisation_id=people["organisation"].pk,
            data=_action(ends_on=date(2025, 1, 1)),
        )
    assert refused.value.code == "dates"
    assert not Action.objects.filter(route__organisation=people["organisation"]).exists()


def test_action_update_checks_the_version(people):
    org = people["organisation"].pk
    action = services.action_create(user=people["member"], organisation_id=org, data=_action())
    services.action_update(
        user=people["colleague"],
        organisation_id=org,
        action_id=action.pk,
        version=0,
        data=_action(status="loopt"),
    )
    with pytest.raises(RouteError) as refused:
        services.action_update(
            user=people["member"],
            organisation_id=org,
            action_id=action.pk,
            version=0,
            data=_action(status="gestopt"),
        )
    assert refused.value.code == "conflict"
    action.refresh_from_db()
    assert (action.status, action.version) == ("loopt", 1)


def test_shared_actions_form_the_regions_agenda(people):
    """Shared actions of the municipalities in a province (and of the province) appear in
    each other's regional agenda; unshared ones and other provinces' do not."""
    home, other = people["organisation"], people["other"]
    services.action_create(
        user=people["member"], organisation_id=home.pk, data=_action(shared_in_region=True)
    )
    services.action_create(
        user=people["member"], organisation_id=home.pk, data=_action(title="Intern")
    )
    province = selectors.region_of(other)
    assert province.name == "Gelderland"
    shared = selectors.region_actions(province_id=province.pk, user=people["outsider"])
    assert [a.title for a in shared] == ["Criteria in het bestek"]
    elsewhere = selectors.region_actions(
        province_id=selectors.region_of(
            type(home).objects.filter(kind="gemeente").exclude(province=province).first()
        ).pk,
        user=people["outsider"],
    )
    assert elsewhere == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_saves_one_wins_on_postgresql(people):
    """Eight saves by three colleagues from the same version at once: exactly one is stored."""
    require_service(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")
    organisation = people["organisation"]
    users = [people["member"], people["colleague"], UserFactory(organisation=organisation)]
    save(users[0], 0, "Start")

    def attempt(index):
        try:
            save(users[index % 3], 1, f"Versie {index}")
            return "ok"
        except RouteError as error:
            return error.code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(attempt, range(8)))
    assert outcomes.count("ok") == 1
    assert set(outcomes) == {"ok", "conflict"}
    route = Route.objects.get()
    assert route.version == 2
    assert RouteChange.objects.filter(action="baseline_saved").count() == 2


def test_personal_data_export_and_erase(people):
    from learning.core import personal_data

    member = people["member"]
    save(member, 0, f"Gesprek met {member.full_name}")
    provider = next(p for p in personal_data.providers() if p.key == "routes")
    exported = provider.export(member)
    assert exported["editor_of"][0]["organisation"] == people["organisation"].name
    provider.erase(member)
    route = Route.objects.get()
    assert member.full_name not in route.raw_materials
    assert not route.editor_rows.exists()
    assert route.updated_by is None


def test_deleting_checks_the_version_and_keeps_the_actions(people):
    org = people["organisation"].pk
    opportunity = services.opportunity_create(
        user=people["member"], organisation_id=org, data=OpportunityInput(title="Meubilair")
    )
    action = services.action_create(
        user=people["member"], organisation_id=org, data=_action(opportunity_id=opportunity.pk)
    )
    services.opportunity_update(
        user=people["colleague"],
        organisation_id=org,
        opportunity_id=opportunity.pk,
        version=0,
        data=OpportunityInput(title="Meubilair hergebruiken"),
    )
    with pytest.raises(RouteError) as refused:
        services.opportunity_delete(
            user=people["member"], organisation_id=org, opportunity_id=opportunity.pk, version=0
        )
    assert refused.value.code == "conflict"
    services.opportunity_delete(
        user=people["member"], organisation_id=org, opportunity_id=opportunity.pk, version=1
    )
    action.refresh_from_db()
    assert action.opportunity is None
    with pytest.raises(RouteError) as refused:
        services.action_delete(
            user=people["outsider"], organisation_id=org, action_id=action.pk, version=0
        )
    assert refused.value.code == "not_member"
    services.action_delete(
        user=people["member"], organisation_id=org, action_id=action.pk, version=0
    )
    assert not Action.objects.exists()
    assert RouteChange.objects.filter(action__endswith="_deleted").count() == 2
