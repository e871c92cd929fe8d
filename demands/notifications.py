"""The emails that tell whoever raised a demand what became of it.

:func:`tell_citizen` is the one place that sends them, through the outbox
(minutes/outbox.py): recorded in the caller's transaction and sent by the worker once it
commits (so a refused change sends nothing), tried again when the mail server refuses, and
on the secretariat's record of emails.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from minutes.ical import clean_text
from minutes.outbox import absolute_url, queue_email

STEPS = ("received", "published", "rejected", "merged", "assigned", "agenda", "decided")


def _message(demand, step: str) -> tuple[str, str]:
    values = {"title": demand.title, "body": demand.body_name}
    subjects = {
        "received": _("مطالبه شما رسید: %(title)s"),
        "published": _("مطالبه شما منتشر شد: %(title)s"),
        "rejected": _("مطالبه شما منتشر نشد: %(title)s"),
        "merged": _("مطالبه شما به مطالبه‌ای همانند پیوست: %(title)s"),
        "assigned": _("مطالبه شما به کارگروه سپرده شد: %(title)s"),
        "agenda": _("مطالبه شما در دستور جلسه قرار گرفت: %(title)s"),
        "decided": _("نتیجه بررسی مطالبه شما: %(title)s"),
    }
    lines = []
    if step == "received":
        lines.append(
            _("مطالبه «%(title)s» برای %(body)s رسید و پس از بررسی دبیرخانه منتشر می‌شود.") % values
        )
    elif step == "published":
        lines.append(_("مطالبه «%(title)s» منتشر شد. دیگران می‌توانند از آن حمایت کنند:") % values)
        lines.append(absolute_url(demand.get_absolute_url()))
    elif step == "rejected":
        lines.append(_("مطالبه «%(title)s» منتشر نشد.") % values)
        lines.append(_("علت: %(reason)s") % {"reason": demand.rejection_reason})
    elif step == "merged":
        target = demand.merged_into
        lines.append(
            _(
                "مطالبه «%(title)s» همان مشکلی را طرح می‌کند که مطالبه «%(target)s» پیش‌تر طرح "
                "کرده است؛ به آن پیوست و شما در شمار طرح‌کنندگان آن هستید:"
            )
            % {**values, "target": target.title}
        )
        lines.append(absolute_url(target.get_absolute_url()))
    elif step == "assigned":
        lines.append(_("مطالبه «%(title)s» به %(body)s سپرده شد.") % values)
        lines.append(absolute_url(demand.get_absolute_url()))
    elif step == "agenda":
        from persian.jalali import format_date

        meeting = demand.agenda_item.meeting
        lines.append(
            _("مطالبه «%(title)s» در دستور جلسه «%(meeting)s» (%(date)s) قرار گرفت.")
            % {**values, "meeting": meeting.title, "date": format_date(meeting.starts_at)}
        )
        lines.append(absolute_url(demand.get_absolute_url()))
    elif step == "decided":
        lines.append(
            _(
                "صورتجلسه جلسه‌ای که مطالبه «%(title)s» در آن بررسی شد منتشر شد. "
                "مصوبات و پیگیری آن‌ها را در این نشانی ببینید:"
            )
            % values
        )
        lines.append(absolute_url(demand.get_absolute_url()))
    lines.append("")
    lines.append(
        _("این رایانامه را به این دلیل دریافت می‌کنید که هنگام طرح مطالبه نشانی خود را نوشتید.")
    )
    return clean_text(subjects[step] % values), "\n".join(lines)


def tell_citizen(demand, step: str) -> None:
    """Email whoever raised ``demand`` about ``step`` (one of STEPS), through the outbox;
    nothing when they left no address. Each step is told once per demand and place (the
    outbox's key), however often a run repeats; a mail server that refuses it is tried again later,
    never an error for the person who made the change."""
    if not demand.email:
        return
    with translation.override("fa"):
        subject, body = _message(demand, step)
    # Sent again only when the step names somewhere new (another workgroup, another item).
    where = {"assigned": demand.workgroup_id, "agenda": demand.agenda_item_id}.get(step, "")
    queue_email(
        kind=f"demand.{step}",
        to=demand.email,
        subject=subject,
        text=body,
        dedupe_key=f"demand:{demand.pk}:{step}:{where or ''}",
    )
