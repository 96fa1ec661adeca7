"""The `script-agent` command: generate, serve, operator."""

from __future__ import annotations

import argparse
import asyncio
import inspect
import sys
from importlib import metadata

from pydantic import ValidationError

from script_agent.cli.inputs import UsageError
from script_agent.config import Settings
from script_agent.observability.logging import configure_logging

DISTRIBUTION = "script-agent"


def version() -> str:
    """The installed distribution's version: one source of truth, the package metadata."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"


def _parser() -> argparse.ArgumentParser:
    from script_agent.cli import check, generate, serve

    parser = argparse.ArgumentParser(prog="script-agent", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    generate.add_parser(sub)
    check.add_parser(sub)
    serve.add_serve_parser(sub)
    serve.add_operator_parser(sub)
    return parser


def _answer_version(argv: list[str] | None) -> None:
    """`--version` answers before the subcommands (and the whole application) are imported."""
    pre = argparse.ArgumentParser(prog="script-agent", add_help=False, allow_abbrev=False)
    pre.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    pre.parse_known_args(argv)


def main(argv: list[str] | None = None) -> int:
    _answer_version(argv)
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as exc:
        err = exc.errors()[0]
        print(f"script-agent: invalid setting {err['loc']}: {err['msg']}", file=sys.stderr)
        return 2
    if args.command == "generate":
        _cli_logging(settings)
    try:
        result = args.handler(args, settings)
        if inspect.iscoroutine(result):
            result = asyncio.run(result)
        return int(result or 0)
    except UsageError as exc:
        print(f"script-agent: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _cli_logging(settings: Settings) -> None:
    """A terminal run shows warnings only, unless LOG_LEVEL asks for more: its progress lines are
    the state transitions, and INFO lines would bury them. LOG_JSON applies as everywhere."""
    explicit = "level" in settings.log.model_fields_set
    configure_logging(settings.log.level if explicit else "WARNING", settings.log.json_format)


if __name__ == "__main__":
    sys.exit(main())
