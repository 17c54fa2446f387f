"""The search page: the public register of open licences, or the whole register when logged in.

Every input is accepted: unknown filters are dropped, bad values match nothing, and the text
goes to the index as it is (which never fails on any text).
"""

from __future__ import annotations

import json
from typing import Any, Final
from urllib.parse import urlencode

from flask import Blueprint, current_app, render_template, request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from marketplace.accounts.regions import region_name
from marketplace.db import get_session
from marketplace.declarations.terms import FeeMethod
from marketplace.needs.forms import SaveSearchForm
from marketplace.patents.forms import IPC_SECTIONS, KIND_NAMES, STATUS_NAMES
from marketplace.search import services
from marketplace.search.sync import search_index
from marketplace.web.auth import current_actor

blueprint = Blueprint("search", __name__)

PER_PAGE: Final = 20
MAX_PAGE: Final = 10_000
# The index reads this many characters of a query; the rest is dropped here already.
MAX_QUERY_CHARS: Final = 10_000

FEE_METHOD_NAMES = {
    FeeMethod.LUMP_SUM: _l("Lump sum"),
    FeeMethod.ANNUAL_FIXED: _l("Fixed annual fee"),
    FeeMethod.ROYALTY_SALES: _l("Royalty on net sales"),
    FeeMethod.ROYALTY_PROFIT: _l("Royalty on profit"),
    FeeMethod.PER_UNIT: _l("Per unit"),
    FeeMethod.ENTRY_PLUS_ROYALTY: _l("Entry fee plus royalty"),
    FeeMethod.FREE: _l("Free of charge"),
}
FACET_NAMES = {
    "kind": _l("Kind"),
    "ipc": _l("IPC class"),
    "fee_method": _l("Fee method"),
    "patentee": _l("Patentee"),
    "region": _l("Region"),
    "filing_year": _l("Filing year"),
}
SORT_NAMES = {
    "relevance": _l("Relevance"),
    "date": _l("Newest announcement"),
    "fee": _l("Lowest fee"),
    "filing_year": _l("Newest filing"),
}
FIELD_NAMES = {
    "title": _l("title"),
    "abstract": _l("abstract"),
    "first_claim": _l("first claim"),
    "application_fields": _l("fields of application"),
    "patentee": _l("patentee"),
    "ipc": _l("IPC"),
}


def criteria_from_args(args: MultiDict[str, str], *, per_page: int = PER_PAGE) -> \
        services.SearchCriteria:
    """The search the query string asks for, whatever it holds."""
    sort = args.get("sort", "relevance")
    return services.SearchCriteria(
        q=args.get("q", "")[:MAX_QUERY_CHARS],
        filters=services.clean_filters({name: args.getlist(name)
                                        for name in services.SEARCH_FACETS}),
        open_only=args.get("open") == "1",
        sort=sort if sort in services.SORT_KEYS else "relevance",
        page=min(max(args.get("page", 1, type=int) or 1, 1), MAX_PAGE),
        per_page=per_page,
    )


def toggle_filter_url(name: str, value: object) -> str:
    """This search with ``value`` added to or removed from facet ``name``, back on page 1."""
    args = MultiDict(request.args)
    values = args.getlist(name)
    text = str(value)
    args.setlist(name, [v for v in values if v != text] if text in values else [*values, text])
    args.pop("page", None)
    query = urlencode(list(args.items(multi=True)))
    return f"{request.path}?{query}" if query else request.path


def page_url(page: int) -> str:
    """This search on another page (keeping every repeated filter)."""
    args = MultiDict(request.args)
    args.setlist("page", [str(page)])
    return f"{request.path}?{urlencode(list(args.items(multi=True)))}"


def facet_label(name: str, value: object) -> str:
    """How a facet value reads on the page."""
    text = str(value)
    if name == "kind" and text in KIND_NAMES:
        return str(KIND_NAMES[text])  # type: ignore[index]
    if name == "fee_method" and text in FEE_METHOD_NAMES:
        return str(FEE_METHOD_NAMES[text])  # type: ignore[index]
    if name == "region":
        return region_name(text, str(get_locale() or "zh"))
    return text


def ipc_groups(counts: list[tuple[Any, int]]) -> list[tuple[str, str, list[tuple[Any, int]]]]:
    """IPC subclass counts grouped under their sections: (section, section label, counts)."""
    groups: dict[str, list[tuple[Any, int]]] = {}
    for value, count in counts:
        groups.setdefault(str(value)[:1], []).append((value, count))
    return [(section, str(IPC_SECTIONS.get(section, section)), items)
            for section, items in sorted(groups.items())]


@blueprint.route("/search")
def search() -> str:
    """The register search (``GET`` only; safe to bookmark and share)."""
    criteria = criteria_from_args(request.args)
    actor = current_actor() if current_user.is_authenticated else None
    results = services.search_patents(get_session(), search_index(current_app), actor=actor,
                                      criteria=criteria)
    save_form = SaveSearchForm(formdata=None, q=criteria.q,
                               filters=json.dumps(criteria.filters, ensure_ascii=False),
                               min_relevance=current_app.config["ALERT_MIN_RELEVANCE"])
    return render_template(
        "search/search.html", results=results, criteria=criteria,
        facet_names=FACET_NAMES, sort_names=SORT_NAMES, field_names=FIELD_NAMES,
        facet_label=facet_label, toggle_filter_url=toggle_filter_url, page_url=page_url,
        ipc_groups=ipc_groups,
        KIND_NAMES=KIND_NAMES, STATUS_NAMES=STATUS_NAMES, save_form=save_form,
    )
