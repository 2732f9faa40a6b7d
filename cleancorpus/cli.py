"""Command-line interface: ``python -m cleancorpus clean [INPUT ...] [-o OUT.jsonl]``.

The CLI owns all output: records go to ``-o`` or standard output, the summary and progress to
standard error. Library modules only log. The clean loop itself (rejects, resume, time budget) is
:func:`cleancorpus.runner.run_clean`; this module maps arguments onto it.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import cleancorpus
from cleancorpus.io import COMPRESSION, DEFAULT_MAX_BYTES, InputError, JsonlFields, MissingDependencyError
from cleancorpus.manifest import utc_now
from cleancorpus.pipeline import Pipeline
from cleancorpus.runner import QUARANTINE, RAISE, RunOptions, RunSummary, run_clean

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
                   help="files, directories (recursively .txt .md .html .htm .jsonl .ndjson, optionally "
                        ".gz .bz2 .xz .zst) or - for stdin; default: the bundled seeds")
    c.add_argument("-o", "--output", metavar="OUT.jsonl",
                   help="output file, compressed by extension (.jsonl.gz ...); default: standard output")
    c.add_argument("--captions", choices=("move", "keep", "drop"), default=None,
                   help="captions: move to the 'captions' field (default), keep in the text, or drop")
    c.add_argument("--profile", metavar="FILE.toml", default=cleancorpus.DEFAULT_PROFILE,
                   help="pipeline profile: a TOML file or a bundled name (default: %(default)s)")
    c.add_argument("--no-trace", action="store_true", help="omit the 'removed' and 'fixes' lists from records")
    c.add_argument("--text-field", default="text", help="JSONL field holding the text (default: text)")
    c.add_argument("--html-field", default="html", help="JSONL field holding HTML (default: html)")
    c.add_argument("--id-field", default="id", help="JSONL field holding the document id (default: id)")
    c.add_argument("--on-error", choices=(QUARANTINE, RAISE), default=QUARANTINE,
                   help="bad inputs: write them to the rejects file and go on (default), or stop with an error")
    c.add_argument("--rejects", metavar="FILE.jsonl",
                   help="rejected inputs with their reasons (default with -o: OUT.rejects.jsonl, kept only "
                        "when there are rejects; without -o they are only reported on stderr)")
    c.add_argument("--resume", action="store_true",
                   help="continue an interrupted run into the same -o from its checkpoint")
    c.add_argument("--max-seconds-per-doc", type=float, default=60.0, metavar="S",
                   help="time budget of one document, else it is rejected (default: %(default)s; 0: none)")
    c.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, metavar="N",
                   help="largest input document (a file or a JSONL line) in bytes (default: %(default)s)")
    c.add_argument("--checkpoint-every", type=int, default=1000, metavar="N",
                   help="documents between checkpoints of -o for --resume (default: %(default)s)")
    c.add_argument("--workers", type=_positive_int, default=1, metavar="N",
                   help="worker processes; each reads and writes its own shards of the input, and the "
                        "output is the one-process output (default: 1)")
    c.add_argument("--engine", choices=("local", "ray"), default="local",
                   help="local processes (default), or Ray Data: then -o names an output directory")
    c.add_argument("-q", "--quiet", action="store_true", help="no summary or progress on stderr")
    c.add_argument("--stats", metavar="FILE.json", default=None,
                   help="write a run manifest: per-filter counters and timings, characters in and out, "
                        "rejects by reason, the resolved pipeline, the version and the rule-file digests")
    c.add_argument("--two-pass", action="store_true",
                   help="read the inputs twice: learn lines repeated across a source and the corpus's titles "
                        "first, then remove them (boilerplate.v1)")
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
    if not args.verbose:  # trafilatura warns about every page it finds no text in: we reject those
        logging.getLogger("trafilatura").setLevel(logging.ERROR)
    if not getattr(args, "func", None):
        ap.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args))
    except (InputError, FileNotFoundError, ValueError, MissingDependencyError) as exc:
        print(f"cleancorpus: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 141
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


def default_rejects(output: str | None) -> Path | None:
    """``OUT.rejects.jsonl`` next to ``OUT.jsonl`` (or ``OUT.jsonl.gz``), None for standard output."""
    if output is None or output == "-":
        return None
    p = Path(output)
    name = p.name
    if p.suffix.lower() in COMPRESSION:
        name = name[: -len(p.suffix)]
    stem = name[: -len(Path(name).suffix)] if Path(name).suffix else name
    return p.with_name(f"{stem}.rejects.jsonl")


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


def _positive_int(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n


def cmd_clean(args: argparse.Namespace) -> int:
    inputs = args.inputs or default_inputs()
    pipe = build_pipeline(args)
    rejects = Path(args.rejects) if args.rejects else default_rejects(args.output)
    opts = RunOptions(fields=JsonlFields(text=args.text_field, html=args.html_field, id=args.id_field),
                      trace=not args.no_trace, on_error=args.on_error, rejects=rejects, resume=args.resume,
                      max_seconds_per_doc=args.max_seconds_per_doc or None, max_bytes=args.max_bytes,
                      checkpoint_every=max(1, args.checkpoint_every))
    if getattr(args, "two_pass", False):
        pipe = two_pass(pipe, inputs, opts.fields, args.max_bytes)
    progress = Progress(not args.quiet)
    started = utc_now()
    if args.engine == "ray":
        if not args.output or args.output == "-":
            raise ValueError("--engine ray writes part files into a directory: name it with -o OUT_DIR")
        from cleancorpus.ray import clean_files_ray

        rejects = Path(args.rejects) if args.rejects else Path(args.output) / "rejects.jsonl"
        summary = clean_files_ray(inputs, args.output, pipe, dataclasses.replace(opts, rejects=rejects))
        rejects = None  # per part: OUT_DIR/rejects-NNNNNN.jsonl
    elif args.workers > 1:
        from cleancorpus.parallel import clean_files

        summary = clean_files(inputs, args.output, pipe, args.workers, opts,
                              on_progress=lambda s: progress.update(s.inputs, s.chars_in))
    else:
        summary = run_clean(inputs, args.output, pipe, opts,
                            on_progress=lambda s: progress.update(s.inputs, s.chars_in))
    progress.update(summary.inputs, summary.chars_in, force=True)
    progress.close()
    if rejects is not None and not args.rejects and rejects.exists() and rejects.stat().st_size == 0:
        rejects.unlink()  # the default rejects file is only kept when there are rejects
    if not args.quiet:
        print(summary.format(), file=sys.stderr)
        if summary.rejects and rejects is not None:
            print(f"rejects written to {rejects}", file=sys.stderr)
    if args.stats:
        write_run_manifest(args, pipe, summary, inputs, started, rejects)
    return 0


def write_run_manifest(args: argparse.Namespace, pipe: Pipeline, summary: RunSummary, inputs: Sequence[str],
                       started: str, rejects: Path | None) -> None:
    from cleancorpus.manifest import run_manifest, write_manifest

    options = {"captions": args.captions, "trace": not args.no_trace, "on_error": args.on_error,
               "resume": args.resume, "max_seconds_per_doc": args.max_seconds_per_doc or None,
               "max_bytes": args.max_bytes, "two_pass": getattr(args, "two_pass", False)}
    manifest = run_manifest(pipe, summary, summary.seconds, inputs=inputs, output=args.output,
                            profile=args.profile, options=options, started=started)
    manifest["inputs_total"] = summary.inputs
    manifest["resumed"] = summary.resumed
    manifest["rejected"] = summary.rejects
    manifest["rejects_by_reason"] = dict(summary.reasons.most_common())
    manifest["rejects_file"] = str(rejects) if summary.rejects and rejects is not None else None
    write_manifest(args.stats, manifest)


def two_pass(pipe: Pipeline, inputs: Sequence[str], fields: JsonlFields, max_bytes: int) -> Pipeline:
    """First pass of ``--two-pass``: corpus statistics, then the pipeline with boilerplate.v1.

    Unreadable inputs are skipped here; the second pass rejects them as usual."""
    from cleancorpus.corpus import CorpusStats, with_corpus_stats
    from cleancorpus.io import iter_units, to_document

    if "-" in inputs:
        raise ValueError("--two-pass reads the inputs twice and cannot read standard input")

    def docs() -> Iterator[cleancorpus.Document]:
        for unit in iter_units(inputs, max_bytes=max_bytes):
            try:
                yield to_document(unit, fields)
            except InputError:
                continue

    return with_corpus_stats(pipe, CorpusStats.build(docs()))


def cmd_filters(args: argparse.Namespace) -> int:
    reg = cleancorpus.default_registry()
    for fid in reg.ids():
        doc = (reg.create(fid).__doc__ or "").strip().splitlines()
        print(f"{fid:<16} {doc[0] if doc else ''}")
    from cleancorpus.registry import bundled_profiles

    print("profiles:", ", ".join(bundled_profiles()))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
