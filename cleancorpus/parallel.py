"""Multi-process execution: workers read and write their own shards of the input.

Sending documents to worker processes costs more than light filtering (pickling a text and its
record both ways), so the parent never sends texts. It cuts the inputs into :class:`Shard`
descriptors instead: byte ranges of a JSONL file aligned to line starts (with the line number each
range starts at, so that ``source`` and default ids are the same as in one process), or groups of
plain-text and HTML files. Each worker opens its shard, cleans it with its own copy of the pipeline
and writes the records to a shard file; the parent appends the shard files to the output in shard
order as they complete. The output is therefore byte-for-byte the output of one process, whatever
the number of workers, and memory stays bounded: a worker holds one document at a time and the
parent holds none (at most ``2 * workers`` shards are in flight).

:func:`clean_files` is the library entry point; ``python -m cleancorpus clean --workers N`` uses it.
Standard input cannot be sharded: it is cleaned in the calling process.
"""

from __future__ import annotations

import collections
import concurrent.futures
import dataclasses
import logging
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from cleancorpus.document import Document
from cleancorpus.io import JSONL_EXTS, InputError, JsonlFields, JsonlWriter, iter_paths, read_documents, read_jsonl
from cleancorpus.pipeline import Pipeline

log = logging.getLogger(__name__)

#: Largest shard: large enough that per-shard overhead (a task, a file) is negligible. Smaller
#: inputs are cut into about ``8 * workers`` shards (at least ``MIN_SHARD_BYTES`` each), so that the
#: last round of shards leaves workers idle for a small share of the run.
SHARD_BYTES = 8_000_000
MIN_SHARD_BYTES = 500_000
DEFAULT_FIELDS = JsonlFields()


@dataclasses.dataclass(frozen=True)
class Shard:
    """A unit of work: a byte range of one JSONL file, or a group of whole files.

    For a JSONL range, ``start`` is the byte offset of a line start, ``end`` the offset just past
    the last line, ``first_line`` the 1-based line number at ``start``.
    """

    index: int
    path: str = ""
    start: int = 0
    end: int = 0
    first_line: int = 1
    files: tuple[str, ...] = ()

    @property
    def is_range(self) -> bool:
        return not self.files


@dataclasses.dataclass
class ShardSummary:
    """What cleaning a shard (or a whole run) did: counts for the CLI summary and the pipeline counters."""

    docs: int = 0
    chars_in: int = 0
    chars_out: int = 0
    fixes: int = 0
    removed_chars: collections.Counter[str] = dataclasses.field(default_factory=collections.Counter)
    removed_count: collections.Counter[str] = dataclasses.field(default_factory=collections.Counter)
    counters: dict[str, dict[str, Any]] = dataclasses.field(default_factory=dict)

    def add(self, doc: Document, record: dict[str, Any]) -> None:
        self.docs += 1
        self.chars_in += len(doc.raw)
        self.chars_out += len(record["text"])
        self.fixes += len(doc.fixes)
        for r in doc.removed:
            self.removed_chars[r.kind] += r.end - r.start
            self.removed_count[r.kind] += 1

    def merge(self, other: ShardSummary) -> None:
        self.docs += other.docs
        self.chars_in += other.chars_in
        self.chars_out += other.chars_out
        self.fixes += other.fixes
        self.removed_chars.update(other.removed_chars)
        self.removed_count.update(other.removed_count)


# -- planning ---------------------------------------------------------------------------------

def plan_shards(inputs: Iterable[str | Path], shard_bytes: int = SHARD_BYTES) -> list[Shard]:
    """Cut the inputs into shards of about ``shard_bytes`` bytes, in input order.

    JSONL files are cut at line starts; consecutive other files are grouped. The line number of
    every cut is counted here (one sequential read of the JSONL files, far faster than cleaning).
    """
    shards: list[Shard] = []
    group: list[str] = []
    group_size = 0

    def flush() -> None:
        nonlocal group, group_size
        if group:
            shards.append(Shard(len(shards), files=tuple(group)))
            group, group_size = [], 0

    for path in iter_paths(inputs):
        if str(path) == "-":
            raise ValueError("standard input cannot be split between workers; clean it with one worker")
        if path.suffix.lower() in JSONL_EXTS:
            flush()
            for start, end, line in _jsonl_ranges(path, shard_bytes):
                shards.append(Shard(len(shards), path=str(path), start=start, end=end, first_line=line))
        else:
            group.append(str(path))
            group_size += path.stat().st_size
            if group_size >= shard_bytes:
                flush()
    flush()
    return shards


def _jsonl_ranges(path: Path, shard_bytes: int) -> Iterator[tuple[int, int, int]]:
    """(start, end, first_line) byte ranges of ``path`` cut at line starts."""
    size = path.stat().st_size
    if size == 0:
        return
    step = max(shard_bytes, 1)
    with path.open("rb") as fh:
        start, line = 0, 1
        while start < size:
            fh.seek(min(start + step, size))
            if fh.tell() < size:
                fh.readline()  # move to the next line start
            end = fh.tell()
            yield start, end, line
            line += _count_newlines(fh, start, end)
            start = end


def _count_newlines(fh: IO[bytes], start: int, end: int, chunk: int = 1 << 22) -> int:
    fh.seek(start)
    n = 0
    left = end - start
    while left > 0:
        data = fh.read(min(chunk, left))
        if not data:
            break
        n += data.count(b"\n")
        left -= len(data)
    return n


# -- one shard ------------------------------------------------------------------------------

def iter_shard_documents(shard: Shard, fields: JsonlFields = DEFAULT_FIELDS,
                         root: str | None = None) -> Iterator[Document]:
    """The documents of one shard, in input order, exactly as :func:`read_documents` yields them.

    ``root`` is the directory relative paths are relative to (another process's working
    directory); ``source`` keeps the path as it was given.
    """
    if not shard.is_range:
        for name in shard.files:
            where = os.path.join(root, name) if root and name != "-" else name
            for doc in read_documents([where], fields):
                if where != name:
                    doc.source = name
                yield doc
        return
    where = os.path.join(root, shard.path) if root else shard.path
    with open(where, "rb") as fh:
        fh.seek(shard.start)
        yield from read_jsonl(_lines(fh, shard.end - shard.start), shard.path, fields, first_line=shard.first_line)


def _lines(fh: IO[bytes], length: int) -> Iterator[str]:
    left = length
    while left > 0:
        raw = fh.readline(left)
        if not raw:
            return
        left -= len(raw)
        yield raw.decode("utf-8", errors="replace")


def clean_shard(shard: Shard, out: IO[str], pipeline: Pipeline, fields: JsonlFields = DEFAULT_FIELDS,
                trace: bool = True, root: str | None = None) -> ShardSummary:
    """Clean one shard into ``out`` (one JSON record per line); returns its summary."""
    summary = ShardSummary()
    writer = JsonlWriter(out)
    for doc in pipeline.run(iter_shard_documents(shard, fields, root)):
        rec = doc.to_record(trace=trace)
        writer.write(rec)
        summary.add(doc, rec)
    return summary


# -- the worker side ------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class _Job:
    pipeline: Pipeline
    fields: JsonlFields
    trace: bool
    tmpdir: str


def _shard_path(tmpdir: str, shard: Shard) -> str:
    return os.path.join(tmpdir, f"shard-{shard.index:06d}.jsonl")


def _run_shard(job: _Job, shard: Shard) -> tuple[str, ShardSummary] | tuple[None, tuple[str, int | None, str]]:
    """Worker entry point: clean a shard into its own file. Input errors come back as data
    (the exception's constructor does not survive pickling). The job (pipeline included, a few
    kilobytes) travels with every shard, so workers keep no state between shards."""
    job.pipeline.reset()
    path = _shard_path(job.tmpdir, shard)
    try:
        with open(path, "w", encoding="utf-8") as fh:
            summary = clean_shard(shard, fh, job.pipeline, job.fields, job.trace)
    except InputError as exc:
        return None, (exc.source, exc.line, exc.reason)
    summary.counters = job.pipeline.counters()
    return path, summary


# -- the parent side ------------------------------------------------------------------------

def clean_files(inputs: Iterable[str | Path], out: IO[str], pipeline: Pipeline, workers: int = 2, *,
                fields: JsonlFields = DEFAULT_FIELDS, trace: bool = True, shard_bytes: int | None = None,
                tmpdir: str | Path | None = None,
                on_shard: Callable[[ShardSummary], None] | None = None) -> ShardSummary:
    """Clean ``inputs`` into ``out`` with ``workers`` processes; the output order is the input order.

    ``pipeline`` is copied into every worker (it must be picklable: built-in filters are); its
    counters are updated with the workers' counters. ``shard_bytes`` overrides the shard size (see
    :data:`SHARD_BYTES`). ``on_shard`` is called in the parent after
    each shard is written (for progress). Returns the run's summary. With ``workers <= 1`` the
    shards are cleaned in this process (the same output, no pool).
    """
    paths = [str(p) for p in inputs]
    total = ShardSummary()
    if workers <= 1:
        total = clean_shard(Shard(0, files=tuple(paths)), out, pipeline, fields, trace)
        if on_shard is not None:
            on_shard(total)
        return total
    if shard_bytes is None:
        size = sum(p.stat().st_size for p in iter_paths(paths) if str(p) != "-")
        shard_bytes = min(SHARD_BYTES, max(MIN_SHARD_BYTES, size // (8 * workers) + 1))
    shards = plan_shards(paths, shard_bytes)
    with tempfile.TemporaryDirectory(prefix="cleancorpus-", dir=tmpdir) as tmp:
        job = _Job(pipeline, fields, trace, tmp)
        ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
        pool = concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=ctx)
        try:
            for path, got in _ordered(pool, job, shards, window=2 * workers):
                if path is None:
                    source, line, reason = got  # type: ignore[misc]
                    raise InputError(source, line, reason)
                assert isinstance(got, ShardSummary)
                _append(path, out)
                os.remove(path)
                pipeline.merge_counters(got.counters)
                total.merge(got)
                if on_shard is not None:
                    on_shard(total)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown(wait=True)
    return total


def _append(path: str, out: IO[str]) -> None:
    """Append a shard file to ``out``: as bytes when ``out`` is a UTF-8 file, else as text."""
    buffer = getattr(out, "buffer", None)
    if buffer is not None and str(getattr(out, "encoding", "")).lower().replace("-", "") == "utf8":
        out.flush()
        with open(path, "rb") as fb:
            shutil.copyfileobj(fb, buffer, 1 << 20)
        buffer.flush()
        return
    with open(path, encoding="utf-8") as fh:
        shutil.copyfileobj(fh, out, 1 << 20)


def _ordered(pool: concurrent.futures.Executor, job: _Job, shards: list[Shard], window: int) -> Iterator[Any]:
    """Results of ``_run_shard`` in shard order, with at most ``window`` shards submitted ahead
    (bounds the shard files waiting on disk)."""
    pending: collections.deque[concurrent.futures.Future[Any]] = collections.deque()
    it = iter(shards)
    for shard in it:
        pending.append(pool.submit(_run_shard, job, shard))
        if len(pending) >= window:
            break
    while pending:
        fut = pending.popleft()
        result = fut.result()
        nxt = next(it, None)
        if nxt is not None:
            pending.append(pool.submit(_run_shard, job, nxt))
        yield result
