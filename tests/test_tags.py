"""tags.v1: HTML character references decoded, tags and comments cut."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleancorpus
from cleancorpus.document import Document
from cleancorpus.filters.tags import TagsFilter

P1 = "Sáng 12/3, Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm 2024 và triển khai nhiệm vụ năm 2025."
P2 = "Hội nghị cũng đã khen thưởng 25 tập thể và 40 cá nhân có thành tích xuất sắc trong năm qua."

# (case, line, expected line) through the default pipeline, between two paragraphs
CASES = [
    ("named-references", "Dự án &quot;Cầu mới&quot; &amp; đường dẫn đã hoàn thành.", "Dự án \"Cầu mới\" & đường dẫn đã hoàn thành."),
    ("nbsp-reference", "Giá lúa tăng&nbsp;mạnh trong tuần qua.", "Giá lúa tăng mạnh trong tuần qua."),
    ("numeric-references", "Ph&#7889; c&#x1ED5; H&#7897;i An đông khách.", "Phố cổ Hội An đông khách."),
    ("escaped-twice", "Ông nói: &amp;quot;Chúng tôi sẽ làm tốt hơn&amp;quot;.", "Ông nói: \"Chúng tôi sẽ làm tốt hơn\"."),
    ("named-letter", "Th&agrave;nh ph&ocirc; mới.", "Thành phô mới."),
    ("inline-tags", "Giá lúa <strong>tươi</strong> tăng <em>mạnh</em>.", "Giá lúa tươi tăng mạnh."),
    ("break-between-words", "Câu thứ nhất.<br>Câu thứ hai.", "Câu thứ nhất. Câu thứ hai."),
    ("block-tags", "<p class=\"lead\">Đoạn mở đầu của bài viết.</p>", "Đoạn mở đầu của bài viết."),
    ("comment-and-script", "Nội dung<!-- quảng cáo --> chính.<script>var a = 1;</script>", "Nội dung chính."),
    ("image-tag", "Quang cảnh hội nghị <img src=\"/a.jpg\" alt=\"x\"/> hôm qua.", "Quang cảnh hội nghị hôm qua."),
    ("escaped-tag", "Giá &lt;b&gt;tăng&lt;/b&gt; mạnh.", "Giá tăng mạnh."),
]

NEGATIVE = [
    ("less-than", "Tỷ lệ lạm phát < 4% và tăng trưởng > 6% là mục tiêu của năm."),
    ("heart", "Người hâm mộ để lại nhiều bình luận <3 dưới bài đăng của đội tuyển."),
    ("ampersand-company", "Công ty AT&T và Procter & Gamble cùng tham gia hội chợ."),
    ("not-a-reference", "Ký hiệu &xyz; không phải là một thực thể HTML."),
    ("unknown-tag", "Thẻ <abc> không phải là một phần tử HTML quen thuộc."),
]


@pytest.mark.parametrize("case,line,expected", CASES, ids=[c[0] for c in CASES])
def test_html_residue(case: str, line: str, expected: str) -> None:
    rec = cleancorpus.default_pipeline().clean(f"Tiêu đề\n\n{P1}\n\n{line}\n\n{P2}", id=case)
    assert rec["text"] == f"{P1}\n{expected}\n{P2}"


def test_tag_only_line_goes() -> None:
    rec = cleancorpus.default_pipeline().clean(f"Tiêu đề\n\n{P1}\n\n<div class=\"ads\"></div>\n\n{P2}", id="x")
    assert rec["text"] == f"{P1}\n{P2}"


@pytest.mark.parametrize("case,line", NEGATIVE, ids=[c[0] for c in NEGATIVE])
def test_prose_with_html_characters_is_left_alone(case: str, line: str) -> None:
    doc = Document.from_text(f"{P1}\n{line}", id=case)
    TagsFilter().apply(doc)
    assert doc.text == f"{P1}\n{line}" and doc.removed == [] and doc.fixes == []


def test_records_explain_every_change() -> None:
    raw = "Giá&nbsp;lúa <b>tăng</b>.<br>Hết."
    doc = Document.from_text(raw, id="x")
    TagsFilter().apply(doc)
    assert doc.text == "Giá\u00a0lúa tăng. Hết."
    assert [(f.rule, raw[f.start:f.end], f.after) for f in doc.fixes] == [("tags.v1/reference", "&nbsp;", "\u00a0")]
    assert [(r.rule, r.kind, raw[r.start:r.end]) for r in doc.removed] == [
        ("tags.v1/tag", "markup", "<b>"), ("tags.v1/tag", "markup", "</b>"), ("tags.v1/tag", "markup", "<br>")]


@pytest.mark.parametrize("params", [{"references": False}, {"tags": False}])
def test_switches(params: dict[str, bool]) -> None:
    raw = "Giá &quot;lúa&quot; <b>tăng</b>."
    doc = Document.from_text(raw, id="x")
    TagsFilter(**params).apply(doc)
    assert ("&quot;" in doc.text) == (not params.get("references", True))
    assert ("<b>" in doc.text) == (not params.get("tags", True))


pieces = st.sampled_from(["&", "amp;", "quot;", "#7889;", "#x1EA1;", "<", ">", "b", "br", "/", "p", " ", "a",
                          "!--", "--", "lt;", "gt;", "nbsp;", "ố", "script", "x"])


@settings(max_examples=300, deadline=None)
@given(st.lists(pieces, max_size=30).map("".join))
def test_idempotent_and_offsets(text: str) -> None:
    doc = Document.from_text(text, id="x")
    TagsFilter().apply(doc)
    again = Document.from_text(doc.text, id="y")
    TagsFilter().apply(again)
    assert again.text == doc.text
    for r in doc.removed:
        assert 0 <= r.start <= r.end <= len(text)
