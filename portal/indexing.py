"""The portal's index of what was published, filled from ``Minutes.snapshot``.

Two ways in, both idempotent, so an entry is made exactly once whichever comes first:

* :func:`ensure_index`, called at the top of every public list, page and feed, indexes
  any published revision still lacking an entry. When the index is complete it costs one
  query. The portal sits above minutes, so publishing does not call it (no signals for
  core logic; the higher layer calls the lower one): the first public request after a
  publication indexes it;
* ``manage.py portal_reindex`` rebuilds everything.

Only the latest published revision of a meeting carries :class:`PublicDecision` rows:
the tracker shows the decisions as last published, never those of an open correction.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef

from committee.models import District, Organization
from minutes.models import Decision, Minutes
from minutes.publication.record import PublishedRecord, RecordDecision, RecordPerson, as_record
from persian.jalali import tehran_localtime
from persian.text import search_key
from portal import cache as page_cache
from portal.models import PublicDecision, PublishedDocument

logger = logging.getLogger(__name__)


def _person_texts(person: RecordPerson | None) -> list[str]:
    if person is None:
        return []
    return [person.name, person.post, person.organization]


def _decision_texts(decision: RecordDecision) -> list[str]:
    person = decision.responsible_person or RecordPerson()
    return [decision.text, person.name, person.organization, decision.responsible_organization]


def _decision(decision: RecordDecision | Mapping[str, Any]) -> RecordDecision:
    if isinstance(decision, RecordDecision):
        return decision
    return RecordDecision.from_json(decision)


def document_search_text(snapshot: PublishedRecord | Mapping[str, Any]) -> str:
    """The search key (:func:`persian.text.search_key`) a search goes through: titles,
    summary, public agenda items (with questions and answers), public decisions, names
    and the document id."""
    record = as_record(snapshot)
    texts: list[str] = [
        record.document_id,
        record.body.name,
        record.meeting.title,
        record.meeting.location,
        record.summary,
        record.correction_reason,
    ]
    for item in record.agenda:
        texts += [item.title, item.description, item.discussion, item.answer]
        texts += _person_texts(item.presenter)
        question = item.question
        if question is not None:
            texts += [question.title, question.text]
            texts += _person_texts(question.author)
    for decision in record.decisions:
        texts += _decision_texts(decision)
    return search_key(" \n ".join(t for t in texts if t))


def decision_search_text(decision: RecordDecision | Mapping[str, Any]) -> str:
    """The search key of a decision of a snapshot: its text and who carries it out."""
    return search_key(" ".join(filter(None, _decision_texts(_decision(decision)))))


def public_decision_search_text(
    decision: RecordDecision | Mapping[str, Any], title: str, body_name: str, document_id: str
) -> str:
    """The search key of a :class:`PublicDecision`: the decision, and the title, body and
    id of the published document it belongs to."""
    texts = _decision_texts(_decision(decision))
    return search_key(" ".join(filter(None, [*texts, title, body_name, document_id])))


def _document_fields(minutes: Minutes) -> dict[str, Any]:
    record = PublishedRecord.from_json(minutes.snapshot)
    meeting = record.meeting
    starts_at = meeting.starts_instant or minutes.meeting.starts_at
    return {
        "committee_id": minutes.meeting.committee_id,
        "workgroup_id": minutes.meeting.workgroup_id,
        "meeting_id": minutes.meeting_id,
        "document_id": minutes.document_id or record.document_id,
        "revision": minutes.revision,
        "title": meeting.title,
        "body_name": record.body.name,
        "meeting_number": meeting.number or 0,
        "jalali_year": meeting.jalali_year or 0,
        "meeting_starts_at": starts_at,
        "meeting_date": tehran_localtime(starts_at).date(),
        "published_at": minutes.published_at or record.published_instant,
        "summary": record.summary,
        "correction_reason": record.correction_reason,
        "decision_count": len(record.decisions),
        "search_text": document_search_text(record),
    }


def _organization_ids(names: Iterable[str]) -> dict[str, int]:
    wanted = {name for name in names if name}
    if not wanted:
        return {}
    ids: dict[str, int] = {}
    for pk, name in (
        Organization.objects.filter(name__in=wanted).order_by("pk").values_list("pk", "name")
    ):
        ids.setdefault(name, pk)
    return ids


def public_decision_rows(
    document: PublishedDocument,
    entries: Sequence[RecordDecision],
    live: set[int],
    organizations: dict[str, int],
) -> list[PublicDecision]:
    """Unsaved index rows for the published decisions ``entries`` of ``document``; ``live``
    holds the ids of the decisions that still exist, ``organizations`` ids by name."""
    rows = []
    for entry in entries:
        person = entry.responsible_person or RecordPerson()
        rows.append(
            PublicDecision(
                document=document,
                decision_id=entry.id if entry.id in live else None,
                committee_id=document.committee_id,
                workgroup_id=document.workgroup_id,
                meeting_id=document.meeting_id,
                number=entry.number or 0,
                text=entry.text,
                responsible_person=person.name,
                responsible_person_post=person.post,
                responsible_organization=entry.responsible_organization,
                organization_id=organizations.get(entry.responsible_organization_name),
                deadline=entry.deadline_day,
                status_at_publication=entry.status or Decision.Status.OPEN,
                meeting_date=document.meeting_date,
                search_text=public_decision_search_text(
                    entry, document.title, document.body_name, document.document_id
                ),
            )
        )
    return rows


def _rebuild_decisions(document: PublishedDocument, record: PublishedRecord) -> None:
    """Replace the meeting's public decisions with those of ``document``'s record."""
    PublicDecision.objects.filter(meeting_id=document.meeting_id).delete()
    entries = record.decisions
    ids = [entry.id for entry in entries if entry.id]
    live = set(
        Decision.objects.filter(pk__in=ids, meeting_id=document.meeting_id).values_list(
            "pk", flat=True
        )
    )
    organizations = _organization_ids(e.responsible_organization_name for e in entries)
    rows = PublicDecision.objects.bulk_create(
        public_decision_rows(document, entries, live, organizations)
    )
    _link_districts(document, entries, rows)


def _link_districts(
    document: PublishedDocument, entries: Sequence[RecordDecision], rows: Sequence[PublicDecision]
) -> None:
    """The districts the record names for each decision, matched by name in the committee's
    list (a district renamed or removed since publication is not matched)."""
    wanted = {name for entry in entries for name in entry.districts}
    if not wanted:
        return
    ids = dict(
        District.objects.filter(committee_id=document.committee_id, name__in=wanted).values_list(
            "name", "pk"
        )
    )
    through = PublicDecision.districts.through
    through.objects.bulk_create(
        through(publicdecision_id=row.pk, district_id=ids[name])
        for entry, row in zip(entries, rows, strict=True)
        for name in dict.fromkeys(entry.districts)
        if name in ids
    )


def _make_latest_if_newest(document: PublishedDocument, record: PublishedRecord) -> None:
    """When ``document`` is the meeting's highest published revision, mark it the latest
    and give it the meeting's public decisions (an older revision indexed late, by the
    backfill, changes nothing)."""
    others = PublishedDocument.objects.filter(meeting_id=document.meeting_id).exclude(
        pk=document.pk
    )
    if others.filter(revision__gt=document.revision).exists():
        return
    others.filter(is_latest=True).update(is_latest=False)
    PublishedDocument.objects.filter(pk=document.pk).update(is_latest=True)
    document.is_latest = True
    _rebuild_decisions(document, record)


def index_minutes(minutes: Minutes) -> PublishedDocument | None:
    """Index one published revision (nothing for other states); safe to call again."""
    if minutes.status != Minutes.Status.PUBLISHED or not minutes.snapshot:
        return None
    existing = PublishedDocument.objects.filter(minutes_id=minutes.pk).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            document = PublishedDocument.objects.create(
                minutes=minutes, is_latest=False, **_document_fields(minutes)
            )
            _make_latest_if_newest(document, PublishedRecord.from_json(minutes.snapshot))
    except IntegrityError:
        # Indexed meanwhile by a concurrent request.
        return PublishedDocument.objects.filter(minutes_id=minutes.pk).first()
    return document


def missing() -> list[Minutes]:
    """Published revisions without an entry (one query)."""
    unindexed = Minutes.objects.filter(
        ~Exists(PublishedDocument.objects.filter(minutes_id=OuterRef("pk"))),
        status=Minutes.Status.PUBLISHED,
        snapshot__isnull=False,
    )
    return list(unindexed.select_related("meeting").order_by("meeting_id", "revision"))


# The record's version at which the index was last found complete (portal/cache.py).
COMPLETE_KEY = "portal-index-complete"


def check_seconds() -> int:
    """PORTAL_INDEX_CHECK_SECONDS (DJANGO_PORTAL_INDEX_CHECK_SECONDS, config/settings.py)."""
    return settings.PORTAL_INDEX_CHECK_SECONDS


def ensure_index() -> int:
    """Index what is missing; returns how many revisions were indexed.

    The search for missing revisions (an anti-join over every published revision, which
    grows with the record) runs only when the record's version (portal/cache.py
    ``record_version``) has changed since the index was last found complete, since a
    publication writes an audit entry; otherwise it costs the one version query. This
    holds whether or not the public pages are cached; the finding is kept
    PORTAL_INDEX_CHECK_SECONDS (0: look on every request)."""
    seconds = check_seconds()
    gated = seconds > 0
    if gated:
        version = page_cache.record_version()
        if cache.get(COMPLETE_KEY) == version:
            return 0
    todo = missing()
    for minutes in todo:
        index_minutes(minutes)
    if gated:
        cache.set(COMPLETE_KEY, version, seconds)
    return len(todo)


@transaction.atomic
def rebuild_index() -> int:
    """Drop and rebuild the whole index from the snapshots."""
    PublicDecision.objects.all().delete()
    PublishedDocument.objects.all().delete()
    return ensure_index()
