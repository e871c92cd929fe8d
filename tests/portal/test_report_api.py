"""The reports as JSON in the API (api/views/reports.py): the same figures as the page,
public, in the OpenAPI schema, and a clear Persian error for a bad period."""

from __future__ import annotations

import pytest

from portal import report_cells, reports
from portal.indexing import ensure_index
from portal.views_reports import TABLE_FIELDS
from tests.portal.test_reports import record  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("record")]


@pytest.mark.parametrize("counted", [False, True], ids=["from-decisions", "from-aggregates"])
def test_the_scoreboard_as_json_has_the_pages_figures(portal, client, counted):
    if counted:
        ensure_index()
        report_cells.rebuild()
    response = client.get(f"/api/v1/reports/{portal.committee.slug}/")
    assert response.status_code == 200
    data = response.json()
    assert data["period"]["kind"] == "year"
    assert len(data["definitions"]) == len(reports.DEFINITIONS)
    organization = next(o for o in data["organizations"] if o["key"] == portal.organization.pk)
    # The hand-worked record (tests/portal/test_reports.py): organisation A.
    assert {k: organization[k] for k in reports.COUNT_FIELDS} == {
        "assigned": 8,
        "on_time": 2,
        "late": 1,
        "open": 1,
        "overdue": 2,
        "no_deadline": 1,
        "cancelled": 1,
    }
    assert organization["median_days_to_done"] == 30
    assert set(TABLE_FIELDS) <= set(organization)
    assert data["totals"]["assigned"] == 10  # A's 8, B's 1, the one without an organisation
    assert sum(m["taken"] or 0 for m in data["months"]) == 10
    assert {w["name"] for w in data["workgroups"]} == {
        portal.workgroup.name,
        portal.other_workgroup.name,
    }


def test_a_workgroup_and_an_organisation(portal, client):
    data = client.get(
        f"/api/v1/reports/{portal.committee.slug}/?body={portal.other_workgroup.slug}"
    ).json()
    assert data["totals"]["assigned"] == 1
    assert data["totals"]["overdue"] == 1
    data = client.get(
        f"/api/v1/reports/{portal.committee.slug}/organizations/{portal.organization.pk}/"
    ).json()
    assert data["totals"]["assigned"] == 8
    assert data["totals"]["name"] == portal.organization.name
    assert [p["assigned"] for p in data["people"]] == [8]


def test_bad_input_gets_a_persian_message_or_a_404(portal, client):
    response = client.get(f"/api/v1/reports/{portal.committee.slug}/?period=month&month=13")
    assert response.status_code == 400
    assert "ماه باید عددی از ۱ تا ۱۲ باشد" in response.content.decode()
    assert client.get("/api/v1/reports/nope/").status_code == 404
    assert client.get(f"/api/v1/reports/{portal.committee.slug}/?body=nope").status_code == 404
    missing = f"/api/v1/reports/{portal.committee.slug}/organizations/999999/"
    assert client.get(missing).status_code == 404


def test_the_schema_documents_them_with_the_definitions(client):
    schema = client.get("/api/schema/?format=json").json()
    path = schema["paths"]["/api/v1/reports/{slug}/"]["get"]
    assert "مهلت همان است که در صورتجلسه منتشر شد" in path["description"]
    assert "/api/v1/reports/{slug}/organizations/{id}/" in schema["paths"]
    assert "ReportFigures" in schema["components"]["schemas"]
