"""Run manifests: what a clean run did, with what, and how fast (``clean --stats FILE.json``).

A manifest is a JSON object recording the package version, the resolved pipeline spec
(:meth:`Pipeline.spec`), per-filter counters and timings (:meth:`Pipeline.counters`), documents,
characters in and out, removals by kind, fixes, wall time and throughput, and the SHA-256 digests of
the rule files and of the profile file, so that a corpus can be traced to the exact rules that made
it and two runs can be compared.
"""

from __future__ import annotations

import datetime as _dt
import json
import platform
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import cleancorpus
from cleancorpus.digests import combined_digest, file_digest, rule_file_digests
from cleancorpus.pipeline import Pipeline

FORMAT_VERSION = 1


class RunTotals(Protocol):
    """What a run counts (see :class:`cleancorpus.runner.RunSummary`)."""

    docs: int
    chars_in: int
    chars_out: int
    fixes: int
    by_kind: Mapping[str, int]  #: characters removed per kind
    count_kind: Mapping[str, int]  #: removal records per kind


def utc_now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def run_manifest(pipe: Pipeline, totals: RunTotals, seconds: float, *, inputs: Sequence[str] = (),
                 output: str | None = None, profile: str | Path | None = None,
                 options: Mapping[str, Any] | None = None, started: str | None = None) -> dict[str, Any]:
    """The manifest of a finished run of ``pipe`` (its counters must cover exactly this run)."""
    rules = rule_file_digests()
    profile_info: dict[str, Any] = {"name": str(profile) if profile is not None else None}
    if profile is not None and Path(profile).is_file():
        profile_info["sha256"] = file_digest(profile)
    return {
        "format": FORMAT_VERSION,
        "cleancorpus": cleancorpus.__version__,
        "python": platform.python_version(),
        "platform": sys.platform,
        "started": started,
        "finished": utc_now(),
        "inputs": list(inputs),
        "output": output,
        "profile": profile_info,
        "options": dict(options or {}),
        "documents": totals.docs,
        "chars_in": totals.chars_in,
        "chars_out": totals.chars_out,
        "kept_share": round(totals.chars_out / totals.chars_in, 6) if totals.chars_in else 0.0,
        "fixes": totals.fixes,
        "removals_by_kind": {k: {"count": totals.count_kind.get(k, 0), "chars": c}
                             for k, c in sorted(totals.by_kind.items(), key=lambda kv: (-kv[1], kv[0]))},
        "timing": {
            "seconds": round(seconds, 6),
            "docs_per_second": round(totals.docs / seconds, 3) if seconds > 0 else None,
            "chars_per_second": round(totals.chars_in / seconds, 1) if seconds > 0 else None,
        },
        "pipeline": pipe.spec(),
        "counters": pipe.counters(),
        "rule_files": {"digest": combined_digest(rules), "files": rules},
    }


def write_manifest(path: str | Path, manifest: Mapping[str, Any]) -> None:
    """Write ``manifest`` as UTF-8 JSON (via a ``.part`` file renamed when complete)."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_name(p.name + ".part")
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tmp.replace(p)
