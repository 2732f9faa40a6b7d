"""Command-line quality tools: ``check``, ``explain``, ``eval`` and ``baseline``.

:func:`add_commands` adds the sub-commands to the main parser (see :mod:`cleancorpus.cli`); each
``cmd_*`` function prints its report and returns the exit status. The work itself is done by
:mod:`cleancorpus.checks`, :mod:`cleancorpus.explain`, :mod:`cleancorpus.evaluate` and
:mod:`cleancorpus.baseline`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import cleancorpus
from cleancorpus import baseline as bl
from cleancorpus.checks import check_fixtures, format_result, in_ci, summary, update_fixture
from cleancorpus.evaluate import evaluate
from cleancorpus.evaluate import format_result as format_eval
from cleancorpus.explain import explain_document, format_explanation
from cleancorpus.fixtures import clean_fixture, load_fixture
from cleancorpus.io import read_documents

DEFAULT_FIXTURES = "fixtures"


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``check``, ``explain``, ``eval`` and ``baseline`` to the sub-command parser ``sub``."""
    c = sub.add_parser("check", help="re-clean golden fixtures and diff them against their expected records")
    c.add_argument("fixtures", nargs="?", default=DEFAULT_FIXTURES, metavar="FIXTURES_DIR",
                   help="folder (searched recursively for *.json) or one fixture file (default: %(default)s)")
    c.add_argument("--profile", metavar="FILE.toml", default=None,
                   help="profile for fixtures whose options name none (default: the bundled vi-news)")
    c.add_argument("--update", action="store_true",
                   help="after showing the diffs, rewrite the expected fields with the new output "
                        "(refused when the CI environment variable is set, unless --force)")
    c.add_argument("--force", action="store_true", help="allow --update under CI")
    c.add_argument("-q", "--quiet", action="store_true", help="print only differing fixtures and the summary")
    _color_option(c)
    c.set_defaults(func=cmd_check)

    e = sub.add_parser("explain", help="show every block of the input with its decision and every fix")
    e.add_argument("inputs", nargs="+", metavar="FILE",
                   help="files or directories as for 'clean', - for stdin, or fixture files (.json, cleaned "
                        "with the fixture's options)")
    e.add_argument("--profile", metavar="FILE.toml", default=cleancorpus.DEFAULT_PROFILE,
                   help="pipeline profile (default: %(default)s)")
    e.add_argument("--captions", choices=("move", "keep", "drop"), default=None, help="caption mode, as for 'clean'")
    e.add_argument("--format", choices=("text", "json"), default="text",
                   help="text (default) or json: one JSON object per document and line")
    e.add_argument("--id", dest="ids", action="append", metavar="ID", help="only the document(s) with this id")
    e.add_argument("--changes", action="store_true", help="hide kept lines that nothing changed")
    e.add_argument("--width", type=int, default=None,
                   help="clip quoted lines to this many characters (default: the terminal's width, "
                        "no clipping when not on a terminal)")
    _color_option(e)
    e.set_defaults(func=cmd_explain)

    v = sub.add_parser("eval", help="score output JSONL against gold records (token P/R/F1, fields, noise)")
    v.add_argument("gold", metavar="GOLD_DIR", help="folder of gold records or fixture files (*.json)")
    v.add_argument("output", metavar="OUT.jsonl", help="cleaned output to score")
    v.add_argument("--inputs", metavar="RAW_DIR", help="folder of the raw <id>.txt files, to score the noise too")
    v.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")
    v.add_argument("-q", "--quiet", action="store_true", help="print only the totals")
    v.set_defaults(func=cmd_eval)

    b = sub.add_parser("baseline", help="check (or --update) the pinned quality metrics of the fixture sets")
    b.add_argument("fixtures", nargs="?", default=DEFAULT_FIXTURES, metavar="FIXTURES_DIR",
                   help="fixtures folder (default: %(default)s)")
    b.add_argument("--file", metavar="BASELINE.json", default=None,
                   help=f"baseline file (default: FIXTURES_DIR/{bl.BASELINE_NAME})")
    b.add_argument("--profile", metavar="FILE.toml", default=None,
                   help="profile for fixtures whose options name none")
    b.add_argument("--update", action="store_true", help="write the baseline: raise floors, refresh digests")
    b.add_argument("--allow-lower", action="store_true", help="with --update: also lower floors")
    b.add_argument("--epsilon", type=float, default=None,
                   help=f"with --update: the tolerated drop (default: keep the file's, else {bl.DEFAULT_EPSILON})")
    b.add_argument("--strict", action="store_true", help="also fail when rule or fixture files changed")
    b.set_defaults(func=cmd_baseline)


def _color_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                   help="colour output: auto (on a terminal, unless NO_COLOR is set), always or never")


def use_color(choice: str, stream: IO[str]) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return stream.isatty()


def cmd_check(args: argparse.Namespace) -> int:
    if args.update and in_ci() and not args.force:
        print("cleancorpus: error: refusing to --update fixtures under CI (the CI environment variable is set); "
              "run it locally and commit the result, or pass --force", file=sys.stderr)
        return 2
    root = Path(args.fixtures)
    results = check_fixtures(root, args.profile)
    if not results:
        print(f"cleancorpus: error: {root}: no fixtures found", file=sys.stderr)
        return 2
    color = use_color(args.color, sys.stdout)
    base = root if root.is_dir() else root.parent
    for res in results:
        if not (args.quiet and res.ok):
            print(format_result(res, color=color, root=base))
    print(summary(results))
    failed = [r for r in results if not r.ok]
    if args.update and failed:
        for res in failed:
            update_fixture(res)
        print(f"updated {len(failed)} fixture file(s): " + ", ".join(str(r.fixture.path) for r in failed))
        return 0
    return 1 if failed else 0


def cmd_explain(args: argparse.Namespace) -> int:
    pipe = cleancorpus.default_pipeline(args.profile, captions=args.captions)
    color = args.format == "text" and use_color(args.color, sys.stdout)
    width = args.width
    if width is None and sys.stdout.isatty():
        width = max(shutil.get_terminal_size().columns - 60, 30)
    wanted = set(args.ids or ())
    shown = 0
    for doc in _explain_inputs(args.inputs, pipe):
        if wanted and doc.id not in wanted:
            continue
        ex = explain_document(doc)
        if args.format == "json":
            print(json.dumps(ex.as_dict(), ensure_ascii=False))
        else:
            if shown:
                print()
            print(format_explanation(ex, color=color, width=width, only_changes=args.changes))
        shown += 1
    if wanted and not shown:
        print(f"cleancorpus: error: no document with id {', '.join(sorted(wanted))}", file=sys.stderr)
        return 2
    return 0


def _explain_inputs(inputs: list[str], pipe: cleancorpus.Pipeline) -> Iterator[cleancorpus.Document]:
    """Cleaned documents: fixture files (``.json``) with their own options, other inputs as ``clean`` reads them."""
    pipelines: dict[tuple[Any, ...], cleancorpus.Pipeline] = {}
    for item in inputs:
        if item.endswith(".json") and Path(item).is_file():
            _, doc = clean_fixture(load_fixture(Path(item)), pipelines)
            yield doc
            continue
        for doc in read_documents([item]):
            pipe.apply(doc)
            yield doc


def cmd_eval(args: argparse.Namespace) -> int:
    res = evaluate(args.gold, args.output, args.inputs)
    if args.format == "json":
        print(json.dumps(res.as_dict(), ensure_ascii=False, indent=1))
    else:
        print(format_eval(res, rows=not args.quiet))
    return 0


def cmd_baseline(args: argparse.Namespace) -> int:
    root = Path(args.fixtures)
    if not root.is_dir():
        raise FileNotFoundError(f"{root}: no such fixtures folder")
    path = Path(args.file) if args.file else root / bl.BASELINE_NAME
    old = bl.load(path) if path.exists() else None
    eps = args.epsilon if args.epsilon is not None else float((old or {}).get("epsilon", bl.DEFAULT_EPSILON))
    now = bl.current(root, args.profile, epsilon=eps)
    if args.update:
        try:
            new = bl.updated(old, now, allow_lower=args.allow_lower)
        except bl.BaselineError as exc:
            print(f"cleancorpus: error: {exc}", file=sys.stderr)
            return 1
        if args.epsilon is not None:
            new["epsilon"] = args.epsilon
        if old is not None:
            print(bl.compare(old, now).report())
        bl.save(path, new)
        print(f"wrote {path}")
        return 0
    if old is None:
        print(f"cleancorpus: error: {path}: no baseline yet; create it with: python -m cleancorpus baseline "
              f"{root} --update", file=sys.stderr)
        return 2
    cmp = bl.compare(old, now)
    print(cmp.report())
    if not cmp.ok:
        return 1
    if args.strict and not cmp.digests_match:
        return 1
    return 0


__all__ = ["add_commands", "cmd_baseline", "cmd_check", "cmd_eval", "cmd_explain"]
