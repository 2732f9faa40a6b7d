"""Per-filter case tables: input, what must happen, and why.

Inputs are article bodies (no title line) cleaned by the default pipeline with the title line
turned off, so each case shows a filter's behaviour in the context of the whole pipeline. Header
cases use the full default pipeline.
"""

from __future__ import annotations

import pytest

import cleancorpus
from cleancorpus.document import Document
from cleancorpus.filters.unicode import UnicodeFilter

P1 = "Sáng 12/3, Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm 2024 và triển khai nhiệm vụ năm 2025."
P2 = ("Phát biểu tại hội nghị, Chủ tịch tỉnh đề nghị các sở, ngành tập trung tháo gỡ khó khăn, đẩy nhanh tiến độ "
      "giải ngân vốn đầu tư công và cải thiện môi trường kinh doanh.")
P3 = "Hội nghị cũng đã khen thưởng 25 tập thể và 40 cá nhân có thành tích xuất sắc trong năm qua."
BODY = f"{P1}\n\n{P2}\n\n{P3}"


def joined(text: str) -> str:
    """Expected output text: the non-empty lines joined by a single newline."""
    return "\n".join(line for line in text.split("\n") if line.strip())


# (case id, input, expected text, expected fields subset, why)
CASES = [
    # -- related.v1 ------------------------------------------------------------------------
    ("related-cue-tail", f"{BODY}\n\nTin liên quan\n\nMột bài viết khác về kinh tế địa phương năm nay\n\n"
     "Tỉnh đẩy mạnh chuyển đổi số trong cơ quan nhà nước", BODY, {},
     "a cue heading and the titles after it, at the end, are a related box"),
    ("related-card-triples", f"{BODY}\n\nĐọc nhiều\n\nNông dân phấn khởi vào vụ thu hoạch lúa\n\n"
     "Nông dân phấn khởi vào vụ thu hoạch lúa\n\nNhững ngày này, bà con nông dân trong tỉnh tất bật thu hoạch.\n\n"
     "Thời tiết hôm nay: miền Bắc có mưa rào\n\nThời tiết hôm nay: miền Bắc có mưa rào\n\n"
     "Theo dự báo, miền Bắc có mưa rào và dông rải rác.", BODY, {},
     "title + title + teaser cards after a cue are all furniture"),
    ("related-no-cue-duplicate-titles", f"{BODY}\n\nNông dân phấn khởi vào vụ thu hoạch lúa\n\n"
     "Nông dân phấn khởi vào vụ thu hoạch lúa\n\nNhững ngày này, bà con nông dân tất bật thu hoạch...", BODY, {},
     "a title printed twice in a row is a link card even without a cue"),
    ("related-no-cue-title-run", f"{BODY}\n\nMinh Anh\n\nNông dân phấn khởi vào vụ thu hoạch lúa đông xuân\n\n"
     "Thời tiết hôm nay miền Bắc có mưa rào và dông\n\nKhánh thành cây cầu mới nối hai bờ sông Hồng", BODY,
     {"author": "Minh Anh"}, "a run of three or more headlines after the signature is a link list"),
    ("related-no-cue-title-run-after-share", f"{BODY}\n\nfb yt zl tw\n\nNông dân phấn khởi vào vụ thu hoạch lúa\n\n"
     "Thời tiết hôm nay miền Bắc có mưa rào và dông\n\nKhánh thành cây cầu mới nối hai bờ sông Hồng", BODY, {},
     "... or after a share bar"),
    ("related-inline-box", f"{P1}\n\nTin liên quan\n\nTỉnh đẩy mạnh chuyển đổi số trong cơ quan nhà nước\n\n{P2}\n\n{P3}",
     BODY, {}, "an inline related box is removed and the article around it kept"),
    ("related-orphan-cue", f"{P1}\n\n{P2}\n\nTin liên quan\n\n{P3}", BODY, {},
     "an orphan strong cue heading is removed, the paragraph after it kept"),
    ("related-teaser-link", f"{P1}\n\nXem thêm: Tỉnh đẩy mạnh chuyển đổi số trong cơ quan nhà nước\n\n{P2}\n\n{P3}",
     BODY, {}, "'Xem thêm: <title>' is a link to another article"),
    ("related-chevron-link", f"{P1}\n\n>> Tỉnh đẩy mạnh chuyển đổi số trong cơ quan nhà nước\n\n{P2}\n\n{P3}",
     BODY, {}, "'>> <title>' is a link to another article"),
    ("related-cue-case-colon", f"{BODY}\n\nTIN BÀI LIÊN QUAN:\n\nMột bài viết khác về kinh tế địa phương năm nay",
     BODY, {}, "cue matching ignores case and a trailing colon"),
    ("related-weak-heading-with-titles", f"{BODY}\n\nMultimedia\n\nToàn cảnh lễ khánh thành cây cầu mới nối hai bờ\n\n"
     "Nông dân phấn khởi vào vụ thu hoạch lúa đông xuân", BODY, {},
     "a weak section heading followed by titles opens a box"),
    # -- media.v1 --------------------------------------------------------------------------
    ("media-image-file", f"{P1}\n\nhoi_nghi_tong_ket_2024_01.jpg\n\n{P2}\n\n{P3}", BODY, {},
     "an image file name alone on a line"),
    ("media-image-file-with-space", f"{P1}\n\nhội nghị 3.PNG\n\n{P2}\n\n{P3}", BODY, {},
     "file names may hold spaces and capitals"),
    ("media-image-url", f"{P1}\n\nhttps://cdn.example.vn/2025/03/anh-1.webp?w=800\n\n{P2}\n\n{P3}", BODY, {},
     "an image URL alone on a line"),
    ("media-markdown-image", f"{P1}\n\n![Toàn cảnh hội nghị](https://example.vn/a.jpg)\n\n{P2}\n\n{P3}", BODY, {},
     "a markdown image alone on a line"),
    ("media-empty-placeholder", f"{P1}\n![]() |\n{P2}\n{P3}", f"{P1}\n{P2}\n{P3}", {},
     "an empty image placeholder with a table pipe"),
    ("media-video-tag", f"{BODY}\n\n[Video] Toàn cảnh lễ khánh thành cây cầu mới", BODY, {},
     "a [Video] link line"),
    ("media-video-markdown", f"{BODY}\n![[Video] Toàn cảnh lễ khánh thành](https://example.vn/v.jpg?rt=1)", BODY, {},
     "a markdown image whose alt is a [Video] link"),
    ("media-infographic-tag", f"{P1}\n\n[Infographics] Kết quả kinh tế năm 2024\n\n{P2}\n\n{P3}", BODY, {},
     "an [Infographics] link line"),
    ("media-video-source", f"{BODY}\n\nNguồn video: Truyền hình địa phương", BODY, {},
     "a video source line"),
    ("media-bare-label", f"{BODY}\n\nNguyễn Oanh\n\nVIDEO:", BODY, {"author": "Nguyễn Oanh"},
     "a media label left without its player is removed, so the signature before it is found"),
    ("media-image-number", f"{P1}\n\nẢnh 1\nQuang cảnh hội nghị.\n\n{P2}\n\n{P3}", BODY,
     {"captions": ["Quang cảnh hội nghị."]}, "an image number where the picture was, and its caption"),
    ("media-announced-link", f"{P1}\n\nHồ sơ được nộp trực tuyến tại địa chỉ:\n\nhttps://dichvucong.gov.vn\n\n{P2}",
     f"{P1}\n\nHồ sơ được nộp trực tuyến tại địa chỉ:\n\nhttps://dichvucong.gov.vn\n\n{P2}", {},
     "an address that the sentence before announces is content"),
    ("media-infographic-label", f"{BODY}\n\nInfographic: Giá xăng qua các kỳ điều hành", BODY, {},
     "an infographic link line"),
    ("media-bare-link", f"{BODY}\n\nhttps://example.vn/tin-tuc/bai-viet-khac.html", BODY, {},
     "a bare URL alone on a line"),
    # -- social.v1 -------------------------------------------------------------------------
    ("social-icon-row", f"{BODY}\n\nfb yt zl tw", BODY, {}, "social icon residue"),
    ("social-icon-row-names", f"{BODY}\n\nFacebook | Twitter | Zalo", BODY, {}, "share bar with names"),
    ("social-ui-line", f"{BODY}\n\nBình luận\n\nGửi bình luận", BODY, {}, "comment-box interface strings"),
    ("social-tags", f"{BODY}\n\nTừ khóa: hội nghị, tổng kết, kinh tế", BODY, {}, "a tag list"),
    ("social-follow", f"{BODY}\n\nTheo dõi Báo Điện tử trên Google News", BODY, {}, "a follow-us line"),
    ("social-breadcrumb", f"Trang chủ > Thời sự > Xã hội\n\n{BODY}", BODY, {}, "a breadcrumb"),
    ("social-counter-label-count", f"{BODY}\n\nBình luận (12)", BODY, {}, "a comment counter"),
    ("social-counter-views", f"{BODY}\n\nLượt xem: 1.234", BODY, {}, "a view counter"),
    ("social-counter-row", f"{BODY}\n\n25 lượt thích | 3 bình luận · 1,2K chia sẻ", BODY, {}, "a row of counters"),
    ("social-counters-then-signature", f"{BODY}\n\nMinh Anh\n\nChia sẻ\n\nBình luận (0)\n\nGửi", BODY,
     {"author": "Minh Anh"}, "interface lines and counters after a signature are removed, so it is found"),
    ("social-menu", f"Thời sự Thế giới Kinh doanh Giải trí Thể thao Pháp luật Giáo dục Sức khỏe\n\n{BODY}", BODY, {},
     "a flattened navigation menu"),
    ("social-menu-separators", f"{BODY}\n\nTrang chủ · Thời sự · Kinh tế · Văn hóa · Ô tô - Xe máy", BODY, {},
     "a menu with separators and a two-part section name"),
    ("social-table-not-breadcrumb", f"{P1}\n\n| Họ tên | Huy chương | Điểm |\n|---|---|---|\n"
     f"| Nguyễn Văn An | Vàng | 42 |\n\n{P2}\n\n{P3}",
     f"{P1}\n\nHọ tên | Huy chương | Điểm\n\nNguyễn Văn An | Vàng | 42\n\n{P2}\n\n{P3}", {},
     "a Markdown table keeps its rows (the pipes at the ends and the rule line go)"),
    ("social-comment-login", f"{BODY}\n\nĐăng nhập để bình luận\n\nApp Store Google Play", BODY, {},
     "a comment-box prompt and app-store badges"),
    ("social-menu-column", f"Thời sự\nThế giới\nKinh doanh\nGiải trí\n\n{BODY}", BODY, {}, "a menu one section per line"),
    ("social-marked-ui-line", f"{BODY}\n\n▶ Xem video\n\nChia sẻ Facebook Twitter Zalo", BODY, {},
     "an interface line after a symbol, and a share row that spells 'Chia sẻ'"),
    ("social-newsletter", f"{BODY}\n\nĐăng ký nhận bản tin\n\nNhập email của bạn", BODY, {},
     "a newsletter sign-up box"),
    ("social-follow-outlet", f"{BODY}\n\nTheo dõi Dân trí trên Google News", BODY, {},
     "a follow-us line naming the outlet"),
    # -- caption.v1 ------------------------------------------------------------------------
    ("caption-credit", f"{P1}\n\nQuang cảnh hội nghị. Ảnh: Minh Anh\n\n{P2}\n\n{P3}", BODY,
     {"captions": ["Quang cảnh hội nghị. Ảnh: Minh Anh"]}, "a line ending with a photo credit"),
    ("caption-credit-agency", f"{P1}\n\nĐại biểu dự hội nghị. Ảnh: Nguyễn Oanh-TTXVN\n\n{P2}\n\n{P3}", BODY,
     {"captions": ["Đại biểu dự hội nghị. Ảnh: Nguyễn Oanh-TTXVN"]}, "credit with an agency suffix"),
    ("caption-credit-parenthesised", f"{P1}\nĐại biểu dự hội nghị. (Ảnh: tinh.gov.vn) |\n{P2}\n{P3}",
     f"{P1}\n{P2}\n{P3}", {"captions": ["Đại biểu dự hội nghị. (Ảnh: tinh.gov.vn)"]},
     "parenthesised credit, table pipe stripped"),
    ("caption-under-image", f"{P1}\n\nanh-hoi-nghi.jpg\nToàn cảnh hội nghị.\n\n{P2}\n\n{P3}", BODY,
     {"captions": ["Toàn cảnh hội nghị."]}, "an uncredited caption hugging its image line"),
    ("caption-on-placeholder", f"{P1}\n\nToàn cảnh hội nghị tổng kết\n\u00a0\n{P2}\n\n{P3}", BODY,
     {"captions": ["Toàn cảnh hội nghị tổng kết"]}, "a short line sitting on an empty figure placeholder"),
    ("caption-illustrative", f"{P1}\n\nẢnh minh họa\n\n{P2}\n\n{P3}", BODY,
     {"captions": ["Ảnh minh họa"]}, "an illustrative-photo note"),
    ("caption-illustrative-end", f"{P1}\n\nPhối cảnh dự án sau khi hoàn thành. (Ảnh minh họa)\n\n{P2}\n\n{P3}", BODY,
     {"captions": ["Phối cảnh dự án sau khi hoàn thành. (Ảnh minh họa)"]},
     "a short caption ending with an illustrative note in parentheses"),
    ("caption-invitation-not-credit", f"{BODY}\n\nMời quý độc giả xem video: Toàn cảnh hội nghị", BODY,
     {"captions": []}, "an invitation to watch a video is a teaser, not a credited caption"),
    ("caption-credit-below", f"{P1}\n\nTiến Linh ăn mừng bàn thắng\nẢNH: MINH TÚ\n\n{P2}\n\n{P3}", BODY,
     {"captions": ["Tiến Linh ăn mừng bàn thắng ẢNH: MINH TÚ"]}, "a caption with its credit alone on the next line"),
    ("caption-graphic-credit", f"{P1}\n\nKết quả tăng trưởng qua các năm. Đồ họa: Lan Hương\n\n{P2}\n\n{P3}", BODY,
     {"captions": ["Kết quả tăng trưởng qua các năm. Đồ họa: Lan Hương"]}, "a graphic credit"),
    # -- byline.v1 -------------------------------------------------------------------------
    ("byline-dateline-acronym", f"TPO - {BODY}", BODY, {"agency": "TPO"}, "outlet dateline"),
    ("byline-dateline-parens", f"(Dân trí) - {BODY}", BODY, {"agency": "Dân trí"}, "parenthesised outlet"),
    ("byline-dateline-domain", f"VTV.vn - {BODY}", BODY, {"agency": "VTV.vn"}, "outlet domain dateline"),
    ("byline-dateline-place-agency", f"HÀ NỘI (TTXVN) - {BODY}", BODY, {"agency": "TTXVN"},
     "place and agency dateline"),
    ("byline-author-agency", f"{BODY}\n\nNguyễn Oanh\n\n(TTXVN)", BODY, {"author": "Nguyễn Oanh", "agency": "TTXVN"},
     "signature and agency lines after the body"),
    ("byline-top-label", f"Bài và ảnh: Hồng Minh\n\n{BODY}", BODY, {"author": "Hồng Minh"},
     "an author label above the body"),
    ("byline-staff", f"{BODY}\n\nNhóm phóng viên", BODY, {"author": "Nhóm phóng viên"}, "a newsroom team signs"),
    ("byline-role-suffix", f"{BODY}\n\nHải Nguyễn (thực hiện)", BODY, {"author": "Hải Nguyễn"}, "a name with its role"),
    ("byline-top-bo-i", f"Bởi Thanh Hương | Kinh tế\n\n{BODY}", BODY, {"author": "Thanh Hương"},
     "'Bởi' (by) above the body, with the section after a bar"),
    ("byline-name-slash-outlet", f"{BODY}\n\nHoàng Anh/VOV.VN", BODY, {"author": "Hoàng Anh", "agency": "VOV.VN"},
     "a signature with its outlet after a slash"),
    ("byline-then-trailing-cue", f"{BODY}\n\nLâm Thỏa\n\nXem thêm", BODY, {"author": "Lâm Thỏa"},
     "a heading left after the signature goes with it"),
    ("byline-block-under-lead", f"{P1}\n\nNguyễn Văn An\n\nnva@example.vn\n\n15/10/2024 06:30 GMT+7\n\n{P2}\n\n{P3}", BODY,
     {"author": "Nguyễn Văn An", "date": "2024-10-15"}, "a name with the writer's e-mail and the date under the lead"),
    ("byline-author-email", f"{BODY}\n\nMinh Anh - minhanh@example.vn", BODY, {"author": "Minh Anh"},
     "a signature with its e-mail address"),
    ("byline-author-then-email", f"{BODY}\n\nMinh Anh\n\nEmail: minhanh@example.vn", BODY, {"author": "Minh Anh"},
     "an e-mail line after the signature"),
    ("byline-source-link", f"{BODY}\n\nNguồn: https://example.vn/bai-viet.html", BODY, {"agency": None},
     "a source given as a web address"),
    ("byline-end-marker", f"{P1}\n\n{P2}\n\n{P3[:-1]}./.\nHồng Minh", BODY, {"author": "Hồng Minh"},
     "./. end marker and a signature right after it"),
    ("byline-caps-author", f"{BODY}\n\nTHANH VÂN", BODY, {"author": "THANH VÂN"}, "all-caps signature"),
    ("byline-labelled-author", f"{BODY}\n\nBài và ảnh: Lê Minh", BODY, {"author": "Lê Minh"}, "labelled signature"),
    ("byline-source", f"{BODY}\n\nTheo Dân trí", BODY, {"agency": "Dân trí"}, "a 'Theo <outlet>' last line"),
    ("byline-source-label", f"{BODY}\n\nNguồn: Báo Lào Cai", BODY, {"agency": "Báo Lào Cai"}, "a source line"),
    ("byline-then-related", f"{BODY}\n\nMinh Anh\n\nTin liên quan\n\nMột bài viết khác về kinh tế địa phương năm nay",
     BODY, {"author": "Minh Anh"}, "signature before a related box"),
    # -- whitespace.v1 / unicode.v1 --------------------------------------------------------
    ("whitespace-nbsp-runs", f"{P1}\u00a0\n\n{P2.replace(', ', ',  ', 1)}\n \u00a0\n{P3}", f"{P1}\n{P2}\n{P3}", {},
     "no-break spaces, runs of spaces, whitespace-only lines"),
    ("whitespace-ascii-controls", f"{P1}\r\x1f\n\n{P2.replace(' ', chr(13), 1)}\n\n{P3[:10]}\x0b{P3[10:]}", BODY, {},
     "a stray carriage return is a space, at a line's end nothing; other ASCII controls go"),
    ("unicode-zero-width", f"{P1}\n\n{P2[:10]}\u200b{P2[10:]}\n\n{P3}", BODY, {}, "zero-width space"),
    ("unicode-nfd", f"{P1}\n\n{P2}\n\n" + __import__("unicodedata").normalize("NFD", P3), BODY, {},
     "decomposed text is composed (NFC)"),
    ("unicode-eth", "Ðồng chí Nguyễn Văn A phát biểu tại hội nghị tổng kết.", "Đồng chí Nguyễn Văn A phát biểu tại hội nghị tổng kết.",
     {}, "U+00D0 eth used for Đ"),
    ("unicode-mojibake", "Hội nghị tổng kết công tác năm 2024.".encode().decode("cp1252", errors="replace"),
     None, {}, "UTF-8 read as cp1252 is repaired (or at least not worsened)"),
]


@pytest.mark.parametrize("case,raw,text,fields,why", CASES, ids=[c[0] for c in CASES])
def test_case(body_pipe, case, raw, text, fields, why) -> None:
    rec = body_pipe.clean(raw, id=case)
    if text is not None:
        assert rec["text"] == joined(text), why
    for k, v in fields.items():
        assert rec[k] == v, f"{why}: field {k}"


HEADER_CASES = [
    ("date-marker", f" date 2025-10-30 Tiêu đề bài viết\n\n{BODY}", {"title": "Tiêu đề bài viết", "date": "2025-10-30"}),
    ("date-line", f"Tiêu đề bài viết\nThứ Năm, 30/10/2025 14:32 (GMT+7)\n{BODY}",
     {"title": "Tiêu đề bài viết", "date": "2025-10-30"}),
    ("date-line-label", f"Tiêu đề bài viết\n\nCập nhật: 05/01/2024\n\n{BODY}", {"title": "Tiêu đề bài viết", "date": "2024-01-05"}),
    ("date-line-long-form", f"Tiêu đề bài viết\n\nThứ Tư, ngày 5 tháng 3 năm 2025, 10:30\n\n{BODY}",
     {"title": "Tiêu đề bài viết", "date": "2025-03-05"}),
    ("repeated-title", f"Tiêu đề bài viết\n\nTiêu đề bài viết\n\n{BODY}", {"title": "Tiêu đề bài viết"}),
    ("title-with-period", f"Tiêu đề ngắn kết thúc bằng dấu chấm.\n\n{BODY}", {"title": "Tiêu đề ngắn kết thúc bằng dấu chấm."}),
    # social.v1 runs before header.v1: a menu or breadcrumb above the title is not taken for it
    ("menu-above-title", f"Thời sự Thế giới Kinh doanh Giải trí Thể thao Pháp luật\nTiêu đề bài viết\n\n{BODY}",
     {"title": "Tiêu đề bài viết"}),
    ("breadcrumb-above-title", f"Trang chủ > Thời sự > Xã hội\n\nTiêu đề bài viết\n\n{BODY}",
     {"title": "Tiêu đề bài viết"}),
    ("invalid-date-kept", f"Tiêu đề bài viết\n\n31/02/2024\n\n{BODY}", {"title": "Tiêu đề bài viết", "date": None}),
]


@pytest.mark.parametrize("case,raw,fields", HEADER_CASES, ids=[c[0] for c in HEADER_CASES])
def test_header(pipe, case, raw, fields) -> None:
    rec = pipe.clean(raw, id=case)
    for k, v in fields.items():
        assert rec[k] == v
    if case != "invalid-date-kept":
        assert rec["text"] == joined(BODY)


@pytest.mark.parametrize("first", [
    "Sáng 3/5, Bộ Y tế ghi nhận thêm 12 ca mắc mới. Các ca bệnh đều ở Hà Nội.",  # two sentences
    P2,  # one long sentence
])
def test_a_first_line_that_is_a_paragraph_is_not_the_title(pipe, first) -> None:
    rec = pipe.clean(f"{first}\n\n{BODY}", id="x")
    assert rec["title"] is None and rec["text"] == joined(f"{first}\n\n{BODY}")


def test_title_with_site_name_and_its_repeat() -> None:
    rec = cleancorpus.default_pipeline().clean(f"Giá lúa tăng mạnh cuối năm\n\n{BODY}",
                                               title="Giá lúa tăng mạnh cuối năm | Báo Nông thôn Ngày nay")
    assert rec["title"] == "Giá lúa tăng mạnh cuối năm" and rec["text"] == joined(BODY)


@pytest.mark.parametrize("mode", ["move", "keep", "drop"])
def test_caption_modes(mode) -> None:
    raw = f"Tiêu đề\n\n{P1}\n\nQuang cảnh hội nghị. Ảnh: Minh Anh\n\n{P2}"
    rec = cleancorpus.clean_text(raw, captions=mode)
    cap = "Quang cảnh hội nghị. Ảnh: Minh Anh"
    assert (cap in rec["text"]) is (mode == "keep")
    assert rec["captions"] == ([cap] if mode == "move" else [])


def test_caption_mode_is_validated() -> None:
    with pytest.raises(ValueError, match="caption mode"):
        cleancorpus.default_pipeline(captions="sideways")


#: whitespace.v1 alone, on ASCII lines too: every space but the plain one is normalised, including
#: ASCII ones (carriage return, vertical tab, form feed, the separators U+001C-U+001F).
WHITESPACE_CASES = [
    ("cr-inside", "one\rtwo", "one two"),
    ("cr-at-end", "one two\r\x1f", "one two"),  # \x1f is a space to str.isspace, and is stripped
    ("cr-at-start", "\rone two", "one two"),
    ("vtab-ff", "one\x0b\x0ctwo", "one two"),
    ("tab-run", "one \t two", "one two"),
    ("nbsp", "một\u00a0hai", "một hai"),
    ("clean", "one two", "one two"),
]


@pytest.mark.parametrize("case,raw,text", WHITESPACE_CASES, ids=[c[0] for c in WHITESPACE_CASES])
def test_whitespace_alone(case: str, raw: str, text: str) -> None:
    pipe = cleancorpus.Pipeline([cleancorpus.default_registry().create("whitespace.v1")])
    assert pipe.clean(raw, id=case)["text"] == text



@pytest.mark.parametrize("text", [
    "Cần Thơ chính thức đón khách về đêm, Bảo Ngọc cho biết điều đó.",  # í: Ã + U+00AD; ề: á» + U+0081
    "Ý kiến của Ủy ban về Đà Nẵng, Huế và Quảng Ngãi được ghi nhận.",  # Ý: Ã + U+009D; Đ: Ä + U+0090
    "Người dân ở khuya đọc tiếng Việt, thuỷ lợi của những ngọn đồi.",  # ọ: á» + U+008D
])
@pytest.mark.parametrize("codec", ["sloppy-windows-1252", "latin-1"])
def test_mojibake_is_repaired_exactly(text: str, codec: str) -> None:
    """UTF-8 read as cp1252 or Latin-1 leaves soft hyphens and C1 controls inside its sequences
    ("í" is "Ã" + U+00AD): the repair runs before those characters are removed."""
    import ftfy.bad_codecs  # noqa: F401 (registers the sloppy codecs)

    doc = Document.from_text(text.encode("utf-8").decode(codec), id="x")
    UnicodeFilter().apply(doc)
    assert doc.text == text


@pytest.mark.parametrize("line,expected", [
    ("Theo Dân trí", ("agency", "Dân trí")),
    ("Theo Thống đốc", None),  # a person's words, not a source
    ("Theo ông", None),
    ("Nhóm phóng viên", ("author", "Nhóm phóng viên")),
])
def test_signature_line(line: str, expected: tuple[str, str] | None) -> None:
    from cleancorpus.filters.byline import BylineFilter
    from cleancorpus.lexicon import load_lexicon

    assert BylineFilter()._signature_line(line, load_lexicon("vi")) == expected
