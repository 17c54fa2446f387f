"""The site navigation: the pages of each role grouped by task, with the current page marked.

One table per role; the base template draws it as a bar of groups (each a menu of its pages)
on a desktop and as a folded list behind a "Menu" toggle on a phone. A page that has no entry
of its own (a detail page) marks the entry it belongs to (``also``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from flask import request, url_for
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_login import current_user

from marketplace.accounts.models import Role


@dataclass(frozen=True, slots=True)
class Entry:
    endpoint: str
    label: str
    also: tuple[str, ...] = ()
    id: str | None = None  # for tests and deep links: ``nav-register``


@dataclass(frozen=True, slots=True)
class Group:
    label: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True, slots=True)
class Link:
    """An entry as drawn: its address, its label and whether it is the page being shown."""

    url: str
    label: str
    current: bool
    id: str | None


@dataclass(frozen=True, slots=True)
class Menu:
    label: str
    links: tuple[Link, ...]

    @property
    def current(self) -> bool:
        return any(link.current for link in self.links)


_SEARCH = Entry("search.search", _l("Search patents"))
_PATENTS = Entry("patents.register", _l("Patent register"), also=("patents.detail",))
_NEEDS = Entry("needs.list_needs", _l("Technology needs"),
               also=("needs.detail", "needs.edit_need", "needs.new_need"))
_CASES = Entry("mediation.list_cases", _l("Mediation cases"),
               also=("mediation.detail", "mediation.open_case"), id="nav-mediation")
_CALCULATOR = Entry("fees.calculator", _l("Fee calculator"))

PUBLIC = Group(lazy_pgettext("navigation", "Public register"), (
    Entry("register.announcements", _l("Open licence announcements"), also=("register.detail",),
          id="nav-register"),
    Entry("register.withdrawals", _l("Withdrawals")),
    Entry("register.recordals", _l("Recorded licences")),
    Entry("register.statistics_page", _l("Statistics")),
    Entry("web.rules", _l("The rules")),
))

GROUPS: Mapping[Role | None, Sequence[Group]] = {
    None: (
        Group(lazy_pgettext("navigation", "Find"), (_SEARCH, _CALCULATOR)),
        PUBLIC,
    ),
    Role.SME: (
        Group(lazy_pgettext("navigation", "Find"), (_SEARCH, _PATENTS, _NEEDS,
                           Entry("needs.alerts", _l("My alerts")))),
        Group(lazy_pgettext("navigation", "My licences"), (
            Entry("licensing.my_licences", _l("My licences"),
                  also=("licensing.detail", "licensing.notice", "licensing.pay",
                        "licensing.report", "licensing.package", "licensing.take")),
            _CASES,
        )),
        PUBLIC,
    ),
    Role.PATENTEE: (
        Group(lazy_pgettext("navigation", "Portfolio"), (
            Entry("patents.portfolio", _l("My portfolio"), also=("patents.detail",)),
            Entry("patents.import_portfolio", _l("Import patents")),
            _SEARCH, _NEEDS,
        )),
        Group(lazy_pgettext("navigation", "Declarations"), (
            Entry("declarations.my_declarations", _l("My declarations"),
                  also=("declarations.detail", "declarations.edit", "declarations.check",
                        "declarations.consent_page", "declarations.estimate",
                        "declarations.withdraw", "declarations.new_draft")),
            Entry("declarations.bulk_draft", _l("Declare several patents")),
        )),
        Group(lazy_pgettext("navigation", "Annual fees"), (
            Entry("fees.ledger", _l("Fee ledger"), also=("fees.patent_fees",)),
            Entry("fees.statement", _l("Statement")),
            _CALCULATOR,
        )),
        Group(lazy_pgettext("navigation", "Licences"), (
            Entry("licensing.my_licences", _l("Licences granted"),
                  also=("licensing.detail", "licensing.notice", "licensing.negotiated")),
            _CASES,
        )),
        PUBLIC,
    ),
    Role.OFFICE: (
        Group(lazy_pgettext("navigation", "Queues"), (
            Entry("declarations.office_queue", _l("Declaration queue"),
                  also=("declarations.office_decision",)),
            Entry("licensing.office_queue", _l("Licence recordals"),
                  also=("licensing.office_recordal",)),
            _CASES,
            Entry("mediation.statistics", _l("Mediation statistics")),
        )),
        Group(lazy_pgettext("navigation", "Annual fees"), (
            Entry("fees.office_totals", _l("Annual fees")),
            Entry("fees.statement", _l("Statement")),
            _CALCULATOR,
        )),
        Group(lazy_pgettext("navigation", "Matching"), (
            Entry("batch.match_needs", _l("Batch matching")), _SEARCH, _PATENTS, _NEEDS,
        )),
        Group(lazy_pgettext("navigation", "Administration"), (
            Entry("accounts.staff_users", _l("Staff accounts")),
        )),
        PUBLIC,
    ),
    Role.MEDIATOR: (
        Group(lazy_pgettext("navigation", "Cases"), (_CASES,)),
        Group(lazy_pgettext("navigation", "Look up"), (_SEARCH, _PATENTS)),
        PUBLIC,
    ),
}


def _is_current(entry: Entry, endpoint: str | None) -> bool:
    return endpoint is not None and (endpoint == entry.endpoint or endpoint in entry.also)


def navigation() -> list[Menu]:
    """The groups of the signed-in user's role (or the public's), the current page marked once."""
    role = current_user.role if current_user.is_authenticated else None
    endpoint = request.endpoint
    menus: list[Menu] = []
    marked = False
    for group in GROUPS[role]:
        links = []
        for entry in group.entries:
            current = not marked and _is_current(entry, endpoint)
            marked = marked or current
            links.append(Link(url_for(entry.endpoint), str(entry.label), current, entry.id))
        menus.append(Menu(str(group.label), tuple(links)))
    return menus
