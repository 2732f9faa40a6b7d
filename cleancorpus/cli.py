"""Command-line interface: ``python -m cleancorpus clean [INPUT ...] [-o OUT.jsonl]``.

The CLI owns all output: records go to ``-o`` or standard output, the summary and progress to
standard error. Library modules only log.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import logging
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import cleancorpus
from cleancorpus.io import InputError, JsonlFields, JsonlWriter, read_documents
from cleancorpus.manifest import utc_now
from cleancorpus.pipeline import Pipeline

log = logging.getLogger("cleancorpus")

REPO_SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m cleancorpus",
                                 description="Clean scraped news text into JSONL, recording what was removed and why.")
    ap.add_argument("--version", action="version", version=f"cleancorpus {cleancorpus.__version__}")
    ap.add_argument("-v", "--verbose", action="store_true", help="log debug messages to stderr")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    c = sub.add_parser("clean", help="clean files, directories or stdin into JSONL")
    c.add_argument("inputs", nargs="*", metavar="INPUT",
                   help="files, directories (recursively .txt .md .html .jsonl) or - for stdin; "
                        "default: the bundled seeds")
    c.add_argument("-o", "--output", metavar="OUT.jsonl", help="output file (default: standard output)")
    c.add_argument("--captions", choices=("move", "keep", "drop"), default=None,
                   help="captions: move to the 'captions' field (default), keep in the text, or drop")
    c.add_argument("--profile", metavar="FILE.toml", default=cleancorpus.DEFAULT_PROFILE,
                   help="pipeline profile: a TOML file or a bundled name (default: %(default)s)")
    c.add_argument("--no-trace", action="store_true", help="omit the 'removed' and 'fixes' lists from records")
    c.add_argument("--text-field", default="text", help="JSONL field holding the text (default: text)")
    c.add_argument("--html-field", default="html", help="JSONL field holding HTML (default: html)")
    c.add_argument("--id-field", default="id", help="JSONL field holding the document id (default: id)")
    c.add_argument("-q", "--quiet", action="store_true", help="no summary or progress on stderr")
    c.add_argument("--stats", metavar="FILE.json", default=None,
                   help="write a run manifest: per-filter counters and timings, characters in and out, "
                        "the resolved pipeline, the version and the rule-file digests")
    c.set_defaults(func=cmd_clean)

    f = sub.add_parser("filters", help="list the registered filter ids and bundled profiles")
    f.set_defaults(func=cmd_filters)

    from cleancorpus.cli_quality import add_commands

    add_commands(sub)  # check, explain, eval, baseline
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    ap = build_parser()
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if not getattr(args, "func", None):
        ap.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args))
    except (InputError, FileNotFoundError, ValueError) as exc:
        print(f"cleancorpus: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("cleancorpus: interrupted", file=sys.stderr)
        return 130


def default_inputs() -> list[str]:
    """The bundled seeds (next to the package in a source checkout), else ./seeds."""
    for candidate in (REPO_SEEDS, Path("seeds")):
        if candidate.is_dir():
            return [str(candidate)]
    raise FileNotFoundError("no INPUT given and no bundled seeds/ folder found; name files or directories to clean")


def build_pipeline(args: argparse.Namespace) -> Pipeline:
    return cleancorpus.default_pipeline(args.profile, captions=args.captions)


@contextlib.contextmanager
def open_output(path: str | None) -> Iterator[IO[str]]:
    if path is None or path == "-":
        yield sys.stdout
        return
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    with tmp.open("w", encoding="utf-8") as fh:
        yield fh
    tmp.replace(out)


class Progress:
    """A one-line progress display on a terminal's stderr (nothing when stderr is not a terminal)."""

    def __init__(self, enabled: bool, every: float = 0.5) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.every = every
        self.t0 = self.last = time.monotonic()

    def update(self, docs: int, chars: int, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self.last < self.every:
            return
        self.last = now
        rate = chars / max(now - self.t0, 1e-9) / 1e6
        print(f"\r{docs:,} documents, {chars / 1e6:,.1f} M characters, {rate:,.1f} M chars/s", end="",
              file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.enabled and self.last != self.t0:
            print(file=sys.stderr)


def cmd_clean(args: argparse.Namespace) -> int:
    inputs = args.inputs or default_inputs()
    pipe = build_pipeline(args)
    fields = JsonlFields(text=args.text_field, html=args.html_field, id=args.id_field)
    totals = Totals()
    progress = Progress(not args.quiet)
    started = utc_now()
    t0 = time.perf_counter()
    with open_output(args.output) as fh:
        writer = JsonlWriter(fh)
        for doc in pipe.run(read_documents(inputs, fields)):
            rec = doc.to_record(trace=not args.no_trace)
            writer.write(rec)
            totals.add(doc, rec)
            progress.update(totals.docs, totals.chars_in)
    progress.update(totals.docs, totals.chars_in, force=True)
    progress.close()
    seconds = time.perf_counter() - t0
    if not args.quiet:
        print(totals.summary(seconds), file=sys.stderr)
    if args.stats:
        write_run_manifest(args, pipe, totals, seconds, inputs, started)
    return 0


def write_run_manifest(args: argparse.Namespace, pipe: Pipeline, totals: Totals, seconds: float,
                       inputs: Sequence[str], started: str) -> None:
    from cleancorpus.manifest import run_manifest, write_manifest

    options = {"captions": args.captions, "trace": not args.no_trace}
    write_manifest(args.stats, run_manifest(pipe, totals, seconds, inputs=inputs, output=args.output,
                                            profile=args.profile, options=options, started=started))


def cmd_filters(args: argparse.Namespace) -> int:
    reg = cleancorpus.default_registry()
    for fid in reg.ids():
        doc = (reg.create(fid).__doc__ or "").strip().splitlines()
        print(f"{fid:<16} {doc[0] if doc else ''}")
    from cleancorpus.registry import bundled_profiles

    print("profiles:", ", ".join(bundled_profiles()))
    return 0


class Totals:
    """Run totals for the summary: documents, characters in and out, removals by kind."""

    def __init__(self) -> None:
        self.docs = 0
        self.chars_in = 0
        self.chars_out = 0
        self.by_kind: collections.Counter[str] = collections.Counter()
        self.count_kind: collections.Counter[str] = collections.Counter()
        self.fixes = 0

    def add(self, doc: cleancorpus.Document, rec: dict[str, Any]) -> None:
        self.docs += 1
        self.chars_in += len(doc.raw)
        self.chars_out += len(rec["text"])
        for r in doc.removed:
            self.by_kind[r.kind] += r.end - r.start
            self.count_kind[r.kind] += 1
        self.fixes += len(doc.fixes)

    def summary(self, seconds: float) -> str:
        share = self.chars_out / self.chars_in if self.chars_in else 0.0
        lines = [f"cleaned {self.docs:,} documents in {seconds:.2f}s: {self.chars_in:,} characters in, "
                 f"{self.chars_out:,} out ({share:.1%} kept), {self.fixes:,} fixes"]
        for kind, chars in self.by_kind.most_common():
            pct = chars / self.chars_in if self.chars_in else 0.0
            lines.append(f"  {kind:<11} {self.count_kind[kind]:>7,} removals {chars:>11,} chars ({pct:.1%})")
        return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
