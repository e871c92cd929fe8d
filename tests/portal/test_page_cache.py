"""The public page cache (portal/cache.py, api/views/base.py CachedListModelMixin).

Anonymous copies of the list pages and of the API lists are kept while the newest audit
entry is the same, on the same day, in the same language, for the same address: a copy
costs one query (the version), and any change made through a service shows at the next
request. Whoever is signed in, carries a session or a message, or authenticates to the API
gets a page of their own, which is never stored.
"""

from __future__ import annotations

import datetime
import pickle
import time
from types import SimpleNamespace

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.http import HttpResponse, StreamingHttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from committee.models import AuditEntry
from committee.templatetags.people import display_name
from minutes import services
from minutes.models import Decision
from portal import cache as page_cache_module
from portal import services as portal_services
from portal import views
from portal.cache import cached_public_page, record_version
from portal.models import Comment
from workgroups.models import Workgroup

pytestmark = pytest.mark.django_db

PAGES = (
    "/",
    "/committee/rasht/",
    "/archive/",
    "/decisions/",
    "/committee/rasht/workgroups/civil-works/",
)
FIRST_TITLE = "نشست بررسی روشنایی معابر کمربندی"
FIRST_DECISION = "شرکت توزیع برق فهرست معابر تاریک را به کارگروه ارائه کند."
SECOND_TITLE = "نشست بررسی لایروبی رودخانه گوهررود"
INTERNAL_DECISION = "پیش‌نویس گزارش محرمانه به دبیرخانه داده شود."


@pytest.fixture
def page_cache(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def published(portal, page_cache):
    """One published minutes of the civil-works workgroup with one public and one
    internal decision."""
    return portal.publish(
        portal.meeting(title=FIRST_TITLE, days_ago=10),
        decisions=[{"text": FIRST_DECISION}, {"text": INTERNAL_DECISION, "is_public": False}],
    )


def fetch(client, url: str, **extra):
    """The response and the SQL it cost."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **extra)
    return response, [q["sql"] for q in captured.captured_queries]


def from_the_cache(queries: list[str]) -> bool:
    """Served from a stored copy: the version lookup, and nothing else."""
    return len(queries) == 1 and AuditEntry._meta.db_table in queries[0]


def stored_pages() -> list[tuple[bytes, str, list]]:
    """The HTML copies in the local-memory cache the tests run with."""
    backend = caches["default"]
    assert isinstance(backend, LocMemCache)
    pages = []
    for key, value in backend._cache.items():
        if "portal-page:" in key:
            data = pickle.loads(value)
            if isinstance(data, tuple):
                pages.append(data)
    return pages


def messages_cookie(text: str) -> str:
    """The value of a messages cookie holding one message, as a redirect would leave it."""
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(constants.SUCCESS, text)
    response = HttpResponse()
    storage.update(response)
    return response.cookies[storage.cookie_name].value


# --- (a) a second anonymous request costs one query and gets the same bytes ----------------


@pytest.mark.parametrize("url", PAGES)
def test_the_second_anonymous_request_is_the_stored_copy(published, client, url):
    first, first_queries = fetch(client, url)
    assert first.status_code == 200
    assert FIRST_TITLE in first.content.decode()
    assert len(first_queries) > 1

    second, second_queries = fetch(client, url)
    assert from_the_cache(second_queries), second_queries
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"] == "text/html; charset=utf-8"
    # The middleware still answers for the copy.
    assert second["Content-Language"] == "fa"
    assert "Cookie" in second["Vary"]
    assert second["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("url", ["/archive/", "/decisions/"])
def test_exactly_one_query_with_the_assertion_fixture(
    published, client, url, django_assert_num_queries
):
    first = client.get(url)
    with django_assert_num_queries(1):
        second = client.get(url)
    assert second.content == first.content
    assert FIRST_TITLE in second.content.decode()


def test_a_head_request_fills_the_copy_a_get_then_reads_whole(published, client):
    # (/archive/ and /decisions/ answer GET only; the home page answers HEAD too.)
    assert client.head("/").status_code == 200
    response, queries = fetch(client, "/")
    assert from_the_cache(queries)
    assert FIRST_TITLE in response.content.decode()
    assert response.content.rstrip().endswith(b"</html>")


def test_another_visitor_gets_the_same_copy(published):
    first = Client().get("/decisions/")
    response, queries = fetch(Client(), "/decisions/")
    assert from_the_cache(queries)
    assert response.content == first.content


def test_a_not_found_page_is_not_stored(published, client):
    assert client.get("/committee/no-such-committee/").status_code == 404
    response, queries = fetch(client, "/committee/no-such-committee/")
    assert response.status_code == 404
    assert len(queries) > 1


def test_the_copy_lasts_the_configured_time(published, client, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 123
    before = time.time()
    client.get("/archive/")
    expiries = [
        expiry for key, expiry in caches["default"]._expire_info.items() if "portal-page:" in key
    ]
    assert len(expiries) == 1
    assert before + 123 - 1 <= expiries[0] <= time.time() + 123 + 1


def test_a_change_outside_the_services_waits_for_the_copy_to_expire(published, client):
    client.get("/committee/rasht/workgroups/civil-works/")
    Workgroup.objects.filter(slug="civil-works").update(short_name="نام تازه بی‌سابقه")
    stale, queries = fetch(client, "/committee/rasht/workgroups/civil-works/")
    assert from_the_cache(queries)
    assert "نام تازه بی‌سابقه" not in stale.content.decode()
    cache.clear()  # as expiry would
    fresh = client.get("/committee/rasht/workgroups/civil-works/").content.decode()
    assert "نام تازه بی‌سابقه" in fresh


def test_a_new_day_is_a_new_copy(published, client, monkeypatch):
    client.get("/decisions/")
    assert from_the_cache(fetch(client, "/decisions/")[1])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    # The day the key is made with (the pages themselves still read the real date).
    monkeypatch.setattr(page_cache_module, "timezone", SimpleNamespace(localdate=lambda: tomorrow))
    response, queries = fetch(client, "/decisions/")
    assert len(queries) > 1
    assert FIRST_DECISION in response.content.decode()


# --- (b) a change through a service shows at the next request ------------------------------


def test_a_follow_up_shows_at_once_on_the_tracker(portal, published, client):
    before = client.get("/decisions/").content.decode()
    assert '<span class="status status-open">' in before
    assert from_the_cache(fetch(client, "/decisions/")[1])

    decision = published.meeting.decisions.get(text=FIRST_DECISION)
    version = record_version()
    services.record_follow_up(
        portal.secretariat,
        decision,
        status=Decision.Status.DONE,
        note="فهرست معابر تاریک تحویل کارگروه شد.",
    )
    assert record_version() > version

    after, queries = fetch(client, "/decisions/")
    assert len(queries) > 1
    body = after.content.decode()
    assert '<span class="status status-done">' in body
    assert '<span class="status status-open">' not in body
    assert "فهرست معابر تاریک تحویل کارگروه شد." in body
    # ... and the new page is the one now kept.
    again, queries = fetch(client, "/decisions/")
    assert from_the_cache(queries)
    assert again.content == after.content


@pytest.mark.parametrize("url", PAGES)
def test_a_publication_shows_at_once(portal, published, client, url):
    client.get(url)
    stored, queries = fetch(client, url)
    assert from_the_cache(queries)
    assert SECOND_TITLE not in stored.content.decode()

    portal.publish(portal.meeting(title=SECOND_TITLE, days_ago=2))

    response, queries = fetch(client, url)
    assert len(queries) > 1
    body = response.content.decode()
    assert SECOND_TITLE in body
    assert FIRST_TITLE in body


def test_a_moderated_comment_makes_every_copy_stale(portal, published, client):
    for url in PAGES:
        client.get(url)
    comment = portal_services.submit_comment(
        published, name="شهروند", body="ممنون از گزارش.", ip_address="192.0.2.1"
    )
    # A comment waiting for moderation changes nothing public: the copies stay good.
    assert all(from_the_cache(fetch(client, url)[1]) for url in PAGES)

    portal_services.approve_comment(portal.secretariat, comment)
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.APPROVED
    for url in PAGES:
        response, queries = fetch(client, url)
        assert len(queries) > 1, url
        assert FIRST_TITLE in response.content.decode()


# --- (c) signed-in users: never served from the cache, never stored ------------------------


def signed_in_header(user) -> str:
    """The header's greeting of the signed-in user (their person's name)."""
    return f'<span class="who"><bdi>{display_name(user)}</bdi></span>'


def test_a_signed_in_user_is_not_served_the_visitors_copy(portal, published, client):
    client.get("/archive/")
    assert from_the_cache(fetch(client, "/archive/")[1])

    member = Client()
    member.force_login(portal.chair)
    response, queries = fetch(member, "/archive/")
    assert len(queries) > 1
    body = response.content.decode()
    assert signed_in_header(portal.chair) in body
    assert "پیشخوان" in body
    assert FIRST_TITLE in body
    # Asked again, the user still gets their own page.
    again, queries = fetch(member, "/archive/")
    assert len(queries) > 1
    assert signed_in_header(portal.chair) in again.content.decode()


@pytest.mark.parametrize("url", PAGES)
def test_a_signed_in_users_page_is_never_stored(portal, published, url):
    member = Client()
    member.force_login(portal.chair)
    assert signed_in_header(portal.chair) in member.get(url).content.decode()
    assert member.get(url).status_code == 200

    visitor, queries = fetch(Client(), url)
    assert len(queries) > 1
    body = visitor.content.decode()
    assert "chair-2" not in body
    assert "پیشخوان" not in body
    assert ">ورود</a>" in body
    assert stored_pages(), "the visitor's page is stored"
    assert not any(b"chair-2" in content for content, _, _ in stored_pages())


# --- (d) a session or a message: a page of one's own ---------------------------------------


def test_a_session_cookie_is_never_served_the_copy_nor_stored(published):
    session = SessionStore()
    session["seen_archive"] = True
    session.create()

    visitor = Client()
    visitor.get("/archive/")
    assert from_the_cache(fetch(visitor, "/archive/")[1])

    with_session = Client()
    with_session.cookies["sessionid"] = session.session_key
    response, queries = fetch(with_session, "/archive/")
    assert response.status_code == 200
    assert len(queries) > 1
    assert FIRST_TITLE in response.content.decode()

    cache.clear()
    fetch(with_session, "/archive/")
    assert len(fetch(with_session, "/archive/")[1]) > 1
    assert stored_pages() == []


def test_a_message_is_shown_to_its_visitor_only(published):
    visitor = Client()
    visitor.get("/archive/")
    assert from_the_cache(fetch(visitor, "/archive/")[1])

    text = "دیدگاه شما ثبت شد و پس از بررسی نمایش داده می‌شود."
    with_message = Client()
    with_message.cookies["messages"] = messages_cookie(text)
    response, queries = fetch(with_message, "/archive/")
    assert len(queries) > 1
    assert text in response.content.decode()

    # Not stored for anyone else.
    other, _ = fetch(Client(), "/archive/")
    assert text not in other.content.decode()
    assert not any(text.encode() in content for content, _, _ in stored_pages())


def test_a_message_cookie_alone_is_not_stored(published):
    with_message = Client()
    with_message.cookies["messages"] = messages_cookie("پیام آزمایشی یکتا")
    assert "پیام آزمایشی یکتا" in with_message.get("/decisions/").content.decode()
    assert stored_pages() == []
    response, queries = fetch(Client(), "/decisions/")
    assert len(queries) > 1
    assert "پیام آزمایشی یکتا" not in response.content.decode()


def test_the_language_and_csrf_cookies_do_not_prevent_caching(published):
    visitor = Client()
    visitor.cookies["csrftoken"] = "a" * 32
    visitor.get("/archive/")
    assert from_the_cache(fetch(visitor, "/archive/")[1])


# --- (e) each language its own copy --------------------------------------------------------


@pytest.mark.parametrize("url", ["/archive/", "/decisions/", "/"])
def test_english_and_persian_are_kept_apart(published, url):
    persian, english = Client(), Client()
    english.cookies["django_language"] = "en"

    fa_first = persian.get(url).content.decode()
    assert '<html lang="fa" dir="rtl">' in fa_first

    en_first, queries = fetch(english, url)
    assert len(queries) > 1, "the Persian copy is not the English one"
    assert '<html lang="en" dir="ltr">' in en_first.content.decode()
    assert ">Home</a>" in en_first.content.decode()

    for who, lang in ((persian, "fa"), (english, "en"), (persian, "fa"), (english, "en")):
        response, queries = fetch(who, url)
        assert from_the_cache(queries)
        body = response.content.decode()
        assert f'<html lang="{lang}"' in body
        assert response["Content-Language"] == lang
        if lang == "fa":
            assert ">Home</a>" not in body
            assert ">صفحه نخست</a>" in body


def test_an_unknown_language_cookie_shares_the_persian_copy(published):
    Client().get("/archive/")
    odd = Client()
    odd.cookies["django_language"] = "de"
    response, queries = fetch(odd, "/archive/")
    assert from_the_cache(queries)
    assert '<html lang="fa" dir="rtl">' in response.content.decode()


# --- (f) no stored page carries a CSRF token -----------------------------------------------


def test_no_stored_page_carries_a_csrf_token(portal, published):
    english = Client()
    english.cookies["django_language"] = "en"
    member = Client()
    member.force_login(portal.chair)
    for url in (*PAGES, "/archive/?q=روشنایی", "/decisions/?status=open"):
        for who in (Client(), english, member):
            who.get(url)
        response, queries = fetch(Client(), url)
        assert from_the_cache(queries), url
        assert b"csrfmiddlewaretoken" not in response.content
    pages = stored_pages()
    assert len(pages) == 2 * (len(PAGES) + 2)  # two languages; nothing of the member's
    for content, _content_type, headers in pages:
        assert b"csrfmiddlewaretoken" not in content
        assert all(name.lower() != "set-cookie" for name, _ in headers)


def test_the_decorator_keeps_only_what_anyone_may_be_given(page_cache):
    """Whatever view it wraps: a page with a CSRF token, a cookie, a stream or another
    status than 200 is rebuilt every time."""
    calls = []

    def counted(make):
        @cached_public_page
        def view(request):
            calls.append(request.path)
            return make(request)

        return view

    def with_token(request):
        return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')

    def with_cookie(request):
        response = HttpResponse("<p>hello</p>")
        response.set_cookie("seen", "1")
        return response

    def streamed(request):
        return StreamingHttpResponse(iter([b"<p>", b"stream", b"</p>"]))

    def not_found(request):
        return HttpResponse("<p>gone</p>", status=404)

    def plain(request):
        return HttpResponse("<p>plain</p>")

    factory = RequestFactory()
    for make, kept in (
        (with_token, False),
        (with_cookie, False),
        (streamed, False),
        (not_found, False),
        (plain, True),
    ):
        view = counted(make)
        calls.clear()
        path = f"/synthetic/{make.__name__}/"
        view(factory.get(path))
        second = view(factory.get(path))
        assert len(calls) == (1 if kept else 2), make.__name__
        if kept:
            assert second.content == b"<p>plain</p>"
    assert not any(b"csrfmiddlewaretoken" in content for content, _, _ in stored_pages())


# --- (g) the API lists ---------------------------------------------------------------------


def test_the_api_list_is_kept_for_anonymous_callers(published):
    anonymous = APIClient()
    first, first_queries = fetch(anonymous, "/api/v1/decisions/")
    assert first.status_code == 200
    texts = [row["text"] for row in first.json()["results"]]
    assert texts == [FIRST_DECISION]

    second, second_queries = fetch(anonymous, "/api/v1/decisions/")
    assert second.status_code == 200
    assert len(second_queries) < len(first_queries)
    assert from_the_cache(second_queries)
    assert second.json() == first.json()
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"] == "application/json"


@pytest.mark.parametrize("url", ["/api/v1/minutes/", "/api/v1/meetings/", "/api/v1/workgroups/"])
def test_other_api_lists_are_kept_too(published, url):
    first = APIClient().get(url)
    assert first.status_code == 200
    # (minutes are paged by cursor and carry no count: api/pagination.py)
    assert len(first.json()["results"]) >= 1
    second, queries = fetch(APIClient(), url)
    assert from_the_cache(queries)
    assert second.json() == first.json()


def test_a_token_caller_is_not_served_the_anonymous_copy(portal, published):
    APIClient().get("/api/v1/decisions/")
    token, _ = Token.objects.get_or_create(user=portal.chair)
    member = APIClient()
    member.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response, queries = fetch(member, "/api/v1/decisions/")
    assert response.status_code == 200
    assert len(queries) > 1
    texts = {row["text"] for row in response.json()["results"]}
    assert texts == {FIRST_DECISION, INTERNAL_DECISION}

    # Nor is the member's list stored for anyone.
    anonymous, queries = fetch(APIClient(), "/api/v1/decisions/")
    assert from_the_cache(queries)
    assert [row["text"] for row in anonymous.json()["results"]] == [FIRST_DECISION]
    cache.clear()
    member.get("/api/v1/decisions/")
    anonymous, queries = fetch(APIClient(), "/api/v1/decisions/")
    assert len(queries) > 1
    assert [row["text"] for row in anonymous.json()["results"]] == [FIRST_DECISION]


def test_a_session_caller_is_not_served_the_anonymous_copy(portal, published):
    APIClient().get("/api/v1/decisions/")
    member = APIClient()
    member.force_login(portal.chair)
    response = member.get("/api/v1/decisions/")
    texts = {row["text"] for row in response.json()["results"]}
    assert texts == {FIRST_DECISION, INTERNAL_DECISION}


def test_a_bad_token_is_refused_even_when_a_copy_exists(published):
    APIClient().get("/api/v1/decisions/")
    caller = APIClient()
    caller.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    response = caller.get("/api/v1/decisions/")
    assert response.status_code == 401
    assert "results" not in response.json()


def test_a_follow_up_shows_at_once_in_the_api(portal, published):
    anonymous = APIClient()
    assert anonymous.get("/api/v1/decisions/").json()["results"][0]["status"] == "open"
    decision = published.meeting.decisions.get(text=FIRST_DECISION)
    services.record_follow_up(
        portal.secretariat, decision, status=Decision.Status.IN_PROGRESS, note="کار آغاز شد."
    )
    row = anonymous.get("/api/v1/decisions/").json()["results"][0]
    assert row["status"] == "in_progress"
    assert [f["note"] for f in row["follow_ups"]] == ["کار آغاز شد."]


def test_api_languages_are_kept_apart(published):
    APIClient().get("/api/v1/decisions/")
    english = APIClient()
    english.cookies["django_language"] = "en"
    response, queries = fetch(english, "/api/v1/decisions/")
    assert len(queries) > 1
    assert response.json()["results"][0]["status_label"] == "Awaiting action"
    persian, queries = fetch(APIClient(), "/api/v1/decisions/")
    assert from_the_cache(queries)
    assert persian.json()["results"][0]["status_label"] == "در انتظار اقدام"


# --- (h) PORTAL_PAGE_CACHE_SECONDS = 0 turns it off ----------------------------------------


@pytest.mark.parametrize("url", [*PAGES, "/api/v1/decisions/"])
def test_zero_seconds_turns_the_cache_off(published, client, settings, url):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    client.get(url)  # warm up, as the query-count tests do
    first, first_queries = fetch(client, url)
    second, second_queries = fetch(client, url)
    assert len(first_queries) > 1
    assert len(second_queries) == len(first_queries)
    assert second.content == first.content
    assert stored_pages() == []
    assert not any("portal-page:" in key for key in caches["default"]._cache)


# --- (i) each address its own copy ---------------------------------------------------------


@pytest.fixture
def two_pages(portal, published, monkeypatch):
    """A second, newer minutes, and pages of one."""
    portal.publish(portal.meeting(portal.other_workgroup, title=SECOND_TITLE, days_ago=2))
    monkeypatch.setattr(views, "PAGE_SIZE", 1)


def test_page_two_is_its_own_copy(two_pages, client):
    page_one = client.get("/archive/").content.decode()
    assert SECOND_TITLE in page_one
    assert FIRST_TITLE not in page_one
    assert from_the_cache(fetch(client, "/archive/")[1])

    response, queries = fetch(client, "/archive/?page=2")
    assert len(queries) > 1
    page_two = response.content.decode()
    assert FIRST_TITLE in page_two
    assert SECOND_TITLE not in page_two

    for url, shown, hidden in (
        ("/archive/?page=2", FIRST_TITLE, SECOND_TITLE),
        ("/archive/", SECOND_TITLE, FIRST_TITLE),
    ):
        response, queries = fetch(client, url)
        assert from_the_cache(queries), url
        assert shown in response.content.decode()
        assert hidden not in response.content.decode()


@pytest.mark.parametrize(
    ("url", "shown", "hidden"),
    [
        ("/archive/?q=روشنایی", FIRST_TITLE, SECOND_TITLE),
        ("/archive/?q=لایروبی", SECOND_TITLE, FIRST_TITLE),
        ("/archive/?body=culture", SECOND_TITLE, FIRST_TITLE),
        ("/archive/?body=civil-works", FIRST_TITLE, SECOND_TITLE),
    ],
)
def test_a_search_is_its_own_copy(portal, published, client, url, shown, hidden):
    portal.publish(portal.meeting(portal.other_workgroup, title=SECOND_TITLE, days_ago=2))
    everything = client.get("/archive/").content.decode()
    assert FIRST_TITLE in everything
    assert SECOND_TITLE in everything

    for attempt in (1, 2):
        response, queries = fetch(client, url)
        assert (len(queries) > 1) if attempt == 1 else from_the_cache(queries)
        body = response.content.decode()
        assert shown in body
        assert hidden not in body

    response, queries = fetch(client, "/archive/")
    assert from_the_cache(queries)
    assert response.content.decode() == everything


def test_the_tracker_filters_are_their_own_copies(portal, published, client):
    decision = published.meeting.decisions.get(text=FIRST_DECISION)
    open_page = client.get("/decisions/?status=open").content.decode()
    done_page = client.get("/decisions/?status=done").content.decode()
    assert FIRST_DECISION in open_page
    assert FIRST_DECISION not in done_page
    services.record_follow_up(
        portal.secretariat, decision, status=Decision.Status.DONE, note="تمام شد."
    )
    assert FIRST_DECISION not in client.get("/decisions/?status=open").content.decode()
    assert FIRST_DECISION in client.get("/decisions/?status=done").content.decode()


def test_the_host_is_part_of_the_copy(published, settings):
    settings.ALLOWED_HOSTS = ["media.example.ir", "other.example.ir"]
    Client(HTTP_HOST="other.example.ir").get("/archive/")
    body = Client(HTTP_HOST="media.example.ir").get("/archive/").content.decode()
    assert '<link rel="canonical" href="http://media.example.ir/archive/">' in body
