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

import dataclasses
import itertools
import operator
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

#: Block status values.
KEPT = "kept"
REMOVED = "removed"


@dataclasses.dataclass(slots=True, unsafe_hash=True)
class Removal:
    """One removed span of the input: which rule removed it, as what kind of noise, and where.

    ``field`` names the output field the text was moved to (``captions``, ``author``, ...), or is
    ``None`` when the text was dropped.

    Records compare and hash by value. Treat them as immutable: they are not frozen only because a
    frozen dataclass is four times slower to create, and a document makes one per removed line.
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


@dataclasses.dataclass(slots=True, unsafe_hash=True)
class Fix:
    """One in-place change of text: rule, span of the input it covers, text before and after.

    Compares and hashes by value; treat it as immutable (see :class:`Removal`)."""

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
        # Edits applied to this block, as (orig_start, orig_end, new_length): input span and the
        # length of the current text made of it, in the order of the current text (hence of the
        # input), not overlapping: enough to map current offsets back to the input.
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

    def _record_edit(self, start: int, end: int, o_s: int, o_e: int, new_len: int) -> None:
        """Record that the current text ``[start, end)``, which maps to the input span ``[o_s, o_e)``,
        became ``new_len`` characters. The earlier edits that the change overlaps in the current text
        (see :func:`_side`) are absorbed: the new edit covers their text, including the part of it
        outside ``[start, end)``, and their input spans, which ``[o_s, o_e)`` already covers because
        :meth:`to_input` maps positions inside an edit to its boundaries."""
        edits = self._edits
        i, j, _, lo, hi = _overlapped(edits, 0, -self.start, start, end)
        edits[i:j] = [(o_s, o_e, hi - lo - (end - start) + new_len)]

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
    #: Memo of :meth:`live`: the ``blocks`` list it was computed from and the kept blocks, dropped
    #: by every removal.
    _live: tuple[list[Block], list[Block]] | None = dataclasses.field(
        default=None, init=False, repr=False, compare=False)
    #: ``(i, n)`` pairs, ``i`` increasing: the removal record ``removed[i]`` spans ``n`` characters of
    #: the input that earlier removal records had already taken out (a span cut out of a line, then
    #: the whole line removed). Counters subtract them (:meth:`removed_chars`), so that a character
    #: is counted once, for the first record that removed it; the records themselves keep their spans.
    recounted: list[tuple[int, int]] = dataclasses.field(
        default_factory=list, init=False, repr=False, compare=False)
    #: Blocks moved whole into a field as their own (stripped) text, by :meth:`move` without a
    #: ``value`` (title and caption lines), with the field: text that :meth:`repair` may still fix.
    _moved: dict[Block, str] = dataclasses.field(default_factory=dict, init=False, repr=False, compare=False)
    #: Input spans cut out of each block by partial removals (sorted, disjoint), for ``recounted``;
    #: None until the first cut.
    _cuts: dict[Block, list[tuple[int, int]]] | None = dataclasses.field(
        default=None, init=False, repr=False, compare=False)

    @classmethod
    def from_text(cls, raw: str, id: str = "", source: str | None = None, **fields: Any) -> Document:
        """Build a document and segment it into blocks (see :mod:`cleancorpus.segment`)."""
        from cleancorpus.segment import segment

        doc = cls(id=id, raw=raw, source=source, **fields)
        doc.blocks = segment(raw)
        return doc

    # -- reading -------------------------------------------------------------------------------
    def live(self) -> list[Block]:
        """The blocks still kept, in input order (a new list, which the caller may change).

        Memoised until the next :meth:`remove`, :meth:`move` or :meth:`remove_many` (or a new
        ``blocks`` list): filters ask for it several times per document, and edits do not change it.
        Change ``Block.status`` only through those methods."""
        memo = self._live
        if memo is None or memo[0] is not self.blocks:
            memo = self._live = (self.blocks, [b for b in self.blocks if b.status == KEPT])
        return memo[1][:]

    def iter_live(self) -> Iterator[Block]:
        return (b for b in self.blocks if b.status == KEPT)

    # -- deciding ------------------------------------------------------------------------------
    def remove(self, block: Block, rule: str, kind: str, field: str | None = None) -> None:
        """Take a whole block out of the text, recording the rule and kind."""
        if block.status != KEPT:
            return
        if self._cuts is not None and block in self._cuts:
            self._recount_block(block)
        block.status = REMOVED
        block.kind = kind
        block.rule = rule
        self._live = None
        self.removed.append(Removal(rule, kind, block.start, block.end, block.text, field))

    def remove_many(self, blocks: Iterable[Block], rule: str, kind: str) -> None:
        """:meth:`remove` for each block, in the order given, with the same rule and kind (a run of
        lines a filter takes together): blocks already removed are skipped."""
        for block in blocks:
            self.remove(block, rule, kind)

    def move(self, block: Block, field: str, rule: str, kind: str, value: str | None = None) -> None:
        """Move a block to a metadata field (``captions`` appends; other fields are set once)."""
        if block.status != KEPT:
            return
        self.fill(field, block.text.strip() if value is None else value)
        self.remove(block, rule, kind, field=field)
        if value is None:
            self._moved[block] = field

    def repairable(self) -> list[Block]:
        """The blocks whose text reaches the output, in input order: the kept blocks and those moved
        whole into a field as their own text (the title line, caption lines). What a filter that
        repairs text (typos) reads and passes to :meth:`repair`."""
        moved = self._moved
        if not moved:
            return self.live()
        return [b for b in self.blocks if b.status == KEPT or b in moved]

    def repair(self, block: Block, changes: Sequence[Change]) -> None:
        """:meth:`edit_spans` with repairs only (changes without ``kind``), for a block of
        :meth:`repairable`. A kept block is edited as :meth:`edit_spans` does. A block moved whole
        into a field is repaired the same way (its fixes recorded with their input offsets), and the
        field takes the repaired text, when the field still holds the block's text (a title set
        from elsewhere is not the line's, and the line is then left alone). Other blocks are left
        alone."""
        if any(c.kind is not None for c in changes):
            raise ValueError("Document.repair: changes with a kind are cuts, not repairs (use edit_spans)")
        if block.status == KEPT:
            self._edit_spans(block, changes)
            return
        field = self._moved.get(block)
        if field is None:
            return
        old = block.text.strip()
        if field == "captions":
            if old not in self.captions:
                return
        elif getattr(self, field) != old:
            return
        self._edit_spans(block, changes)
        new = block.text.strip()
        if field == "captions":
            self.captions[self.captions.index(old)] = new
        else:
            setattr(self, field, new)

    def fill(self, field: str, text: str) -> None:
        """Put moved text into a field: ``captions`` appends, other fields are set once
        (``author`` collects further distinct names)."""
        if field == "captions":
            self.captions.append(text)
        elif getattr(self, field) in (None, ""):
            setattr(self, field, text)
        elif field == "author":
            # name by name: "A, B" after "A" adds only B
            new = [n for n in (x.strip() for x in text.split(",")) if n and n not in str(self.author)]
            if new:
                self.author = ", ".join([str(self.author), *new])

    def edit(self, block: Block, start: int, end: int, new: str, rule: str, *, kind: str | None = None,
             evidence: str | None = None, field: str | None = None, value: str | None = None) -> None:
        """Replace ``block.text[start:end]`` with ``new``, recording the change.

        With ``kind`` set, the change is recorded as a partial :class:`Removal` (a span of noise
        cut out of a block, such as a dateline prefix or an inline caption); otherwise as a
        :class:`Fix` (a repair of the text, such as a typo or a Unicode normalisation).
        With ``field`` (and ``kind``) set, the removed span is also moved to that field, as
        :meth:`move` does for whole blocks: ``value`` (default: the span, stripped) is appended to
        ``captions`` or fills ``author``, ``agency``, ...

        A block that is no longer kept is left alone, as :meth:`remove` and :meth:`move` leave it
        (the same holds for :meth:`edit_many` and :meth:`edit_spans`): its text is not in the output,
        so a change to it would be a record of nothing. :meth:`repair` repairs a line moved whole
        into a field.
        """
        if block.status == KEPT:
            self._edit(block, start, end, new, rule, kind=kind, evidence=evidence, field=field, value=value)

    def _edit(self, block: Block, start: int, end: int, new: str, rule: str, *, kind: str | None = None,
              evidence: str | None = None, field: str | None = None, value: str | None = None) -> None:
        """:meth:`edit`, whatever the block's status."""
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
            self._cut(block, [(o_s, o_e)])
            self.removed.append(Removal(rule, kind, o_s, o_e, old, field))
        block._record_edit(start, end, o_s, o_e, len(new))
        block.text = block.text[:start] + new + block.text[end:]
        block.cache.clear()

    def edit_many(self, block: Block, spans: Iterable[tuple[int, int, str]], rule: str, *,
                  kind: str | None = None) -> None:
        """Apply many :meth:`edit` calls to one block at once: ``spans`` are ``(start, end, new)``
        in the current text, sorted and not overlapping. The records are those of calling
        :meth:`edit` for each span from the last to the first, but the cost is linear in the
        block length and the number of spans (a 10 MB line with a million runs of spaces)."""
        if block.status != KEPT:
            return
        text = block.text
        todo = [(s, e, new) for s, e, new in spans if text[s:e] != new]
        if not todo:
            return
        plan = self._plan_batch(block, todo)
        if plan is None:  # empty spans, or spans sharing an earlier edit: the general path
            for s, e, new in reversed(todo):
                self.edit(block, s, e, new, rule, kind=kind)
            return
        mapped, edits = plan
        if kind is not None:
            self._cut(block, mapped)
        for (s, e, new), (o_s, o_e) in zip(todo, mapped, strict=True):
            if kind is None:
                self.fixes.append(Fix(rule, o_s, o_e, text[s:e], new))
            else:
                self.removed.append(Removal(rule, kind, o_s, o_e, text[s:e]))
        self._splice(block, todo, edits)

    def edit_spans(self, block: Block, changes: Sequence[Change]) -> None:
        """Apply many :meth:`edit` calls to one block at once, each :class:`Change` with its own rule,
        kind, evidence, field and value.

        ``changes`` hold offsets in the block text as it is before the call, in reading order. The
        text, the records and the filled fields are exactly those of calling :meth:`edit` for each
        change in turn, first to last, with its offsets moved by the length difference of the
        changes before it (``start - shift``, ``end - shift``; ``shift += end - start - len(new)``).
        When the changes are non-empty, sorted, not overlapping and no earlier edit of the block
        lies under two of them, the cost is linear in the block length, its earlier edits and the
        changes (a 10 MB line with thousands of cuts); otherwise the calls are made one by one.
        """
        if block.status == KEPT:
            self._edit_spans(block, changes)

    def _edit_spans(self, block: Block, changes: Sequence[Change]) -> None:
        """:meth:`edit_spans`, whatever the block's status."""
        text = block.text
        n = len(text)
        ordered = all(0 <= c.start <= c.end <= n for c in changes) and all(
            a.end <= b.start for a, b in itertools.pairwise(changes))
        todo = [c for c in changes if text[c.start:c.end] != c.new] if ordered else list(changes)
        if not todo:
            return
        triples = [(c.start, c.end, c.new) for c in todo]
        plan = self._plan_batch(block, triples) if ordered else None
        if plan is None:
            shift = 0
            for c in changes:
                self._edit(block, c.start - shift, c.end - shift, c.new, c.rule, kind=c.kind,
                           evidence=c.evidence, field=c.field, value=c.value)
                shift += c.end - c.start - len(c.new)
            return
        mapped, edits = plan
        self._cut(block, [span for c, span in zip(todo, mapped, strict=True) if c.kind is not None])
        for c, (o_s, o_e) in zip(todo, mapped, strict=True):
            old = text[c.start:c.end]
            if c.kind is None:
                self.fixes.append(Fix(c.rule, o_s, o_e, old, c.new, c.evidence))
            else:
                if c.field is not None:
                    self.fill(c.field, old.strip() if c.value is None else c.value)
                self.removed.append(Removal(c.rule, c.kind, o_s, o_e, old, c.field))
        self._splice(block, triples, edits)

    @staticmethod
    def _plan_batch(block: Block, todo: list[tuple[int, int, str]]
                    ) -> tuple[list[tuple[int, int]], list[tuple[int, int, int]]] | None:
        """The input spans of sorted, non-empty ``(start, end, new)`` spans of the current text, as
        :meth:`edit` maps them, and the edit list of the block after them, as
        :meth:`Block._record_edit` makes it one span at a time; in one sweep over the earlier edits.

        None when a span is empty, or when two spans overlap one earlier edit (an insertion that both
        cut into, or a replacement, whose input span both then share): the first change then absorbs
        the whole of it, which moves where the next one maps, so only one-by-one edits give the
        records of :meth:`edit`."""
        if not all(s < e for s, e, _ in todo):
            return None
        positions: list[tuple[int, bool]] = []
        for s, e, _ in todo:
            positions.append((s, False))
            positions.append((e, True))
        ends = block.to_input_many(positions)
        mapped = [(ends[2 * i], ends[2 * i + 1]) for i in range(len(todo))]
        edits = block._edits
        out: list[tuple[int, int, int]] = []
        delta = -block.start  # current offset - input offset, before edits[k]
        k = 0
        for i, ((s, e, new), (o_s, o_e)) in enumerate(zip(todo, mapped, strict=True)):
            first, after, delta, lo, hi = _overlapped(edits, k, delta, s, e)
            out.extend(edits[k:first])
            k = after
            if i + 1 < len(todo) and hi > todo[i + 1][0]:
                return None
            out.append((o_s, o_e, hi - lo - (e - s) + len(new)))
        out.extend(edits[k:])
        return mapped, out

    @staticmethod
    def _splice(block: Block, todo: list[tuple[int, int, str]], edits: list[tuple[int, int, int]]) -> None:
        """Rewrite the block text for spans planned by :meth:`_plan_batch`, in one pass, and set its
        edit list."""
        text = block.text
        pieces: list[str] = []
        prev = 0
        for s, e, new in todo:
            pieces.append(text[prev:s])
            pieces.append(new)
            prev = e
        pieces.append(text[prev:])
        block._edits = edits
        block.text = "".join(pieces)
        block.cache.clear()

    def _cut(self, block: Block, spans: list[tuple[int, int]]) -> None:
        """Note that the next removal records cut the input spans ``spans`` (sorted by start) out of
        ``block``, one record each, recounting what earlier records had already removed of them
        (:attr:`recounted`). Linear in the spans and the block's earlier cuts."""
        if not spans:
            return
        first = len(self.removed)
        if self._cuts is None:
            self._cuts = {}
        self._cuts[block], seen = absorb_spans(self._cuts.get(block, ()), spans)
        self.recounted.extend((first + k, n) for k, n in enumerate(seen) if n)

    def _recount_block(self, block: Block) -> None:
        """Before a whole-block removal record: recount the spans cut out of the block earlier."""
        assert self._cuts is not None
        seen = sum(e - s for s, e in self._cuts.pop(block))
        if seen:
            self.recounted.append((len(self.removed), seen))

    def removed_chars(self, since: int = 0) -> int:
        """Characters of the input that the removal records from ``removed[since]`` on took out of
        the text, each counted once: the records' spans, less the characters that earlier records
        had already removed (:attr:`recounted`)."""
        n = sum(r.end - r.start for r in self.removed[since:])
        for i, seen in reversed(self.recounted):
            if i < since:
                break
            n -= seen
        return n

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
        return "\n".join([b.text for b in self.blocks if b.status == KEPT and b.text])

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
            rec["removed"] = [r.as_dict() for r in sorted(self.removed, key=_SPAN)]
            rec["fixes"] = [f.as_dict() for f in sorted(self.fixes, key=_SPAN)]
        if self.lang is not None:
            rec["lang"] = self.lang
        if self.meta:
            rec["meta"] = self.meta
        return rec


def absorb_spans(covered: Sequence[tuple[int, int]], spans: Iterable[tuple[int, int]]
                 ) -> tuple[list[tuple[int, int]], list[int]]:
    """Merge ``spans`` (sorted by start) into ``covered`` (sorted, disjoint): the merged spans, sorted,
    disjoint, touching ones joined, and for each of ``spans`` how many of its characters ``covered``
    or the spans before it already held (an empty span holds none and is not merged). Linear in both:
    the character accounting of cuts (:attr:`Document.recounted`) and of evaluation reports."""
    merged: list[tuple[int, int]] = []
    seen_by_span: list[int] = []
    j, n = 0, len(covered)
    for a, b in spans:
        seen = 0
        if b > a:
            while j < n and covered[j][1] < a:
                merged.append(covered[j])
                j += 1
            lo, hi = a, b
            if merged and merged[-1][1] >= a:  # an earlier span (of this call, or joined) reaches a
                s, e = merged.pop()
                seen += max(0, min(e, b) - max(s, a))
                lo, hi = min(lo, s), max(hi, e)
            while j < n and covered[j][0] <= b:
                s, e = covered[j]
                seen += max(0, min(e, b) - max(s, a))
                lo, hi = min(lo, s), max(hi, e)
                j += 1
            merged.append((lo, hi))
        seen_by_span.append(seen)
    merged.extend(covered[j:])
    return merged, seen_by_span


def _overlapped(edits: list[tuple[int, int, int]], k: int, delta: int, start: int, end: int
                ) -> tuple[int, int, int, int, int]:
    """The earlier edits a change of the current text ``[start, end)`` absorbs, from ``edits[k]`` on
    (``delta``: current offset minus input offset before ``edits[k]``), see :func:`_side`.

    Returns ``(first, after, delta, lo, hi)``: ``edits[k:first]`` lie before the change,
    ``edits[first:after]`` are absorbed by it, ``delta`` is the offset difference before
    ``edits[after]``, and ``[lo, hi)`` is the current text the change and the absorbed edits cover."""
    n = len(edits)
    while k < n:
        a, b, m = edits[k]
        if _side(a + delta, m, start, end) >= 0:
            break
        delta += m - (b - a)
        k += 1
    first = k
    lo, hi = start, end
    while k < n:
        a, b, m = edits[k]
        c = a + delta
        if _side(c, m, start, end) > 0:
            break
        lo, hi = min(lo, c), max(hi, c + m)
        delta += m - (b - a)
        k += 1
    return first, k, delta, lo, hi


def _side(c: int, m: int, start: int, end: int) -> int:
    """Where an earlier edit, now the current text ``[c, c + m)``, lies relative to a change of the
    current text ``[start, end)``: -1 before it, 1 after it, 0 overlapped (absorbed by the change).

    A text an edit made (``m > 0``) is overlapped when it shares a character with the change, or,
    for an insertion (``start == end``), when the insertion point is strictly inside it. A deletion
    (``m == 0``) is overlapped when it lies strictly inside the change, or at an insertion point:
    :meth:`Block.to_input` maps a span start at a deletion point after the deleted text and a span
    end before it."""
    if c + m < start or (c + m == start and (m > 0 or start < end)):
        return -1
    if c > end or (c == end and (m > 0 or start < end)):
        return 1
    return 0


#: Sort key of records: ``(start, end)``.
_SPAN = operator.attrgetter("start", "end")
