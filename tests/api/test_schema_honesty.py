"""The schema is written for clients: every operation has a summary, no developer docstring
of a base class shows as a description, the workflow actions carry an example request,
and the new reference-data writes are documented."""

from __future__ import annotations

import pytest

from tests.api.conftest import API

pytestmark = pytest.mark.django_db

DEVELOPER_TEXT = ("page cache", "Base of the write serializers", "What every API view shares")
METHODS = ("get", "post", "patch", "put", "delete")


@pytest.fixture
def schema(client):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def _operations(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method in METHODS:
                yield path, method, operation


def test_every_operation_has_a_summary_and_no_developer_docstring(schema):
    for path, method, operation in _operations(schema):
        assert operation.get("summary"), (method, path)
        for text in DEVELOPER_TEXT:
            assert text not in operation.get("description", ""), (method, path)
    for name, component in schema["components"]["schemas"].items():
        for text in DEVELOPER_TEXT:
            assert text not in component.get("description", ""), name


@pytest.mark.parametrize(
    "path",
    [
        "/meetings/",
        "/meetings/register-past/",
        "/meetings/{id}/record/",
        "/meetings/{id}/decisions/",
        "/minutes/{id}/correct/",
        "/people/",
        "/people/{id}/account/",
        "/organizations/",
        "/committee-roles/",
    ],
)
def test_the_workflow_actions_have_an_example_request(schema, path):
    body = schema["paths"][f"{API}{path}"]["post"]["requestBody"]["content"]["application/json"]
    assert body.get("examples"), path


def test_the_reference_writes_are_documented(schema):
    paths = schema["paths"]
    assert {"post"} <= set(paths[f"{API}/committees/"])
    assert {"patch", "delete"} <= set(paths[f"{API}/committees/{{id}}/"])
    assert {"post"} <= set(paths[f"{API}/organizations/"])
    assert {"post"} <= set(paths[f"{API}/people/"])
    assert {"get", "post"} <= set(paths[f"{API}/committee-roles/"])
    assert "get" in paths[f"{API}/meetings/{{id}}/attendance/"]
    account = paths[f"{API}/people/{{id}}/account/"]["post"]
    assert "password" not in str(account["requestBody"]).lower().replace("password-reset", "")
    kinds = schema["components"]["schemas"]["OrganizationKindEnum"]["enum"]
    assert {"city_council", "police", "utility", "provincial"} <= set(kinds)


def test_the_schema_is_english_when_the_client_asks(client):
    response = client.get("/api/schema/", {"format": "json"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "en"
