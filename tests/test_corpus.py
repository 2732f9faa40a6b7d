"""The two-pass mode: CorpusStats (bounded, deterministic) and boilerplate.v1, library and CLI."""

from __future__ import annotations

import json

import cleancorpus
from cleancorpus.cli import main
from cleancorpus.corpus import CorpusStats, source_key, with_corpus_stats
from cleancorpus.document import Document
from cleancorpus.fixtures import find_fixtures
from tests.conftest import ROOT

PROMO = "Mời bạn đọc theo dõi thêm nhiều tin tức hấp dẫn trên chuyên trang của chúng tôi"
BODIES = [
    "Sáng 12/3, Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm {i}.",
    "Hội nghị đã khen thưởng {i} tập thể có thành tích xuất sắc trong năm qua.",
]


def corpus(n: int = 6, site: str = "siteA") -> list[Document]:
    docs = []
    for i in range(n):
        raw = f"Tiêu đề bài viết số {i} về kinh tế địa phương\n\n" + "\n\n".join(b.format(i=i) for b in BODIES)
        raw += f"\n\n{PROMO}\n\nTiêu đề bài viết số {(i + 1) % n} về kinh tế địa phương"
        docs.append(Document.from_text(raw, id=str(i), source=f"/data/{site}/{i}.txt"))
    return docs


def test_source_key() -> None:
    assert source_key(Document.from_text("x", source="/data/siteA/1.txt")) == "/data/siteA"
    assert source_key(Document.from_text("x", source="/data/feed.jsonl:12")) == "/data/feed.jsonl"
    assert source_key(Document.from_text("x", url="https://www.example.vn/a/b.html")) == "example.vn"


def test_stats_count_lines_per_source_once_per_document() -> None:
    st = CorpusStats.build(corpus(6) + corpus(2, site="siteB"))
    assert st.count("/data/siteA", PROMO) == 6
    assert st.count("/data/siteB", PROMO) == 2
    assert st.is_title("Tiêu đề bài viết số 3 về kinh tế địa phương")
    assert not st.is_title(PROMO)


def test_stats_are_deterministic() -> None:
    a, b = CorpusStats.build(corpus(6)), CorpusStats.build(corpus(6))
    assert a.counts == b.counts and a._bloom == b._bloom


def test_memory_is_bounded_and_pruning_only_undercounts() -> None:
    st = CorpusStats(max_keys=50)
    docs = corpus(6)
    for i in range(200):
        docs.append(Document.from_text(f"Tiêu đề {i}\nMột câu duy nhất số {i} trong bài.", source="/data/siteA/x.txt"))
    for d in docs:
        st.add(d)
    assert len(st.counts) <= 50
    assert st.pruned_below >= 1
    assert st.count("/data/siteA", PROMO) <= 6


def test_boilerplate_filter_removes_repeated_lines_and_known_titles() -> None:
    docs = corpus(6)
    pipe = with_corpus_stats(cleancorpus.default_pipeline(), CorpusStats.build(corpus(6)))
    assert [f.id for f in pipe.filters][-1] == "boilerplate.v1"
    rec = pipe.clean(docs[0].raw, id="0", source=docs[0].source)
    assert rec["text"] == "\n".join(b.format(i=0) for b in BODIES)
    rules = {r["rule"] for r in rec["removed"]}
    assert {"boilerplate.v1/repeated-line", "boilerplate.v1/known-title"} <= rules
    assert rec["title"] == "Tiêu đề bài viết số 0 về kinh tế địa phương"


def test_boilerplate_needs_min_docs_of_the_same_source() -> None:
    pipe = with_corpus_stats(cleancorpus.default_pipeline(), CorpusStats.build(corpus(3)))
    d = corpus(3)[0]
    rec = pipe.clean(d.raw, id="0", source=d.source)
    assert PROMO in rec["text"]


def test_boilerplate_without_stats_does_nothing() -> None:
    reg = cleancorpus.default_registry()
    f = reg.create("boilerplate.v1")
    doc = corpus(1)[0]
    f.apply(doc)
    assert doc.removed == []


def test_cli_two_pass(tmp_path) -> None:
    src = tmp_path / "site"
    src.mkdir()
    for d in corpus(6):
        (src / f"{d.id}.txt").write_text(d.raw, encoding="utf-8")
    out1, out2 = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["clean", str(src), "-o", str(out1), "-q"]) == 0
    assert main(["clean", str(src), "-o", str(out2), "-q", "--two-pass"]) == 0
    one = [json.loads(x) for x in out1.read_text(encoding="utf-8").splitlines()]
    two = [json.loads(x) for x in out2.read_text(encoding="utf-8").splitlines()]
    assert all(PROMO in r["text"] for r in one)
    assert not any(PROMO in r["text"] for r in two)
    assert main(["clean", str(src), "-o", str(tmp_path / "three.jsonl"), "-q", "--two-pass"]) == 0
    assert (tmp_path / "three.jsonl").read_text(encoding="utf-8") == out2.read_text(encoding="utf-8")


def test_cli_two_pass_refuses_stdin(capsys) -> None:
    assert main(["clean", "-", "--two-pass", "-q"]) == 2
    assert "standard input" in capsys.readouterr().err


SYNTHETIC = find_fixtures(ROOT / "fixtures" / "synthetic")


def test_synthetic_set_scores() -> None:
    """Own labelled articles modelled on real scrapes (captions merged into paragraphs, trailing
    signatures, related tails, video lines, an English page): noise F1 and text recall targets."""
    from cleancorpus.baseline import measure

    metrics = measure(ROOT / "fixtures")["synthetic"]
    assert len(SYNTHETIC) >= 10
    assert metrics["noise.f1"] >= 0.9
    assert metrics["recall"] >= 0.995
