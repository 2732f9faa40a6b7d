"""The document-level pre-checks of inline.v1 and the shortcut of lang.v1 never change a decision:
gated and ungated runs give the same records, and each helper equals the slow expression it
replaces."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleancorpus
from cleancorpus.document import Document
from cleancorpus.filters import inline as il
from cleancorpus.filters.inline import InlineFilter
from cleancorpus.filters.lang import _VI, _WORD, VI_LETTERS, LangFilter
from cleancorpus.lexicon import load_lexicon
from cleancorpus.patterns import alternation, ends_with
from tests.test_inline import CASES, LEAD, S1, S2, S3

SLOW = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of paragraphs: prose, every kind of anchor, cue, signature and interface string the rules
# read, near misses ("ảnh hưởng", "hình ảnh"), and characters that case folding treats oddly.
PIECES = [
    S1, S2, S3, "Quang cảnh hội nghị.", "Người dân đi trên cây cầu mới.", "Ảnh: Reuters.", "Ảnh: Kha Miên",
    "(Ảnh: AP)", "( ảnh : TTXVN )", "(Ảnh minh họa)", "Ảnh minh họa.", "ẢNH MINH HỌA", "Ảnh TTXVN", "Ảnh NGÔI SAO",
    "Ảnh Zing", "ảnh hưởng", "Ảnh hưởng", "hình ảnh", "Hình minh hoạ", "Video: Cảnh sát truy đuổi", "VIDEO:", "Clip",
    "Clip VTV", "PHOTO: AFP", "Photo", "Nguồn: VnExpress", "Nguồn ảnh: Daily Mail", "(Nguồn ảnh: Daily Mail)",
    "Nguồn video: VTV", "Đồ họa: X", "Thiết kế: Y", "Chùm ảnh:", "Xem thêm:", "XEM THÊM :", "Tin liên quan:",
    "TIN LIÊN QUAN", "Tin liên quan >>", ">>", ">>>", "»", "Bấm xem >>", "(còn tiếp)", "(tiếp tục cập nhật)",
    "Theo Ngọc Lan (Khám phá)", "Văn Tân", "N.LIÊM - X.TRƯỜNG", "Hoàng Yến/VOV.VN", "Q.D", "PV",
    "Duy Anh - Thể thao Việt Nam | 23:30 30/06/2017", "Nhật Quang (Tổng hợp)", "./.", "…", ".", ":", "(", ")", "-",
    "|", "\u0130mage: X", "\u212alip", "ẞ", "ﬁ", "Những đại biểu", "Chiều cùng ngày,", "Photo credit: Reuters",
    "Image: AP", "File photo", "Read more:", "Related:", "Reporting by X; Editing by Y",
]
SEPS = [" ", " ", " ", "  ", "\n", "\n\n", ". ", ": ", "\t", "\u00a0"]
CASES_FN = [str, str, str, str.upper, str.lower, str.swapcase, str.title]


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    n = draw(st.integers(1, 14))
    out = []
    for _ in range(n):
        piece = draw(st.sampled_from(PIECES))
        out.append(draw(st.sampled_from(CASES_FN))(piece))
        out.append(draw(st.sampled_from(SEPS)))
    return "".join(out)


def _records(raw: str, gated: bool, title: str | None = None, lang: str | None = None,
             **params: object) -> tuple[dict, list, list]:
    f = InlineFilter(**params)  # type: ignore[arg-type]
    f.prechecks = gated
    doc = Document.from_text(raw, id="t", title=title, lang=lang)
    f.apply(doc)
    return doc.to_record(), [b.text for b in doc.blocks], [(b.status, b.rule) for b in doc.blocks]


def _same(raw: str, title: str | None = None, lang: str | None = None, **params: object) -> None:
    assert _records(raw, True, title, lang, **params) == _records(raw, False, title, lang, **params)


@SLOW
@given(paragraphs(), st.one_of(st.none(), st.sampled_from([S1, S2[:-1], "Đại biểu dự hội nghị"])),
       st.sampled_from([None, "vi", "en"]), st.sampled_from(["move", "drop", "keep"]))
def test_gated_equals_ungated_on_random_paragraphs(raw, title, lang, captions) -> None:
    text = raw if title is None else f"{raw}\n{title}. {raw}"
    _same(text, title, lang, captions=captions)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_gated_equals_ungated_on_the_case_table(case) -> None:
    _, para, _, _, _ = case
    _same(f"{LEAD}\n\n{para}")
    _same(" ".join([LEAD, para, LEAD]), title=LEAD)


def test_gated_equals_ungated_on_the_seeds() -> None:
    from pathlib import Path

    pipe = cleancorpus.default_pipeline()
    inner = [f for f in pipe.filters if f.id != "inline.v1"]
    for path in sorted((Path(cleancorpus.__file__).parent.parent / "seeds").glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        for text in (raw, " ".join(raw.split("\n"))):  # as written, and as one line
            got = []
            for gated in (True, False):
                doc = Document.from_text(text, id=path.stem)
                for f in inner:
                    f.apply(doc)
                last = InlineFilter()
                last.prechecks = gated
                last.apply(doc)
                got.append(doc.to_record())
            assert got[0] == got[1], path.name


def test_upper_forms_lists_every_upper_case_equivalent() -> None:
    """Exhaustive: for every character that re.IGNORECASE equates with an upper-case character,
    _upper_forms names all those upper-case characters (the pre-check relies on it)."""
    everything = "".join(map(chr, range(0x110000)))
    upper = "".join(filter(str.isupper, everything))
    related = set(re.compile("[" + re.escape(upper) + "]", re.IGNORECASE).findall(everything))
    for ch in related:
        want = set(re.compile(re.escape(ch), re.IGNORECASE).findall(upper))
        # the matching is symmetric, so these are all the upper-case characters equated with ch
        assert all(re.fullmatch(re.escape(u), ch, re.IGNORECASE) for u in want), ch
        assert set(il._upper_forms(ch)) == want, (ch, want)


@given(st.lists(st.text("aAbB:ảẢ \n", min_size=0, max_size=5), min_size=1, max_size=6),
       st.text("aAbB:ảẢ x\n", max_size=30),
       st.booleans(), st.none() | st.dictionaries(st.sampled_from("aAbB:ảẢ \n"), st.integers(0, 9)))
def test_factored_patterns_equal_plain_alternations(strings, text, ignorecase, rank) -> None:
    flags = re.IGNORECASE if ignorecase else 0
    plain = "|".join(re.escape(s) for s in sorted(strings, key=len, reverse=True))
    tree = re.compile(alternation(strings, rank=rank), flags)
    assert [bool(tree.match(text, i)) for i in range(len(text) + 1)] == \
        [bool(re.match(f"(?:{plain})", text[i:], flags)) for i in range(len(text) + 1)]
    behind = re.compile(ends_with(strings), flags)
    assert [bool(behind.match(text, i)) for i in range(len(text) + 1)] == \
        [any(re.fullmatch(re.escape(s), text[max(0, i - len(s)):i], flags) and i >= len(s) for s in strings)
         for i in range(len(text) + 1)]


@given(st.text(" .()ab\t\u00a0", max_size=30), st.integers(0, 30))
def test_text_helpers_equal_their_definitions(t, pos) -> None:
    pos = min(pos, len(t))
    assert il._only_parens_after(t, pos) == (not il._PAREN.sub("", t[pos:]).strip(" ."))
    assert il._last_char(t, pos) == t[:pos].rstrip()[-1:]
    assert il._last_char(t) == t.rstrip()[-1:]


def test_initials_end_equals_the_pattern_classes() -> None:
    rx = re.compile(r"[A-ZĐÀ-Ỹ]|[A-Za-zĐđÀ-ỹ]")  # what _STRICT_INITIALS may end with
    assert all(il._initials_end(chr(i)) == bool(rx.fullmatch(chr(i))) for i in range(0x3000))


UI_PIECES = ["(xem thêm)", "(XEM THÊM)", "(còn tiếp)", "(tiếp tục cập nhật)", "bấm xem >>", "Bấm xem >>", "xem thêm >>",
             "click here >>", "Read more >>", "(continued)", "(", ")", ">>", ">", " ", "xem", "thêm", "tin " * 20]


@given(st.lists(st.sampled_from(UI_PIECES), max_size=30), st.sampled_from(["vi", "en"]))
def test_split_interface_patterns_find_what_one_pattern_finds(pieces, lang) -> None:
    t = "".join(pieces)
    pats = InlineFilter()._patterns(load_lexicon(lang))
    one = pats["ui_all"].search(t, max(0, len(t) - 200))
    two = il._ui_match(pats["ui"], t)
    assert (one and one.span()) == (two and two.span())


@given(st.text("aA1. !?…)\"-–(\n./", max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_caption_start_is_the_last_sentence_start(t, floor, a_s) -> None:
    floor, a_s = sorted((min(floor, len(t)), min(a_s, len(t))))
    j = a_s  # the definition: the last boundary before the credit after which a sentence starts
    while j > floor and t[j - 1].isspace():
        j -= 1
    if j > floor and t[j - 1] in "-–—":
        j -= 1
        while j > floor and t[j - 1].isspace():
            j -= 1
    if j > floor and t[j - 1] == ".":
        j -= 1
    start = floor
    for bm in il._BOUNDARY.finditer(t, floor, j):
        if bm.end() < j and il._starts_sentence(t, bm.end()):
            start = bm.end()
    assert InlineFilter._caption_start(t, floor, a_s) == (start, t[start:j])


@given(st.text("“”‘’'«»\"ab ", max_size=20))
def test_plain_quotes_equals_translate(t) -> None:
    table = str.maketrans({"“": '"', "”": '"', "‘": '"', "’": '"', "'": '"', "«": '"', "»": '"'})
    assert il._plain_quotes(t) == t.translate(table)


@given(paragraphs())
def test_gates_select_every_block_the_caption_rule_cuts(raw) -> None:
    """Directly: a paragraph in which the (ungated) caption rule cuts something is selected by the
    caption pre-checks."""
    f = InlineFilter()
    lex = load_lexicon("vi")
    pats = f._patterns(lex)
    gates = pats["gates"]
    doc = Document.from_text(raw, id="t")
    blocks = [b for b in doc.blocks if b.text.strip()]
    selected = il._Joined(blocks, doc).select(gates["captions"])
    for b in blocks:
        n = len(doc.removed)
        f._captions(doc, b, lex, pats)
        if len(doc.removed) > n:
            assert b in selected


@given(paragraphs(), st.sampled_from(["vi", "en"]))
def test_joined_gates_hold_where_they_hold_in_a_block(raw, lang) -> None:
    """A gate that holds in a block's own text holds in the joined text there: the block is
    selected, and the document is not quiet."""
    gates = InlineFilter()._patterns(load_lexicon(lang))["gates"]["all"]
    doc = Document.from_text(raw, id="t")
    blocks = [b for b in doc.blocks if b.text.strip()]
    joined = il._Joined(blocks, doc)
    for gate in gates:
        selected = joined.select((gate,))
        for b in blocks:
            if gate.first(b.text, 0) >= 0:
                assert b in selected
    assert joined.quiet(gates) == (not joined.select(gates))


def test_inline_is_linear_on_a_huge_line() -> None:
    """Thousands of captions in one 1.4 MB line: one pass over the line, not one per caption."""
    unit = f"{S1} Quang cảnh hội nghị. Ảnh: Reuters. {S2} "
    raw = unit * 6_000
    doc = Document.from_text(raw, id="t")
    t0 = time.perf_counter()
    InlineFilter().apply(doc)
    assert time.perf_counter() - t0 < 10
    assert len(doc.captions) == 6_000
    assert doc.blocks[0].text.startswith(f"{S1} {S2} {S1} {S2}")


# -- lang.v1 ---------------------------------------------------------------------------------------

def test_vietnamese_letters_are_letters() -> None:
    """The shortcut counts Vietnamese letters as letters of the full count."""
    assert all(_WORD.fullmatch(c) and _VI.fullmatch(c) for c in VI_LETTERS)


WORDS = ["của", "và", "là", "the", "and", "of", "Việt", "Nam", "người", "được", "a", "in", "to", "1234", "_", "²",
         "ă", "x", "Đ", "news", "report", "tăng", "trưởng", ".", ",", "—"]


@given(st.lists(st.sampled_from(WORDS), max_size=120), st.integers(1, 600), st.sampled_from([0.0, 0.01, 0.03, 0.2, 0.5]),
       st.integers(1, 60))
def test_lang_shortcut_equals_the_full_count(words, sample_chars, vi_letters, min_letters) -> None:
    text = " ".join(words)
    f = LangFilter(sample_chars=sample_chars, vi_letters=vi_letters, min_letters=min_letters)
    assert f.detect(text) == f.count(text[:sample_chars])


@pytest.mark.parametrize("params", [{"min_letters": 40.5}, {"vi_letters": float("nan")}, {"min_letters": float("inf")},
                                    {"vi_letters": 2.0}, {"sample_chars": 0, "min_letters": 1}])
def test_lang_odd_parameters_give_the_full_count(params) -> None:
    f = LangFilter(**params)
    for text in ("Hà Nội là thủ đô của Việt Nam và là trung tâm chính trị. " * 5, "The cat sat on the mat. " * 9, ""):
        assert f.detect(text) == f.count(text[:f.sample_chars])


@given(st.integers(0, 3000), st.floats(0.0, 1.0), st.integers(0, 80))
def test_lang_enough_is_the_fewest_that_settle_vi(n, vi_letters, min_letters) -> None:
    f = LangFilter(vi_letters=vi_letters, min_letters=min_letters)
    need = f.enough_vi(n)
    if need is None:
        assert all(not v / n >= vi_letters for v in range(max(min_letters, 1), n + 1)) if n else True
    else:
        assert need >= max(min_letters, 1) and need / n >= vi_letters
        assert need == max(min_letters, 1) or not (need - 1) / n >= vi_letters
