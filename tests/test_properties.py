"""Property tests: the pipeline never crashes, loses nothing unexplained, and is idempotent."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import cleancorpus
from cleancorpus.document import Document

#: The body filters: header.v1 is left out of the idempotence property because its rules are
#: anchored to the top of the original input (line 1 is the title, the first lines hold the date).
BODY_PIPE = cleancorpus.Pipeline([f for f in cleancorpus.default_pipeline().filters if f.id != "header.v1"])
FULL_PIPE = cleancorpus.default_pipeline()

# Lines drawn from every kind of noise and prose the filters know, so that random documents
# exercise the rules and not only the fast paths.
PIECES = [
    "Tin liên quan", "Có thể bạn quan tâm", "Đọc nhiều", "Multimedia", "Xem thêm: Bài khác về kinh tế",
    "fb yt zl tw", "Chia sẻ", "Bình luận", "Từ khóa: a, b", "Trang chủ > Thời sự > Xã hội",
    "anh_hoi_nghi_01.jpg", "![]() |", "![alt](https://x.vn/a.png)", "[Video] Một clip hay", "https://x.vn/a",
    "Quang cảnh hội nghị. Ảnh: Minh Anh", "Ảnh minh họa", "(Ảnh: tinh.gov.vn) |",
    "TPO - Sáng 1/3, hội nghị diễn ra.", "HÀ NỘI (TTXVN) - Chiều nay, đoàn đến.", "Nguyễn Oanh", "(TTXVN)",
    "Theo Dân trí", "THANH VÂN", "kết thúc./.", " date 2025-10-30 Tiêu đề", "Thứ Năm, 30/10/2025 14:32",
    "Nông dân phấn khởi vào vụ thu hoạch lúa đông xuân",
    "Sáng 12/3, Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm 2024.",
    "Hội nghị cũng đã khen thưởng 25 tập thể và 40 cá nhân có thành tích xuất sắc.",
    "Khó khăn chồng chất", "\u00a0", "  ", "\u200b", "Ðồng", "Hà Nội", "a  b\tc ",
    # noise merged into paragraphs (inline.v1)
    "Hội nghị diễn ra sáng qua. Đại biểu dự họp (Ảnh: Minh Anh) Các ý kiến đều thống nhất. Văn Tân",
    "Giá vàng tăng mạnh. Ảnh: Reuters. Nhiều người đổ xô đi mua. Tin liên quan Giá vàng lập đỉnh mới",
    "Kết thúc trận đấu. Ảnh minh họa. Xem thêm: Lịch thi đấu vòng tới Các đội sẽ nghỉ một tuần.",
    "Bình luận (3)", "#MeToo",
]
#: Markdown and HTML left in text (markdown.v1, tags.v1): in the crash and nothing-lost properties.
#: Not in the idempotence property: a reader header is anchored to the first line as header.v1 is,
#: and unwrapped markup can make lines that filters anchored to their neighbours read differently
#: on a second run (see the issue notes); tests/test_tags.py checks tags.v1 alone for idempotence.
MARKUP_PIECES = [
    "Title: Tiêu đề bài", "URL Source: https://x.vn/a", "Published Time: 2025-03-05T10:30:00+07:00",
    "Markdown Content:", "# Tiêu đề", "## Mục **hai** ##", "**Minh Anh**", "__Chú thích__",
    "* [Bài khác về kinh tế](https://x.vn/b.html)", "[A](/a) | [B](https://x.vn/b)",
    "Xem [chi tiết](https://x.vn/c) tại **đây**.", "**a**b**c**", "[[x]](http://y)",
    # HTML left in text (tags.v1)
    "Giá &quot;lúa&quot; tăng&nbsp;mạnh", "<p>Đoạn <b>một</b></p>", "Một.<br>Hai.", "&amp;quot;x&amp;quot;",
    "&lt;b&gt;x&lt;/b&gt;", "a < b > c", "&#8203;&#769;a", "<!-- x -->",
]
line = st.one_of(st.sampled_from(PIECES), st.text(max_size=60))
markup_line = st.one_of(st.sampled_from(PIECES + MARKUP_PIECES), st.text(max_size=60))
markup_documents = st.lists(markup_line, max_size=25).map(lambda ls: "\n".join(ls))
documents = st.lists(line, max_size=25).map(lambda ls: "\n".join(ls))
separated = st.lists(line, max_size=25).map(lambda ls: "\n\n".join(ls))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(), documents, separated, markup_documents))
def test_never_crashes_and_record_is_complete(raw: str) -> None:
    rec = FULL_PIPE.clean(raw, id="x")
    assert isinstance(rec["text"], str)
    for r in rec["removed"]:
        assert 0 <= r["start"] <= r["end"] <= len(raw)
    for f in rec["fixes"]:
        assert 0 <= f["start"] <= f["end"] <= len(raw)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(documents, separated, markup_documents))
def test_nothing_is_lost_silently(raw: str) -> None:
    """Every non-blank input line is in the text, in a field, or in the trace."""
    doc = Document.from_text(raw, id="x")
    FULL_PIPE.apply(doc)
    for b in doc.blocks:
        assert b.status == "kept" or any((r.start <= b.start and b.end <= r.end) or r.start == b.start
                                         for r in doc.removed)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(), documents, separated))
# A carriage return left at a line's end once the control character after it is removed (found by
# hypothesis): the second run read it as part of a "\r\n" line break.
@example("0\r\x1f")
@example("A\r\x1f\nB")
@example("a\r\x1fb")
# A section heading that a signature line after it kept from ending the document (found by hypothesis).
@example("¡\nMultimedia\nHà Nội")
def test_idempotent(raw: str) -> None:
    once = BODY_PIPE.clean(raw, id="x")["text"]
    twice = BODY_PIPE.clean(once, id="x")["text"]
    assert twice == once
