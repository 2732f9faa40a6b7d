"""How much would Hyperscan save on the costliest scan of the default pipeline? (A measurement, not
a feature: cleancorpus does not use Hyperscan.)

diacritic.v1's pre-check is one ``re`` scan per document for a space followed by one of the ~650
words a word pair can repair (:func:`cleancorpus.filters.typos._second_words`). This script runs that
scan, as the filter runs it, over the lines the filter looks at in the first ``--mb`` MB of the
benchmark corpus, then the same search as one Hyperscan database (one pattern per word, a non-letter
required after it), and checks that both find the same words in the same order. It prints the CPU
seconds of each, of the UTF-8 encoding Hyperscan needs, and of the match callbacks.

    python3 -m pip install hyperscan   # PyPI wheels (x86_64); not a dependency of cleancorpus
    python3 benches/accel_spike.py --mb 20

Results are in benches/README.md ("Accelerator spike").
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from cleancorpus.document import Document  # noqa: E402
from cleancorpus.filters.typos import _repairable_words, _second_words  # noqa: E402
from cleancorpus.lexicon import load_spelling  # noqa: E402


def texts_of(corpus: Path, mb: float) -> list[str]:
    """Per document, the lines diacritic.v1 scans (kept, not ASCII) joined by line breaks, as the
    filter joins them; from the first ``mb`` MB of ``corpus``, segmented as the pipeline does."""
    out, size = [], 0
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            size += len(line.encode("utf-8"))
            if size > mb * 1e6:
                break
            doc = Document.from_text(json.loads(line)["text"], id="x")
            out.append("\n".join(b.text for b in doc.live() if not b.text.isascii()))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=20, help="MB of the benchmark corpus to read (default 20)")
    ap.add_argument("--corpus", type=Path, default=HERE / "data" / "corpus-100mb-s0.jsonl",
                    help="JSONL corpus (default: the one benches/run.py builds)")
    args = ap.parse_args(argv)
    try:
        import hyperscan
    except ImportError:
        raise SystemExit("hyperscan is not installed: python3 -m pip install hyperscan") from None
    if not args.corpus.is_file():
        raise SystemExit(f"{args.corpus}: no such file (python3 benches/run.py builds it)")

    sp = load_spelling("vi")
    pattern = _second_words(sp, 2.0)
    words = _repairable_words(sp, 2.0)
    texts = texts_of(args.corpus, args.mb)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    t0 = time.process_time()
    found_re = [[m.group()[1:] for m in pattern.finditer(t)] for t in texts]
    re_s = time.process_time() - t0

    # " word" and then a character that is no letter (Python's [^\W\d_]): a digit, "_" or a non-word
    # character. Hyperscan has no look-ahead, so the next character is part of the match, and every
    # text gets a line break at its end.
    db = hyperscan.Database()
    exprs = [f" {w}(?:[^\\w]|[\\d_])".encode() for w in words]
    db.compile(expressions=exprs, ids=list(range(len(exprs))), elements=len(exprs),
               flags=[hyperscan.HS_FLAG_UTF8 | hyperscan.HS_FLAG_UCP] * len(exprs))
    t0 = time.process_time()
    data = [(t + "\n").encode("utf-8") for t in texts]
    enc_s = time.process_time() - t0
    t0 = time.process_time()
    found_hs: list[list[tuple[int, int]]] = []
    for d in data:
        hits: list[tuple[int, int]] = []
        db.scan(d, match_event_handler=lambda i, _s, e, _f, _c, hits=hits: hits.append((e, i)))
        found_hs.append(hits)
    hs_s = time.process_time() - t0
    same = all(
        [words[i] for _, i in sorted(h)] == r for h, r in zip(found_hs, found_re, strict=True))
    n = sum(map(len, found_re))
    t0 = time.process_time()
    for _ in itertools.repeat(None, n):
        (lambda i, s, e, f, c: None)(0, 0, 0, 0, None)
    call_s = time.process_time() - t0

    print(f"{len(texts)} documents, {mb:.1f} MB of the lines diacritic.v1 scans, {n} candidate words")
    print(f"  re (the filter's scan)        {re_s:6.3f} s CPU")
    print(f"  UTF-8 encoding for Hyperscan  {enc_s:6.3f} s CPU")
    print(f"  Hyperscan scan and callbacks  {hs_s:6.3f} s CPU (of which about {call_s:.3f} s in {n} Python calls)")
    print(f"  Hyperscan with encoding       {enc_s + hs_s:6.3f} s CPU: {re_s / (enc_s + hs_s):.2f}x the re scan")
    print(f"  same words in the same order: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
