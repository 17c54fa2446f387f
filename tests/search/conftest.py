"""Fixtures for the app side of search."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from marketplace.search import sync
from search_index import SearchIndex


@pytest.fixture()
def index(app: Flask, connection: object) -> Iterator[SearchIndex]:
    """The app's index, emptied before and after the test (data in the test transaction)."""
    index = sync.search_index(app)
    index.clear()
    yield index
    index.clear()
