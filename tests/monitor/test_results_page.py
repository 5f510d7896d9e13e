"""The fixed results page: one number formatter for chart, description and table, distinct
titles per round, and unique ids for the questionnaire's level sections."""

import re

import pytest
from django.test import Client

from learning.monitor.models import Level, MonitorTheme
from tests.monitor.fixtures import municipalities, submit_responses

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_chart_description_and_table_write_the_same_rounded_figure(
    monitor_page, make_round, make_user
):
    round = make_round(year=2018, open_now=False)
    organisations = municipalities(6)
    # The own total is (1 + 2 + 2 + 2) / 4 = 1,75: rounded 1,8 everywhere, never cut to 1,7.
    submit_responses(
        round, {o: [1, 2, 2, 2] if i == 0 else [3, 3, 3, 3] for i, o in enumerate(organisations)}
    )
    page = client_for(make_user(organisations[0])).get(f"{monitor_page.url}resultaten/")
    content = page.content.decode()
    description = re.search(r'<desc id="score-chart-desc">(.*?)</desc>', content, re.S).group(1)
    assert "Totaal: uw score 1,8" in description
    assert re.search(r'font-weight="bold" fill="#7a1f5c">1,8</text>', content)
    assert re.search(r'rowspan="\d+">1,8</td>', content)
    assert "1,7" not in content


def test_results_pages_of_different_rounds_have_distinct_titles(
    monitor_page, make_round, make_user
):
    first, second = make_round(year=2017, open_now=False), make_round(year=2018, open_now=False)
    organisations = municipalities(2)
    submit_responses(first, {organisations[0]: [1, 2, 3, 4]})
    submit_responses(second, {organisations[0]: [2, 2, 3, 4]})
    client = client_for(make_user(organisations[0]))
    titles = {
        re.search(r"<title>(.*?)</title>", client.get(url).content.decode(), re.S).group(1)
        for url in (
            f"{monitor_page.url}resultaten/?ronde={first.pk}",
            f"{monitor_page.url}resultaten/?ronde={second.pk}",
        )
    }
    assert len(titles) == 2
    assert any("Monitor 2017" in title for title in titles)


def test_questionnaire_level_sections_have_unique_ids_that_label_them(
    monitor_page, make_questionnaire, make_round, make_user
):
    # Levels interleaved in the admin: strategic, operational, strategic again.
    questionnaire = make_questionnaire(
        [
            (Level.STRATEGIC, MonitorTheme.BELEID, "Vraag een"),
            (Level.OPERATIONAL, MonitorTheme.BOUW, "Vraag twee"),
            (Level.STRATEGIC, MonitorTheme.ICT, "Vraag drie"),
        ],
        title="Door elkaar",
    )
    round = make_round(questionnaire=questionnaire)
    content = (
        client_for(make_user(municipalities(1)[0]))
        .get(f"{monitor_page.url}ronde/{round.pk}/")
        .content.decode()
    )
    ids = re.findall(r'\bid="([^"]+)"', content)
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    labelled = re.findall(
        r'<section class="monitor-level" aria-labelledby="([^"]+)">\s*<h2[^>]*id="([^"]+)"', content
    )
    assert len(labelled) == 3
    assert all(label == heading for label, heading in labelled)
