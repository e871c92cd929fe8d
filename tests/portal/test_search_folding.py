"""One Persian search folding at every door: the same query strings (Arabic yeh and kaf,
with or without the zero-width non-joiner, digits in three scripts, diacritics, tatweel,
bidi marks, Latin case) find the same rows through the API's filter (the portal's stored
key for anonymous callers, the live text folded in SQL for signed-in ones), the portal's
tracker page and the admin's changelist search — on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db.models import Value
from django.urls import reverse
from rest_framework.test import APIClient

from minutes.models import Decision
from persian.search import TRANSLATE_FROM, TRANSLATE_TO, Folded
from persian.text import SEARCH_FOLDS, normalize
from tests.portal.test_tracker import shown

pytestmark = pytest.mark.django_db

API = "/api/v1"
TITLE = "جلسه کسبه بازار"
DECISION = "کسبه محله‌های قدیمی از سال ۱۴۰۵ عوارض کمتری برای پروژه KR-7731 بپردازند."

FINDING = [
    "كسبه",  # Arabic kaf
    "کَسَبه",  # diacritics
    "كـسـبه",  # tatweel
    "محله‌های",  # with the zero-width non-joiner
    "محلههاي",  # without it, Arabic yeh
    "۱۴۰۵",  # Persian digits
    "١٤٠٥",  # Arabic-Indic digits
    "1405",  # Latin digits
    "\u200fعوارض\u200e",  # bidi marks around the word
    "kr-7731",  # Latin, lower case
]
NOT_FINDING = ["نانوایی", "1406"]
# Django's own admins (users, groups) and DRF's tokens search Latin names as they are.
PROJECT_APPS = {"committee", "workgroups", "minutes", "portal", "api"}


@pytest.fixture
def decision(portal) -> Decision:
    minutes = portal.publish(portal.meeting(title=TITLE), decisions=[{"text": DECISION}])
    return minutes.meeting.decisions.get()


@pytest.fixture
def admin_client(client, portal):
    client.force_login(portal.superuser)
    return client


def api_ids(client: APIClient, path: str, query: str) -> set[int]:
    response = client.get(f"{API}/{path}/", {"q": query})
    assert response.status_code == 200, response.content[:300]
    return {row["id"] for row in response.json()["results"]}


def admin_count(client, url_name: str, query: str) -> int:
    response = client.get(reverse(url_name), {"q": query})
    assert response.status_code == 200
    return response.context["cl"].result_count


def doors(portal, client, admin_client, query: str) -> dict[str, bool]:
    """Whether each door finds the decision (or its meeting) for ``query``."""
    anonymous = APIClient()
    chair = APIClient()
    chair.force_authenticate(portal.chair)
    return {
        "api, published": bool(api_ids(anonymous, "decisions", query)),
        "api, live text": bool(api_ids(chair, "decisions", query)),
        "portal tracker": DECISION in shown(client.get("/decisions/", {"q": query})),
        "admin decisions": admin_count(admin_client, "admin:minutes_decision_changelist", query)
        == 1,
        "admin portal index": admin_count(
            admin_client, "admin:portal_publicdecision_changelist", query
        )
        == 1,
    }


@pytest.mark.parametrize("query", FINDING)
def test_every_door_finds_the_decision(decision, portal, client, admin_client, query):
    found = doors(portal, client, admin_client, query)
    assert found == dict.fromkeys(found, True)


@pytest.mark.parametrize("query", NOT_FINDING)
def test_no_door_finds_what_is_not_there(decision, portal, client, admin_client, query):
    found = doors(portal, client, admin_client, query)
    assert found == dict.fromkeys(found, False)


def test_the_admin_finds_a_meeting_typed_with_arabic_letters(decision, admin_client):
    for query in ("كسبه", "کسبه", "جلسه  كسبه", '"جلسه كسبه"'):
        assert admin_count(admin_client, "admin:minutes_meeting_changelist", query) == 1
    assert admin_count(admin_client, "admin:minutes_meeting_changelist", '"کسبه جلسه"') == 0


def test_live_text_written_with_arabic_letters_is_found_with_persian_ones(
    decision, portal, admin_client
):
    # A row written outside the services (an old import): the database folds it.
    arabic = "كسبه محلههاي قديمي از سال ١٤٠٥ عوارض كمتري بپردازند."
    Decision.objects.filter(pk=decision.pk).update(text=arabic)
    chair = APIClient()
    chair.force_authenticate(portal.chair)
    for query in ("کسبه محله‌های", "قدیمی ۱۴۰۵", "کمتری"):
        assert api_ids(chair, "decisions", query) == {decision.pk}
        assert admin_count(admin_client, "admin:minutes_decision_changelist", query) == 1


def test_the_database_folds_the_whole_table_as_normalize_does(decision):
    text = "".join(SEARCH_FOLDS) + "  Ketab كتاب ۱۲ ١٢  "
    folded = (
        Decision.objects.filter(pk=decision.pk)
        .annotate(folded=Folded(Value(text)))
        .values_list("folded", flat=True)
        .get()
    )
    assert folded == normalize(text) == "".join(SEARCH_FOLDS.values()) + " ketab کتاب 12 12"
    assert len(TRANSLATE_FROM) == len(SEARCH_FOLDS) >= len(TRANSLATE_TO)


def test_every_admin_of_the_apps_with_a_search_box_folds_its_search():
    from django.contrib import admin

    from persian.search import FoldedSearchAdminMixin

    unfolded = [
        type(model_admin).__name__
        for model_admin in admin.site._registry.values()
        if model_admin.search_fields
        and type(model_admin).__module__.split(".")[0] in PROJECT_APPS
        and not isinstance(model_admin, FoldedSearchAdminMixin)
    ]
    assert unfolded == []
