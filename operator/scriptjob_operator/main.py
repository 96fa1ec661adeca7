"""`script-agent operator`: build everything once, then run kopf embedded (`kopf.operator`).

Peering: `--peering NAME` makes kopf peering mandatory under that KopfPeering (ClusterKopfPeering
with --all-namespaces) object; without it the operator runs `--standalone`. kopf pauses every
operator that sees a live peer of higher *or equal* priority, so replicas of one Deployment must
not share a priority: unless OPERATOR_PEERING_PRIORITY (or --priority) is given, each process
draws a random one, which makes the replicas active/standby. Independently of peering, each job is
stepped only under its Redis session lock, and every checkpoint carries the lock's fencing token,
so even two operators that both believe they are active never run one job's state twice.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import secrets
import sys
from collections.abc import Sequence

import kopf

from script_agent.config import Settings
from script_agent.observability.logging import configure_logging
from scriptjob_operator.app import OperatorApp, build_app
from scriptjob_operator.handlers import build_registry

log = logging.getLogger(__name__)


def peering_priority(args: argparse.Namespace, settings: Settings) -> int:
    explicit = getattr(args, "priority", None)
    if explicit is not None:
        return int(explicit)
    if settings.operator.peering_priority is not None:
        return settings.operator.peering_priority
    return 1 + secrets.randbelow(10_000)


def liveness_url(args: argparse.Namespace, settings: Settings) -> str | None:
    if args.liveness:
        return str(args.liveness)
    port = settings.operator.liveness_port
    return f"http://{settings.operator.bind_host}:{port}/healthz" if port else None


async def serve(
    app: OperatorApp,
    *,
    namespaces: Sequence[str] = (),
    clusterwide: bool = False,
    peering: str | None = None,
    priority: int = 0,
    liveness: str | None = None,
    stop_flag: asyncio.Event | None = None,
    ready_flag: asyncio.Event | None = None,
) -> None:
    """Run kopf with this app's handlers until stopped (SIGTERM/SIGINT or `stop_flag`).

    A peering name makes peering mandatory (kopf fails to start without the peering object);
    kopf uses ClusterKopfPeering when `clusterwide`, else KopfPeering in each watched namespace."""
    await kopf.operator(
        registry=build_registry(app),
        settings=kopf.OperatorSettings(),  # filled in by the startup handler (kopfconf.configure)
        standalone=not peering,
        peering_name=peering,
        priority=priority,
        namespaces=list(namespaces),
        clusterwide=clusterwide,
        liveness_endpoint=liveness,
        stop_flag=stop_flag,
        ready_flag=ready_flag,
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    namespaces = list(args.namespace or [])
    if not namespaces and not args.all_namespaces:
        print("script-agent operator: give --namespace NS (repeatable) or --all-namespaces", file=sys.stderr)
        return 2
    if args.standalone and args.peering:
        print("script-agent operator: --standalone and --peering exclude each other", file=sys.stderr)
        return 2
    configure_logging(settings.log.level, settings.log.json_format)
    priority = peering_priority(args, settings)
    if args.peering:
        log.info("peering %r with priority %d", args.peering, priority)
    app = build_app(settings)
    asyncio.run(
        serve(
            app,
            namespaces=namespaces,
            clusterwide=bool(args.all_namespaces),
            peering=args.peering,
            priority=priority,
            liveness=liveness_url(args, settings),
        )
    )
    return 0
