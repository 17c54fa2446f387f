"""Domain errors raised by services; no Flask here. ``web/errors.py`` maps them to HTTP.

User-facing text is English in the code and translated by the web layer when it is shown.
A fixed text is a plain string marked with `N_`; a text with values in it is a `Message`: a
marked template with named placeholders and the values, e.g.
``Message(N_("check digit should be %(expected)s, not %(found)s"), {"expected": "7", ...})``.
``str(message)`` is the English text; the web layer calls ``message.render(gettext)``.
A sum of money in a message is an `Amount`, which carries its currency: the template says
"Lump sum of %(amount)s", not "RMB %(amount)s".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final


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
class Amount:
    """A sum of money inside a `Message`, in integer fen, written with its currency.

    Each reader writes it its own way: pages as people write money (¥20万 / RMB 200,000,
    ``marketplace.web.formatting.format_money``), the API and the downloads exactly
    (¥200,000.00 / RMB 200,000.00); ``str`` is the exact English text.
    """

    fen: int

    @classmethod
    def of_yuan(cls, yuan: Decimal) -> Amount:
        """``yuan`` rounded half-up to the fen (the rules' amounts already are)."""
        return cls(int((yuan * 100).to_integral_value(ROUND_HALF_UP)))

    @property
    def yuan(self) -> Decimal:
        return Decimal(self.fen).scaleb(-2)

    def __str__(self) -> str:
        return f"RMB {self.yuan:,.2f}"


# Messages stored before amounts were `Amount`s: "RMB %(amount)s" with the text "200,000.00".
_STORED_RMB: Final = re.compile(r"RMB %\((\w+)\)s")
_STORED_YUAN: Final = re.compile(r"-?\d{1,3}(?:,?\d{3})*\.\d{2}")


def stored_message(template: str, params: Mapping[str, object]) -> Message:
    """A message as it was stored; one stored before amounts were `Amount`s ("RMB %(amount)s"
    with the text "200,000.00") becomes today's ("%(amount)s" with ``Amount(20000000)``), so
    it is written like any other amount and still finds its translation."""
    legacy = [name for name in _STORED_RMB.findall(template)
              if isinstance(params.get(name), str) and _STORED_YUAN.fullmatch(str(params[name]))]
    if not legacy:
        return Message(template, params)
    values = dict(params)
    for name in legacy:
        template = template.replace(f"RMB %({name})s", f"%({name})s")
        values[name] = Amount.of_yuan(Decimal(str(values[name]).replace(",", "")))
    return Message(template, values)


@dataclass(frozen=True, slots=True)
class Message:
    """A translatable message: a template marked with `N_` and the values of its placeholders.

    Templates use named placeholders only (``%(number)s``), so a translation may reorder them.
    A value may itself be a `Message` (a number's problem inside a row's problem, the name of
    a patent type); it is rendered in the same language. A sum of money is an `Amount`.
    Values are otherwise plain strings and integers, so a message converts to JSON
    (`to_dict`).
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
        return {"template": self.template,
                "params": {name: _value_to_dict(value) for name, value in self.params.items()}}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Message:
        """Inverse of :meth:`to_dict`; reads messages stored by earlier versions too
        (`stored_message`)."""
        params = dict(data.get("params") or {})
        return stored_message(str(data["template"]),
                              {name: _value_from_dict(value) for name, value in params.items()})

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


def _value_to_dict(value: object) -> object:
    if isinstance(value, Message):
        return value.to_dict()
    if isinstance(value, Amount):
        return {"fen": value.fen}
    return value


def _value_from_dict(value: object) -> object:
    if isinstance(value, Mapping):
        return Amount(int(value["fen"])) if "fen" in value else Message.from_dict(value)
    return value


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
