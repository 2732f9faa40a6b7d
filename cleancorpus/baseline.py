"""The quality baseline: pinned metric floors per fixture set, and digests of what produced them.

``fixtures/baseline.json`` holds, for each fixture set (each sub-folder of the fixtures folder), the
metrics of :mod:`cleancorpus.evaluate` measured against the fixtures' expected records (token
precision, recall and F1 of ``text``, field accuracy, noise precision/recall/F1 with the raw input's
first line taken as the title), an ``epsilon``, and the SHA-256 digests of the fixture files, their
inputs and the rule files (``cleancorpus/rules/**``, ``cleancorpus/profiles/**``).

The policy, chosen for a CI user:

- a metric that drops below its floor by more than ``epsilon`` **fails** (a quality regression);
  so does a fixture set or metric that disappeared;
- a digest mismatch alone does **not** fail: rules change on purpose all the time, and what CI must
  guard is quality. It is reported (a warning in the test, a notice from ``baseline``) naming the
  changed files, so the baseline is refreshed deliberately with ``baseline --update``; ``--strict``
  makes it fail for teams that want every rule change to come with a refreshed baseline;
- ``baseline --update`` raises floors and refreshes digests, but never lowers a floor unless
  ``--allow-lower`` is given (it refuses while a metric is below its floor by more than epsilon).
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import cleancorpus
from cleancorpus.digests import changed_files, combined_digest, files_digests, rule_file_digests
from cleancorpus.evaluate import evaluate_records
from cleancorpus.fixtures import Fixture, clean_fixture, find_fixtures
from cleancorpus.pipeline import Pipeline

BASELINE_NAME = "baseline.json"
#: The largest drop of a metric below its floor that still passes (absolute, metrics are in [0, 1]).
DEFAULT_EPSILON = 0.001
#: Metrics are stored rounded to this many decimals.
DECIMALS = 6
FORMAT_VERSION = 1


class BaselineError(ValueError):
    """A baseline that cannot be read, or an update that would lower a floor without permission."""


def fixture_sets(root: str | Path) -> dict[str, list[Fixture]]:
    """Fixtures grouped by set: the first folder under ``root`` (``.`` for files directly in it)."""
    root = Path(root)
    sets: dict[str, list[Fixture]] = {}
    for fx in find_fixtures(root):
        rel = fx.path.relative_to(root)
        name = rel.parts[0] if len(rel.parts) > 1 else "."
        sets.setdefault(name, []).append(fx)
    return sets


def measure(root: str | Path, profile: str | Path | None = None) -> dict[str, dict[str, float]]:
    """Metrics per fixture set: each fixture cleaned with its options and scored against its
    expected record (noise against its raw input)."""
    pipelines: dict[tuple[Any, ...], Pipeline] = {}
    out: dict[str, dict[str, float]] = {}
    for name, fixtures in fixture_sets(root).items():
        gold = {fx.name: fx.expected for fx in fixtures}
        records = []
        for fx in fixtures:
            rec, _ = clean_fixture(fx, pipelines, profile)
            rec["id"] = fx.name
            records.append(rec)
        res = evaluate_records(gold, records, {fx.name: fx.raw for fx in fixtures})
        out[name] = {k: round(v, DECIMALS) for k, v in res.metrics().items()}
    return out


def digests(root: str | Path) -> dict[str, dict[str, str]]:
    """Digests of the rule files and of the fixtures (files and the inputs they point to)."""
    root = Path(root)
    fixtures = find_fixtures(root)
    paths = {fx.path for fx in fixtures} | {Path(fx.source) for fx in fixtures if Path(fx.source).is_file()}
    return {"rules": rule_file_digests(), "fixtures": files_digests(sorted(paths), root)}


def current(root: str | Path, profile: str | Path | None = None,
            epsilon: float = DEFAULT_EPSILON) -> dict[str, Any]:
    """The baseline document for the fixtures under ``root`` as they measure now."""
    d = digests(root)
    return {
        "format": FORMAT_VERSION,
        "cleancorpus": cleancorpus.__version__,
        "profile": str(profile) if profile is not None else None,
        "epsilon": epsilon,
        "metrics": measure(root, profile),
        "digest": {"rules": combined_digest(d["rules"]), "fixtures": combined_digest(d["fixtures"])},
        "files": d,
    }


def load(path: str | Path) -> dict[str, Any]:
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{p}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict) or not isinstance(data.get("metrics"), dict):
        raise BaselineError(f"{p}: a baseline needs a 'metrics' object")
    return data


def save(path: str | Path, data: dict[str, Any]) -> None:
    p = Path(path)
    tmp = p.with_name(p.name + ".part")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    tmp.replace(p)


@dataclasses.dataclass(frozen=True)
class Drop:
    """A metric below its floor (``value`` None when it is no longer measured)."""

    set: str
    metric: str
    floor: float
    value: float | None

    def describe(self) -> str:
        if self.value is None:
            return f"{self.set}: {self.metric} is no longer measured (floor {self.floor:.4f})"
        return f"{self.set}: {self.metric} {self.value:.4f} < floor {self.floor:.4f} (-{self.floor - self.value:.4f})"


@dataclasses.dataclass
class Comparison:
    """The current measurements against a baseline."""

    epsilon: float
    drops: list[Drop]  #: below floor by more than epsilon, or missing: a failure
    slips: list[Drop]  #: below floor by at most epsilon: tolerated
    rises: list[tuple[str, str, float, float]]  #: (set, metric, floor, value) above the floor
    new: list[tuple[str, str, float]]  #: metrics without a floor yet
    files: dict[str, dict[str, list[str]]]  #: changed rule and fixture files

    @property
    def ok(self) -> bool:
        return not self.drops

    @property
    def digests_match(self) -> bool:
        return not any(v for d in self.files.values() for v in d.values())

    def digest_notice(self) -> str:
        """Which rule or fixture files changed since the baseline was recorded ("" if none)."""
        parts = []
        for group, diff in self.files.items():
            for what, names in diff.items():
                if names:
                    parts.append(f"{group} {what}: {', '.join(names)}")
        if not parts:
            return ""
        return ("rule or fixture files changed since the baseline was recorded (" + "; ".join(parts)
                + "); check the metrics and refresh it with: python -m cleancorpus baseline --update")

    def report(self) -> str:
        lines = [f"FAIL {d.describe()}" for d in self.drops]
        lines += [f"ok   {d.describe()} (within epsilon {self.epsilon})" for d in self.slips]
        lines += [f"up   {s}: {m} {v:.4f} > floor {f:.4f}" for s, m, f, v in self.rises]
        lines += [f"new  {s}: {m} {v:.4f} (no floor yet)" for s, m, v in self.new]
        notice = self.digest_notice()
        if notice:
            lines.append(f"note: {notice}")
        lines.append("baseline: " + ("ok" if self.ok else f"{len(self.drops)} metric(s) below their floor"))
        return "\n".join(lines)


def compare(baseline: dict[str, Any], now: dict[str, Any]) -> Comparison:
    """Compare the measurements ``now`` (from :func:`current`) with a loaded ``baseline``."""
    eps = float(baseline.get("epsilon", DEFAULT_EPSILON))
    drops: list[Drop] = []
    slips: list[Drop] = []
    rises: list[tuple[str, str, float, float]] = []
    new: list[tuple[str, str, float]] = []
    for set_name, floors in baseline["metrics"].items():
        got = now["metrics"].get(set_name, {})
        for metric, floor in floors.items():
            value = got.get(metric)
            if value is None:
                drops.append(Drop(set_name, metric, floor, None))
            elif value < floor - eps:
                drops.append(Drop(set_name, metric, floor, value))
            elif value < floor:
                slips.append(Drop(set_name, metric, floor, value))
            elif value > floor:
                rises.append((set_name, metric, floor, value))
    for set_name, values in now["metrics"].items():
        for metric, value in values.items():
            if metric not in baseline["metrics"].get(set_name, {}):
                new.append((set_name, metric, value))
    old_files = baseline.get("files", {})
    files = {g: changed_files(old_files.get(g, {}), now["files"].get(g, {})) for g in ("rules", "fixtures")}
    return Comparison(eps, drops, slips, rises, new, files)


def updated(baseline: dict[str, Any] | None, now: dict[str, Any], allow_lower: bool = False) -> dict[str, Any]:
    """The baseline to write: digests refreshed; floors raised to the measured values (and lowered
    only with ``allow_lower``). Raises :class:`BaselineError` if a metric is below its floor by more
    than epsilon (or gone) and ``allow_lower`` is not set."""
    if baseline is None or allow_lower:
        return now
    cmp = compare(baseline, now)
    if cmp.drops:
        raise BaselineError("refusing to lower floors without --allow-lower:\n"
                            + "\n".join(d.describe() for d in cmp.drops))
    out = dict(now)
    out["epsilon"] = baseline.get("epsilon", now["epsilon"])
    metrics: dict[str, dict[str, float]] = {}
    for set_name, values in now["metrics"].items():
        floors = baseline["metrics"].get(set_name, {})
        metrics[set_name] = {m: max(v, floors.get(m, v)) for m, v in values.items()}
    out["metrics"] = metrics
    return out
