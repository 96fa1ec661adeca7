"""`script-agent generate`: stream one script to a terminal (a pipe gets the final script only),
state transitions and resets to stderr.

With `--session ID` and no Redis, sessions, checkpoints and the session lock live in an embedded
SQLite file under the user's data directory, so the next run continues the conversation.
"""

from __future__ import annotations

import argparse
import json
import sys

from script_agent.bootstrap import build_container
from script_agent.cli.inputs import load_model, parse_duration, parse_scene
from script_agent.config import Settings
from script_agent.domain.models import InfluencerProfile, Product, ScriptRequest
from script_agent.domain.states import RunStatus
from script_agent.domain.writing.timing import CHARS_PER_SECOND, spoken_seconds, within_target
from script_agent.orchestrator.events import (
    DeltaEvent,
    DoneEvent,
    ErrorEvent,
    ResetEvent,
    RunOutcome,
    StateEvent,
)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("generate", help="write one script, streamed to the terminal")
    p.add_argument("--product", required=True, help="product JSON file")
    p.add_argument("--influencer", required=True, help="influencer profile JSON file")
    p.add_argument("--scene", help="opening | product_intro | selling_points | promotion | closing")
    p.add_argument("--query", default="", help="free-text request, e.g. 帮我写一段开场话术")
    p.add_argument("--event", help="e.g. 618, 双十一")
    p.add_argument(
        "--session", help="session id, to continue a conversation (kept on disk between runs without Redis)"
    )
    p.add_argument("--duration", help="target spoken length in seconds (15-300), e.g. 60")
    p.add_argument("--length", choices=["short", "medium", "long"], help="length preset when no --duration")
    p.add_argument(
        "--show-prompt", action="store_true", help="print the exact LLM messages; generate nothing"
    )
    p.add_argument("--tenant", default="default")
    p.add_argument("--json", action="store_true", help="print only the final result object as JSON")
    p.set_defaults(handler=run_generate)


def build_request(args: argparse.Namespace) -> ScriptRequest:
    product = load_model(args.product, Product, "product")
    influencer = load_model(args.influencer, InfluencerProfile, "influencer")
    return ScriptRequest(
        tenant=args.tenant,
        session_id=args.session,
        query=args.query,
        scene=parse_scene(args.scene),
        event=args.event,
        length=args.length,
        duration_s=parse_duration(args.duration),
        product=product,
        influencer=influencer,
    )


def embedded_settings(settings: Settings, args: argparse.Namespace) -> Settings:
    """A named session outlives the process: `auto` stores become SQLite when Redis is not set."""
    if not args.session or settings.redis.url is not None:
        return settings

    def disk(kind: str) -> str:
        return "sqlite" if kind == "auto" else kind

    return settings.model_copy(
        update={
            "session": settings.session.model_copy(update={"store": disk(settings.session.store)}),
            "checkpoint": settings.checkpoint.model_copy(update={"store": disk(settings.checkpoint.store)}),
            "lock": settings.lock.model_copy(update={"backend": disk(settings.lock.backend)}),
        }
    )


async def run_generate(args: argparse.Namespace, settings: Settings) -> int:
    request = build_request(args)
    container = build_container(embedded_settings(settings, args))
    if args.show_prompt:
        from script_agent.cli.prompt_preview import render_prompt

        try:
            print(await render_prompt(container, request))
        finally:
            await container.aclose()
        return 0
    outcome: RunOutcome | None = None
    # Streaming text to a pipe would hand a consumer the text of attempts that were later thrown
    # away (a broken stream, a failed quality check): a pipe gets the final script only.
    live = sys.stdout.isatty() and not args.json
    try:
        for check in await container.check_upstreams(log_results=False):
            if not check.usable:
                print(check.warning(), file=sys.stderr, flush=True)
        previous: object = None
        async for event in container.orchestrator.stream(request):
            if isinstance(event, DoneEvent):
                outcome = event.outcome
            else:
                _show(event, live=live, after_reset=isinstance(previous, ResetEvent))
            previous = event
    finally:
        await container.aclose()
    assert outcome is not None
    return _report(outcome, as_json=args.json, asked_s=request.duration_s, streamed=live)


def _show(event: StateEvent | DeltaEvent | ResetEvent | ErrorEvent, *, live: bool, after_reset: bool) -> None:
    """State and reset lines go to stderr; the text goes to a terminal as it streams."""
    if isinstance(event, StateEvent):
        generating = event.state == "SCRIPT_GENERATING"
        suffix = f" (attempt {event.attempt})" if generating else ""
        print(f"[{event.state}] checkpoint v{event.version}{suffix}", file=sys.stderr, flush=True)
        if generating and event.attempt > 1 and live and not after_reset:
            print("\n--- regenerating after quality feedback ---", flush=True)
    elif isinstance(event, ResetEvent):
        print(
            f"[reset] attempt {event.attempt} broke mid-stream on layer {event.layer} ({event.reason}):"
            f" discarding the {event.discarded_chars} characters shown, regenerating on the next layer",
            file=sys.stderr,
            flush=True,
        )
        if live:
            print(
                f"\n--- discarded: attempt {event.attempt} broke ({event.reason}); regenerating ---",
                flush=True,
            )
    elif isinstance(event, DeltaEvent) and live:
        sys.stdout.write(event.text)
        sys.stdout.flush()
    elif isinstance(event, ErrorEvent):
        print(f"error: {event.code}: {event.message}", file=sys.stderr, flush=True)


def _timing(text: str, asked_s: int | None, backend: str) -> str:
    """Measured spoken length, and a plain note when an explicit --duration could not be met."""
    seconds = spoken_seconds(text)
    line = f" spoken≈{seconds:.0f}s at {CHARS_PER_SECOND:g} chars/s"
    if asked_s is not None and not within_target(text, asked_s):
        way = "shorter" if seconds < asked_s else "longer"
        why = ": the template writer does not pad beyond the product data" if backend == "template" else ""
        line += f"\nnote: more than 20% {way} than the asked {asked_s}s{why}"
    return line


def _report(outcome: RunOutcome, *, as_json: bool, asked_s: int | None = None, streamed: bool = True) -> int:
    res = outcome.result
    if as_json:
        print(json.dumps(outcome.model_dump(mode="json"), ensure_ascii=False, indent=2))
    elif outcome.clarification:
        print(outcome.clarification)
    elif not streamed and res is not None:
        print(res.text)
    else:
        print()
    if res is not None:
        score = f"{res.quality.score:.0f}" if res.quality else "-"
        flag = f", DEGRADED: {res.degraded_reason}" if res.degraded else ""
        print(
            f"[done] {outcome.state} session={outcome.session_id} backend={res.backend}/{res.layer} "
            f"quality={score}{flag}{_timing(res.text, asked_s, res.backend)}",
            file=sys.stderr,
        )
    return 1 if outcome.status is RunStatus.FAILED else 0
