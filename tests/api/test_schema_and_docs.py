"""The OpenAPI schema and its documentation pages are served by the app itself (nothing
from another host), the schema is generated without a warning, and visitors are rate
limited."""

from __future__ import annotations

import copy
import re
from html.parser import HTMLParser
from io import StringIO

import pytest
import yaml
from django.conf import settings as django_settings
from django.contrib.staticfiles import finders
from django.core.management import call_command

from api.throttling import AnonRateThrottle, UserRateThrottle
from api.views.base import BaseViewSet
from tests.api.conftest import API

pytestmark = pytest.mark.django_db


class _References(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href", "action", "spec-url", "data") and value:
                self.urls.append(value)


def references(html: str) -> list[str]:
    parser = _References()
    parser.feed(html)
    return parser.urls


def test_the_schema_is_openapi_3_and_lists_every_collection(client):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for collection in (
        "committees",
        "workgroups",
        "organizations",
        "people",
        "memberships",
        "meetings",
        "agenda-items",
        "questions",
        "decisions",
        "minutes",
    ):
        assert f"{API}/{collection}/" in schema["paths"], collection
    for action in ("submit", "approve", "publish", "correct"):
        assert f"{API}/minutes/{{id}}/{action}/" in schema["paths"]
    assert f"{API}/decisions/{{id}}/follow-ups/" in schema["paths"]
    assert {"tokenAuth", "cookieAuth"} <= set(schema["components"]["securitySchemes"])


def test_the_schema_is_generated_and_validated_without_warnings(tmp_path):
    target = tmp_path / "schema.yaml"
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(target), stdout=StringIO()
    )
    schema = yaml.safe_load(target.read_text())
    meeting = schema["components"]["schemas"]["Meeting"]["properties"]
    assert {"starts_at", "starts_at_jalali", "ends_at", "ends_at_jalali"} <= set(meeting)
    minutes = schema["components"]["schemas"]["Minutes"]["properties"]
    assert {"pdf_url", "sha256", "published_at", "revision", "document_id", "status"} <= set(
        minutes
    )
    person = schema["components"]["schemas"]["Person"]
    assert "email" not in person["required"] and "phone" not in person["required"]


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_the_docs_pages_reference_no_other_host(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    urls = references(html)
    assert urls, "the page loads its scripts from the app"
    for url in urls:
        assert not re.match(r"^(https?:)?//", url), f"{path} loads {url} from another host"
    # Nor in inline scripts and styles (a CDN, web fonts, Swagger's online validator).
    assert not re.search(r"https?://(?!testserver)", html), re.findall(r"https?://\S+", html)
    for url in urls:
        if url.startswith(django_settings.STATIC_URL) or url.startswith(
            "/" + django_settings.STATIC_URL
        ):
            relative = url.split(django_settings.STATIC_URL, 1)[1].split("?")[0]
            assert finders.find(relative), f"{url} is not among the app's static files"


def test_every_endpoint_shares_the_base_settings():
    from api.urls import router

    for _prefix, viewset, _basename in router.registry:
        assert issubclass(viewset, BaseViewSet), viewset
        assert viewset.throttle_classes == [AnonRateThrottle, UserRateThrottle]
        assert viewset.pagination_class.page_size == 20
        assert viewset.pagination_class.max_page_size == 100
    assert django_settings.REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"] == [
        "rest_framework.permissions.IsAdminUser"
    ]


def test_the_base_is_closed_and_each_endpoint_opens_what_it_needs():
    from rest_framework.permissions import IsAdminUser

    from api.permissions import ReadAnyoneWriteAuthenticated, ReadOnly
    from api.urls import router

    assert BaseViewSet.permission_classes == [IsAdminUser]
    for _prefix, viewset, _basename in router.registry:
        assert "permission_classes" in vars(viewset), viewset
        assert viewset.permission_classes in ([ReadOnly], [ReadAnyoneWriteAuthenticated])


def test_visitors_are_rate_limited():
    rates = django_settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    assert rates["anon"] == "60/min"
    assert int(rates["user"].split("/")[0]) > 60
    assert issubclass(AnonRateThrottle, __import__("rest_framework").throttling.AnonRateThrottle)


def test_a_visitor_past_the_limit_gets_a_429_and_a_user_does_not(settings, world, client_for):
    framework = copy.deepcopy(settings.REST_FRAMEWORK)
    framework["DEFAULT_THROTTLE_RATES"] = {"anon": "2/min", "user": "1000/min"}
    settings.REST_FRAMEWORK = framework
    anonymous = client_for(None)
    assert anonymous.get(f"{API}/meetings/").status_code == 200
    assert anonymous.get(f"{API}/committees/").status_code == 200
    refused = anonymous.get(f"{API}/meetings/")
    assert refused.status_code == 429
    assert refused.json()["code"] == "throttled"
    assert int(refused["Retry-After"]) > 0
    member = client_for(world.official)
    assert all(member.get(f"{API}/meetings/").status_code == 200 for _ in range(4))
