"""Score the pipeline on the synthetic labelled fixtures (fixtures/synthetic/*.json).

    python3 benches/synthetic_score.py [--export DIR] [--profile vi-news]

Prints, per fixture and in total, text precision/recall and noise precision/recall/F1 over word
tokens (the body is the raw text after its first line, as in score.py). With ``--export DIR`` it
also writes DIR/raw/<id>.txt, DIR/gold/<id>.json and DIR/out.jsonl so that the project's scorer can
be run on them: ``score.py DIR/gold DIR/out.jsonl --inputs DIR/raw``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleancorpus import default_pipeline  # noqa: E402
from cleancorpus.fixtures import clean_fixture, find_fixtures, prf, token_scores  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--fixtures", default=str(ROOT / "fixtures" / "synthetic"))
    ap.add_argument("--profile", default="vi-news")
    ap.add_argument("--export", metavar="DIR")
    args = ap.parse_args()
    fixtures = find_fixtures(args.fixtures)
    pipes = {(args.profile, None): default_pipeline(args.profile)}
    tot = dict.fromkeys(("tp", "fp", "fn", "ntp", "nfp", "nfn"), 0)
    out_lines = []
    for fx in fixtures:
        rec, _ = clean_fixture(fx, pipes, profile=args.profile)
        body = fx.raw.partition("\n")[2]
        sc = token_scores(body, fx.expected["text"], rec["text"])
        for k, v in sc.items():
            tot[k] += v
        _, r, _ = prf(sc["tp"], sc["fp"], sc["fn"])
        npr, nr, nf = prf(sc["ntp"], sc["nfp"], sc["nfn"])
        print(f"{fx.name:<40} text R {r:.3f}  noise P {npr:.3f} R {nr:.3f} F1 {nf:.3f}")
        out_lines.append(json.dumps({"id": fx.name, **{k: rec[k] for k in ("title", "date", "author", "text")}},
                                    ensure_ascii=False))
        if args.export:
            d = Path(args.export)
            (d / "raw").mkdir(parents=True, exist_ok=True)
            (d / "gold").mkdir(parents=True, exist_ok=True)
            (d / "raw" / f"{fx.name}.txt").write_text(fx.raw, encoding="utf-8")
            gold = {"id": fx.name, **{k: fx.expected.get(k) for k in ("title", "author", "text")}}
            (d / "gold" / f"{fx.name}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    if args.export:
        (Path(args.export) / "out.jsonl").write_text("\n".join(out_lines) + "\n", encoding="utf-8")
    p, r, f = prf(tot["tp"], tot["fp"], tot["fn"])
    npr, nr, nf = prf(tot["ntp"], tot["nfp"], tot["nfn"])
    print(f"total {len(fixtures)} fixtures: text P {p:.4f} R {r:.4f} F1 {f:.4f}; "
          f"noise ({tot['ntp'] + tot['nfn']} tokens) P {npr:.4f} R {nr:.4f} F1 {nf:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
