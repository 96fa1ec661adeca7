"""The `script-agent` command: generate, serve, operator."""

from __future__ import annotations

import argparse
import asyncio
import inspect
import sys

from pydantic import ValidationError

from script_agent.cli.inputs import UsageError
from script_agent.config import Settings


def _parser() -> argparse.ArgumentParser:
    from script_agent.cli import generate, serve

    parser = argparse.ArgumentParser(prog="script-agent", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    generate.add_parser(sub)
    serve.add_serve_parser(sub)
    serve.add_operator_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as exc:
        err = exc.errors()[0]
        print(f"script-agent: invalid setting {err['loc']}: {err['msg']}", file=sys.stderr)
        return 2
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


if __name__ == "__main__":
    sys.exit(main())
