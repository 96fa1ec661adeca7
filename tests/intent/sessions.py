"""Sessions as the orchestrator stores them (orchestrator/finalize.py), for the behaviour suites."""

from __future__ import annotations

from collections.abc import Sequence

from script_agent.domain.models import Product, Scene
from script_agent.domain.session import Session, StoredScript, Turn


def written_session(product: Product, written: Sequence[tuple[str, Scene]]) -> Session:
    """Each request, the reply under its trace, the script it wrote; the product and scene in force
    are the last script's (none when nothing was written)."""
    turns: list[Turn] = []
    scripts: list[StoredScript] = []
    for i, (request, scene) in enumerate(written, 1):
        turns += [
            Turn(role="user", text=request, intent="generate"),
            Turn(role="assistant", text="…", intent=f"trace:t{i}"),
        ]
        scripts.append(
            StoredScript(index=i, text=f"第{i}段", scene=scene, product_name=product.name, trace_id=f"t{i}")
        )
    return Session(
        tenant="t",
        id="s",
        turns=turns,
        scripts=scripts,
        script_count=len(scripts),
        product=product if written else None,
        scene=written[-1][1] if written else None,
    )
