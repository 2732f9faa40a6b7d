"""The benchmark: ``python3 benches/run.py --size-mb 100`` (see benches/README.md).

Builds (once) a JSONL corpus of ``--size-mb`` MB from the perturbed seeds in ``benches/data/``,
then measures, each in a fresh process and writing a real output file in ``benches/out/``:

- ``floor``: the I/O floor, the same reader and writer with an empty pipeline (JSONL parsing,
  Document construction and segmentation, the record, JSON writing);
- ``json``: JSON parsing and writing alone (for reference);
- ``default``: the default pipeline in one process;
- ``workers2``: the default pipeline with 2 worker processes (:mod:`cleancorpus.parallel`);
- ``naive``: the naive baseline of :mod:`benches.naive`, one regex per rule, line by line;
- ``noise``: the default pipeline without its typo-repair filters (``residue.v1``, ``diacritic.v1``),
  one process: the noise filters the naive baseline is comparable with;

then the cost curve in document size (1 KB to 10 MB, and 10 MB without line breaks), and with
``--rss-gb N`` the peak memory of the 2-worker run on an N GB file (the corpus repeated).
Throughput is MB of document text (UTF-8) per second of wall time; peak RSS is the highest sum of
the resident memory of the process and its children, sampled every 50 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DATA = HERE / "data"
OUT = HERE / "out"
MODES = ("json", "floor", "default", "workers2", "naive", "noise")
#: Filters of the default profile that repair typing errors (dictionary look-ups per syllable pair,
#: not line rules): the ``noise`` mode leaves them out, to show the noise filters alone.
TYPO_FILTERS = ("residue.v1", "diacritic.v1")


# -- memory ---------------------------------------------------------------------------------

def _tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants (Linux /proc)."""
    total = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/statm") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


class PeakRss:
    """Samples the RSS of this process tree in a thread; ``peak`` is the highest sum seen."""

    def __init__(self, every: float = 0.05) -> None:
        self.every = every
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _tree_rss(os.getpid()))
            self._stop.wait(self.every)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _tree_rss(os.getpid()))


# -- one measurement (runs in a child process) ------------------------------------------------

def measure(mode: str, path: Path, out: Path) -> dict[str, Any]:
    """One mode on ``path``, writing ``out``: throughput and peak RSS. ``floor``, ``default`` and
    ``workers2`` share the reader and the writer of ``python -m cleancorpus clean`` (the clean loop
    of :mod:`cleancorpus.runner`); ``naive`` uses the same reader and record encoder."""
    import cleancorpus
    from cleancorpus.io import JsonlWriter, read_documents
    from cleancorpus.parallel import clean_files
    from cleancorpus.pipeline import Pipeline
    from cleancorpus.runner import RunOptions, run_clean

    out.parent.mkdir(parents=True, exist_ok=True)
    text_bytes = 0
    docs = 0
    counters: dict[str, Any] = {}
    load0 = os.getloadavg()[0]
    cpu0 = _cpu_seconds()
    with PeakRss() as rss:
        t0 = time.perf_counter()
        if mode == "json":
            with path.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as fh:
                for line in src:
                    fh.write(json.dumps(json.loads(line), ensure_ascii=False))
                    fh.write("\n")
        elif mode == "floor":
            run_clean([path], out, Pipeline([]), RunOptions())
        elif mode in ("default", "workers2", "noise"):
            pipe = cleancorpus.default_pipeline()
            if mode == "noise":
                pipe = Pipeline([f for f in pipe.filters if getattr(f, "id", "") not in TYPO_FILTERS])
            clean_files([path], out, pipe, 2 if mode == "workers2" else 1, RunOptions())
            counters = {k: round(v["seconds"], 2) for k, v in pipe.counters().items()}
        elif mode == "naive":
            from benches.naive import NaiveCleaner

            with out.open("w", encoding="utf-8") as fh:
                writer = JsonlWriter(fh)
                for rec in NaiveCleaner().run(read_documents([path])):
                    writer.write(rec)
        else:
            raise ValueError(mode)
        seconds = time.perf_counter() - t0
    cpu = _cpu_seconds() - cpu0
    with path.open(encoding="utf-8") as src:
        for line in src:
            text_bytes += len(json.loads(line)["text"].encode("utf-8"))
            docs += 1
    return {"mode": mode, "seconds": seconds, "docs": docs, "text_mb": text_bytes / 1e6,
            "mb_s": text_bytes / 1e6 / seconds, "docs_s": docs / seconds, "peak_rss_mb": rss.peak / 1e6,
            "cpu_seconds": cpu, "load_before": load0, "load_after": os.getloadavg()[0], "filter_seconds": counters}


def _cpu_seconds() -> float:
    """User and system CPU time of this process and its finished children."""
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def run_child(mode: str, path: Path) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--measure", mode, "--input", str(path)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"{mode} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# -- the size curve ---------------------------------------------------------------------------

CURVE = ((1_000, True), (10_000, True), (100_000, True), (1_000_000, True), (10_000_000, True),
         (10_000_000, False))


def size_curve() -> list[dict[str, Any]]:
    """Seconds per MB of one document of each size, cleaned by the default pipeline in this process."""
    import cleancorpus
    from benches.corpus import load_seeds, sized_document

    pipe = cleancorpus.default_pipeline()
    seeds = load_seeds()
    rows = []
    for size, breaks in CURVE:
        text = sized_document(size, seed=size, line_breaks=breaks, seeds=seeds)
        reps = max(1, 2_000_000 // max(len(text), 1))
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            for i in range(reps):
                pipe.clean(text, id=str(i))
            times.append((time.perf_counter() - t0) / reps)
        mb = len(text.encode("utf-8")) / 1e6
        best = min(times)
        rows.append({"size": size, "line_breaks": breaks, "chars": len(text), "seconds": best, "mb_s": mb / best})
    return rows


def repeated_share(path: Path) -> float:
    """The share of the text (in characters) that lies in lines already seen earlier in the corpus.

    A corpus generated from five seeds repeats most of its prose lines, where real articles repeat
    only their furniture: a cache keyed by whole lines would look fast here and not on real text,
    so the report says how repetitive the measured corpus is (and no filter caches prose lines)."""
    seen: set[int] = set()
    total = repeated = 0
    with path.open(encoding="utf-8") as src:
        for line in src:
            for text_line in json.loads(line).get("text", "").split("\n"):
                total += len(text_line)
                h = hash(text_line)
                if h in seen:
                    repeated += len(text_line)
                else:
                    seen.add(h)
    return repeated / total if total else 0.0


# -- the report -------------------------------------------------------------------------------

def git_commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True,
                               text=True, cwd=ROOT).stdout.strip()
        return out.stdout.strip() + ("+dirty" if dirty else "")
    except OSError:
        return "?"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} CPUs"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size-mb", type=float, default=100, help="corpus size in MB of JSONL (default 100)")
    ap.add_argument("--seed", type=int, default=0, help="random seed of the corpus builder")
    ap.add_argument("--repeat", type=int, default=1, help="runs per mode; the median is reported")
    ap.add_argument("--modes", default=",".join(MODES), help="comma-separated modes to run")
    ap.add_argument("--no-curve", action="store_true", help="skip the document-size curve")
    ap.add_argument("--rss-gb", type=float, default=0, help="also measure peak RSS of 2 workers on a file of N GB")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    ap.add_argument("--corpus", metavar="JSONL", help="measure on this JSONL file (records with a 'text' field, "
                    "e.g. your own scraped articles) instead of the generated corpus")
    ap.add_argument("--measure", help=argparse.SUPPRESS)
    ap.add_argument("--input", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.measure:
        res = measure(args.measure, Path(args.input), OUT / f"{args.measure}.jsonl")
        print(json.dumps(res))
        return 0

    from benches.corpus import build_corpus

    t0 = time.perf_counter()
    if args.corpus:
        corpus = Path(args.corpus)
        if not corpus.is_file():
            raise SystemExit(f"--corpus {corpus}: no such file")
    else:
        corpus = build_corpus(DATA / f"corpus-{args.size_mb:g}mb-s{args.seed}.jsonl", args.size_mb, args.seed)
    repeated = repeated_share(corpus)
    print(f"corpus {corpus} ({corpus.stat().st_size / 1e6:.1f} MB, built or reused in "
          f"{time.perf_counter() - t0:.1f}s; {repeated:.0%} of its text in lines seen earlier in it)", file=sys.stderr)
    results: dict[str, dict[str, Any]] = {}
    for mode in args.modes.split(","):
        runs = [run_child(mode, corpus) for _ in range(args.repeat)]
        res = dict(runs[0])
        res["seconds"] = statistics.median(r["seconds"] for r in runs)
        res["mb_s"] = res["text_mb"] / res["seconds"]
        res["docs_s"] = res["docs"] / res["seconds"]
        res["peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs)
        results[mode] = res
        print(f"  {mode:<9} {res['seconds']:8.2f}s {res['mb_s']:8.2f} MB/s {res['docs_s']:9.0f} docs/s "
              f"peak RSS {res['peak_rss_mb']:6.0f} MB, CPU {res['cpu_seconds']:.1f}s, load {res['load_before']:.1f}",
              file=sys.stderr)

    report: dict[str, Any] = {"machine": machine(), "python": platform.python_version(), "commit": git_commit(),
                              "corpus": str(corpus), "corpus_mb": corpus.stat().st_size / 1e6,
                              "repeated_line_share": repeated, "results": results}

    def ratio(a: str, b: str) -> float | None:
        return results[a]["mb_s"] / results[b]["mb_s"] if a in results and b in results else None

    report["ratios"] = {
        "default / floor (target >= 0.5)": ratio("default", "floor"),
        "default / json-only": ratio("default", "json"),
        "default / naive (target >= 5)": ratio("default", "naive"),
        "workers2 / default (target >= 1.7)": ratio("workers2", "default"),
        "noise filters only / floor": ratio("noise", "floor"),
        "noise filters only / naive": ratio("noise", "naive"),
    }
    if not args.no_curve:
        report["curve"] = size_curve()
    if args.rss_gb:
        big = DATA / f"corpus-{args.rss_gb:g}gb.jsonl"
        if not big.exists() or big.stat().st_size < args.rss_gb * 1e9:
            with big.open("wb") as out:
                chunk = corpus.read_bytes()
                while out.tell() < args.rss_gb * 1e9:
                    out.write(chunk)
        report["rss_big"] = run_child("workers2", big)
        report["rss_big"]["file_gb"] = big.stat().st_size / 1e9
    print_report(report)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2))
    return 0


def print_report(r: dict[str, Any]) -> None:
    print(f"machine: {r['machine']}; Python {r['python']}; commit {r['commit']}; corpus {r['corpus_mb']:.0f} MB "
          f"({r['repeated_line_share']:.0%} of its text in repeated lines)")
    print()
    print("| mode | seconds | MB/s | docs/s | peak RSS MB | CPU s | load avg before |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for mode, res in r["results"].items():
        print(f"| {mode} | {res['seconds']:.2f} | {res['mb_s']:.2f} | {res['docs_s']:.0f} | {res['peak_rss_mb']:.0f} | "
              f"{res['cpu_seconds']:.1f} | {res['load_before']:.2f} |")
    if r["results"].get("default", {}).get("filter_seconds"):
        print()
        print("default pipeline, seconds per filter: " + ", ".join(
            f"{k} {v:.1f}" for k, v in r["results"]["default"]["filter_seconds"].items()))
    print()
    for name, v in r["ratios"].items():
        if v is not None:
            print(f"- {name}: {v:.2f}")
    if "curve" in r:
        print()
        print("| document size | line breaks | seconds | MB/s |")
        print("|---:|---|---:|---:|")
        for row in r["curve"]:
            print(f"| {row['chars']:,} chars | {'yes' if row['line_breaks'] else 'no'} | {row['seconds']:.5f} | "
                  f"{row['mb_s']:.2f} |")
    if "rss_big" in r:
        b = r["rss_big"]
        print()
        print(f"- 2 workers on a {b['file_gb']:.2f} GB file: {b['seconds']:.1f}s, {b['mb_s']:.2f} MB/s, "
              f"peak RSS {b['peak_rss_mb']:.0f} MB")


if __name__ == "__main__":
    raise SystemExit(main())
