"""Typo repair: the syllable validator, the input-method decoders, residue.v1, diacritic.v1 and the
tone-style option of unicode.v1. Case tables of repairs and of text that must pass unchanged."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleancorpus
from cleancorpus.document import Document
from cleancorpus.filters.typos import DiacriticFilter, ResidueFilter
from cleancorpus.filters.unicode import UnicodeFilter
from cleancorpus.lexicon import load_spelling
from cleancorpus.vietnamese import is_valid_syllable, restyle, telex_decode, viqr_decode, vni_decode
from tests.conftest import ROOT

VALID = ["việt", "nam", "người", "đường", "quốc", "gì", "gìn", "giữa", "nghiêng", "khuya", "thuở", "huế",
         "yêu", "quyết", "xoong", "hoà", "hòa", "thuỷ", "thủy", "oanh", "Ứng", "ĐƯỜNG", "kìm", "ghế", "tôi", "a",
         "quên", "quỳnh", "que", "quăng", "giếng", "giết", "cứu", "khuỷu"]
INVALID = ["of", "ck", "ka", "ke" + "o" * 3, "gế", "ghá", "ngé" + "o", "cẹt", "bàt", "kon", "đắk", "quoa", "nghá",
           "hoàá", "this", "bus", "xyz", "việtt", "", "quo", "quuy"]


@pytest.mark.parametrize("word", VALID)
def test_valid_syllables(word: str) -> None:
    assert is_valid_syllable(word)


@pytest.mark.parametrize("word", INVALID)
def test_invalid_syllables(word: str) -> None:
    assert not is_valid_syllable(word)


TELEX = [
    ("Lafo", "Lào", "late tone key before the last vowel"),
    ("Laof", "Lào", "tone key at the end"),
    ("Vieejt", "Việt", "tone key before the coda"),
    ("Vieetj", "Việt", "standard order"),
    ("nguoiwf", "người", "late w for ươ, then the tone"),
    ("cana", "cân", "late hat key"),
    ("trangw", "trăng", "late w for ă"),
    ("nhw", "như", "w alone is ư"),
    ("dduwowngf", "đường", "full keys"),
    ("hoaf", "hòa", "tone on the first vowel of oa (first style)"),
    ("quoocs", "quốc", "qu onset"),
    ("giaf", "già", "gi onset"),
    ("muaw", "mưa", "w on ua"),
    ("ddi", "đi", "dd"),
    ("loss", None, "doubled tone key is literal"),
    ("effort", None, "not a syllable"),
    ("Hello", None, "no Telex key"),
]


@pytest.mark.parametrize("token,expected,why", TELEX, ids=[t[0] for t in TELEX])
def test_telex_decode(token: str, expected: str | None, why: str) -> None:
    assert telex_decode(token) == expected, why


def test_vni_and_viqr_decode() -> None:
    assert vni_decode("Vie65t") == "Việt"
    assert vni_decode("d9u7o7ng2") == "đường"
    assert viqr_decode("Vie^.t") == "Việt"
    assert viqr_decode("ddu+o+`ng") == "đường"
    assert vni_decode("H5N1") is None


def test_restyle() -> None:
    assert restyle("hoà", "first") == "hòa"
    assert restyle("Thủy", "second") == "Thuỷ"
    assert restyle("hoàn", "second") == "hoàn"  # closed syllable: one placement only
    assert restyle("quý", "second") == "quý"  # the u of qu is part of the onset


def _fix(text: str, flt: object) -> tuple[str, list]:
    doc = Document.from_text(text, id="t")
    flt.apply(doc)  # type: ignore[attr-defined]
    return doc.text, doc.fixes


REPAIRS = [
    ("lafo-cai", "Ban Thường vụ Tỉnh ủy Lafo Cai tổ chức hội nghị.", "Ban Thường vụ Tỉnh ủy Lào Cai tổ chức hội nghị."),
    ("line-start", "Lafo Cai là tỉnh biên giới phía bắc.", "Lào Cai là tỉnh biên giới phía bắc."),
    ("two-tokens", "Chúng tôi yêu Vieejt Nam và nguoiwf dân.", "Chúng tôi yêu Việt Nam và người dân."),
    ("place-pair", "Đoàn công tác đến Hoaf Bình vào sáng nay.", "Đoàn công tác đến Hòa Bình vào sáng nay."),
    ("late-hat", "Sản lượng tăng mạnh trong năm nay, cana đối thu chi ngân sách.",
     "Sản lượng tăng mạnh trong năm nay, cân đối thu chi ngân sách."),
    ("w-late", "Đêm rằm ánh trangw sáng tỏ trên cánh đồng.", "Đêm rằm ánh trăng sáng tỏ trên cánh đồng."),
    ("quotes", "Họ gọi đó là “dduwowngf” mới của tỉnh.", "Họ gọi đó là “đường” mới của tỉnh."),
    ("second-style-doc", "Hoà bình là khát vọng, nhân dân mong hoaf bình.", "Hoà bình là khát vọng, nhân dân mong hoà bình."),
]


@pytest.mark.parametrize("case,text,expected", REPAIRS, ids=[r[0] for r in REPAIRS])
def test_residue_repairs(case: str, text: str, expected: str) -> None:
    out, fixes = _fix(text, ResidueFilter())
    assert out == expected
    assert fixes and all(f.rule.startswith("residue.v1/") and f.evidence for f in fixes)


UNCHANGED = [
    ("english-telex-words", "Ông nói rằng this bus of the chef Hans là gas nhưng GATS và TW đã đồng ý."),
    ("english-sentence", "Câu khẩu hiệu “Make Vietnam great” được in trên áo, cùng dòng chữ free wifi."),
    ("acronyms", "Đại diện WTO, ASEAN, GATS, TW, VW và IX đã có mặt tại hội nghị."),
    ("url", "Thông tin được đăng tại https://example.gov.vn/thoi-su/hoaf-binh.html trong sáng nay."),
    ("email", "Mọi ý kiến xin gửi về toasoan@example.vn hoặc banbientap@example.com trước ngày 5."),
    ("file-name", "Tệp dduwowngf_2024.xlsx và bao_cao-final.docx được gửi kèm công văn."),
    ("model-codes", "Virus cúm A H5N1, máy bay Su-30, điện thoại A4 và xe X5 được nhắc đến."),
    ("foreign-names", "Tuyển trẻ Anh còn có Ojo, Walker, Konsa và Park Ji Hoon cùng Dow Jones."),
    ("gazetteer", "Các tỉnh Đắk Lắk, Kon Tum, Gia Lai và huyện Ia Grai, Krông Pắc, Ea H'leo tham dự."),
    ("chinese-places", "Hà Khẩu, Côn Minh, Kim Bình và Kim Thủy Hà thuộc tỉnh Vân Nam, Hồng Hà."),
    ("loanwords", "Món phở được nấu trong nồi xoong, ăn kèm sốt mayonnaise và bánh mì sandwich."),
    ("code", "Lệnh print(x) và biến user_id, hàm getValue() được dùng trong đoạn mã."),
    ("numbers", "Năm 2024, doanh thu đạt 1.250 tỷ đồng, tăng 12,5% so với cùng kỳ."),
    ("ascii-line", "Rows fee off week free wood jazz fix mix"),
    ("valid-ascii-syllables", "Ban cho la xa ra va ta sang nam thanh minh hoa ban cho."),
]


@pytest.mark.parametrize("case,text", UNCHANGED, ids=[u[0] for u in UNCHANGED])
@pytest.mark.parametrize("policy", ["tight", "aggressive"])
def test_residue_leaves_unchanged(case: str, text: str, policy: str) -> None:
    if policy == "aggressive" and case == "foreign-names":
        pytest.skip("the aggressive policy accepts strong evidence without a word pair (documented risk)")
    out, fixes = _fix(text, ResidueFilter(policy=policy))
    assert out == text, [(f.before, f.after, f.evidence) for f in fixes]


def test_vni_off_by_default_and_on_when_asked() -> None:
    text = "Chúng tôi yêu Vie65t Nam và máy A4."
    assert _fix(text, ResidueFilter())[0] == text
    assert _fix(text, ResidueFilter(policy="aggressive", vni=True))[0] == "Chúng tôi yêu Việt Nam và máy A4."


def test_viqr_only_with_aggressive() -> None:
    text = "Chúng tôi yêu Vie^.t Nam."
    assert _fix(text, ResidueFilter())[0] == text
    assert _fix(text, ResidueFilter(policy="aggressive"))[0] == "Chúng tôi yêu Việt Nam."


def test_policy_is_checked() -> None:
    with pytest.raises(ValueError, match="policy"):
        ResidueFilter(policy="loose")


DIACRITIC_REPAIRS = [
    ("hiep-dinh", "Trên cơ sở quy định tại “Hiệp đinh tạm thời về giải quyết vụ việc”.",
     "Trên cơ sở quy định tại “Hiệp định tạm thời về giải quyết vụ việc”."),
    ("tuyen-truyen", "Cuộc thi tìm hiểu và tuyên truyên pháp luật thu hút nhiều học sinh.",
     "Cuộc thi tìm hiểu và tuyên truyền pháp luật thu hút nhiều học sinh."),
]
DIACRITIC_UNCHANGED = [
    ("free-words", "Không hiểu anh học được ở đâu, vào trong nhà ông thấy khói đen từ đêm qua."),
    ("names", "Phút 14, Đức Chinh chuyền cho Hạ Vi và Hoàng Thanh ở Biển Đông."),
    ("exam", "Kỳ thi THPT quốc gia năm nay diễn ra tại 63 tỉnh, người tiêu dùng được mua sữa."),
    ("ascii", "Hiep dinh tam thoi"),
    ("as-common-as-the-repair", "Năm nay được tài tinh soi chiếu, anh học đòn hồi mã thương của võ cổ truyền."),
    ("pronoun-first", "Có lẽ kiếp trước tôi nợ cô ấy điều gì mà nay phải trả."),
]


@pytest.mark.parametrize("case,text,expected", DIACRITIC_REPAIRS, ids=[r[0] for r in DIACRITIC_REPAIRS])
def test_diacritic_repairs(case: str, text: str, expected: str) -> None:
    out, fixes = _fix(text, DiacriticFilter())
    assert out == expected
    assert all(f.rule == "diacritic.v1" and "known word" in (f.evidence or "") for f in fixes)


@pytest.mark.parametrize("case,text", DIACRITIC_UNCHANGED, ids=[u[0] for u in DIACRITIC_UNCHANGED])
def test_diacritic_leaves_unchanged(case: str, text: str) -> None:
    assert _fix(text, DiacriticFilter())[0] == text


TONE_STYLE = [
    ("preserve", "Hoà bình, thủy lợi, khoẻ mạnh.", "Hoà bình, thủy lợi, khoẻ mạnh."),
    ("first", "Hoà bình, thuỷ lợi, khoẻ mạnh, HOÀ.", "Hòa bình, thủy lợi, khỏe mạnh, HÒA."),
    ("second", "Hòa bình, thủy lợi, khỏe mạnh, hoàn toàn.", "Hoà bình, thuỷ lợi, khoẻ mạnh, hoàn toàn."),
]


@pytest.mark.parametrize("style,text,expected", TONE_STYLE, ids=[t[0] for t in TONE_STYLE])
def test_tone_style(style: str, text: str, expected: str) -> None:
    out, fixes = _fix(text, UnicodeFilter(tone_style=style))
    assert out == expected
    assert all(f.rule == "unicode.v1/tone-style" for f in fixes)


def test_tone_style_is_checked() -> None:
    with pytest.raises(ValueError, match="tone_style"):
        UnicodeFilter(tone_style="new")


def test_lafo_cai_in_body_text_through_the_pipeline(body_pipe) -> None:
    rec = body_pipe.clean("Sáng 20/3, Ban Thường vụ Tỉnh ủy Lafo Cai tổ chức hội nghị quán triệt nhiệm vụ năm 2026.",
                          id="x")
    assert "Lào Cai" in rec["text"] and "Lafo" not in rec["text"]
    (fix,) = [f for f in rec["fixes"] if f["rule"].startswith("residue.v1")]
    assert fix["before"] == "Lafo" and fix["after"] == "Lào" and "Lào Cai" in fix["evidence"]


def test_filters_are_registered_and_in_the_profile() -> None:
    ids = [f.id for f in cleancorpus.default_pipeline().filters]
    # the typo filters last: they repair what the noise filters keep or move into fields
    assert ids[-2:] == ["residue.v1", "diacritic.v1"] and ids.index("inline.v1") < ids.index("residue.v1")



_PAGE = """{title}
30/10/2025 08:00
Sáng 30/10, Ủy ban nhân dân tỉnh Lào Cai tổ chức hội nghị với chính quyền tỉnh Vân Nam (Trung Quốc) để bàn về hợp tác thương mại qua cửa khẩu quốc tế.
![](https://example.vn/anh-hoi-nghi.jpg)
{caption}
Hai bên thống nhất tăng cường kết nối hạ tầng giao thông, thúc đẩy thông quan hàng hóa và phát triển du lịch biên giới.
Tin liên quan
{teaser}
Vân Nam và Lào Cai ký kết biên bản hợp tác
"""


@pytest.mark.parametrize(("part", "written", "field", "expected"), [
    # the title line, moved by header.v1 before the typo filters run: the field is repaired
    ("title", "Lafo Cai đẩy mạnh hợp tác thương mại với Vân Nam", "title",
     "Lào Cai đẩy mạnh hợp tác thương mại với Vân Nam"),
    # a caption line, moved by caption.v1
    ("caption", "Quang cảnh hội nghị tại thành phố Lafo Cai. Ảnh: Nguyễn Oanh-TTXVN", "captions",
     ["Quang cảnh hội nghị tại thành phố Lào Cai. Ảnh: Nguyễn Oanh-TTXVN"]),
    # a teaser of a related list, removed by related.v1: nothing is repaired in it, nor recorded
    ("teaser", "Lafo Cai khởi công cầu đường bộ mới qua sông Hồng", None, None),
])
def test_typo_filters_repair_what_reaches_the_output(part, written, field, expected) -> None:
    parts = {"title": "Hội nghị hợp tác thương mại với Vân Nam",
             "caption": "Quang cảnh hội nghị. Ảnh: Nguyễn Oanh-TTXVN",
             "teaser": "Khởi công cầu đường bộ mới qua sông Hồng"}
    parts[part] = written
    raw = _PAGE.format(**parts)
    rec = cleancorpus.default_pipeline().clean(raw, id="p")
    assert "Lafo" not in rec["text"] and "Lào Cai tổ chức hội nghị" in rec["text"]
    fixes = [f for f in rec["fixes"] if f["rule"] == "residue.v1/telex"]
    moved = [r for r in rec["removed"] if "Lafo" in r["text"]]
    assert len(moved) == 1  # the removal record keeps the line as it was
    if field is None:
        assert fixes == [] and "field" not in moved[0]
        return
    assert rec[field] == expected and moved[0]["field"] == field
    assert len(fixes) == 1 and raw[fixes[0]["start"]:fixes[0]["end"]] == "Lafo" == fixes[0]["before"]


def _typos_first() -> cleancorpus.Pipeline:
    """The default filters with the typo filters right after whitespace.v1 (the order before they
    moved to the end)."""
    filters = list(cleancorpus.default_pipeline().filters)
    typos = [f for f in filters if f.id in ("residue.v1", "diacritic.v1")]
    rest = [f for f in filters if f not in typos]
    at = [f.id for f in rest].index("whitespace.v1") + 1
    return cleancorpus.Pipeline(rest[:at] + typos + rest[at:])


_SEED_TEXTS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.mark.parametrize("path", _SEED_TEXTS, ids=[p.stem for p in _SEED_TEXTS])
def test_typo_filters_last_change_only_the_trace(path) -> None:
    """Running the typo filters last (the default) or before the noise filters gives the same text
    and fields on the seeds: only the trace differs (no fixes inside lines removed later)."""
    raw = path.read_text(encoding="utf-8")
    last = cleancorpus.default_pipeline().clean(raw, id=path.stem)
    first = _typos_first().clean(raw, id=path.stem)
    for key in ("title", "date", "author", "agency", "text", "captions"):
        assert last[key] == first[key], key
    assert [f for f in last["fixes"] if f not in first["fixes"]] == []
    assert {(r["rule"], r["start"], r["end"]) for r in last["removed"]} == {
        (r["rule"], r["start"], r["end"]) for r in first["removed"]}

def test_gazetteer_and_word_lists_loaded() -> None:
    sp = load_spelling("vi")
    for pair in ("lào cai", "vân nam", "hà khẩu", "côn minh", "kim bình", "hiệp định", "bát xát"):
        assert pair in sp.pairs, pair
    assert {"of", "this", "bus", "gas", "chef", "hans"} <= sp.english


_ALPHABET = "aeioudwfjzsrxnghtcqlmVNTHLaăâêôơưđàáảãạ "
residue_text = st.lists(st.one_of(st.text(_ALPHABET, min_size=1, max_size=8),
                                  st.sampled_from(["Việt", "người", "Lafo", "Cai", "Hiệp", "đinh", "nguoiwf", "TW"])),
                        max_size=20).map(" ".join)


@settings(max_examples=100, deadline=None)
@given(residue_text, st.sampled_from(["tight", "aggressive"]))
def test_typo_filters_never_crash_and_are_idempotent(text: str, policy: str) -> None:
    pipe = cleancorpus.Pipeline([ResidueFilter(policy=policy, vni=True), DiacriticFilter()])
    once = pipe.clean(text, id="x")["text"]
    assert pipe.clean(once, id="x")["text"] == once


def test_title_line_is_repaired_too(pipe) -> None:
    rec = pipe.clean("Tỉnh ủy Lafo Cai triển khai nhiệm vụ năm 2026\n\n"
                     "Sáng 20/3, Ban Thường vụ Tỉnh ủy tổ chức hội nghị quán triệt nhiệm vụ năm 2026 tại Trung tâm Hội nghị tỉnh.",
                     id="x")
    assert rec["title"] == "Tỉnh ủy Lào Cai triển khai nhiệm vụ năm 2026"


def _bench():
    import importlib.util

    from tests.conftest import ROOT

    spec = importlib.util.spec_from_file_location("bench_typos", ROOT / "benches" / "bench_typos.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def test_acceptance_on_a_small_benchmark() -> None:
    """The acceptance measures of benches/bench_typos.py on a smaller text (the bench uses 60,000
    syllables): no change on clean text or on English-mixed text, precision >= 0.995, recall >= 0.60."""
    b = _bench()
    clean = b.generated_text(seed=11, syllables=6000)
    corrupted, truth = b.corrupt(clean, 0.05, 11)
    english, n = b.mix_english(clean, 2000, 11)
    assert n >= 2000 and sum(len(g) for g in truth) >= 250
    r = b.run_policy("tight", clean, corrupted, truth, english)
    assert r["clean_changes"] == 0 and r["english_changes"] == 0, r["english_examples"]
    assert r["precision"] >= 0.995 and r["recall"] >= 0.60, r


@pytest.mark.parametrize("word", ["Việt", "người", "đường", "Lào", "trăng", "cân", "khỏe", "Thuỷ", "quốc", "giữa"])
def test_generated_residue_decodes_back(word: str) -> None:
    import random

    b = _bench()
    rng = random.Random(1)
    for _ in range(8):
        res = b.telex_residue(word, rng)
        if res is not None:
            assert restyle(telex_decode(res) or "", "first") == restyle(word, "first"), res
