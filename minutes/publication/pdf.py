"""The minutes as a PDF: rendering (WeasyPrint), and storing the published copy once.

One entry point renders, :func:`render_minutes_pdf`; :func:`store_published_pdf` is what
the publishing service runs after its transaction commits.

Security. The document is built from text that members typed (titles, discussions,
questions, decisions). That text only ever reaches the HTML through Django's template
autoescape, so it is shown, never interpreted: ``<img src="file:///etc/passwd">`` in a
decision prints those characters. As a second wall, WeasyPrint is given
:class:`AllowListURLFetcher`, which serves exactly the font files and the QR code this
module put in the document and refuses every other URL (``file:``, ``http(s):``, other
``data:`` URIs, relative paths…), so even markup that slipped through could not read a
file or open a connection.

Verification. The PDF cannot print its own SHA-256: the digest is computed over the final
bytes, and writing it into the document changes those bytes. So the footer carries what
*can* be fixed before rendering — the document identifier and the address of its public
verification page (also as a QR code) — and that page shows the SHA-256 of the stored
copy and checks an uploaded file against it byte for byte (see docs/pdf.md).
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import io
import logging
import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import segno
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from committee.models import officials_caption
from minutes.models import AgendaItem, Attendance, Decision, Minutes
from minutes.publication import pdf_files, pdf_layout, pdf_svg, pdf_text, signing
from minutes.publication.record import (
    PublishedRecord,
    RecordAgendaItem,
    RecordDecision,
    RecordPerson,
    as_record,
)
from minutes.publication.snapshot import describe_attendee, describe_vote
from persian.collation import sort_key
from persian.digits import to_persian_digits
from persian.jalali import format_date, format_datetime, format_time

__all__ = [
    "PDF_VARIANT",
    "AllowListURLFetcher",
    "RefusedResource",
    "allowed_asset_files",
    "fa_text",
    "logo_data_uri",
    "render_minutes_pdf",
    "shown",
    "store_published_pdf",
    "verify_url_for",
    "w3c_datetime",
    "write_pdf",
]

logger = logging.getLogger(__name__)

# The archival variant and the text layer are minutes.publication.pdf_text's.
PDF_VARIANT = pdf_text.PDF_VARIANT

# The private scheme under which the fetcher serves the application's own files. Nothing
# else in the document may be fetched; relative references do not resolve against it.
ASSET_SCHEME = "minutes-pdf"
BASE_URL = f"{ASSET_SCHEME}:/"

FONT_DIR = Path(__file__).resolve().parents[2] / "node_modules" / "vazirmatn" / "fonts" / "ttf"
FONT_FILES = {
    f"{ASSET_SCHEME}:font/Vazirmatn-Regular.ttf": FONT_DIR / "Vazirmatn-Regular.ttf",
    f"{ASSET_SCHEME}:font/Vazirmatn-Bold.ttf": FONT_DIR / "Vazirmatn-Bold.ttf",
}
_MIME_TYPES = {".ttf": "font/ttf", ".css": "text/css", ".svg": "image/svg+xml"}

TEMPLATE = "minutes/pdf/minutes.html"
STYLESHEET = "minutes/pdf/minutes.css"


# --- the URL fetcher --------------------------------------------------------------------


class RefusedResource(ValueError):
    """A URL outside the allow-list. WeasyPrint logs it and leaves the resource out.

    An ordinary exception on purpose: WeasyPrint turns it into a failed fetch (a warning),
    whereas a ``FatalURLFetchingError`` would abort the whole document.
    """


def allowed_asset_files() -> dict[str, Path]:
    """The files the PDF may load, by their private URL. Fails loudly when the font is
    missing (``npm ci`` not run): silently falling back to a system font would publish a
    document with the wrong typeface, or none that can write Persian."""
    missing = [str(path) for path in FONT_FILES.values() if not path.is_file()]
    if missing:
        raise ImproperlyConfigured(
            "The Vazirmatn font is missing (run `npm ci`): " + ", ".join(missing)
        )
    return dict(FONT_FILES)


class AllowListURLFetcher(URLFetcher):
    """Serves only an explicit allow-list and refuses everything else.

    ``files`` maps exact URLs (under the private ``minutes-pdf:`` scheme) to files of the
    application; ``inline`` maps exact ``data:`` URIs that this module generated to their
    bytes. Nothing is ever handed to urllib: no file is opened and no connection made
    for any other URL, and redirects cannot happen because nothing is requested.
    ``requested`` records every URL WeasyPrint asked for, ``refused`` the ones refused.
    """

    def __init__(
        self,
        files: Mapping[str, Path] | None = None,
        inline: Mapping[str, tuple[bytes, str]] | None = None,
    ):
        # The base class builds urllib handlers that this class never uses; the arguments
        # close them anyway in case a future WeasyPrint calls the base implementation.
        super().__init__(
            timeout=1, allowed_protocols=(), allow_redirects=False, fail_on_errors=False
        )
        self._files = dict(files or {})
        self._inline = dict(inline or {})
        self.requested: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        self.requested.append(url)
        path = self._files.get(url)
        if path is not None:
            mime = _MIME_TYPES.get(path.suffix, "application/octet-stream")
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})
        inline = self._inline.get(url)
        if inline is not None:
            body, mime = inline
            return URLFetcherResponse(url, body, {"Content-Type": mime})
        self.refused.append(url)
        shown = url if len(url) <= 120 else url[:117] + "…"
        logger.warning("PDF rendering refused a resource outside the allow-list: %s", shown)
        raise RefusedResource(f"Refused (not on the allow-list): {shown}")

    def open(self, url, data=None, timeout=None):  # urllib's OpenerDirector API
        return self.fetch(url if isinstance(url, str) else url.full_url)

    def __call__(self, url: str) -> URLFetcherResponse:
        return self.fetch(url)


# --- presentation -----------------------------------------------------------------------

_LATIN_LETTER = re.compile(r"[A-Za-z]")
_TOKEN = re.compile(r"\S+")


def fa_text(value: object) -> str:
    """User text with Persian digits, except inside tokens written in Latin letters.

    "خیابان 17 شهریور" becomes "خیابان ۱۷ شهریور", but "COVID-19" or a web address keep
    their digits: converting them would change a name, not its typography.
    """
    if value is None:
        return ""
    return _TOKEN.sub(
        lambda m: m[0] if _LATIN_LETTER.search(m[0]) else to_persian_digits(m[0]), str(value)
    )


_RLI, _FSI, _PDI = "\u2067", "\u2068", "\u2069"


def _isolate(line: str) -> str:
    # A line with any right-to-left letter is laid out right to left, like the page (an
    # English word at its start must not turn the whole line around); a line without one
    # (an address, an English name, markup) takes the direction of its first strong
    # character, i.e. left to right.
    right_to_left = any(unicodedata.bidirectional(ch) in ("AL", "R") for ch in line)
    return f"{_RLI if right_to_left else _FSI}{line}{_PDI}"


def shown(value: object) -> str:
    """User text for display: :func:`fa_text`, each line a Unicode bidi isolate.

    Isolation keeps a line's own direction from leaking into its neighbours: a line in
    Latin script (a web address, an English outlet name, even markup such as
    ``<img src="…">``) reads left to right inside the right-to-left page instead of having
    its brackets and quotes scattered by the surrounding Persian, and a Persian line that
    starts with a Latin word still reads right to left. (WeasyPrint does not implement CSS
    ``unicode-bidi``; Pango does implement these control characters.) Never used for
    metadata, where the controls would be kept as characters.
    """
    text = fa_text(value)
    return "\n".join(_isolate(line) if line.strip() else line for line in text.split("\n"))


def w3c_datetime(value: datetime.datetime) -> str:
    """A W3C date-time, as WeasyPrint's <meta name=dcterms.*> parser wants it."""
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _person(data: RecordPerson | None) -> dict[str, str] | None:
    if data is None:
        return None
    return {
        "name": shown(data.name),
        "post": shown(data.post),
        "organization": shown(data.organization),
        "note": shown(describe_attendee(data)),
    }


def _numbered(people: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    return [
        {**person, "position": to_persian_digits(position)}
        for position, person in enumerate(people, start=1)
    ]


def _responsible(decision: RecordDecision) -> tuple[str, str]:
    """Who carries a decision out: the person (with post and organisation) and/or the
    organisation, as a main line and a detail line."""
    person = _person(decision.responsible_person)
    organization = shown(decision.responsible_organization)
    if person:
        detail = [person["post"], organization or person["organization"]]
        return person["name"], "، ".join(part for part in detail if part)
    return organization, ""


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


_Entry = TypeVar("_Entry", RecordAgendaItem, RecordDecision)


def _public_only(entries: Iterable[_Entry], what: str) -> list[_Entry]:
    """Defence in depth: the snapshot given to the renderer is built with public=True and
    carries no ``is_public`` flag today; if a future schema carries one, internal entries
    are still left out (and the mistake is logged)."""
    entries = list(entries)
    kept = [entry for entry in entries if entry.is_public]
    if len(kept) != len(entries):
        logger.error("An internal %s reached the PDF renderer; it was left out.", what)
    return kept


@dataclass(frozen=True)
class _Rendering:
    html: str
    inline: dict[str, tuple[bytes, str]]


def qr_svg(data: str) -> bytes:
    """The QR code of ``data`` as SVG: black modules, error correction level M, the
    standard four-module quiet zone, no background (the page is white)."""
    buffer = io.BytesIO()
    segno.make(data, error="m", micro=False).save(
        buffer, kind="svg", scale=4, border=4, dark="#000", light=None, xmldecl=False
    )
    return buffer.getvalue()


def _svg_data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def build_context(
    snapshot: PublishedRecord | Mapping[str, Any], *, draft: bool, verify_url: str
) -> dict:
    """The template's context: every date, time and number already in Persian."""
    record = as_record(snapshot)
    committee = record.committee
    body = record.body
    meeting = record.meeting
    starts_at = meeting.starts_instant
    ends_at = meeting.ends_instant
    published_at = record.published_instant

    attendance = record.attendance
    present = [_person(row) for row in attendance.present]
    present_sides = [row.side for row in attendance.present]
    absent = _numbered(
        sorted(
            (
                {
                    **(_person(row) or {}),
                    "excused": status == Attendance.Status.EXCUSED,
                    "status": _label(Attendance.Status, status),
                }
                for status in (Attendance.Status.ABSENT, Attendance.Status.EXCUSED)
                for row in attendance.of(status)
            ),
            key=lambda row: sort_key(row["name"]),
        )
    )

    agenda = []
    for position, item in enumerate(_public_only(record.agenda, "agenda item"), 1):
        question = item.question
        agenda.append(
            {
                "position": to_persian_digits(position),
                "title": shown(item.title),
                "kind": item.kind,
                "kind_label": _label(AgendaItem.Kind, item.kind),
                "description": shown(item.description),
                "presenter": _person(item.presenter),
                "discussion": shown(item.discussion),
                "is_question": item.is_question,
                "question": (
                    {
                        "title": shown(question.title),
                        "text": shown(question.text),
                        "author": _person(question.author),
                    }
                    if question
                    else None
                ),
                "answer": shown(item.answer),
            }
        )

    decisions = []
    for row in _public_only(record.decisions, "decision"):
        responsible, detail = _responsible(row)
        decisions.append(
            {
                "number": to_persian_digits(_or_blank(row.number)),
                "text": shown(row.text),
                "agenda_item": to_persian_digits(row.agenda_item) if row.agenda_item else "",
                "responsible": responsible,
                "responsible_detail": detail,
                "deadline": format_date(row.deadline_day, lang="fa"),
                "status": str(Decision.OVERDUE_LABEL)
                if row.overdue
                else _label(Decision.Status, row.status),
                "overdue": bool(row.overdue),
                "vote": shown(describe_vote(row.vote)),
                # Only in records that name districts (docs/record-schema.md).
                "districts": shown("، ".join(row.districts)) if row.districts else "",
            }
        )

    corrects = record.corrects
    meeting_title = fa_text(meeting.title)  # plain, for the metadata
    title = _("صورتجلسه — %(title)s") % {"title": meeting_title}
    if draft:
        title = _("پیش‌نویس صورتجلسه — %(title)s") % {"title": meeting_title}
    stamp = published_at or record.approved_instant or timezone.now()
    document_id = record.document_id

    return {
        "draft": draft,
        "title": title,
        "document_id": document_id,
        "revision": to_persian_digits(record.revision),
        "committee": {"name": shown(committee.name), "municipality": shown(committee.municipality)},
        "body": {"name": shown(body.name), "kind": body.kind},
        "meeting": {
            "title": shown(meeting.title),
            "number": to_persian_digits(_or_blank(meeting.number)),
            "year": to_persian_digits(_or_blank(meeting.jalali_year)),
            "date": format_date(starts_at, lang="fa"),
            "date_weekday": format_date(starts_at, with_weekday=True, lang="fa"),
            "starts": format_time(starts_at, lang="fa"),
            "ends": format_time(ends_at, lang="fa"),
            "location": shown(meeting.location),
            "registered_late": format_date(meeting.registered_late_instant, lang="fa"),
        },
        "attachments_count": len(record.attachments),
        "attachments_text": (
            _("%(count)s فقره") % {"count": to_persian_digits(len(record.attachments))}
            if record.attachments
            else _("ندارد")
        ),
        "attachments": [
            {
                "position": to_persian_digits(position),
                "title": shown(entry.title),
                "file_name": entry.file_name,
                "agenda_item": to_persian_digits(entry.agenda_item) if entry.agenda_item else "",
            }
            for position, entry in enumerate(record.attachments, start=1)
        ],
        "classification": shown(record.classification),
        "distribution": [shown(line) for line in record.distribution],
        "quorum": shown(record.quorum_text),
        "lacks_quorum": record.lacks_quorum,
        "chair": _person(record.chair),
        "secretary": _person(record.secretary),
        "present_officials": _numbered(
            p for p, side in zip(present, present_sides, strict=True) if p and side != "press"
        ),
        "officials_caption": officials_caption(
            row.kind for row in attendance.present if row.side != "press"
        ),
        "present_press": _numbered(
            p for p, side in zip(present, present_sides, strict=True) if p and side == "press"
        ),
        "absent": absent,
        "guests": _numbered(p for p in map(_person, attendance.guest) if p),
        "agenda": agenda,
        "summary": shown(record.summary),
        "decisions": decisions,
        "correction": (
            {
                "revision": to_persian_digits(_or_blank(corrects.revision)),
                "document_id": corrects.document_id,
                "reason": shown(record.correction_reason),
            }
            if corrects
            else None
        ),
        "published_date": format_date(published_at, lang="fa"),
        "published_datetime": format_datetime(published_at, lang="fa"),
        "verify_url": "" if draft else verify_url,
        "verify_link": not draft and verify_url.startswith(("https://", "http://")),
        "meta": {
            "author": fa_text(committee.name),
            "subject": fa_text(body.name),
            "created": w3c_datetime(stamp),
            "modified": w3c_datetime(stamp),
            "keywords": ", ".join(
                part for part in (_("صورتجلسه"), fa_text(body.name), document_id) if part
            ),
        },
    }


def _or_blank(number: int | None) -> int | str:
    return "" if number is None else number


def _prepare(
    snapshot: PublishedRecord | Mapping[str, Any], *, draft: bool, verify_url: str
) -> _Rendering:
    record = as_record(snapshot)
    context = build_context(record, draft=draft, verify_url=verify_url)
    context["seal"] = None if draft else signing.seal_description()
    inline: dict[str, tuple[bytes, str]] = {}
    context["logo_data_uri"] = logo_data_uri(record.committee.slug, inline)
    if context["verify_url"]:
        # The QR code is generated here and embedded as a data: URI; the fetcher serves
        # exactly this URI and no other data: URI (none can come from user text anyway).
        svg = qr_svg(context["verify_url"])
        context["qr_data_uri"] = _svg_data_uri(svg)
        inline[context["qr_data_uri"]] = (svg, "image/svg+xml")
    return _Rendering(html=render_to_string(TEMPLATE, context), inline=inline)


def logo_data_uri(slug: str, inline: dict[str, tuple[bytes, str]]) -> str:
    """The letterhead's logo as a data: URI, added to ``inline`` (what the fetcher may
    serve); "" when the committee has none."""
    logo = _logo(slug)
    if logo is None:
        return ""
    data, mime = logo
    uri = f"data:{mime};base64," + base64.b64encode(data).decode("ascii")
    inline[uri] = (data, mime)
    return uri


def _logo(slug: str) -> tuple[bytes, str] | None:
    """The committee's logo (PNG or SVG, checked by content when uploaded and again here),
    served to the renderer as an inline data: URI like the QR code."""
    from committee.models import LOGO_CONTENT_TYPES, Committee, logo_kind

    committee = Committee.objects.filter(slug=slug).only("logo").first() if slug else None
    if committee is None or not committee.logo:
        return None
    try:
        with committee.logo.open("rb") as handle:
            data = handle.read()
    except OSError:
        logger.error("The logo of committee %s cannot be read.", slug)
        return None
    kind = logo_kind(data)
    if kind is None:
        return None
    return data, LOGO_CONTENT_TYPES[kind]


class _StyleCache(threading.local):
    """Per thread: the parsed stylesheet and the font configuration holding its fonts.

    Loading the fonts (fetch, write to a private temporary folder, register with
    Fontconfig) and parsing the stylesheet cost about as much as laying out a page, and
    are the same for every document; they are kept per thread because Fontconfig and
    Pango objects must not be shared between threads. The cached stylesheet's fetcher
    serves the font files only.
    """

    key: str | None = None
    css: CSS | None = None
    font_config: FontConfiguration | None = None

    def get(self, stylesheet: str) -> tuple[CSS, FontConfiguration]:
        if self.key != stylesheet or self.css is None or self.font_config is None:
            font_config = FontConfiguration()
            fetcher = AllowListURLFetcher(files=allowed_asset_files())
            self.css = CSS(
                string=stylesheet, base_url=BASE_URL, url_fetcher=fetcher, font_config=font_config
            )
            self.font_config = font_config
            self.key = stylesheet
        return self.css, self.font_config


_styles = _StyleCache()


def write_pdf(html: str, *, fetcher: AllowListURLFetcher, stylesheet: str | None = None) -> bytes:
    """HTML to PDF/A bytes with the allow-list fetcher and an explicit base URL."""
    css, font_config = _styles.get(
        stylesheet if stylesheet is not None else render_to_string(STYLESHEET)
    )
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher)
    # The text layer keeps the ZWNJ and the lam-alef letters (docs/pdf-text.md). Faster,
    # with the same bytes: each right-to-left line is laid out once, not twice
    # (pdf_layout), and the footer's QR code is drawn once, not on every page (pdf_svg).
    with (
        pdf_text.logical_text_layer(),
        pdf_layout.single_layout_of_lines(),
        pdf_svg.svg_drawn_once(),
    ):
        written = document.write_pdf(
            stylesheets=[css],
            font_config=font_config,
            # The info dictionary (title, author, subject, keywords, dates) comes from the
            # <meta> tags; nothing custom is copied into the PDF.
            custom_metadata=False,
            **pdf_text.WRITE_OPTIONS,
        )
    return pdf_text.finish(written)


def render_minutes_pdf(
    snapshot: PublishedRecord | Mapping[str, Any], *, draft: bool = False, verify_url: str = ""
) -> bytes:
    """Render a minutes revision (its record, or the snapshot as stored) to PDF/A-3a
    (tagged) bytes.

    Always in Persian, whatever the active language. ``draft=True`` stamps «پیش‌نویس» on
    every page and leaves the verification line out; ``verify_url`` (the address of the
    public verification page of this document) is printed in the footer and encoded in
    the QR code of a published copy.
    """
    with translation.override("fa"):
        prepared = _prepare(snapshot, draft=draft, verify_url=verify_url)
        fetcher = AllowListURLFetcher(files=allowed_asset_files(), inline=prepared.inline)
        return write_pdf(prepared.html, fetcher=fetcher)


# --- storing the published copy ---------------------------------------------------------


def verify_url_for(document_id: str) -> str:
    """The address of a document's verification page: an absolute path, prefixed with
    ``settings.PUBLIC_BASE_URL`` (e.g. "https://rasht.example.ir") when that is set."""
    path = reverse("minutes_verify_document", args=[document_id])
    base = settings.PUBLIC_BASE_URL.rstrip("/")
    return f"{base}{path}" if base else path


def store_published_pdf(minutes_id: int) -> bool:
    """Render and store the PDF of a published revision, exactly once; True when this call
    stored it.

    Run by the task ``minutes.tasks.store_minutes_pdf`` after publication. Does nothing when
    the revision is not published or already has its PDF. Renders from the frozen
    ``Minutes.snapshot`` (never from the live rows) outside any lock, then, under the row's
    lock, stores the bytes through the field's storage and saves only the write-once fields
    ``pdf``, ``sha256`` and ``pdf_size`` — unless another run stored them meanwhile. A run
    killed half-way stored nothing the row points at, so running it again does it once.
    """
    minutes = Minutes.objects.filter(pk=minutes_id).first()
    if minutes is None or minutes.status != Minutes.Status.PUBLISHED:
        return False
    if minutes.pdf or minutes.sha256:
        return False
    if not minutes.snapshot or not minutes.document_id:
        logger.error("Published minutes %s have no snapshot or document id.", minutes_id)
        return False
    data = render_minutes_pdf(minutes.snapshot, verify_url=verify_url_for(minutes.document_id))
    # The files inside (the record as JSON, the public attachments), then the seal,
    # which covers everything and permits no later change.
    data = signing.seal_pdf(pdf_files.embed_published(data, minutes))
    with transaction.atomic():
        minutes = Minutes.objects.select_for_update().filter(pk=minutes_id).first()
        if minutes is None or minutes.pdf or minutes.sha256:
            return False  # another worker stored it while this one rendered
        name = minutes.pdf.field.generate_filename(minutes, f"{minutes.document_id}.pdf")
        if minutes.pdf.storage.exists(name):
            # Left by a run killed between writing the file and committing the row (which
            # does not point at it): the row's lock is held, so nobody else is writing it.
            logger.warning("Replacing the unrecorded file %s of minutes %s.", name, minutes_id)
            minutes.pdf.storage.delete(name)
        minutes.pdf.save(f"{minutes.document_id}.pdf", ContentFile(data), save=False)
        stored_name = minutes.pdf.name
        try:
            minutes.sha256 = hashlib.sha256(data).hexdigest()
            minutes.pdf_size = len(data)
            minutes.save(update_fields=["pdf", "sha256", "pdf_size"])
        except BaseException:
            # Do not leave an orphan file behind a row that does not point at it.
            minutes.pdf.storage.delete(stored_name)
            raise
    return True
