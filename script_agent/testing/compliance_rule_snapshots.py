"""Rule verdicts from committed snapshots of the rules, for the learned-layer experiment (#11).

Why snapshots: the live tree's rules change while other work tunes them, and each blind split's honest
"first" figure was measured with the rules of the round that followed its writing (README.md in
tests/compliance/corpus/ tells which). Comparing a learned layer with those figures needs the same
rules' verdicts row by row, so each measuring round's commit is extracted with `git archive` into
/tmp and run in its own interpreter (two versions of one package cannot share a process). Rows and
product facts always come from the corpus as committed at CORPUS_COMMIT (the texts are unchanged;
blind7's category key was renamed once), and the verdicts are cached as JSON next to the snapshot.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# The corpus as committed at round 11 (the live one may grow while another round is tuned). From round
# 10's ad8cb8a it only appended 88 dev rows and added blind10: every earlier row is byte for byte the same.
CORPUS_COMMIT = "e5aa1a4"
# blindK was measured once with the rules committed at the end of round K+1 (git log "Compliance round").
FIRST_RULES = {
    "blind2": "b822292",
    "blind3": "56494d3",
    "blind4": "4fbc1c3",
    "blind5": "ec5bbba",
    "blind6": "e3d7449",
    "blind7": "4e6d141",
    "blind8": "2e34728",
    "blind9": "ad8cb8a",
    "blind10": "e5aa1a4",  # round 11's rules (README.md: 78/120 caught, 10/120 flagged)
}
HEAD = "HEAD"

# Run inside the snapshot's interpreter: only the engine, the facts and the product model are imported
# from the snapshot, so the dumper does not depend on how that round's corpus helpers were laid out.
_DUMPER = r"""
import json, sys
from script_agent.domain.compliance.engine import detect
from script_agent.domain.compliance.facts import facts_from
from script_agent.domain.models import Product
corpus, split = sys.argv[1], sys.argv[2]
catalogue = json.loads(open(f"{corpus}/products.json", encoding="utf-8").read())
out = {}
for line in open(f"{corpus}/{split}.jsonl", encoding="utf-8"):
    if not line.strip():
        continue
    row = json.loads(line)
    facts = facts_from(Product(**catalogue[row["product"]]) if row.get("product") else None)
    out[row["id"]] = sorted({f.category.value for f in detect(row["text"], facts)})
print(json.dumps(out, ensure_ascii=False))
"""


def snapshot(commit: str, root: Path = Path("/tmp/cexp-snapshots")) -> Path:
    """The committed tree at `commit`, extracted once (HEAD resolves to its hash first)."""
    sha = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short=7", commit], check=True, capture_output=True, text=True
    ).stdout.strip()
    tree = root / sha
    if not (tree / "script_agent").is_dir():
        tree.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(REPO), "archive", sha], check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    return tree


def corpus_dir() -> Path:
    return snapshot(CORPUS_COMMIT) / "tests" / "compliance" / "corpus"


def verdicts(commit: str, split: str) -> dict[str, set[str]]:
    """Row id -> categories the rules at `commit` flag on `split` (cached per commit and split)."""
    tree = snapshot(commit)
    cache = tree / f".verdicts-{split}.json"
    if not cache.exists():
        done = subprocess.run(
            [sys.executable, "-c", _DUMPER, str(corpus_dir()), split],
            check=True,
            capture_output=True,
            text=True,
            cwd=str(tree),
            env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        )
        cache.write_text(done.stdout, encoding="utf-8")
    return {key: set(value) for key, value in json.loads(cache.read_text(encoding="utf-8")).items()}
