"""Multi-process execution: workers read and write their own shards of the input.

Sending documents to worker processes costs more than light filtering (pickling a text and its
record both ways), so the parent never sends texts. It cuts the inputs into :class:`Shard`
descriptors instead: byte ranges of an uncompressed JSONL file aligned to line starts (with the
line number each range starts at, so that ``source``, default ids and reject line numbers are those
of one process), or groups of whole files (plain text, HTML, compressed JSONL). Each worker runs the
clean loop (:func:`cleancorpus.runner.run_clean`: rejects, time budget) on its shard with its own
copy of the pipeline, writing a shard output and a shard rejects file; the parent appends them to
the output and the rejects file in shard order as they complete. The output is therefore
byte-for-byte the output of one process, whatever the number of workers, and memory stays bounded:
a worker holds one document at a time, the parent none, and at most ``2 * workers`` shards are in
flight (their files wait on disk).

:func:`clean_files` is the library entry point; ``python -m cleancorpus clean --workers N`` uses it.
Standard input cannot be sharded and ``resume`` is per output file: both run in one process.
"""

from __future__ import annotations

import collections
import concurrent.futures
import dataclasses
import logging
import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from cleancorpus.io import (
    BUFFER_BYTES,
    DEFAULT_MAX_BYTES,
    JSONL_EXTS,
    InputError,
    InputUnit,
    OutputFile,
    binary_reason,
    compression_of,
    inner_suffix,
    iter_paths,
    iter_units,
)
from cleancorpus.pipeline import Pipeline
from cleancorpus.runner import QUARANTINE, RunOptions, RunSummary, run_clean

log = logging.getLogger(__name__)

#: Largest shard: large enough that per-shard overhead (a task, two files) is negligible. Smaller
#: inputs are cut into about ``8 * workers`` shards (at least ``MIN_SHARD_BYTES`` each), so that the
#: last round of shards leaves workers idle for a small share of the run.
SHARD_BYTES = 8_000_000
MIN_SHARD_BYTES = 500_000
_SNIFF = 8192
_CHUNK = 1 << 20


@dataclasses.dataclass(frozen=True)
class Shard:
    """A unit of work: a byte range of one uncompressed JSONL file, or a group of whole files.

    For a range, ``start`` is the byte offset of a line start, ``end`` the offset just past the last
    line, ``first_line`` the 1-based line number at ``start``.
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

    @property
    def inputs(self) -> list[str]:
        return list(self.files) if self.files else [self.path]


# -- planning ---------------------------------------------------------------------------------

def shard_size(inputs: Iterable[str | Path], workers: int) -> int:
    """The shard size for ``workers`` processes: about 8 shards per worker, within bounds."""
    size = sum(p.stat().st_size for p in iter_paths(inputs) if str(p) != "-")
    return min(SHARD_BYTES, max(MIN_SHARD_BYTES, size // (8 * max(workers, 1)) + 1))


def plan_shards(inputs: Iterable[str | Path], shard_bytes: int = SHARD_BYTES) -> list[Shard]:
    """Cut the inputs into shards of about ``shard_bytes`` bytes, in input order.

    Uncompressed JSONL files are cut at line starts (the line number of every cut is counted here:
    one sequential read, far faster than cleaning); other files, and JSONL files that are
    compressed, empty or look binary (the reader rejects those as a whole), are grouped.
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
        size = path.stat().st_size
        if inner_suffix(path) in JSONL_EXTS and compression_of(path) is None and size and _splittable(path):
            flush()
            for start, end, line in _jsonl_ranges(path, shard_bytes):
                shards.append(Shard(len(shards), path=str(path), start=start, end=end, first_line=line))
        else:
            group.append(str(path))
            group_size += size
            if group_size >= shard_bytes:
                flush()
    flush()
    return shards


def _splittable(path: Path) -> bool:
    with path.open("rb") as fh:
        head = fh.read(_SNIFF)
    return binary_reason(head) is None and bool(head.strip())


def _jsonl_ranges(path: Path, shard_bytes: int) -> Iterator[tuple[int, int, int]]:
    """(start, end, first_line) byte ranges of ``path`` cut at line starts."""
    size = path.stat().st_size
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


def _count_newlines(fh: IO[bytes], start: int, end: int) -> int:
    fh.seek(start)
    n = 0
    left = end - start
    while left > 0:
        data = fh.read(min(_CHUNK, left))
        if not data:
            break
        n += data.count(b"\n")
        left -= len(data)
    return n


# -- one shard ------------------------------------------------------------------------------

def shard_units(shard: Shard, max_bytes: int = DEFAULT_MAX_BYTES, root: str | None = None) -> Iterator[InputUnit]:
    """The input units of one shard, as :func:`cleancorpus.io.iter_units` yields them for the file.

    ``root`` is the directory relative paths are relative to (another process's working
    directory); ``source`` keeps the path as it was given.
    """
    if not shard.is_range:
        if not root:
            yield from iter_units(shard.files, max_bytes=max_bytes)
            return
        for name in shard.files:
            for unit in iter_units([os.path.join(root, name)], max_bytes=max_bytes):
                unit.source = name
                yield unit
        return
    where = os.path.join(root, shard.path) if root else shard.path
    with open(where, "rb", buffering=BUFFER_BYTES) as fh:
        fh.seek(shard.start)
        pos, n = shard.start, shard.first_line - 1
        while pos < shard.end:
            line = fh.readline(min(max_bytes + 1, shard.end - pos))
            if not line:
                break
            pos += len(line)
            n += 1
            size = len(line)
            if size > max_bytes and not line.endswith(b"\n"):
                while pos < shard.end:  # the rest of the over-long line
                    chunk = fh.readline(min(_CHUNK, shard.end - pos))
                    if not chunk:
                        break
                    pos += len(chunk)
                    size += len(chunk)
                    if chunk.endswith(b"\n"):
                        break
                yield InputUnit(shard.path, n, "jsonl", None, f"line too long: {size:,} bytes (limit {max_bytes:,})",
                                size)
            elif not line.isspace():  # not a blank line (line.strip() would copy it)
                yield InputUnit(shard.path, n, "jsonl", line, size=size)


def clean_shard(shard: Shard, output: str | Path | IO[str], pipeline: Pipeline, options: RunOptions,
                root: str | None = None) -> RunSummary:
    """Run the clean loop on one shard into ``output`` (the rejects go where ``options`` says)."""
    opts = dataclasses.replace(options, resume=False, shard=None)
    inputs = [os.path.join(root, i) for i in shard.inputs] if root else shard.inputs
    return run_clean(inputs, output, pipeline, opts, units=shard_units(shard, opts.max_bytes, root))


# -- the worker side ------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class _Job:
    pipeline: Pipeline
    options: RunOptions
    tmpdir: str


@dataclasses.dataclass
class _ShardResult:
    output: str
    rejects: str | None
    summary: RunSummary
    counters: dict[str, dict[str, Any]]
    error: tuple[str, int | None, str] | None = None


def _run_shard(job: _Job, shard: Shard) -> _ShardResult:
    """Worker entry point: clean a shard into its own files. The job (pipeline included, a few
    kilobytes) travels with every shard, so workers keep no state between shards. An input error
    (``on_error="raise"``) comes back as data: its constructor does not survive pickling."""
    job.pipeline.reset()
    out = os.path.join(job.tmpdir, f"shard-{shard.index:06d}.jsonl")
    rej = None
    if job.options.on_error == QUARANTINE and job.options.rejects is not None:
        rej = os.path.join(job.tmpdir, f"shard-{shard.index:06d}.rejects.jsonl")
    opts = dataclasses.replace(job.options, rejects=rej)
    try:
        summary = clean_shard(shard, out, job.pipeline, opts)
    except InputError as exc:
        return _ShardResult(out, rej, RunSummary(), {}, (exc.source, exc.line, exc.reason))
    return _ShardResult(out, rej, summary, job.pipeline.counters())


# -- the parent side ------------------------------------------------------------------------

def clean_files(inputs: Iterable[str | Path], output: str | Path | IO[str] | None, pipeline: Pipeline,
                workers: int = 2, options: RunOptions | None = None, *, shard_bytes: int | None = None,
                tmpdir: str | Path | None = None,
                on_progress: Callable[[RunSummary], None] | None = None) -> RunSummary:
    """Clean ``inputs`` into ``output`` with ``workers`` processes; the output order is the input order.

    ``output`` and ``options`` are those of :func:`cleancorpus.runner.run_clean` (a path, compressed
    by its extension, a text stream, or None for stdout; rejects, time budget). ``pipeline`` is
    copied into every worker (it must be picklable: built-in filters are); its counters get the
    workers' counters. ``shard_bytes`` overrides the shard size (:func:`shard_size`).
    ``on_progress`` is called in the parent after each shard. With one worker, standard input or
    ``resume``, this is :func:`run_clean` in this process (the same output).
    """
    opts = options or RunOptions()
    paths = [str(p) for p in inputs]
    if workers <= 1 or "-" in paths or opts.resume:
        if workers > 1:
            log.warning("standard input and --resume run in one process")
        return run_clean(paths, output, pipeline, opts, on_progress=on_progress)
    t0 = time.perf_counter()
    shards = plan_shards(paths, shard_bytes or shard_size(paths, workers))
    total = RunSummary()
    out = _Sink(output)
    rejects = OutputFile(opts.rejects) if opts.on_error == QUARANTINE and opts.rejects is not None else None
    committed = False
    try:
        with tempfile.TemporaryDirectory(prefix="cleancorpus-", dir=tmpdir) as tmp:
            job = _Job(pipeline, opts, tmp)
            methods = multiprocessing.get_all_start_methods()
            ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
            pool = concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=ctx)
            try:
                for res in _ordered(pool, job, shards, window=2 * workers):
                    if res.error is not None:
                        raise InputError(*res.error)
                    out.append(res.output, res.summary.records)
                    if rejects is not None and res.rejects is not None and os.path.exists(res.rejects):
                        _append_file(res.rejects, rejects.write_lines, res.summary.rejects)
                    pipeline.merge_counters(res.counters)
                    total.merge(res.summary)
                    if on_progress is not None:
                        on_progress(total)
            except BaseException:
                pool.shutdown(wait=True, cancel_futures=True)
                raise
            pool.shutdown(wait=True)
        if rejects is not None:
            rejects.commit()
        out.commit()
        committed = True
    finally:
        if not committed:
            out.close()
            if rejects is not None:
                rejects.close()
    total.seconds = time.perf_counter() - t0
    return total


class _Sink:
    """The run's output: an :class:`OutputFile` for a path, else a stream (stdout by default)."""

    def __init__(self, output: str | Path | IO[str] | None) -> None:
        self.file: OutputFile | None = None
        self.stream: IO[str] | None = None
        if output is None or output == "-":
            self.stream = sys.stdout
        elif isinstance(output, (str, Path)):
            self.file = OutputFile(output)
        else:
            self.stream = output

    def append(self, path: str, count: int) -> None:
        if self.file is not None:
            _append_file(path, self.file.write_lines, count)
            return
        assert self.stream is not None
        buffer = getattr(self.stream, "buffer", None)
        if buffer is not None and str(getattr(self.stream, "encoding", "")).lower().replace("-", "") == "utf8":
            self.stream.flush()
            _append_file(path, buffer.write, None)
            buffer.flush()
        else:
            _append_file(path, lambda data: self.stream.write(data.decode("utf-8")), None)  # type: ignore[union-attr]

    def commit(self) -> None:
        if self.file is not None:
            self.file.commit()
        elif self.stream is not None:
            self.stream.flush()

    def close(self) -> None:
        if self.file is not None:
            self.file.close()


def _append_file(path: str, write: Callable[..., Any], count: int | None) -> None:
    """Copy a shard file through ``write`` in chunks (``count`` lines credited to the first call)."""
    with open(path, "rb") as fh:
        first = True
        while data := fh.read(_CHUNK):
            if count is None:
                write(data)
            else:
                write(data, count if first else 0)
            first = False
    os.remove(path)


def _ordered(pool: concurrent.futures.Executor, job: _Job, shards: list[Shard], window: int) -> Iterator[_ShardResult]:
    """Results of ``_run_shard`` in shard order, with at most ``window`` shards submitted ahead
    (bounds the shard files waiting on disk)."""
    pending: collections.deque[concurrent.futures.Future[_ShardResult]] = collections.deque()
    it = iter(shards)
    for shard in it:
        pending.append(pool.submit(_run_shard, job, shard))
        if len(pending) >= window:
            break
    while pending:
        result = pending.popleft().result()
        nxt = next(it, None)
        if nxt is not None:
            pending.append(pool.submit(_run_shard, job, nxt))
        yield result
