"""The secretariat's inbox (کارتابل): the work waiting for it, each kind with its count and
a link to where it is done. The page (``/inbox/``) and the count in every page's header
(``{% inbox_total %}``, portal/templatetags/inbox.py) both read :func:`counts`.

Each kind of work is one :class:`Entry` in :data:`ENTRIES`: a label, who sees it, how many
there are (one COUNT query), the first few for the page, and where all of them are handled.
Another kind (say, emails that failed) is one more Entry in that list.

It lives in the portal because comments waiting for moderation are the portal's; the rest
is the internal record of the committees whose secretariat the viewer is
(``Viewer.managed_committees``; every committee for a superuser).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from committee.models import Committee
from minutes.models import Decision, Minutes, OutboxEmail, Question
from minutes.visibility import Viewer
from persian.digits import localized_digits
from persian.jalali import format_datetime
from portal.models import Comment

# How many of each kind the page lists (the count says how many there are in all).
SHOWN = 10
ALL = _("همه")


@dataclass(frozen=True)
class Item:
    """One piece of work on the page: what, where it is done, and a line of detail."""

    title: str
    url: str
    detail: str = ""


def _always(viewer: Viewer) -> bool:
    return True


def _nowhere(viewer: Viewer) -> str | None:
    return None


@dataclass(frozen=True)
class Entry:
    """One kind of work waiting.

    ``rows(viewer)`` is a queryset of it, counted in one query; ``item`` turns one row into
    an :class:`Item` for the page (or ``listing(viewer, limit)`` lists the page's items some
    other way); ``more_url`` is where all of them are handled, if one page does; ``applies``
    says who among the secretariat sees this kind (everyone by default)."""

    key: str
    label: Promise | str
    empty: Promise | str
    rows: Callable[[Viewer], QuerySet]
    item: Callable[[Any], Item] | None = None
    listing: Callable[[Viewer, int], list[Item]] | None = None
    more_url: Callable[[Viewer], str | None] = _nowhere
    more_label: Promise | str = ALL
    applies: Callable[[Viewer], bool] = _always

    def count(self, viewer: Viewer) -> int:
        return self.rows(viewer).count()

    def items(self, viewer: Viewer, limit: int = SHOWN) -> list[Item]:
        if self.listing is not None:
            return self.listing(viewer, limit)
        assert self.item is not None, f"inbox entry {self.key} lists nothing"
        return [self.item(row) for row in self.rows(viewer)[:limit]]


def is_secretariat(viewer: Viewer) -> bool:
    """Whether the viewer has an inbox: the secretariat of some committee, or a superuser."""
    return viewer.superuser or bool(viewer.managed_committee_ids)


def _ours(viewer: Viewer) -> frozenset[int]:
    return viewer.managed_committee_ids


# --- The kinds of work ---------------------------------------------------------------------------


def _questions(viewer: Viewer) -> QuerySet:
    return (
        Question.objects.filter(
            meeting__committee__in=_ours(viewer), status=Question.Status.PROPOSED
        )
        .select_related("meeting__workgroup", "meeting__committee", "author__organization")
        .order_by("meeting__starts_at", "created_at", "pk")
    )


def _question_item(question) -> Item:
    return Item(
        title=question.title,
        url=f"{question.meeting.get_absolute_url()}#questions",
        detail=f"{question.author} — {question.meeting.title}",
    )


def _comments(viewer: Viewer) -> QuerySet:
    return Comment.objects.filter(
        status=Comment.Status.PENDING, minutes__meeting__committee__in=_ours(viewer)
    )


def _comment_items(viewer: Viewer, limit: int) -> list[Item]:
    """A line per committee, its moderation page and how many wait there (none too: the
    page also holds what was decided before)."""
    waiting = dict(
        _comments(viewer)
        .order_by()
        .values("minutes__meeting__committee")
        .annotate(n=Count("pk"))
        .values_list("minutes__meeting__committee", "n")
    )
    committees = Committee.objects.filter(pk__in=_ours(viewer)).order_by("name")[:limit]
    return [
        Item(
            title=committee.name,
            url=reverse("portal_moderation", args=[committee.slug]),
            detail=localized_digits(
                _("%(count)s دیدگاه در انتظار بررسی") % {"count": waiting.get(committee.pk, 0)}
            ),
        )
        for committee in committees
    ]


def _minutes(status: str) -> Callable[[Viewer], QuerySet]:
    def rows(viewer: Viewer) -> QuerySet:
        return (
            Minutes.objects.filter(meeting__committee__in=_ours(viewer), status=status)
            .select_related("meeting__workgroup", "meeting__committee")
            .order_by("meeting__starts_at", "pk")
        )

    return rows


def _minutes_item(minutes) -> Item:
    meeting = minutes.meeting
    return Item(
        title=meeting.title, url=f"{meeting.get_absolute_url()}#minutes", detail=meeting.body_name
    )


def _overdue(viewer: Viewer) -> QuerySet:
    """Overdue decisions of published minutes (before publication a deadline is a draft's),
    as the dashboard lists them."""
    published = Minutes.objects.filter(meeting=OuterRef("meeting_id"), status="published")
    return (
        Decision.objects.filter(meeting__committee__in=_ours(viewer))
        .filter(Exists(published))
        .overdue()
        .select_related("meeting__workgroup", "meeting__committee")
        .order_by("deadline", "pk")
    )


def _overdue_item(decision) -> Item:
    meeting = decision.meeting
    return Item(
        title=decision.text[:120],
        url=f"{meeting.get_absolute_url()}#decision-{decision.pk}",
        detail=str(meeting.title),
    )


def _sees_tasks(viewer: Viewer) -> bool:
    """The background tasks are the whole installation's, seen in the admin by whoever may
    view them there (the secretariat's staff group, superusers)."""
    user = viewer.user
    return bool(user.is_staff and user.has_perm("django_tasks_database.view_dbtaskresult"))


def _failed_tasks(viewer: Viewer) -> QuerySet:
    """Failed tasks not run again successfully since (a retry is a new result; the failed
    one stays on record)."""
    succeeded_since = DBTaskResult.objects.filter(
        task_path=OuterRef("task_path"),
        args_kwargs=OuterRef("args_kwargs"),
        status=TaskResultStatus.SUCCESSFUL,
        enqueued_at__gt=OuterRef("enqueued_at"),
    )
    return (
        DBTaskResult.objects.filter(status=TaskResultStatus.FAILED)
        .exclude(Exists(succeeded_since))
        .order_by("-finished_at", "-enqueued_at")
    )


def _task_item(result) -> Item:
    last_line = (result.traceback or "").strip().splitlines()[-1:] or [result.exception_class_path]
    when = result.finished_at or result.enqueued_at
    return Item(
        title=result.task_path.rsplit(".", 1)[-1],
        url=reverse("admin:django_tasks_database_dbtaskresult_change", args=[result.pk]),
        detail=f"{format_datetime(when)} — {last_line[0][:200]}",
    )


def _failed_tasks_url(viewer: Viewer) -> str:
    from minutes.task_admin import failed_tasks_url  # the admin's module, loaded on demand

    return failed_tasks_url()


def _failed_emails(viewer: Viewer) -> QuerySet:
    """Emails that failed for good, of the committees the viewer keeps (the outbox pages'
    rule, minutes/outbox.py), newest first."""
    return (
        OutboxEmail.objects.visible_to(viewer)
        .failed()
        .select_related("meeting")
        .order_by("-queued_at", "-pk")
    )


def _email_item(email) -> Item:
    return Item(
        title=email.subject,
        url=(
            reverse("meeting_emails", args=[email.meeting_id])
            if email.meeting_id
            else reverse("committee_outbox") + "?status=failed"
        ),
        detail=f"{email.to} — {email.last_error[:200]}",
    )


def _failed_emails_url(viewer: Viewer) -> str:
    return reverse("committee_outbox") + "?status=failed"


def _register_overdue_url(viewer: Viewer) -> str:
    return reverse("decision_register") + "?overdue=yes"


ENTRIES: list[Entry] = [
    Entry(
        key="questions",
        label=_("پرسش‌های در انتظار بررسی"),
        empty=_("پرسشی در انتظار پذیرش یا رد نیست."),
        rows=_questions,
        item=_question_item,
    ),
    Entry(
        key="comments",
        label=_("دیدگاه‌های در انتظار بررسی"),
        empty=_("دیدگاهی در انتظار بررسی نیست."),
        rows=_comments,
        listing=_comment_items,
    ),
    Entry(
        key="to_publish",
        label=_("صورتجلسه‌های تأییدشده در انتظار انتشار"),
        empty=_("صورتجلسه تأییدشده‌ای در انتظار انتشار نیست."),
        rows=_minutes(Minutes.Status.APPROVED),
        item=_minutes_item,
    ),
    Entry(
        key="to_approve",
        label=_("صورتجلسه‌های ارسال‌شده در انتظار تأیید"),
        empty=_("صورتجلسه‌ای در انتظار تأیید رییس جلسه نیست."),
        rows=_minutes(Minutes.Status.SUBMITTED),
        item=_minutes_item,
    ),
    Entry(
        key="overdue",
        label=_("مصوبات عقب‌افتاده"),
        empty=_("مصوبه عقب‌افتاده‌ای نیست."),
        rows=_overdue,
        item=_overdue_item,
        more_url=_register_overdue_url,
        more_label=_("همه در دفتر مصوبات"),
    ),
    Entry(
        key="failed_emails",
        label=_("ایمیل‌های نرفته"),
        empty=_("ایمیل نرفته‌ای نیست."),
        rows=_failed_emails,
        item=_email_item,
        more_url=_failed_emails_url,
        more_label=_("در صندوق ایمیل‌ها (ارسال دوباره)"),
    ),
    Entry(
        key="failed_tasks",
        label=_("کارهای پس‌زمینه ناموفق"),
        empty=_("کار پس‌زمینه ناموفقی نیست."),
        rows=_failed_tasks,
        item=_task_item,
        more_url=_failed_tasks_url,
        more_label=_("در بخش مدیریت (تلاش دوباره)"),
        applies=_sees_tasks,
    ),
]


def entries_for(viewer: Viewer) -> list[Entry]:
    if not is_secretariat(viewer):
        return []
    return [entry for entry in ENTRIES if entry.applies(viewer)]


def counts(viewer: Viewer) -> dict[str, int]:
    """How many of each kind of work wait for ``viewer`` (a COUNT query per kind); empty
    for anyone who is not the secretariat of a committee or a superuser. Counted once per
    Viewer (a request's, shared by the page and the header's badge)."""
    known = getattr(viewer, "_inbox_counts", None)
    if known is None:
        known = {entry.key: entry.count(viewer) for entry in entries_for(viewer)}
        viewer._inbox_counts = known  # type: ignore[attr-defined]
    return known


def total(viewer: Viewer) -> int | None:
    """Everything waiting, for the header's badge; None for anyone without an inbox."""
    if not viewer.authenticated or not is_secretariat(viewer):
        return None
    return sum(counts(viewer).values())
