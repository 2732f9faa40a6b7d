"""The clean loop: inputs to a JSONL output, bad inputs to a rejects file, resumable, time-bounded.

:func:`run_clean` reads input units (:func:`cleancorpus.io.iter_units`), turns each into a
document, runs the pipeline and writes one record per document, in input order. An input that
cannot be read, fails, or runs over its time budget is *rejected*: with ``on_error="raise"`` the
run stops with an :class:`~cleancorpus.io.InputError` naming the file and line; with
``on_error="quarantine"`` it goes to the rejects file (source, line, reason, size, a bounded
excerpt of the raw input) and the run goes on. Every input document ends up in exactly one of the
two files: ``summary.inputs == summary.records + summary.rejects``.

Crash safety. The output and the rejects file are written to ``PATH.part`` and renamed when the run
is complete. Every ``checkpoint_every`` documents (or ``checkpoint_seconds``) both part files are
synced and a checkpoint ``OUT.checkpoint.json`` records how many input units are done and the byte
length of each part file at that point. ``resume=True`` truncates the part files back to those
lengths (dropping any partial line written after the checkpoint), skips that many input units
without decoding them, and appends. Input order is deterministic (arguments in order, directories
sorted), so a resumed run writes the same records as an uninterrupted one, provided the inputs did
not change in between (the checkpoint keeps the input list and the options, and a mismatch is an
error; file contents are not checked).

Time budget. ``max_seconds_per_doc`` bounds the time spent on one document (decoding, HTML
extraction, filters) in two ways: the pipeline checks the deadline between filters, and on Unix,
in the main thread, an interval timer (``signal.setitimer``) raises inside whatever Python code is
running when the budget is spent. Limits: a signal is only handled between Python bytecodes, so a
single long call into C (a catastrophic ``re``/``regex`` match, lxml parsing a huge page) finishes
before the document is abandoned; off the main thread or without ``setitimer`` only the
between-filter check applies. A hard guarantee needs a worker process that can be killed. The
filter's counters keep the partial work of an abandoned document.

This function is the unit a parallel executor calls per shard (``RunOptions.shard=(k, n)``, each
shard with its own output, rejects file and checkpoint): it needs no global state, and the
:class:`RunSummary` objects of the shards add up with :meth:`RunSummary.merge`.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import json
import logging
import operator
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from cleancorpus.document import Document
from cleancorpus.io import (
    DEFAULT_MAX_BYTES,
    InputError,
    InputUnit,
    JsonlFields,
    OutputFile,
    dumps_record,
    excerpt_record,
    iter_paths,
    iter_units,
    to_document,
)
from cleancorpus.pipeline import Pipeline, TimeBudgetExceeded

log = logging.getLogger(__name__)

_KIND = operator.attrgetter("kind")

RAISE = "raise"
QUARANTINE = "quarantine"
CHECKPOINT_VERSION = 1


@dataclasses.dataclass
class RunOptions:
    """How :func:`run_clean` reads, writes and handles bad input."""

    fields: JsonlFields = dataclasses.field(default_factory=JsonlFields)
    trace: bool = True  #: keep ``removed`` and ``fixes`` in the records
    on_error: str = RAISE  #: ``raise`` (stop at the first bad input) or ``quarantine``
    rejects: str | Path | None = None  #: the rejects JSONL file (quarantine); None: log them only
    resume: bool = False  #: continue an interrupted run from its checkpoint
    max_seconds_per_doc: float | None = None  #: time budget of one document; None: no limit
    max_bytes: int = DEFAULT_MAX_BYTES  #: largest input document (a file or a JSONL line)
    checkpoint_every: int = 1000  #: documents between checkpoints
    checkpoint_seconds: float = 30.0  #: seconds between checkpoints
    #: ``(k, n)``: handle only the input units whose position (from 0) is ``k`` modulo ``n``, so that
    #: ``n`` runs with their own outputs share a corpus; the others are skipped without decoding.
    shard: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        if self.shard is not None:
            k, n = self.shard
            if not 0 <= k < n:
                raise ValueError(f"shard must be (k, n) with 0 <= k < n, not {self.shard!r}")
            self.shard = (int(k), int(n))
        if self.on_error not in (RAISE, QUARANTINE):
            raise ValueError(f"on_error must be {RAISE!r} or {QUARANTINE!r}, not {self.on_error!r}")
        if self.max_seconds_per_doc is not None and self.max_seconds_per_doc <= 0:
            raise ValueError("max_seconds_per_doc must be positive")

    def fingerprint(self) -> dict[str, Any]:
        """The options that change the records (kept in the checkpoint, checked on resume)."""
        return {"fields": dataclasses.asdict(self.fields), "trace": self.trace, "on_error": self.on_error,
                "max_bytes": self.max_bytes, "max_seconds_per_doc": self.max_seconds_per_doc,
                "shard": list(self.shard) if self.shard else None}


@dataclasses.dataclass
class RunSummary:
    """What a run did. ``inputs == records + rejects`` (``resumed`` of them done by an earlier run)."""

    inputs: int = 0
    records: int = 0
    rejects: int = 0
    resumed: int = 0
    chars_in: int = 0
    chars_out: int = 0
    fixes: int = 0
    flagged: int = 0  #: records with flags (such as ``invalid-utf8``)
    #: characters of input removed, per kind of the first removal record that removed them
    by_kind: collections.Counter[str] = dataclasses.field(default_factory=collections.Counter)
    count_kind: collections.Counter[str] = dataclasses.field(default_factory=collections.Counter)
    reasons: collections.Counter[str] = dataclasses.field(default_factory=collections.Counter)
    seconds: float = 0.0

    @property
    def docs(self) -> int:
        """Records written (the name :mod:`cleancorpus.manifest` reads)."""
        return self.records

    def add_document(self, doc: Document, rec: dict[str, Any]) -> None:
        self.inputs += 1
        self.records += 1
        self.chars_in += len(doc.raw)
        self.chars_out += len(rec["text"])
        self.fixes += len(doc.fixes)
        self.flagged += bool(doc.flags)
        removed = doc.removed
        if not removed:
            return
        chars: dict[str, int] = {}  # this document's, then added to the counters once per kind
        get = chars.get
        for r in removed:
            chars[r.kind] = get(r.kind, 0) + r.end - r.start
        for i, seen in doc.recounted:  # characters an earlier record removed: counted for its kind
            chars[removed[i].kind] -= seen
        self.by_kind.update(chars)
        self.count_kind.update(map(_KIND, removed))

    def add_reject(self, reason: str) -> None:
        self.inputs += 1
        self.rejects += 1
        self.reasons[reason_key(reason)] += 1

    def merge(self, other: RunSummary) -> None:
        """Add another run's numbers (a shard of the same corpus)."""
        for f in dataclasses.fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if isinstance(mine, collections.Counter):
                mine.update(theirs)
            elif f.name == "seconds":
                self.seconds = max(mine, theirs)
            else:
                setattr(self, f.name, mine + theirs)

    def as_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        for k in ("by_kind", "count_kind", "reasons"):
            d[k] = dict(getattr(self, k))
        d["seconds"] = round(self.seconds, 3)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> RunSummary:
        """The inverse of :meth:`as_dict` (summaries come back from Ray tasks as dicts)."""
        s = cls()
        for f in dataclasses.fields(s):
            value = d.get(f.name)
            if isinstance(getattr(s, f.name), collections.Counter):
                getattr(s, f.name).update(value or {})
            elif value is not None:
                setattr(s, f.name, value)
        return s

    def format(self) -> str:
        """A human summary (the CLI prints it to stderr)."""
        share = self.chars_out / self.chars_in if self.chars_in else 0.0
        lines = [f"cleaned {self.records:,} documents in {self.seconds:.2f}s: {self.chars_in:,} characters in, "
                 f"{self.chars_out:,} out ({share:.1%} kept), {self.fixes:,} fixes"]
        if self.resumed:
            lines.append(f"  resumed after {self.resumed:,} inputs done by an earlier run")
        if self.flagged:
            lines.append(f"  {self.flagged:,} records flagged (invalid UTF-8 or Unicode in the input)")
        for kind, chars in self.by_kind.most_common():
            pct = chars / self.chars_in if self.chars_in else 0.0
            lines.append(f"  {kind:<11} {self.count_kind[kind]:>7,} removals {chars:>11,} chars ({pct:.1%})")
        if self.rejects:
            lines.append(f"rejected {self.rejects:,} inputs:")
            lines.extend(f"  {n:>7,} {reason}" for reason, n in self.reasons.most_common())
        return "\n".join(lines)


def reason_key(reason: str) -> str:
    """A reason without its specifics (positions, sizes), for counting."""
    return reason.split(" (", 1)[0].split(":", 1)[0]


# -- time budget -----------------------------------------------------------------------------
class DocumentTimeout(TimeBudgetExceeded):
    """Raised by the interval timer inside a document that ran over its budget."""


class TimeBudget:
    """Bounds the time spent on one document (see the module docstring for the limits)."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.hard = (seconds is not None and hasattr(signal, "setitimer")
                     and threading.current_thread() is threading.main_thread())
        self._active = False
        self._previous: Any = None

    def __enter__(self) -> TimeBudget:
        if self.hard:
            self._previous = signal.signal(signal.SIGALRM, self._on_alarm)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.hard:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous)

    def _on_alarm(self, signum: int, frame: Any) -> None:
        if self._active:
            self._active = False
            raise DocumentTimeout(f"time budget exceeded ({self.seconds:g}s per document)")

    def deadline(self) -> float | None:
        return None if self.seconds is None else time.monotonic() + self.seconds

    def call(self, fn: Callable[[float | None], Any]) -> Any:
        """``fn(deadline)`` under the budget."""
        if not self.hard:
            return fn(self.deadline())
        assert self.seconds is not None
        self._active = True
        signal.setitimer(signal.ITIMER_REAL, self.seconds)
        try:
            return fn(self.deadline())
        finally:
            self._active = False
            signal.setitimer(signal.ITIMER_REAL, 0)


# -- checkpoints -----------------------------------------------------------------------------
def checkpoint_path(output: str | Path) -> Path:
    p = Path(output)
    return p.with_name(p.name + ".checkpoint.json")


def _write_json_atomic(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


class _Sinks:
    """The output and rejects files of a run, with checkpointing and the final commit."""

    def __init__(self, output: str | Path | IO[str] | None, rejects: str | Path | None, state: dict[str, Any],
                 resume_from: dict[str, Any] | None) -> None:
        self.state = state
        self.stream: IO[str] | None = None
        self.out: OutputFile | None = None
        if output is None or output == "-":
            self.stream = sys.stdout
        elif isinstance(output, (str, Path)):
            self.out = OutputFile(output, resume_at=resume_from["output_bytes"] if resume_from else None)
        else:
            self.stream = output
        self.rej: OutputFile | None = None
        if rejects is not None:
            at = resume_from.get("rejects_bytes") if resume_from else None
            self.rej = OutputFile(rejects, resume_at=at)
        self.ckpt = checkpoint_path(output) if self.out is not None else None
        self.last = time.monotonic()
        self.pending = 0

    def write(self, rec: dict[str, Any]) -> None:
        if self.out is not None:
            self.out.write(rec)
        else:
            assert self.stream is not None
            self.stream.write(dumps_record(rec).decode("utf-8"))
        self.pending += 1

    def reject(self, rec: dict[str, Any]) -> None:
        if self.rej is not None:
            self.rej.write(rec)
        self.pending += 1

    def maybe_checkpoint(self, done: int, handled: int, every: int, seconds: float) -> None:
        if self.pending >= every or (self.pending and time.monotonic() - self.last >= seconds):
            self.checkpoint(done, handled)

    def checkpoint(self, done: int, handled: int, complete: bool = False) -> None:
        self.pending = 0
        self.last = time.monotonic()
        if self.ckpt is None:
            if self.stream is not None:
                self.stream.flush()
            return
        assert self.out is not None
        state = dict(self.state, done=done, handled=handled, complete=complete, output_bytes=self.out.sync())
        if self.rej is not None:
            state["rejects_bytes"] = self.rej.sync()
        _write_json_atomic(self.ckpt, state)

    def commit(self, done: int, handled: int) -> None:
        """Mark complete, then rename the part files and drop the checkpoint."""
        self.checkpoint(done, handled, complete=True)
        if self.rej is not None:
            self.rej.commit()
        if self.out is not None:
            self.out.commit()
        elif self.stream is not None:
            self.stream.flush()
        if self.ckpt is not None:
            self.ckpt.unlink(missing_ok=True)

    def close(self) -> None:
        for f in (self.out, self.rej):
            if f is not None:
                with contextlib.suppress(OSError, ValueError):
                    f.close()


def _load_checkpoint(output: str | Path, state: dict[str, Any]) -> dict[str, Any] | None:
    """The checkpoint of an interrupted run with the same inputs and options, or None to start afresh."""
    ckpt = checkpoint_path(output)
    part = Path(output).with_name(Path(output).name + ".part")
    if not ckpt.exists():
        if part.exists():
            log.warning("%s: no checkpoint, starting from the beginning", part)
        return None
    try:
        saved = json.loads(ckpt.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{ckpt}: unreadable checkpoint ({exc}); delete it to start afresh") from None
    for key in ("version", "inputs", "options", "rejects"):
        if saved.get(key) != state[key]:
            raise ValueError(f"{ckpt}: the interrupted run had different {key} "
                             f"({saved.get(key)!r}, now {state[key]!r}); delete it to start afresh")
    return saved


def _finish_committed(output: str | Path, rejects: str | Path | None) -> None:
    """Finish the renames of a run that was interrupted after its last checkpoint said complete."""
    for path in (rejects, output):
        if path is None:
            continue
        part = Path(path).with_name(Path(path).name + ".part")
        if part.exists():
            os.replace(part, path)
    checkpoint_path(output).unlink(missing_ok=True)


# -- the loop --------------------------------------------------------------------------------
def run_clean(inputs: Iterable[str | Path], output: str | Path | IO[str] | None, pipeline: Pipeline,
              options: RunOptions | None = None, *, stdin: IO[bytes] | None = None,
              on_progress: Callable[[RunSummary], None] | None = None,
              on_reject: Callable[[dict[str, Any]], None] | None = None,
              units: Iterable[InputUnit] | None = None) -> RunSummary:
    """Clean ``inputs`` into ``output`` (a path, a text stream, or None/``-`` for stdout).

    Returns the :class:`RunSummary`. See the module docstring for rejects, resume and the time
    budget. ``on_reject`` is called with each reject record (also when there is no rejects file).
    ``units`` replaces the input units read from ``inputs`` (which then only name the run in the
    checkpoint): :mod:`cleancorpus.parallel` passes the units of one shard, a byte range of a file.
    """
    opts = options or RunOptions()
    inputs = [str(i) for i in inputs]
    for _ in iter_paths(inputs):  # fail early, before any output, on a missing path
        pass
    summary = RunSummary()
    t0 = time.perf_counter()
    state = {"version": CHECKPOINT_VERSION, "inputs": inputs, "options": opts.fingerprint(),
             "rejects": str(opts.rejects) if opts.rejects is not None else None}
    saved: dict[str, Any] | None = None
    if opts.resume:
        if not isinstance(output, (str, Path)) or str(output) == "-":
            raise ValueError("resume needs an output file")
        saved = _load_checkpoint(output, state)
        if saved is None and Path(output).exists():
            log.warning("%s exists and has no checkpoint: the run was complete; nothing to do", output)
            return summary
        if saved is not None and saved.get("complete"):
            _finish_committed(output, opts.rejects)
            summary.resumed = summary.inputs = saved["handled"]
            return summary
    elif isinstance(output, (str, Path)) and str(output) != "-":
        checkpoint_path(output).unlink(missing_ok=True)
    skip = saved["done"] if saved else 0  # input units (of every shard) done by the earlier run
    resumed = saved["handled"] if saved else 0  # of which this shard's
    k, n = opts.shard or (0, 1)
    sinks = _Sinks(output, opts.rejects if opts.on_error == QUARANTINE else None, state, saved)
    budget = TimeBudget(opts.max_seconds_per_doc)
    done, handled = 0, resumed
    try:
        with budget:
            for unit in units if units is not None else iter_units(inputs, max_bytes=opts.max_bytes, stdin=stdin):
                done += 1
                if done <= skip or (done - 1) % n != k:
                    continue
                try:
                    doc, rec = budget.call(lambda deadline, u=unit: _clean_unit(u, pipeline, opts, deadline))
                except Exception as exc:
                    reason = _reason(exc)
                    if opts.on_error == RAISE:
                        if isinstance(exc, InputError):
                            raise
                        raise InputError(unit.source, unit.line, reason) from exc
                    _log_reject(unit, reason, exc, quiet=sinks.rej is not None)
                    rej = excerpt_record(unit, reason)
                    sinks.reject(rej)
                    summary.add_reject(reason)
                    if on_reject is not None:
                        on_reject(rej)
                else:
                    sinks.write(rec)
                    summary.add_document(doc, rec)
                handled += 1
                sinks.maybe_checkpoint(done, handled, opts.checkpoint_every, opts.checkpoint_seconds)
                if on_progress is not None:
                    on_progress(summary)
        sinks.commit(done, handled)
    finally:
        sinks.close()
    summary.resumed = resumed
    summary.inputs += resumed
    summary.seconds = time.perf_counter() - t0
    return summary


def _clean_unit(unit: InputUnit, pipeline: Pipeline, opts: RunOptions,
                deadline: float | None) -> tuple[Document, dict[str, Any]]:
    doc = to_document(unit, opts.fields)
    pipeline.apply(doc, deadline=deadline)
    return doc, doc.to_record(trace=opts.trace)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, InputError):
        return exc.reason
    if isinstance(exc, TimeBudgetExceeded):
        return str(exc)
    if isinstance(exc, RecursionError):
        return "input nested too deeply (RecursionError)"
    if isinstance(exc, MemoryError):
        return "out of memory on this input (MemoryError)"
    return f"internal error ({type(exc).__name__}: {exc})"


def _log_reject(unit: InputUnit, reason: str, exc: BaseException, quiet: bool) -> None:
    """Log a reject: a warning when there is no rejects file to hold it, else at info level."""
    if isinstance(exc, (InputError, TimeBudgetExceeded)):
        log.log(logging.INFO if quiet else logging.WARNING, "rejected %s: %s", unit.where, reason)
    else:
        log.error("rejected %s: %s", unit.where, reason, exc_info=exc)

