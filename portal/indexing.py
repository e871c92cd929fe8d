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

import datetime
import logging
from collections.abc import Iterable
from typing import Any

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef

from committee.models import Organization
from minutes.models import Decision, Minutes
from persian.jalali import tehran_localtime
from persian.text import search_key
from portal import cache as page_cache
from portal.models import PublicDecision, PublishedDocument

logger = logging.getLogger(__name__)


def _instant(value: str | None) -> datetime.datetime | None:
    return datetime.datetime.fromisoformat(value) if value else None


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _person_texts(person: dict | None) -> list[str]:
    if not person:
        return []
    return [person.get("name", ""), person.get("post", ""), person.get("organization", "")]


def _decision_texts(decision: dict[str, Any]) -> list[str]:
    person = decision.get("responsible_person") or {}
    return [
        decision.get("text", ""),
        person.get("name", ""),
        person.get("organization", ""),
        decision.get("responsible_organization") or "",
    ]


def document_search_text(snapshot: dict[str, Any]) -> str:
    """The search key (:func:`persian.text.search_key`) a search goes through: titles,
    summary, public agenda items (with questions and answers), public decisions, names
    and the document id."""
    meeting = snapshot.get("meeting") or {}
    texts: list[str] = [
        snapshot.get("document_id", ""),
        (snapshot.get("body") or {}).get("name", ""),
        meeting.get("title", ""),
        meeting.get("location", ""),
        snapshot.get("summary", ""),
        snapshot.get("correction_reason", ""),
    ]
    for item in snapshot.get("agenda") or []:
        texts += [item.get(key) or "" for key in ("title", "description", "discussion", "answer")]
        texts += _person_texts(item.get("presenter"))
        question = item.get("question") or {}
        texts += [question.get("title", ""), question.get("text", "")]
        texts += _person_texts(question.get("author"))
    for decision in snapshot.get("decisions") or []:
        texts += _decision_texts(decision)
    return search_key(" \n ".join(t for t in texts if t))


def decision_search_text(decision: dict[str, Any]) -> str:
    """The search key of a decision of a snapshot: its text and who carries it out."""
    return search_key(" ".join(filter(None, _decision_texts(decision))))


def public_decision_search_text(
    decision: dict[str, Any], title: str, body_name: str, document_id: str
) -> str:
    """The search key of a :class:`PublicDecision`: the decision, and the title, body and
    id of the published document it belongs to."""
    return search_key(
        " ".join(filter(None, [*_decision_texts(decision), title, body_name, document_id]))
    )


def _document_fields(minutes: Minutes) -> dict[str, Any]:
    snapshot = minutes.snapshot or {}
    meeting = snapshot.get("meeting") or {}
    starts_at = _instant(meeting.get("starts_at")) or minutes.meeting.starts_at
    return {
        "committee_id": minutes.meeting.committee_id,
        "workgroup_id": minutes.meeting.workgroup_id,
        "meeting_id": minutes.meeting_id,
        "document_id": minutes.document_id or snapshot.get("document_id"),
        "revision": minutes.revision,
        "title": meeting.get("title", ""),
        "body_name": (snapshot.get("body") or {}).get("name", ""),
        "meeting_number": meeting.get("number") or 0,
        "jalali_year": meeting.get("jalali_year") or 0,
        "meeting_starts_at": starts_at,
        "meeting_date": tehran_localtime(starts_at).date(),
        "published_at": minutes.published_at or _instant(snapshot.get("published_at")),
        "summary": snapshot.get("summary", ""),
        "correction_reason": snapshot.get("correction_reason", ""),
        "decision_count": len(snapshot.get("decisions") or []),
        "search_text": document_search_text(snapshot),
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


def responsible_organization_name(entry: dict[str, Any]) -> str:
    """The organisation a published decision's filter goes by: the responsible
    organisation, or else the responsible person's."""
    person = entry.get("responsible_person") or {}
    return entry.get("responsible_organization") or person.get("organization") or ""


def public_decision_rows(
    document: PublishedDocument,
    entries: list[dict[str, Any]],
    live: set[int],
    organizations: dict[str, int],
) -> list[PublicDecision]:
    """Unsaved index rows for the published decisions ``entries`` of ``document``; ``live``
    holds the ids of the decisions that still exist, ``organizations`` ids by name."""
    rows = []
    for entry in entries:
        person = entry.get("responsible_person") or {}
        rows.append(
            PublicDecision(
                document=document,
                decision_id=entry.get("id") if entry.get("id") in live else None,
                committee_id=document.committee_id,
                workgroup_id=document.workgroup_id,
                meeting_id=document.meeting_id,
                number=entry.get("number") or 0,
                text=entry.get("text", ""),
                responsible_person=person.get("name", ""),
                responsible_person_post=person.get("post", ""),
                responsible_organization=entry.get("responsible_organization") or "",
                organization_id=organizations.get(responsible_organization_name(entry)),
                deadline=_day(entry.get("deadline")),
                status_at_publication=entry.get("status") or Decision.Status.OPEN,
                meeting_date=document.meeting_date,
                search_text=public_decision_search_text(
                    entry, document.title, document.body_name, document.document_id
                ),
            )
        )
    return rows


def _rebuild_decisions(document: PublishedDocument, snapshot: dict[str, Any]) -> None:
    """Replace the meeting's public decisions with those of ``document``'s snapshot."""
    PublicDecision.objects.filter(meeting_id=document.meeting_id).delete()
    entries = snapshot.get("decisions") or []
    ids = [entry["id"] for entry in entries if entry.get("id")]
    live = set(
        Decision.objects.filter(pk__in=ids, meeting_id=document.meeting_id).values_list(
            "pk", flat=True
        )
    )
    organizations = _organization_ids(responsible_organization_name(e) for e in entries)
    PublicDecision.objects.bulk_create(public_decision_rows(document, entries, live, organizations))


def _make_latest_if_newest(document: PublishedDocument, snapshot: dict[str, Any]) -> None:
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
    _rebuild_decisions(document, snapshot)


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
            _make_latest_if_newest(document, minutes.snapshot)
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


def ensure_index() -> int:
    """Index what is missing; returns how many revisions were indexed.

    With the page cache on, the search for missing revisions (an anti-join over every
    published revision) runs only when the record's version has changed since the index
    was last found complete, since a publication writes an audit entry; otherwise it
    costs the one version query."""
    gated = page_cache.cache_seconds() > 0
    if gated:
        version = page_cache.record_version()
        if cache.get(COMPLETE_KEY) == version:
            return 0
    todo = missing()
    for minutes in todo:
        index_minutes(minutes)
    if gated:
        cache.set(COMPLETE_KEY, version, page_cache.cache_seconds())
    return len(todo)


@transaction.atomic
def rebuild_index() -> int:
    """Drop and rebuild the whole index from the snapshots."""
    PublicDecision.objects.all().delete()
    PublishedDocument.objects.all().delete()
    return ensure_index()
