"""Full-text search of the portal's index on PostgreSQL.

1. A ``search_vector`` column beside each ``search_text`` (a ``tsvector``; on SQLite a
   column that stays empty). On PostgreSQL a trigger keeps it equal to
   ``to_tsvector('simple', search_text)`` on every insert and update — including COPY —
   so no code writes it, and a GIN index serves the search. The vector is stored, not
   recomputed: a query whose word is in most rows (the planner then reads the whole
   table) checks stored vectors instead of parsing every row's text again.
2. The search keys (``search_text``) are recomputed in place from ``Minutes.snapshot``
   with :func:`persian.text.search_key`, which appends the pieces of words joined by a
   zero-width non-joiner or by punctuation (so «می شود» finds «می‌شود» by words). Only the
   one column changes; the rows stay, so the public pages never find the index empty.
"""

from __future__ import annotations

from django.db import migrations

import portal.fields
from django.db.migrations.operations.base import Operation

BATCH = 500


class SearchVectorTrigger(Operation):
    """On PostgreSQL only, reversibly: a trigger that sets ``<table>.search_vector`` to
    ``to_tsvector('simple', search_text)`` before every insert and update, the vectors of
    the rows already there, and a GIN index ``name`` on the column."""

    reduces_to_sql = True
    reversible = True
    function = "portal_search_vector"

    def __init__(self, table: str, name: str):
        self.table = table
        self.name = name

    def deconstruct(self):
        return (self.__class__.__qualname__, [], {"table": self.table, "name": self.name})

    def state_forwards(self, app_label, state):
        # Database-only: the column itself is an ordinary AddField before this.
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        quote = schema_editor.quote_name
        schema_editor.execute(
            f"CREATE OR REPLACE FUNCTION {self.function}() RETURNS trigger AS $$ "
            "BEGIN NEW.search_vector := to_tsvector('simple'::regconfig, "
            "coalesce(NEW.search_text, '')); RETURN NEW; END $$ LANGUAGE plpgsql"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {quote(self.name + '_trigger')} BEFORE INSERT OR UPDATE "
            f"ON {quote(self.table)} FOR EACH ROW EXECUTE FUNCTION {self.function}()"
        )
        schema_editor.execute(
            f"UPDATE {quote(self.table)} "
            "SET search_vector = to_tsvector('simple'::regconfig, coalesce(search_text, ''))"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(self.name)} ON {quote(self.table)} "
            "USING gin (search_vector)"
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        quote = schema_editor.quote_name
        schema_editor.execute(f"DROP INDEX IF EXISTS {quote(self.name)}")
        schema_editor.execute(
            f"DROP TRIGGER IF EXISTS {quote(self.name + '_trigger')} ON {quote(self.table)}"
        )

    def describe(self):
        return f"Search vector trigger and GIN index {self.name} on {self.table} (PostgreSQL)"


def _pairs(rows: list[tuple[int, int]], entries: list[dict]) -> list[tuple[int, dict]]:
    """Each index row (pk, number) of a document with its snapshot entry. The rows were
    created from the entries in their order, so they pair by position; by number if the
    counts ever differ (a row without its entry keeps its key)."""
    if len(rows) == len(entries):
        return [(pk, entry) for (pk, _number), entry in zip(rows, entries, strict=True)]
    by_number = {entry.get("number") or 0: entry for entry in entries}
    return [(pk, by_number[number]) for pk, number in rows if number in by_number]


def recompute_search_keys(apps, schema_editor):
    from portal.indexing import document_search_text, public_decision_search_text

    db = schema_editor.connection.alias
    PublishedDocument = apps.get_model("portal", "PublishedDocument")
    PublicDecision = apps.get_model("portal", "PublicDecision")
    documents = (
        PublishedDocument.objects.using(db)
        .order_by("pk")
        .values_list("pk", "minutes__snapshot", "title", "body_name", "document_id")
    )
    last = 0
    while batch := list(documents.filter(pk__gt=last)[:BATCH]):
        last = batch[-1][0]
        changed_documents = []
        headers: dict[int, tuple[list[dict], str, str, str]] = {}
        for pk, snapshot, title, body_name, document_id in batch:
            snapshot = snapshot or {}
            changed_documents.append(
                PublishedDocument(pk=pk, search_text=document_search_text(snapshot))
            )
            headers[pk] = (snapshot.get("decisions") or [], title, body_name, document_id)
        PublishedDocument.objects.using(db).bulk_update(
            changed_documents, ["search_text"], batch_size=BATCH
        )
        rows: dict[int, list[tuple[int, int]]] = {}
        for pk, document, number in (
            PublicDecision.objects.using(db)
            .filter(document_id__in=list(headers))
            .order_by("document_id", "pk")
            .values_list("pk", "document_id", "number")
        ):
            rows.setdefault(document, []).append((pk, number))
        changed_decisions = []
        for document, document_rows in rows.items():
            entries, title, body_name, document_id = headers[document]
            for pk, entry in _pairs(document_rows, entries):
                key = public_decision_search_text(entry, title, body_name, document_id)
                changed_decisions.append(PublicDecision(pk=pk, search_text=key))
        PublicDecision.objects.using(db).bulk_update(
            changed_decisions, ["search_text"], batch_size=BATCH
        )


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="publisheddocument",
            name="search_vector",
            field=portal.fields.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="publicdecision",
            name="search_vector",
            field=portal.fields.SearchVectorField(editable=False, null=True),
        ),
        SearchVectorTrigger(table="portal_publisheddocument", name="portal_doc_search_fts"),
        SearchVectorTrigger(table="portal_publicdecision", name="portal_decision_search_fts"),
        # The old keys are a prefix of the new ones and still serve the substring search:
        # going back leaves them as they are. (The triggers refresh the vectors.)
        migrations.RunPython(recompute_search_keys, migrations.RunPython.noop, elidable=True),
    ]
