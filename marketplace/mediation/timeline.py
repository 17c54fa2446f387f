"""A case's timeline: what happened and what is due, in order (D16).

Pure functions over data the services load: the case's audit events (filing and every step),
its messages and meetings, and its deadlines. Deadlines and meetings still ahead are marked
upcoming; a deadline passed without the act it waits for is marked overdue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from marketplace.calendar import CHINA
from marketplace.errors import N_, Message
from marketplace.mediation.rules import CaseAction, CaseActor

__all__ = ["EVENT_LABELS", "CaseEvent", "Deadline", "EntryKind", "TimelineEntry", "build_timeline",
           "deadline_entries"]

OPENED = "opened"

#: What each step did, in the past tense, as the timeline says it.
EVENT_LABELS: Mapping[str, Message] = {
    OPENED: Message(N_("Application for mediation filed")),
    CaseAction.NOTIFY_RESPONDENT: Message(N_("Respondent notified")),
    CaseAction.ANSWER: Message(N_("Respondent answered")),
    CaseAction.ACCEPT: Message(N_("Case accepted by the office")),
    CaseAction.REFUSE: Message(N_("Case not accepted by the office")),
    CaseAction.ASSIGN_MEDIATOR: Message(N_("Mediator assigned")),
    CaseAction.DECLARE_CONFLICT: Message(N_("Mediator declared a conflict of interest")),
    CaseAction.OBJECT_TO_MEDIATOR: Message(N_("Objection to the mediator raised")),
    CaseAction.DECIDE_OBJECTION: Message(N_("Objection decided by the office")),
    CaseAction.START_MEDIATION: Message(N_("Mediation started")),
    CaseAction.SCHEDULE_MEETING: Message(N_("Meeting scheduled")),
    CaseAction.EXTEND_DEADLINE: Message(N_("Mediation period extended")),
    CaseAction.PROPOSE_TERMS: Message(N_("Agreement terms proposed")),
    CaseAction.ACCEPT_TERMS: Message(N_("Agreement terms accepted")),
    CaseAction.RECORD_AGREEMENT: Message(N_("Mediation agreement recorded")),
    CaseAction.TERMINATE: Message(N_("Mediation terminated without agreement")),
    CaseAction.WITHDRAW: Message(N_("Application withdrawn")),
    CaseAction.FILE_CONFIRMATION: Message(N_("Filed with the court for judicial confirmation")),
    CaseAction.RECORD_CONFIRMED: Message(N_("Agreement confirmed by the court")),
    CaseAction.RECORD_NOT_CONFIRMED: Message(N_("Agreement not confirmed by the court")),
}


class EntryKind(StrEnum):
    EVENT = "event"
    MESSAGE = "message"
    MEETING = "meeting"
    DEADLINE = "deadline"


@dataclass(frozen=True)
class CaseEvent:
    """One audit event of the case: when, which step (``opened`` or a `CaseAction` value) and
    the part of whoever took it."""

    at: dt.datetime
    step: str
    part: CaseActor | None


@dataclass(frozen=True)
class Deadline:
    """A deadline of the case and whether the act it waits for is done."""

    due_on: dt.date
    label: Message
    done: bool


@dataclass(frozen=True)
class TimelineEntry:
    """A line of the timeline. ``at`` is an instant (events, messages, meetings) or, for a
    deadline, the end of its day in China."""

    at: dt.datetime
    kind: EntryKind
    label: Message
    part: CaseActor | None = None
    upcoming: bool = False
    overdue: bool = False
    is_day: bool = False
    detail: str = ""


def _end_of_day(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(23, 59), tzinfo=CHINA)


def deadline_entries(deadlines: Iterable[Deadline], now: dt.datetime) -> list[TimelineEntry]:
    entries = []
    for deadline in deadlines:
        at = _end_of_day(deadline.due_on)
        entries.append(TimelineEntry(at, EntryKind.DEADLINE, deadline.label, is_day=True,
                                     upcoming=not deadline.done and at >= now,
                                     overdue=not deadline.done and at < now))
    return entries


def build_timeline(events: Sequence[CaseEvent], messages: Iterable[tuple[dt.datetime, CaseActor,
                                                                         str]],
                   meetings: Iterable[tuple[dt.datetime, str]], deadlines: Iterable[Deadline],
                   now: dt.datetime) -> list[TimelineEntry]:
    """Every entry of the case, oldest first. ``messages`` are (sent at, author's part, a short
    description), ``meetings`` (starts at, place or link)."""
    entries = [TimelineEntry(event.at, EntryKind.EVENT, EVENT_LABELS[event.step], event.part)
               for event in events if event.step in EVENT_LABELS
               and event.step != CaseAction.SCHEDULE_MEETING]
    entries += [TimelineEntry(at, EntryKind.MESSAGE, Message(N_("Message")), part,
                              detail=detail) for at, part, detail in messages]
    entries += [TimelineEntry(at, EntryKind.MEETING, Message(N_("Meeting")),
                              upcoming=at >= now, detail=place) for at, place in meetings]
    entries += deadline_entries(deadlines, now)
    return sorted(entries, key=lambda entry: entry.at)
