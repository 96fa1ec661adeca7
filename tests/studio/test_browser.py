"""The studio in a real headless Chromium: sign-in, a streamed run, a regeneration, a follow-up,
export and an upstream failure, each against the real gateway and the fake upstream."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
from playwright.sync_api import Page, Route, expect

from script_agent.testing.gateway import KEYS, ServerThread, make_jwt
from script_agent.testing.llm_faults import Fault
from script_agent.testing.studio import (
    GOOD_REPLY,
    REJECTED_REPLY,
    SECOND_REPLY,
    WRITER,
    ScriptedUpstream,
    fill_brief,
    sign_in,
    wait_runs,
)


def test_a_wrong_key_is_refused_with_a_message_and_the_right_one_signs_in(
    page: Page, gateway: ServerThread
) -> None:
    page.goto(f"{gateway.url}/studio")  # the bare path redirects to the page
    expect(page.locator("#signin")).to_be_visible()
    page.locator("#credential").fill("sk-not-a-key")
    page.locator("#credential").press("Enter")
    expect(page.locator("#signin-error")).to_contain_text("凭证无效")
    expect(page.locator("#workspace")).to_be_hidden()

    page.locator("#credential").fill(WRITER.value)
    page.locator("#credential").press("Enter")
    expect(page.locator("#workspace")).to_be_visible()
    expect(page.locator("#who")).to_have_text("已登录")
    # The catalogue came from the API: every listed influencer is offered.
    expect(page.locator("#influencer option[value=xiaomei]")).to_have_count(1)
    # Kept for this tab only, and never in the page's markup.
    assert page.evaluate("sessionStorage.length") == 1
    assert WRITER.value not in page.content()


def test_a_jwt_signs_in_and_survives_a_reload_until_sign_out(page: Page, gateway: ServerThread) -> None:
    token = make_jwt(WRITER.tenant)
    sign_in(page, gateway.url, token)
    page.reload()
    expect(page.locator("#workspace")).to_be_visible()
    page.locator("#sign-out").click()
    expect(page.locator("#signin")).to_be_visible()
    assert page.evaluate("sessionStorage.length") == 0


def test_the_script_is_visible_while_it_is_still_streaming(
    page: Page, gateway: ServerThread, upstream: ScriptedUpstream
) -> None:
    upstream.script(Fault.trickle(0.15))  # ~14 chunks, 0.15 s apart
    sent: list[dict] = []
    page.on("request", lambda r: sent.append(r.post_data_json) if r.url.endswith("/stream") else None)
    sign_in(page, gateway.url)
    fill_brief(page)
    page.locator("#duration").select_option("30")
    page.locator("#event").fill("双11")
    page.locator("#generate").click()
    expect(page.locator("#output")).to_have_text(re.compile(r"\S"))  # the first delta arrived
    partial, streaming = page.evaluate(
        "[document.getElementById('output').textContent, !document.getElementById('stop').hidden]"
    )
    assert streaming, "the first text must show before the stream ends"
    assert 0 < len(partial) < len(GOOD_REPLY) and GOOD_REPLY.startswith(partial)
    wait_runs(page, 1)
    expect(page.locator("#output")).to_have_text(GOOD_REPLY)
    expect(page.locator("#status")).to_have_text("已完成")
    expect(page.locator("#steps li.done")).to_have_count(6)
    # The brief as the API's own schema asks for it: a duration when it has the field, else a length.
    schema = httpx.get(f"{gateway.url}/openapi.json", timeout=5).json()["components"]["schemas"]
    has_duration = "duration_s" in schema["GenerateBody"]["properties"]
    assert len(sent) == 1 and sent[0]["event"] == "双11" and sent[0]["scene"] == "opening"
    assert sent[0].get("duration_s" if has_duration else "length") == (30 if has_duration else "short")


def test_a_regeneration_replaces_the_rejected_draft(
    page: Page, gateway: ServerThread, upstream: ScriptedUpstream
) -> None:
    upstream.replies(REJECTED_REPLY, GOOD_REPLY)
    upstream.script(Fault.ok(), Fault.trickle(0.1))  # the second attempt streams slowly enough to watch
    sign_in(page, gateway.url)
    fill_brief(page)
    page.locator("#generate").click()
    expect(page.locator("#status")).to_contain_text("正在写第 2 稿", timeout=10_000)
    assert REJECTED_REPLY not in page.locator("#output").text_content()
    wait_runs(page, 1)
    expect(page.locator("#output")).to_have_text(GOOD_REPLY)
    expect(page.locator("#status")).to_contain_text("重写 1 次")
    assert len(upstream.chat_requests()) == 2


def test_a_follow_up_is_a_second_turn_of_the_same_session(
    page: Page, gateway: ServerThread, upstream: ScriptedUpstream
) -> None:
    upstream.replies(GOOD_REPLY, SECOND_REPLY)
    sign_in(page, gateway.url)
    fill_brief(page)
    page.locator("#generate").click()
    wait_runs(page, 1)
    session_id = page.locator("#session-id").get_attribute("data-session")
    assert session_id
    page.locator("#followup-text").fill("再来一段")
    page.locator("#followup-text").press("Enter")
    wait_runs(page, 2)
    expect(page.locator("#output")).to_have_text(SECOND_REPLY)
    expect(page.locator("#session-id")).to_have_attribute("data-session", session_id)
    expect(page.locator("#history li")).to_have_count(2)
    # The gateway's own record agrees: one session, two user turns, the follow-up's words in it.
    url = f"{gateway.url}/api/v1/sessions/{session_id}"
    stored = httpx.get(url, headers=WRITER.headers, timeout=5).json()
    assert [t["text"] for t in stored["turns"] if t["role"] == "user"][-1] == "再来一段"
    assert [s["text"] for s in stored["scripts"]] == [GOOD_REPLY, SECOND_REPLY]
    # An earlier script of the session opens from the history list.
    page.locator("#history li button").first.click()
    expect(page.locator("#output")).to_have_text(GOOD_REPLY)
    # After a reload the session is found again in the list of recent sessions.
    page.reload()
    session_button = page.locator(f'#sessions button[data-session="{session_id}"]')
    expect(session_button).to_contain_text("2 段")
    session_button.click()
    expect(page.locator("#session-id")).to_have_attribute("data-session", session_id)
    expect(page.locator("#history li")).to_have_count(2)


def test_export_writes_markdown_and_plain_text_and_copy_fills_the_clipboard(
    page: Page, gateway: ServerThread, tmp_path: Path
) -> None:
    sign_in(page, gateway.url)
    fill_brief(page)
    page.locator("#generate").click()
    wait_runs(page, 1)
    with page.expect_download() as markdown:
        page.locator("#export-md").click()
    with page.expect_download() as plain:
        page.locator("#export-txt").click()
    md = Path(markdown.value.path()).read_text(encoding="utf-8")
    txt = Path(plain.value.path()).read_text(encoding="utf-8")
    assert markdown.value.suggested_filename.endswith(".md")
    assert md.startswith("# 开场话术：保湿面霜") and GOOD_REPLY in md and "质量：" in md
    assert txt == GOOD_REPLY + "\n"
    page.locator("#copy").click()
    expect(page.locator("#status")).to_have_text("已复制到剪贴板")
    assert page.evaluate("navigator.clipboard.readText()") == GOOD_REPLY + "\n"


def test_an_upstream_failure_is_shown_as_a_clear_message(
    page: Page, gateway: ServerThread, upstream: ScriptedUpstream
) -> None:
    upstream.script(Fault.http(503))
    sign_in(page, gateway.url)
    fill_brief(page)
    page.locator("#generate").click()
    wait_runs(page, 1)
    expect(page.locator("#run-error")).to_be_visible()
    expect(page.locator("#run-error")).to_contain_text("模型服务暂时不可用")
    expect(page.locator("#run-error")).to_contain_text("llm_unavailable")
    expect(page.locator("#status")).to_have_text("失败")
    expect(page.locator("#steps li.failed")).to_have_text("撰写话术")  # where the run stopped
    expect(page.locator("#export-md")).to_be_disabled()


def test_bad_product_json_is_reported_before_any_request(
    page: Page, gateway: ServerThread, upstream: ScriptedUpstream
) -> None:
    sign_in(page, gateway.url)
    fill_brief(page)
    page.locator("#product-json").fill("{not json")
    page.locator("#generate").click()
    expect(page.locator("#form-error")).to_contain_text("商品 JSON")
    assert upstream.chat_requests() == []


def test_a_dropped_stream_is_resumed_with_last_event_id(
    page: Page, gateway: ServerThread, upstream: ScriptedUpstream
) -> None:
    """The first stream is cut after its first delta (the browser sees a clean end without a terminal
    event, as when a proxy drops it); the page reconnects with Last-Event-ID and the gateway finishes."""
    seen: list[str | None] = []

    def drop_first(route: Route) -> None:
        seen.append(route.request.headers.get("last-event-id"))
        if len(seen) > 1:
            route.continue_()
            return
        response = route.fetch()
        frames = response.text().split("\r\n\r\n")
        cut = next(i for i, f in enumerate(frames) if "event: delta" in f)
        route.fulfill(response=response, body="\r\n\r\n".join(frames[: cut + 1]) + "\r\n\r\n")

    page.route("**/api/v1/generate/stream", drop_first)
    sign_in(page, gateway.url)
    fill_brief(page)
    page.locator("#generate").click()
    wait_runs(page, 1)
    expect(page.locator("#output")).to_have_text(GOOD_REPLY)
    expect(page.locator("#status")).to_have_text("已完成")
    assert len(seen) == 2 and seen[0] is None and seen[1], seen
    assert len(upstream.chat_requests()) == 1  # the same run, continued: no second generation


def test_stop_ends_the_stream_and_the_session_is_free_for_the_next_run(
    page: Page, gateway: ServerThread, upstream: ScriptedUpstream
) -> None:
    upstream.script(Fault.trickle(0.3))
    sign_in(page, gateway.url)
    fill_brief(page)
    page.locator("#generate").click()
    expect(page.locator("#output")).to_have_text(re.compile(r"\S"))
    page.locator("#stop").click()
    wait_runs(page, 1)
    expect(page.locator("#run-error")).to_contain_text("已停止生成")
    expect(page.locator("#output")).not_to_contain_text(GOOD_REPLY)
    page.locator("#generate").click()  # same session: its lock was released when the stream closed
    wait_runs(page, 2)
    expect(page.locator("#output")).to_have_text(GOOD_REPLY)


def test_a_reader_may_sign_in_but_is_told_it_may_not_generate(
    page: Page, gateway: ServerThread, upstream: ScriptedUpstream
) -> None:
    sign_in(page, gateway.url, KEYS["reader"].value)
    fill_brief(page)
    page.locator("#generate").click()
    wait_runs(page, 1)
    expect(page.locator("#run-error")).to_contain_text("当前账号没有生成权限")
    expect(page.locator("#run-error")).to_contain_text("forbidden")
    assert upstream.chat_requests() == []
