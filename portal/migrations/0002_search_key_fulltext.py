"""Full-text search of the portal's index on PostgreSQL.

1. The search keys (``search_text``) of the published documents and public decisions are
   recomputed in place from ``Minutes.snapshot`` with :func:`persian.text.search_key`,
   which appends the pieces of words joined by a zero-width non-joiner or by punctuation
   (so «می شود» finds «می‌شود» by words). Only the one column changes; the rows stay, so
   the public pages never find the index empty.
2. GIN indexes on ``to_tsvector('simple'::regconfig, search_text)``, the expression the
   search filters with (minutes.filters.SimpleTsVector), are created on PostgreSQL only;
   elsewhere (SQLite) the operation does nothing. They are database-only: the models'
   state does not change, so ``makemigrations`` has nothing to add.
"""

from __future__ import annotations

from django.db import migrations
from django.db.migrations.operations.base import Operation

BATCH = 500


class FullTextIndex(Operation):
    """A GIN index on ``to_tsvector('<config>'::regconfig, <column>)`` of ``table``, on
    PostgreSQL only; reversible."""

    reduces_to_sql = True
    reversible = True

    def __init__(self, table: str, name: str, column: str = "search_text", config: str = "simple"):
        self.table = table
        self.name = name
        self.column = column
        self.config = config

    def deconstruct(self):
        return (
            self.__class__.__qualname__,
            [],
            {"table": self.table, "name": self.name, "column": self.column, "config": self.config},
        )

    def state_forwards(self, app_label, state):
        # Database-only index: the model state does not change.
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        quote = schema_editor.quote_name
        config = self.config.replace("'", "''")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(self.name)} ON {quote(self.table)} "
            f"USING gin (to_tsvector('{config}'::regconfig, {quote(self.column)}))"
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(self.name)}")

    def describe(self):
        return f"Full-text GIN index {self.name} on {self.table}.{self.column} (PostgreSQL)"


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
        # The old keys are a prefix of the new ones and still serve the substring search:
        # going back leaves them as they are.
        migrations.RunPython(recompute_search_keys, migrations.RunPython.noop, elidable=True),
        FullTextIndex(table="portal_publisheddocument", name="portal_doc_search_fts"),
        FullTextIndex(table="portal_publicdecision", name="portal_decision_search_fts"),
    ]
