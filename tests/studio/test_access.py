"""Dev mode, a degraded result, keyboard-only use and a phone-sized screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from script_agent.config.app import AuthSettings
from script_agent.config.llm import LLMSettings
from script_agent.testing.gateway import ServerThread
from script_agent.testing.llm_upstream import closed_port_url
from script_agent.testing.studio import GOOD_REPLY, WRITER, fill_brief, studio_settings, wait_runs


@pytest.fixture(scope="module")
def dev_gateway() -> Iterator[ServerThread]:
    """AUTH_MODE=dev, and a primary upstream that refuses connections: the template writer (the last
    resort) serves, so every result is degraded."""
    llm = LLMSettings(
        primary_base_url=closed_port_url(),
        primary_model="base",
        fallback_enabled=False,
        template_last_resort=True,
        max_retries=0,
        deadline_s=3.0,
    )
    server = ServerThread(studio_settings(None, llm=llm, auth=AuthSettings(mode="dev"))).start()
    yield server
    server.stop()


def test_dev_mode_needs_no_sign_in_and_a_degraded_result_says_why(
    page: Page, dev_gateway: ServerThread
) -> None:
    page.goto(f"{dev_gateway.url}/studio/")
    expect(page.locator("#workspace")).to_be_visible()
    expect(page.locator("#signin")).to_be_hidden()
    expect(page.locator("#who")).to_contain_text("开发模式")
    page.locator("#product").select_option(index=1)  # from the catalogue this time
    page.locator("#generate").click()
    wait_runs(page, 1)
    expect(page.locator("#degraded")).to_be_visible()
    expect(page.locator("#degraded")).to_contain_text("降级结果：")
    reason = page.locator("#degraded").text_content().removeprefix("降级结果：")
    assert reason and reason != "原因未说明"
    expect(page.locator("#status")).to_have_text("降级完成")
    with page.expect_download() as markdown:
        page.locator("#export-md").click()
    assert f"**降级结果**：{reason}" in Path(markdown.value.path()).read_text(encoding="utf-8")


def _tab_to(page: Page, element_id: str, limit: int = 40) -> None:
    for _ in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"#{element_id} is not reachable with Tab")


def test_the_whole_flow_works_from_the_keyboard(page: Page, gateway: ServerThread) -> None:
    page.goto(f"{gateway.url}/studio/")
    expect(page.locator("#credential")).to_be_focused()
    page.keyboard.type(WRITER.value)
    page.keyboard.press("Enter")
    expect(page.locator("#workspace")).to_be_visible()
    fill_brief(page)
    _tab_to(page, "generate")
    page.keyboard.press("Enter")
    wait_runs(page, 1)
    expect(page.locator("#output")).to_have_text(GOOD_REPLY)
    _tab_to(page, "copy")
    page.keyboard.press("Enter")
    expect(page.locator("#status")).to_have_text("已复制到剪贴板")
    _tab_to(page, "followup-text")
    page.keyboard.type("语气专业一点")
    page.keyboard.press("Enter")
    wait_runs(page, 2)
    expect(page.locator("#history li")).to_have_count(2)


def test_a_phone_screen_gets_one_column_without_sideways_scrolling(
    browser: Browser, gateway: ServerThread
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(f"{gateway.url}/studio/")
        page.locator("#credential").fill(WRITER.value)
        page.locator("#credential").press("Enter")
        expect(page.locator("#workspace")).to_be_visible()
        fill_brief(page)
        page.locator("#generate").tap()
        wait_runs(page, 1)
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], width
        brief, result = page.locator("#brief").bounding_box(), page.locator(".result").bounding_box()
        assert brief and result and result["y"] >= brief["y"] + brief["height"]
        assert result["width"] > 0.9 * (width[1] - 32)
    finally:
        context.close()
