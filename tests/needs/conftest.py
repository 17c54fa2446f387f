"""The search fixtures, for needs and alerts."""

from tests.search.conftest import index, index_patents
from tests.sqlite_writes import file_app

__all__ = ["file_app", "index", "index_patents"]
