"""The report opened in headless Chromium: offline, no console errors, charts drawn."""

from __future__ import annotations

import pytest

from recount.report import write_report

pytestmark = pytest.mark.browser


def test_report_renders_offline_in_chromium(report_workspace, page, artifacts_dir):
    path = write_report(report_workspace, redact=True)
    errors, requests = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "request",
        lambda r: (
            requests.append(r.url) if not r.url.startswith(("file:", "data:", "blob:")) else None
        ),
    )
    page.goto(path.as_uri())
    page.wait_for_selector("#chart-governorates svg")
    page.wait_for_function("document.querySelectorAll('div.vega.vega-embed').length >= 8")
    assert errors == []
    assert requests == []
    for section in (
        "headline",
        "governorates",
        "time",
        "lists",
        "linkage",
        "estimation",
        "quality",
        "claims",
        "provenance",
    ):
        assert page.locator(f"section#{section}").is_visible()
    marks = page.locator("#chart-governorates.vega-embed svg .mark-rect path")
    assert marks.count() > 0
    header = page.locator("#lists table th").first
    header.click()
    assert "sorted-asc" in (header.get_attribute("class") or "")
    page.screenshot(path=str(artifacts_dir / "report.png"), full_page=True)
