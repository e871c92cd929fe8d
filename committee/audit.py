"""The audit trail: every service records who did what, with values before and after."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable
from typing import Any

from django.db import models

from committee.models import AuditEntry, Committee


def _plain(value: Any) -> Any:
    """A JSON-friendly form of a field value."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of ``fields`` on ``obj`` (related objects by their name)."""
    return {name: _plain(getattr(obj, name)) for name in fields}


def diff(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, dict]:
    before, after = before or {}, after or {}
    changes = {}
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old != new:
            changes[key] = {"before": old, "after": new}
    return changes


def record(
    actor,
    action: str,
    target: models.Model,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    committee: Committee | None = None,
    meeting_id: int | None = None,
    note: str = "",
) -> AuditEntry:
    """Write one audit entry. Call it inside the service's transaction."""
    actor_user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=actor_user,
        actor_name=(actor_user.get_full_name() or actor_user.get_username()) if actor_user else "",
        action=action,
        committee=committee,
        meeting_id=meeting_id,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        changes=diff(before, after),
        note=note,
    )
