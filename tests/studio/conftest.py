"""A real headless Chromium (Debian's, never a downloaded build) against a real gateway and the fake
LLM upstream, all started here on loopback."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from script_agent.testing.gateway import GOOD_REPLY, ServerThread
from script_agent.testing.studio import ScriptedUpstream, studio_settings

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    """Module-scoped: Playwright's sync API keeps an event loop running in this thread while it is
    open, which would stop every later asyncio test in the session from running its coroutine."""
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """`scripts/ensure-chromium.sh` (run by `make test`) installs it; a missing browser is a failure."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def upstream() -> Iterator[ScriptedUpstream]:
    with ScriptedUpstream(reply=GOOD_REPLY, chunk_chars=8) as up:
        yield up


@pytest.fixture(autouse=True)
def _clean_upstream(upstream: ScriptedUpstream) -> None:
    upstream.reset()


@pytest.fixture(scope="module")
def gateway(upstream: ScriptedUpstream) -> Iterator[ServerThread]:
    server = ServerThread(studio_settings(upstream.url)).start()
    yield server
    server.stop()


@pytest.fixture
def page(browser: Browser, gateway: ServerThread) -> Iterator[Page]:
    """A fresh context per test (own sessionStorage), failing on any CSP violation or script error."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=gateway.url)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on(
        "console",
        lambda msg: problems.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    yield page
    context.close()
    assert not problems, problems
