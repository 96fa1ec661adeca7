"""Compliance findings from the gateway's `POST /api/v1/check`, marked in the script: offsets,
hover/focus details, an operator's edit checked again, and a gateway without the route."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from script_agent.testing.gateway import ServerThread
from script_agent.testing.studio import (
    GOOD_REPLY,
    PRODUCT,
    WRITER,
    ScriptedUpstream,
    fill_brief,
    sign_in,
    studio_settings,
    wait_runs,
)

ADDED = "这是全网最低价，错过再等一年！用了三天皱纹全没了。"  # what an operator might type in


def api_findings(base_url: str, text: str) -> list[dict[str, Any]]:
    """What the gateway's own checker reports for `text`: the page must show exactly these."""
    body = {"text": text, "product": PRODUCT}
    response = httpx.post(f"{base_url}/api/v1/check", json=body, headers=WRITER.headers, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()["findings"]


def _studio_module(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/studio/")
    expect(page.locator("#signin")).to_be_visible()


def test_offsets_count_code_points_and_a_drifted_offset_is_found_by_its_text(
    page: Page, gateway: ServerThread
) -> None:
    _studio_module(page, gateway.url)
    marked = page.evaluate(
        """async () => {
          const h = await import('/studio/highlight.js');
          const text = '😀😀好物推荐，全网第一，真的好物';
          const findings = h.findingsOf({findings: [
            {rule_id: 'a', severity: 'blocking', start: 7, end: 11, text: '全网第一'},
            {rule_id: 'b', start: 0, end: 2, text: '好物'},
            {rule_id: 'c', start: 7, end: 9, text: '全网'},
          ]}, text);
          const box = document.createElement('div');
          h.renderMarked(box, text, findings);
          const marks = [...box.querySelectorAll('mark')].map(m => m.textContent);
          return {rules: findings.map(f => f.rule), marks, whole: box.textContent};
        }"""
    )
    # 'b' had offsets of UTF-16 style drift and is found by its text; 'c' overlaps 'a' and is dropped.
    assert marked == {
        "rules": ["b", "a"],
        "marks": ["好物", "全网第一"],
        "whole": "😀😀好物推荐，全网第一，真的好物",
    }


def test_the_finished_script_is_checked_with_its_product(page: Page, gateway: ServerThread) -> None:
    checks: list[dict[str, Any]] = []
    page.on(
        "request",
        lambda r: checks.append(r.post_data_json) if r.url.endswith("/api/v1/check") else None,
    )
    sign_in(page, gateway.url)
    fill_brief(page)
    page.locator("#generate").click()
    wait_runs(page, 1)
    assert checks == [{"text": GOOD_REPLY, "product": PRODUCT}]
    expected = api_findings(gateway.url, GOOD_REPLY)
    expect(page.locator("#output mark.finding")).to_have_count(len(expected))


def test_an_edited_script_is_checked_again_and_each_finding_is_marked(
    page: Page, gateway: ServerThread
) -> None:
    sign_in(page, gateway.url)
    fill_brief(page)
    page.locator("#generate").click()
    wait_runs(page, 1)
    page.locator("#edit").click()
    expect(page.locator("#editor")).to_be_focused()
    page.locator("#editor").press("End")
    page.keyboard.type(ADDED)
    page.locator("#recheck").click()
    expect(page.locator("body")).to_have_attribute("data-checks", "1")
    edited = GOOD_REPLY + ADDED
    expect(page.locator("#output")).to_have_text(edited)  # marking never changes the text
    findings = api_findings(gateway.url, edited)
    assert findings, "the added sentence breaks several rules"
    marks = page.locator("#output mark.finding")
    spans = marks.evaluate_all("ms => ms.map(m => [m.dataset.rule, m.textContent])")
    reported = {(f["rule_id"], f["text"]) for f in findings}
    assert spans and set(map(tuple, spans)) <= reported
    # Every finding is visible: marked itself, or inside a mark of an overlapping one.
    for f in findings:
        assert any(f["text"] in text for _, text in spans), f
    first = next(f for f in findings if (f["rule_id"], f["text"]) == tuple(spans[0]))
    marks.first.focus()  # keyboard users get the same details as a hover
    tip = marks.first.evaluate("m => getComputedStyle(m, '::after').content")
    for value in (first["rule_id"], first["basis"], first["fix"]):
        assert value in tip
    expect(page.locator("#findings li")).to_have_count(len(spans))
    with page.expect_download() as markdown:
        page.locator("#export-md").click()
    exported = Path(markdown.value.path()).read_text(encoding="utf-8")
    assert edited in exported and first["basis"] in exported and "已人工修改" in exported


@pytest.fixture(scope="module")
def unchecked_gateway(upstream: ScriptedUpstream) -> Iterator[ServerThread]:
    """A gateway without a check route, whatever this version of the code registers."""
    server = ServerThread(studio_settings(upstream.url))
    server.app.router.routes = [r for r in server.app.routes if getattr(r, "path", None) != "/api/v1/check"]
    server.start()
    yield server
    server.stop()


def test_without_a_check_route_the_page_marks_nothing_and_shows_no_error(
    page: Page, unchecked_gateway: ServerThread
) -> None:
    sign_in(page, unchecked_gateway.url)
    fill_brief(page)
    page.locator("#generate").click()
    wait_runs(page, 1)
    expect(page.locator("#output")).to_have_text(GOOD_REPLY)
    expect(page.locator("#output mark")).to_have_count(0)
    expect(page.locator("#run-error")).to_be_hidden()
    expect(page.locator("#findings")).to_be_hidden()
