"""Errors as JSON, in the language of the request (Persian unless the visitor chose
English with the language switch), with a stable machine ``code``.

* every error: ``{"detail": "message", "code": "…"}``;
* a 400 with field errors adds each field's messages beside them (DRF's shape):
  ``{"code": "invalid", "detail": "…: title", "title": ["message", …]}``
  (``non_field_errors`` for errors about the whole input);
* the codes: — ``not_authenticated`` (401),
  ``permission_denied`` (403), ``not_found`` (404), ``invalid_transition`` and
  ``edit_conflict`` (409), ``throttled`` (429), ``parse_error`` (400, malformed JSON),
  ``invalid`` (400, a refused value that is about no single field).

The domain errors of the services (minutes.errors.ServiceError and its subclasses,
committee.services.ReferenceDataError, which workgroups.services' errors extend) keep
their HTTP status and their Persian message; one naming a field becomes a field error.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

from committee.services import ReferenceDataError
from minutes.errors import EditConflict, InvalidTransition, NotAllowed, ServiceError
from minutes.models import PublishedRecordError
from persian.digits import to_persian_digits
from persian.jalali import is_english

logger = logging.getLogger(__name__)


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def _domain_error(exc) -> exceptions.APIException | None:
    """The DRF exception for a domain or Django error, or None for anything else."""
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied()
    if isinstance(exc, ServiceError | ReferenceDataError):
        code = {
            NotAllowed: "permission_denied",
            InvalidTransition: "invalid_transition",
            EditConflict: "edit_conflict",
        }.get(type(exc), "invalid")
        http_status = int(getattr(exc, "status", 400))
        if http_status == 403:
            return exceptions.PermissionDenied(exc.message, code="permission_denied")
        if http_status == 409:
            error = Conflict(exc.message, code=code if code != "invalid" else "conflict")
            return error
        if exc.field:
            return exceptions.ValidationError({exc.field: [exc.message]}, code="invalid")
        return exceptions.ValidationError({"detail": exc.message, "code": "invalid"})
    if isinstance(exc, PublishedRecordError):
        return Conflict(str(exc), code="published_record")
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            return exceptions.ValidationError(exc.message_dict, code="invalid")
        return exceptions.ValidationError({"detail": " ".join(exc.messages), "code": "invalid"})
    if isinstance(exc, IntegrityError):
        # The services validate first; a constraint caught only by the database (two
        # requests racing) is a conflict, not a server error.
        logger.warning("Integrity error answered as 409: %s", exc)
        return Conflict(
            _("این تغییر با داده‌های ثبت‌شده ناسازگار است؛ دوباره تلاش کنید."),
            code="conflict",
        )
    return None


def exception_handler(exc, context):
    translated = _domain_error(exc)
    if translated is not None:
        exc = translated
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if (
        isinstance(data, dict)
        and set(data) == {"detail"}
        and isinstance(exc, exceptions.APIException)
    ):
        codes = exc.get_codes()
        code = codes.get("detail") if isinstance(codes, dict) else codes
        data["code"] = code if isinstance(code, str) else "error"
    elif isinstance(data, dict) and set(data) == {"detail", "code"}:
        data["detail"] = str(data["detail"])
        data["code"] = str(data["code"])
    elif isinstance(data, list):
        response.data = data = {"non_field_errors": data}
    if isinstance(data, dict) and not {"detail", "code"} <= set(data):
        # Field errors: the same ``code`` and ``detail`` as every other error, beside the
        # messages of each field.
        fields = [name for name in data if name not in ("detail", "code")]
        response.data = {
            "code": "invalid",
            "detail": _("ورودی پذیرفته نشد: %(fields)s.")
            % {"fields": (", " if is_english() else "، ").join(fields)},
            **data,
        }
    response.data = _localized(response.data)
    return response


def _localized(data, key: str = ""):
    """Every message in Persian digits when the request's language is Persian, DRF's and
    Django's own included («انتظار می‌رود در ۶ ثانیه…»); the codes stay as they are."""
    if is_english():
        return data
    if isinstance(data, dict):
        return {k: _localized(v, k) for k, v in data.items()}
    if isinstance(data, list):
        return [_localized(v, key) for v in data]
    if isinstance(data, str) and key != "code":
        localized = to_persian_digits(data)
        if isinstance(data, exceptions.ErrorDetail):
            return exceptions.ErrorDetail(localized, code=data.code)
        return localized
    return data
