"""Search API: the same search, access rule and explanations as the search page."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask.views import MethodView
from flask_login import current_user

from marketplace.db import get_session
from marketplace.search import schemas, services
from marketplace.search.sync import search_index
from marketplace.web.arguments import Blueprint
from marketplace.web.auth import current_actor

api_blueprint = Blueprint("search_api", __name__, url_prefix="/api/v1",
                          description="Full-text search of the register, with facets and "
                                      "explained matches")


@api_blueprint.route("/search")
class Search(MethodView):
    @api_blueprint.arguments(schemas.SearchArgsSchema, location="query")
    @api_blueprint.response(200, schemas.SearchOutSchema)
    def get(self, criteria: services.SearchCriteria) -> dict[str, Any]:
        """Search the register. Without login: announced open licences only, whatever the
        parameters say. Filters of one facet are alternatives; different facets all apply.
        Facet counts leave out the facet's own filter."""
        actor = current_actor() if current_user.is_authenticated else None
        results = services.search_patents(get_session(), search_index(current_app),
                                          actor=actor, criteria=criteria)
        return {
            "total": results.page.total, "with_words": results.page.with_words,
            "page": results.page.page,
            "per_page": results.page.per_page, "pages": results.pages,
            "open_only": results.open_only,
            "items": results.items,
            "facets": {name: [{"value": v, "count": c} for v, c in counts]
                       for name, counts in results.page.facets.items()},
        }
