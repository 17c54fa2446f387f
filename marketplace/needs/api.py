"""Needs API: post, read, change and close needs; their explained matches; alerts.

Logged-in users only (401 otherwise): needs are never public.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app
from flask.views import MethodView

from marketplace.accounts.models import Role
from marketplace.db import get_session
from marketplace.needs import ranking, schemas, services
from marketplace.needs.models import Need, SavedSearch
from marketplace.search.explain import ResultItem
from marketplace.search.sync import search_index
from marketplace.web.arguments import Blueprint
from marketplace.web.auth import current_actor, login_required, roles_required
from marketplace.web.pagination import Page
from marketplace.web.transaction import transactional

api_blueprint = Blueprint("needs_api", __name__, url_prefix="/api/v1",
                          description="Technology needs of SMEs, their matches, and alerts "
                                      "(logged-in users only)")

MATCHES_PER_LIST = 20


@dataclass(frozen=True)
class RankedItem(ResultItem):
    relevance: int | None
    label: str | None


def _settings() -> ranking.MatchSettings:
    return ranking.MatchSettings.from_config(current_app.config)


@api_blueprint.route("/needs")
class Needs(MethodView):
    @login_required
    @api_blueprint.arguments(schemas.NeedListArgsSchema, location="query")
    @api_blueprint.response(200, schemas.NeedPageSchema)
    def get(self, args: dict[str, Any]) -> Page[Need]:
        """Active needs, newest first; ``mine=true``: all of the caller's organisation's."""
        actor = current_actor()
        return services.list_needs(get_session(), actor=actor,
                                   mine=args["mine"] and actor.role is Role.SME, q=args["q"],
                                   page=args["page"], per_page=args["per_page"])

    @roles_required(Role.SME)
    @api_blueprint.arguments(schemas.NeedInSchema)
    @api_blueprint.response(201, schemas.NeedOutSchema)
    @transactional
    def post(self, new: services.NewNeed) -> Need:
        """Post a need for the caller's organisation (SMEs). Its matches (``/matches``) are
        ranked at once; the patentees whose patents match it well are told moments later."""
        return services.create_need(get_session(), actor=current_actor(), new=new)


@api_blueprint.route("/needs/<int:need_id>")
class NeedById(MethodView):
    @login_required
    @api_blueprint.response(200, schemas.NeedOutSchema)
    def get(self, need_id: int) -> Need:
        return services.get_need(get_session(), actor=current_actor(), need_id=need_id).need

    @login_required
    @api_blueprint.arguments(schemas.NeedInSchema)
    @api_blueprint.response(200, schemas.NeedOutSchema)
    @transactional
    def put(self, new: services.NewNeed, need_id: int) -> Need:
        """Replace an open need's fields (its organisation's SMEs only)."""
        return services.update_need(get_session(), actor=current_actor(), need_id=need_id,
                                    new=new)


@api_blueprint.route("/needs/<int:need_id>/close")
class NeedClose(MethodView):
    @login_required
    @api_blueprint.response(200, schemas.NeedOutSchema)
    @transactional
    def post(self, need_id: int) -> Need:
        """Close a need (its organisation's SMEs only)."""
        return services.close_need(get_session(), actor=current_actor(), need_id=need_id)


@api_blueprint.route("/needs/<int:need_id>/matches")
class NeedMatches(MethodView):
    @login_required
    @api_blueprint.response(200, schemas.NeedMatchesOutSchema)
    def get(self, need_id: int) -> dict[str, Any]:
        """The need's announced open licences that match strongly or possibly, then its best
        other patents, each with why it matched, its calibrated relevance (%) and its label
        (strong, possible, weak)."""
        session = get_session()
        view = services.get_need(session, actor=current_actor(), need_id=need_id)
        if not view.active:
            return {"announced": [], "others": []}
        results = ranking.need_results(session, search_index(current_app), view.need,
                                       _settings(), per_list=MATCHES_PER_LIST)

        def ranked(item: ResultItem) -> RankedItem:
            shown = results.relevance(item)
            return RankedItem(**vars(item), relevance=shown.pct, label=shown.band)

        return {key: [ranked(item) for item in items]
                for key, items in (("announced", results.announced),
                                   ("others", results.others))}


@api_blueprint.route("/needs/<int:need_id>/alert")
class NeedAlert(MethodView):
    @roles_required(Role.SME)
    @api_blueprint.arguments(schemas.AlertInSchema)
    @api_blueprint.response(200, schemas.SavedSearchOutSchema)
    @transactional
    def post(self, args: dict[str, Any], need_id: int) -> SavedSearch:
        """Save the caller's own need as an alert (or change its threshold)."""
        return services.save_need_alert(get_session(), actor=current_actor(), need_id=need_id,
                                        min_relevance=args["min_relevance"])


@api_blueprint.route("/saved-searches")
class SavedSearches(MethodView):
    @roles_required(Role.SME)
    @api_blueprint.response(200, schemas.SavedSearchOutSchema(many=True))
    def get(self) -> list[SavedSearch]:
        """The alerts of the caller's organisation."""
        return services.list_saved_searches(get_session(), actor=current_actor())

    @roles_required(Role.SME)
    @api_blueprint.arguments(schemas.SavedSearchInSchema)
    @api_blueprint.response(201, schemas.SavedSearchOutSchema)
    @transactional
    def post(self, args: dict[str, Any]) -> SavedSearch:
        """Save a search (words and filters) as an alert on newly announced open licences."""
        threshold = args["min_relevance"] or current_app.config["ALERT_MIN_RELEVANCE"]
        new = services.NewSavedSearch(name=args["name"], query=args["query"],
                                      filters=args["filters"], min_relevance=threshold)
        return services.save_search(get_session(), actor=current_actor(), new=new)


@api_blueprint.route("/saved-searches/<int:saved_search_id>")
class SavedSearchById(MethodView):
    @roles_required(Role.SME)
    @api_blueprint.response(204)
    @transactional
    def delete(self, saved_search_id: int) -> None:
        """Stop an alert of the caller's organisation."""
        services.delete_saved_search(get_session(), actor=current_actor(),
                                     saved_search_id=saved_search_id)
