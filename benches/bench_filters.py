"""Per-filter timing of the default pipeline on generated one-line-per-body articles.

    python3 benches/bench_filters.py [N_DOCS]

The articles are built from the synthetic fixtures (fixtures/synthetic, own texts): each one's body
lines are joined into a single long paragraph, as the one-line scrapers do, and repeated with
varied numbers so that nothing is cached across documents. Prints documents, characters, total
throughput and the seconds spent in each filter (Pipeline counters).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cleancorpus  # noqa: E402
from cleancorpus.document import Document  # noqa: E402
from cleancorpus.fixtures import find_fixtures  # noqa: E402


def articles(n: int) -> list[str]:
    base = []
    for fx in find_fixtures(ROOT / "fixtures" / "synthetic"):
        title, _, body = fx.raw.partition("\n")
        base.append((title, " ".join(body.split("\n") * 4)))
    return [f"{t} {i}\n{b.replace('2024', str(1900 + i % 120))}\n" for i in range(n) for t, b in [base[i % len(base)]]]


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    docs = articles(n)
    pipe = cleancorpus.default_pipeline()
    t0 = time.perf_counter()
    for i, raw in enumerate(docs):
        pipe.apply(Document.from_text(raw, id=str(i)))
    dt = time.perf_counter() - t0
    chars = sum(map(len, docs))
    print(f"{n} documents, {chars / 1e6:.2f} M characters in {dt:.2f}s: {chars / dt / 1e6:.2f} M chars/s, "
          f"{dt / n * 1e3:.2f} ms/document")
    for label, c in pipe.counters().items():
        print(f"  {label:<16} {c['seconds']:7.3f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
