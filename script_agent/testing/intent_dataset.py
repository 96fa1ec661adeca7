"""The labelled multi-turn intent set: parsing, replaying dialogues through the agent, scoring slots.

Shared by tests/intent (the accuracy floor) and bench/intent.py (the per-slot report). A dialogue is
replayed as a client would drive it: each turn's script joins the session before the next turn is
recognised, so references (上一段, 第二段) resolve against what was really written; after a switch to
another product the client no longer sends the one it switched away from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from script_agent.agents.intent import IntentAgent
from script_agent.domain.intent import Directive, IntentKind, IntentResult
from script_agent.domain.models import Product, Scene, ScriptRequest
from script_agent.domain.session import Session, StoredScript
from script_agent.domain.session import Turn as SessionTurn

DATA = Path(__file__).resolve().parents[2] / "tests" / "intent" / "data"
ROOT = Path(__file__).resolve().parents[2]
PRODUCTS = {"lipstick": "lipstick", "nuts": "nuts", "phone": "phone", "jacket": "down-jacket"}
SLOTS = ("kind", "clarify", "scene", "directives", "reference", "category", "event", "duration")
PARTS = (
    "dev",
    "dev2",
    "dev3",
    "dev4",
    "dev5",
    "dev6",
    "dev7",
    "dev8",
    "dev9",
    "dev10",
    "dev11",
    "dev12",
    "dev13",
    "dev14",
    "dev15",
    "heldout",
    "heldout4",
    "heldout5",
    "heldout6",
    "heldout7",
    "heldout8",
    "heldout9",
    "heldout10",
    "heldout11",
    "heldout12",
    "heldout13",
    "heldout14",
    "heldout15",
    "heldout16",
    "heldout17",
    "heldout18",
    "heldout19",
)  # see tests/intent/test_intent_set.py for which is which
# Measured once and never tuned on, nor trained on by the learned kind model (intent_learned.py): the
# newest blind author, whose figure is the honest one. Everything else is what the model learns from.
UNSEEN: tuple[str, ...] = ("heldout19",)
TRAINED = tuple(part for part in PARTS if part not in UNSEEN)


@dataclass
class Turn:
    query: str
    expect: dict[str, str]
    line: int


@dataclass
class Dialogue:
    name: str
    product: str | None
    turns: list[Turn] = field(default_factory=list)


def _expectations(spec: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for token in spec.split():
        key, _, value = token.partition("=")
        out[key] = value if _ else "yes"
    return out


def load(part: str) -> list[Dialogue]:
    """part: one of PARTS."""
    dialogues: list[Dialogue] = []
    for n, raw in enumerate((DATA / f"{part}.txt").read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("=="):
            name, _, opts = line[2:].partition("|")
            product = opts.split("=", 1)[1].strip()
            dialogues.append(Dialogue(name.strip(), None if product == "none" else product))
            continue
        query, _, spec = line.partition("=>")
        dialogues[-1].turns.append(Turn(query.strip(), _expectations(spec), n))
    return dialogues


def product(key: str) -> Product:
    path = ROOT / "examples" / "products" / f"{PRODUCTS[key]}.json"
    return Product.model_validate(json.loads(path.read_text(encoding="utf-8")))


def _directive_text(d: Directive) -> str:
    if d.value is not None:
        return f"{d.kind.value}:{d.value}"
    return f"{d.kind.value}{'+' if d.positive else '-'}"


def _focus_matches(want: str, got: str) -> bool:
    return want == got or (len(want) >= 2 and (want in got or got in want))


def _directives_match(want: str, got: list[Directive]) -> bool:
    wanted = sorted(w for w in want.split(",") if w)
    have = sorted(_directive_text(d) for d in got)
    if len(wanted) != len(have):
        return False
    plain = sorted(w for w in wanted if ":" not in w) == sorted(h for h in have if ":" not in h)
    focus_w = [w.split(":", 1)[1] for w in wanted if ":" in w]
    focus_h = [h.split(":", 1)[1] for h in have if ":" in h]
    return (
        plain
        and len(focus_w) == len(focus_h)
        and all(_focus_matches(w, h) for w, h in zip(focus_w, focus_h, strict=True))
    )


def score(turn: Turn, r: IntentResult) -> dict[str, bool]:
    """Which slots the result got right. Scene, reference, directives and category count only on
    answered turns (a clarifying question has nothing to be right about yet)."""
    e = turn.expect
    out = {
        "kind": r.kind.value == e["kind"],
        "clarify": r.needs_clarification == ("clarify" in e),
        "event": (r.event or "") == e.get("event", ""),
        "duration": str(r.duration_s or "") == e.get("dur", ""),
    }
    if "clarify" not in e:
        out["scene"] = r.scene is not None and r.scene.value == e.get("scene")
        out["reference"] = str(r.reference_index or "") == e.get("ref", "")
        out["directives"] = _directives_match(e.get("dir", ""), r.directives)
        if "cat" in e:
            out["category"] = r.category == e["cat"]
    return out


def _record(session: Session, r: IntentResult, request: ScriptRequest) -> Session:
    """What the orchestrator would store after the turn (orchestrator/finalize.py): the turn pair
    always (a clarifying question included), the script only when one was written."""
    trace = f"t{len(session.turns) // 2 + 1}"
    turns = [
        *session.turns,
        SessionTurn(role="user", text=request.query, intent=r.kind.value),
        SessionTurn(role="assistant", text=r.clarification or "…", intent=f"trace:{trace}"),
    ]
    if r.needs_clarification or r.kind is IntentKind.QUERY:
        return session.model_copy(update={"turns": turns})
    index = session.script_count + 1
    current = request.product
    if current is None or _switched_off(r, current):
        current = Product(name=r.product_name or r.category or "商品", category=r.category)
    script = StoredScript(
        index=index,
        text=f"第{index}段",
        scene=r.scene or Scene.OPENING,
        product_name=current.name,
        trace_id=trace,
    )
    return session.model_copy(
        update={
            "turns": turns,
            "scripts": [*session.scripts, script],
            "script_count": index,
            "scene": r.scene,
            "product": current,
        }
    )


def _switched_off(r: IntentResult, sent: Product) -> bool:
    """A switch to another product than the one the client sends: that product is in play now."""
    return r.kind is IntentKind.SWITCH_PRODUCT and bool(r.product_name) and r.product_name != sent.name


async def replay(dialogue: Dialogue, agent: IntentAgent | None = None) -> list[tuple[Turn, IntentResult]]:
    agent = agent or IntentAgent()
    session = Session(tenant="eval", id=dialogue.name)
    inline = product(dialogue.product) if dialogue.product else None
    out = []
    for turn in dialogue.turns:
        request = ScriptRequest(query=turn.query, product=inline)
        result = await agent.recognize(request, session)
        out.append((turn, result))
        session = _record(session, result, request)
        if inline is not None and not result.needs_clarification and _switched_off(result, inline):
            inline = None  # the client stops sending the product it switched away from
    return out


async def evaluate(part: str, agent: IntentAgent | None = None) -> dict[str, tuple[int, int]]:
    """slot -> (correct, total) over every turn of the part, plus 'turn' (all slots right)."""
    totals: dict[str, list[int]] = {s: [0, 0] for s in (*SLOTS, "turn")}
    for dialogue in load(part):
        for turn, result in await replay(dialogue, agent):
            marks = score(turn, result)
            for slot, ok in marks.items():
                totals[slot][0] += ok
                totals[slot][1] += 1
            totals["turn"][0] += all(marks.values())
            totals["turn"][1] += 1
    return {k: (v[0], v[1]) for k, v in totals.items()}


async def failures(part: str) -> list[str]:
    out = []
    for dialogue in load(part):
        for turn, result in await replay(dialogue):
            wrong = [k for k, ok in score(turn, result).items() if not ok]
            if wrong:
                got = result.model_dump(include={"kind", "scene", "reference_index", "category", "event",
                                                 "duration_s", "needs_clarification"})  # fmt: skip
                dirs = [_directive_text(d) for d in result.directives]
                out.append(f"{part}:{turn.line} {turn.query} wrong={wrong} got={got} dirs={dirs}")
    return out
