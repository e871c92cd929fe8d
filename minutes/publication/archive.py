"""The archive of what was published: one zip file with every published revision's PDF and
a JSON manifest (metadata, frozen content and hashes), and its restoration.

It is not a backup. Import restores the publications only — the sealed PDFs, their frozen
snapshots and the meetings they belong to — not the decisions, follow-ups and current
statuses as rows, nor people, users or attachments: after an import the archive pages and
the PDFs are back, but the tracker and the API's decisions are not. The backup of an
installation is ``manage.py backup`` / ``restore`` (committee/backup.py, docs/deploy.md).

Export reads only published revisions; import restores them into a database that has no
minutes yet, re-creating the committee, workgroups and meetings they belong to. Before
anything is written it checks every PDF against its recorded SHA-256 and every entry as the
services would have (document ids, revisions and corrections, statuses, the order of
dates, decision deadlines and follow-ups); each row is then validated (``full_clean``) as it
is written. One transaction: a bad archive changes nothing, and the error names the entry
and the field.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import zipfile
import zlib
from pathlib import Path
from typing import Any

from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from committee.models import Committee
from minutes.models import Decision, Meeting, Minutes
from minutes.publication.record import PublishedRecord, RecordError
from minutes.publication.snapshot import document_id
from persian.jalali import jalali_year
from workgroups.models import Workgroup

FORMAT = "media-committee-archive"
VERSION = 1


class ArchiveError(Exception):
    """The archive cannot be written or restored; the message says why."""


def _iso(value: datetime.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _instant(value: str | None) -> datetime.datetime | None:
    return datetime.datetime.fromisoformat(value) if value else None


def _entry(minutes: Minutes) -> dict[str, Any]:
    meeting = minutes.meeting
    workgroup = meeting.workgroup
    return {
        "document_id": minutes.document_id,
        "sha256": minutes.sha256,
        "size": minutes.pdf_size,
        "file": f"pdf/{minutes.document_id}.pdf",
        "revision": minutes.revision,
        "corrects": minutes.corrects.document_id if minutes.corrects_id else None,
        "correction_reason": minutes.correction_reason,
        "approved_at": _iso(minutes.approved_at),
        "published_at": _iso(minutes.published_at),
        "committee": {
            "slug": meeting.committee.slug,
            "name": meeting.committee.name,
            "municipality": meeting.committee.municipality,
            "city": meeting.committee.city,
        },
        "workgroup": (
            {
                "slug": workgroup.slug,
                "name": workgroup.name,
                "short_name": workgroup.short_name,
                "order": workgroup.order,
            }
            if workgroup
            else None
        ),
        "meeting": {
            "number": meeting.number,
            "jalali_year": meeting.jalali_year,
            "title": meeting.title,
            "starts_at": _iso(meeting.starts_at),
            "ends_at": _iso(meeting.ends_at),
            "location": meeting.location,
        },
        "snapshot": minutes.snapshot,
    }


def export_archive(path: Path) -> int:
    """Write every published revision that has its PDF into ``path``. Returns the count."""
    published = (
        Minutes.objects.filter(status=Minutes.Status.PUBLISHED)
        .exclude(sha256="")
        .select_related("meeting__committee", "meeting__workgroup", "corrects")
        .order_by("published_at", "pk")
    )
    entries = []
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for minutes in published:
            with minutes.pdf.open("rb") as handle:
                data = handle.read()
            if hashlib.sha256(data).hexdigest() != minutes.sha256:
                raise ArchiveError(
                    f"The stored PDF of {minutes.document_id} does not match its SHA-256."
                )
            entry = _entry(minutes)
            archive.writestr(entry["file"], data)
            entries.append(entry)
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": timezone.now().isoformat(),
            "documents": entries,
        }
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    return len(entries)


def _unsafe(name: str) -> bool:
    """A member or document name that could reach outside its folder when written."""
    return name.startswith("/") or "\\" in name or "\x00" in name or ".." in name.split("/")


def _read(path: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise ArchiveError(f"{path} is not a readable zip archive: {error}") from None
    with archive:
        try:
            manifest = json.loads(archive.read("manifest.json"))
        except (KeyError, ValueError, zipfile.BadZipFile, zlib.error) as error:
            raise ArchiveError(f"The archive has no valid manifest.json: {error}") from None
        if not isinstance(manifest, dict):
            raise ArchiveError("manifest.json: must be an object.")
        if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
            raise ArchiveError("This is not a media committee archive of a known version.")
        documents = manifest.get("documents")
        if not isinstance(documents, list):
            raise ArchiveError("manifest.json: documents must be a list.")
        files = {}
        for index, raw in enumerate(documents):
            entry = _Entry(index, raw)
            name, file = entry.get("document_id", str), entry.get("file", str)
            # Refused by name, before anything is read or written (a path traversal).
            for field, value in (("document_id", name), ("file", file)):
                if _unsafe(value):
                    raise entry.fail(field, f"{value!r} is an absolute path or leaves its folder.")
            try:
                data = archive.read(file)
            except KeyError:
                raise ArchiveError(f"{file} is missing from the archive.") from None
            # What zipfile raises for a damaged member (BadZipFile, zlib.error), an encrypted one
            # (RuntimeError) and an unsupported compression method (NotImplementedError).
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, zlib.error) as error:
                raise ArchiveError(f"{file} cannot be read from the archive: {error}") from None
            if hashlib.sha256(data).hexdigest() != entry.get("sha256", str):
                raise ArchiveError(f"{name}: the PDF does not match its SHA-256.")
            files[name] = data
    return manifest, files


@transaction.atomic
def import_archive(path: Path) -> int:
    """Restore an archive into a database without minutes. Returns how many revisions.

    Every entry is checked first as the services would have checked it (see
    :func:`_check_entry`), then every row is validated (``full_clean``) as it is written;
    the first fault names the entry and the field, and nothing is kept.
    """
    manifest, files = _read(path)
    if Minutes.objects.exists():
        raise ArchiveError("The database already holds minutes; restore into an empty one.")
    documents = manifest["documents"]  # a list: _read checked it
    earlier: dict[str, dict[str, Any]] = {}
    for index, entry in enumerate(documents):
        _check_entry(index, entry, files, earlier)
    restored: dict[str, Minutes] = {}
    try:
        for entry in documents:
            _restore(entry, files, restored)
    except BaseException:
        # The transaction rolls the rows back; take the files written so far with it.
        for minutes in restored.values():
            minutes.pdf.storage.delete(minutes.pdf.name)
        raise
    return len(restored)


# --- Checks --------------------------------------------------------------------------------

_MISSING = object()
SHA256 = re.compile(r"[0-9a-f]{64}")
# Recording may start an hour before the meeting's time (minutes.services.record_meeting).
EARLY = datetime.timedelta(hours=1)


class _Entry:
    """Reads the fields of one manifest entry, each fault an ArchiveError naming the entry
    and the field ("RASHT-WG2-1403-001-R1: meeting.starts_at: ...")."""

    def __init__(self, index: int, entry: Any):
        if not isinstance(entry, dict):
            raise ArchiveError(f"documents[{index}]: an entry must be an object.")
        self.data = entry
        document_id = entry.get("document_id")
        self.name = (
            document_id if isinstance(document_id, str) and document_id else (f"documents[{index}]")
        )

    def fail(self, field: str, message: str) -> ArchiveError:
        return ArchiveError(f"{self.name}: {field}: {message}")

    def get(self, field: str, kind: type | tuple[type, ...], *, required: bool = True) -> Any:
        value: Any = self.data
        for part in field.split("."):
            value = value.get(part, _MISSING) if isinstance(value, dict) else _MISSING
        if value is _MISSING or value is None:
            if required:
                raise self.fail(field, "missing.")
            return None
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise self.fail(field, f"{value!r} is not of the expected type.")
        return value

    def instant(self, field: str, *, required: bool = True) -> datetime.datetime | None:
        text = self.get(field, str, required=required)
        if text is None:
            return None
        try:
            value = datetime.datetime.fromisoformat(text)
        except ValueError:
            raise self.fail(field, f"{text!r} is not an ISO 8601 date and time.") from None
        if timezone.is_naive(value):
            raise self.fail(field, f"{text!r} has no time zone.")
        return value

    def day(self, field: str, value: Any) -> datetime.date | None:
        if value in (None, ""):
            return None
        try:
            return datetime.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise self.fail(field, f"{value!r} is not an ISO 8601 date.") from None


def _check_entry(
    index: int, raw: Any, files: dict[str, bytes], earlier: dict[str, dict[str, Any]]
) -> None:
    """What the services guarantee of a published revision, checked before anything is
    written: consistent ids, hashes, revisions and statuses; times in order; decision
    deadlines not before the meeting; follow-ups between the meeting and today."""
    entry = _Entry(index, raw)
    document_id = entry.get("document_id", str)
    if document_id in earlier:
        raise entry.fail("document_id", "appears twice in the archive.")
    sha256 = entry.get("sha256", str)
    if not SHA256.fullmatch(sha256):
        raise entry.fail("sha256", "is not a SHA-256 digest (64 hexadecimal digits).")
    if entry.get("file", str) != f"pdf/{document_id}.pdf":
        raise entry.fail("file", f"should be pdf/{document_id}.pdf.")
    data = files[document_id]
    size = entry.get("size", int, required=False)
    if size is not None and size != len(data):
        raise entry.fail("size", f"{size} does not match the PDF's {len(data)} bytes.")

    committee_slug = entry.get("committee.slug", str)
    for field in ("committee.name", "committee.municipality", "committee.city"):
        entry.get(field, str)
    if entry.get("workgroup", dict, required=False) is not None:
        for field in ("workgroup.slug", "workgroup.name", "workgroup.short_name"):
            entry.get(field, str)
        entry.get("workgroup.order", int)
    number = entry.get("meeting.number", int)
    year = entry.get("meeting.jalali_year", int)
    entry.get("meeting.title", str)
    entry.get("meeting.location", str)
    starts_at = entry.instant("meeting.starts_at")
    ends_at = entry.instant("meeting.ends_at", required=False)
    if ends_at is not None and ends_at <= starts_at:
        raise entry.fail("meeting.ends_at", "is not after the meeting's start.")
    if jalali_year(starts_at) != year:
        raise entry.fail("meeting.jalali_year", f"{year} is not the year of meeting.starts_at.")
    meeting_day = timezone.localtime(starts_at).date()

    approved_at = entry.instant("approved_at")
    published_at = entry.instant("published_at")
    if approved_at < starts_at - EARLY:
        raise entry.fail("approved_at", "is before the meeting.")
    if published_at < approved_at:
        raise entry.fail("published_at", "is before approved_at.")
    if published_at > timezone.now():
        raise entry.fail("published_at", "is in the future.")

    revision = entry.get("revision", int)
    corrects = entry.get("corrects", str, required=False)
    reason = entry.get("correction_reason", str, required=False) or ""
    if revision < 1:
        raise entry.fail("revision", "must be 1 or more.")
    if revision == 1 and (corrects or reason):
        raise entry.fail("corrects", "a first revision corrects nothing.")
    if revision > 1:
        previous = earlier.get(corrects or "")
        if previous is None:
            raise entry.fail("corrects", f"{corrects!r} is not an earlier entry of the archive.")
        same_meeting = (previous["committee"], previous["number"], previous["year"]) == (
            committee_slug,
            number,
            year,
        ) and previous["workgroup"] == entry.get("workgroup.slug", str, required=False)
        if not same_meeting or previous["revision"] != revision - 1:
            raise entry.fail(
                "corrects", f"{corrects} is not revision {revision - 1} of this meeting."
            )
        if published_at < previous["published_at"]:
            raise entry.fail("published_at", f"is before that of {corrects}, which it corrects.")
        if not reason.strip():
            raise entry.fail("correction_reason", "a correction must give its reason.")

    snapshot = entry.get("snapshot", dict)
    try:
        PublishedRecord.from_json(snapshot)
    except RecordError as error:
        raise entry.fail("snapshot.schema", str(error)) from None
    expected = {
        "snapshot.document_id": document_id,
        "snapshot.revision": revision,
        "snapshot.status": Minutes.Status.PUBLISHED,
        "snapshot.meeting.number": number,
        "snapshot.meeting.jalali_year": year,
        "snapshot.committee.slug": committee_slug,
    }
    for field, value in expected.items():
        found = entry.get(field, type(value) if not isinstance(value, str) else str)
        if found != value:
            raise entry.fail(field, f"{found!r} does not match the entry's {value!r}.")
    _check_decisions(entry, snapshot, meeting_day)
    earlier[document_id] = {
        "committee": committee_slug,
        "workgroup": entry.get("workgroup.slug", str, required=False),
        "number": number,
        "year": year,
        "revision": revision,
        "published_at": published_at,
    }


def _check_decisions(entry: _Entry, snapshot: dict[str, Any], meeting_day: datetime.date) -> None:
    decisions = snapshot.get("decisions", [])
    if not isinstance(decisions, list):
        raise entry.fail("snapshot.decisions", "must be a list.")
    numbers: set[int] = set()
    today = timezone.localdate()
    for position, decision in enumerate(decisions):
        where = f"snapshot.decisions[{position}]"
        if not isinstance(decision, dict):
            raise entry.fail(where, "must be an object.")
        number = decision.get("number")
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            raise entry.fail(f"{where}.number", f"{number!r} is not a decision number.")
        if number in numbers:
            raise entry.fail(f"{where}.number", f"decision {number} appears twice.")
        numbers.add(number)
        if not str(decision.get("text") or "").strip():
            raise entry.fail(f"{where}.text", "a decision needs its text.")
        if decision.get("status") not in Decision.Status.values:
            raise entry.fail(f"{where}.status", f"{decision.get('status')!r} is not a status.")
        deadline = entry.day(f"{where}.deadline", decision.get("deadline"))
        if deadline is not None and deadline < meeting_day:
            raise entry.fail(f"{where}.deadline", "is before the meeting.")
        follow_ups = decision.get("follow_ups", [])
        if not isinstance(follow_ups, list):
            raise entry.fail(f"{where}.follow_ups", "must be a list.")
        for at, follow_up in enumerate(follow_ups):
            field = f"{where}.follow_ups[{at}]"
            if not isinstance(follow_up, dict):
                raise entry.fail(field, "must be an object.")
            date = entry.day(f"{field}.date", follow_up.get("date"))
            if date is None:
                raise entry.fail(f"{field}.date", "missing.")
            if date < meeting_day:
                raise entry.fail(f"{field}.date", "is before the meeting.")
            if date > today:
                raise entry.fail(f"{field}.date", "is in the future.")
            if follow_up.get("status") not in Decision.Status.values:
                raise entry.fail(f"{field}.status", f"{follow_up.get('status')!r} is not a status.")


# --- Writing -------------------------------------------------------------------------------


def _validated(obj, name: str, prefix: str, *, exclude: tuple[str, ...] = ()) -> None:
    """``full_clean`` of a row about to be restored, as an ArchiveError naming the field."""
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        where = prefix if field == "__all__" else f"{prefix}.{field}"
        raise ArchiveError(f"{name}: {where}: {' '.join(messages)}") from None


def _restore(entry: dict[str, Any], files: dict[str, bytes], restored: dict[str, Minutes]) -> None:
    name = entry["document_id"]
    data = files[name]
    meeting = _meeting(entry)
    minutes = Minutes(
        meeting=meeting,
        revision=entry["revision"],
        status=Minutes.Status.PUBLISHED,
        summary=PublishedRecord.from_json(entry["snapshot"]).summary,
        corrects=restored.get(entry["corrects"]) if entry["corrects"] else None,
        correction_reason=entry.get("correction_reason") or "",
        approved_at=_instant(entry["approved_at"]),
        published_at=_instant(entry["published_at"]),
        document_id=name,
        snapshot=entry["snapshot"],
        sha256=entry["sha256"],
        pdf_size=len(data),
    )
    expected = document_id(minutes)
    if expected != name:
        raise ArchiveError(f"{name}: document_id: the meeting and revision give {expected}.")
    _validated(minutes, name, "minutes", exclude=("pdf",))
    try:
        minutes.pdf.save(f"{name}.pdf", ContentFile(data), save=False)
    except SuspiciousFileOperation as error:
        raise ArchiveError(f"{name}: document_id: {error}") from None
    # Registered before the row is saved, so a failure below still removes the file.
    restored[name] = minutes
    minutes.save()


def _meeting(entry: dict[str, Any]) -> Meeting:
    name = entry["document_id"]
    data = entry["committee"]
    committee = Committee.objects.filter(slug=data["slug"]).first()
    if committee is None:
        committee = Committee(
            slug=data["slug"],
            name=data["name"],
            municipality=data["municipality"],
            city=data["city"],
        )
        _validated(committee, name, "committee")
        committee.save()
    workgroup = None
    if entry["workgroup"]:
        wg = entry["workgroup"]
        workgroup = Workgroup.objects.filter(committee=committee, slug=wg["slug"]).first()
        if workgroup is None:
            workgroup = Workgroup(
                committee=committee,
                slug=wg["slug"],
                name=wg["name"],
                short_name=wg["short_name"],
                order=wg["order"],
            )
            _validated(workgroup, name, "workgroup")
            workgroup.save()
    info = entry["meeting"]
    starts_at, ends_at = _instant(info["starts_at"]), _instant(info["ends_at"])
    meeting = (
        Meeting.objects.of_body(committee, workgroup)
        .filter(jalali_year=info["jalali_year"], number=info["number"])
        .first()
    )
    if meeting is not None:
        # An earlier revision of the same meeting restored it: it must be the same meeting.
        for field, value in (("title", info["title"]), ("starts_at", starts_at)):
            if getattr(meeting, field) != value:
                raise ArchiveError(
                    f"{name}: meeting.{field}: differs from the same meeting in another entry."
                )
        return meeting
    meeting = Meeting(
        committee=committee,
        workgroup=workgroup,
        number=info["number"],
        jalali_year=info["jalali_year"],
        title=info["title"],
        starts_at=starts_at,
        ends_at=ends_at,
        location=info["location"],
        status=Meeting.Status.HELD,
    )
    _validated(meeting, name, "meeting")
    meeting.save()
    return meeting
