"""HTML input: trafilatura extracts, our filters remove what it leaves, and never lose what it keeps.

The fixtures in fixtures/html/ are hand-written Vietnamese news pages (navigation, share bars,
figures with captions, related boxes, an orphan "Tin liên quan" heading inside the body); each
``_NAME.expected.json`` holds the expected metadata, the clean paragraphs, and the lines trafilatura
alone keeps that the HTML path removes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import trafilatura

import cleancorpus
from cleancorpus.io import InputError, InputUnit, from_html, to_document
from tests.conftest import ROOT

HTML_DIR = ROOT / "fixtures" / "html"
PAGES = sorted(HTML_DIR.glob("*.html"))
TRAFILATURA_SETTINGS = {"favor_precision": True, "include_comments": False, "include_tables": False,
                        "include_images": False, "include_links": False}


def expected_path(page: Path) -> Path:
    """``_NAME.expected.json``: the leading ``_`` keeps ``cleancorpus check`` from reading it as a fixture."""
    return page.with_name(f"_{page.stem}.expected.json")


def clean_page(path: Path, pipe: cleancorpus.Pipeline) -> dict:
    doc = from_html(path.read_text(encoding="utf-8"), id=path.stem, source=str(path))
    pipe.apply(doc)
    return doc.to_record()


def test_fixtures_exist() -> None:
    assert len(PAGES) >= 3


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_html_golden(path: Path, pipe: cleancorpus.Pipeline) -> None:
    exp = json.loads(expected_path(path).read_text(encoding="utf-8"))
    rec = clean_page(path, pipe)
    assert rec["text"].split("\n") == exp["paragraphs"]
    for field in ("title", "date", "author", "agency", "captions"):
        assert rec[field] == exp[field], field
    assert rec.get("url") == exp["url"]
    assert rec["meta"]["sitename"] == exp["sitename"]


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_keeps_what_trafilatura_keeps_and_removes_what_it_leaves(path: Path, pipe: cleancorpus.Pipeline) -> None:
    exp = json.loads(expected_path(path).read_text(encoding="utf-8"))
    alone = trafilatura.extract(path.read_text(encoding="utf-8"), **TRAFILATURA_SETTINGS).split("\n")
    rec = clean_page(path, pipe)
    ours = rec["text"].split("\n")
    removed = {r["text"] for r in rec["removed"]}
    left = [line for line in alone if line not in ours]
    # Every line trafilatura keeps is in our text, or in our text with a recorded prefix cut
    # (a dateline), or removed as a whole by a recorded rule that is expected to remove it.
    for line in left:
        cut = [o for o in ours if line.endswith(o) and line[: len(line) - len(o)] in removed]
        assert cut or (line in removed and line in exp["noise_left_by_trafilatura"]), line
    assert [line for line in left if line in removed] == exp["noise_left_by_trafilatura"]
    # All prose paragraphs trafilatura keeps survive.
    assert all(any(p in line for line in alone) for p in exp["paragraphs"])


def test_orphan_related_heading_is_left_by_trafilatura_and_removed_here(pipe: cleancorpus.Pipeline) -> None:
    path = HTML_DIR / "dong-bang-lua.html"
    alone = trafilatura.extract(path.read_text(encoding="utf-8"), **TRAFILATURA_SETTINGS).split("\n")
    assert "Tin liên quan" in alone
    rec = clean_page(path, pipe)
    assert "Tin liên quan" not in rec["text"]
    assert {"rule": "related.v1/cue", "text": "Tin liên quan"}.items() <= next(
        r for r in rec["removed"] if r["text"] == "Tin liên quan").items()


def test_page_without_title_keeps_first_paragraph(pipe: cleancorpus.Pipeline) -> None:
    first = "Sáng 12/3, Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm 2024 với nhiều đại biểu."
    html = (f"<html><body><div><p>{first}</p><p>Hội nghị cũng đã khen thưởng 25 tập thể và 40 cá nhân "
            "có thành tích xuất sắc trong năm qua.</p></div></body></html>")
    doc = from_html(html, id="p")
    assert doc.title is None and doc.title_in_text is False
    pipe.apply(doc)
    assert doc.title is None
    assert doc.text.split("\n")[0] == first


def test_page_without_main_text_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no main text"):
        from_html("<html><head><title>T</title></head><body><script>var a = 1;</script></body></html>", id="x", source="p.html")


def test_jsonl_html_field_presets_win(pipe: cleancorpus.Pipeline) -> None:
    html = (HTML_DIR / "dong-bang-lua.html").read_text(encoding="utf-8")
    line = json.dumps({"id": "a1", "page": html, "title": "Tiêu đề từ crawler", "crawl": 7}, ensure_ascii=False)
    from cleancorpus.io import JsonlFields

    doc = to_document(InputUnit("c.jsonl", 3, "jsonl", line.encode()), JsonlFields(html="page"))
    pipe.apply(doc)
    rec = doc.to_record()
    assert rec["id"] == "a1" and rec["source"] == "c.jsonl:3"
    assert rec["title"] == "Tiêu đề từ crawler" and rec["date"] == "2025-03-12"
    assert rec["meta"] == {"crawl": 7, "sitename": "Tin Nhanh Miền Tây"}
    assert "Tin liên quan" not in rec["text"]


def test_jsonl_html_without_text_names_line() -> None:
    line = json.dumps({"html": "<html><body></body></html>"}).encode()
    with pytest.raises(InputError) as err:
        to_document(InputUnit("c.jsonl", 5, "jsonl", line))
    assert str(err.value).startswith("c.jsonl:5: no main text")


def test_figure_captions_of_the_article_only() -> None:
    from cleancorpus.io import figure_captions

    page = ("<html><body><aside><figure><img src='a.jpg'><figcaption>Tin khác</figcaption></figure></aside>"
            "<article><p>Nội dung.</p><figure><img src='b.jpg'><figcaption>Quang cảnh  hội nghị.\n Ảnh: Minh Anh"
            "</figcaption></figure></article></body></html>")
    assert figure_captions(page) == ["Quang cảnh hội nghị. Ảnh: Minh Anh"]
    assert figure_captions("<p><figure><figcaption>Ảnh 1</figcaption></figure></p>") == ["Ảnh 1"]
    assert figure_captions("") == []
