"""The published record, typed: what ``Minutes.snapshot`` holds, read in one place.

The snapshot is written as JSON (:mod:`minutes.publication.snapshot`; the schema is described in
docs/record-schema.md) and stays JSON where it is stored and embedded in the PDF, so the
published hashes keep matching. Every reader goes through :meth:`PublishedRecord.from_json`,
which checks the schema version once and fills what an older version lacks with defaults,
so no reader looks up keys by hand or copes with a missing one on its own.

Dates and times stay the ISO 8601 strings the JSON carries (the templates' date filters
read them); the ``*_instant`` and ``*_day`` properties parse them for code.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from committee import quorum as quorum_rules

# The versions this code reads. 1: before quorum, votes, attachments, classification,
# distribution and the per-person notes; 2: the version written today (minutes.snapshot).
READABLE_VERSIONS = (1, 2)

# Agenda item kinds that put a question to the meeting (AgendaItem.Kind codes).
_QUESTION_KINDS = ("question", "problem")


class RecordError(ValueError):
    """A stored record this code cannot read (an unknown schema version, not an object)."""


def _instant(value: str | None) -> datetime.datetime | None:
    return datetime.datetime.fromisoformat(value) if value else None


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _map(data: Any) -> Mapping[str, Any]:
    """An object of the record, or an empty one where it is missing (null)."""
    return data if isinstance(data, Mapping) else {}


def _list(data: Any) -> list[Any]:
    return list(data) if isinstance(data, list | tuple) else []


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    return "" if value is None else str(value)


def _optional_text(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    return None if value is None else str(value)


def _int(data: Mapping[str, Any], key: str) -> int | None:
    value = data.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _flag(data: Mapping[str, Any], key: str) -> bool | None:
    value = data.get(key)
    return value if isinstance(value, bool) else None


@dataclass(frozen=True, slots=True)
class RecordPerson:
    """A person as described on the day: name, post and organisation."""

    name: str = ""
    post: str = ""
    organization: str = ""

    @classmethod
    def from_json(cls, data: Any) -> RecordPerson | None:
        if not isinstance(data, Mapping) or not data:
            return None
        return cls(_text(data, "name"), _text(data, "post"), _text(data, "organization"))


@dataclass(frozen=True, slots=True)
class RecordAttendee(RecordPerson):
    """One line of the attendance list; the notes are empty when not recorded (and in
    version 1, which had none)."""

    side: str = "official"
    kind: str = ""  # the organisation's kind on the day; unknown in older records
    excuse: str = ""
    arrived_at: str = ""  # HH:MM, Tehran time
    left_at: str = ""

    @property
    def is_press(self) -> bool:
        return self.side == "press"

    @classmethod
    def from_entry(cls, data: Mapping[str, Any]) -> RecordAttendee:
        return cls(
            name=_text(data, "name"),
            post=_text(data, "post"),
            organization=_text(data, "organization"),
            side=_text(data, "side") or "official",
            kind=_text(data, "kind"),
            excuse=_text(data, "excuse"),
            arrived_at=_text(data, "arrived_at"),
            left_at=_text(data, "left_at"),
        )


@dataclass(frozen=True, slots=True)
class RecordAttendance:
    """The attendance lists by status (Attendance.Status codes)."""

    present: tuple[RecordAttendee, ...] = ()
    excused: tuple[RecordAttendee, ...] = ()
    absent: tuple[RecordAttendee, ...] = ()
    guest: tuple[RecordAttendee, ...] = ()
    guest_absent: tuple[RecordAttendee, ...] = ()

    def of(self, status: str) -> tuple[RecordAttendee, ...]:
        """The list of one status code (``present``, ``excused``…); empty for another."""
        return getattr(self, status, ()) if status in _ATTENDANCE_STATUSES else ()

    @classmethod
    def from_json(cls, data: Any) -> RecordAttendance:
        groups = _map(data)
        return cls(
            **{
                status: tuple(
                    RecordAttendee.from_entry(row)
                    for row in _list(groups.get(status))
                    if isinstance(row, Mapping)
                )
                for status in _ATTENDANCE_STATUSES
            }
        )


_ATTENDANCE_STATUSES = ("present", "excused", "absent", "guest", "guest_absent")


@dataclass(frozen=True, slots=True)
class RecordQuorum:
    """Permanent members on the meeting day, those present, how many the body's rule
    required, and whether it was met (None when no permanent member was on record)."""

    members: int = 0
    present: int = 0
    required: int = 0
    met: bool | None = None

    def as_dict(self) -> dict[str, int | bool | None]:
        """The form :mod:`committee.quorum` reads."""
        return {
            "members": self.members,
            "present": self.present,
            "required": self.required,
            "met": self.met,
        }

    @classmethod
    def from_json(cls, data: Any) -> RecordQuorum | None:
        if not isinstance(data, Mapping):
            return None
        return cls(
            members=_int(data, "members") or 0,
            present=_int(data, "present") or 0,
            required=_int(data, "required") or 0,
            met=_flag(data, "met"),
        )


@dataclass(frozen=True, slots=True)
class RecordQuestion:
    """A journalist's question on the agenda."""

    title: str = ""
    text: str = ""
    author: RecordPerson | None = None

    @classmethod
    def from_json(cls, data: Any) -> RecordQuestion | None:
        if not isinstance(data, Mapping) or not data:
            return None
        return cls(
            title=_text(data, "title"),
            text=_text(data, "text"),
            author=RecordPerson.from_json(data.get("author")),
        )


@dataclass(frozen=True, slots=True)
class RecordAgendaItem:
    id: int | None = None
    order: int | None = None
    title: str = ""
    description: str = ""
    kind: str = ""  # AgendaItem.Kind code
    presenter: RecordPerson | None = None
    discussion: str = ""
    question: RecordQuestion | None = None
    answer: str = ""
    # Never written (the record holds public items only); a record that carries
    # ``is_public: false`` is still shown without the item (minutes.pdf).
    is_public: bool = True

    @property
    def is_question(self) -> bool:
        """A journalist's question or a city problem put to the meeting."""
        return self.question is not None or self.kind in _QUESTION_KINDS

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RecordAgendaItem:
        return cls(
            id=_int(data, "id"),
            order=_int(data, "order"),
            title=_text(data, "title"),
            description=_text(data, "description"),
            kind=_text(data, "kind"),
            presenter=RecordPerson.from_json(data.get("presenter")),
            discussion=_text(data, "discussion"),
            question=RecordQuestion.from_json(data.get("question")),
            answer=_text(data, "answer"),
            is_public=data.get("is_public", True) is not False,
        )


@dataclass(frozen=True, slots=True)
class RecordVote:
    """How a decision was taken: ``method`` is a Decision.VoteMethod code; the counts and
    the names (empty when not recorded) are those of a vote."""

    method: str = ""
    votes_for: int = 0
    votes_against: int = 0
    votes_abstain: int = 0
    names_for: tuple[str, ...] = ()
    names_against: tuple[str, ...] = ()
    names_abstain: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, data: Any) -> RecordVote | None:
        if not isinstance(data, Mapping) or not data:
            return None
        names = _map(data.get("names"))
        return cls(
            method=_text(data, "method"),
            votes_for=_int(data, "for") or 0,
            votes_against=_int(data, "against") or 0,
            votes_abstain=_int(data, "abstain") or 0,
            names_for=tuple(str(name) for name in _list(names.get("for"))),
            names_against=tuple(str(name) for name in _list(names.get("against"))),
            names_abstain=tuple(str(name) for name in _list(names.get("abstain"))),
        )


@dataclass(frozen=True, slots=True)
class RecordDecision:
    id: int | None = None
    number: int | None = None
    text: str = ""
    agenda_item: int | None = None  # the item's position in the published agenda
    responsible_person: RecordPerson | None = None
    responsible_organization: str = ""
    deadline: str | None = None  # ISO date
    status: str = ""  # Decision.Status code at publication
    overdue: bool | None = None  # unknown in version 1
    vote: RecordVote | None = None
    is_public: bool = True  # see RecordAgendaItem.is_public
    districts: tuple[str, ...] = ()  # names; absent (empty) in records without districts

    @property
    def deadline_day(self) -> datetime.date | None:
        return _day(self.deadline)

    @property
    def responsible_organization_name(self) -> str:
        """The organisation the decision is filed under: the responsible organisation, or
        else the responsible person's."""
        person = self.responsible_person
        return self.responsible_organization or (person.organization if person else "")

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RecordDecision:
        return cls(
            id=_int(data, "id"),
            number=_int(data, "number"),
            text=_text(data, "text"),
            agenda_item=_int(data, "agenda_item"),
            responsible_person=RecordPerson.from_json(data.get("responsible_person")),
            responsible_organization=_text(data, "responsible_organization"),
            deadline=_optional_text(data, "deadline"),
            status=_text(data, "status"),
            overdue=_flag(data, "overdue"),
            vote=RecordVote.from_json(data.get("vote")),
            is_public=data.get("is_public", True) is not False,
            districts=_names(data.get("districts")),
        )


def _names(value: Any) -> tuple[str, ...]:
    """A list of names (the districts of a decision); anything else reads as none."""
    if not isinstance(value, list):
        return ()
    return tuple(name for name in value if isinstance(name, str) and name)


@dataclass(frozen=True, slots=True)
class RecordAttachment:
    id: int | None = None
    title: str = ""
    file_name: str = ""
    content_type: str = ""
    size: int | None = None
    sha256: str = ""
    agenda_item: int | None = None  # the item's position, None for the minutes'

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RecordAttachment:
        return cls(
            id=_int(data, "id"),
            title=_text(data, "title"),
            file_name=_text(data, "file_name"),
            content_type=_text(data, "content_type"),
            size=_int(data, "size"),
            sha256=_text(data, "sha256"),
            agenda_item=_int(data, "agenda_item"),
        )


@dataclass(frozen=True, slots=True)
class RecordCommittee:
    name: str = ""
    municipality: str = ""
    city: str = ""
    slug: str = ""

    @classmethod
    def from_json(cls, data: Any) -> RecordCommittee:
        data = _map(data)
        return cls(
            _text(data, "name"),
            _text(data, "municipality"),
            _text(data, "city"),
            _text(data, "slug"),
        )


@dataclass(frozen=True, slots=True)
class RecordBody:
    """The committee itself or one of its workgroups."""

    kind: str = ""  # "committee" or "workgroup"
    name: str = ""
    slug: str = ""

    @classmethod
    def from_json(cls, data: Any) -> RecordBody:
        data = _map(data)
        return cls(_text(data, "kind"), _text(data, "name"), _text(data, "slug"))


@dataclass(frozen=True, slots=True)
class RecordMeeting:
    id: int | None = None
    number: int | None = None
    jalali_year: int | None = None
    title: str = ""
    starts_at: str | None = None  # ISO instants
    ends_at: str | None = None
    location: str = ""
    registered_late_at: str | None = None  # entered after the fact (ثبت پسین); not in v1

    @property
    def starts_instant(self) -> datetime.datetime | None:
        return _instant(self.starts_at)

    @property
    def ends_instant(self) -> datetime.datetime | None:
        return _instant(self.ends_at)

    @property
    def registered_late_instant(self) -> datetime.datetime | None:
        return _instant(self.registered_late_at)

    @classmethod
    def from_json(cls, data: Any) -> RecordMeeting:
        data = _map(data)
        return cls(
            id=_int(data, "id"),
            number=_int(data, "number"),
            jalali_year=_int(data, "jalali_year"),
            title=_text(data, "title"),
            starts_at=_optional_text(data, "starts_at"),
            ends_at=_optional_text(data, "ends_at"),
            location=_text(data, "location"),
            registered_late_at=_optional_text(data, "registered_late_at"),
        )


@dataclass(frozen=True, slots=True)
class RecordCorrection:
    """The revision a correction corrects."""

    revision: int | None = None
    document_id: str = ""

    @classmethod
    def from_json(cls, data: Any) -> RecordCorrection | None:
        if not isinstance(data, Mapping) or not data:
            return None
        return cls(_int(data, "revision"), _text(data, "document_id"))


@dataclass(frozen=True, slots=True)
class PublishedRecord:
    """One published revision of the minutes, as frozen at publication."""

    schema: int
    document_id: str = ""
    revision: int = 1
    status: str = ""
    corrects: RecordCorrection | None = None
    correction_reason: str = ""
    committee: RecordCommittee = RecordCommittee()
    body: RecordBody = RecordBody()
    meeting: RecordMeeting = RecordMeeting()
    quorum: RecordQuorum | None = None  # not in v1
    chair: RecordPerson | None = None
    secretary: RecordPerson | None = None
    attendance: RecordAttendance = RecordAttendance()
    agenda: tuple[RecordAgendaItem, ...] = ()
    summary: str = ""
    decisions: tuple[RecordDecision, ...] = ()
    attachments: tuple[RecordAttachment, ...] = ()  # not in v1
    classification: str = ""
    distribution: tuple[str, ...] = ()
    approved_at: str | None = None  # ISO instants
    published_at: str | None = None

    @property
    def published_instant(self) -> datetime.datetime | None:
        return _instant(self.published_at)

    @property
    def approved_instant(self) -> datetime.datetime | None:
        return _instant(self.approved_at)

    @property
    def quorum_text(self) -> str:
        """The quorum line (empty when the record has no quorum)."""
        return quorum_rules.describe(self.quorum.as_dict() if self.quorum else None)

    @property
    def lacks_quorum(self) -> bool:
        return quorum_rules.lacks_quorum(self.quorum.as_dict() if self.quorum else None)

    @classmethod
    def from_json(cls, data: Any) -> PublishedRecord:
        """The record of a stored snapshot (``Minutes.snapshot``, the JSON in the PDF).

        Raises :class:`RecordError` for anything but an object of a version this code
        reads (:data:`READABLE_VERSIONS`). What an older version lacks takes its default
        (empty text, no quorum, no vote, ``overdue`` unknown)."""
        if not isinstance(data, Mapping):
            raise RecordError(f"A published record is a JSON object, not {type(data).__name__}.")
        version = data.get("schema")
        if version not in READABLE_VERSIONS or isinstance(version, bool):
            raise RecordError(
                f"Unknown published record schema version {version!r}; this code reads "
                f"versions {', '.join(map(str, READABLE_VERSIONS))}."
            )
        return cls(
            schema=version,
            document_id=_text(data, "document_id"),
            revision=_int(data, "revision") or 1,
            status=_text(data, "status"),
            corrects=RecordCorrection.from_json(data.get("corrects")),
            correction_reason=_text(data, "correction_reason"),
            committee=RecordCommittee.from_json(data.get("committee")),
            body=RecordBody.from_json(data.get("body")),
            meeting=RecordMeeting.from_json(data.get("meeting")),
            quorum=RecordQuorum.from_json(data.get("quorum")),
            chair=RecordPerson.from_json(data.get("chair")),
            secretary=RecordPerson.from_json(data.get("secretary")),
            attendance=RecordAttendance.from_json(data.get("attendance")),
            agenda=tuple(
                RecordAgendaItem.from_json(item)
                for item in _list(data.get("agenda"))
                if isinstance(item, Mapping)
            ),
            summary=_text(data, "summary"),
            decisions=tuple(
                RecordDecision.from_json(row)
                for row in _list(data.get("decisions"))
                if isinstance(row, Mapping)
            ),
            attachments=tuple(
                RecordAttachment.from_json(row)
                for row in _list(data.get("attachments"))
                if isinstance(row, Mapping)
            ),
            classification=_text(data, "classification"),
            distribution=tuple(str(line) for line in _list(data.get("distribution"))),
            approved_at=_optional_text(data, "approved_at"),
            published_at=_optional_text(data, "published_at"),
        )


def as_record(data: PublishedRecord | Mapping[str, Any]) -> PublishedRecord:
    """``data`` itself when already read, else :meth:`PublishedRecord.from_json` of it (for
    the entry points that take the stored JSON as well)."""
    return data if isinstance(data, PublishedRecord) else PublishedRecord.from_json(data)


def published_record(snapshot: Any) -> PublishedRecord | None:
    """The record of ``Minutes.snapshot``, or None when there is none (not published)."""
    return PublishedRecord.from_json(snapshot) if snapshot else None
