"""`script-agent check`: lint any script, model-written or typed by a host, for advertising-law issues.

    script-agent check script.txt --product product.json
    cat script.txt | script-agent check - --json

Each finding prints its rule id, severity, span (offsets and text, highlighted in its clause), legal
basis and fix, then a suggested rewrite of the whole text. Colour only when stdout is a terminal.
Exit 0: clean; 1: findings; 2: bad input. `--json` prints the same object POST /api/v1/check returns.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path

from script_agent.bootstrap import build_compliance
from script_agent.cli.inputs import UsageError, load_model
from script_agent.config import Settings
from script_agent.domain.compliance.facts import facts_from
from script_agent.domain.compliance.findings import CheckReport, Finding
from script_agent.domain.models import Product

MAX_INPUT_CHARS = 20_000
RED, YELLOW, BOLD, DIM, RESET = "\033[31m", "\033[33m", "\033[1m", "\033[2m", "\033[0m"


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("check", help="lint a script for advertising-law issues (exit 1 on findings)")
    p.add_argument("file", nargs="?", default="-", help="script text file, or - for stdin (default)")
    p.add_argument("--product", help="product JSON file: claims and prices it carries are allowed")
    p.add_argument("--promotion", help="the real offer (stock, deadline, discount), as free text")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(handler=run_check)


def read_text(name: str) -> str:
    try:
        raw = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read script {name}: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"script {name} is not UTF-8 text") from None
    if not text.strip():
        raise UsageError(f"script {name} is empty")
    if len(text) > MAX_INPUT_CHARS:
        raise UsageError(f"script {name} is longer than {MAX_INPUT_CHARS} characters")
    return text


def _paint(code: str, text: str, colour: bool) -> str:
    return f"{code}{text}{RESET}" if colour else text


def render_finding(n: int, f: Finding, text: str, colour: bool) -> str:
    """The clause with the span highlighted (brackets when there is no colour), then basis and fix."""
    before, span, after = text[f.clause_start : f.start], text[f.start : f.end], text[f.end : f.clause_end]
    marked = _paint(BOLD + RED, span, colour) if colour else f"【{span}】"
    tone = RED if f.blocking else YELLOW
    head = _paint(tone, f"{f.severity.value:<8}", colour)
    layer = "" if f.layer == "rule" else f" ({f.layer}, {f.score})"
    layer += " (confirmed by the LLM judge)" if f.confirmed else ""
    return "\n".join(
        [
            f"{n:>2}. {head} {_paint(BOLD, f.rule_id, colour)}  [{f.start}:{f.end}]{layer}  {f.message}",
            f"    {before}{marked}{after}",
            f"    {_paint(DIM, '依据', colour)} {f.basis}",
            f"    {_paint(DIM, '修改', colour)} {f.fix}",
        ]
    )


def render(report: CheckReport, name: str, colour: bool) -> str:
    if report.clean:
        return f"{name}: no findings ({', '.join(report.layers)})"
    warnings = len(report.findings) - report.blocking
    lines = [
        f"{name}: {len(report.findings)} finding(s), {report.blocking} blocking, {warnings} warning(s)",
        "",
    ]
    lines += [render_finding(n, f, report.text, colour) for n, f in enumerate(report.findings, 1)]
    if report.suggestion is not None:
        lines += ["", _paint(BOLD, "suggested rewrite:", colour), report.suggestion]
    return "\n".join(lines)


def run_check(args: argparse.Namespace, settings: Settings) -> int:
    """Synchronous on purpose: input files are read before any event loop, the check runs in one."""
    text = read_text(args.file)
    product = load_model(args.product, Product, "product") if args.product else None
    checker = build_compliance(settings)
    report = asyncio.run(checker.check(text, facts_from(product, promotion=args.promotion)))
    if args.json:
        out = json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2)
    else:
        out = render(report, "<stdin>" if args.file == "-" else args.file, sys.stdout.isatty())
    try:
        print(out, flush=True)
    except BrokenPipeError:  # `script-agent check x | head`: the reader left; the verdict still stands
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stays open until interpreter shutdown
    return 0 if report.clean else 1
