"""Domain errors raised by services; no Flask here. ``web/errors.py`` maps them to HTTP."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def N_(message: str) -> str:
    """Mark a message for translation; the web layer translates it when it shows it."""
    return message


class DomainError(Exception):
    """Base of every error a service raises on purpose."""

    status = 400
    code = "domain_error"

    def __init__(
        self, message: str, errors: Mapping[str, Sequence[str]] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.errors: dict[str, list[str]] = {k: list(v) for k, v in (errors or {}).items()}


class NotFound(DomainError):
    status = 404
    code = "not_found"


class PermissionDenied(DomainError):
    status = 403
    code = "forbidden"


class Conflict(DomainError):
    status = 409
    code = "conflict"


class InvalidStateTransition(Conflict):
    code = "invalid_state_transition"


class ValidationFailed(DomainError):
    """Input that passed the schema but breaks a rule; ``errors`` is keyed by field."""

    status = 422
    code = "validation_failed"
