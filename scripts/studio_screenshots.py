"""Write PNG screenshots of the studio's main states (`make studio-screenshots`).

Runs the real gateway and the fake LLM upstream from script_agent/testing on loopback, and drives Debian's
chromium through Playwright, like the browser tests. Usage: python scripts/studio_screenshots.py [DIR]
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

from script_agent.config.app import AuthSettings  # noqa: E402
from script_agent.config.llm import LLMSettings  # noqa: E402
from script_agent.testing.gateway import GOOD_REPLY, ServerThread  # noqa: E402
from script_agent.testing.llm_faults import Fault  # noqa: E402
from script_agent.testing.llm_upstream import closed_port_url  # noqa: E402
from script_agent.testing.studio import (  # noqa: E402
    REJECTED_REPLY,
    SECOND_REPLY,
    ScriptedUpstream,
    fill_brief,
    sign_in,
    studio_settings,
    wait_runs,
)

LAPTOP = {"width": 1366, "height": 860}
PHONE = {"width": 390, "height": 844}


@contextmanager
def gateways() -> Iterator[tuple[ScriptedUpstream, ServerThread, ServerThread]]:
    """One gateway with API keys and the fake upstream; one in dev mode whose upstream is down."""
    with ScriptedUpstream(reply=GOOD_REPLY, chunk_chars=6) as upstream:
        keyed = ServerThread(studio_settings(upstream.url)).start()
        down = LLMSettings(
            primary_base_url=closed_port_url(),
            fallback_enabled=False,
            template_last_resort=True,
            max_retries=0,
        )
        dev = ServerThread(studio_settings(None, llm=down, auth=AuthSettings(mode="dev"))).start()
        try:
            yield upstream, keyed, dev
        finally:
            keyed.stop()
            dev.stop()


Action = Callable[[Page], None]


def shoot(browser: Browser, out: Path, name: str, viewport: dict[str, int], act: Action) -> None:
    context = browser.new_context(viewport=viewport, device_scale_factor=1)
    try:
        page = context.new_page()
        act(page)
        page.screenshot(path=str(out / f"{name}.png"), full_page=True)
        print(f"wrote {out / name}.png")
    finally:
        context.close()


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with gateways() as (upstream, keyed, dev), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True)

        def signin(page: Page) -> None:
            page.goto(f"{keyed.url}/studio/")
            expect(page.locator("#signin")).to_be_visible()

        def streaming(page: Page) -> None:
            upstream.script(Fault.trickle(0.25))
            sign_in(page, keyed.url)
            fill_brief(page)
            page.locator("#generate").click()
            expect(page.locator("#output")).to_contain_text(GOOD_REPLY[:24], timeout=10_000)

        def regenerating(page: Page) -> None:
            upstream.replies(REJECTED_REPLY, GOOD_REPLY)
            upstream.script(Fault.ok(), Fault.trickle(0.25))
            sign_in(page, keyed.url)
            fill_brief(page)
            page.locator("#generate").click()
            expect(page.locator("#output")).to_contain_text(GOOD_REPLY[:12], timeout=10_000)

        def follow_up(page: Page) -> None:
            upstream.replies(GOOD_REPLY, SECOND_REPLY)
            sign_in(page, keyed.url)
            fill_brief(page)
            page.locator("#generate").click()
            wait_runs(page, 1)
            page.locator("#followup-text").fill("再来一段")
            page.locator("#followup-text").press("Enter")
            wait_runs(page, 2)

        def compliance(page: Page) -> None:
            sign_in(page, keyed.url)
            fill_brief(page)
            page.locator("#generate").click()
            wait_runs(page, 1)
            page.locator("#edit").click()
            page.locator("#editor").press("End")
            page.keyboard.type("这是全网最低价，错过再等一年！用了三天皱纹全没了。")
            page.locator("#recheck").click()
            expect(page.locator("body")).to_have_attribute("data-checks", "1")
            page.locator("#output mark.finding").first.focus()  # shows its rule, basis and fix

        def degraded(page: Page) -> None:
            page.goto(f"{dev.url}/studio/")
            page.locator("#product").select_option(index=1)
            page.locator("#influencer").select_option(index=1)
            page.locator("#generate").click()
            wait_runs(page, 1)

        def upstream_error(page: Page) -> None:
            upstream.script(Fault.http(503))
            sign_in(page, keyed.url)
            fill_brief(page)
            page.locator("#generate").click()
            wait_runs(page, 1)

        shots = [
            ("01-sign-in", LAPTOP, signin),
            ("02-streaming", LAPTOP, streaming),
            ("03-regenerating", LAPTOP, regenerating),
            ("04-follow-up-and-history", LAPTOP, follow_up),
            ("05-compliance", LAPTOP, compliance),
            ("06-degraded", LAPTOP, degraded),
            ("07-upstream-error", LAPTOP, upstream_error),
            ("08-phone", PHONE, follow_up),
        ]
        for name, viewport, act in shots:
            upstream.reset()
            shoot(browser, out, name, viewport, act)
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "studio")
