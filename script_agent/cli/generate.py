"""`script-agent generate`: stream one script to stdout, state transitions to stderr."""

from __future__ import annotations

import argparse
import json
import sys

from script_agent.bootstrap import build_container
from script_agent.cli.inputs import load_model, parse_scene
from script_agent.config import Settings
from script_agent.domain.models import InfluencerProfile, Product, ScriptRequest
from script_agent.domain.states import RunStatus
from script_agent.orchestrator.events import DeltaEvent, DoneEvent, ErrorEvent, RunOutcome, StateEvent


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("generate", help="write one script, streamed to the terminal")
    p.add_argument("--product", required=True, help="product JSON file")
    p.add_argument("--influencer", required=True, help="influencer profile JSON file")
    p.add_argument("--scene", help="opening | product_intro | selling_points | promotion | closing")
    p.add_argument("--query", default="", help="free-text request, e.g. 帮我写一段开场话术")
    p.add_argument("--event", help="e.g. 618, 双十一")
    p.add_argument("--session", help="session id, to continue a conversation")
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
        product=product,
        influencer=influencer,
    )


async def run_generate(args: argparse.Namespace, settings: Settings) -> int:
    request = build_request(args)
    container = build_container(settings)
    outcome: RunOutcome | None = None
    try:
        async for event in container.orchestrator.stream(request):
            if isinstance(event, StateEvent):
                suffix = f" (attempt {event.attempt + 1})" if event.state == "SCRIPT_GENERATING" else ""
                print(f"[{event.state}] checkpoint v{event.version}{suffix}", file=sys.stderr, flush=True)
                if event.state == "SCRIPT_GENERATING" and event.attempt > 0 and not args.json:
                    print("\n--- regenerating after quality feedback ---", flush=True)
            elif isinstance(event, DeltaEvent) and not args.json:
                sys.stdout.write(event.text)
                sys.stdout.flush()
            elif isinstance(event, ErrorEvent):
                print(f"error: {event.code}: {event.message}", file=sys.stderr, flush=True)
            elif isinstance(event, DoneEvent):
                outcome = event.outcome
    finally:
        await container.aclose()
    assert outcome is not None
    return _report(outcome, as_json=args.json)


def _report(outcome: RunOutcome, *, as_json: bool) -> int:
    if as_json:
        print(json.dumps(outcome.model_dump(mode="json"), ensure_ascii=False, indent=2))
    elif outcome.clarification:
        print(outcome.clarification)
    else:
        print()
    res = outcome.result
    if res is not None:
        score = f"{res.quality.score:.0f}" if res.quality else "-"
        flag = f", DEGRADED: {res.degraded_reason}" if res.degraded else ""
        print(
            f"[done] {outcome.state} session={outcome.session_id} backend={res.backend}/{res.layer} "
            f"quality={score}{flag}",
            file=sys.stderr,
        )
    return 1 if outcome.status is RunStatus.FAILED else 0
