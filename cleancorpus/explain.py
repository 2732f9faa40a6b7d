"""Explaining a cleaned document: every block of the input with its decision, and every fix.

:func:`explain_document` turns a cleaned :class:`~cleancorpus.document.Document` into an
:class:`Explanation`: one :class:`BlockDecision` per input line block (kept, removed by a rule as a
kind of noise, or moved by a rule to a field), each with the in-place edits made inside it (fixes
and partial removals such as a dateline prefix), plus any record whose span lies outside every block.
:func:`format_explanation` renders it as text (optionally with ANSI colours); :meth:`Explanation.as_dict`
is the JSON form. Nothing here decides anything: it only reads the trace the filters recorded.
"""

from __future__ import annotations

import bisect
import dataclasses
from typing import Any

from cleancorpus.document import Document, Fix, Removal

KEPT = "kept"
REMOVED = "removed"
MOVED = "moved"


@dataclasses.dataclass(frozen=True)
class Edit:
    """A change inside a block: a ``fix`` (text repaired) or a ``cut`` (a span of noise removed)."""

    type: str
    rule: str
    start: int
    end: int
    before: str
    after: str
    kind: str | None = None
    field: str | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type, "rule": self.rule, "start": self.start, "end": self.end,
                               "before": self.before, "after": self.after}
        if self.kind is not None:
            out["kind"] = self.kind
        if self.field is not None:
            out["field"] = self.field
        return out

    def describe(self) -> str:
        if self.type == "fix":
            return f"fix {self.rule}: {self.before!r} -> {self.after!r}"
        where = f" to {self.field}" if self.field else ""
        return f"cut {self.rule} ({self.kind}){where}: {self.before!r}"


@dataclasses.dataclass
class BlockDecision:
    """What happened to one input line: ``decision`` is kept, removed or moved."""

    index: int
    line: int  #: 1-based line number in the input
    start: int
    end: int
    input: str  #: the line as it is in the input
    text: str  #: the line's text after the edits (what reached the output when kept)
    decision: str
    rule: str | None = None
    kind: str | None = None
    field: str | None = None
    edits: list[Edit] = dataclasses.field(default_factory=list)

    @property
    def rules(self) -> list[str]:
        """Every rule that touched this line: the deciding rule, then the edits' rules."""
        out = [self.rule] if self.rule else []
        out += [e.rule for e in self.edits if e.rule not in out]
        return out

    def describe(self) -> str:
        if self.decision == KEPT:
            return "kept"
        if self.decision == MOVED:
            return f"moved to {self.field} by {self.rule} ({self.kind})"
        return f"removed by {self.rule} ({self.kind})"

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"index": self.index, "line": self.line, "start": self.start, "end": self.end,
                               "decision": self.decision, "rule": self.rule, "kind": self.kind,
                               "field": self.field, "input": self.input, "text": self.text,
                               "edits": [e.as_dict() for e in self.edits]}
        return out


@dataclasses.dataclass
class Explanation:
    """The decisions on one document."""

    id: str
    source: str | None
    blocks: list[BlockDecision]
    outside: list[Edit]  #: edits whose span is in no block (e.g. on a line break)
    record: dict[str, Any]

    def counts(self) -> dict[str, int]:
        out = {KEPT: 0, REMOVED: 0, MOVED: 0}
        for b in self.blocks:
            out[b.decision] += 1
        out["fixes"] = sum(e.type == "fix" for b in self.blocks for e in b.edits) + sum(
            e.type == "fix" for e in self.outside)
        out["cuts"] = sum(e.type == "cut" for b in self.blocks for e in b.edits) + sum(
            e.type == "cut" for e in self.outside)
        return out

    def as_dict(self) -> dict[str, Any]:
        fields = {k: self.record.get(k) for k in ("title", "date", "author", "agency", "captions")}
        return {"id": self.id, "source": self.source, "counts": self.counts(), "fields": fields,
                "blocks": [b.as_dict() for b in self.blocks], "outside": [e.as_dict() for e in self.outside]}


def _edit_from_removal(r: Removal) -> Edit:
    return Edit("cut", r.rule, r.start, r.end, r.text, "", r.kind, r.field)


def _edit_from_fix(f: Fix) -> Edit:
    return Edit("fix", f.rule, f.start, f.end, f.before, f.after)


def explain_document(doc: Document) -> Explanation:
    """Collect the decisions recorded on a cleaned ``doc``, block by block."""
    line_starts = [0] + [i + 1 for i, ch in enumerate(doc.raw) if ch == "\n"]
    decisions: list[BlockDecision] = []
    deciding: set[int] = set()  # ids of the removal records that decided whole blocks
    # The record that took a block out has the block's span and rule (the last one, if repeated).
    by_span = {(r.start, r.end, r.rule): r for r in doc.removed}
    for b in doc.blocks:
        line = bisect.bisect_right(line_starts, b.start)
        dec = BlockDecision(b.index, line, b.start, b.end, doc.raw[b.start:b.end], b.text, KEPT)
        if not b.kept:
            r = by_span.get((b.start, b.end, b.rule))
            if r is not None:
                deciding.add(id(r))
            dec.rule, dec.kind = b.rule, b.kind
            dec.field = r.field if r is not None else None
            dec.decision = MOVED if dec.field else REMOVED
        decisions.append(dec)
    starts = [d.start for d in decisions]
    outside: list[Edit] = []
    edits = [_edit_from_removal(r) for r in doc.removed if id(r) not in deciding]
    edits += [_edit_from_fix(f) for f in doc.fixes]
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        i = bisect.bisect_right(starts, e.start) - 1
        if i >= 0 and decisions[i].start <= e.start and e.end <= decisions[i].end:
            decisions[i].edits.append(e)
        else:
            outside.append(e)
    return Explanation(doc.id, doc.source, decisions, outside, doc.to_record(trace=False))


# -- rendering -------------------------------------------------------------------------------------

_COLORS = {KEPT: "32", REMOVED: "31", MOVED: "33", "fix": "36", "cut": "35", "head": "1", "dim": "2"}


def _paint(text: str, what: str, color: bool) -> str:
    return f"\x1b[{_COLORS[what]}m{text}\x1b[0m" if color else text


def _clip(text: str, width: int | None) -> str:
    if width is None or len(text) <= width:
        return text
    return text[: max(width - 1, 1)] + "…"


def format_explanation(ex: Explanation, color: bool = False, width: int | None = None,
                       only_changes: bool = False) -> str:
    """Text rendering: a header, then one line per block (``L<line> <decision> <text>``) and one
    indented line per edit. ``width`` clips the quoted text; ``only_changes`` hides untouched kept lines.
    """
    c = ex.counts()
    head = (f"{ex.id}" + (f" ({ex.source})" if ex.source else "") + f": {len(ex.blocks)} blocks, "
            f"{c[KEPT]} kept, {c[REMOVED]} removed, {c[MOVED]} moved; {c['fixes']} fixes, {c['cuts']} cuts")
    lines = [_paint(head, "head", color)]
    for k in ("title", "date", "author", "agency"):
        if ex.record.get(k):
            lines.append(f"  {k}: {ex.record[k]}")
    if ex.record.get("captions"):
        lines.append(f"  captions: {len(ex.record['captions'])}")
    for b in ex.blocks:
        if only_changes and b.decision == KEPT and not b.edits:
            continue
        label = _paint(f"{b.describe():<44}", b.decision, color)
        shown = b.input if b.input.strip() else repr(b.input)  # make invisible-only lines visible
        lines.append(f"L{b.line:<5} {label} {_clip(shown, width)}")
        for e in b.edits:
            lines.append("       " + _paint(_clip(e.describe(), width and width + 40), e.type, color))
    for e in ex.outside:
        lines.append("  outside any line: " + _paint(e.describe(), e.type, color))
    return "\n".join(lines)
