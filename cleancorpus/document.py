"""The document model: one input document, its blocks, and the trace of every decision.

A :class:`Document` is segmented once into :class:`Block` objects (one per non-empty line), each
remembering its offsets in the original input. Filters never rebuild the text: they mark blocks as
removed or moved to a field, or edit the text of a block through :meth:`Document.edit`, which
records a :class:`Fix` (or a partial :class:`Removal`) whose offsets point back into the input;
:meth:`Document.edit_many` and :meth:`Document.edit_spans` apply many edits to one block in one
pass, with the records of one :meth:`Document.edit` each. :meth:`Document.to_record`
assembles the clean text and the trace once, at the end.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

#: Block status values.
KEPT = "kept"
REMOVED = "removed"


@dataclasses.dataclass(frozen=True, slots=True)
class Removal:
    """One removed span of the input: which rule removed it, as what kind of noise, and where.

    ``field`` names the output field the text was moved to (``captions``, ``author``, ...), or is
    ``None`` when the text was dropped.
    """

    rule: str
    kind: str
    start: int
    end: int
    text: str
    field: str | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }
        if self.field is not None:
            out["field"] = self.field
        return out


@dataclasses.dataclass(frozen=True, slots=True)
class Fix:
    """One in-place change of text: rule, span of the input it covers, text before and after."""

    rule: str
    start: int
    end: int
    before: str
    after: str
    evidence: str | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "after": self.after,
        }
        if self.evidence is not None:
            out["evidence"] = self.evidence
        return out


@dataclasses.dataclass(frozen=True, slots=True)
class Change:
    """One change for :meth:`Document.edit_spans`: ``text[start:end]`` becomes ``new``, recorded
    like :meth:`Document.edit` records it with the same ``rule``, ``kind``, ``evidence``, ``field``
    and ``value``."""

    start: int
    end: int
    new: str
    rule: str
    kind: str | None = None
    evidence: str | None = None
    field: str | None = None
    value: str | None = None


class Block:
    """One line of the input with its offsets, current text, status and cached features.

    ``start``/``end`` are offsets of the line in the original input (without the line break).
    ``gap_before`` tells whether a blank line separates it from the previous block, a useful
    layout feature (related lists are blank-separated, captions hug their image line).
    """

    __slots__ = ("_edits", "cache", "end", "gap_before", "index", "kind", "rule", "start", "status", "text")

    def __init__(self, index: int, start: int, end: int, text: str, gap_before: bool) -> None:
        self.index = index
        self.start = start
        self.end = end
        self.text = text
        self.status = KEPT
        self.kind: str | None = None
        self.rule: str | None = None
        self.gap_before = gap_before
        # Edits applied to this block, as (orig_start, orig_end, new_length) in input offsets,
        # sorted and non-overlapping: enough to map current offsets back to the input.
        self._edits: list[tuple[int, int, int]] = []
        #: Per-block memo for features (see :mod:`cleancorpus.segment`); cleared whenever the text changes.
        self.cache: dict[str, Any] = {}

    @property
    def kept(self) -> bool:
        return self.status == KEPT

    def to_input(self, pos: int, side_end: bool = False) -> int:
        """Map an offset in the current block text to an absolute offset in the input.

        A position inside text that an earlier edit produced maps to that edit's input span
        boundary: its start for a span start, its end for a span end (``side_end``).
        """
        shift = 0  # current offset - input offset, relative to the block start
        for o_s, o_e, new_len in self._edits:
            cur_s = o_s - self.start + shift
            # At an edit's start a span start maps to the edit's input start, unless the edit
            # inserted nothing (a deletion): then the position lies after the deleted text.
            if pos < cur_s or (pos == cur_s and (side_end or new_len > 0)):
                break
            if pos < cur_s + new_len:
                return o_e if side_end else o_s
            shift += new_len - (o_e - o_s)
        return self.start + pos - shift

    def to_input_many(self, positions: list[tuple[int, bool]]) -> list[int]:
        """:meth:`to_input` for many ``(pos, side_end)`` pairs in non-decreasing ``pos`` order, in
        one sweep over the edits (linear, where calling :meth:`to_input` for each is quadratic)."""
        edits = self._edits
        n = len(edits)
        out: list[int] = []
        k = 0
        shift = 0  # over edits that every later position passes too
        for pos, side_end in positions:
            while k < n:
                o_s, o_e, new_len = edits[k]
                cur_s = o_s - self.start + shift
                if cur_s >= pos or cur_s + new_len >= pos:
                    break
                shift += new_len - (o_e - o_s)
                k += 1
            j, sh, got = k, shift, None
            while j < n:  # the loop of to_input, over the few edits at or after pos
                o_s, o_e, new_len = edits[j]
                cur_s = o_s - self.start + sh
                if pos < cur_s or (pos == cur_s and (side_end or new_len > 0)):
                    break
                if pos < cur_s + new_len:
                    got = o_e if side_end else o_s
                    break
                sh += new_len - (o_e - o_s)
                j += 1
            out.append(self.start + pos - sh if got is None else got)
        return out

    def _record_edit(self, o_s: int, o_e: int, removed_len: int, new_len: int) -> None:
        """Record that current text of length ``removed_len`` inside input span [o_s, o_e) became
        ``new_len`` characters. Earlier edits are either inside that span (absorbed) or disjoint,
        because :meth:`to_input` maps positions inside an edit to its boundaries."""
        inside = [e for e in self._edits if o_s <= e[0] and e[1] <= o_e and not (e[0] == e[1] and e[0] in (o_s, o_e))]
        cur_len = (o_e - o_s) + sum(n - (e - s) for s, e, n in inside)
        rest = [e for e in self._edits if e not in inside]
        rest.append((o_s, o_e, cur_len - removed_len + new_len))
        rest.sort()
        self._edits = rest

    def __repr__(self) -> str:
        return f"Block({self.index}, {self.status}, {self.text[:40]!r})"


@dataclasses.dataclass
class Document:
    """A document under cleaning: input text, metadata fields, blocks and the trace.

    Create one with :meth:`from_text`; filters then read :meth:`live` blocks and call
    :meth:`remove`, :meth:`move` and :meth:`edit`. Nothing is lost: every block that does not
    reach ``text`` is in ``removed`` with the rule that took it out.
    """

    id: str
    raw: str
    source: str | None = None
    title: str | None = None
    date: str | None = None
    author: str | None = None
    agency: str | None = None
    url: str | None = None
    lang: str | None = None
    captions: list[str] = dataclasses.field(default_factory=list)
    meta: dict[str, Any] = dataclasses.field(default_factory=dict)
    flags: list[str] = dataclasses.field(default_factory=list)
    blocks: list[Block] = dataclasses.field(default_factory=list)
    removed: list[Removal] = dataclasses.field(default_factory=list)
    fixes: list[Fix] = dataclasses.field(default_factory=list)
    #: Set by a filter that rejects the whole document (the reason); the document is still output.
    rejected: str | None = None
    #: False when the text has no title line (text extracted from HTML: the title comes from the
    #: page's metadata), so that ``header.v1`` never takes the first paragraph for the title.
    title_in_text: bool = True

    @classmethod
    def from_text(cls, raw: str, id: str = "", source: str | None = None, **fields: Any) -> Document:
        """Build a document and segment it into blocks (see :mod:`cleancorpus.segment`)."""
        from cleancorpus.segment import segment

        doc = cls(id=id, raw=raw, source=source, **fields)
        doc.blocks = segment(raw)
        return doc

    # -- reading -------------------------------------------------------------------------------
    def live(self) -> list[Block]:
        """The blocks still kept, in input order."""
        return [b for b in self.blocks if b.status == KEPT]

    def iter_live(self) -> Iterator[Block]:
        return (b for b in self.blocks if b.status == KEPT)

    # -- deciding ------------------------------------------------------------------------------
    def remove(self, block: Block, rule: str, kind: str, field: str | None = None) -> None:
        """Take a whole block out of the text, recording the rule and kind."""
        if block.status != KEPT:
            return
        block.status = REMOVED
        block.kind = kind
        block.rule = rule
        self.removed.append(Removal(rule, kind, block.start, block.end, block.text, field))

    def move(self, block: Block, field: str, rule: str, kind: str, value: str | None = None) -> None:
        """Move a block to a metadata field (``captions`` appends; other fields are set once)."""
        if block.status != KEPT:
            return
        self.fill(field, block.text.strip() if value is None else value)
        self.remove(block, rule, kind, field=field)

    def fill(self, field: str, text: str) -> None:
        """Put moved text into a field: ``captions`` appends, other fields are set once
        (``author`` collects further distinct names)."""
        if field == "captions":
            self.captions.append(text)
        elif getattr(self, field) in (None, ""):
            setattr(self, field, text)
        elif field == "author" and text not in str(self.author):
            self.author = f"{self.author}, {text}"

    def edit(self, block: Block, start: int, end: int, new: str, rule: str, *, kind: str | None = None,
             evidence: str | None = None, field: str | None = None, value: str | None = None) -> None:
        """Replace ``block.text[start:end]`` with ``new``, recording the change.

        With ``kind`` set, the change is recorded as a partial :class:`Removal` (a span of noise
        cut out of a block, such as a dateline prefix or an inline caption); otherwise as a
        :class:`Fix` (a repair of the text, such as a typo or a Unicode normalisation).
        With ``field`` (and ``kind``) set, the removed span is also moved to that field, as
        :meth:`move` does for whole blocks: ``value`` (default: the span, stripped) is appended to
        ``captions`` or fills ``author``, ``agency``, ...
        """
        old = block.text[start:end]
        if old == new:
            return
        o_s = block.to_input(start)
        o_e = block.to_input(end, side_end=True)
        if o_e < o_s:  # an empty span at a deletion point: cover the deleted text
            o_s, o_e = o_e, o_s
        if kind is None:
            self.fixes.append(Fix(rule, o_s, o_e, old, new, evidence))
        else:
            if field is not None:
                self.fill(field, old.strip() if value is None else value)
            self.removed.append(Removal(rule, kind, o_s, o_e, old, field))
        block._record_edit(o_s, o_e, end - start, len(new))
        block.text = block.text[:start] + new + block.text[end:]
        block.cache.clear()

    def edit_many(self, block: Block, spans: Iterable[tuple[int, int, str]], rule: str, *,
                  kind: str | None = None) -> None:
        """Apply many :meth:`edit` calls to one block at once: ``spans`` are ``(start, end, new)``
        in the current text, sorted and not overlapping. The records are those of calling
        :meth:`edit` for each span from the last to the first, but the cost is linear in the
        block length and the number of spans (a 10 MB line with a million runs of spaces)."""
        text = block.text
        todo = [(s, e, new) for s, e, new in spans if text[s:e] != new]
        if not todo:
            return
        mapped = self._map_batch(block, todo)
        if mapped is None:  # empty or input-overlapping spans: the general path
            for s, e, new in reversed(todo):
                self.edit(block, s, e, new, rule, kind=kind)
            return
        for (s, e, new), (o_s, o_e) in zip(todo, mapped, strict=True):
            if kind is None:
                self.fixes.append(Fix(rule, o_s, o_e, text[s:e], new))
            else:
                self.removed.append(Removal(rule, kind, o_s, o_e, text[s:e]))
        self._splice(block, todo, mapped)

    def edit_spans(self, block: Block, changes: Sequence[Change]) -> None:
        """Apply many :meth:`edit` calls to one block at once, each :class:`Change` with its own rule,
        kind, evidence, field and value.

        ``changes`` hold offsets in the block text as it is before the call, in reading order. The
        text, the records and the filled fields are exactly those of calling :meth:`edit` for each
        change in turn, first to last, with its offsets moved by the length difference of the
        changes before it (``start - shift``, ``end - shift``; ``shift += end - start - len(new)``).
        When the changes are non-empty, sorted, not overlapping and map to disjoint spans of the
        input, the cost is linear in the block length, its earlier edits and the changes (a 10 MB
        line with thousands of cuts); otherwise the calls are made one by one.
        """
        text = block.text
        n = len(text)
        ordered = all(0 <= c.start <= c.end <= n for c in changes) and all(
            a.end <= b.start for a, b in itertools.pairwise(changes))
        todo = [c for c in changes if text[c.start:c.end] != c.new] if ordered else list(changes)
        if not todo:
            return
        triples = [(c.start, c.end, c.new) for c in todo]
        mapped = self._map_batch(block, triples) if ordered else None
        if mapped is not None and len(todo) > 1 and _touches_insertion(block._edits, mapped):
            mapped = None
        if mapped is None:
            shift = 0
            for c in changes:
                self.edit(block, c.start - shift, c.end - shift, c.new, c.rule, kind=c.kind,
                          evidence=c.evidence, field=c.field, value=c.value)
                shift += c.end - c.start - len(c.new)
            return
        for c, (o_s, o_e) in zip(todo, mapped, strict=True):
            old = text[c.start:c.end]
            if c.kind is None:
                self.fixes.append(Fix(c.rule, o_s, o_e, old, c.new, c.evidence))
            else:
                if c.field is not None:
                    self.fill(c.field, old.strip() if c.value is None else c.value)
                self.removed.append(Removal(c.rule, c.kind, o_s, o_e, old, c.field))
        self._splice(block, triples, mapped)

    @staticmethod
    def _map_batch(block: Block, todo: list[tuple[int, int, str]]) -> list[tuple[int, int]] | None:
        """Input spans of sorted, non-empty ``(start, end, new)`` spans of the current text, as
        :meth:`edit` maps them; None when some span is empty or two map to overlapping input spans
        (then only one-by-one edits give the records of :meth:`edit`)."""
        positions: list[tuple[int, bool]] = []
        for s, e, _ in todo:
            positions.append((s, False))
            positions.append((e, True))
        mapped = block.to_input_many(positions)
        ok = all(s < e for s, e, _ in todo) and all(
            mapped[2 * i + 1] <= mapped[2 * i + 2] for i in range(len(todo) - 1))
        if not ok:
            return None
        out = []
        for i in range(len(todo)):
            o_s, o_e = mapped[2 * i], mapped[2 * i + 1]
            out.append((o_e, o_s) if o_e < o_s else (o_s, o_e))
        return out

    @staticmethod
    def _splice(block: Block, todo: list[tuple[int, int, str]], mapped: list[tuple[int, int]]) -> None:
        """Rewrite the block text and its edit list for spans checked by :meth:`_map_batch`, in one
        pass: an earlier edit inside a span's input range is absorbed, as :meth:`Block._record_edit`
        does one edit at a time."""
        text = block.text
        old_edits = block._edits
        starts = [e[0] for e in old_edits]
        absorbed: set[int] = set()
        new_edits: list[tuple[int, int, int]] = []
        pieces: list[str] = []
        prev = 0
        for (s, e, new), (o_s, o_e) in zip(todo, mapped, strict=True):
            cur_len = o_e - o_s
            j = bisect.bisect_left(starts, o_s)
            while j < len(old_edits) and old_edits[j][0] <= o_e:
                a, b, n = old_edits[j]
                if b <= o_e and not (a == b and a in (o_s, o_e)):
                    absorbed.add(j)
                    cur_len += n - (b - a)
                j += 1
            new_edits.append((o_s, o_e, cur_len - (e - s) + len(new)))
            pieces.append(text[prev:s])
            pieces.append(new)
            prev = e
        pieces.append(text[prev:])
        kept = [x for j, x in enumerate(old_edits) if j not in absorbed]
        block._edits = sorted(kept + new_edits)
        block.text = "".join(pieces)
        block.cache.clear()

    def set_text(self, block: Block, new: str, rule: str) -> None:
        """Replace the whole text of a block with a minimal recorded fix (common prefix/suffix kept)."""
        old = block.text
        if old == new:
            return
        p = 0
        limit = min(len(old), len(new))
        while p < limit and old[p] == new[p]:
            p += 1
        s = 0
        while s < limit - p and old[len(old) - 1 - s] == new[len(new) - 1 - s]:
            s += 1
        self.edit(block, p, len(old) - s, new[p:len(new) - s], rule)

    # -- output --------------------------------------------------------------------------------
    @property
    def text(self) -> str:
        """The clean text: kept blocks joined by a single newline."""
        return "\n".join(b.text for b in self.blocks if b.status == KEPT and b.text)

    def to_record(self, trace: bool = True) -> dict[str, Any]:
        """The output record (see README, "Output schema")."""
        rec: dict[str, Any] = {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "date": self.date,
            "author": self.author,
            "agency": self.agency,
            "text": self.text,
            "captions": list(self.captions),
        }
        if self.url is not None:
            rec["url"] = self.url
        if self.flags:
            rec["flags"] = list(self.flags)
        if self.rejected is not None:
            rec["rejected"] = self.rejected
        if trace:
            rec["removed"] = [r.as_dict() for r in sorted(self.removed, key=_span_key)]
            rec["fixes"] = [f.as_dict() for f in sorted(self.fixes, key=_span_key)]
        if self.lang is not None:
            rec["lang"] = self.lang
        if self.meta:
            rec["meta"] = self.meta
        return rec


def _touches_insertion(edits: list[tuple[int, int, int]], spans: list[tuple[int, int]]) -> bool:
    """True when an edit that inserted text at one input point (``start == end``) lies inside or at
    the border of one of ``spans``: :meth:`Block._record_edit` keeps such an edit apart when it is at
    a border, which shifts how the next span of a batch maps, so only one-by-one edits give the
    records of :meth:`Document.edit`."""
    starts = [e[0] for e in edits]
    for o_s, o_e in spans:
        j = bisect.bisect_left(starts, o_s)
        while j < len(edits) and edits[j][0] <= o_e:
            if edits[j][0] == edits[j][1]:
                return True
            j += 1
    return False


def _span_key(item: Removal | Fix) -> tuple[int, int]:
    return (item.start, item.end)
