"""`script-agent serve` and `script-agent operator`: thin launchers for the long-running entrypoints."""

from __future__ import annotations

import argparse

from script_agent.config import Settings


def add_serve_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="run the HTTP gateway")
    p.add_argument("--host", default=None, help="bind address (GATEWAY_HOST)")
    p.add_argument("--port", type=int, default=None, help="port (GATEWAY_PORT)")
    p.set_defaults(handler=run_serve)


def add_operator_parser(sub: argparse._SubParsersAction) -> None:
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
    from script_agent.gateway.server import serve

    serve(settings, host=args.host or settings.gateway.host, port=args.port or settings.gateway.port)
    return 0


def run_operator(args: argparse.Namespace, settings: Settings) -> int:
    from scriptjob_operator.main import run

    return run(args, settings)
