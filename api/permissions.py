"""Which API endpoints are open to whom: DRF's permission classes, nothing more.

What exists for the caller is decided by the minutes models' ``visible_to(who)`` and
``internal_to(who)`` (minutes/visibility.py says who sees what); every viewset's queryset
starts from them, so anything else is a 404. These classes only open an endpoint (reading
for anyone, writing for logged-in users). Whether an action is allowed on a visible object
is asked of ``minutes.policy`` (403 when not) and checked again by the service that makes
the change.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

# A refusal by these classes alone (the views' own checks name who may act).
SIGN_IN = _("برای این کار باید با حساب فعال وارد شوید.")


class ReadOnly(BasePermission):
    """Anyone may read (what the visible_to querysets let them see); nobody writes here."""

    message = _("این نشانی فقط خواندنی است.")

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS


class ReadAnyoneWriteAuthenticated(BasePermission):
    """Anyone may read; writing needs a logged-in user (401 otherwise, whatever the id, so
    an anonymous request learns nothing). What the user may change is decided per object
    by minutes.policy and the services."""

    message = SIGN_IN

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_authenticated and request.user.is_active)


class AuthenticatedOnly(BasePermission):
    message = SIGN_IN

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated and request.user.is_active)
