"""Read replicas: the public and API reads go to the PostgreSQL servers of
``DATABASE_REPLICA_URLS`` (streaming replicas of the primary), everything else to the
primary (``DATABASE_URL``). Installed by config/settings.py only when replicas are set;
without them nothing here runs.

Which reads may go to a replica is decided once per request, by
:class:`ReplicaReadsMiddleware` (the first middleware): a ``GET``, ``HEAD`` or ``OPTIONS``
request under ``/api/``, or from a visitor who is not signed in (no session cookie), and
not from someone who has just written. Everything else reads from the primary:

- the working interface of a signed-in person (what they see must be what they did);
- a request that writes (``POST``, ``PUT``, ``PATCH``, ``DELETE``), and the reads of any
  request after its first write;
- every query inside a transaction (``transaction.atomic``): the services read what they
  are about to change there, often under ``select_for_update``;
- management commands, the background worker and anything outside a request;
- who is asking (API tokens, sessions, accounts): a token issued or a session opened a
  moment ago works at once;
- for ``DJANGO_REPLICA_STICKY_SECONDS`` after a writing request, the same visitor's
  requests: the middleware sets a cookie (``primary_reads_until``) on the answer to a
  writing request and, when it carried an ``Authorization`` header (an API token), also
  notes that header's hash in the cache for as long (shared by every worker and machine
  with ``DJANGO_CACHE_URL=redis://…``). So a user sees their own write at once, even on a
  replica that lags; set the seconds above the replicas' worst lag.

One replica is chosen at random per request, so that one page reads one consistent state.
Writes always go to the primary; migrations run on the primary only (the replicas follow it).
"""

from __future__ import annotations

import hashlib
import random
import time
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections

STICKY_COOKIE = "primary_reads_until"
# Who is asking is always read from the primary (small lookups by key): a token issued a
# moment ago, a session just opened or closed, an account just deactivated count at once.
PRIMARY_MODELS = frozenset({"authtoken.token", "sessions.session", "auth.user"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass
class RequestReads:
    """Where the current request's reads go: ``replica`` is the chosen replica's alias, or
    None when the request reads from the primary. ``wrote`` is set by its first write."""

    replica: str | None
    wrote: bool = False


_current: ContextVar[RequestReads | None] = ContextVar("replica_reads", default=None)


def replica_aliases() -> list[str]:
    return list(getattr(settings, "REPLICA_DATABASES", []))


class ReplicaRouter:
    """Django's database router (``DATABASE_ROUTERS``) for the replicas."""

    def db_for_read(self, model, **hints) -> str:
        reads = _current.get()
        if reads is None or reads.replica is None or reads.wrote:
            return DEFAULT_DB_ALIAS
        if model is not None and model._meta.label_lower in PRIMARY_MODELS:
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return reads.replica

    def db_for_write(self, model, **hints) -> str:
        reads = _current.get()
        if reads is not None:
            reads.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        # The replicas hold the primary's rows: an object read from one may point at one
        # read from the other.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS


def _token_key(authorization: str) -> str:
    return "replica-sticky:" + hashlib.sha256(authorization.encode()).hexdigest()


def recently_wrote(request, now: float) -> bool:
    """The visitor wrote less than DJANGO_REPLICA_STICKY_SECONDS ago: their cookie says so,
    or the cache holds their API token's mark."""
    until = request.COOKIES.get(STICKY_COOKIE, "")
    # Never further ahead than a write would have set it (a cookie made up to stay on the
    # primary for good is ignored).
    if until.isascii() and until.isdigit():
        if now < int(until) <= now + settings.REPLICA_STICKY_SECONDS + 1:
            return True
    authorization = request.META.get("HTTP_AUTHORIZATION", "")
    return bool(authorization) and cache.get(_token_key(authorization)) is not None


def reads_from_replica(request, now: float) -> bool:
    if request.method not in SAFE_METHODS:
        return False
    if not (
        request.path_info.startswith("/api/") or settings.SESSION_COOKIE_NAME not in request.COOKIES
    ):
        return False  # the working interface of someone signed in
    return not recently_wrote(request, now)


class ReplicaReadsMiddleware:
    """Chooses, per request, whether its reads may go to a replica (see the module's
    doc), and keeps a visitor who has just written on the primary for a few seconds."""

    def __init__(self, get_response, replicas: list[str] | None = None):
        self.get_response = get_response
        self.replicas = replica_aliases() if replicas is None else replicas

    def __call__(self, request):
        now = time.time()
        replica = (
            random.choice(self.replicas)
            if self.replicas and reads_from_replica(request, now)
            else None
        )
        reads = RequestReads(replica=replica)
        token = _current.set(reads)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        sticky = settings.REPLICA_STICKY_SECONDS
        if sticky > 0 and (request.method not in SAFE_METHODS or reads.wrote):
            until = int(now) + sticky + 1
            response.set_cookie(
                STICKY_COOKIE,
                str(until),
                max_age=sticky,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
            authorization = request.META.get("HTTP_AUTHORIZATION", "")
            if authorization:
                cache.set(_token_key(authorization), until, sticky)
        return response
