"""Domain errors raised by services; no Flask here. ``web/errors.py`` maps them to HTTP.

User-facing text is English in the code and translated by the web layer when it is shown.
A fixed text is a plain string marked with `N_`; a text with values in it is a `Message`: a
marked template with named placeholders and the values, e.g.
``Message(N_("check digit should be %(expected)s, not %(found)s"), {"expected": "7", ...})``.
``str(message)`` is the English text; the web layer calls ``message.render(gettext)``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


def N_(message: str) -> str:
    """Mark a message for translation; the web layer translates it when it shows it."""
    return message


#: gettext's separator of a context and a msgid in a catalogue's key (``msgctxt``).
CONTEXT_SEPARATOR = "\x04"


def P_(context: str, message: str) -> str:
    """Mark a message whose translation depends on the kind of object it names (``msgctxt``):
    ``P_("recordal", "refused")`` is 不予备案, ``P_("mediation", "refused")`` 不予受理.

    The mark is the catalogue's own key, so ``gettext`` finds the translation of that context;
    a message without one shows its English words (`without_context`)."""
    return f"{context}{CONTEXT_SEPARATOR}{message}"


def without_context(text: str) -> str:
    """The words of a text marked with `P_` (itself for any other text)."""
    return text.rpartition(CONTEXT_SEPARATOR)[2]


@dataclass(frozen=True, slots=True)
class Message:
    """A translatable message: a template marked with `N_` and the values of its placeholders.

    Templates use named placeholders only (``%(number)s``), so a translation may reorder them.
    A value may itself be a `Message` (a number's problem inside a row's problem, the name of
    a patent type); it is rendered in the same language. Values are otherwise plain strings
    and integers, so a message converts to JSON (`dataclasses.asdict`).
    """

    template: str
    params: Mapping[str, object] = field(default_factory=dict, hash=False)

    @classmethod
    def of(cls, value: str | Message | BaseException) -> Message:
        """``value`` as a message: a plain string is a template without values; an exception
        gives its `MessageError.detail`, else its text."""
        if isinstance(value, Message):
            return value
        if isinstance(value, MessageError):
            return value.detail
        return cls(str(value))

    def to_dict(self) -> dict[str, Any]:
        """The message as JSON (nested messages too), to store and render again later."""
        return {
            "template": self.template,
            "params": {name: value.to_dict() if isinstance(value, Message) else value
                       for name, value in self.params.items()},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Message:
        """Inverse of :meth:`to_dict`."""
        return cls(str(data["template"]), {
            name: cls.from_dict(value) if isinstance(value, Mapping) else value
            for name, value in dict(data.get("params") or {}).items()})

    def render(self, translate: Callable[[str], str] | None = None,
               present: Callable[[object], object] | None = None) -> str:
        """The text: the template, translated by ``translate`` (``gettext``) when given, with
        the values filled in, each written by ``present`` when given (a date in the page's
        format). A translation that does not format with these values falls back
        to the English template; a template without values is returned as it is (as
        ``gettext`` does, so ``%`` needs no doubling there)."""
        template = without_context(
            translate(self.template) if translate and self.template else self.template)
        if not self.params:
            return template
        values = {
            name: value.render(translate, present) if isinstance(value, Message)
            else present(value) if present else value
            for name, value in self.params.items()
        }
        for candidate in (template, without_context(self.template)):
            try:
                return candidate % values
            except (KeyError, ValueError, TypeError):
                continue
        return without_context(self.template)

    def __str__(self) -> str:
        return self.render()


class MessageError(ValueError):
    """A `ValueError` of a pure rule whose text is a `Message`.

    ``str(error)`` is the English text (logs, CLI, tests); ``error.detail`` is the message for
    the web layer to translate.
    """

    def __init__(self, message: str | Message) -> None:
        self.detail = Message.of(message)
        super().__init__(str(self.detail))


class DomainError(Exception):
    """Base of every error a service raises on purpose.

    ``message`` and ``errors`` (keyed by field) are English text; ``detail`` and ``details``
    are the same as `Message` objects, which the web layer translates.
    """

    status = 400
    code = "domain_error"

    def __init__(
        self,
        message: str | Message,
        errors: Mapping[str, Sequence[str | Message]] | None = None,
    ) -> None:
        self.detail = Message.of(message)
        self.message = str(self.detail)
        super().__init__(self.message)
        self.details: dict[str, list[Message]] = {
            key: [Message.of(item) for item in items] for key, items in (errors or {}).items()
        }
        self.errors: dict[str, list[str]] = {
            key: [str(item) for item in items] for key, items in self.details.items()
        }


class NotFound(DomainError):
    status = 404
    code = "not_found"


class Unauthenticated(DomainError):
    """The credentials sent are no longer good (an expired or revoked API token)."""

    status = 401
    code = "unauthorized"


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
