"""Pages under the Content-Security-Policy: the page fixture fails a test on any CSP refusal."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_the_api_docs_render_under_the_content_security_policy(page: Page,
                                                                base_url: str) -> None:
    page.goto(f"{base_url}/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Kaifang")
    expect(page.locator(".opblock").first).to_be_visible()
