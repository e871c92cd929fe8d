"""The archive of what was published: one zip file with every published revision's PDF and
a JSON manifest (metadata, frozen content and hashes), and its restoration.

Export reads only published revisions; import restores them into a database that has no
minutes yet, re-creating the committee, workgroups and meetings they belong to, and checks
every PDF against its recorded SHA-256 before anything is written (one transaction: a bad
archive changes nothing).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from committee.models import Committee
from minutes.models import Meeting, Minutes
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


def _read(path: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise ArchiveError(f"{path} is not a readable zip archive: {error}") from None
    with archive:
        try:
            manifest = json.loads(archive.read("manifest.json"))
        except (KeyError, ValueError) as error:
            raise ArchiveError(f"The archive has no valid manifest.json: {error}") from None
        if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
            raise ArchiveError("This is not a media committee archive of a known version.")
        files = {}
        for entry in manifest["documents"]:
            try:
                data = archive.read(entry["file"])
            except KeyError:
                raise ArchiveError(f"{entry['file']} is missing from the archive.") from None
            if hashlib.sha256(data).hexdigest() != entry["sha256"]:
                raise ArchiveError(f"{entry['document_id']}: the PDF does not match its SHA-256.")
            files[entry["document_id"]] = data
    return manifest, files


@transaction.atomic
def import_archive(path: Path) -> int:
    """Restore an archive into a database without minutes. Returns how many revisions."""
    manifest, files = _read(path)
    if Minutes.objects.exists():
        raise ArchiveError("The database already holds minutes; restore into an empty one.")
    restored: dict[str, Minutes] = {}
    try:
        for entry in manifest["documents"]:
            _restore(entry, files, restored)
    except BaseException:
        # The transaction rolls the rows back; take the files written so far with it.
        for minutes in restored.values():
            minutes.pdf.storage.delete(minutes.pdf.name)
        raise
    return len(restored)


def _restore(entry: dict[str, Any], files: dict[str, bytes], restored: dict[str, Minutes]) -> None:
    data = files[entry["document_id"]]
    minutes = Minutes(
        meeting=_meeting(entry),
        revision=entry["revision"],
        status=Minutes.Status.PUBLISHED,
        summary=entry["snapshot"].get("summary", ""),
        corrects=restored.get(entry["corrects"]) if entry["corrects"] else None,
        correction_reason=entry["correction_reason"],
        approved_at=_instant(entry["approved_at"]),
        published_at=_instant(entry["published_at"]),
        document_id=entry["document_id"],
        snapshot=entry["snapshot"],
        sha256=entry["sha256"],
        pdf_size=len(data),
    )
    minutes.pdf.save(f"{entry['document_id']}.pdf", ContentFile(data), save=False)
    # Registered before the row is saved, so a failure below still removes the file.
    restored[entry["document_id"]] = minutes
    minutes.save()


def _meeting(entry: dict[str, Any]) -> Meeting:
    data = entry["committee"]
    committee, _ = Committee.objects.get_or_create(
        slug=data["slug"],
        defaults={"name": data["name"], "municipality": data["municipality"], "city": data["city"]},
    )
    workgroup = None
    if entry["workgroup"]:
        wg = entry["workgroup"]
        workgroup, _ = Workgroup.objects.get_or_create(
            committee=committee,
            slug=wg["slug"],
            defaults={"name": wg["name"], "short_name": wg["short_name"], "order": wg["order"]},
        )
    info = entry["meeting"]
    existing = Meeting.objects.of_body(committee, workgroup).filter(
        jalali_year=info["jalali_year"], number=info["number"]
    )
    meeting = existing.first()
    if meeting is None:
        meeting = Meeting.objects.create(
            committee=committee,
            workgroup=workgroup,
            number=info["number"],
            title=info["title"],
            starts_at=_instant(info["starts_at"]),
            ends_at=_instant(info["ends_at"]),
            location=info["location"],
            status=Meeting.Status.HELD,
        )
    return meeting
