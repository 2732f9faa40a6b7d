"""The Filter protocol and the Pipeline that runs filters in order, counting what each one did."""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from cleancorpus.document import Document

log = logging.getLogger(__name__)


class TimeBudgetExceeded(RuntimeError):
    """A document took longer than its time budget (see :func:`cleancorpus.runner.run_clean`)."""


@runtime_checkable
class Filter(Protocol):
    """A step of the pipeline.

    ``id`` is the versioned registry id (``related.v1``). ``apply`` reads the document's live blocks
    and records its decisions through :meth:`Document.remove`, :meth:`Document.move` and
    :meth:`Document.edit`; it never rebuilds the text. ``spec`` returns the id and the parameters
    the filter was built with, so that a run can be reproduced.
    """

    id: str

    def apply(self, doc: Document) -> None: ...

    def spec(self) -> dict[str, Any]: ...


@dataclasses.dataclass
class FilterStats:
    """Counters of one filter over a run."""

    seen: int = 0  #: documents the filter ran on
    changed: int = 0  #: documents it removed, moved or fixed something in
    removed: int = 0  #: removal records it made (whole blocks or spans)
    fixes: int = 0  #: fix records it made
    #: characters of input it removed or moved out of the text, not counting those an earlier
    #: removal record (of this filter or another) had already removed: :meth:`Document.removed_chars`
    chars_removed: int = 0
    rejected: int = 0  #: documents it rejected as a whole
    seconds: float = 0.0  #: wall time spent in the filter

    def as_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["seconds"] = round(self.seconds, 6)
        return d


class Pipeline:
    """An ordered list of filters, itself a filter (pipelines nest).

    >>> from cleancorpus import default_pipeline
    >>> pipe = default_pipeline()
    >>> rec = pipe.clean("Tiêu đề\\n\\nNội dung bài viết.\\n\\nfb yt zl tw", id="x")
    >>> rec["text"]
    'Nội dung bài viết.'
    """

    def __init__(self, filters: Sequence[Filter], id: str = "pipeline", timed: bool = True) -> None:
        self.filters: list[Filter] = list(filters)
        self.id = id
        self.timed = timed
        self._labels = [self._label(i, f) for i, f in enumerate(self.filters)]
        self.stats: dict[str, FilterStats] = {label: FilterStats() for label in self._labels}

    # -- construction ----------------------------------------------------------------------
    @classmethod
    def from_spec(cls, spec: Mapping[str, Any] | Sequence[Mapping[str, Any]], registry: Any = None,
                  id: str | None = None) -> Pipeline:
        """Build from ``{"filters": [{"id": ..., param: value}, ...]}`` or the bare list.

        An entry may itself hold ``filters`` (and an optional ``id``) to nest a sub-pipeline.
        """
        from cleancorpus.registry import default_registry

        reg = registry if registry is not None else default_registry()
        if isinstance(spec, Mapping):
            entries = spec.get("filters", [])
            id = id or spec.get("name") or "pipeline"
        else:
            entries = spec
        filters: list[Filter] = []
        for entry in entries:
            params = dict(entry)
            if "filters" in params:
                filters.append(cls.from_spec(params, reg, id=params.get("id")))
                continue
            fid = params.pop("id", None)
            if not fid:
                raise ValueError(f"pipeline entry without an 'id': {entry!r}")
            if params.pop("enabled", True) is False:
                continue
            filters.append(reg.create(fid, **params))
        return cls(filters, id=id or "pipeline")

    @classmethod
    def from_profile(cls, path: str | Path, registry: Any = None, **overrides: Any) -> Pipeline:
        """Build from a TOML profile file: an ordered ``[[filters]]`` list of ids and parameters.

        ``overrides`` maps a filter id to extra parameters, e.g. ``{"caption.v1": {"mode": "drop"}}``.
        """
        from cleancorpus.registry import load_profile

        return cls.from_spec(_override(load_profile(path), overrides), registry)

    # -- running -----------------------------------------------------------------------------
    def apply(self, doc: Document, deadline: float | None = None) -> None:
        """Run every filter on ``doc`` in order, updating the counters.

        ``deadline`` (a :func:`time.monotonic` value) is checked before each filter: past it,
        :class:`TimeBudgetExceeded` is raised, naming the filter that would have run next.
        """
        for label, f in zip(self._labels, self.filters, strict=True):
            if deadline is not None and time.monotonic() > deadline:
                raise TimeBudgetExceeded(f"time budget exceeded before {label}")
            st = self.stats[label]
            n_rem, n_fix = len(doc.removed), len(doc.fixes)
            was_rejected = doc.rejected is not None
            t0 = time.perf_counter() if self.timed else 0.0
            if deadline is not None and isinstance(f, Pipeline):
                f.apply(doc, deadline)
            else:
                f.apply(doc)
            if self.timed:
                st.seconds += time.perf_counter() - t0
            st.seen += 1
            d_rem, d_fix = len(doc.removed) - n_rem, len(doc.fixes) - n_fix
            if d_rem or d_fix:
                st.changed += 1
                st.removed += d_rem
                st.fixes += d_fix
                st.chars_removed += doc.removed_chars(n_rem)
            if doc.rejected is not None and not was_rejected:
                st.rejected += 1

    def __call__(self, doc: Document) -> Document:
        self.apply(doc)
        return doc

    def run(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Stream documents through the pipeline, one at a time."""
        for doc in docs:
            self.apply(doc)
            yield doc

    def clean(self, raw: str, id: str = "", source: str | None = None, trace: bool = True,
              **fields: Any) -> dict[str, Any]:
        """Clean one text and return its output record."""
        doc = Document.from_text(raw, id=id, source=source, **fields)
        self.apply(doc)
        return doc.to_record(trace=trace)

    # -- reporting ---------------------------------------------------------------------------
    def spec(self) -> dict[str, Any]:
        """The resolved pipeline: ids and parameters of every filter, nested pipelines included."""
        return {"id": self.id, "filters": [f.spec() for f in self.filters]}

    def counters(self) -> dict[str, dict[str, Any]]:
        """Per-filter counters, flattened for nested pipelines (``outer/inner``)."""
        out: dict[str, dict[str, Any]] = {}
        for i, f in enumerate(self.filters):
            label = self._label(i, f)
            out[label] = self.stats[label].as_dict()
            if isinstance(f, Pipeline):
                for k, v in f.counters().items():
                    out[f"{label}/{k}"] = v
        return out

    def reset(self) -> None:
        """Zero the counters (of nested pipelines too)."""
        for k in self.stats:
            self.stats[k] = FilterStats()
        for f in self.filters:
            if isinstance(f, Pipeline):
                f.reset()

    def merge_counters(self, other: Mapping[str, Mapping[str, Any]]) -> None:
        """Add counters from another run of the same pipeline (e.g. a worker process)."""
        for label, values in other.items():
            st = self.stats.get(label)
            if st is None:
                continue
            for k, v in values.items():
                setattr(st, k, getattr(st, k) + v)

    def _label(self, i: int, f: Filter) -> str:
        fid = getattr(f, "id", type(f).__name__)
        dup = sum(1 for g in self.filters[:i] if getattr(g, "id", None) == fid)
        return fid if not dup else f"{fid}#{dup + 1}"

    def __repr__(self) -> str:
        return f"Pipeline({self.id!r}, [{', '.join(getattr(f, 'id', '?') for f in self.filters)}])"


def _override(spec: dict[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    if not overrides:
        return spec
    out = dict(spec)
    entries = []
    for entry in spec.get("filters", []):
        e = dict(entry)
        extra = overrides.get(e.get("id", ""))
        if extra:
            e.update(extra)
        entries.append(e)
    out["filters"] = entries
    return out
