"""Case tables for noise merged into paragraphs (inline.v1), the language check (lang.v1) and the
English profile. Inputs are article bodies cleaned by the default pipeline without the title line."""

from __future__ import annotations

import pytest

import cleancorpus
from cleancorpus.filters.inline import parse_signature
from cleancorpus.filters.lang import LangFilter
from cleancorpus.lexicon import load_lexicon

S1 = "Sáng 12/3, Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm 2024 và triển khai nhiệm vụ năm 2025."
S2 = "Phát biểu tại hội nghị, Chủ tịch tỉnh đề nghị các sở, ngành tập trung tháo gỡ khó khăn cho doanh nghiệp."
S3 = "Hội nghị cũng đã khen thưởng 25 tập thể và 40 cá nhân có thành tích xuất sắc trong năm qua."
LONG = S1[:-1] + ", trong đó " + S2[0].lower() + S2[1:]
LEAD = "Tỉnh đặt mục tiêu tăng trưởng kinh tế 8% trong năm tới, cao hơn mức bình quân cả nước."

# (case id, paragraph after LEAD, expected paragraph, expected fields subset, why)
CASES = [
    ("paren-credit-caption", f"{S1} Đại biểu dự hội nghị (Ảnh: Minh Anh) {S2} {S3}", f"{S1} {S2} {S3}",
     {"captions": ["Đại biểu dự hội nghị (Ảnh: Minh Anh)"]}, "a caption merged between sentences"),
    ("bare-credit-with-period", f"{S1} Quang cảnh hội nghị. Ảnh: Reuters. {S2} {S3}", f"{S1} {S2} {S3}",
     {"captions": ["Quang cảnh hội nghị. Ảnh: Reuters"]}, "the credit ends at its own period"),
    ("bare-credit-ends-before-sentence-start", f"{S1} Quang cảnh hội nghị. Ảnh: Kha Miên Những đại biểu "
     "đã thống nhất cao về các nội dung.", f"{S1} Những đại biểu đã thống nhất cao về các nội dung.",
     {"captions": ["Quang cảnh hội nghị. Ảnh: Kha Miên"]}, "a credit stops before a sentence-opening word"),
    ("credit-ends-before-capital-then-lower", f"{S1} Toàn cảnh buổi lễ. Ảnh: TRỌNG PHÚ Chiều cùng ngày, "
     "đoàn đã đến thăm nhà máy.", f"{S1} Chiều cùng ngày, đoàn đã đến thăm nhà máy.",
     {"captions": ["Toàn cảnh buổi lễ. Ảnh: TRỌNG PHÚ"]}, "a capital followed by a lower-case word starts a sentence"),
    ("credit-of-an-organisation-not-cut-short", f"{S1} Người dân tham quan khu trưng bày. Ảnh: Sở Văn hóa và "
     f"Thể thao cung cấp Trong ba ngày, triển lãm đón hơn 5.000 lượt khách. {S3}",
     f"{S1} Người dân tham quan khu trưng bày. Ảnh: Sở Văn hóa và Thể thao cung cấp Trong ba ngày, triển lãm "
     f"đón hơn 5.000 lượt khách. {S3}", {"captions": []},
     "an organisation's name mixes capitals and lower case: no cut where its end is not sure"),
    ("credit-mixed-case-not-cut-short", f"{S1} Ảnh: Tác giả Nguyễn Bá Khoản là người chụp nhiều bức nhất. {S3}",
     f"{S1} Ảnh: Tác giả Nguyễn Bá Khoản là người chụp nhiều bức nhất. {S3}", {"captions": []},
     "a 'credit' that runs into a sentence is no credit"),
    ("paren-credit-sentence-goes-on", f"{S1} Họ nói rằng \"cà phê là cây làm giàu\" (Ảnh: Báo Đắk Lắk), nhưng "
     f"cũng lo giá giảm. {S3}", f"{S1} Họ nói rằng \"cà phê là cây làm giàu\", nhưng cũng lo giá giảm. {S3}",
     {"captions": []}, "the sentence goes on after the credit: only the credit goes"),
    ("illustrative-words-as-subject", f"{S1} Ảnh tư liệu cho thấy khu vực này trước đây là bãi đất trống. {S3}",
     f"{S1} Ảnh tư liệu cho thấy khu vực này trước đây là bãi đất trống. {S3}", {"captions": []},
     "'Ảnh tư liệu' followed by lower case is the subject of the sentence, not a note"),
    ("label-then-names-at-end", f"{S1} Giải khuyến khích: Phạm Đức Anh, Võ Thị Ngọc Hân, Đặng Minh Khôi",
     f"{S1} Giải khuyến khích: Phạm Đức Anh, Võ Thị Ngọc Hân, Đặng Minh Khôi", {"author": None},
     "names after a short label are the label's value, not a signature"),
    ("caption-at-paragraph-start", f"Người dân đi trên cây cầu mới. (Ảnh: Vũ Linh) {S2} {S3}", f"{S2} {S3}",
     {"captions": ["Người dân đi trên cây cầu mới. (Ảnh: Vũ Linh)"]}, "a caption that opens the paragraph"),
    ("long-sentence-keeps-prose", f"{S1} {LONG} (Ảnh: AP) {S3}", f"{S1} {LONG} {S3}",
     {"captions": []}, "a sentence too long for a caption: only the credit goes"),
    ("illustrative-short-caption", f"{S1} Nguy cơ thiếu cát xây dựng. Ảnh minh họa. {S2}", f"{S1} {S2}",
     {"captions": ["Nguy cơ thiếu cát xây dựng. Ảnh minh họa"]}, "a short sentence before 'Ảnh minh họa'"),
    ("illustrative-after-prose", f"{S1} {S2} Ảnh minh họa {S3}", f"{S1} {S2} {S3}", {"captions": []},
     "after a long prose sentence only the note goes"),
    ("source-photo-credit-after-prose", f"{S1} {S2} (Nguồn ảnh: Daily Mail) {S3}", f"{S1} {S2} {S3}",
     {"captions": []}, "'Nguồn ảnh' credits the article's pictures: the prose before it stays"),
    ("video-title-not-a-credit", f"{S1} Video: Cảnh sát truy đuổi xe vi phạm trên cao tốc khiến nhiều người "
     f"bất ngờ. {S2}", None, {}, "'Video:' with a title of lower-case words is not cut as a credit"),
    ("signature-name", f"{S1} {S2} Văn Tân", f"{S1} {S2}", {"author": "Văn Tân"}, "a name after the last sentence"),
    ("signature-end-marker", f"{S1} {S2}./. Văn Tân", f"{S1} {S2}./.", {"author": "Văn Tân"},
     "the ./. end marker is a sentence end"),
    ("signature-theo-paren", f"{S1} {S2} Theo Ngọc Lan (Khám phá)", f"{S1} {S2}", {"agency": "Khám phá"},
     "'Theo X (Outlet)'"),
    ("signature-name-theo-outlet", f"{S1} {S2} Hoàng Thanh (theo Smedia)", f"{S1} {S2}",
     {"author": "Hoàng Thanh", "agency": "Smedia"}, "'Name (theo Outlet)'"),
    ("signature-slash-outlet", f"{S1} {S2} Hoàng Yến/VOV.VN", f"{S1} {S2}", {"author": "Hoàng Yến", "agency": "VOV.VN"},
     "'Name/Outlet'"),
    ("signature-initials", f"{S1} {S2} N.LIÊM - X.TRƯỜNG", f"{S1} {S2}", {"author": "N.LIÊM, X.TRƯỜNG"},
     "initials and all-caps names"),
    ("signature-title-prefix", f"{S1} {S2} DS. Trần Thị An", f"{S1} {S2}", {"author": "DS. Trần Thị An"},
     "a professional title before the name"),
    ("signature-timestamp", f"{S1} {S2} Duy Anh - Thể thao Việt Nam | 23:30 30/06/2017", f"{S1} {S2}",
     {"author": "Duy Anh", "agency": "Thể thao Việt Nam"}, "'Name - Outlet | time date'"),
    ("signature-compiled", f"{S1} {S2} Nhật Quang (Tổng hợp)", f"{S1} {S2}", {"author": "Nhật Quang"},
     "a compilation note"),
    ("signature-role", f"{S1} {S2} PV", f"{S1} {S2}", {"author": "PV"}, "a reporter signing with a role"),
    ("related-tail", f"{S1} {S2} Tin liên quan Tỉnh đẩy mạnh chuyển đổi số Khánh thành cây cầu mới nối hai bờ",
     f"{S1} {S2}", {}, "a related cue and headlines to the end of the paragraph"),
    ("related-tail-then-signature", f"{S1} {S2} Minh Anh Tin liên quan Tỉnh đẩy mạnh chuyển đổi số", f"{S1} {S2}",
     {"author": "Minh Anh"}, "related tail first, then the signature before it"),
    ("chevron-teasers", f"{S1} {S2} >>> Vì sao nên đi lễ ngày rằm? >>> Cách sắm lễ đầu năm", f"{S1} {S2}", {},
     "chevron teaser links at the end"),
    ("teaser-mid-paragraph", f"{S1} Xem thêm: Cách nhận biết giò chả có hàn the Các đơn vị vi phạm sẽ bị xử lý.",
     f"{S1} Các đơn vị vi phạm sẽ bị xử lý.", {}, "'Xem thêm: <title>' ends before a sentence-opening word"),
    ("video-tail", f"{S1} {S2} Video: Toàn cảnh lễ khánh thành cây cầu", f"{S1} {S2}", {}, "a video title at the end"),
    ("ui-tail", f"{S1} {S2} Bấm xem >> Hà Anh", f"{S1} {S2}", {"author": "Hà Anh"}, "an interface string, then a name"),
    ("credit-without-colon-caps", f"{S1} Cả hai dự sự kiện tối 14/6. Ảnh NGÔI SAO. {S2}", f"{S1} {S2}",
     {"captions": ["Cả hai dự sự kiện tối 14/6. Ảnh NGÔI SAO"]}, "'Ảnh <ALL CAPS or outlet>' credits without a colon"),
    ("credit-without-colon-outlet", f"{S1} Mưa lớn gây ngập nhiều nơi. Ảnh TTXVN {S2}", f"{S1} {S2}",
     {"captions": ["Mưa lớn gây ngập nhiều nơi. Ảnh TTXVN"]}, "a known outlet after 'Ảnh'"),
    ("stamp-signature-without-sentence-end", f"{S1} Đội hình ra sân Bảng xếp hạng Endo - Thể thao Việt Nam | "
     "04:43 17/05/2017", f"{S1} Đội hình ra sân Bảng xếp hạng", {"author": "Endo", "agency": "Thể thao Việt Nam"},
     "'Name - Outlet | time date' is found from the end; the name stops at a lower-case word"),
    ("stamp-signature-after-sentence", f"{LONG} Ảnh: Duy Anh. Duy Anh - Thể thao Việt Nam | 23:30 30/06/2017",
     f"{LONG}", {"author": "Duy Anh"}, "the name never takes the previous sentence's last word"),
    ("initials-after-table", f"{S1} Thẻ vàng 1 0 Thẻ đỏ 0 2 Cứu thua 4 Q.D", f"{S1} Thẻ vàng 1 0 Thẻ đỏ 0 2 Cứu thua 4",
     {"author": "Q.D"}, "closing initials with a dot are a signature"),
    ("signature-with-photo-credit", f"{S1} {S2} Theo Vũ Nga - Ảnh ST (Khám phá)", f"{S1} {S2}",
     {"agency": "Khám phá", "captions": []}, "a closing signature that credits photos is a signature, not a caption"),
    ("video-line-merged", f"{S1} Video: Cảnh sát truy đuổi xe vi phạm trên cao tốc Nguồn video: VTV {S2}",
     f"{S1} {S2}", {"captions": []}, "'Video: <title> Nguồn video: X' inside a paragraph is a video line"),
    ("chevron-teaser-mid-paragraph", f"{S1} >> Cách nhận biết giò chả có hàn the Các đơn vị vi phạm sẽ bị xử lý.",
     f"{S1} Các đơn vị vi phạm sẽ bị xử lý.", {}, "'>> <title>' ends before a sentence-opening word"),
    ("continued-note", f"{S1} {S2} (tiếp tục cập nhật)", f"{S1} {S2}", {}, "a live-update note"),
]


@pytest.mark.parametrize("case,para,expected,fields,why", CASES, ids=[c[0] for c in CASES])
def test_inline_case(body_pipe, case, para, expected, fields, why) -> None:
    rec = body_pipe.clean(f"{LEAD}\n\n{para}", id=case)
    assert rec["text"] == f"{LEAD}\n{para if expected is None else expected}", why
    for k, v in fields.items():
        assert rec[k] == v, f"{why}: field {k}"


@pytest.mark.parametrize("body,expected", [
    ("Nhà máy lọc dầu Dung Quất hoạt động ổn định trong năm 2024 - PV: Ông đánh giá thế nào về kết quả này?",
     "PV: Ông đánh giá thế nào về kết quả này?"),
    (f"{S1} Nhà máy lọc dầu Dung Quất hoạt động ổn định trong năm 2024 . {S2}", f"{S1} {S2}"),
    ("Nhà máy lọc dầu Dung Quất hoạt động ổn định trong năm 2024: sản lượng vượt kế hoạch 10%.", None),
    (f"Theo báo cáo, nhà máy lọc dầu Dung Quất hoạt động ổn định trong năm 2024. {S2}", None),
])
def test_repeated_title_inside_a_paragraph(body, expected) -> None:
    title = "Nhà máy lọc dầu Dung Quất hoạt động ổn định trong năm 2024"
    rec = cleancorpus.clean_text(f"{title}\n\n{LEAD}\n\n{body}")
    assert rec["text"] == f"{LEAD}\n{body if expected is None else expected}"


def test_inline_removals_are_traced_with_offsets(body_pipe) -> None:
    raw = f"{LEAD}\n\n{S1} Đại biểu dự hội nghị (Ảnh: Minh Anh) {S2} Văn Tân"
    rec = body_pipe.clean(raw)
    got = {(r["rule"], r["kind"], r.get("field")) for r in rec["removed"]}
    assert got == {("inline.v1/caption", "caption", "captions"), ("inline.v1/signature", "author", "author")}
    for r in rec["removed"]:
        assert raw[r["start"]:r["end"]] == r["text"]


@pytest.mark.parametrize("mode,in_text,captions", [("move", False, 1), ("drop", False, 0), ("keep", True, 0)])
def test_inline_caption_modes(mode, in_text, captions) -> None:
    raw = f"Tiêu đề\n\n{LEAD}\n\n{S1} Đại biểu dự hội nghị (Ảnh: Minh Anh) {S2}"
    rec = cleancorpus.clean_text(raw, captions=mode)
    assert ("Đại biểu dự hội nghị" in rec["text"]) is in_text
    assert len(rec["captions"]) == captions


@pytest.mark.parametrize("tail,expected", [
    ("Văn Tân", ("Văn Tân", None)),
    ("Theo VnExpress", (None, "VnExpress")),
    ("(Theo Dân trí)", (None, "Dân trí")),
    ("Nguyễn Hoàng (TTXVN)", ("Nguyễn Hoàng", "TTXVN")),
    ("TTXVN/Tin Tức", (None, "TTXVN/Tin Tức")),
    ("Hà Thu - Anh Tú", ("Hà Thu, Anh Tú", None)),
    ("cho biết thêm", None),
    ("Ông Nam cho biết", None),
    ("Những ngày này", None),
    ("Chỉ tiêu như sau", None),
])
def test_parse_signature(tail, expected) -> None:
    assert parse_signature(tail, load_lexicon("vi")) == expected


@pytest.mark.parametrize("text,lang", [
    (f"{S1} {S2}", "vi"),
    ("The finance minister resigned on Tuesday after a row over the budget, officials said in a statement.", "en"),
    ("Ok", "vi"),
    ("1234 5678 91011 --- ### 2024", "vi"),
    ("Ủy ban nhân dân tỉnh Lai Châu tổ chức hội nghị; the meeting was attended by many officials.", "vi"),
])
def test_language_check(text, lang) -> None:
    assert LangFilter().detect(text) == lang


def test_language_preset_is_kept() -> None:
    rec = cleancorpus.clean_text(f"Tiêu đề\n\n{S1}", lang="en")
    assert rec["lang"] == "en"


def test_english_profile_uses_english_lexicon() -> None:
    raw = ("Minister resigns over budget row\n\nThe finance minister resigned on Tuesday after a row over the "
           "budget, officials said. Supporters gathered outside parliament. Photo: Reuters. Lawmakers will vote "
           "next week, according to a statement.\n\nRelated articles\n\nBudget talks collapse as partners clash\n\n"
           "Share this article")
    for profile in ("en-news", "vi-news"):
        rec = cleancorpus.clean_text(raw, profile=profile)
        assert rec["lang"] == "en"
        assert rec["text"] == ("The finance minister resigned on Tuesday after a row over the budget, officials "
                               "said. Lawmakers will vote next week, according to a statement.")
        assert rec["captions"] == ["Supporters gathered outside parliament. Photo: Reuters"]


def test_english_signature_line() -> None:
    raw = ("Storm leaves thousands without power\n\nThousands of homes were without power on Sunday after a storm "
           "brought down lines, the utility said.\n\nCrews were working to restore supplies.\n\n"
           "Reporting by Jane Smith; Editing by Tom Brown")
    rec = cleancorpus.clean_text(raw, profile="en-news")
    assert rec["author"] == "Jane Smith, Tom Brown"
    assert rec["text"].endswith("Crews were working to restore supplies.")


EN_BODY = ("The city council on Tuesday approved a plan to add 40 km of protected bike lanes, officials said.\n\n"
           "Supporters said the lanes would improve safety.")


@pytest.mark.parametrize("head,author,agency,date", [
    ("By Jane Smith, Reuters\n\nUpdated: March 5, 2025 10:30 AM", "Jane Smith", "Reuters", "2025-03-05"),
    ("Published 12 Dec 2024 08:00 GMT\n\nBy Jane Smith and Tom Brown", "Jane Smith and Tom Brown", None, "2024-12-12"),
    ("By JANE SMITH (AP)", "JANE SMITH", "AP", None),
    ("Wednesday, Mar. 5th 2025", None, None, "2025-03-05"),
])
def test_english_top_byline_and_date(head: str, author: str | None, agency: str | None, date: str | None) -> None:
    rec = cleancorpus.clean_text(f"Council approves bike lanes\n\n{head}\n\n{EN_BODY}", profile="en-news")
    assert rec["text"] == EN_BODY.replace("\n\n", "\n")
    assert (rec["author"], rec["agency"], rec["date"]) == (author, agency, date)


@pytest.mark.parametrize("first", [
    "By the end of the year, the lanes will cover most of the city centre.",
    "By Tuesday, the plan had won the support of most council members",
    "Written by hand, the letter was read aloud at the meeting.",
])
def test_english_by_sentence_is_not_a_byline(first: str) -> None:
    rec = cleancorpus.clean_text(f"Council approves bike lanes\n\n{first}\n\n{EN_BODY}", profile="en-news")
    assert rec["text"].startswith(first) and rec["author"] is None


def test_trailing_lines_are_read_back_to_the_last_paragraph(body_pipe) -> None:
    rec = body_pipe.clean(f"{LEAD}\n\n{S1} Văn Tân\n\nTheo Dân trí")
    assert rec["text"] == f"{LEAD}\n{S1}"
    assert (rec["author"], rec["agency"]) == ("Văn Tân", "Dân trí")


def test_vietnamese_lexicon_stays_default() -> None:
    assert cleancorpus.clean_text(f"Tiêu đề\n\n{S1}")["lang"] == "vi"
    assert LangFilter().default == "vi"
