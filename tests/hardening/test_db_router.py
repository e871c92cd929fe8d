"""The read-replica router (config/db_router.py) on its own, without PostgreSQL: which
database each read and write of a request goes to, and when a visitor is kept on the
primary. The real thing, with a streaming replica, is tests/hardening/test_replicas.py;
the settings that install it, tests/hardening/test_replica_settings.py."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from config.db_router import (
    STICKY_COOKIE,
    ReplicaReadsMiddleware,
    ReplicaRouter,
    RequestReads,
    _current,
)

router = ReplicaRouter()


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _run(request, *, replicas=("replica1",), view=None):
    """The middleware around a view that notes where its reads go (before and after what
    ``view`` does)."""
    seen: list[str] = []

    def get_response(request):
        seen.append(router.db_for_read(None))
        if view is not None:
            view()
        seen.append(router.db_for_read(None))
        return HttpResponse("ok")

    response = ReplicaReadsMiddleware(get_response, replicas=list(replicas))(request)
    return seen, response


factory = RequestFactory()


def test_outside_a_request_everything_goes_to_the_primary():
    # Management commands, the worker, the shell: no request, no replica.
    assert router.db_for_read(None) == "default"
    assert router.db_for_write(None) == "default"


def test_writes_go_to_the_primary_and_a_read_after_a_write_too():
    token = _current.set(RequestReads(replica="replica1"))
    try:
        assert router.db_for_read(None) == "replica1"
        assert router.db_for_write(None) == "default"
        assert router.db_for_read(None) == "default"
    finally:
        _current.reset(token)


@pytest.mark.django_db
def test_reads_inside_a_transaction_go_to_the_primary():
    token = _current.set(RequestReads(replica="replica1"))
    try:
        with transaction.atomic():
            assert router.db_for_read(None) == "default"
    finally:
        _current.reset(token)


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate("default", "minutes")
    assert not router.allow_migrate("replica1", "minutes")
    assert router.allow_relation(object(), object())


@pytest.mark.parametrize("path", ["/", "/archive/", "/decisions/", "/api/v1/decisions/"])
def test_an_anonymous_visitors_reads_go_to_a_replica(path):
    seen, response = _run(factory.get(path))
    assert seen == ["replica1", "replica1"]
    assert STICKY_COOKIE not in response.cookies
    # Outside the request again: the primary.
    assert router.db_for_read(None) == "default"


def test_the_replica_is_one_of_those_configured():
    chosen = {_run(factory.get("/"), replicas=("replica1", "replica2"))[0][0] for _ in range(60)}
    assert chosen == {"replica1", "replica2"}


def test_the_working_interface_of_someone_signed_in_reads_the_primary():
    request = factory.get("/dashboard/", HTTP_COOKIE="sessionid=abc")
    assert _run(request)[0] == ["default", "default"]


def test_the_api_of_someone_signed_in_reads_a_replica():
    request = factory.get("/api/v1/meetings/", HTTP_COOKIE="sessionid=abc")
    assert _run(request)[0] == ["replica1", "replica1"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_writing_request_reads_the_primary_and_keeps_the_visitor_there(method):
    seen, response = _run(getattr(factory, method)("/api/v1/decisions/1/follow-ups/"))
    assert seen == ["default", "default"]
    cookie = response.cookies[STICKY_COOKIE]
    assert cookie["max-age"] == 5  # DJANGO_REPLICA_STICKY_SECONDS' default
    assert cookie["httponly"]
    assert int(cookie.value) > time.time()
    # The visitor's next reads, with that cookie, go to the primary.
    after = factory.get("/api/v1/decisions/1/", HTTP_COOKIE=f"{STICKY_COOKIE}={cookie.value}")
    assert _run(after)[0] == ["default", "default"]


# Seconds from now (an expired mark, one further ahead than a write sets) or a raw value:
# the ids stay the same in every pytest-xdist process, which must collect alike.
@pytest.mark.parametrize("value", [-1, 3600, "soon", "-5", ""])
def test_an_expired_or_meaningless_cookie_does_not_keep_anyone_on_the_primary(value):
    if isinstance(value, int):
        value = str(int(time.time()) + value)
    request = factory.get("/archive/", HTTP_COOKIE=f"{STICKY_COOKIE}={value}")
    assert _run(request)[0] == ["replica1", "replica1"]


def test_an_api_token_that_wrote_reads_the_primary_without_cookies():
    wrote = factory.post("/api/v1/decisions/1/follow-ups/", HTTP_AUTHORIZATION="Token aaa")
    _run(wrote)
    same = factory.get("/api/v1/decisions/1/", HTTP_AUTHORIZATION="Token aaa")
    other = factory.get("/api/v1/decisions/1/", HTTP_AUTHORIZATION="Token bbb")
    assert _run(same)[0] == ["default", "default"]
    assert _run(other)[0] == ["replica1", "replica1"]
    # The mark is the token's hash, never the token itself.
    assert not any("aaa" in key for key in cache._cache)  # type: ignore[attr-defined]


def test_a_read_request_that_writes_reads_the_primary_afterwards_and_sticks():
    seen, response = _run(factory.get("/archive/"), view=lambda: router.db_for_write(None))
    assert seen == ["replica1", "default"]
    assert STICKY_COOKIE in response.cookies


def test_without_replicas_the_middleware_routes_nothing():
    seen, _response = _run(factory.get("/archive/"), replicas=())
    assert seen == ["default", "default"]


def test_who_is_asking_is_always_read_from_the_primary():
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.models import Session
    from rest_framework.authtoken.models import Token

    from minutes.models import Decision

    token = _current.set(RequestReads(replica="replica1"))
    try:
        for model in (Token, Session, get_user_model()):
            assert router.db_for_read(model) == "default"
        assert router.db_for_read(Decision) == "replica1"
    finally:
        _current.reset(token)


@pytest.mark.django_db
def test_the_page_caches_version_is_read_where_the_pages_data_is_read(monkeypatch):
    # A page built from a replica's (older) rows must not be kept under the primary's
    # (newer) version of the record: portal/cache.py asks the router where to read it.
    from django.db import connection

    from committee.models import AuditEntry
    from portal import cache as page_cache

    asked = []

    class Router:
        def db_for_read(self, model, **hints):
            asked.append(model)
            return "the-replica"

    monkeypatch.setattr(page_cache, "router", Router())
    monkeypatch.setattr(page_cache, "connections", {"the-replica": connection})
    assert page_cache.record_version() == "0.0"
    assert asked == [AuditEntry]
