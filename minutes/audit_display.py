"""The audit trail of a meeting in words: the action's name, the fields' verbose names and
the values as a person reads them (choice labels, Jalali dates, Persian digits).

The entries store codes (``decision.follow_up``, ``status``, ``in_progress``) so that they
stay exact; this module only reads them for the page.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

from committee.models import AuditEntry
from persian.digits import localized_digits
from persian.jalali import format_date, format_datetime

ACTIONS = {
    "meeting.schedule": _("برنامه‌ریزی جلسه"),
    "meeting.register_past": _("ثبت جلسه برگزارشده"),
    "meeting.update": _("ویرایش جلسه"),
    "meeting.cancel": _("لغو جلسه"),
    "meeting.held": _("برگزاری جلسه"),
    "meeting.invite": _("دعوت از اعضا"),
    "invitation.respond": _("پاسخ به دعوت"),
    "email.retry": _("ارسال دوباره ایمیل"),
    "agenda.add": _("افزودن بند دستور جلسه"),
    "agenda.update": _("ویرایش بند دستور جلسه"),
    "agenda.remove": _("حذف بند دستور جلسه"),
    "agenda.reorder": _("جابه‌جایی بند دستور جلسه"),
    "agenda.record": _("ثبت مذاکرات بند"),
    "attendance.add": _("ثبت حضور"),
    "attendance.update": _("ویرایش حضور و غیاب"),
    "attendance.remove": _("حذف حضور"),
    "decision.add": _("ثبت مصوبه"),
    "decision.update": _("ویرایش مصوبه"),
    "decision.remove": _("حذف مصوبه"),
    "decision.follow_up": _("پیگیری مصوبه"),
    "minutes.create": _("آغاز صورتجلسه"),
    "minutes.summary": _("ویرایش خلاصه صورتجلسه"),
    "minutes.letter": _("ویرایش نامه صورتجلسه"),
    "minutes.submit": _("ارسال صورتجلسه برای تأیید"),
    "minutes.approve": _("تأیید صورتجلسه"),
    "minutes.publish": _("انتشار صورتجلسه"),
    "minutes.correct": _("اصلاح صورتجلسه منتشرشده"),
    "attachment.add": _("افزودن پیوست"),
    "attachment.remove": _("برداشتن پیوست"),
    "question.propose": _("طرح پرسش اصحاب رسانه"),
    "question.accept": _("پذیرش پرسش"),
    "question.decline": _("نپذیرفتن پرسش"),
    "comment.approve": _("انتشار دیدگاه"),
    "comment.reject": _("رد دیدگاه"),
}

# The model whose fields an action's values belong to; an entry's target is sometimes the
# meeting (an item or a decision that no longer exists is logged against it).
MODELS = {
    "meeting": "minutes.meeting",
    "invitation": "minutes.invitation",
    "agenda": "minutes.agendaitem",
    "attendance": "minutes.attendance",
    "decision": "minutes.decision",
    "minutes": "minutes.minutes",
    "attachment": "minutes.attachment",
    "question": "minutes.question",
    "comment": "portal.comment",
    "email": "minutes.outboxemail",
}


@dataclass
class Change:
    field: str
    before: str
    after: str


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _field(models_: list[type[models.Model]], name: str) -> models.Field | None:
    for model in models_:
        try:
            return model._meta.get_field(name)  # type: ignore[return-value]
        except FieldDoesNotExist:
            continue
    return None


def _value(field: models.Field | None, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if field is not None and field.choices:
        labels = {str(key): label for key, label in field.flatchoices}
        return str(labels.get(str(value), value))
    if isinstance(value, bool) or isinstance(field, models.BooleanField):
        return str(_("بله") if value else _("خیر"))
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        try:
            return format_datetime(datetime.datetime.fromisoformat(value))
        except ValueError:
            pass
    if isinstance(field, models.DateField) and isinstance(value, str):
        try:
            return format_date(datetime.date.fromisoformat(value))
        except ValueError:
            pass
    if isinstance(value, list | tuple):
        return "، ".join(_value(None, part) for part in value)
    if isinstance(value, dict):
        return "، ".join(f"{key}: {_value(None, part)}" for key, part in value.items())
    return localized_digits(str(value))


def action_label(action: str) -> str:
    return str(ACTIONS.get(action, action))


def changes(entry: AuditEntry) -> list[Change]:
    prefix = entry.action.split(".", 1)[0]
    candidates = [m for m in (_model(MODELS.get(prefix, "")), _model(entry.target_type)) if m]
    rows = []
    for name, change in (entry.changes or {}).items():
        field = _field(candidates, name)
        label = str(field.verbose_name) if field is not None else name
        change = change if isinstance(change, dict) else {"before": None, "after": change}
        before, after = _value(field, change.get("before")), _value(field, change.get("after"))
        if before != after:  # "" → None reads "— ← —": nothing a person would call a change
            rows.append(Change(label, before, after))
    return rows
