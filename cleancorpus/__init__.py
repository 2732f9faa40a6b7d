"""cleancorpus: turn scraped news text into clean training text, keeping what was removed and why.

Library entry points:

- :func:`clean_text` cleans one string and returns the output record (a dict);
- :func:`default_pipeline` builds the default Vietnamese-news pipeline (or any bundled or TOML profile);
- :class:`Pipeline` runs filters in order over :class:`Document` objects, streaming with ``run``;
- :func:`default_registry` maps versioned filter ids (``related.v1``) to filter classes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from cleancorpus.document import Block, Document, Fix, Removal
from cleancorpus.pipeline import Filter, FilterStats, Pipeline
from cleancorpus.registry import Registry, UnknownFilterError, default_registry, load_profile

__version__ = "0.1.0"

DEFAULT_PROFILE = "vi-news"


def default_pipeline(profile: str | Path = DEFAULT_PROFILE, captions: str | None = None,
                     registry: Registry | None = None, **overrides: dict[str, Any]) -> Pipeline:
    """Build a pipeline from a bundled profile name (``vi-news``) or a TOML file.

    ``captions`` (``move``, ``keep`` or ``drop``) sets the caption filter's mode; ``overrides`` maps
    filter ids to extra parameters, e.g. ``default_pipeline(**{"header.v1": {"title_line": False}})``.
    """
    extra = dict(overrides)
    if captions is not None:
        extra["caption.v1"] = {**extra.get("caption.v1", {}), "mode": captions}
        extra["inline.v1"] = {**extra.get("inline.v1", {}), "captions": captions}
    return Pipeline.from_profile(profile, registry=registry, **extra)


def clean_text(raw: str, id: str | None = None, *, profile: str | Path = DEFAULT_PROFILE,
               captions: str | None = None, trace: bool = True, pipeline: Pipeline | None = None,
               **fields: Any) -> dict[str, Any]:
    """Clean one scraped text and return its output record.

    ``fields`` preset document fields (``title``, ``source``, ``lang``, ``date``...). Pass a
    ``pipeline`` to reuse one across calls (building one reads the profile and rule files).

    >>> rec = clean_text("Tiêu đề\\n\\nTPO - Nội dung bài viết.\\n\\nTin liên quan\\n\\nMột bài khác hay hơn nữa")
    >>> rec["title"], rec["agency"], rec["text"]
    ('Tiêu đề', 'TPO', 'Nội dung bài viết.')
    """
    pipe = pipeline if pipeline is not None else default_pipeline(profile, captions=captions)
    return pipe.clean(raw, id=id or "", trace=trace, **fields)


def clean_documents(docs: Iterable[Document], pipeline: Pipeline | None = None) -> Iterator[Document]:
    """Stream documents through ``pipeline`` (the default one if None)."""
    pipe = pipeline if pipeline is not None else default_pipeline()
    return pipe.run(docs)


__all__ = [
    "DEFAULT_PROFILE",
    "Block",
    "Document",
    "Filter",
    "FilterStats",
    "Fix",
    "Pipeline",
    "Registry",
    "Removal",
    "UnknownFilterError",
    "__version__",
    "clean_documents",
    "clean_text",
    "default_pipeline",
    "default_registry",
    "load_profile",
]
