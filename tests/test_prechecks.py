"""Fast pre-checks in filters must never skip a line the full check would take."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleancorpus.filters.social import _SPLIT, SocialFilter
from cleancorpus.lexicon import load_lexicon

LEX = load_lexicon("vi")
TOKENS = sorted(LEX.share_tokens)
SEPS = [" ", " | ", "/", ", ", " · ", ";", "  "]


@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=8), st.lists(st.sampled_from(SEPS), min_size=8, max_size=8),
       st.sampled_from(["", " ", "| "]))
def test_share_row_precheck_accepts_every_share_row(toks, seps, lead) -> None:
    line = lead + "".join(t + s for t, s in zip(toks, seps, strict=False)).rstrip()
    pieces = [t for t in _SPLIT.split(line) if t]
    if all(t in LEX.share_tokens for t in pieces):
        assert SocialFilter()._share_row(LEX).fullmatch(line)


_OLD_RUN = __import__("re").compile(r"^[^\S\n]+|[^\S\n]+$|[^\S\n]{2,}|[^\S\n ]")


@given(st.text(" \t\u00a0\u2009\u3000ab.", min_size=1, max_size=20))
def test_whitespace_runs_equal_the_single_regex_definition(text) -> None:
    """whitespace.v1 splits runs into leading, inner and trailing; same result as one regex."""
    from cleancorpus.document import Document
    from cleancorpus.filters.whitespace import WhitespaceFilter

    if text.isspace() or not text.strip(" \t\u00a0\u2009\u3000"):
        return
    last = len(text)
    expected = text
    for m in reversed(list(_OLD_RUN.finditer(text))):
        s, e = m.start(), m.end()
        expected = expected[:s] + ("" if s == 0 or e == last else " ") + expected[e:]
    doc = Document.from_text("x\n" + text, id="t")
    WhitespaceFilter().apply(doc)
    assert doc.blocks[1].text == expected


@given(st.text("aeosfwdAO \"(.,\u00e0\u1ea1", max_size=40))
def test_residue_precheck_sees_whole_chunks(text) -> None:
    """residue.v1 skips a line when no whitespace-separated chunk fullmatches its pattern: the
    pattern's matches are exactly such chunks."""
    from cleancorpus.filters.typos import _PRE_ANY, _PRE_TELEX

    for rx in (_PRE_TELEX, _PRE_ANY):
        by_scan = {m.group() for m in rx.finditer(text)}
        by_chunk = {c for c in text.split() if rx.fullmatch(c)}
        assert by_scan == by_chunk


@given(st.text(" a.\u00e0\t\u00a0\u3000", max_size=30), st.integers(0, 5), st.integers(0, 5))
def test_space_runs_of_a_printable_line_are_its_inner_runs(text, lead, trail) -> None:
    """whitespace.v1 looks for runs of plain spaces in a printable line: the only whitespace there
    is the space, so they are the inner runs the general pattern finds (between any bounds)."""
    from cleancorpus.filters.whitespace import _INNER_RUN, _SPACE_RUN

    if not text.isprintable():
        return
    end = max(len(text) - trail, 0)
    assert [m.span() for m in _SPACE_RUN.finditer(text, lead, end)] == \
        [m.span() for m in _INNER_RUN.finditer(text, lead, end)]
