"""The search fixtures, for needs and alerts."""

from tests.search.conftest import index, index_patents

__all__ = ["index", "index_patents"]
