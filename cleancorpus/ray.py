"""Distributed execution on Ray Data (the ``cleancorpus[ray]`` extra).

Two entry points:

- :func:`clean_dataset` maps a pipeline over a ``ray.data.Dataset`` of input records (batches in,
  records out). Rows are JSONL-style records: ``text`` (or ``html``), ``id``, preset fields
  (``title``, ``date``, ...); other non-null columns pass through under ``meta``, as in a JSONL
  file. Null columns count as absent (Arrow gives every row every column).
- :func:`clean_files_ray` is ``python -m cleancorpus clean --engine ray INPUT -o OUT_DIR``: it cuts
  the inputs into the same shards as :mod:`cleancorpus.parallel` and runs one Ray task per shard;
  each task writes ``OUT_DIR/part-NNNNNN.jsonl``. Concatenated in name order, the parts are
  byte-for-byte the output of the local engine. On a cluster, inputs and ``OUT_DIR`` must be on a
  file system every node sees (NFS, a mounted bucket).

Ray is imported lazily, so importing this module does not need it installed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import logging
import os
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cleancorpus.io import InputError, JsonlFields, JsonlWriter, record_to_document
from cleancorpus.parallel import SHARD_BYTES, Shard, clean_shard, plan_shards
from cleancorpus.pipeline import Pipeline
from cleancorpus.runner import QUARANTINE, RunOptions, RunSummary

DEFAULT_FIELDS = JsonlFields()

if TYPE_CHECKING:  # pragma: no cover
    import ray.data

log = logging.getLogger(__name__)

OUTPUTS = ("records", "json")


def _import_ray() -> Any:
    try:
        import ray
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("the Ray engine needs Ray Data: pip install 'cleancorpus[ray]'") from exc
    return ray


def init_ray(address: str | None = None, **kwargs: Any) -> None:
    """Connect to a Ray cluster (``address``, else ``RAY_ADDRESS``, else a new local instance),
    unless this process is connected already."""
    ray = _import_ray()
    if ray.is_initialized():
        return
    address = address or os.environ.get("RAY_ADDRESS") or None
    kwargs.setdefault("logging_level", logging.WARNING)
    kwargs.setdefault("log_to_driver", False)
    if address is None:
        kwargs.setdefault("include_dashboard", False)
    # Ship this package to the workers, so that a cluster does not need it installed.
    env = dict(kwargs.pop("runtime_env", None) or {})
    env.setdefault("py_modules", [str(Path(__file__).resolve().parent)])
    ray.init(address=address, runtime_env=env, **kwargs)


def _row_record(row: dict[str, Any], source: str, fields: JsonlFields) -> dict[str, Any]:
    obj = {k: v for k, v in row.items() if v is not None}
    if obj.get(fields.id) is None:
        raise InputError(source, None, f"a Dataset row needs an {fields.id!r} column value (rows have no line numbers)")
    return obj


@dataclasses.dataclass(frozen=True)
class _BatchCleaner:
    """The function Ray maps over batches: a pyarrow Table of input rows to a Table of records."""

    pipeline: Pipeline
    fields: JsonlFields
    trace: bool
    output: str
    source: str

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        records = []
        for row in batch.to_pylist():
            obj = _row_record(row, self.source, self.fields)
            doc = record_to_document(obj, self.source, 0, self.fields)
            doc.source = self.source
            self.pipeline.apply(doc)
            records.append(doc.to_record(trace=self.trace))
        if self.output == "records":
            return pa.Table.from_pylist(records)
        buf = io.StringIO()
        writer = JsonlWriter(buf)
        for rec in records:
            writer.write(rec)
        lines = buf.getvalue().split("\n")[:-1]
        return pa.table({"id": [r["id"] for r in records], "json": lines})


def clean_dataset(ds: ray.data.Dataset, profile: str | Path | None = None, *, pipeline: Pipeline | None = None,
                  captions: str | None = None, trace: bool = True, fields: JsonlFields = DEFAULT_FIELDS,
                  output: str = "records", source: str = "dataset", batch_size: int | None = 64,
                  **map_kwargs: Any) -> ray.data.Dataset:
    """Map a cleaning pipeline over a Dataset of input records; returns a Dataset of output records.

    ``pipeline`` (or a ``profile`` name or file, default ``vi-news``, with ``captions``) is copied
    to every task. ``output="records"`` gives one column per record field (Arrow-typed: keys a
    record lacks, such as a removal's ``field``, come back as null); ``output="json"`` gives the
    columns ``id`` and ``json``, the exact JSONL line the local engine writes. Every record's
    ``source`` is ``source``. Extra ``map_kwargs`` go to ``Dataset.map_batches`` (``concurrency``,
    ``num_cpus``...). Row order is the input order when the Dataset context preserves order.
    """
    if output not in OUTPUTS:
        raise ValueError(f"output must be one of {', '.join(OUTPUTS)}, not {output!r}")
    if pipeline is None:
        import cleancorpus

        pipeline = cleancorpus.default_pipeline(profile or cleancorpus.DEFAULT_PROFILE, captions=captions)
    fn = _BatchCleaner(pipeline, fields, trace, output, source)
    return ds.map_batches(fn, batch_format="pyarrow", batch_size=batch_size, zero_copy_batch=True, **map_kwargs)


@dataclasses.dataclass(frozen=True)
class _ShardCleaner:
    """The function Ray maps over shard descriptors: clean each into its part file."""

    pipeline: Pipeline
    options: RunOptions
    out_dir: str
    root: str

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        summaries = []
        for desc in batch["shard"]:
            shard = _decode_shard(desc)
            self.pipeline.reset()
            path = os.path.join(self.out_dir, part_name(shard.index))
            rej = None
            if self.options.on_error == QUARANTINE and self.options.rejects is not None:
                rej = os.path.join(self.out_dir, f"rejects-{shard.index:06d}.jsonl")
            try:
                summary = clean_shard(shard, path, self.pipeline, dataclasses.replace(self.options, rejects=rej),
                                      self.root)
            except InputError as exc:
                summaries.append(json.dumps({"error": [exc.source, exc.line, exc.reason]}))
                continue
            if rej is not None and summary.rejects == 0:
                with contextlib.suppress(OSError):
                    os.remove(rej)
            got = summary.as_dict()
            got["counters"] = self.pipeline.counters()
            summaries.append(json.dumps(got))
        return {"summary": summaries}


def part_name(index: int) -> str:
    return f"part-{index:06d}.jsonl"


def clean_files_ray(inputs: Iterable[str | Path], out_dir: str | Path, pipeline: Pipeline,
                    options: RunOptions | None = None, *, shard_bytes: int = SHARD_BYTES,
                    address: str | None = None) -> RunSummary:
    """Clean files into ``out_dir/part-NNNNNN.jsonl`` with one Ray task per shard (see the module
    docstring); with ``on_error="quarantine"`` and a rejects path in ``options``, rejects go to
    ``out_dir/rejects-NNNNNN.jsonl`` (kept when not empty). Returns the run's summary and adds the
    tasks' counters to ``pipeline``."""
    opts = options or RunOptions()
    init_ray(address)
    ray = _import_ray()
    t0 = time.perf_counter()
    shards = plan_shards(inputs, shard_bytes)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for old in [*out.glob("part-*.jsonl"), *out.glob("rejects-*.jsonl")]:
        old.unlink()
    total = RunSummary()
    if not shards:
        return total
    ds = ray.data.from_items([{"shard": json.dumps(dataclasses.asdict(s))} for s in shards],
                             override_num_blocks=len(shards))
    fn = _ShardCleaner(pipeline, opts, str(out.resolve()), os.getcwd())
    for row in ds.map_batches(fn, batch_size=1, batch_format="numpy").iter_rows():
        got = json.loads(row["summary"])
        if "error" in got:
            raise InputError(*got["error"])
        pipeline.merge_counters(got.pop("counters"))
        total.merge(RunSummary.from_dict(got))
    total.seconds = time.perf_counter() - t0
    return total


def _decode_shard(desc: Any) -> Shard:
    d = json.loads(str(desc))
    d["files"] = tuple(d["files"])
    return Shard(**d)
