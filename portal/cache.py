"""A cache of the public list pages, exact rather than approximate.

Everyone who is not signed in sees the same archive, tracker or workgroup page for the
same address and language, and that page changes only when the record changes. Every
change to the record goes through a service, and every service writes an audit entry
(committee.audit), so the newest audit entries are a version of the whole record
(:func:`record_version`, one indexed query). A cached page is served only while the
version it was built from is still the newest, on the day it was built (the «overdue»
marks move with the date), for the same address (scheme, host, path and query) and
language; the list queries, counts and template rendering are then skipped. A
publication, a follow-up note or a moderated comment makes every copy stale at once.
Changes made outside the services (a bulk load, an edit in the admin of a person's name)
are picked up when the copy expires after ``PORTAL_PAGE_CACHE_SECONDS`` (5 minutes by
default; 0 turns the cache off). :class:`CachedCountPaginator` keeps the counts of the
lists the same way, for every visitor.

Only plain anonymous requests are cached: GET or HEAD, no session or messages cookie (so
nobody's personal header or message can reach anyone else), and the response is kept only
when it is a 200 that sets no cookie and carries no CSRF token. The copies live in
Django's default cache: per process with the local-memory cache, shared between servers
with Redis or Memcached (docs/deploy.md).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connections, router
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language

from committee.models import AuditEntry

# Cookies that do not change what an anonymous visitor sees (the language is in the key).
NEUTRAL_COOKIES = frozenset({settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME})


def cache_seconds() -> int:
    """PORTAL_PAGE_CACHE_SECONDS (DJANGO_PORTAL_CACHE_SECONDS, config/settings.py)."""
    return settings.PORTAL_PAGE_CACHE_SECONDS


# How many of the newest audit ids the version also counts (see record_version).
VERSION_WINDOW = 1000


def record_version() -> str:
    """A version of the whole record: the newest audit entry's id, and how many entries
    there are among the last VERSION_WINDOW ids. The count catches a transaction that took
    its id before another but committed after it (on PostgreSQL ids are handed out before
    commit): the newest id stays, the count grows. One indexed range query, written in SQL
    because it runs on every request (the ORM took longer to build it than the database
    to answer it).

    Read from the database this request reads the record from (config/db_router.py: a
    replica for anonymous and API reads when replicas are configured), so that a page is
    never kept under a newer version than the data it was built from."""
    connection = connections[router.db_for_read(AuditEntry)]
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    column = connection.ops.quote_name(AuditEntry._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT MAX({column}), COUNT(*) FROM {table} "
            f"WHERE {column} > (SELECT MAX({column}) FROM {table}) - %s",
            [VERSION_WINDOW],
        )
        newest, recent = cursor.fetchone()
    return f"{newest or 0}.{recent}"


class CachedCountPaginator(Paginator):
    """A Paginator whose count (a COUNT over every matching row, the one cost of a list
    page that grows with the record) is kept in the cache under the query and the record's
    version, so the other pages of the same list, and the next visitors, do not count
    again. Exact: a change to the record changes the version."""

    @cached_property
    def count(self) -> int:
        return self._cached_count(lambda: Paginator.count.func(self))

    def _cached_count(self, counted: Callable[[], int]) -> int:
        seconds = cache_seconds()
        query = getattr(self.object_list, "query", None)
        if seconds <= 0 or query is None:
            return counted()
        try:
            sql = str(query)
        except EmptyResultSet:
            return 0
        raw = f"{type(self).__name__}|{record_version()}|{sql}"
        key = "portal-count:" + hashlib.sha256(raw.encode()).hexdigest()
        count = cache.get(key)
        if count is None:
            count = counted()
            cache.set(key, count, seconds)
        return count


def is_cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not set(request.COOKIES) - NEUTRAL_COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def page_key(request: HttpRequest, version: str) -> str:
    raw = "|".join(
        [
            str(version),
            timezone.localdate().isoformat(),
            get_language() or "",
            # Scheme, host and path: pages carry their canonical (absolute) address.
            request.build_absolute_uri(),
        ]
    )
    return "portal-page:" + hashlib.sha256(raw.encode()).hexdigest()


def _storable(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and b"csrfmiddlewaretoken" not in response.content
    )


def cached_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve ``view``'s page from the cache while the record has not changed."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        seconds = cache_seconds()
        if seconds <= 0 or not is_cacheable_request(request):
            return view(request, *args, **kwargs)
        key = page_key(request, record_version())
        stored = cache.get(key)
        if stored is not None:
            content, content_type, headers = stored
            response = HttpResponse(content, content_type=content_type)
            for name, value in headers:
                response[name] = value
            return response
        response = view(request, *args, **kwargs)
        if _storable(response):
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in ("content-type", "content-length", "set-cookie")
            ]
            cache.set(key, (response.content, response["Content-Type"], headers), seconds)
        return response

    return wrapped
