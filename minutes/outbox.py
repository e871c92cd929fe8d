"""The outbox: every email the tool sends or tries to send, on record, and sent by the worker.

One door for every email (invitations, reminders, notifications): ``queue_email`` writes an
``OutboxEmail`` row in the caller's transaction and, once that transaction commits, queues
the ``deliver_email`` task (minutes/tasks.py's backend: the database queue under ``make run``
and in production, at once in the tests). So an email exists only if the change that caused
it was saved, and a change is never lost or half-written because the mail server is down:
the row stays, and the task tries again with a growing delay
(``DJANGO_EMAIL_RETRY_SECONDS`` × 2ⁿ, ``DJANGO_EMAIL_MAX_ATTEMPTS`` tries in all) before the
email is shown as failed; the secretariat can then send it again (``retry``).

A row is sent by one task run at a time: ``deliver_email`` claims it under a row lock with a
lease (``LEASE``) and returns at once when it is already sent or claimed. A worker killed
mid-send leaves the row queued; once the lease has passed, ``manage.py send_queued_emails``
(cron, docs/deploy.md) queues it again. One killed after the mail server took the email but
before the row was marked may send it a second time (at least once, never lost).

``dedupe_key`` makes an email idempotent where a scheduled run may repeat (reminders): a
second ``queue_email`` with the same key finds the first and queues nothing.
"""

from __future__ import annotations

import base64
import datetime
import logging
import re
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


# What each kind of email is called on the outbox pages; a kind not listed shows its code.
KIND_LABELS = {
    "invite": _("دعوت‌نامه"),
    "reschedule": _("تغییر زمان یا محل جلسه"),
    "cancel": _("لغو جلسه"),
    # The notifications' emails (minutes.notices.Notification.Kind, the same labels).
    "question_accepted": _("پرسش پذیرفته شد"),
    "question_declined": _("پرسش پذیرفته نشد"),
    "minutes_submitted": _("صورتجلسه برای تأیید فرستاده شد"),
    "minutes_draft": _("پیش‌نویس صورتجلسه برای حاضران"),
    "minutes_approved": _("صورتجلسه تأیید شد"),
    "minutes_published": _("صورتجلسه منتشر شد"),
    "decision_assigned": _("مسئولیت اجرای مصوبه"),
    "follow_up": _("پیگیری مصوبه"),
    # The reminders (minutes/reminders.py).
    "invitation_reminder": _("یادآوری دعوت‌نامه"),
    "decision_deadline": _("یادآوری مهلت مصوبه"),
    "overdue_digest": _("گزارش هفتگی مصوبات عقب‌افتاده"),
}
# The emails to citizens about their demands (demands/notifications.py: demand.<step>).
DEMAND_KIND_LABEL = _("خبر مطالبه به شهروند")


class OutboxEmailQuerySet(models.QuerySet):
    def failed(self) -> OutboxEmailQuerySet:
        return self.filter(status=OutboxEmail.Status.FAILED)

    def visible_to(self, who) -> OutboxEmailQuerySet:
        """The emails ``who`` may read on the outbox pages: those about the meetings of the
        committees whose secretariat they are; every one (also those about no meeting) for
        a superuser."""
        from minutes.visibility import Viewer

        viewer = Viewer.of(who)
        if viewer.superuser:
            return self
        if not viewer.authenticated:
            return self.none()
        return self.filter(meeting__committee__in=viewer.managed_committees.values("pk"))

    def failed_first(self) -> OutboxEmailQuerySet:
        """Failed ones first, then those still waiting, then the sent; newest first in each."""
        from django.db.models import Case, IntegerField, Value, When

        rank = Case(
            When(status=OutboxEmail.Status.FAILED, then=Value(0)),
            When(status=OutboxEmail.Status.QUEUED, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
        return self.alias(rank=rank).order_by("rank", "-queued_at", "-pk")

    def due(self, now: datetime.datetime | None = None) -> OutboxEmailQuerySet:
        """Queued emails whose next try is due (for the sweep after a lost task)."""
        now = now or timezone.now()
        return self.filter(status=OutboxEmail.Status.QUEUED).filter(
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
        )


class OutboxEmail(models.Model):
    """One email to one address: what was sent, to whom, when, and what went wrong."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("در صف ارسال")
        SENT = "sent", _("ارسال شد")
        FAILED = "failed", _("ارسال نشد")

    kind = models.CharField(_("نوع"), max_length=40)
    to = models.EmailField(_("گیرنده"))
    person = models.ForeignKey(
        "committee.Person",
        verbose_name=_("شخص"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="emails",
    )
    meeting = models.ForeignKey(
        "minutes.Meeting",
        verbose_name=_("جلسه"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="emails",
    )
    invitation = models.ForeignKey(
        "minutes.Invitation",
        verbose_name=_("دعوت‌نامه"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="emails",
    )
    subject = models.CharField(_("موضوع"), max_length=300)
    text = models.TextField(_("متن"))
    html = models.TextField(_("متن HTML"), blank=True)
    # [{"filename", "mimetype", "content" (base64), "params": {…}}]; params are added to
    # the part's Content-Type (a calendar's METHOD).
    attachments = models.JSONField(_("پیوست‌ها"), default=list, blank=True)
    dedupe_key = models.CharField(_("کلید یکتایی"), max_length=200, blank=True)
    status = models.CharField(
        _("وضعیت"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("تعداد تلاش"), default=0)
    queued_at = models.DateTimeField(_("زمان ثبت در صف"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("تلاش بعدی"), null=True, blank=True)
    sent_at = models.DateTimeField(_("زمان ارسال"), null=True, blank=True)
    last_error = models.TextField(_("آخرین خطا"), blank=True)

    objects = OutboxEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("ایمیل")
        verbose_name_plural = _("صندوق ایمیل‌های ارسالی")
        ordering = ["-queued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dedupe_key"],
                condition=~Q(dedupe_key=""),
                name="outbox_email_once_per_key",
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"

    @property
    def kind_label(self) -> str:
        if self.kind in KIND_LABELS:
            return str(KIND_LABELS[self.kind])
        return str(DEMAND_KIND_LABEL) if self.kind.startswith("demand.") else self.kind

    def message(self, connection=None) -> EmailMultiAlternatives:
        """The email as Django sends it: text, the HTML alternative, the attachments."""
        message = EmailMultiAlternatives(
            self.subject,
            self.text,
            settings.DEFAULT_FROM_EMAIL,
            [self.to],
            connection=connection,
        )
        if self.html:
            message.attach_alternative(self.html, "text/html")
        for item in self.attachments:
            part = _mime_part(item)
            if part is not None:
                message.attach(part)
        return message


@dataclass(frozen=True)
class Attachment:
    filename: str
    mimetype: str
    content: bytes
    params: dict[str, str] | None = None

    def as_json(self) -> dict:
        return {
            "filename": self.filename,
            "mimetype": self.mimetype,
            "content": base64.b64encode(self.content).decode("ascii"),
            "params": self.params or {},
        }


@dataclass(frozen=True)
class AgendaAttachment:
    """The meeting's agenda (دستور جلسه) as PDF, rendered by the worker when the email is
    sent rather than in the request that queued it: the row keeps only which meeting and
    which version of its schedule (the invitation sequence), and one rendering serves every
    email of that version a worker sends within ``AGENDA_MEMO_SECONDS``. ``version`` is a
    digest of what the paper shows (minutes.notifications.agenda_version), so an edit made
    between two emails is never served from the memo."""

    meeting_id: int
    version: str
    filename: str

    def as_json(self) -> dict:
        return {
            "filename": self.filename,
            "mimetype": "application/pdf",
            "render": "agenda",
            "meeting": self.meeting_id,
            "version": self.version,
        }


AGENDA_MEMO_SECONDS = 600
_agenda_memo: dict[tuple[int, str], tuple[float, bytes]] = {}


def _agenda_pdf(meeting_id: int, version: str) -> bytes | None:
    """The public agenda of a meeting (minutes/publication/agenda.py), or None when it
    cannot be made (the meeting is gone, the renderer failed: logged): the email then goes
    without it, since it links to the meeting page where the agenda is downloaded."""
    import time

    now = time.monotonic()
    key = (meeting_id, version)
    kept = _agenda_memo.get(key)
    if kept is not None and now - kept[0] < AGENDA_MEMO_SECONDS:
        return kept[1]
    try:
        from minutes.models import Meeting
        from minutes.publication.agenda import render_agenda_pdf  # heavy: on demand

        meeting = Meeting.objects.select_related("committee", "workgroup").get(pk=meeting_id)
        data = render_agenda_pdf(meeting, viewer=None)
    except Exception:
        logger.exception("The agenda PDF of meeting %s was not rendered", meeting_id)
        return None
    for old in [k for k, (at, _data) in _agenda_memo.items() if now - at >= AGENDA_MEMO_SECONDS]:
        del _agenda_memo[old]
    _agenda_memo[key] = (now, data)
    return data


def _mime_part(item: dict):
    from email.mime.application import MIMEApplication
    from email.mime.text import MIMEText

    if item.get("render") == "agenda":
        content = _agenda_pdf(item["meeting"], str(item.get("version", "")))
        if content is None:
            return None
    else:
        content = base64.b64decode(item["content"])
    maintype, _sep, subtype = item["mimetype"].partition("/")
    if maintype == "text":
        part = MIMEText(content.decode("utf-8"), subtype, "utf-8")
    else:
        part = MIMEApplication(content, subtype)
        if maintype != "application":
            part.set_type(item["mimetype"])
    for name, value in (item.get("params") or {}).items():
        part.set_param(name, value)
    part.add_header("Content-Disposition", "attachment", filename=item["filename"])
    return part


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def render_email(name: str, context: dict) -> Rendered:
    """An email from its three templates, in Persian: ``email/<name>.subject.txt`` (one
    line), ``email/<name>.txt`` (the plain text) and ``email/<name>.html`` (HTML with inline
    styles only, extending ``email/base.html``; the text one extends ``email/base.txt``)."""
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("fa"):
        subject = " ".join(render_to_string(f"email/{name}.subject.txt", context).split())
        context = context | {"subject": subject}
        text = render_to_string(f"email/{name}.txt", context).strip() + "\n"
        # Blocks left empty (no agenda, no links) would leave runs of blank lines.
        text = re.sub(r"\n[ \t]*(\n[ \t]*){2,}", "\n\n", text)
        html = render_to_string(f"email/{name}.html", context)
    return Rendered(subject, text, html)


def absolute_url(path: str) -> str:
    """``path`` as a link an email can carry: on PUBLIC_BASE_URL, or on the development
    server's address (``make run``) where that is not set outside production."""
    base = settings.PUBLIC_BASE_URL.rstrip("/") or "http://127.0.0.1:8000"
    return f"{base}{path}"


def queue_email(
    *,
    kind: str,
    to: str,
    subject: str,
    text: str,
    html: str = "",
    person=None,
    meeting=None,
    invitation=None,
    attachments: list[Attachment] | tuple[Attachment, ...] = (),
    dedupe_key: str = "",
) -> OutboxEmail | None:
    """Record one email and send it once the current transaction commits.

    Returns the new row, or None when ``dedupe_key`` was already used (the email was queued
    before: a repeated reminder run) or there is no address."""
    if not to:
        return None
    fields = dict(
        kind=kind,
        to=to,
        # A line break in a subject would make the header refused at sending time.
        subject=" ".join(subject.split())[:300],
        text=text,
        html=html,
        person=person,
        meeting=meeting,
        invitation=invitation,
        attachments=[item.as_json() for item in attachments],
        dedupe_key=dedupe_key,
    )
    if dedupe_key:
        if OutboxEmail.objects.filter(dedupe_key=dedupe_key).exists():
            return None
        try:
            with transaction.atomic():
                email = OutboxEmail.objects.create(**fields)
        except IntegrityError:  # a concurrent run took the key first
            return None
    else:
        email = OutboxEmail.objects.create(**fields)
    transaction.on_commit(lambda: enqueue_delivery(email.pk))
    return email


def enqueue_delivery(email_id: int, *, run_after: datetime.datetime | None = None) -> None:
    from minutes.tasks import deliver_email

    task = deliver_email
    if run_after is not None and task.get_backend().supports_defer:
        task = task.using(run_after=run_after)
    task.enqueue(email_id)


def retry_delay(attempts: int) -> datetime.timedelta:
    """How long to wait after the ``attempts``-th failed try: the base, doubled each time."""
    return datetime.timedelta(seconds=settings.EMAIL_RETRY_SECONDS * 2 ** max(attempts - 1, 0))


# How long a worker holds an email it is sending before another may take it (a worker
# killed mid-send): longer than any SMTP exchange.
LEASE = datetime.timedelta(minutes=10)


def deliver(email_id: int) -> bool:
    """Send one queued email: True when this call sent it.

    The row is claimed first (a lease of ``LEASE`` in ``next_attempt_at``, under a row lock),
    so two workers never send it both and the database is not held while the mail server
    answers; a failure is recorded with its error and tried again later, up to
    EMAIL_MAX_ATTEMPTS tries, then the email is marked failed."""
    now = timezone.now()
    with transaction.atomic():
        email = (
            OutboxEmail.objects.select_for_update()
            .filter(pk=email_id, status=OutboxEmail.Status.QUEUED)
            .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
            .first()
        )
        if email is None:
            return False
        email.attempts += 1
        email.next_attempt_at = now + LEASE
        email.save(update_fields=["attempts", "next_attempt_at"])
    try:
        _send(email)
    except Exception as error:  # the mail server's refusal, a lost connection, …
        logger.warning("Email %s to %s not sent: %s", email.pk, email.to, error)
        failed = email.attempts >= settings.EMAIL_MAX_ATTEMPTS
        next_attempt = None if failed else timezone.now() + retry_delay(email.attempts)
        with transaction.atomic():
            OutboxEmail.objects.filter(pk=email.pk).update(
                last_error=f"{type(error).__name__}: {error}"[:2000],
                status=OutboxEmail.Status.FAILED if failed else OutboxEmail.Status.QUEUED,
                next_attempt_at=next_attempt,
            )
            if not failed:
                transaction.on_commit(lambda: _retry_later(email.pk, next_attempt))
        return False
    sent_at = timezone.now()
    with transaction.atomic():
        OutboxEmail.objects.filter(pk=email.pk).update(
            status=OutboxEmail.Status.SENT, sent_at=sent_at, next_attempt_at=None, last_error=""
        )
        if email.invitation_id is not None:
            from minutes.models import Invitation

            Invitation.objects.filter(pk=email.invitation_id, sent_at__isnull=True).update(
                sent_at=sent_at
            )
    return True


class _Connections(threading.local):
    """The mail server connection of this thread, kept open between emails: a worker sends
    one email per task, and a new SMTP session for each (connect, EHLO, perhaps STARTTLS
    and a login, QUIT) would cost more than the email. One that has been idle for longer
    than ``IDLE`` is closed first (servers drop idle sessions after a few minutes)."""

    IDLE = 60.0

    def __init__(self) -> None:
        self.backend = None
        self.key: tuple = ()
        self.used_at = 0.0

    def get(self):
        key = (
            settings.EMAIL_BACKEND,
            getattr(settings, "EMAIL_HOST", ""),
            getattr(settings, "EMAIL_PORT", 0),
            getattr(settings, "EMAIL_HOST_USER", ""),
        )
        if self.backend is not None and (
            key != self.key or time.monotonic() - self.used_at > self.IDLE
        ):
            self.drop()
        if self.backend is None:
            self.backend = get_connection(fail_silently=False)
            self.key = key
        return self.backend

    def drop(self) -> None:
        backend, self.backend = self.backend, None
        if backend is not None:
            try:
                backend.close()
            except Exception:  # the session is being thrown away anyway
                logger.debug("Closing the mail connection failed", exc_info=True)


_connections = _Connections()


def _send(email: OutboxEmail) -> None:
    """Send over this thread's open session; a session the server has dropped in the
    meantime is opened again once, and a refusal leaves no half-open session behind."""
    from smtplib import SMTPServerDisconnected

    reused = _connections.backend is not None
    backend = _connections.get()
    try:
        backend.open()
        email.message(connection=backend).send()
    except SMTPServerDisconnected:
        _connections.drop()
        if not reused:
            raise
        backend = _connections.get()
        backend.open()
        email.message(connection=backend).send()
    except Exception:
        _connections.drop()
        raise
    _connections.used_at = time.monotonic()


def _retry_later(email_id: int, run_after: datetime.datetime | None) -> None:
    from minutes.tasks import deliver_email

    if deliver_email.get_backend().supports_defer:
        enqueue_delivery(email_id, run_after=run_after)
    # Without a deferring backend (the immediate one) the email waits, queued, for
    # `manage.py send_queued_emails` or the secretariat's «ارسال دوباره».


def retry(email: OutboxEmail) -> None:
    """Send a failed (or waiting) email again, as a new series of tries."""
    with transaction.atomic():
        OutboxEmail.objects.filter(pk=email.pk).exclude(status=OutboxEmail.Status.SENT).update(
            status=OutboxEmail.Status.QUEUED, attempts=0, next_attempt_at=None
        )
        transaction.on_commit(lambda: enqueue_delivery(email.pk))


def failed_email_count(viewer) -> int:
    """How many emails ``viewer`` (a user or a minutes.visibility.Viewer) may see on the
    outbox pages have failed for good: the secretariat's inbox counts them."""
    return OutboxEmail.objects.visible_to(viewer).failed().count()


def send_due(now: datetime.datetime | None = None) -> int:
    """Queue a delivery for every queued email whose try is due (after a lost task, or under
    a backend that cannot defer); how many."""
    count = 0
    for pk in OutboxEmail.objects.due(now).values_list("pk", flat=True):
        enqueue_delivery(pk)
        count += 1
    return count
