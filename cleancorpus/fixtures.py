"""Golden fixtures: an input, the options to clean it with, and the expected record.

A fixture is a JSON file anywhere under a fixtures folder::

    {"input": "../../seeds/000_x.txt",        # path relative to this file, or
     "raw": "inline text ...",                # the input inline
     "options": {"captions": "move", "profile": "vi-news"},   # optional
     "expected": {"title": ..., "date": ..., "author": ..., "agency": ..., "text": ..., "captions": [...]}}

Only the fields present in ``expected`` are compared. Files named ``baseline.json`` or starting
with ``_`` are not fixtures.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from cleancorpus.document import Document
from cleancorpus.pipeline import Pipeline

FIELDS = ("title", "date", "author", "agency", "text", "captions")


@dataclasses.dataclass
class Fixture:
    path: Path
    raw: str
    source: str
    options: dict[str, Any]
    expected: dict[str, Any]

    @property
    def name(self) -> str:
        return self.path.stem


def load_fixture(path: Path) -> Fixture:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict) or "expected" not in data:
        raise ValueError(f"{path}: a fixture needs an 'expected' object")
    if "raw" in data:
        raw, source = data["raw"], str(path)
    elif "input" in data:
        src = (path.parent / data["input"]).resolve()
        if not src.is_file():
            raise FileNotFoundError(f"{path}: input {data['input']!r} not found ({src})")
        raw, source = src.read_text(encoding="utf-8"), str(src)
    else:
        raise ValueError(f"{path}: a fixture needs 'input' (a path) or 'raw' (the text)")
    return Fixture(path, raw, source, dict(data.get("options") or {}), dict(data["expected"]))


def find_fixtures(root: str | Path) -> list[Fixture]:
    """All fixtures under ``root`` (a folder or one file), sorted by path."""
    root = Path(root)
    paths = [root] if root.is_file() else sorted(root.rglob("*.json"))
    return [load_fixture(p) for p in paths if p.name != "baseline.json" and not p.name.startswith("_")]


def clean_fixture(fx: Fixture, pipelines: dict[tuple[Any, ...], Pipeline] | None = None,
                  profile: str | Path | None = None) -> tuple[dict[str, Any], Document]:
    """Clean a fixture's input with its options; returns the record and the document.

    The fixture's own ``options.profile`` wins (a ``.toml`` path is relative to the fixture file);
    ``profile`` is the default for fixtures that name none, then the bundled default profile.
    """
    from cleancorpus import DEFAULT_PROFILE, default_pipeline

    prof = fixture_profile(fx) or profile or DEFAULT_PROFILE
    captions = fx.options.get("captions")
    key = (str(prof), captions)
    cache = pipelines if pipelines is not None else {}
    pipe = cache.get(key)
    if pipe is None:
        pipe = cache[key] = default_pipeline(prof, captions=captions)
    fields = {k: fx.options[k] for k in ("title", "lang") if k in fx.options}
    doc = Document.from_text(fx.raw, id=fx.name, source=fx.source, **fields)
    pipe.apply(doc)
    return doc.to_record(), doc


def fixture_profile(fx: Fixture) -> str | None:
    """The profile a fixture names in its options, a relative ``.toml`` path resolved against the fixture."""
    prof = fx.options.get("profile")
    if not prof:
        return None
    prof = str(prof)
    if prof.endswith(".toml") and not Path(prof).is_absolute():
        return str((fx.path.parent / prof).resolve())
    return prof


def differences(fx: Fixture, record: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Fields whose value differs: ``{field: (expected, got)}``."""
    return {k: (v, record.get(k)) for k, v in fx.expected.items() if record.get(k) != v}
