"""``{% inbox_total as waiting %}``: how much work waits in the secretariat's inbox, for the
header's badge (portal/inbox.py; None for anyone without an inbox, and costs no query for
a visitor who is not signed in)."""

from __future__ import annotations

from django import template

from minutes.visibility import Viewer
from portal import inbox

register = template.Library()


@register.simple_tag(takes_context=True)
def inbox_total(context) -> int | None:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return inbox.total(Viewer.for_request(request))
