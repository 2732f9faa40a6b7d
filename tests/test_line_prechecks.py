"""The pre-checks of the line filters (unicode.v1, whitespace.v1, header.v1, media.v1, social.v1,
caption.v1, related.v1, byline.v1) and the shared line features change no decision.

The filters are compared with their versions before the pre-checks (``tests/lines_reference``, kept
verbatim) one by one and chained as in the default profile, on tables of cases and on random
documents made of real lines, lexicon entries and noise, mutated (case, NFD, odd spaces, special
characters, markers). The claims the pre-checks rest on (which characters a pattern can start with,
how case folding and NFC treat whitespace) are checked over every code point.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleancorpus import segment
from cleancorpus.document import Block, Document
from cleancorpus.filters import byline, caption, header, media, related, social, unicode, whitespace
from cleancorpus.lexicon import load_lexicon, read_list
from tests.lines_reference import byline as ref_byline
from tests.lines_reference import caption as ref_caption
from tests.lines_reference import header as ref_header
from tests.lines_reference import media as ref_media
from tests.lines_reference import related as ref_related
from tests.lines_reference import segment as ref_segment
from tests.lines_reference import social as ref_social
from tests.lines_reference import unicode as ref_unicode
from tests.lines_reference import whitespace as ref_whitespace

ROOT = Path(__file__).resolve().parent.parent
ALL_CODE_POINTS = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]

#: (new filter class, reference class) in the order of the default profile.
PAIRS = [
    (unicode.UnicodeFilter, ref_unicode.UnicodeFilter),
    (whitespace.WhitespaceFilter, ref_whitespace.WhitespaceFilter),
    (header.HeaderFilter, ref_header.HeaderFilter),
    (media.MediaFilter, ref_media.MediaFilter),
    (social.SocialFilter, ref_social.SocialFilter),
    (caption.CaptionFilter, ref_caption.CaptionFilter),
    (related.RelatedFilter, ref_related.RelatedFilter),
    (byline.BylineFilter, ref_byline.BylineFilter),
]
#: Parameters other than the defaults, per filter id (the pre-checks depend on some of them).
VARIANTS: dict[str, list[dict[str, Any]]] = {
    "unicode.v1": [{"tone_style": "first"}, {"nfc": False}, {"mojibake": False}],
    "whitespace.v1": [],
    "header.v1": [{"title_line": False, "scan": 6}, {"date_lines": False}, {"scan": -2}],
    "media.v1": [{"max_words": 2, "max_link_words": 5}, {"max_words": 12}, {"max_words": 0}],
    "social.v1": [{"max_words": 4}, {"max_words": 60}],
    "caption.v1": [{"mode": "drop", "max_words": 10, "max_sentences": 1, "max_credit_words": 3,
                    "max_caption_words": 20}, {"mode": "keep"}, {"max_credit_words": 0, "max_words": 100}],
    "related.v1": [{"min_title_words": 2, "run_min": 2, "run_title_words": 3, "max_title_words": 12,
                    "max_teaser_words": 20}, {"max_title_words": 80, "run_min": 5}],
    "byline.v1": [{"max_zone": 8}, {"max_zone": 0, "dateline": False}],
}


# -- random documents -----------------------------------------------------------------------------

def _lines_of(text: str) -> list[str]:
    return [x for x in text.split("\n") if x.strip()]


def _real_lines() -> list[str]:
    lines: list[str] = []
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        lines += _lines_of(p.read_text(encoding="utf-8"))
    for p in sorted((ROOT / "fixtures" / "synthetic").glob("*.json")):
        lines += _lines_of(json.loads(p.read_text(encoding="utf-8")).get("raw", ""))
    return lines


def _lexicon_entries() -> list[str]:
    names = ["ui_lines", "ui_prefixes", "share_tokens", "related_cues", "section_cues", "teaser_prefixes",
             "credit_labels", "media_tags", "agencies", "weekdays", "illustrative", "source_labels",
             "title_prefixes", "signature_words"]
    return sorted({e for lang in ("vi", "en") for name in names for e in read_list(lang, name)})


REAL = _real_lines()
LEXICON = _lexicon_entries()
NOISE = [
    "Ảnh: Nguyễn Văn A", "(Ảnh: TTXVN)", "Ảnh minh họa", "(Ảnh minh hoạ)", "hình minh họa.", "Theo TTXVN",
    "Nguồn: Báo Lào Cai", "Bài và ảnh: Hồng Minh", "THANH VÂN", "Nguyễn Oanh", "TPO - Sáng nay", "(PLO)- Chiều qua",
    "HÀ NỘI (TTXVN) - Sáng 5/3", "VTV.vn - Tối qua", "![alt](http://x.y/a.jpg)", "![]()", "[]()", "|", "| |", "***",
    "![[Video] Tin nóng](https://a.b/c)", "[Video] Xem lại trận đấu", "[Infographics] Giá vàng", "Video: Bàn thắng đẹp",
    "Nguồn video: VTV", "Video:", "https://vnexpress.net/a-b-c.html", "www.abc.com.vn", "http://a.b/img.png?w=100",
    "abc_def_123.jpg", "quang cảnh 2.JPG", "image.jpeg?x=1.", "fb yt zl tw", "Facebook Twitter Zalo", "| fb | zl |",
    "Chia sẻ", "Tăng cỡ chữ", "Trang chủ > Thời sự > Chính trị", "Thời sự » Xã hội » Giáo dục", "a | b | c",
    "Từ khóa: bóng đá, V-League", "© 2024 Báo X", "Theo dõi Báo X trên Google News", "Theo dõi chúng tôi",
    "Tin liên quan", "TIN BÀI LIÊN QUAN:", "• Tin liên quan", "> Đọc nhiều", "Xem thêm: Tỉnh đẩy mạnh chuyển đổi số",
    ">> Tỉnh đẩy mạnh chuyển đổi số", "» Tin khác", "Multimedia", "Tiêu điểm:", "date 2025-10-30 Tiêu đề bài",
    "Thứ Năm, 30/10/2025 14:32 (GMT+7)", "Cập nhật: 30/10/2025", "30/10/2025", "Chủ nhật, 5/1/2020",
    "Kết thúc./.", "Hết /.", "Xong. /.", "Cuối bài ./.", "\u00a0", "\u200b", " \u00a0 ", "\u3000", "Ðà Nẵng", "HÃ  Ná»™i",
    "hoà bình", "thuỷ lợi", "a\u0340b", "Tiêu đề bài viết", "1. Mở đầu", "“Trích dẫn một câu nói”",
    "Giá vàng tăng mạnh trong phiên sáng nay", "Giá vàng tăng mạnh trong phiên sáng nay",
    "Nông dân phấn khởi vào vụ thu hoạch lúa đông xuân...", "Photo: Reuters", "Reporting by John Smith",
    "Bình luận (12)", "1.234 lượt xem | 5 bình luận", "Lượt xem: 1,2K", "12 comments", "Theo dõi X trên Google News",
    "Phối cảnh dự án. (Ảnh minh họa)", "Quang cảnh (ảnh tư liệu).", "Thời sự Thế giới Kinh doanh Giải trí",
    "Home | News | World | Business | Sport", "Trang chủ - Thời sự - Ô tô - Xe máy - Video",
]
SPACES = [" ", "  ", "\t", "\u00a0", "\u3000", "\u2009", "\u200b", "\u2000", "\u202f", "\x0b", "\x1c", "\x85", "\r"]
SPECIAL = ["ß", "ẞ", "ﬁ", "İ", "ı", "\u212a", "ſ", "\u0340", "\u0301", "\u0323", "Ð", "Ã", "â€", "\ufffd", "\u00ad",
           "\ufeff", "\x01", "Σ", ">", "»", "›", "|", ":", "(", ")", "!", "[", "]", ".", "…", "/.", "-", "–", "•", "*",
           "#", "©", "\"", "“", "'", "?", "½", "²", "_", "h", "H", "w", "W", "1", "\u0338", "ǅ", "\u0345", "\uf900",
           "\u2126", "\u212b", "e\u0302\u0323", "\u1100\u1161", ".jpg", "?x=1"]


def _mutate(line: str, ops: list[tuple[int, int]]) -> str:
    for op, k in ops:
        if op == 0:
            line = line.upper()
        elif op == 1:
            line = line.lower()
        elif op == 2:
            line = unicodedata.normalize("NFD", line)
        elif op == 3:
            line = SPACES[k % len(SPACES)] + line
        elif op == 4:
            line = line + SPACES[k % len(SPACES)]
        elif op == 5 and " " in line:
            i = k % line.count(" ")
            parts = line.split(" ")
            line = " ".join(parts[:i + 1]) + SPACES[k % len(SPACES)] + " ".join(parts[i + 1:])
        elif op == 6:
            i = k % (len(line) + 1)
            line = line[:i] + SPECIAL[k % len(SPECIAL)] + line[i:]
        elif op == 7:
            line = SPECIAL[k % len(SPECIAL)] + line
        elif op == 8:
            line = line + SPECIAL[k % len(SPECIAL)]
        elif op == 9:
            line = line.title()
        elif op == 10:
            line = ["• ", "> ", "-- ", "| ", ">> ", "» ", "* ", "# ", "(", "[", "!", "…"][k % 12] + line
        elif op == 11:
            line = line + [":", ".", "…", "...", " |", ")", " »", "?", "\"", " ./.", "/.", " .jpg", ": Reuters"][k % 13]
        elif op == 12:
            line = line[: k % (len(line) + 1)]
        elif op == 13:
            line = line + " " + LEXICON[k % len(LEXICON)]
        elif op == 14:
            line = LEXICON[k % len(LEXICON)] + [": ", " ", " - ", ""][k % 4] + line
    return line


_op = st.tuples(st.integers(0, 14), st.integers(0, 10_000))
_source = st.one_of(st.sampled_from(REAL), st.sampled_from(LEXICON), st.sampled_from(NOISE))
line = st.tuples(_source, st.lists(_op, max_size=3)).map(lambda t: _mutate(*t))
_gap = st.sampled_from(["\n", "\n", "\n\n", "\n\n", "\n \n", "\r\n", "\n\u00a0\n", "\n\t\n"])
#: A document: lines joined by line breaks, blank lines and lines of spaces.
document = st.lists(st.tuples(line, _gap), min_size=1, max_size=14).map(lambda parts: "".join(a + b for a, b in parts))
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _run(filters: list[Any], text: str, **fields: Any) -> dict[str, Any]:
    doc = Document.from_text(text, id="t", **fields)
    for f in filters:
        f.apply(doc)
    rec = doc.to_record()
    rec["blocks"] = [(b.status, b.kind, b.rule, b.text) for b in doc.blocks]
    return rec


def _same(new: list[Any], ref: list[Any], text: str, **fields: Any) -> None:
    assert _run(new, text, **fields) == _run(ref, text, **fields)


def _chain(params: dict[str, dict[str, Any]] | None = None) -> tuple[list[Any], list[Any]]:
    params = params or {}
    return ([n(**params.get(n.id, {})) for n, _ in PAIRS], [r(**params.get(n.id, {})) for n, r in PAIRS])


# -- filters against the reference ----------------------------------------------------------------

#: Lines on the edges of the pre-checks, each run through every filter alone and chained.
CASES = [
    "Giá vàng tăng mạnh\n\ntrao cờ.jpg\nQuang cảnh hội nghị.\n\nNội dung bài viết dài, kết thúc ở đây.",
    "Tiêu đề\n\nhttp://a.b/x.jpg?w=1.\n\nwww.site.vn/abc\n\nHttp://A.B/C.PNG\n\nh.jpg\n\nảnh.png",
    "Tiêu đề\n\nHà Nội: 5.jpg\n\nVideo: Trận đấu hay nhất\n\nClip:\n\n[Video] Xem lại\n\n![[Clip] A](u)",
    "Tiêu đề\n\nA | B\n\nx |\n\n| y\n\nx|\n\n<b>x</b>\n\n-- -- --\n\n_ _\n\n½ trang\n\n(…)",
    "Tiêu đề\n\n  Chia sẻ  \n\nCHIA SẺ:\n\nchia\u00a0sẻ\n\nfb|yt|zl\n\n|fb\n\nin\n\nin x\n\nLike Share\n\nx > y > z",
    "Tiêu đề\n\nTheo dõi Báo X trên Zalo\n\nTheo dõi\n\n©2024 X\n\nTags:a,b\n\nTừ khoá: x\n\nTHEO DÕI BÁO X TRÊN FACEBOOK",
    "Tiêu đề\n\nTheo dõi X trên Zalo.\n\nTheo dõi Zalo của xã để biết\n\nBình luận (12)\n\n1,2K lượt xem | 3 bình luận\n\n"
    "(5) Thích\n\nChia sẻ:3\n\n12 ý kiến đóng góp\n\nLượt xem: 1.234.\n\n[7]comments",
    "Tiêu đề\n\nBài viết.\n\nPhối cảnh. (Ảnh minh họa)\n\nMột. Hai. Ba (ảnh minh hoạ).\n\nX (Hình tư liệu) .\n\n"
    "(Ảnh minh họa)(Ảnh minh họa)\n\nẢnh đẹp(ẢNH MINH HỌA).",
    "Tiêu đề\n\nBài viết.\n\nẢnh: Nguyễn Văn A\n\nBức ảnh đẹp. Ảnh: A B\n\nBài và ảnh: X Y\n\nThời gian: 8h30",
    "Tiêu đề\n\nBài viết.\n\nẢNH MİNH HỌA: X\n\nảnh mınh họa: X\n\n(Ảnh minh họa)\n\nhình tư liệu\n\nHình minh hoạ.",
    "Tiêu đề\n\nMột câu rất dài " + "rất " * 40 + "với nhãn cuối. Ảnh:    Nguyễn Văn A",
    "Tiêu đề\n\nBài viết.\n\n•Tin liên quan\n\n- - Tin liên quan\n\n> > Đọc nhiều:\n\nTin liên quan : .\n\nTIN KHÁC",
    "Tiêu đề\n\nBài viết dài ở đây.\n\nXem thêm: Tỉnh A đẩy mạnh\n\n>>Tỉnh B\n\nMultimedia\n\nTỉnh C làm đường mới\n\n"
    "Tỉnh D xây cầu mới",
    "Tiêu đề\n\nBài viết dài ở đây.\n\nGiá vàng tăng mạnh hôm nay\n\nGIÁ VÀNG TĂNG MẠNH HÔM NAY\n\nNội dung tóm tắt...",
    "Tiêu đề\n\nBài viết dài ở đây./.\n\nKết thúc. /.\n\nHết ./.\n\nTHANH VÂN\n\n(TTXVN)",
    "Tiêu đề\n\ndate 2025-10-30 Thứ Năm, 30/10/2025\n\nCập nhật: 1/2/2024 10:00\n\nTiêu đề\n\nNội dung.",
    "\u200b\n\n\u00a0\n\nTiêu\u00a0đề \n\n\tNội dung\u3000bài\u2009viết. \n\nHÃ  Ná»™i Ðà Nẵng a\u0340\n\n" + "x" * 400,
    "Tiêu đề\n\nVideo nổi bật\n\n" + "\n\n".join(f"Bài số {i} về chuyện thời sự hôm nay trong nước" for i in range(6)),
]


@pytest.mark.parametrize("case", range(len(CASES)))
@pytest.mark.parametrize("pair", PAIRS, ids=[n.id for n, _ in PAIRS])
def test_filter_alone_as_before_on_cases(pair: tuple[type, type], case: int) -> None:
    new, ref = pair
    for params in [{}, *VARIANTS[new.id]]:
        _same([new(**params)], [ref(**params)], CASES[case])


@pytest.mark.parametrize("case", range(len(CASES)))
def test_chain_as_before_on_cases(case: int) -> None:
    _same(*_chain(), CASES[case])
    _same(*_chain(), CASES[case], title="Tiêu đề")


@pytest.mark.parametrize("pair", PAIRS, ids=[n.id for n, _ in PAIRS])
@FAST
@given(text=document, variant=st.integers(0, 3))
def test_filter_alone_as_before(pair: tuple[type, type], text: str, variant: int) -> None:
    new, ref = pair
    params = ([{}, *VARIANTS[new.id]])[variant % (len(VARIANTS[new.id]) + 1)]
    _same([new(**params)], [ref(**params)], text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_chain_as_before(text: str) -> None:
    """Chained as in the default profile: later filters read what earlier ones cached."""
    _same(*_chain(), text)


@FAST
@given(document, st.permutations(range(len(PAIRS))))
def test_any_order_as_before(text: str, order: list[int]) -> None:
    new, ref = _chain()
    _same([new[i] for i in order], [ref[i] for i in order], text)


@FAST
@given(document, st.integers(0, 1))
def test_chain_with_variants_as_before(text: str, which: int) -> None:
    params = {n.id: VARIANTS[n.id][which % len(VARIANTS[n.id])] for n, _ in PAIRS if VARIANTS[n.id]}
    _same(*_chain(params), text)


def test_fixtures_and_seeds_as_before() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += [json.loads(p.read_text(encoding="utf-8")).get("raw", "") for p in
              sorted((ROOT / "fixtures" / "synthetic").glob("*.json"))]
    for text in texts:
        _same(*_chain(), text)
        _same(*_chain(), text.replace("\n", " "))


# -- the shared line features ---------------------------------------------------------------------

_text = st.one_of(line, st.text(" \t\u00a0\u2009\u200bab.ĐảAh:|", max_size=30), st.text(max_size=30))


def _block(text: str) -> Block:
    """A line of any text (blank too), as a filter would see it after edits."""
    t = text.replace("\n", " ")
    return Block(0, 0, len(t), t, False)


@settings(max_examples=300, deadline=None)
@given(_text)
def test_profile_is_its_definition(text: str) -> None:
    b = _block(text)
    s = b.text.strip()
    assert segment.profile(b) == (s, s.split()[0] if s else "", len(b.text.split()),
                                  ref_segment.is_titlelike(_block(text), 10**9))
    assert segment.count_tokens(b.text) == len(b.text.split())


@settings(max_examples=300, deadline=None)
@given(_text)
def test_clean_profile_is_the_profile(text: str) -> None:
    t = " ".join(text.split())
    if not t or not t.isprintable():
        return
    a, b = _block(t), _block(t)
    segment.mark_clean([a])
    assert a.cache["P"] == segment.profile(b)


@settings(max_examples=200, deadline=None)
@given(st.lists(_text, max_size=40))
def test_clean_profiles_of_many_lines_are_the_profiles(texts: list[str]) -> None:
    """mark_clean over a whole document, as whitespace.v1 calls it, and profile() line by line."""
    clean = [t for t in (" ".join(x.split()) for x in texts) if t and t.isprintable()]
    many, one = [_block(t) for t in clean], [_block(t) for t in clean]
    segment.mark_clean(iter(many))
    assert [b.cache["P"] for b in many] == [segment.profile(b) for b in one]
    assert all(type(b.cache["P"][3]) is bool for b in many)


@settings(max_examples=300, deadline=None)
@given(_text, st.lists(st.integers(-2, 60), max_size=4))
def test_words_over_is_a_count(text: str, thresholds: list[int]) -> None:
    b = _block(text)
    n = len(b.text.split())
    for k in thresholds:  # in any order, with what earlier calls cached
        assert segment.words_over(b, k) == (n > k)
    assert segment.words(b) == n


@settings(max_examples=300, deadline=None)
@given(_text, st.sampled_from([40, 3, 0, 120]))
def test_titlelike_and_first_key_as_before(text: str, max_words: int) -> None:
    assert segment.is_titlelike(_block(text), max_words) == ref_segment.is_titlelike(_block(text), max_words)
    assert segment.first_key(_block(text)) == ref_segment.norm_key(text.replace("\n", " ")).partition(" ")[0]


@settings(max_examples=300, deadline=None)
@given(st.lists(_text, min_size=1, max_size=6), st.lists(st.booleans(), max_size=6))
def test_nonprintable_blocks_as_before(texts: list[str], known: list[bool]) -> None:
    """With no line, some lines or every line asked about before (the answers are cached)."""
    doc = Document.from_text("\n".join(t.replace("\n", " ") for t in texts), id="t")
    segment.nonprintable_blocks([b for b, k in zip(doc.blocks, known, strict=False) if k])
    assert segment.nonprintable_blocks(doc.blocks) == [b for b in doc.blocks if not b.text.isprintable()]


# -- the claims behind the pre-checks -------------------------------------------------------------

def test_whitespace_other_than_space_is_not_printable() -> None:
    """count_tokens and nonprintable_blocks: a printable text has no whitespace but the space."""
    assert not [c for c in ALL_CODE_POINTS if c.isspace() and c != " " and c.isprintable()]


def test_whitespace_is_kept_apart_by_nfc_and_case_folding() -> None:
    """first_key: the key's first token is the folded first token of the line. Whitespace is a
    starter that no composition starts or ends with (a canonical decomposition into two characters
    never holds one; U+2000 and U+2001 decompose to single spaces), so NFC never composes across
    it nor reorders marks over it; and NFC and case folding map whitespace to whitespace and the
    rest to the rest."""
    for c in ALL_CODE_POINTS:
        nfc = unicodedata.normalize("NFC", c)
        folded = nfc.casefold()
        if c.isspace():
            assert unicodedata.combining(c) == 0 and nfc.isspace() and folded.isspace(), hex(ord(c))
        else:
            assert not any(x.isspace() for x in nfc + folded + c.casefold()), hex(ord(c))
        decomposition = unicodedata.decomposition(c)
        if decomposition and not decomposition.startswith("<"):
            parts = [chr(int(x, 16)) for x in decomposition.split()]
            if len(parts) > 1:
                assert not any(x.isspace() for x in parts), hex(ord(c))
            else:
                assert parts[0].isspace() == c.isspace(), hex(ord(c))


def _first_chars(rx: re.Pattern[str], rest: str) -> set[str]:
    return {c for c in ALL_CODE_POINTS if rx.match(c + rest)}


def test_url_lines_start_with_h_or_w() -> None:
    """media.v1 skips the URL rule unless the line starts with h, H, w or W."""
    assert _first_chars(media._URL_LINE, "ttps://a.b") | _first_chars(media._URL_LINE, "ww.a.b") == set("hHwW")


def test_illustrative_notes_start_with_a_bracket_or_their_first_letter() -> None:
    """caption.v1 skips the illustrative rule unless the stripped line starts with one of these."""
    found = (_first_chars(caption._ILLUSTRATIVE, "nh minh họa") | _first_chars(caption._ILLUSTRATIVE, "ình tư liệu")
             | _first_chars(caption._ILLUSTRATIVE, "ảnh minh họa)"))
    assert {c for c in found if not c.isspace()} == set(caption._ILLUSTRATIVE_FIRST)


def test_placeholder_lines_start_and_end_with_its_characters() -> None:
    found = {c for c in ALL_CODE_POINTS if not c.isspace() and media._PLACEHOLDER.match(c)}
    assert found == set(media._PLACEHOLDER_FIRST)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_credit_label_characters_fold_as_the_pattern_matches(lang: str) -> None:
    """caption.v1's label pre-check compares case-folded text: every character that matches a label
    character ignoring case folds like it, but for those of ``_CASE_EXTRA``."""
    chars = sorted(set("".join(load_lexicon(lang).credit_labels)))
    any_of = re.compile("(?:" + "|".join(re.escape(x) for x in chars) + ")", re.IGNORECASE)
    for c in ALL_CODE_POINTS:
        if any_of.fullmatch(c) and c not in caption._CASE_EXTRA:
            for x in chars:
                if re.fullmatch(re.escape(x), c, re.IGNORECASE):
                    assert c.casefold() == x.casefold(), (hex(ord(c)), x)


_caption_text = st.lists(st.sampled_from([*"ảẢnhHNI:()., -–;!?ı\u00a0", "Ảnh", "ảnh", "Photo", "Ảnh minh họa",
                                          "Bài và", ": ", "  ", "X Y"]), max_size=20).map("".join)


@pytest.mark.parametrize("lang", ["vi", "en"])
@settings(max_examples=300, deadline=None)
@given(text=st.one_of(_caption_text, st.tuples(_caption_text, _caption_text).map(lambda t: t[0] * 3 + t[1])))
def test_credit_search_as_the_pattern(lang: str, text: str) -> None:
    rule = caption._CreditRule(load_lexicon(lang).credit_labels)
    if ":" in text:
        start = rule.start(text, text.rfind(":"))
        got, want = None if start is None else rule.rx.search(text, start), rule.rx.search(text)
        assert (got and got.span()) == (want and want.span())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"ab. /)\"”\u00a0\t,", "./.", " ./.", "word"]), max_size=20).map("".join))
def test_end_marker_search_as_the_pattern(text: str) -> None:
    text += "/."
    got, want = byline._end_marker(text), byline._END_MARKER.search(text)
    assert (got and got.span()) == (want and want.span())


def _check_gate(could: Callable[[str], bool], fires: Callable[[str], bool], text: str) -> None:
    toks = text.split()
    if fires(ref_segment.norm_key(text)):
        assert could(toks[0] if toks else "")


@pytest.mark.parametrize("lang", ["vi", "en"])
@settings(max_examples=300, deadline=None)
@given(text=line)
def test_social_gate_lets_every_lexicon_line_through(lang: str, text: str) -> None:
    lex = load_lexicon(lang)
    flt = social.SocialFilter()
    gate = flt._gate(lex)
    share_rx = flt._share_row(lex)

    def fires(k: str) -> bool:
        toks = [t for t in social._SPLIT.split(k) if t] if share_rx.fullmatch(k) else []
        return (k in lex.ui_lines or k.rstrip(":") in lex.ui_lines or flt._ui_prefix(k, lex.ui_prefixes)
                or k.lstrip(social._MARKS).rstrip(":") in lex.ui_lines
                or bool(toks and all(t in lex.share_tokens for t in toks)) or bool(flt._counter(lex).fullmatch(k)))

    _check_gate(gate.could_fire, fires, text.replace("\n", " "))


@pytest.mark.parametrize("lang", ["vi", "en"])
@settings(max_examples=300, deadline=None)
@given(text=line)
def test_related_gate_lets_every_cue_and_teaser_through(lang: str, text: str) -> None:
    lex = load_lexicon(lang)
    gate = related._CueGate(lex)

    def fires(k: str) -> bool:
        ck = related.cue_key(k)
        return ck in lex.related_cues or ck in lex.section_cues or k.startswith(lex.teaser_prefixes)

    _check_gate(gate.could_be_cue, fires, text.replace("\n", " "))


_related_line = st.sampled_from([
    "Bài viết dài ở đây, kết thúc bằng dấu chấm.", "một dòng chữ thường không phải tiêu đề", "Tin liên quan",
    "Multimedia", "Xem thêm: Tỉnh A đẩy mạnh chuyển đổi số", "Giá vàng tăng mạnh trong phiên sáng nay",
    "Giá vàng tăng mạnh trong phiên sáng nay", "Tỉnh B xây cầu", "Nội dung tóm tắt của bài...",
    "nội dung tóm tắt viết thường...", "Tóm tắt " + "rất dài " * 80 + "nữa.", "Một", "Chuyện lạ ở phố cổ Hà Nội"])


@pytest.mark.parametrize("params", [{}, *VARIANTS["related.v1"]])
@settings(max_examples=300, deadline=None)
@given(lines=st.lists(_related_line, max_size=16))
def test_related_tail_start_as_its_definition(params: dict[str, Any], lines: list[str]) -> None:
    """related.v1 reads the tail start off the class string: the first line after a prose line
    that is a signal and from which the rest parses, as the plain loop over every line finds it."""
    flt = related.RelatedFilter(**params)
    live = Document.from_text("\n".join(lines), id="t").blocks
    cls = flt._classes(live, load_lexicon("vi"))
    want, seen = len(live), False
    for i, c in enumerate(cls):
        if c == related.PROSE:
            seen = True
        elif seen and flt._signal(live, cls, i) and _parses_to_end(flt, live, cls, i):
            want = i
            break
    assert flt._tail_start(live, cls) == want


def _parses_to_end(flt: related.RelatedFilter, live: list[Block], cls: list[str], start: int) -> bool:
    """Whether the lines from ``start`` on parse as a furniture tail, line by line (the definition,
    as related.v1 had it before reading the class string)."""
    prev = cls[start]
    for j in range(start + 1, len(live)):
        c = cls[j]
        if c in (related.STRONG, related.WEAK, related.TEASER):
            prev = related.STRONG
        elif c == related.TITLE:
            prev = related.TITLE
        elif c == related.PROSE and prev == related.TITLE and flt._teaser_ok(live[j]):
            prev = related.PROSE
        else:
            return False
    return True


@settings(max_examples=200, deadline=None)
@given(st.lists(_text, min_size=1, max_size=5), st.integers(0, 4), st.integers(0, 2), _text)
def test_joined_by_spaces_follows_the_document(texts: list[str], which: int, op: int, new: str) -> None:
    """The joined text is read back only while nothing changed: after an edit or a removal
    anywhere, it is built again."""
    doc = Document.from_text("\n".join(t.replace("\n", " ") for t in texts), id="t")
    live = doc.live()
    if not live:
        return
    assert segment.joined_by_spaces(doc, live) == " ".join(b.text for b in live)
    b = live[which % len(live)]
    if op == 0:
        doc.edit(b, 0, len(b.text) // 2, new.replace("\n", " "), "t")
    elif op == 1:
        doc.remove(b, "t", "t")
    live = doc.live()
    assert segment.joined_by_spaces(doc, live) == " ".join(b.text for b in live)
