"""markdown.v1: reader-service headers, link-only lines, heading and emphasis marks, link targets."""

from __future__ import annotations

import pytest

import cleancorpus
from cleancorpus.document import Document
from cleancorpus.filters.markdown import MarkdownFilter

P1 = "Sáng 12/3, Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm 2024 và triển khai nhiệm vụ năm 2025."
P2 = "Hội nghị cũng đã khen thưởng 25 tập thể và 40 cá nhân có thành tích xuất sắc trong năm qua."
HEADER = ("Title: Hội nghị tổng kết năm 2024\nURL Source: https://example.vn/hoi-nghi-123.html\n"
          "Published Time: 2025-03-12T10:30:00+07:00\nMarkdown Content:\n")

# (case, raw, expected text, expected fields) through the default pipeline
CASES = [
    ("reader-header", f"{HEADER}{P1}\n\n{P2}", f"{P1}\n{P2}",
     {"title": "Hội nghị tổng kết năm 2024", "date": "2025-03-12"}),
    ("reader-header-repeated-heading", f"{HEADER}# Hội nghị tổng kết năm 2024\n\n{P1}\n\n{P2}", f"{P1}\n{P2}",
     {"title": "Hội nghị tổng kết năm 2024"}),
    ("heading-title", f"# Hội nghị tổng kết năm 2024\n\n{P1}\n\n## Kết quả nổi bật\n\n{P2}",
     f"{P1}\nKết quả nổi bật\n{P2}", {"title": "Hội nghị tổng kết năm 2024"}),
    ("closed-heading", f"Tiêu đề bài\n\n{P1}\n\n### Kết quả nổi bật ###\n\n{P2}", f"{P1}\nKết quả nổi bật\n{P2}", {}),
    ("bold-lead-and-signature", f"Tiêu đề bài\n\n**{P1}**\n\n{P2}\n\n**Minh Anh**", f"{P1}\n{P2}",
     {"author": "Minh Anh"}),
    ("inline-link", f"Tiêu đề bài\n\n{P1}\n\nXem [toàn văn báo cáo](https://example.vn/bao-cao.pdf) tại đây.\n\n{P2}",
     f"{P1}\nXem toàn văn báo cáo tại đây.\n{P2}", {}),
    ("link-list-tail", f"Tiêu đề bài\n\n{P1}\n\n{P2}\n\n* [Tỉnh đẩy mạnh chuyển đổi số](https://example.vn/a.html)\n"
     "* [Giá vàng tăng mạnh](https://example.vn/b.html)\n1. [Một tin khác](/c.html)", f"{P1}\n{P2}", {}),
    ("link-breadcrumb", f"[Thời sự](https://example.vn/thoi-su) > [Xã hội](https://example.vn/xa-hoi)\n\n"
     f"Tiêu đề bài\n\n{P1}", P1, {"title": "Tiêu đề bài"}),
    ("whole-line-emphasis-caption", f"Tiêu đề bài\n\n{P1}\n\n![Cầu](https://example.vn/a.jpg)\n"
     f"*Cầu Rào nhìn từ trên cao. Ảnh: Hoàng Phong*\n\n{P2}", f"{P1}\n{P2}", {}),
    ("underscore-strong", f"Tiêu đề bài\n\n{P1} __Quan trọng__ là tiến độ.\n\n{P2}",
     f"{P1} Quan trọng là tiến độ.\n{P2}", {}),
]

# Prose and plain text that look like Markdown and must pass through unchanged.
NEGATIVE = [
    ("hashtag", "#MeToo lan rộng trên mạng xã hội trong năm 2018, theo nhiều khảo sát."),
    ("number-sign", "Phòng # 12 của khách sạn được dùng làm nơi họp báo."),
    ("power", "Công thức tính là a**2 + b**2, theo sách giáo khoa lớp 9."),
    ("snake-case-file", "Hồ sơ được lưu trong tệp bao_cao__2024__final.docx của phòng."),
    ("footnote-brackets", "Số liệu này được trích từ báo cáo [1] và [2] của Tổng cục Thống kê."),
    ("bracket-not-url", "Mục [Tin tức](xem bên dưới) được cập nhật hằng ngày trên cổng thông tin."),
    ("one-label-line", "Title: tên một bộ phim được nhắc tới trong bài viết này."),
    ("inline-emphasis-kept", "Khách sạn *năm sao* mới mở cửa đón khách từ tuần trước."),
    ("bullet-list-item", "* Mục đầu tiên của danh sách"),
    ("lone-stars", "Khách sạn đạt chuẩn ** theo xếp hạng mới, cao hơn năm ngoái."),
]


@pytest.mark.parametrize("case,raw,text,fields", CASES, ids=[c[0] for c in CASES])
def test_markdown_cases(case: str, raw: str, text: str, fields: dict[str, str]) -> None:
    rec = cleancorpus.default_pipeline().clean(raw, id=case)
    assert rec["text"] == text
    for k, v in fields.items():
        assert rec[k] == v
    for r in rec["removed"]:  # a line removed after a cut records its text as the cut left it
        assert r["text"] in raw[r["start"]:r["end"]]


@pytest.mark.parametrize("case,text", NEGATIVE, ids=[c[0] for c in NEGATIVE])
def test_markdown_leaves_prose_alone(case: str, text: str) -> None:
    raw = f"{P1}\n\n{text}\n\n{P2}"
    doc = Document.from_text(raw, id=case)
    MarkdownFilter().apply(doc)
    assert doc.text == f"{P1}\n{text}\n{P2}"
    assert doc.removed == [] and doc.title is None


@pytest.mark.parametrize("raw,kind", [
    ("[Một tin khác](https://example.vn/a.html)", "link"),
    ("- [Một tin khác](https://example.vn/a.html)", "link"),
    ("[A](https://example.vn/a) · [B](https://example.vn/b) · [C](/c)", "nav"),
])
def test_link_line_kinds(raw: str, kind: str) -> None:
    doc = Document.from_text(f"{P1}\n{raw}", id="x")
    MarkdownFilter().apply(doc)
    assert [(r.rule, r.kind, r.text) for r in doc.removed] == [("markdown.v1/link-line", kind, raw)]


def test_image_lines_are_left_to_media() -> None:
    doc = Document.from_text(f"{P1}\n![Quang cảnh](https://example.vn/a.jpg)\nQuang cảnh hội nghị.", id="x")
    MarkdownFilter().apply(doc)
    assert doc.removed == []


def test_header_off() -> None:
    doc = Document.from_text(f"{HEADER}{P1}", id="x")
    MarkdownFilter(header=False).apply(doc)
    assert doc.title is None and doc.text.startswith("Title:")


def test_header_needs_the_first_line() -> None:
    raw = f"{P1}\n{HEADER}{P2}"
    doc = Document.from_text(raw, id="x")
    MarkdownFilter().apply(doc)
    assert doc.text == raw.replace("\n\n", "\n").rstrip("\n") and doc.title is None
