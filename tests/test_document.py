"""The document model: segmentation offsets, edit offset mapping, records."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from cleancorpus.document import Change, Document
from cleancorpus.segment import segment


def test_segment_offsets_and_gaps() -> None:
    raw = "a\r\n\nb c\n\u00a0\nd"
    blocks = segment(raw)
    assert [raw[b.start:b.end] for b in blocks] == ["a", "b c", "\u00a0", "d"]
    assert [b.gap_before for b in blocks] == [True, True, False, False]


@pytest.mark.parametrize(
    "edits,expected_text,expected_spans",
    [
        # (start, end, new) applied in order to the current text of "0123456789"
        ([(2, 4, "")], "01456789", [(2, 4)]),
        ([(2, 4, ""), (2, 4, "X")], "01X6789", [(2, 4), (4, 6)]),
        ([(0, 1, "AB"), (3, 4, "")], "AB13456789", [(0, 1), (2, 3)]),
        ([(2, 4, ""), (2, 2, "X")], "01X456789", [(2, 4), (2, 4)]),
        ([(5, 5, "++"), (0, 10 + 2, "z")], "z", [(5, 5), (0, 10)]),
    ],
)
def test_edit_offsets_map_to_input(edits, expected_text, expected_spans) -> None:
    doc = Document.from_text("0123456789", id="t")
    b = doc.blocks[0]
    for s, e, new in edits:
        doc.edit(b, s, e, new, "r")
    assert b.text == expected_text
    assert [(f.start, f.end) for f in doc.fixes] == expected_spans


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30), st.text(max_size=3)), max_size=8))
def test_edit_offsets_stay_inside_the_block(ops) -> None:
    raw = "abcdefghijklmnopqrstuvwxyz0123"
    doc = Document.from_text(raw, id="t")
    b = doc.blocks[0]
    for s, e, new in ops:
        s, e = sorted((min(s, len(b.text)), min(e, len(b.text))))
        doc.edit(b, s, e, new, "r")
    for f in doc.fixes:
        assert 0 <= f.start <= f.end <= len(raw)


def test_remove_and_move_record_the_trace() -> None:
    doc = Document.from_text("Tiêu đề\nThân bài.\nẢnh: A", id="t")
    title, _body, cap = doc.blocks
    doc.move(title, "title", "h", "title")
    doc.move(cap, "captions", "c", "caption")
    doc.remove(cap, "again", "x")  # removing twice records once
    rec = doc.to_record()
    assert rec["title"] == "Tiêu đề" and rec["captions"] == ["Ảnh: A"] and rec["text"] == "Thân bài."
    assert [(r["rule"], r["field"]) for r in rec["removed"]] == [("h", "title"), ("c", "captions")]
    assert rec["removed"][1]["start"] == doc.raw.index("Ảnh")



@pytest.mark.parametrize("change", [
    lambda doc, b: doc.edit(b, 0, 3, "X", "r"),
    lambda doc, b: doc.edit(b, 0, 3, "", "r", kind="inline", field="captions"),
    lambda doc, b: doc.edit_many(b, [(0, 1, ""), (4, 5, "_")], "r"),
    lambda doc, b: doc.edit_spans(b, [Change(0, 3, "", "r", kind="inline"), Change(4, 5, "Y", "r")]),
    lambda doc, b: doc.set_text(b, "khác hẳn", "r"),
], ids=["edit", "edit-cut-to-field", "edit_many", "edit_spans", "set_text"])
def test_changes_to_a_removed_block_are_ignored(change) -> None:
    doc = Document.from_text("Thân bài một.\nDòng rác ở đây.", id="t")
    body, junk = doc.blocks
    doc.remove(junk, "x", "related")
    before = doc.to_record()
    change(doc, junk)
    assert doc.to_record() == before and junk.text == "Dòng rác ở đây." and not doc.fixes
    change(doc, body)  # the same change on a kept block is made
    assert doc.to_record() != before


def _moved_doc() -> tuple[Document, list[Any]]:
    doc = Document.from_text("Tieu de\nThân bài có lôi.\n  Anh chup  \nAnh chup\nDòng rác.", id="t")
    title, body, cap1, cap2, junk = doc.blocks
    doc.move(title, "title", "h", "title")
    doc.move(cap1, "captions", "c", "caption")
    doc.move(cap2, "captions", "c", "caption")
    doc.remove(junk, "r", "related")
    return doc, [title, body, cap1, cap2, junk]


def test_repairable_blocks_are_kept_and_moved_lines_in_input_order() -> None:
    doc, (title, body, cap1, cap2, _junk) = _moved_doc()
    assert doc.repairable() == [title, body, cap1, cap2]
    doc2 = Document.from_text("một\nhai", id="u")
    assert doc2.repairable() == doc2.live()


@pytest.mark.parametrize(("which", "change", "field", "expected", "fix_span"), [
    # a kept line: as edit_spans
    (1, Change(12, 15, "lỗi", "fix"), "text", "Thân bài có lỗi.", (20, 23)),
    # the moved title line: the field follows, the fix has the line's input offsets
    (0, Change(0, 4, "Tiêu", "fix"), "title", "Tiêu de", (0, 4)),
    # two equal caption lines: each repair takes one entry (the first of the line's own text)
    (2, Change(2, 5, "Ảnh", "fix"), "captions", ["Ảnh chup", "Anh chup"], (27, 30)),
    (3, Change(0, 3, "Ảnh", "fix"), "captions", ["Ảnh chup", "Anh chup"], (38, 41)),
    # a line removed, not moved: left alone
    (4, Change(0, 4, "Dong", "fix"), None, None, None),
])
def test_repair_edits_kept_and_moved_lines(which, change, field, expected, fix_span) -> None:
    doc, blocks = _moved_doc()
    before = doc.to_record()
    doc.repair(blocks[which], [change])
    rec = doc.to_record()
    if field is None:
        assert rec == before
        return
    assert rec[field] == expected
    assert [(f["start"], f["end"]) for f in rec["fixes"]] == [fix_span]
    assert doc.raw[fix_span[0]:fix_span[1]] == rec["fixes"][0]["before"]
    assert rec["removed"] == before["removed"]  # a moved line's record keeps the text it was moved with


def test_repair_leaves_a_moved_line_alone_when_the_field_is_not_its_text() -> None:
    doc = Document.from_text("Tieu de\nThân bài.", id="t", title="Tiêu đề từ siêu dữ liệu")
    line = doc.blocks[0]
    doc.move(line, "title", "h", "title")  # the title was set already: the line is dropped
    doc.repair(line, [Change(0, 4, "Tiêu", "fix")])
    assert doc.title == "Tiêu đề từ siêu dữ liệu" and not doc.fixes and line.text == "Tieu de"


def test_repair_refuses_cuts() -> None:
    doc = Document.from_text("một hai", id="t")
    with pytest.raises(ValueError, match="cuts"):
        doc.repair(doc.blocks[0], [Change(0, 3, "", "cut", kind="inline")])

def _spans(draw_list: list[tuple[int, int, str]], length: int) -> list[tuple[int, int, str]]:
    """Sorted, non-overlapping spans inside ``length`` from raw (start, width, new) triples."""
    out = []
    pos = 0
    for gap, width, new in draw_list:
        s = pos + gap
        e = s + width
        if e > length:
            break
        out.append((s, e, new))
        pos = e
    return out


_RAW = "abcdefghijklmnopqrstuvwxyz0123"


def _twins_after(prior: list[tuple[Any, ...]]) -> list[Document]:
    """Two documents of the one line ``_RAW``, each given the same earlier edits ``(start, end, new)``
    or ``(start, end, new, cut)`` (offsets clipped to the line; ``cut``: a removal, not a fix)."""
    docs = [Document.from_text(_RAW, id="t") for _ in range(2)]
    for doc in docs:
        b = doc.blocks[0]
        for s, e, new, *cut in prior:
            s, e = sorted((min(s, len(b.text)), min(e, len(b.text))))
            doc.edit(b, s, e, new, "prior", kind="x" if cut and cut[0] else None)
    return docs


def _edit_one_by_one(doc: Document, changes: list[Change]) -> None:
    """What :meth:`Document.edit_spans` must amount to: one :meth:`Document.edit` per change, first
    to last, each moved by the length changes before it."""
    shift = 0
    for c in changes:
        doc.edit(doc.blocks[0], c.start - shift, c.end - shift, c.new, c.rule, kind=c.kind,
                 evidence=c.evidence, field=c.field, value=c.value)
        shift += c.end - c.start - len(c.new)


@given(
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30), st.text("xy", max_size=3)), max_size=5),
    st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4), st.text("XY", max_size=3)), max_size=8),
    st.booleans(),
)
def test_edit_many_equals_edits_from_last_to_first(prior, batch, as_removal) -> None:
    docs = _twins_after(prior)
    spans = _spans(batch, len(docs[0].blocks[0].text))
    kind = "markup" if as_removal else None
    one, many = docs
    for s, e, new in reversed(spans):
        one.edit(one.blocks[0], s, e, new, "r", kind=kind)
    many.edit_many(many.blocks[0], spans, "r", kind=kind)
    assert many.blocks[0].text == one.blocks[0].text
    assert many.blocks[0]._edits == one.blocks[0]._edits
    assert sorted(many.fixes, key=repr) == sorted(one.fixes, key=repr)
    assert sorted(many.removed, key=repr) == sorted(one.removed, key=repr)


def _cpu_ratio(prepare: Callable[[int], Callable[[], None]], n: int) -> float:
    """CPU time of the call ``prepare(10 * n)`` returns over the best of three calls for ``n``:
    about 10 for linear code, about 100 for quadratic code. Process time, without the garbage
    collector, and a ratio rather than a time limit, so that a loaded machine does not fail it."""
    import gc
    import time

    def cpu(k: int) -> float:
        call = prepare(k)
        gc.disable()
        try:
            t0 = time.process_time()
            call()
            return time.process_time() - t0
        finally:
            gc.enable()

    small = min(cpu(n) for _ in range(3))
    return cpu(10 * n) / max(small, 1e-6)


def test_edit_many_is_linear_on_a_huge_line() -> None:
    def prepare(k: int) -> Callable[[], None]:
        raw = "từ  " * k  # k runs of two spaces
        doc = Document.from_text(raw, id="t")
        spans = [(m, m + 2, " ") for m in range(2, len(raw), 4)]

        def call() -> None:
            doc.edit_many(doc.blocks[0], spans, "r")
            assert doc.blocks[0].text == "từ " * k and len(doc.fixes) == k
        return call

    assert _cpu_ratio(prepare, 20_000) < 30  # 200,000 runs in 800,000 characters


_KINDS = st.sampled_from([None, "caption", "author"])
_FIELDS = st.sampled_from([None, "captions", "author", "agency"])
_CHANGE = st.tuples(st.integers(0, 4), st.integers(0, 4), st.text("XY ", max_size=3), st.sampled_from(["a", "b"]),
                    _KINDS, st.sampled_from([None, "ev"]), _FIELDS, st.sampled_from([None, "V"]))


def _changes(draws: list[tuple], length: int, ordered: bool) -> list[Change]:
    """Changes from raw draws: sorted and non-overlapping inside ``length`` when ``ordered``,
    else anywhere (overlapping, unsorted, past the end)."""
    out = []
    pos = 0
    for gap, width, new, rule, kind, evidence, field, value in draws:
        if ordered:
            s = pos + gap
            e = s + width
            if e > length:
                break
            pos = e
        else:
            s, e = gap * 3, gap * 3 + width
        out.append(Change(s, e, new, rule, kind=kind, evidence=evidence,
                          field=field if kind is not None else None, value=value))
    return out


def _state(doc: Document) -> tuple:
    b = doc.blocks[0]
    return (b.text, b._edits, doc.fixes, doc.removed, doc.captions, doc.author, doc.agency)


@given(
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30), st.text("xy", max_size=3)), max_size=5),
    st.lists(_CHANGE, max_size=8),
    st.booleans(),
)
def test_edit_spans_equals_edits_in_reading_order(prior, draws, ordered) -> None:
    """A batch gives the text, the edit list, the records (in order) and the fields of one
    :meth:`Document.edit` per change, first to last, each moved by the changes before it."""
    docs = _twins_after(prior)
    changes = _changes(draws, len(docs[0].blocks[0].text), ordered)
    one, many = docs
    _edit_one_by_one(one, changes)
    many.edit_spans(many.blocks[0], changes)
    assert _state(many) == _state(one)


@pytest.mark.parametrize(
    "changes,expected_text,expected",
    [
        # cuts with their own rules, kinds and fields, as inline.v1 makes them
        ([Change(2, 4, "", "r/caption", kind="caption", field="captions", value="CAP"),
          Change(6, 8, "", "r/credit", kind="caption")],
         "014589", [("r/caption", 2, 4, "captions"), ("r/credit", 6, 8, None)]),
        # a fix with evidence next to a removal
        ([Change(0, 1, "A", "r/fix", evidence="why"), Change(1, 3, "", "r/cut", kind="ui")],
         "A3456789", [("r/cut", 1, 3, None)]),
        # overlapping changes are applied one by one, each moved by the ones before it: the second
        # cut lands at 0..4 of "016789"
        ([Change(2, 6, "", "r/a", kind="x"), Change(4, 8, "", "r/b", kind="x")],
         "89", [("r/a", 2, 6, None), ("r/b", 0, 8, None)]),
    ],
)
def test_edit_spans_records(changes, expected_text, expected) -> None:
    doc = Document.from_text("0123456789", id="t")
    doc.edit_spans(doc.blocks[0], changes)
    assert doc.blocks[0].text == expected_text
    assert doc.captions == [c.value for c in changes if c.field == "captions"]
    assert [(r.rule, r.start, r.end, r.field) for r in doc.removed] == expected


def test_edit_spans_is_linear_on_a_huge_line() -> None:
    def prepare(k: int) -> Callable[[], None]:
        raw = "Câu văn. Ảnh: X. " * k  # k cuts, after k earlier edits
        doc = Document.from_text(raw, id="t")
        doc.edit_many(doc.blocks[0], [(m, m + 1, "") for m in range(8, len(raw), 17)], "space")
        changes = [Change(m, m + 8, "", "r", kind="caption", field="captions") for m in range(8, 16 * k, 16)]

        def call() -> None:
            doc.edit_spans(doc.blocks[0], changes)
            assert doc.blocks[0].text == "Câu văn." * k and len(doc.captions) == k
            assert (doc.removed[-1].start, doc.removed[-1].end) == (len(raw) - 8, len(raw))  # past the removed space
        return call

    assert _cpu_ratio(prepare, 10_000) < 30  # 100,000 cuts in 1.7 million characters


@pytest.mark.parametrize(
    "lines,literals,expected",
    [
        ([" a", " b", "c "], ("\n ",), [0, 1]),
        ([" a", " b", "c "], (" \n",), [2]),
        (["a", "", "b", ""], ("\n\n",), [1, 3]),
        (["a  b", "c", "d  e"], ("  ",), [0, 2]),
        (["x", "y"], ("  ", "\n "), []),
    ],
)
def test_blocks_matching_finds_every_block(lines, literals, expected) -> None:
    from cleancorpus.document import Block
    from cleancorpus.segment import blocks_matching

    blocks = [Block(i, 0, 0, t, False) for i, t in enumerate(lines)]
    assert [b.index for b in blocks_matching(blocks, None, literals)] == expected


@given(st.lists(st.text(" \u00a0ab\t", max_size=6), min_size=1, max_size=8))
def test_blocks_matching_equals_a_per_block_check(lines) -> None:
    import re

    from cleancorpus.document import Block
    from cleancorpus.segment import blocks_matching, nonprintable_blocks

    blocks = [Block(i, 0, 0, t, False) for i, t in enumerate(lines)]
    lits = ("  ", " \n", "\n ", "\n\n")
    got = [b.index for b in blocks_matching(blocks, re.compile("b"), lits)]
    want = [b.index for b in blocks if "b" in b.text or "  " in b.text or b.text[:1] == " " or b.text[-1:] == " "
            or not b.text]
    assert got == want
    assert [b.index for b in nonprintable_blocks(blocks)] == [b.index for b in blocks if not b.text.isprintable()]


def test_prechecks_cover_what_the_filters_repair() -> None:
    """unicode.v1 and whitespace.v1 skip printable lines: everything they remove must be non-printable."""
    from cleancorpus.filters import unicode as uni
    from cleancorpus.filters import whitespace as ws

    for c in map(chr, range(0x3001)):
        if uni._INVISIBLE.fullmatch(c) or uni._CONTROL.fullmatch(c) or (c.isspace() and c not in " \n"):
            assert not c.isprintable(), repr(c)
        if ws._ODD_SPACE.fullmatch(c) and c != "\n":
            assert not c.isprintable(), repr(c)
    for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e":
        assert not c.isprintable(), repr(c)


class _Model:
    """An independent model of a block under edits: its text as a list of pieces that tile the
    input span of the block, each ``[a, b, text, edited]`` (an unedited character of the input, or
    the text that edits made of the input span ``[a, b)``, possibly empty). An edit takes the
    pieces it overlaps and replaces them by one piece covering their input spans."""

    def __init__(self, raw: str, start: int = 0) -> None:
        self.start, self.end = start, start + len(raw)
        self.pieces: list[list] = [[start + i, start + i + 1, c, False] for i, c in enumerate(raw)]

    @property
    def text(self) -> str:
        return "".join(p[2] for p in self.pieces)

    def _ranges(self) -> list[tuple[int, int]]:
        out, c = [], 0
        for p in self.pieces:
            out.append((c, c + len(p[2])))
            c += len(p[2])
        return out

    def start_of(self, pos: int) -> int:
        """Input offset of a span starting at ``pos``: where the first piece reaching past it starts."""
        return next((p[0] for p, (_, ce) in zip(self.pieces, self._ranges(), strict=True) if ce > pos), self.end)

    def end_of(self, pos: int) -> int:
        """Input offset of a span ending at ``pos``: where the last piece starting before it ends."""
        return max((p[1] for p, (cs, _) in zip(self.pieces, self._ranges(), strict=True) if cs < pos),
                   default=self.start)

    def edit(self, s: int, e: int, new: str) -> tuple[int, int] | None:
        text = self.text
        if text[s:e] == new:
            return None
        o_s, o_e = sorted((self.start_of(s), self.end_of(e)))
        ranges = self._ranges()
        hit = [i for i, (cs, ce) in enumerate(ranges)
               if (cs < ce and cs < max(e, s + 1) and ce > s and not (s == e and cs == s))
               or (cs == ce and (s < cs < e or s == e == cs))]
        if hit:
            i, j = hit[0], hit[-1] + 1
            prefix, suffix = text[ranges[i][0]:s], text[e:ranges[j - 1][1]]
            a, b = min(o_s, self.pieces[i][0]), max(o_e, self.pieces[j - 1][1])
        else:  # an insertion between two pieces
            i = j = next((k for k, (cs, _) in enumerate(ranges) if cs >= s), len(ranges))
            prefix = suffix = ""
            a, b = o_s, o_e
        self.pieces[i:j] = [[a, b, prefix + new + suffix, True]]
        return o_s, o_e

    def edits(self) -> list[tuple[int, int, int]]:
        return [(a, b, len(t)) for a, b, t, edited in self.pieces if edited]


_EDIT = st.tuples(st.integers(0, 12), st.integers(0, 3), st.text("XY", max_size=3))


@given(st.lists(_EDIT, max_size=10))
def test_edit_matches_an_independent_model(ops) -> None:
    """After any sequence of edits, the block text, every record's input span and every mapped
    offset are those of the piece model (insertions, deletions, and edits over their borders)."""
    raw = "0123456789ab"
    doc = Document.from_text(raw, id="t")
    b = doc.blocks[0]
    model = _Model(raw)
    spans = []
    for s, width, new in ops:
        s = min(s, len(b.text))
        e = min(s + width, len(b.text))
        span = model.edit(s, e, new)
        if span is not None:
            spans.append(span)
        doc.edit(b, s, e, new, "r")
        assert b.text == model.text
        assert [(f.start, f.end) for f in doc.fixes] == spans
        assert b._edits == model.edits()
        for pos in range(len(b.text) + 1):
            assert b.to_input(pos) == model.start_of(pos)
            assert b.to_input(pos, side_end=True) == model.end_of(pos)


@pytest.mark.parametrize(
    "edits,expected_text,expected_spans",
    [
        # an insertion, then a replacement of exactly the inserted text
        ([(5, 5, "++"), (5, 7, "z")], "01234z56789", [(5, 5), (5, 5)]),
        # an insertion, then an edit over the text before it and half of it
        ([(5, 5, "++"), (3, 6, "Q"), (3, 5, "")], "01256789", [(5, 5), (3, 5), (3, 5)]),
        # an insertion, then a deletion of it, then an insertion at the same point
        ([(5, 5, "++"), (5, 7, ""), (5, 5, "A"), (5, 6, "B")], "01234B56789", [(5, 5)] * 4),
        # a replacement that grew, then an edit over its end and what follows
        ([(2, 4, "ABCD"), (5, 7, "x"), (4, 5, "")], "01ABx56789", [(2, 4), (2, 5), (2, 5)]),
    ],
)
def test_edit_over_an_earlier_insertion(edits, expected_text, expected_spans) -> None:
    doc = Document.from_text("0123456789", id="t")
    b = doc.blocks[0]
    model = _Model("0123456789")
    for s, e, new in edits:
        doc.edit(b, s, e, new, "r")
        model.edit(s, e, new)
    assert b.text == model.text == expected_text
    assert [(f.start, f.end) for f in doc.fixes] == expected_spans
    assert b._edits == model.edits()


@given(st.lists(_EDIT, max_size=5),
       st.lists(st.tuples(st.integers(0, 2), st.integers(1, 3), st.text("XY", max_size=2)), max_size=6))
def test_batches_match_the_independent_model(prior, batch) -> None:
    """:meth:`Document.edit_many` (edits from the last span to the first) and
    :meth:`Document.edit_spans` (from the first to the last) after edits that inserted or deleted
    text, on a short line where their spans often meet those edits: text, edit list and records
    are those of the piece model."""
    raw = "0123456789"
    docs = [Document.from_text(raw, id="t") for _ in range(2)]
    models = [_Model(raw) for _ in range(2)]
    for s, width, new in prior:
        s = min(s, len(models[0].text))
        e = min(s + width, len(models[0].text))
        for model in models:
            model.edit(s, e, new)
        for doc in docs:
            doc.edit(doc.blocks[0], s, e, new, "prior")
    spans = _spans(batch, len(models[0].text))
    many, by_change = docs
    many.edit_many(many.blocks[0], spans, "r")
    by_change.edit_spans(by_change.blocks[0], [Change(s, e, new, "r") for s, e, new in spans])
    backward = [models[0].edit(s, e, new) for s, e, new in reversed(spans)]
    forward = []
    shift = 0
    for s, e, new in spans:
        forward.append(models[1].edit(s - shift, e - shift, new))
        shift += e - s - len(new)
    for doc, model, expected in zip(docs, models, (backward, forward), strict=True):
        assert doc.blocks[0].text == model.text
        assert doc.blocks[0]._edits == model.edits()
        assert sorted((f.start, f.end) for f in doc.fixes if f.rule == "r") == sorted(x for x in expected if x)


_OP = st.tuples(st.sampled_from(["edit", "edit", "many", "remove", "move"]), st.integers(0, 2), st.integers(0, 6),
                st.integers(0, 3), st.text("XY", max_size=2))


@given(st.lists(_OP, max_size=12))
def test_edits_removals_and_moves_on_several_blocks(ops) -> None:
    """Edits of blocks that do not start the input, mixed with removals and moves: the records of
    edits are those of the piece model of each block, a removed or moved block is recorded once with
    its whole input line and its text at that time, edits of other blocks leave it alone, and the
    output text is the kept blocks' model texts."""
    raw = "abcdef\n\nghijkl\r\nmnopqr"
    doc = Document.from_text(raw, id="t")
    models = [_Model(raw[b.start:b.end], b.start) for b in doc.blocks]
    spans: list[tuple[int, int]] = []
    removals: list[tuple[int, int, str, str | None]] = []
    for op, i, s, width, new in ops:
        b, model = doc.blocks[i], models[i]
        if b.status != "kept":
            continue
        s = min(s, len(b.text))
        e = min(s + width, len(b.text))
        if op == "edit":
            span = model.edit(s, e, new)
            spans += [span] if span is not None else []
            doc.edit(b, s, e, new, "r")
        elif op == "many" and s < e:
            spans += [x for x in [model.edit(s, e, new)] if x is not None]
            doc.edit_many(b, [(s, e, new)], "r")
        elif op in ("remove", "move"):
            field = "captions" if op == "move" else None
            removals.append((b.start, b.end, b.text, field))
            if field is None:
                doc.remove(b, "gone", "x")
            else:
                doc.move(b, field, "moved", "caption")
            doc.remove(b, "again", "x")  # a second decision on the block records nothing
        assert [(f.start, f.end) for f in doc.fixes] == spans
        assert b.text == model.text and b._edits == model.edits()
    assert [(r.start, r.end, r.text, r.field) for r in doc.removed] == removals
    assert doc.text == "\n".join(m.text for b, m in zip(doc.blocks, models, strict=True) if b.kept and m.text)
    assert doc.captions == [t.strip() for _, _, t, f in removals if f == "captions"]


def test_records_compare_and_hash_by_value() -> None:
    from cleancorpus.document import Fix, Removal

    assert Removal("r", "k", 1, 2, "t") == Removal("r", "k", 1, 2, "t", None) != Removal("r", "k", 1, 2, "t", "f")
    assert len({Removal("r", "k", 1, 2, "t"), Removal("r", "k", 1, 2, "t")}) == 1
    assert Fix("r", 1, 2, "a", "b") == Fix("r", 1, 2, "a", "b") != Fix("r", 1, 2, "a", "b", "why")
    assert hash(Fix("r", 1, 2, "a", "b")) == hash(Fix("r", 1, 2, "a", "b"))
    assert not hasattr(Removal("r", "k", 1, 2, "t"), "__dict__")  # slots


def test_live_is_a_fresh_list_kept_up_to_date() -> None:
    doc = Document.from_text("a\nb\nc\nd", id="t")
    a, b, c, d = doc.blocks
    first = doc.live()
    first.pop()  # the caller's list is its own
    assert doc.live() == [a, b, c, d] and doc.live() is not doc.live()
    doc.edit(b, 0, 1, "", "r")  # an edit keeps the block live, even empty
    assert doc.live() == [a, b, c, d]
    doc.remove(b, "r", "x")
    assert doc.live() == [a, c, d]
    doc.move(d, "captions", "r", "caption")
    assert doc.live() == [a, c]
    doc.blocks = doc.blocks[:1]  # a new block list
    assert doc.live() == [a]


def test_remove_many_records_like_remove() -> None:
    raw = "a\nb\nc\nd"
    one, many = Document.from_text(raw, id="t"), Document.from_text(raw, id="t")
    for doc in (one, many):
        doc.remove(doc.blocks[1], "earlier", "x")
        doc.live()
    for b in (one.blocks[3], one.blocks[1], one.blocks[0]):
        one.remove(b, "r", "k")
    many.remove_many([many.blocks[3], many.blocks[1], many.blocks[0]], "r", "k")
    assert many.removed == one.removed  # the removed block is skipped, the order is the caller's
    assert [(b.status, b.rule, b.kind) for b in many.blocks] == [(b.status, b.rule, b.kind) for b in one.blocks]
    assert many.live() == [many.blocks[2]] and many.text == one.text == "c"
    many.remove_many([], "r", "k")
    assert many.removed == one.removed


@given(st.text("ab \t\r\n\u00a0", max_size=20))
def test_segment_covers_every_non_blank_line(raw) -> None:
    """Blocks are the lines (split at \\n, without a final \\r) holding more than ASCII blanks, with
    their input offsets; gap_before is set on the first block and after blank lines."""
    expected, pos, gap = [], 0, True
    for line in raw.split("\n"):
        text = line[:-1] if line.endswith("\r") else line
        if text.strip(" \t\r\f\v"):
            expected.append((pos, pos + len(text), text, gap))
            gap = False
        elif expected:
            gap = True
        pos += len(line) + 1
    blocks = segment(raw)
    assert [(b.start, b.end, b.text, b.gap_before) for b in blocks] == expected
    assert [b.index for b in blocks] == list(range(len(blocks)))


# -- removed characters counted once (Document.recounted, Document.removed_chars) ------------------
def _newly_removed(doc: Document) -> list[int]:
    """Per removal record, the input characters of its span that no earlier record's span holds."""
    seen: set[int] = set()
    out = []
    for r in doc.removed:
        span = set(range(r.start, r.end))
        out.append(len(span - seen))
        seen |= span
    return out


def _check_counts(doc: Document) -> None:
    new = _newly_removed(doc)
    for k in range(len(doc.removed) + 1):
        assert doc.removed_chars(k) == sum(new[k:]), k
    assert [i for i, _ in doc.recounted] == sorted({i for i, _ in doc.recounted})


@pytest.mark.parametrize("steps,chars,recounted", [
    # the line is 18 characters. A dateline cut out of it, then the line removed whole: it counts once
    ([("cut", 0, 5), ("remove",)], [5, 13], [(1, 5)]),
    ([("cut", 0, 5), ("move",)], [5, 13], [(1, 5)]),
    ([("cut", 0, 5), ("remove_many",)], [5, 13], [(1, 5)]),
    # two cuts ([0, 5) and [10, 12) of the input), then the line: both recounted
    ([("cut", 0, 5), ("cut", 5, 7), ("remove",)], [5, 2, 11], [(2, 7)]),
    # a cut over the gap the first one left ([3, 5), then [2, 6)): the gap is not counted twice
    ([("cut", 3, 5), ("cut", 2, 4), ("remove",)], [2, 2, 14], [(1, 2), (2, 4)]),
    # a fix (not a removal) then the line: nothing recounted
    ([("fix", 0, 5), ("remove",)], [18], []),
    # a cut of a removed line is not made (the line is not in the text)
    ([("remove",), ("cut", 0, 5)], [18], []),
    # batches: the cuts of edit_many and edit_spans ([0, 2) and [4, 6)), then the line
    ([("many",), ("remove",)], [2, 2, 14], [(2, 4)]),
    ([("spans",), ("remove",)], [2, 2, 14], [(2, 4)]),
])
def test_a_cut_then_removed_line_counts_once(steps, chars, recounted) -> None:
    raw = "Hà Nội - Nội dung.\nhai"
    doc = Document.from_text(raw, id="t")
    line = doc.blocks[0]
    for step in steps:
        op = step[0]
        if op == "cut":
            doc.edit(line, step[1], step[2], "", "r/cut", kind="dateline")
        elif op == "fix":
            doc.edit(line, step[1], step[2], "HN", "r/fix")
        elif op == "many":
            doc.edit_many(line, [(0, 2, ""), (4, 6, "")], "r/many", kind="markup")
        elif op == "spans":
            doc.edit_spans(line, [Change(0, 2, "", "r/a", kind="markup"), Change(3, 4, "X", "r/fix"),
                                  Change(4, 6, "", "r/b", kind="ui")])
        elif op == "remove":
            doc.remove(line, "r/line", "title")
        elif op == "move":
            doc.move(line, "title", "r/line", "title")
        else:
            doc.remove_many([line], "r/line", "title")
    assert [doc.removed_chars(i) - doc.removed_chars(i + 1) for i in range(len(doc.removed))] == chars
    assert doc.recounted == recounted
    assert doc.removed_chars() == sum(chars) <= len(raw)
    _check_counts(doc)
    # the records themselves keep their spans: the whole line's record still covers the cut
    if steps[-1][0] in ("remove", "move", "remove_many") and steps[0][0] != "remove":
        assert (doc.removed[-1].start, doc.removed[-1].end) == (0, len(raw.split("\n")[0]))


_COUNT_OP = st.tuples(st.sampled_from(["cut", "cut", "fix", "many", "spans", "remove", "move", "many_blocks"]),
                      st.integers(0, 2), st.integers(0, 8), st.integers(0, 4), st.text("XY", max_size=2))


@given(st.lists(_COUNT_OP, max_size=14))
def test_removed_chars_count_every_input_character_once(ops) -> None:
    """Cuts, fixes, batches, removals and moves on several blocks, cuts of removed blocks too: each
    record's count is the characters of its span that no earlier record's span holds."""
    raw = "abcdefghij\n\nklmnopqrst\r\nuvwxyz0123"
    doc = Document.from_text(raw, id="t")
    for op, i, s, width, new in ops:
        b = doc.blocks[i]
        s = min(s, len(b.text))
        e = min(s + width, len(b.text))
        if op == "cut":
            doc.edit(b, s, e, new, "cut", kind="x")
        elif op == "fix":
            doc.edit(b, s, e, new, "fix")
        elif op == "many" and s < e:
            spans = [(s, e, new)] + ([(e + 1, min(e + 3, len(b.text)), "")] if e + 1 < len(b.text) else [])
            doc.edit_many(b, spans, "many", kind="y")
        elif op == "spans":
            doc.edit_spans(b, [Change(0, min(1, s), "", "a", kind="y"), Change(s, e, new, "b", kind="z"),
                               Change(e, len(b.text), "", "c", kind=None)])
        elif op == "remove":
            doc.remove(b, "gone", "x")
        elif op == "move":
            doc.move(b, "captions", "moved", "caption")
        elif op == "many_blocks":
            doc.remove_many(doc.blocks[i:], "all", "w")
        _check_counts(doc)
    assert doc.removed_chars() <= len(raw)


@given(
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30), st.text("xy", max_size=3), st.booleans()),
             max_size=5),
    st.lists(_CHANGE, max_size=8),
    st.booleans(),
)
def test_batches_recount_like_one_edit_at_a_time(prior, draws, ordered) -> None:
    """After earlier cuts and fixes, a batch recounts what one edit per change recounts."""
    docs = _twins_after(prior)
    changes = _changes(draws, len(docs[0].blocks[0].text), ordered)
    one, many = docs
    _edit_one_by_one(one, changes)
    many.edit_spans(many.blocks[0], changes)
    assert many.removed == one.removed and many.recounted == one.recounted
    assume(all(0 <= r.start <= r.end <= len(_RAW) for r in many.removed))  # no change past the ends
    _check_counts(many)
    one.remove(one.blocks[0], "line", "x")
    _check_counts(one)
