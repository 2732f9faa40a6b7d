"""The pre-checks of residue.v1 and diacritic.v1 change no decision: the filters are compared with
their versions before the pre-checks (``tests/typos_reference.py``, kept verbatim) on tables of
cases and on random Vietnamese-like text built from the word lists, and each pre-check is checked
against the full rule it stands for."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleancorpus.document import Document
from cleancorpus.filters import typos
from cleancorpus.filters.typos import DiacriticFilter, ResidueFilter
from cleancorpus.lexicon import load_spelling
from tests import typos_reference as ref

SP = load_spelling("vi")
#: The words diacritic.v1's pre-check looks for (every retone base the pattern accepts).
SECONDS = sorted(w for w in SP.retone_bases if typos._second_words(SP, 2.0).fullmatch(" " + w))
_PAIRS = sorted(k for k, v in SP.retone.items() if len(v) == 1)[::7]
#: Word pairs that diacritic.v1 repairs when they stand alone ("hiệp đinh"), written as one token.
_REPAIRABLE = sorted(k for k in SP.retone if typos._pair_repair(*k.split(), SP, 2.0))[::3]
_FIRSTS = sorted({k.split()[0] for k in _PAIRS})
_TONED = sorted({v[0] for k, v in SP.retone.items() if len(v) == 1})[::5]
_SYLLABLES = sorted(SP.syllables)[::37]
_VARIANTS = ["hoà", "hòa", "hoa", "thuỷ", "thủy", "kỳ", "kì", "ky", "ki", "lý", "ly", "mỹ", "quy", "quý", "khoẻ",
             "Hiệp", "đinh", "định", "tuyên", "truyên", "truyền", "tài", "tinh", "tôi", "nợ"]
_RESIDUE = ["Lafo", "Cai", "nguoiwf", "Vieejt", "cana", "cos", "hoaf", "dduwowngf", "xoong", "boong", "Ojo", "Hoon",
            "Infographics", "logistics", "trangw", "ddi", "ada", "Ede", "odo", "Vie65t", "Vie^.t", "tw", "TW", "loss"]
_RESIDUE_PAIRS = ["Lafo Cai", "Vieejt Nam", "nguoiwf dân", "Hoaf Bình", "cana đối", "ánh trangw", "hoaf bình",
                  "nguoiwf nguoiwf", "Việt Nam", "quoocs gia", "giaf đình", "Vie65t Nam", "Vie^.t Nam", "Lafo cai"]
_OTHER = ["the", "of", "bus", "Facebook", "google.com", "USD", "2024", "5G", "H5N1", "user_id", "a4", "đinh2", "ban_x",
          ",", ".", "“", "”", "(", ")", "-", "…", ":", ";", "!", "?", "'", "\"", "«", "»", "*", "/", "µ", "İ"]
_SEPS = [" "] * 12 + ["", "  ", "\t", "\u00a0", ", ", ". ", " “", "” ", " - ", "\u2009"]


def _case(word: str, how: int) -> str:
    return word if how < 6 else word.capitalize() if how < 9 else word.upper()


word = st.one_of(
    st.sampled_from(_REPAIRABLE), st.sampled_from(_REPAIRABLE), st.sampled_from(SECONDS), st.sampled_from(_FIRSTS), st.sampled_from(_TONED), st.sampled_from(_SYLLABLES),
    st.sampled_from(_VARIANTS), st.sampled_from(_RESIDUE), st.sampled_from(_RESIDUE_PAIRS), st.sampled_from(_OTHER),
    st.text("aeiouydwfjzsrxnghtcqlmbkpvăâêôơưđàáạảãèéẹẻẽòóọỏõùúụủũìíịỉĩỳýỵỷỹ", min_size=1, max_size=6),
)
token = st.tuples(word, st.integers(0, 10)).map(lambda t: _case(*t))
#: A line of Vietnamese-like text: words of the word lists, residue keys, English, punctuation, capitals.
line = st.lists(st.tuples(token, st.sampled_from(_SEPS)), max_size=30).map(
    lambda parts: "".join(w + s for w, s in parts))
#: A document: lines (some blank) joined by line breaks.
document = st.lists(line, min_size=1, max_size=6).map("\n".join)


def _apply(flt: object, text: str) -> tuple[str, list[dict], list[str]]:
    doc = Document.from_text(text, id="t")
    flt.apply(doc)  # type: ignore[attr-defined]
    # In the order of the output record (by input span): the repairs of one line are now applied in one
    # splice, first to last, where the reference applies them one by one from the last.
    fixes = sorted((f.as_dict() for f in doc.fixes), key=lambda f: (f["start"], f["end"]))
    return doc.text, fixes, [b.text for b in doc.blocks]


# -- diacritic.v1 ---------------------------------------------------------------------------------

DIACRITIC_CASES = [
    ("repair", "Trên cơ sở quy định tại “Hiệp đinh tạm thời về giải quyết vụ việc”."),
    ("two-repairs", "Cuộc thi tìm hiểu và tuyên truyên pháp luật, ký Hiệp đinh thương mại."),
    ("line-start", "Hiệp đinh được ký kết."),
    ("line-end", "Hai bên đã ký Hiệp đinh"),
    ("two-spaces", "Hai bên đã ký Hiệp  đinh tạm thời."),
    ("tab", "Hai bên đã ký Hiệp\tđinh tạm thời."),
    ("no-break-space", "Hai bên đã ký Hiệp\u00a0đinh tạm thời."),
    ("punctuation-between", "Hai bên đã ký Hiệp, đinh tạm thời."),
    ("digit-after", "Hai bên đã ký Hiệp đinh2 tạm thời."),
    ("underscore-after", "Hai bên đã ký Hiệp đinh_ tạm thời."),
    ("capital-second", "Hai bên đã ký Hiệp Đinh tạm thời."),
    ("residue-after", "Hai bên đã ký Hiệp đinh xyzq tạm thời."),
    ("english-after", "Hai bên đã ký Hiệp đinh the deal."),
    ("pair-before", "Ông tài tinh soi chiếu mọi việc."),
    ("second-style", "Giải thưởng Hoà bình và hoà giai được trao."),
    ("y-forms", "Kỳ thi năm nay, Mỹ ky kết hợp đồng, lý ly."),
    ("long-word-before", "x" * 40 + "ệ đinh và " + "a" * 100 + "ệp đinh."),
    ("repair-completes-next", "Cuộc thi tuyên truyên truyên pháp luật."),
    ("quote-before", "Hai bên đã ký “Hiệp đinh tạm thời."),
    ("superscript-before", "Hai bên đã ký²Hiệp đinh tạm thời, ký Hiệp² đinh."),
    ("hyphen-before", "Hai bên đã ký-Hiệp đinh tạm thời."),
    ("long-run-before", "Hai bên " + "ệ" * 40 + "Hiệp đinh tạm thời."),
    ("line-start-word", "Hiệp đinh\nHiệp đinh"),
]


@pytest.mark.parametrize("case,text", DIACRITIC_CASES, ids=[c[0] for c in DIACRITIC_CASES])
def test_diacritic_find_as_before(case: str, text: str) -> None:
    assert DiacriticFilter.find(text, SP) == ref.DiacriticFilter.find(text, SP)
    assert _apply(DiacriticFilter(), text) == _apply(ref.DiacriticFilter(), text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line, st.sampled_from([2.0, 1.0, 3.5]))
def test_diacritic_find_as_before_on_random_lines(text: str, ratio: float) -> None:
    assert DiacriticFilter.find(text, SP, ratio) == ref.DiacriticFilter.find(text, SP, ratio)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_diacritic_apply_as_before(text: str) -> None:
    assert _apply(DiacriticFilter(), text) == _apply(ref.DiacriticFilter(), text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line, min_size=1, max_size=5), st.lists(st.lists(st.integers(0, 4), min_size=1, max_size=6),
                                                       min_size=2, max_size=6))
def test_diacritic_settled_lines_as_before(pool: list[str], picks: list[list[int]]) -> None:
    """One filter over documents that repeat lines (some repaired, some not, short and long) decides each
    as the reference does: a line remembered as having no passing pair is one that has none."""
    pool = [*pool, "Hai bên đã ký Hiệp đinh tạm thời.", "Người dân ở đây.", "Hiệp đinh " + "x" * typos._SETTLED_LINE]
    new, old = DiacriticFilter(), ref.DiacriticFilter()
    for k, pick in enumerate(picks):
        text = "\n".join(pool[i % len(pool)] for i in pick) + ("\nKý Hiệp đinh tạm thời." if k % 2 else "")
        assert _apply(new, text) == _apply(old, text)


def test_diacritic_words_are_the_repairable_ones() -> None:
    """The pre-check words, computed from the word lists, are the second syllables of repairs: every
    word of a one-option retone entry (itself or through its key) that passes the syllable checks."""
    found = {w for w in SP.retone_bases if typos._second_words(SP, 2.0).fullmatch(" " + w)}
    by_key = {}
    for k, v in SP.retone.items():
        if len(v) == 1:
            by_key.setdefault(k.split()[1], []).append(v[0])
    expected = {w for w in SP.retone_bases for key in {w, typos.spelling_key(w)} for cand in by_key.get(key, [])
                if typos._retoned(w, typos.spelling_key(w), cand, SP, 2.0)}
    assert found == expected
    assert 300 < len(found) < 2000  # a small share of the ~11,000 syllables


_WORDS = typos._repairable_words(SP, 2.0)
_GATED = re.compile(typos._second_words_pattern(_WORDS))
_UNGATED = re.compile(typos._second_words_pattern(_WORDS, gate=False))
#: Characters to put around the words: their letters, the other letters of the gate, capitals,
#: digits, punctuation, spaces, and letters of other scripts.
_AROUND = sorted(set("".join(_WORDS)) | set(typos._GATE_LETTERS) | set("0123456789_.,;:!?…-–“”\"'()/\n\t\u00a0 ")
                 | set("ßçñøłşİıΩжЖ中あ𝐀"))


def test_second_words_gate_letters_are_letters() -> None:
    """The gate is sound when the letters of the words and the letters it refuses after them are
    all letters (``[^\\W\\d_]``): then the character after a match is neither."""
    used = set("".join(_WORDS))
    assert used <= typos._GATE_LETTERS
    assert all(re.fullmatch(r"[^\W\d_]", c) for c in typos._GATE_LETTERS)


@pytest.mark.parametrize("after", _AROUND)
def test_second_words_gate_keeps_every_word(after: str) -> None:
    """Every word, followed by any of the characters, is matched with the gate as without it."""
    for w in _WORDS:
        text = f" {w}{after}"
        assert (_GATED.match(text) is None) == (_UNGATED.match(text) is None), text
        assert (_GATED.match(text.upper()) is None) == (_UNGATED.match(text.upper()) is None), text


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_WORDS), st.sampled_from(_AROUND), st.sampled_from(_SYLLABLES)), max_size=40))
def test_second_words_gate_skips_no_match(parts: list[str]) -> None:
    text = "".join(parts)
    assert [m.span() for m in _GATED.finditer(text)] == [m.span() for m in _UNGATED.finditer(text)]


def test_second_words_is_the_gated_pattern() -> None:
    assert typos._second_words(SP, 2.0).pattern.startswith(" (?=[")
    assert {w for w in SP.retone_bases if typos._second_words(SP, 2.0).fullmatch(" " + w)} == set(_WORDS)


@settings(max_examples=300, deadline=None)
@given(st.text("ab xyzđệ.,_2\u00a0", max_size=80), st.integers(0, 80))
def test_run_start_finds_the_letters_before(text: str, end: int) -> None:
    end = min(end, len(text))
    start = end
    while start > 0 and re.fullmatch(r"[^\W\d_]", text[start - 1]):
        start -= 1
    assert typos._run_start(text, end) == start


def test_alphabetic_characters_are_word_letters() -> None:
    """diacritic.v1 takes a run of alphabetic characters after a space as the word before a candidate
    (``str.isalpha``) without asking ``_run_start``: every alphabetic character is a ``_WORD`` letter."""
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    alpha = [c for c in every if c.isalpha()]
    assert typos._WORD.fullmatch("".join(alpha))


def test_run_start_on_long_runs() -> None:
    text = "ab " + "x" * 1000 + " y"
    assert typos._run_start(text, 1003) == 3
    assert typos._run_start(text, 3) == 3


# -- residue.v1 -----------------------------------------------------------------------------------

@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line, st.sampled_from(["tight", "aggressive"]), st.booleans())
def test_residue_find_as_before_on_random_lines(text: str, policy: str, vni: bool) -> None:
    new, old = ResidueFilter(policy, vni=vni), ref.ResidueFilter(policy, vni=vni)
    assert new.find(text, SP) == old.find(text, SP)
    assert new.find(text, SP) == old.find(text, SP)  # again, with the memos filled


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document, st.sampled_from(["tight", "aggressive"]))
def test_residue_apply_as_before(text: str, policy: str) -> None:
    assert _apply(ResidueFilter(policy), text) == _apply(ref.ResidueFilter(policy), text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line, min_size=1, max_size=5), st.lists(st.lists(st.integers(0, 4), min_size=1, max_size=6),
                                                       min_size=2, max_size=6))
def test_residue_settled_lines_as_before(pool: list[str], picks: list[list[int]]) -> None:
    """One filter over documents that repeat lines (some repaired, some not, short and long) decides each
    as the reference does: a line remembered as needing no repair is one that needs none."""
    pool = [*pool, "Chúng tôi yêu Vieejt Nam.", "Người dân ở đây.", "Lafo Cai " + "x" * typos._SETTLED_LINE]
    new, old = ResidueFilter(), ref.ResidueFilter()
    for k, pick in enumerate(picks):
        text = "\n".join(pool[i % len(pool)] for i in pick) + ("\nChúng tôi yêu Vieejt Nam." if k % 2 else "")
        assert _apply(new, text) == _apply(old, text)


_TELEX_ALPHABET = "aeiouyAEIOUYdDwWfjzsrxSRXFJZnghtcqlmbkpvBCN\"'“”(.,;:!?… -_2\u00a0đàệư"


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(_TELEX_ALPHABET, max_size=40), min_size=1, max_size=6))
def test_telex_lines_keep_every_line_with_a_telex_chunk(lines: list[str]) -> None:
    """residue.v1's document pre-check keeps every line where a chunk matches ``_PRE_TELEX``."""
    kept = set(typos._telex_lines(lines))
    for i, text in enumerate(lines):
        if any(typos._PRE_TELEX.fullmatch(c) for c in text.split()):
            assert i in kept, (text, text.encode("ascii", "ignore").translate(typos._TELEX_CLASSES,
                                                                             typos._PLAIN_CONSONANTS))


def _reference_telex_lines(texts: list[str]) -> list[int]:
    """``_telex_lines`` as one scan with ``_TELEX_HINT`` (before it looked in two passes)."""
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1:
        return list(range(len(texts)))
    hints = joined.encode("ascii", "ignore").translate(typos._TELEX_CLASSES, typos._PLAIN_CONSONANTS)
    out: list[int] = []
    line = pos = 0
    m = typos._TELEX_HINT.search(hints)
    while m is not None:
        line += hints.count(b"\n", pos, m.start())
        out.append(line)
        pos = hints.find(b"\n", m.start())
        if pos < 0:
            break
        m = typos._TELEX_HINT.search(hints, pos)
    return out


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.text("aeoiudDwWsSfjzrxnghtbAEO \"'.,đà", max_size=12), min_size=1, max_size=12))
def test_telex_lines_two_passes_find_the_lines_of_one_scan(lines: list[str]) -> None:
    """The key marks first, the others only in the lines between: the lines of one ``_TELEX_HINT``
    scan (short lines, many of them empty or with marks, at the start and the end of the text)."""
    assert typos._telex_lines(lines) == _reference_telex_lines(lines)


@pytest.mark.parametrize("lines", [["as", "", "aa"], ["", "aa", "as"], ["as"], ["aa"], ["", ""], ["x", "as", "as", "odo"],
                                   ["dd", "W", "ada", "tis"], ["b", "c"], ["as\nb", "aa"]])
def test_telex_lines_two_passes_edges(lines: list[str]) -> None:
    assert typos._telex_lines(lines) == _reference_telex_lines(lines)


@pytest.mark.parametrize("chunk", ["Lafo", "cana", "Cana", "cos", "bus", "xoong", "ddi", "adda", "Ada", "ede", "odo",
                                   "nguoiwf", "trangw", "aXa", "“Vieejt”,", "(hoaf)", "jazz", "Of"])
def test_telex_lines_keep_telex_chunks(chunk: str) -> None:
    assert typos._PRE_TELEX.fullmatch(chunk)
    assert typos._telex_lines(["Người dân", f"Chúng tôi {chunk} về", "ở đây"]) == [1]


def test_telex_lines_skip_vietnamese() -> None:
    lines = ["Sáng 20/3, Ban Thường vụ Tỉnh ủy tổ chức hội nghị quán triệt nhiệm vụ năm 2026 tại trung tâm.",
             "Trong đó, người dân tham gia xây dựng trường học, rất đông, theo thông tin từ xã (ông Dũng cho biết)."]
    assert typos._telex_lines(lines) == []


def test_telex_lines_with_a_break_inside_a_text() -> None:
    assert typos._telex_lines(["a\nb", "c"]) == [0, 1]


@settings(max_examples=300, deadline=None)
@given(st.text("aeoudwfsLVN\"'“(.,… \u00a0xđà", max_size=40))
def test_pre_match_core_is_the_chunk_match_core(text: str) -> None:
    """find() memoises a chunk by ``pre.fullmatch(chunk)``'s core and then reads the cores of
    ``pre.finditer(line)``: the two are the same."""
    for rx in (typos._PRE_TELEX, typos._PRE_ANY):
        for m in rx.finditer(text):
            full = rx.fullmatch(m.group())
            assert full is not None and full.group(1) == m.group(1)


@settings(max_examples=300, deadline=None)
@given(st.text("ab \u00a0\t.", max_size=60), st.integers(0, 60))
def test_chunk_before(text: str, start: int) -> None:
    start = min(start, len(text))
    if start and not text[start - 1].isspace():
        return  # only ever asked at the start of a chunk
    spans = [m.span() for m in re.finditer(r"\S+", text) if m.end() <= start]
    assert typos._chunk_before(text, start) == (spans[-1] if spans else None)


def test_chunk_before_long() -> None:
    text = "x" * 500 + " " * 300 + "y"
    assert typos._chunk_before(text, 800) == (0, 500)
    assert typos._chunk_before(" " * 300 + "y", 300) is None


# -- the tone style -------------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.text("oOuUaAeEyYòóỏõọÒÓỌùúủũụỦàáảãạÀèéẻẽẹỳýỷỹỵỲbnđ µ", max_size=40))
def test_style_counts_are_the_findall_counts(text: str) -> None:
    assert typos._style_counts(text) == (len(ref._STYLE_FIRST.findall(text)), len(ref._STYLE_SECOND.findall(text)))


def test_style_cue_lists_every_character_the_patterns_accept() -> None:
    """``_STYLE_CUE`` is case-sensitive: every character the case-insensitive patterns accept at their
    first and second positions is listed, over all of Unicode."""
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    accepted = {
        "[òóỏõọ]|[ùúủũụ]": typos._TONED_OU, "[ae]|y": "aeyAEY",
        "o|u": "oOuU", "[àáảãạèéẻẽẹ]|[ỳýỷỹỵ]": typos._TONED_AEY,
    }
    for pattern, listed in accepted.items():
        assert set(re.findall(pattern, every, re.IGNORECASE)) <= set(listed), pattern


def test_style_is_looked_up_only_when_a_repair_needs_it(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    monkeypatch.setattr(typos, "doc_style", lambda doc: calls.append(doc) or "second")
    assert _apply(ResidueFilter(), "Chúng tôi yêu Vieejt Nam.")[0] == "Chúng tôi yêu Việt Nam."
    assert not calls
    assert _apply(ResidueFilter(), "Nhân dân mong hoaf bình.")[0] == "Nhân dân mong hoà bình."
    assert len(calls) == 1


@settings(max_examples=300, deadline=None)
@given(st.text("oOuUyYaàáảãạèéẻẽẹỳýỷỹỵbnĐ\n", max_size=8))
def test_key_hint_ends_are_the_pattern(text: str) -> None:
    assert text.endswith(typos._KEY_HINT_ENDS) == (typos._KEY_HINT.search(text) is not None) or "\n" in text


# -- the Telex decoder's early rejection ---------------------------------------------------------

_TELEX_KEYS = {"â": "aa", "ê": "ee", "ô": "oo", "ă": "aw", "ơ": "ow", "ư": "uw", "đ": "dd"}


def _telex_keys(syllable: str) -> str:
    """The keys that type ``syllable`` in Telex: modifiers doubled or w, the tone key last."""
    from cleancorpus.vietnamese import split_tone

    st = split_tone(syllable)
    if st is None:
        return syllable
    base, tone = st
    return "".join(_TELEX_KEYS.get(c, c) for c in base) + ("", "s", "f", "r", "x", "j")[tone]


def test_telex_early_rejection_keeps_every_syllable() -> None:
    """Every syllable of the word lists, typed in Telex, decodes as without the early rejection."""
    from cleancorpus.vietnamese import _telex_readings, telex_decode

    for syllable in sorted(SP.syllables):
        keys = _telex_keys(syllable)
        if keys.isascii() and keys.isalpha():
            assert telex_decode(keys) == _telex_readings(keys, "first"), keys


@settings(max_examples=1000, deadline=None)
@given(st.text("aeiouyAEOdDwWfjzsrxSnghtcqlmbkpvNT", min_size=1, max_size=12))
def test_telex_early_rejection_changes_nothing(token: str) -> None:
    from cleancorpus.vietnamese import _telex_readings, telex_decode

    assert telex_decode(token) == _telex_readings(token, "first")


# -- the word lists, built faster -----------------------------------------------------------------

_OLD_KEY_VARIANTS = re.compile(r"(?:o[àáảãạèéẻẽẹ]|u[ỳýỷỹỵ])(?!\w)|(?<=[bcdđghklmnprstvx])[yýỳỷỹỵ](?!\w)")


@settings(max_examples=1000, deadline=None)
@given(st.text("oOuUyYaeiàáảãạèéẻẽẹỳýỷỹỵbcdđghkqtxđ_2 \n", max_size=12))
def test_key_variants_pattern_finds_the_same_words(text: str) -> None:
    from cleancorpus import lexicon

    assert (lexicon._KEY_VARIANTS.search(text) is None) == (_OLD_KEY_VARIANTS.search(text) is None)
    lines = text.split("\n")
    assert lexicon._spelling_keys(tuple(lines)) == {
        (" ".join(lexicon.i_for_y(lexicon.restyle(s, "first")) for s in e.split()) if _OLD_KEY_VARIANTS.search(e)
         else e) for e in lexicon.nfc(text).lower().split("\n")}


@settings(max_examples=300, deadline=None)
@given(st.sets(st.text("ab \t\u00a0\u2009", max_size=8), max_size=8))
def test_pairs_are_the_adjacent_syllables(entries: set[str]) -> None:
    import itertools

    from cleancorpus import lexicon

    expected = {f"{a} {b}" for e in entries for a, b in itertools.pairwise(e.split())}
    assert lexicon._pairs(entries) == expected


def test_white_space_but_the_space_is_unprintable() -> None:
    """``lexicon._pairs`` takes an entry with one space and only printable characters as two syllables."""
    every = (chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    assert [c for c in every if c.isspace() and c.isprintable()] == [" "]


def _reference_spelling(lang: str) -> dict[str, object]:
    """The fields of ``Spelling`` as the word lists were built before (one entry at a time)."""
    import itertools
    from collections import Counter

    from cleancorpus import lexicon
    from cleancorpus.vietnamese import is_valid_syllable, split_tone

    def keys(entries: tuple[str, ...]) -> set[str]:
        text = lexicon.nfc("\n".join(entries)).lower()
        return {(" ".join(lexicon.i_for_y(lexicon.restyle(s, "first")) for s in e.split())
                 if _OLD_KEY_VARIANTS.search(e) else e) for e in text.split("\n")}

    read = lexicon.read_list
    pyvi, v74k = keys(read(lang, "words")), keys(read(lang, "words_viet74k"))
    words = sorted(pyvi | v74k)
    core = pyvi & v74k
    common = lexicon._common_syllables()
    retone: dict[str, list[str]] = {}
    for entry in core:
        parts = entry.split()
        if len(parts) == 2:
            tone = split_tone(parts[1])
            if tone is not None and tone[1]:
                retone.setdefault(f"{parts[0]} {tone[0]}", []).append(parts[1])
    places = sorted(keys(read(lang, "places") + read(lang, "places_extra")))
    syllables: set[str] = set()
    pairs: set[str] = set()
    for entry in words + places:
        parts = entry.split()
        syllables.update(parts)
        pairs.update(f"{a} {b}" for a, b in itertools.pairwise(parts))
    return {
        "syllables": frozenset(syllables), "pairs": frozenset(pairs), "words": frozenset(words + places),
        "core_words": frozenset(core), "retone": {k: sorted(v) for k, v in retone.items()},
        "productivity": dict(Counter(s for w in words for s in w.split())),
        "retone_bases": frozenset(b for k, v in retone.items() if len(v) == 1 for b in lexicon._y_forms(k.split()[1])
                                  if b not in common and is_valid_syllable(b)),
        "places": frozenset(places), "place_tokens": frozenset(t for p in places for t in p.split()),
        "english": frozenset(w.lower() for w in read(lang, "english_telex")), "common": common,
    }


def test_spelling_is_built_as_before() -> None:
    expected = _reference_spelling("vi")
    for name, value in expected.items():
        got = getattr(SP, name)
        if name == "retone":
            got = {k: sorted(v) for k, v in got.items()}
        elif name == "productivity":
            assert list(got) == sorted(got)  # in syllable order
            got = dict(got)
        assert got == value, name


# -- the syllable parser's shortcuts --------------------------------------------------------------

def _reference_split_tone(word: str) -> tuple[str, int] | None:
    from cleancorpus.vietnamese import _UNTONE

    tone = 0
    out = []
    for ch in word:
        u = _UNTONE.get(ch)
        if u is None:
            out.append(ch)
            continue
        base, t = u
        if t:
            if tone:
                return None
            tone = t
        out.append(base)
    return "".join(out), tone


def _reference_parse(toneless: str) -> tuple[str, str, str] | None:
    from cleancorpus.vietnamese import CODAS, ONSETS, VOWELS

    onset = ""
    for o in ONSETS:
        if toneless.startswith(o):
            onset = o
            break
    rest = toneless[len(onset):]
    if onset == "gi" and (not rest or rest[0] not in VOWELS):
        onset, rest = "g", toneless[1:]
    if onset == "qu" and not rest:
        return None
    i = 0
    while i < len(rest) and rest[i] in VOWELS:
        i += 1
    vowels, coda = rest[:i], rest[i:]
    if not vowels or coda not in CODAS:
        return None
    return onset, vowels, coda


@settings(max_examples=1000, deadline=None)
@given(st.text("nghgikptrcqulmbdđxsvaeoiuyăâêôơưáàảãạếềểễệờớởỡợứừửữựýỳ", max_size=7))
def test_split_tone_and_parse_as_before(word: str) -> None:
    from cleancorpus.vietnamese import parse, split_tone

    assert split_tone(word) == _reference_split_tone(word)
    assert parse(word) == _reference_parse(word)


def test_split_tone_and_parse_of_every_syllable() -> None:
    from cleancorpus.vietnamese import parse, split_tone

    for syllable in SP.syllables:
        assert split_tone(syllable) == _reference_split_tone(syllable)
        for text in (syllable, (_reference_split_tone(syllable) or ("",))[0]):
            assert parse(text) == _reference_parse(text)


def test_common_syllables_are_justexts_stop_list() -> None:
    import justext

    from cleancorpus import lexicon

    expected = frozenset(lexicon.spelling_key(w.strip(".")) for w in justext.get_stoplist("Vietnamese"))
    assert lexicon._common_syllables() == expected
    assert len(expected) > 250
