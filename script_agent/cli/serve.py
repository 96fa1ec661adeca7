"""`script-agent serve` and `script-agent operator`: thin launchers for the long-running entrypoints."""

from __future__ import annotations

import argparse

from script_agent.config import Settings


def add_serve_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("serve", help="run the HTTP gateway")
    p.add_argument("--host", default=None, help="bind address (GATEWAY_HOST)")
    p.add_argument("--port", type=int, default=None, help="port (GATEWAY_PORT)")
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        help="gateway processes behind the one port (uvicorn's supervisor); N > 1 needs Redis state",
    )
    p.add_argument(
        "--allow-unshared-state",
        action="store_true",
        help="let --workers N > 1 run with in-memory stores (each process then has its own sessions, "
        "checkpoints, locks and limits)",
    )
    p.set_defaults(handler=run_serve)


def add_operator_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("operator", help="run the ScriptJob operator (kopf)")
    scope = p.add_mutually_exclusive_group()
    scope.add_argument(
        "--namespace", "-n", action="append", default=[], help="namespace to watch (repeatable)"
    )
    scope.add_argument("--all-namespaces", "-A", action="store_true")
    p.add_argument("--standalone", action="store_true", help="no peering (single replica / local runs)")
    p.add_argument("--peering", default=None, help="kopf peering object name (several replicas)")
    p.add_argument(
        "--priority", type=int, default=None, help="kopf peering priority (default: random per replica)"
    )
    p.add_argument("--liveness", default=None, help="liveness endpoint, e.g. http://0.0.0.0:8081/healthz")
    p.set_defaults(handler=run_operator)


def run_serve(args: argparse.Namespace, settings: Settings) -> int:
    from script_agent.gateway.server import serve, unshared_state

    workers = args.workers
    if workers < 1 or workers > 64:
        raise SystemExit("script-agent serve: --workers must be between 1 and 64")
    unshared = unshared_state(settings)
    if workers > 1 and unshared and not args.allow_unshared_state:
        raise SystemExit(
            f"script-agent serve: --workers {workers} with in-memory state ({', '.join(unshared)}): "
            "every process would keep its own sessions, checkpoints, locks and limits, so a retried "
            "or resumed request could land on a process that knows nothing of it. Set REDIS_URL to "
            "share the state, or pass --allow-unshared-state to run them anyway."
        )
    host, port = args.host or settings.gateway.host, args.port or settings.gateway.port
    serve(settings, host=host, port=port, workers=workers)
    return 0


def run_operator(args: argparse.Namespace, settings: Settings) -> int:
    from scriptjob_operator.main import run

    return run(args, settings)
