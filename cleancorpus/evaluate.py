"""Scoring cleaned output against gold records: token precision/recall/F1, fields, noise, removals.

The definitions follow the project's reference scorer (``../shared/tools/score.py``) so that the
numbers agree to four decimals:

- ``text`` is compared as a *multiset of word tokens*: Unicode ``\\w+`` runs of the NFC-normalised
  text (Python's :mod:`re` semantics). Per document, true positives are the tokens the output and the
  gold share (multiset intersection), false positives the other output tokens, false negatives the
  other gold tokens. Totals are *micro-averaged*: summed over documents before dividing. A gold
  document without an output record counts all its tokens as false negatives.
- Fields (``title``, ``date``, ``author``) are compared after NFC and whitespace normalisation, with
  ``None`` equal to ``""``; a field is scored only for gold records that hold the key. ``agency`` and
  ``captions`` are reported separately (``extra_fields``), since the reference scorer ignores them.
- With the raw inputs (``RAW_DIR/<id>.txt``, title on line 1), the noise itself is scored: the gold
  noise is the raw body's tokens minus the gold text's, the removed part the raw body's minus the
  output's; noise precision = removed noise / removed, noise recall = removed noise / noise.
- Removals by kind are counted from the output records' ``removed`` lists (count and characters).

Gold folders hold either gold records (``{"id", "title", "text", ...}``, one ``.json`` file each) or
fixture files (``{"input"|"raw", "expected": {...}}``, see :mod:`cleancorpus.fixtures`), whose
``expected`` object is the gold and whose file stem is the id.
"""

from __future__ import annotations

import collections
import dataclasses
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePath
from typing import Any

from cleancorpus.document import absorb_spans

# ``re`` (not the ``regex`` module): its \w is str.isalnum() or "_", which is what the reference
# scorer uses; ``regex`` also counts combining marks as word characters.
_WORD = re.compile(r"\w+")

#: Fields compared like the reference scorer does.
SCORED_FIELDS = ("title", "date", "author")
#: Fields we also report, outside the reference scorer's numbers.
EXTRA_FIELDS = ("agency", "captions")


def tokens(text: str | None) -> collections.Counter[str]:
    """The multiset of word tokens of ``text`` (NFC, Unicode ``\\w+`` runs)."""
    if not text:
        return collections.Counter()
    return collections.Counter(_WORD.findall(unicodedata.normalize("NFC", text)))


def norm_field(value: Any) -> str:
    """A field value for comparison: NFC, whitespace runs collapsed, ``None`` as ``""``.

    Lists (``captions``) are compared item by item, each item normalised the same way.
    """
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "\n".join(norm_field(v) for v in value)
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def _ratio(num: int, den: int, empty: float) -> float:
    return num / den if den else empty


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclasses.dataclass
class Counts:
    """True positives, false positives and false negatives of a token comparison."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @classmethod
    def compare(cls, got: collections.Counter[str], want: collections.Counter[str]) -> Counts:
        """Compare the multiset ``got`` (what was produced) with ``want`` (what should be)."""
        shared = sum((got & want).values())
        return cls(shared, sum(got.values()) - shared, sum(want.values()) - shared)


@dataclasses.dataclass
class DocScore:
    """The score of one gold document."""

    id: str
    found: bool
    counts: Counts
    fields: dict[str, bool]
    extra_fields: dict[str, bool]
    noise: Counts | None = None

    @property
    def precision(self) -> float:
        c = self.counts
        # An empty output for an empty gold is perfect; an empty output for a real article is not.
        return _ratio(c.tp, c.tp + c.fp, 1.0 if c.tp + c.fn == 0 else 0.0)

    @property
    def recall(self) -> float:
        c = self.counts
        return _ratio(c.tp, c.tp + c.fn, 1.0)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "found": self.found, "precision": self.precision, "recall": self.recall,
                "f1": self.f1, **self.fields, "extra": dict(self.extra_fields)}


@dataclasses.dataclass
class EvalResult:
    """Micro-averaged totals over all gold documents, per-document rows and removals by kind."""

    docs: list[DocScore]
    removals: dict[str, dict[str, int]]
    outputs: int = 0

    def total(self) -> Counts:
        out = Counts()
        for d in self.docs:
            out.add(d.counts)
        return out

    @property
    def precision(self) -> float:
        t = self.total()
        return _ratio(t.tp, t.tp + t.fp, 0.0)

    @property
    def recall(self) -> float:
        t = self.total()
        return _ratio(t.tp, t.tp + t.fn, 0.0)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    def _field_accuracy(self, attr: str) -> dict[str, float]:
        hits: collections.Counter[str] = collections.Counter()
        seen: collections.Counter[str] = collections.Counter()
        for d in self.docs:
            for k, ok in getattr(d, attr).items():
                seen[k] += 1
                hits[k] += ok
        return {k: hits[k] / seen[k] for k in seen}

    @property
    def fields(self) -> dict[str, float]:
        """Accuracy of title, date, author (as the reference scorer computes it)."""
        return self._field_accuracy("fields")

    @property
    def extra_fields(self) -> dict[str, float]:
        """Accuracy of agency and captions (not in the reference scorer)."""
        return self._field_accuracy("extra_fields")

    @property
    def noise(self) -> dict[str, float] | None:
        """Noise precision, recall, F1 and the number of gold noise tokens; None without raw inputs."""
        scored = [d.noise for d in self.docs if d.noise is not None]
        if not scored:
            return None
        t = Counts()
        for c in scored:
            t.add(c)
        p = _ratio(t.tp, t.tp + t.fp, 1.0)
        r = _ratio(t.tp, t.tp + t.fn, 1.0)
        return {"precision": p, "recall": r, "f1": _f1(p, r), "tokens": t.tp + t.fn}

    def metrics(self) -> dict[str, float]:
        """A flat ``{name: value}`` view of the totals (used by the quality baseline)."""
        out = {"precision": self.precision, "recall": self.recall, "f1": self.f1}
        out.update({f"field.{k}": v for k, v in self.fields.items()})
        out.update({f"field.{k}": v for k, v in self.extra_fields.items()})
        if self.noise is not None:
            out.update({f"noise.{k}": v for k, v in self.noise.items() if k != "tokens"})
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": len(self.docs),
            "found": sum(d.found for d in self.docs),
            "outputs": self.outputs,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "fields": self.fields,
            "extra_fields": self.extra_fields,
            "noise": self.noise,
            "removals": self.removals,
            "rows": [d.as_dict() for d in self.docs],
        }


# -- loading -------------------------------------------------------------------------------------

def load_gold(gold_dir: str | Path) -> dict[str, dict[str, Any]]:
    """Gold records by id from a folder of ``.json`` files (gold records or fixture files)."""
    root = Path(gold_dir)
    if not root.is_dir():
        raise FileNotFoundError(f"{root}: no such gold folder")
    gold: dict[str, dict[str, Any]] = {}
    for path in sorted(root.glob("*.json")):
        if path.name == "baseline.json" or path.name.startswith("_"):
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
        if not isinstance(data, dict):
            raise ValueError(f"{path}: a gold record must be a JSON object")
        if isinstance(data.get("expected"), dict):  # a fixture file
            rec, gid = data["expected"], path.stem
        else:
            rec, gid = data, str(data.get("id") or path.stem)
        gold[gid] = rec
    return gold


def _stem(rid: str) -> str:
    name = PurePath(rid).name
    return name.rsplit(".", 1)[0] if "." in name else name


def index_records(records: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """Output records by id, also reachable by the id's file stem (ids that carry a path or an
    extension); an exact id wins over a stem, a later record with the same id over an earlier one."""
    by_id: dict[str, Mapping[str, Any]] = {}
    by_stem: dict[str, Mapping[str, Any]] = {}
    for rec in records:
        rid = str(rec.get("id", ""))
        by_id[rid] = rec
        by_stem.setdefault(_stem(rid), rec)
    return {**by_stem, **by_id}


def read_output(path: str | Path) -> list[dict[str, Any]]:
    """The records of an output JSONL file; a malformed line raises ValueError naming the line."""
    p = Path(path)
    out: list[dict[str, Any]] = []
    with p.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{p}:{n}: not valid JSON ({exc.msg})") from None
            if not isinstance(rec, dict):
                raise ValueError(f"{p}:{n}: an output record must be a JSON object")
            out.append(rec)
    return out


def raw_body(raw: str) -> str:
    """The body of a raw input: everything after the first line (the title line)."""
    return raw.partition("\n")[2]


# -- scoring -------------------------------------------------------------------------------------

def score_document(gid: str, gold: Mapping[str, Any], rec: Mapping[str, Any] | None,
                   raw: str | None = None) -> DocScore:
    """Score one output record (None when missing) against its gold record."""
    want = tokens(gold.get("text"))
    got = tokens(rec.get("text")) if rec is not None else collections.Counter()
    fields = {k: rec is not None and norm_field(rec.get(k)) == norm_field(gold.get(k))
              for k in SCORED_FIELDS if k in gold}
    extra = {k: rec is not None and norm_field(rec.get(k)) == norm_field(gold.get(k))
             for k in EXTRA_FIELDS if k in gold}
    noise = None
    if raw is not None:
        body = tokens(raw_body(raw))
        noise = Counts.compare(body - got, body - want)
    return DocScore(gid, rec is not None, Counts.compare(got, want), fields, extra, noise)


def removals_by_kind(records: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, int]]:
    """``{kind: {"count": n, "chars": c}}`` over the records' ``removed`` lists, most characters first.

    ``chars`` counts each input character once: a span cut out of a line that a later filter
    removed whole is counted for the cut's kind, and the line's record for the rest, as in the run
    summary (:class:`~cleancorpus.runner.RunSummary`). Records are listed by position, not in the
    order they were made; but a record that overlaps an earlier one holds all of it (a removed line
    is not cut again, and a cut over an earlier cut takes in what that one removed), so the shorter
    of two overlapping spans is the earlier, and the spans are counted shortest first."""
    count: collections.Counter[str] = collections.Counter()
    chars: collections.Counter[str] = collections.Counter()
    for rec in records:
        spans = [(int(r.get("start", 0)), int(r.get("end", 0)), str(r.get("kind", "?")))
                 for r in rec.get("removed") or ()]
        covered: list[tuple[int, int]] = []  # input spans counted so far: sorted, disjoint
        for start, end, kind in sorted(spans, key=lambda s: (s[1] - s[0], s[0])):
            count[kind] += 1
            covered, (seen,) = absorb_spans(covered, [(start, end)])
            chars[kind] += max(0, end - start) - seen
    return {k: {"count": count[k], "chars": chars[k]} for k in sorted(count, key=lambda k: (-chars[k], k))}


def evaluate_records(gold: Mapping[str, Mapping[str, Any]], records: list[dict[str, Any]],
                     raws: Mapping[str, str] | None = None) -> EvalResult:
    """Score ``records`` against ``gold`` (by id); ``raws`` maps ids to raw inputs for noise scores."""
    index = index_records(records)
    docs = [score_document(gid, g, index.get(gid), (raws or {}).get(gid)) for gid, g in gold.items()]
    return EvalResult(docs, removals_by_kind(records), outputs=len(records))


def evaluate(gold_dir: str | Path, output: str | Path, inputs: str | Path | None = None) -> EvalResult:
    """Score an output JSONL file against a gold folder; ``inputs`` is the folder of raw ``<id>.txt``."""
    gold = load_gold(gold_dir)
    raws: dict[str, str] = {}
    if inputs is not None:
        raw_dir = Path(inputs)
        if not raw_dir.is_dir():
            raise FileNotFoundError(f"{raw_dir}: no such inputs folder")
        for gid in gold:
            p = raw_dir / f"{gid}.txt"
            if p.exists():
                raws[gid] = p.read_text(encoding="utf-8", errors="replace")
    return evaluate_records(gold, read_output(output), raws if inputs is not None else None)


def format_result(res: EvalResult, rows: bool = True) -> str:
    """A plain-text report: per-document rows, fields, noise, removals by kind and the totals."""
    lines: list[str] = []
    if rows:
        lines.append(f"{'id':<28} {'P':>6} {'R':>6} {'F1':>6}  fields")
        for d in res.docs:
            flags = " ".join(f"{k}={'ok' if ok else 'NO'}" for k, ok in {**d.fields, **d.extra_fields}.items())
            missing = "" if d.found else "  (no output record)"
            lines.append(f"{d.id:<28} {d.precision:6.3f} {d.recall:6.3f} {d.f1:6.3f}  {flags}{missing}")
    fields = ", ".join(f"{k} {v:.4f}" for k, v in res.fields.items())
    extra = ", ".join(f"{k} {v:.4f}" for k, v in res.extra_fields.items())
    lines.append(f"documents {len(res.docs)} found {sum(d.found for d in res.docs)}  fields: {fields}"
                 + (f"  (also {extra})" if extra else ""))
    if res.removals:
        lines.append("removals by kind: " + ", ".join(f"{k} {v['count']} ({v['chars']:,} chars)"
                                                      for k, v in res.removals.items()))
    if res.noise is not None:
        n = res.noise
        lines.append(f"noise ({n['tokens']} tokens): precision {n['precision']:.4f} recall {n['recall']:.4f} "
                     f"F1 {n['f1']:.4f}")
    lines.append(f"precision {res.precision:.4f} recall {res.recall:.4f} F1 {res.f1:.4f}")
    return "\n".join(lines)
