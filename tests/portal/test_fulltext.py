"""The public search on both databases: full-text search on PostgreSQL (prefix lexemes over
a stored ``to_tsvector('simple', search_text)``, served by GIN indexes), substrings on
SQLite — with the same Persian promise on both: Arabic ي/ك, digits in any script, and
words written with the zero-width non-joiner, without it or with a space instead of it all
match. Queries full of tsquery operators are harmless, and a search that finds nothing
says so."""

from __future__ import annotations

import importlib
import re
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from minutes.models import Minutes
from persian.text import normalize, search_key
from portal.filters import ArchiveFilter, TrackerFilter
from portal.indexing import document_search_text, ensure_index, public_decision_search_text
from portal.models import PublicDecision, PublishedDocument
from tests.portal.test_tracker import shown

pytestmark = pytest.mark.django_db

ON_POSTGRES = connection.vendor == "postgresql"
postgres_only = pytest.mark.skipif(not ON_POSTGRES, reason="full-text search is PostgreSQL's")

migration = importlib.import_module("portal.migrations.0002_search_key_fulltext")

API = "/api/v1"
TITLE = "برنامه‌ریزی ترافیک مدارس"
DECISION = "سامانه هوشمند پارکینگ راه‌اندازی شود."
OTHER_TITLE = "جلسه فضای سبز"
OTHER_DECISION = "کاشت درخت در بوستان‌های محله آغاز گردد."
SUMMARY = "طرح به زودی اجرا می‌شود. کرایه 3.5 درصد بیشتر شد؛ نامه KR-7731 در تاریخ ۱۳۹۹/۱۱/۲۳ رسید."
NO_RESULT_ARCHIVE = "صورتجلسه‌ای با این مشخصات پیدا نشد."
NO_RESULT_TRACKER = "مصوبه‌ای با این مشخصات پیدا نشد."


@pytest.fixture(autouse=True)
def _fresh_throttle_counters():
    """The API's rate limits count in the cache: every test starts with it empty."""
    cache.clear()
    yield
    cache.clear()


def titles(response) -> list[str]:
    assert response.status_code == 200
    body = response.content.decode()
    return re.findall(r'<h3 class="doc-title"><a href="[^"]+">([^<]+)</a>', body)


def decisions_shown(response) -> list[str]:
    assert response.status_code == 200
    return shown(response)


def api_ids(response) -> set[int]:
    assert response.status_code == 200, response.content[:300]
    return {row["id"] for row in response.json()["results"]}


@pytest.fixture
def corpus(portal) -> Minutes:
    """One published minutes holding what the searches look for, one that does not."""
    minutes = portal.publish(
        portal.meeting(title=TITLE),
        summary=SUMMARY,
        items=[{"title": "گزارش کودکان کار"}],
        decisions=[{"text": DECISION}],
    )
    portal.publish(
        portal.meeting(portal.other_workgroup, title=OTHER_TITLE),
        summary="موضوعی دیگر",
        decisions=[{"text": OTHER_DECISION}],
    )
    ensure_index()
    return minutes


# --- the same Persian promise on both databases --------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "مدارس",
        "برنامه‌ريزي",  # Arabic yeh
        "كودكان",  # Arabic kaf
        "مدار",  # the beginning of a word
        "مدارس برنامه‌ریزی",  # any order
        "برنامه‌ریزی",  # with the zero-width non-joiner
        "برنامهریزی",  # without it
        "برنامه ریزی",  # a space instead of it
        "می‌شود",
        "میشود",
        "می شود",
        "۱۳۹۹/۱۱/۲۳",  # Persian digits
        "١٣٩٩/١١/٢٣",  # Arabic-Indic digits
        "1399/11/23",
        "1399/11",
        "KR-7731",
        "kr-7731",
        "3.5",
        "پارکینگ هوشمند",  # a public decision
        "راه اندازی",
    ],
)
def test_the_archive_finds_persian_however_it_is_typed(corpus, client, query):
    assert titles(client.get("/archive/", {"q": query})) == [TITLE]


@pytest.mark.parametrize(
    "query",
    [
        "پارکینگ",
        "پاركينگ",  # Arabic kaf and yeh
        "پارک",  # the beginning of a word
        "هوشمند پارکینگ",
        "راه‌اندازی",
        "راهاندازی",
        "راه اندازی",
        "برنامه ریزی",  # the title of its minutes
        "سامانه",
    ],
)
def test_the_tracker_finds_persian_however_it_is_typed(corpus, client, query):
    assert decisions_shown(client.get("/decisions/", {"q": query})) == [DECISION]


def test_a_space_instead_of_the_zwnj_in_the_other_decision(corpus, client):
    assert decisions_shown(client.get("/decisions/", {"q": "بوستان های"})) == [OTHER_DECISION]


def test_every_word_must_be_found(corpus, client):
    assert titles(client.get("/archive/", {"q": "مدارس دلفین"})) == []
    assert decisions_shown(client.get("/decisions/", {"q": "پارکینگ دلفین"})) == []


def test_the_middle_of_a_word_is_found_only_by_the_substring_search(corpus, client):
    # «دارس» is inside «مدارس»: SQLite's LIKE finds it, a full-text prefix does not.
    expected = [] if ON_POSTGRES else [TITLE]
    assert titles(client.get("/archive/", {"q": "دارس"})) == expected


def test_search_and_filters_combine(corpus, client):
    assert titles(client.get("/archive/", {"q": "مدارس", "body": "culture"})) == []
    assert titles(client.get("/archive/", {"q": "مدارس", "body": "civil-works"})) == [TITLE]


def test_the_csv_export_follows_the_search(corpus, client):
    response = client.get("/decisions/export.csv", {"q": "راه اندازی"})
    assert response.status_code == 200
    body = response.getvalue().decode("utf-8-sig")
    assert DECISION in body
    assert OTHER_DECISION not in body


def test_the_api_searches_the_same_way(corpus, portal):
    anonymous = APIClient()
    decision = corpus.meeting.decisions.get()
    assert api_ids(anonymous.get(f"{API}/decisions/", {"q": "راه اندازی"})) == {decision.pk}
    assert api_ids(anonymous.get(f"{API}/minutes/", {"q": "می شود"})) == {corpus.pk}
    assert api_ids(anonymous.get(f"{API}/minutes/", {"q": "kr-7731 مدارس"})) == {corpus.pk}
    assert api_ids(anonymous.get(f"{API}/minutes/", {"q": "مدارس دلفین"})) == set()
    # Signed in (the chair sees the internal record of the workgroup): the folded substring
    # search of the live text, on every database.
    chair = APIClient()
    chair.force_authenticate(portal.chair)
    assert api_ids(chair.get(f"{API}/decisions/", {"q": "راه اندازی"})) == {decision.pk}


# --- queries that are not words ----------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "'",
        "&",
        "|",
        "!",
        ":*",
        "(",
        ")",
        "\\",
        "''",
        "<->",
        "مدارس:*",
        "مدارس & (",
        "مدارس | !ترافیک",
        "'مدارس'",
        "(مدارس)",
        "مدارس\\'",
        "a:A & !b",
        "%",
        "_",
        "x" * 3000,
    ],
)
def test_tsquery_operators_in_a_query_are_harmless(corpus, portal, client, query):
    for url in ("/archive/", "/decisions/", "/decisions/export.csv"):
        assert client.get(url, {"q": query}).status_code == 200, url
    anonymous = APIClient()
    chair = APIClient()
    chair.force_authenticate(portal.chair)
    for api in (anonymous, chair):
        for url in (f"{API}/minutes/", f"{API}/decisions/"):
            response = api.get(url, {"q": query})
            assert response.status_code == 200, (url, response.content[:300])


@pytest.mark.parametrize("query", ["مدارس:*", "(مدارس)", "«مدارس»"])
def test_punctuation_around_a_word_is_ignored_by_the_full_text_search(corpus, client, query):
    expected = [TITLE] if ON_POSTGRES else []
    assert titles(client.get("/archive/", {"q": query})) == expected


@pytest.mark.parametrize("query", ["دلفین", "!&|", "x" * 3000])
def test_a_search_that_finds_nothing_says_so(corpus, client, query):
    archive = client.get("/archive/", {"q": query})
    assert titles(archive) == []
    assert NO_RESULT_ARCHIVE in archive.content.decode()
    tracker = client.get("/decisions/", {"q": query})
    assert decisions_shown(tracker) == []
    assert NO_RESULT_TRACKER in tracker.content.decode()


# --- PostgreSQL: the SQL, the plan and the indexes ----------------------------------------------


def _search_queries(client, url: str, query: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, {"q": query}).status_code == 200
    return [q["sql"] for q in captured.captured_queries if "to_tsquery" in q["sql"]]


@postgres_only
@pytest.mark.parametrize(
    ("url", "table"),
    [("/archive/", "portal_publisheddocument"), ("/decisions/", "portal_publicdecision")],
)
def test_the_pages_search_the_stored_vector(corpus, client, url, table):
    queries = _search_queries(client, url, "مدارس")
    assert queries, "the search runs a full-text query"
    expression = f'"{table}"."search_vector" @@ '
    for sql in queries:
        assert expression in sql
        assert "to_tsquery('simple'::regconfig, '''مدارس'':*')" in sql
        assert "LIKE" not in sql
        # The text is not parsed again at query time: the vector is stored.
        assert "to_tsvector" not in sql


@postgres_only
def test_the_anonymous_api_searches_the_portal_index_column(corpus):
    anonymous = APIClient()
    minutes = _search_queries(anonymous, f"{API}/minutes/", "مدارس")
    decisions = _search_queries(anonymous, f"{API}/decisions/", "مدارس")
    assert minutes and decisions
    assert all('"portal_publisheddocument"."search_vector" @@ ' in sql for sql in minutes)
    assert all('"portal_publicdecision"."search_vector" @@ ' in sql for sql in decisions)


def _bulk_index(corpus: Minutes, documents: int, decisions: int) -> None:
    """``documents`` more indexed revisions with ``decisions`` decisions each, of varied
    text, written directly, so that the planner has tables worth an index."""
    document = PublishedDocument.objects.get(minutes=corpus)
    revisions = Minutes.objects.bulk_create(
        Minutes(meeting=corpus.meeting, revision=100 + n, status=Minutes.Status.DRAFT)
        for n in range(documents)
    )
    rows = PublishedDocument.objects.bulk_create(
        PublishedDocument(
            minutes=revision,
            committee_id=document.committee_id,
            workgroup_id=document.workgroup_id,
            meeting_id=document.meeting_id,
            document_id=f"BULK-{n}",
            revision=revision.revision,
            # As in real life, a few revisions were corrected since.
            is_latest=n % 50 != 0,
            title=f"جلسه {n}",
            body_name=document.body_name,
            meeting_number=1,
            jalali_year=1405,
            meeting_starts_at=document.meeting_starts_at,
            meeting_date=document.meeting_date,
            published_at=document.published_at,
            search_text=search_key(
                " ".join(f"واژه{(n * 31 + k * 7919) % 5000}" for k in range(60))
            ),
        )
        for n, revision in enumerate(revisions)
    )
    PublicDecision.objects.bulk_create(
        PublicDecision(
            document=rows[n % documents],
            committee_id=document.committee_id,
            meeting_id=document.meeting_id,
            number=n,
            text=f"مصوبه {n}",
            status_at_publication="open",
            meeting_date=document.meeting_date,
            search_text=search_key(
                " ".join(f"واژه{(n * 17 + k * 7919) % 5000}" for k in range(15))
            ),
        )
        for n in range(documents * decisions)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE portal_publisheddocument")
        cursor.execute("ANALYZE portal_publicdecision")


def _plan(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


@postgres_only
@pytest.mark.parametrize(
    ("filterset", "model", "index"),
    [
        (ArchiveFilter, PublishedDocument, "portal_doc_search_fts"),
        (TrackerFilter, PublicDecision, "portal_decision_search_fts"),
    ],
)
def test_the_search_filter_is_served_by_its_gin_index(corpus, filterset, model, index):
    """The filter's expression is the index's: with sequential scans off, and nothing else
    to narrow the rows, the planner reads the GIN index."""
    # Without the list's order, whose index the planner may walk instead on a small table.
    queryset = filterset({"q": "مدارس برنامه"}, queryset=model.objects.all()).qs.order_by()
    with connection.cursor() as cursor:
        # Statistics of this test's rows, not of a larger corpus an earlier test analysed.
        cursor.execute(f"ANALYZE {model._meta.db_table}")
        cursor.execute("SET LOCAL enable_seqscan = off")
    assert f"Bitmap Index Scan on {index}" in queryset.explain()


@postgres_only
@pytest.mark.parametrize(
    ("url", "index", "documents", "decisions"),
    [
        ("/archive/", "portal_doc_search_fts", 8000, 0),
        ("/decisions/", "portal_decision_search_fts", 1000, 3),
    ],
)
def test_the_search_of_the_pages_uses_the_gin_index(
    corpus, client, url, index, documents, decisions
):
    _bulk_index(corpus, documents, decisions)
    queries = _search_queries(client, url, "ترافیک مدارس")
    # The bounded count, the page's keys and the page's rows (portal/paging.py).
    assert len(queries) == 3, "the count of the paginator, the page's keys and its rows"
    plans = [_plan(sql) for sql in queries]
    for plan in plans:
        # Never the text parsed again row by row: the stored vector is matched.
        assert "to_tsvector" not in plan, plan
        assert "search_vector @@ " in plan, plan
    # The count, which has nothing else to narrow the rows with, reads the GIN index (the
    # page may walk the index of its order instead, which the planner may find cheaper).
    assert f"Bitmap Index Scan on {index}" in plans[0], plans[0]
    # The rows written above are found through the index.
    found = client.get(url, {"q": "واژه4999"})
    assert titles(found) if url == "/archive/" else decisions_shown(found)


@postgres_only
def test_the_migration_created_the_gin_indexes():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN "
            "('portal_doc_search_fts', 'portal_decision_search_fts') ORDER BY indexname"
        )
        indexes = dict(cursor.fetchall())
    assert set(indexes) == {"portal_doc_search_fts", "portal_decision_search_fts"}
    for definition in indexes.values():
        assert "USING gin (search_vector)" in definition
    assert "ON public.portal_publisheddocument " in indexes["portal_doc_search_fts"]
    assert "ON public.portal_publicdecision " in indexes["portal_decision_search_fts"]


@postgres_only
def test_the_index_operation_is_reversible():
    operation = migration.SearchVectorTrigger(
        table="portal_publicdecision", name="portal_decision_search_fts"
    )

    def exists() -> bool:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM pg_indexes WHERE indexname = 'portal_decision_search_fts'"
            )
            return cursor.fetchone() is not None

    with connection.schema_editor() as editor:
        operation.database_backwards("portal", editor, None, None)
    assert not exists()
    with connection.schema_editor() as editor:
        operation.database_forwards("portal", editor, None, None)
    assert exists()


# --- the migration, on both databases ----------------------------------------------------------


class _RecordingEditor:
    """A stand-in schema editor that records the SQL it is given."""

    def __init__(self, vendor: str):
        self.connection = SimpleNamespace(vendor=vendor, alias="default")
        self.statements: list[str] = []

    @staticmethod
    def quote_name(name: str) -> str:
        return f'"{name}"'

    def execute(self, sql: str) -> None:
        self.statements.append(sql)


def test_the_vector_operation_only_acts_on_postgresql():
    operation = migration.SearchVectorTrigger(table="portal_publisheddocument", name="doc_fts")
    sqlite = _RecordingEditor("sqlite")
    operation.database_forwards("portal", sqlite, None, None)
    operation.database_backwards("portal", sqlite, None, None)
    assert sqlite.statements == []
    postgres = _RecordingEditor("postgresql")
    operation.database_forwards("portal", postgres, None, None)
    forwards = list(postgres.statements)
    assert "to_tsvector('simple'::regconfig, coalesce(NEW.search_text, ''))" in forwards[0]
    assert forwards[1].startswith('CREATE TRIGGER "doc_fts_trigger" BEFORE INSERT OR UPDATE')
    assert forwards[2].startswith('UPDATE "portal_publisheddocument" SET search_vector')
    assert forwards[3] == (
        'CREATE INDEX IF NOT EXISTS "doc_fts" ON "portal_publisheddocument" '
        "USING gin (search_vector)"
    )
    operation.database_backwards("portal", postgres, None, None)
    assert postgres.statements[4:] == [
        'DROP INDEX IF EXISTS "doc_fts"',
        'DROP TRIGGER IF EXISTS "doc_fts_trigger" ON "portal_publisheddocument"',
    ]
    assert operation.deconstruct()[2]["name"] == "doc_fts"


@postgres_only
def test_the_trigger_keeps_the_vector_equal_to_the_text(corpus):
    """Every write path sets the vector: a queryset update and a save."""
    document = PublishedDocument.objects.get(minutes=corpus)

    def vector() -> str:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT search_vector::text FROM portal_publisheddocument WHERE id = %s",
                [document.pk],
            )
            return cursor.fetchone()[0]

    assert "'مدارس'" in vector()
    PublishedDocument.objects.filter(pk=document.pk).update(search_text="واژه تازه")
    assert vector() == "'تازه':2 'واژه':1"
    document.refresh_from_db()
    document.search_text = "سخن دیگر"
    document.save()
    assert vector() == "'دیگر':2 'سخن':1"


def test_the_migration_recomputes_the_search_keys_in_place(corpus, client):
    # As the index was before: the folded text only, without the pieces of compound words.
    document = PublishedDocument.objects.get(minutes=corpus)
    PublishedDocument.objects.filter(pk=document.pk).update(
        search_text=normalize(f"{TITLE} {SUMMARY}")
    )
    PublicDecision.objects.filter(document=document).update(search_text=normalize(DECISION))
    ids = set(PublishedDocument.objects.values_list("pk", flat=True))

    migration.recompute_search_keys(apps, SimpleNamespace(connection=connection))

    document.refresh_from_db()
    assert document.search_text == document_search_text(corpus.snapshot)
    (decision,) = PublicDecision.objects.filter(document=document)
    (entry,) = corpus.snapshot["decisions"]
    assert decision.search_text == public_decision_search_text(
        entry, document.title, document.body_name, document.document_id
    )
    assert set(PublishedDocument.objects.values_list("pk", flat=True)) == ids, "rows kept"
    assert titles(client.get("/archive/", {"q": "می شود"})) == [TITLE]
    assert decisions_shown(client.get("/decisions/", {"q": "راه اندازی"})) == [DECISION]
