"""The generated OpenAPI schema against the app itself: schemathesis generates requests for
every operation from the schema and sends them to the WSGI application in-process, as a
visitor and with the secretariat's token, on the demo committee. No response may be a
server error, and every documented response must match its schema.

Bounded: a handful of valid examples per operation (``EXAMPLES``) and fewer invalid ones
(schemathesis' negative mode, ``NEGATIVE_EXAMPLES``: wrong types, missing fields, values
out of range — they must be refused with a 4xx, never a 5xx), no deadline, no example
database; about half of the generated ids are swapped for ids of real rows so that the
authenticated run reaches real meetings, minutes and decisions rather than only 404s.
"""

from __future__ import annotations

import contextlib
import copy
import os
import time
from io import StringIO

import pytest
import schemathesis
import schemathesis.specs.openapi.checks
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import DatabaseError, close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis.checks import CHECKS as CHECKS_REGISTRY

from committee.models import Committee, Organization, Person
from config.wsgi import application
from minutes.models import AgendaItem, Decision, Invitation, Meeting, Minutes, Question
from workgroups.models import Membership, Workgroup

pytestmark = pytest.mark.django_db

# Examples per operation, for the visitor and each of five roles, valid and invalid: the
# defaults keep the suite's run to a few minutes; a deeper search, e.g.
# SCHEMATHESIS_EXAMPLES=25 SCHEMATHESIS_NEGATIVE_EXAMPLES=10, takes about ten times longer.
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "5"))
NEGATIVE_EXAMPLES = int(os.environ.get("SCHEMATHESIS_NEGATIVE_EXAMPLES", "3"))
# Every check schemathesis has (its registry, as ``--checks all``), but two, by name,
# where they are false:
# * ``ignored_auth`` ("accepts the request without authentication") on the public reads,
#   which do answer without credentials by design (what they show depends on who asks;
#   visibility is tested in test_visibility.py and test_permission_matrix.py);
# * ``positive_data_acceptance`` ("schema-valid request rejected"): valid by the schema is
#   not acceptable by the record — an id or slug must name an existing row (an unknown
#   slug is a 400 on purpose, issue 18), a day must exist (1405/12/31), a meeting must be
#   in the future, a password right — which no schema can state. Every such refusal must
#   still be a documented 4xx matching the Error schema, which the other checks verify.
ALL_CHECKS = [
    check for check in CHECKS_REGISTRY.get_all() if check.__name__ != "positive_data_acceptance"
]
PUBLIC_EXCLUDED = {"ignored_auth"}
# Revoking the token would log the authenticated run out halfway; it is tested in
# test_journey.py instead.
EXCLUDED_WITH_TOKEN = {("DELETE", "/api/v1/auth/token/")}
# The demo's accounts, one a role: the secretariat, a workgroup's chair, an official and
# a journalist member, and the superuser.
ROLES = ("secretariat", "chair-2", "official-2", "press-2", "admin")

MODELS = {
    "committees": Committee,
    "workgroups": Workgroup,
    "organizations": Organization,
    "people": Person,
    "memberships": Membership,
    "meetings": Meeting,
    "agenda-items": AgendaItem,
    "questions": Question,
    "invitations": Invitation,
    "decisions": Decision,
    "minutes": Minutes,
}


@contextlib.contextmanager
def in_process_requests():
    """Django's handler closes "old" database connections around each request, which
    would close the test's transaction; its own test client switches that off too."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def demo(settings):
    call_command("load_demo", stdout=StringIO())
    framework = copy.deepcopy(settings.REST_FRAMEWORK)
    framework["DEFAULT_THROTTLE_RATES"] = {"anon": "100000/min", "user": "100000/min"}
    settings.REST_FRAMEWORK = framework
    users = get_user_model().objects.filter(username__in=ROLES)
    tokens = {user.username: Token.objects.create(user=user).key for user in users}
    assert set(tokens) == set(ROLES)
    return tokens


def real_ids() -> dict[str, list[int]]:
    return {
        name: list(model.objects.order_by("pk").values_list("pk", flat=True))
        for name, model in MODELS.items()
    }


def call_alone(case, headers):
    """One request in a savepoint of the test's transaction. In production each request
    runs in its own transaction (autocommit); here all share the test's, and on PostgreSQL
    a statement the server refuses (answered as a 400) would abort it for every later
    request. So a refused request's savepoint is rolled back, anyone else's kept."""
    savepoint = transaction.savepoint()
    response = case.call(app=application, headers=headers)
    try:
        transaction.savepoint_commit(savepoint)
    except DatabaseError:
        transaction.savepoint_rollback(savepoint)
    return response


def run_operation(
    operation,
    headers: dict[str, str],
    ids: dict[str, list[int]],
    mode: schemathesis.GenerationMode = schemathesis.GenerationMode.POSITIVE,
) -> int:
    resource = operation.path.removeprefix("/api/v1/").split("/", 1)[0]
    known = ids.get(resource) or [1]
    positive = mode == schemathesis.GenerationMode.POSITIVE
    calls = 0

    @settings(
        max_examples=EXAMPLES if positive else NEGATIVE_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
    )
    @given(
        case=operation.as_strategy(generation_mode=mode), real=st.none() | st.sampled_from(known)
    )
    def check(case, real):
        nonlocal calls
        if real is not None and case.path_parameters and "id" in case.path_parameters:
            case.path_parameters["id"] = real
        response = call_alone(case, headers)
        calls += 1
        public = operation.method.upper() == "GET"
        checks = [c for c in ALL_CHECKS if not (public and c.__name__ in PUBLIC_EXCLUDED)]
        case.validate_response(response, checks=checks, headers=headers)

    try:
        check()
    except Unsatisfiable:
        # Nothing to make invalid: an operation without parameters or body (the exports).
        assert not positive, operation.label
    return calls


@pytest.mark.slow
def test_every_operation_passes_every_check_for_visitors_and_every_role(demo):
    started = time.monotonic()
    summary = []
    with in_process_requests():
        schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
        ids = real_ids()
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 45
        callers = [("visitor", {})] + [
            (name, {"Authorization": f"Token {demo[name]}"}) for name in ROLES
        ]
        failures = []
        for who, headers in callers:
            for mode in (
                schemathesis.GenerationMode.POSITIVE,
                schemathesis.GenerationMode.NEGATIVE,
            ):
                for operation in operations:
                    if (
                        headers
                        and (operation.method.upper(), operation.path) in EXCLUDED_WITH_TOKEN
                    ):
                        continue
                    try:
                        count = run_operation(operation, headers, ids, mode)
                    except (Exception, BaseExceptionGroup) as error:  # each one reported
                        failures.append(f"{who} {mode.value} {operation.label}: {error}"[:1500])
                        count = 0
                    summary.append((who, mode.value, operation.label, count))
    elapsed = time.monotonic() - started
    calls = sum(count for *_, count in summary)
    print(
        f"\nschemathesis: {len(operations)} operations, {len(summary)} runs "
        f"(the visitor and each role, valid and invalid data), {calls} requests, {elapsed:.1f}s"
    )
    assert not failures, "\n\n".join(failures)
    assert calls >= len(summary) - 4 * len(callers)  # the exports have no invalid form
