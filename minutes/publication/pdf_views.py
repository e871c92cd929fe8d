"""Public download of published minutes as PDF, their verification, and the draft preview.

* ``/minutes/<document_id>.pdf`` serves the stored bytes of a published revision, never a
  fresh rendering: what was published, and hashed, is what is downloaded.
* ``/verify/`` and ``/verify/<document_id>/`` let anyone check a copy: by identifier, or by
  uploading the file, whose SHA-256 is computed while it streams in and compared with the
  published versions, and whose digital seal is validated offline (minutes.publication.signing). The
  upload is held in memory for that (at most ``max_upload_bytes()``) and never written
  anywhere.
* ``/minutes/<id>/preview.pdf`` renders an unpublished revision for its chair, the members
  present and the secretariat, stamped «پیش‌نویس», and stores nothing.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import logging
import re
import unicodedata
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from minutes.attachments import safe_filename
from minutes.models import Minutes
from minutes.policy import can_preview_minutes
from minutes.publication import signing
from minutes.publication.pdf import render_minutes_pdf
from minutes.publication.pdf_pending import PdfPending, pdf_pending_response
from minutes.publication.record import RecordMeeting, published_record
from minutes.publication.snapshot import build_snapshot
from persian.digits import to_latin_digits, to_persian_digits
from persian.jalali import format_date, format_datetime
from persian.text import remove_invisible

logger = logging.getLogger(__name__)

# A published PDF never changes under its URL (a correction is a new document id).
CACHE_CONTROL_PUBLISHED = "public, max-age=31536000, immutable"
# Room for the multipart envelope and the CSRF token around the file itself.
_MULTIPART_OVERHEAD = 64 * 1024
_DOCUMENT_ID = re.compile(r"[A-Z0-9][A-Z0-9-]{0,63}")


def max_upload_bytes() -> int:
    return settings.MINUTES_VERIFY_MAX_UPLOAD_BYTES


# --- helpers ------------------------------------------------------------------------------


def _published(document_id: str) -> Minutes:
    return get_object_or_404(
        Minutes.objects.select_related("meeting__committee", "meeting__workgroup"),
        document_id=document_id,
        status=Minutes.Status.PUBLISHED,
    )


def persian_filename(minutes: Minutes, *, draft: bool = False) -> str:
    """«صورتجلسه کارگروه … - جلسه ۳ سال ۱۴۰۳ - ویرایش ۱.pdf» (from the frozen snapshot
    when there is one)."""
    record = published_record(minutes.snapshot)
    meeting = record.meeting if record else RecordMeeting()
    body = (record.body.name if record else "") or minutes.meeting.body_name
    number = meeting.number or minutes.meeting.number
    year = meeting.jalali_year or minutes.meeting.jalali_year
    values = {"body": body, "number": number, "year": year, "revision": minutes.revision}
    if draft:
        text = gettext(
            "پیش‌نویس صورتجلسه %(body)s - جلسه %(number)s سال %(year)s - ویرایش %(revision)s"
        )
    else:
        text = gettext("صورتجلسه %(body)s - جلسه %(number)s سال %(year)s - ویرایش %(revision)s")
    return safe_filename(to_persian_digits(text % values)) + ".pdf"


def content_disposition(filename: str, fallback: str, *, attachment: bool) -> str:
    """RFC 6266 with an RFC 5987 UTF-8 name and a plain ASCII fallback for old clients."""
    fallback = re.sub(r"[^A-Za-z0-9._-]+", "_", fallback) or "minutes.pdf"
    disposition = "attachment" if attachment else "inline"
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _size_text(size: int | None) -> str:
    """«۸۶ کیلوبایت (۸۸٬۱۲۳ بایت)»."""
    if not size:
        return ""
    values = {"bytes": f"{size:,}".replace(",", "\u066c")}
    if size >= 1024 * 1024:
        values["amount"] = f"{size / 1024 / 1024:.1f}".replace(".", "\u066b")
        text = gettext("%(amount)s مگابایت (%(bytes)s بایت)") % values
    else:
        values["amount"] = str(max(1, round(size / 1024)))
        text = gettext("%(amount)s کیلوبایت (%(bytes)s بایت)") % values
    return to_persian_digits(text)


@dataclass
class PublishedVersion:
    """What the verification pages say about one published revision."""

    minutes: Minutes
    document_id: str
    revision: str
    body: str
    meeting_title: str
    meeting_number: str
    meeting_date: str
    published: str
    correction_reason: str
    sha256: str
    size: str
    has_pdf: bool
    pdf_url: str
    verify_url: str


def describe(minutes: Minutes) -> PublishedVersion:
    record = published_record(minutes.snapshot)
    meeting = record.meeting if record else RecordMeeting()
    live = minutes.meeting
    number = meeting.number or live.number
    year = meeting.jalali_year or live.jalali_year
    starts_at = meeting.starts_instant or live.starts_at
    return PublishedVersion(
        minutes=minutes,
        document_id=minutes.document_id or "",
        revision=to_persian_digits(minutes.revision),
        body=(record.body.name if record else "") or live.body_name,
        meeting_title=meeting.title or live.title,
        meeting_number=to_persian_digits(
            gettext("جلسه شماره %(number)s سال %(year)s") % {"number": number, "year": year}
        ),
        meeting_date=format_date(starts_at, with_weekday=True, lang="fa"),
        published=format_datetime(minutes.published_at, lang="fa"),
        correction_reason=minutes.correction_reason,
        sha256=minutes.sha256,
        size=_size_text(minutes.pdf_size),
        has_pdf=bool(minutes.pdf and minutes.sha256),
        pdf_url=reverse("minutes_pdf", args=[minutes.document_id]),
        verify_url=reverse("minutes_verify_document", args=[minutes.document_id]),
    )


def revision_chain(minutes: Minutes) -> list[PublishedVersion]:
    """Every published revision of the same meeting, oldest first."""
    rows = (
        Minutes.objects.filter(meeting_id=minutes.meeting_id, status=Minutes.Status.PUBLISHED)
        .select_related("meeting__committee", "meeting__workgroup")
        .order_by("revision")
    )
    return [describe(row) for row in rows]


# --- download -----------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredPdf:
    """What a download needs of a published revision's stored PDF. It never changes once
    stored (published minutes are immutable), so it is kept in the cache: a download then
    reads no row (the snapshot included) and only streams the file."""

    document_id: str
    name: str
    sha256: str
    published_at: datetime.datetime | None
    filename: str

    @property
    def etag(self) -> str:
        return f'"{self.sha256}"'


def stored_pdf(document_id: str) -> StoredPdf:
    """The stored PDF of a published revision (PdfPending while it is not stored yet)."""
    # The public caches' lifetime (portal/cache.py); 0 turns them off.
    seconds = settings.PORTAL_PAGE_CACHE_SECONDS
    key = f"minutes-pdf:{get_language()}:{document_id}"
    found = cache.get(key) if seconds > 0 else None
    if found is None:
        minutes = _published(document_id)
        if not minutes.pdf or not minutes.sha256:
            raise PdfPending(document_id)
        found = StoredPdf(
            document_id=minutes.document_id,
            name=minutes.pdf.name,
            sha256=minutes.sha256,
            published_at=minutes.published_at,
            filename=persian_filename(minutes),
        )
        if seconds > 0:
            cache.set(key, found, seconds)
    return found


@require_safe
def minutes_pdf(request: HttpRequest, document_id: str) -> HttpResponse:
    """The stored PDF of a published revision: cacheable forever, revalidated by ETag."""
    try:
        pdf = stored_pdf(document_id)
    except PdfPending:
        return pdf_pending_response(request, document_id)  # 503 «در حال تهیه PDF…»
    headers = HttpResponse()
    headers["ETag"] = pdf.etag
    headers["Cache-Control"] = CACHE_CONTROL_PUBLISHED
    if pdf.published_at:
        headers["Last-Modified"] = http_date(pdf.published_at.timestamp())
    conditional = get_conditional_response(
        request,
        etag=pdf.etag,
        last_modified=int(pdf.published_at.timestamp()) if pdf.published_at else None,
        response=headers,
    )
    if conditional is not headers:
        return conditional  # 304 Not Modified (or 412), with ETag and Cache-Control

    storage = Minutes._meta.get_field("pdf").storage
    try:
        size = storage.size(pdf.name)
        stream = storage.open(pdf.name, "rb") if request.method != "HEAD" else None
    except FileNotFoundError:
        logger.error("The stored PDF of %s is missing from storage.", document_id)
        raise Http404(_("فایل PDF این صورتجلسه یافت نشد.")) from None

    if stream is None:
        response = HttpResponse(content_type="application/pdf")
    else:
        # Streamed by the server's file wrapper (sendfile with gunicorn), not by Python.
        response = FileResponse(stream, content_type="application/pdf")
    for name, value in headers.items():
        if name != "Content-Type":
            response[name] = value
    response["Content-Length"] = str(size)
    response["Content-Disposition"] = content_disposition(
        pdf.filename,
        f"{pdf.document_id}.pdf",
        attachment=request.GET.get("download") == "1",
    )
    return response


# --- draft preview ------------------------------------------------------------------------


@require_safe
def minutes_draft_preview(request: HttpRequest, minutes_id: int) -> HttpResponse:
    """The unpublished minutes as a PDF stamped «پیش‌نویس», for the chair, the
    secretariat and the members present (minutes.policy.can_preview_minutes). 404 for
    everyone else (the draft's existence is not disclosed) and for a published revision,
    which has its stored copy."""
    minutes = get_object_or_404(
        Minutes.objects.select_related("meeting__committee", "meeting__workgroup"),
        pk=minutes_id,
    )
    if not can_preview_minutes(request.user, minutes):
        raise Http404
    data = render_minutes_pdf(build_snapshot(minutes, public=True), draft=True)
    response = HttpResponse(data, content_type="application/pdf")
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    response["Content-Disposition"] = content_disposition(
        persian_filename(minutes, draft=True), f"draft-{minutes.pk}.pdf", attachment=False
    )
    return response


# --- verification -------------------------------------------------------------------------


class HashedUpload(UploadedFile):
    """An upload: its SHA-256, its size, its first bytes and its content, in memory only
    (to validate its signature)."""

    def __init__(
        self,
        name: str,
        size: int,
        sha256: str,
        head: bytes,
        content_type: str,
        content: bytes = b"",
    ):
        super().__init__(io.BytesIO(), name, content_type, size)
        self.sha256 = sha256
        self.head = head
        self.content = content


class HashingUploadHandler(FileUploadHandler):
    """Computes the SHA-256 of the file field ``file`` chunk by chunk as it arrives and
    keeps its bytes in memory for the signature check, never on disk: no temporary file.
    Other files are skipped, and a file larger than ``max_bytes`` is dropped
    (``too_large`` tells the view)."""

    field_name_wanted = "file"

    def __init__(self, request=None, *, max_bytes: int):
        super().__init__(request)
        self.max_bytes = max_bytes
        self.too_large = False
        self._hasher = None
        self._seen = False
        self._size = 0
        self._head = b""
        self._content = io.BytesIO()

    def new_file(self, field_name, *args, **kwargs):
        super().new_file(field_name, *args, **kwargs)
        if field_name != self.field_name_wanted or self._seen:
            raise SkipFile
        self._seen = True
        self._hasher = hashlib.sha256()

    def receive_data_chunk(self, raw_data: bytes, start: int):
        self._size += len(raw_data)
        if self._size > self.max_bytes:
            self.too_large = True
            self._hasher = None
            raise SkipFile
        if len(self._head) < 8:
            self._head += raw_data[: 8 - len(self._head)]
        self._hasher.update(raw_data)
        self._content.write(raw_data)
        return None

    def file_complete(self, file_size: int):
        if self._hasher is None:
            return None
        upload = HashedUpload(
            self.file_name or "upload.pdf",
            self._size,
            self._hasher.hexdigest(),
            self._head,
            self.content_type or "application/octet-stream",
            self._content.getvalue(),
        )
        self._hasher = None
        self._content = io.BytesIO()
        return upload


class DocumentLookupForm(forms.Form):
    document_id = forms.CharField(
        label=_("شناسه سند"),
        max_length=80,
        help_text=_("شناسه‌ای که در پانویس هر صفحه صورتجلسه، کنار «شناسه سند»، چاپ شده است."),
        widget=forms.TextInput(
            attrs={
                "dir": "ltr",
                "autocomplete": "off",
                "spellcheck": "false",
                "placeholder": "RASHT-WG2-1403-003-R1",
            }
        ),
    )

    def clean_document_id(self) -> str:
        # People copy identifiers out of PDFs (with bidi marks) or type Persian digits.
        value = unicodedata.normalize("NFKC", self.cleaned_data["document_id"])
        value = to_latin_digits(remove_invisible(value)).strip().upper().replace("_", "-")
        if not _DOCUMENT_ID.fullmatch(value):
            raise forms.ValidationError(
                _("شناسه سند فقط از حروف لاتین، رقم و خط تیره تشکیل شده است.")
            )
        return value


class PdfUploadForm(forms.Form):
    file = forms.FileField(
        label=_("فایل PDF صورتجلسه"),
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def __init__(self, *args, too_large: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        self.limit = to_persian_digits(round(max_upload_bytes() / (1024 * 1024)))
        self.fields["file"].help_text = gettext(
            "حداکثر %(limit)s مگابایت. فایل فقط برای محاسبه چکیده SHA-256 و بررسی امضای "
            "دیجیتال آن، در حافظه، خوانده می‌شود و هیچ‌جا ذخیره نمی‌شود."
        ) % {"limit": self.limit}
        if too_large:
            # The file was dropped for its size; say that, not that it is missing.
            self.fields["file"].required = False

    def clean(self):
        if self.too_large:
            raise forms.ValidationError(
                _("حجم فایل بیش از حد مجاز (%(limit)s مگابایت) است؛ صورتجلسه‌های منتشرشده کوچک‌ترند.")
                % {"limit": self.limit}
            )
        return super().clean()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if self.too_large:
            return upload
        if not isinstance(upload, HashedUpload):
            raise forms.ValidationError(_("فایل دریافت نشد؛ دوباره تلاش کنید."))
        return upload


@dataclass
class SealView:
    """What the page says of an uploaded file's digital seal (minutes.publication.signing)."""

    report: signing.SignatureReport
    tone: str  # "ok", "warn" or "bad"
    headline: str
    facts: list[tuple[str, str]]
    notes: list[str]


_LEVELS = {
    "B-B": _("PAdES B-B (امضای پایه، بدون مهر زمانی)"),
    "B-T": _("PAdES B-T (با مهر زمانی مرجع زمان‌نما)"),
    "B-LT": _("PAdES B-LT (با مهر زمانی و اطلاعات ابطال، برای بررسی بلندمدت بدون اینترنت)"),
    "B-LTA": _("PAdES B-LTA (با مهر زمانی سند برای نگهداری بلندمدت)"),
}


def describe_seal(report: signing.SignatureReport) -> SealView:
    """The verdict and the facts of a signature report, in the interface language."""
    if report.status == "unsigned":
        return SealView(
            report,
            "bad",
            gettext("این فایل امضای دیجیتال ندارد."),
            [],
            [
                gettext(
                    "همه صورتجلسه‌های منتشرشده پس از انتشار مهر الکترونیکی می‌خورند؛ فایل "
                    "بی‌امضا نسخه منتشرشده نیست یا پس از انتشار دوباره ذخیره یا چاپ شده است."
                )
            ],
        )
    if report.status == "unreadable":
        return SealView(
            report,
            "bad",
            gettext("این فایل PDF خوانا نیست و امضایی در آن برای بررسی پیدا نشد."),
            [],
            [],
        )
    if report.status == "broken":
        return SealView(
            report,
            "bad",
            gettext("امضای دیجیتال این فایل خراب است و بررسی‌پذیر نیست."),
            [],
            [gettext("فایل پس از امضا دستکاری یا ناقص شده است.")],
        )

    if not report.intact:
        tone, headline = "bad", gettext("امضای دیجیتال باطل است: فایل پس از امضا تغییر کرده است.")
    elif report.appended == "no-content-change" and report.docmdp_ok is not False:
        tone, headline = (
            "warn",
            gettext(
                "امضا سالم است، اما پس از امضا به‌روزرسانی‌ای به فایل افزوده شده است "
                "(بدون تغییر در محتوا)."
            ),
        )
    elif report.appended == "changes" or report.docmdp_ok is False:
        tone, headline = (
            "bad",
            gettext("امضا سالم است، اما پس از امضا تغییراتی به فایل افزوده شده است."),
        )
    elif not report.trusted:
        tone, headline = (
            "warn",
            gettext("امضا سالم است، اما گواهی امضاکننده به ریشه‌های مورد اعتماد این سامانه نمی‌رسد."),
        )
    else:
        tone, headline = "ok", gettext("مهر الکترونیکی این فایل معتبر است.")

    lang = "en" if (get_language() or "fa").startswith("en") else "fa"
    when = format_datetime(report.signed_at, lang=lang) if report.signed_at else ""
    if report.timestamped:
        when_label = gettext("%(time)s — زمان مهر زمانی مرجع زمان‌نما") % {"time": when}
    elif when:
        when_label = gettext("%(time)s — زمانی که امضاکننده اعلام کرده (بدون مهر زمانی)") % {
            "time": when
        }
    else:
        when_label = gettext("نامعلوم")
    if report.appended == "none":
        appended = gettext("خیر؛ امضا کل فایل را پوشش می‌دهد.")
    elif report.appended == "no-content-change":
        appended = gettext(
            "بله؛ به‌روزرسانی‌ای افزوده شده که محتوای سند را تغییر نمی‌دهد (داده‌های "
            "اعتبارسنجی، مهر زمانی سند یا فراداده)."
        )
    else:
        appended = gettext("بله؛ پس از امضا تغییراتی به فایل افزوده شده است.")
    facts = [
        (
            gettext("سلامت امضا"),
            gettext("سالم — محتوای امضاشده تغییر نکرده است")
            if report.intact
            else gettext("باطل — محتوای امضاشده تغییر کرده است"),
        ),
        (gettext("امضاکننده"), report.signer),
    ]
    if report.signer_organization and report.signer_organization != report.signer:
        facts.append((gettext("سازمان در گواهی"), report.signer_organization))
    facts.append((gettext("زمان امضا"), when_label))
    if report.intact:
        # Trust and coverage mean something only for an intact signature.
        facts.append(
            (
                gettext("زنجیره گواهی"),
                gettext("به ریشه مورد اعتماد می‌رسد")
                if report.trusted
                else gettext("به ریشه مورد اعتماد نمی‌رسد"),
            )
        )
        facts.append((gettext("تغییر پس از امضا"), appended))
    if report.certification:
        facts.append(
            (
                gettext("نوع امضا"),
                gettext("امضای تأیید سند؛ هیچ تغییری پس از امضا مجاز نیست")
                if report.no_changes_allowed
                else gettext("امضای تأیید سند"),
            )
        )
    if report.level:
        facts.append((gettext("سطح PAdES"), str(_LEVELS.get(report.level, report.level))))
    notes = []
    if report.demo:
        notes.append(
            gettext(
                "این فایل با گواهی آزمایشی امضا شده است (فقط برای نمایش)؛ این امضا مهر واقعی "
                "شهرداری نیست."
            )
        )
    if report.signatures > 1:
        notes.append(
            gettext(
                "این فایل %(count)s امضا دارد؛ این صفحه امضای نخست (مهر انتشار) را بررسی می‌کند."
            )
            % {"count": to_persian_digits(report.signatures) if lang == "fa" else report.signatures}
        )
    return SealView(report, tone, headline, facts, notes)


@dataclass
class UploadResult:
    sha256: str
    size: str
    is_pdf: bool
    match: PublishedVersion | None
    latest: PublishedVersion | None  # the latest published revision, when the match is older
    seal: SealView | None = None


def check_upload(upload: HashedUpload) -> UploadResult:
    """The byte-for-byte comparison with the published versions, and the seal check."""
    result = _check_upload(upload)
    report = (
        signing.verify_pdf(upload.content)
        if result.is_pdf
        else signing.SignatureReport(status="unreadable")
    )
    result.seal = describe_seal(report)
    return result


def _check_upload(upload: HashedUpload) -> UploadResult:
    match = (
        Minutes.objects.filter(sha256=upload.sha256, status=Minutes.Status.PUBLISHED)
        .select_related("meeting__committee", "meeting__workgroup")
        .first()
    )
    found = describe(match) if match else None
    latest = None
    if match:
        newest = (
            Minutes.objects.filter(meeting_id=match.meeting_id, status=Minutes.Status.PUBLISHED)
            .order_by("-revision")
            .first()
        )
        if newest and newest.pk != match.pk:
            latest = describe(newest)
    return UploadResult(
        sha256=upload.sha256,
        size=_size_text(upload.size),
        is_pdf=upload.head.startswith(b"%PDF-"),
        match=found,
        latest=latest,
    )


def _upload_too_large(request: HttpRequest) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > max_upload_bytes() + _MULTIPART_OVERHEAD


def _install_hashing_handler(request: HttpRequest) -> HashingUploadHandler:
    # Replaces Django's handlers (memory up to 2.5 MB, then a temporary file on disk):
    # the upload is only ever hashed. Must happen before anything reads request.POST,
    # hence the csrf_exempt outer view and the csrf_protect inner one.
    handler = HashingUploadHandler(request, max_bytes=max_upload_bytes())
    request.upload_handlers = [handler]
    return handler


def _verification_page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    handler: HashingUploadHandler | None,
    too_large: bool,
) -> HttpResponse:
    status = 200
    result = None
    if request.method == "POST":
        if too_large:
            upload_form = PdfUploadForm(too_large=True, data={}, files={})
            upload_form.is_valid()
            status = 413
        else:
            upload_form = PdfUploadForm(
                request.POST, request.FILES, too_large=bool(handler and handler.too_large)
            )
            if upload_form.is_valid():
                result = check_upload(upload_form.cleaned_data["file"])
            else:
                status = 413 if handler and handler.too_large else 400
    else:
        upload_form = PdfUploadForm()
    context.update(
        {
            "upload_form": upload_form,
            "result": result,
        }
    )
    return render(request, template, context, status=status)


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def minutes_verify(request: HttpRequest) -> HttpResponse:
    """Look a document up by its identifier, or check an uploaded file byte for byte."""
    if request.method == "POST" and _upload_too_large(request):
        # Refused before reading the body; nothing is changed, so no CSRF check is needed.
        return _verification_page(request, "minutes/verify.html", _lookup(request), None, True)
    handler = _install_hashing_handler(request) if request.method == "POST" else None
    return _verify_protected(request, handler)


@csrf_protect
def _verify_protected(request: HttpRequest, handler: HashingUploadHandler | None):
    context = _lookup(request)
    if context.get("redirect"):
        return HttpResponseRedirect(context["redirect"])
    return _verification_page(request, "minutes/verify.html", context, handler, False)


def _lookup(request: HttpRequest) -> dict[str, Any]:
    if "document_id" not in request.GET:
        return {"lookup_form": DocumentLookupForm(), "not_found": ""}
    form = DocumentLookupForm(request.GET)
    if not form.is_valid():
        return {"lookup_form": form, "not_found": ""}
    document_id = form.cleaned_data["document_id"]
    exists = Minutes.objects.filter(
        document_id=document_id, status=Minutes.Status.PUBLISHED
    ).exists()
    if exists:
        return {
            "lookup_form": form,
            "redirect": reverse("minutes_verify_document", args=[document_id]),
        }
    return {"lookup_form": form, "not_found": document_id}


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def minutes_verify_document(request: HttpRequest, document_id: str) -> HttpResponse:
    """One published document: its SHA-256, publication, size and chain of revisions, and
    a form to check a copy against it."""
    if request.method == "POST" and _upload_too_large(request):
        return _document_page(request, document_id, None, True)
    handler = _install_hashing_handler(request) if request.method == "POST" else None
    return _document_protected(request, document_id, handler)


@csrf_protect
def _document_protected(request, document_id, handler):
    return _document_page(request, document_id, handler, False)


def _document_page(request, document_id, handler, too_large):
    minutes = _published(document_id)
    chain = revision_chain(minutes)
    context = {
        "document": describe(minutes),
        "chain": chain,
        "latest": chain[-1] if chain else None,
    }
    return _verification_page(request, "minutes/verify_document.html", context, handler, too_large)
