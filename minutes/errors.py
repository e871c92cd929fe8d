"""Domain errors raised by the services, each with a message a person can read."""

from __future__ import annotations


class ServiceError(Exception):
    """A refused operation. ``status`` is the HTTP status a view or API answers with."""

    status = 400

    def __init__(self, message, *, field: str | None = None):
        super().__init__(str(message))
        self.message = str(message)
        self.field = field


class NotAllowed(ServiceError):
    status = 403


class InvalidTransition(ServiceError):
    status = 409


class EditConflict(ServiceError):
    status = 409
