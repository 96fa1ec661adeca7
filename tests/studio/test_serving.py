"""How the gateway serves the studio: its files, their security headers, and the setting that turns it off."""

from __future__ import annotations

import re
import tomllib
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import httpx

from script_agent.config.app import GatewaySettings
from script_agent.gateway.routes.studio import static_dir
from script_agent.testing.gateway import ROOT, ServerThread, gateway_settings

STATIC = ("index.html", "studio.css", "studio.js", "api.js", "sse.js", "run.js", "highlight.js")
STATIC += ("exporter.js", "texts.js")


class _Inline(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, style elements and attributes,
    inline event handlers."""

    def __init__(self) -> None:
        super().__init__()
        self.blocked: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        if tag == "script" and "src" not in names:
            self._in_script = True
        if tag == "style":
            self.blocked.append("<style>")
        self.blocked += [f"{tag}[{n}]" for n in names if n == "style" or n.startswith("on")]

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.blocked.append("inline <script>")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


def test_the_page_and_its_assets_are_served_with_a_strict_policy(gateway: ServerThread) -> None:
    with httpx.Client(base_url=gateway.url, timeout=5) as client:
        redirect = client.get("/studio")
        assert redirect.status_code == 308 and redirect.headers["location"] == "/studio/"
        for name in ("", *STATIC):
            response = client.get(f"/studio/{name}")
            assert response.status_code == 200, name
            csp = response.headers["content-security-policy"]
            assert "script-src 'self'" in csp and "style-src 'self'" in csp, csp
            assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
            assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
            assert response.headers["x-content-type-options"] == "nosniff"
        assert client.get("/studio/studio.js").headers["content-type"].startswith("text/javascript")
        assert client.get("/studio/nothing-here.js").status_code == 404


def test_the_markup_has_nothing_inline_that_the_policy_would_block() -> None:
    parser = _Inline()
    parser.feed((static_dir() / "index.html").read_text(encoding="utf-8"))
    assert parser.blocked == []


def test_no_credential_or_secret_is_written_into_the_shipped_files() -> None:
    """The page learns the credential from the operator at run time; the files hold none."""
    pattern = re.compile(r"sk-[A-Za-z0-9-]{6,}|eyJ[A-Za-z0-9_-]{10,}\.|Bearer [A-Za-z0-9]")
    for path in static_dir().iterdir():
        assert not pattern.search(path.read_text(encoding="utf-8")), path.name


def test_the_static_files_ship_in_the_package() -> None:
    packaged = resources.files("script_agent.gateway.studio").joinpath("static")
    assert {p.name for p in packaged.iterdir()} >= set(STATIC)
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["script_agent"]
    root = Path(str(resources.files("script_agent")))
    shipped = {p.name for g in globs for p in root.glob(g) if p.parent == static_dir()}
    assert set(STATIC) <= shipped


def test_the_setting_turns_the_studio_off() -> None:
    settings = gateway_settings(None, gateway=GatewaySettings(studio_enabled=False, sse_ping_s=0))
    server = ServerThread(settings).start()
    try:
        assert httpx.get(f"{server.url}/studio/", timeout=5).status_code == 404
        assert httpx.get(f"{server.url}/studio", timeout=5).status_code == 404
        assert httpx.get(f"{server.url}/api/v1/health/live", timeout=5).status_code == 200
    finally:
        server.stop()


def test_studio_requests_are_counted_under_one_route_label(gateway: ServerThread) -> None:
    """Bounded labels: every file of the page (and a miss) counts under the mount's template."""
    with httpx.Client(base_url=gateway.url, timeout=5) as client:
        for name in ("studio.js", "api.js", "missing-file.js"):
            client.get(f"/studio/{name}")
        exposition = client.get("/metrics").text
    assert 'route="/studio/{path}"' in exposition
    assert "studio.js" not in exposition and "missing-file" not in exposition
