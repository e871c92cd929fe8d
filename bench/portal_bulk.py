"""Indexing many published revisions at once, for bulk loads (bench/seed.py).

:func:`portal.indexing.index_minutes` indexes one revision with a handful of queries,
which is right for the one publication a request sees; a load of tens of thousands of
revisions wants a few queries per thousand. :func:`bulk_index` builds the same rows from
the same snapshots with the same functions and writes them with
:func:`bench.bulkload.insert` (COPY on PostgreSQL, ``bulk_create`` elsewhere).
"""

from __future__ import annotations

from collections.abc import Sequence

from bench.bulkload import insert
from minutes.models import Decision, Minutes
from minutes.publication.record import PublishedRecord
from portal import indexing
from portal.models import PublicDecision, PublishedDocument


def bulk_index(minutes_list: Sequence[Minutes]) -> int:
    """Index published revisions that are each their meeting's only published revision
    and are not indexed yet (a fresh bulk load); returns the number of rows written.

    Refuses anything else — a meeting with several revisions needs the ordering logic of
    :func:`portal.indexing.index_minutes`."""
    published = [m for m in minutes_list if m.status == Minutes.Status.PUBLISHED and m.snapshot]
    if not published:
        return 0
    meeting_ids = [m.meeting_id for m in published]
    if (
        len(set(meeting_ids)) != len(meeting_ids)
        or PublishedDocument.objects.filter(meeting_id__in=meeting_ids).exists()
    ):
        raise ValueError("bulk_index indexes only meetings with one, unindexed, revision")
    documents = [
        PublishedDocument(minutes=m, is_latest=True, **indexing._document_fields(m))
        for m in published
    ]
    insert(PublishedDocument, documents)
    entries = {
        d.meeting_id: PublishedRecord.from_json(m.snapshot).decisions
        for d, m in zip(documents, published, strict=True)
    }
    ids = [e.id for rows in entries.values() for e in rows if e.id]
    live = set(Decision.objects.filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()
    organizations = indexing._organization_ids(
        e.responsible_organization_name for rows in entries.values() for e in rows
    )
    rows = [
        row
        for document in documents
        for row in indexing.public_decision_rows(
            document, entries[document.meeting_id], live, organizations
        )
    ]
    insert(PublicDecision, rows)
    return len(documents) + len(rows)
