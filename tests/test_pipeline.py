"""Library API: registry, pipeline construction from Python and TOML, counters, streaming."""

from __future__ import annotations

import textwrap

import pytest

import cleancorpus
from cleancorpus import Document, Pipeline, UnknownFilterError, default_registry
from cleancorpus.filters import BUILTIN
from cleancorpus.filters.base import BaseFilter
from tests.conftest import ROOT

RAW = "Tiêu đề\n\nTPO - Sáng 1/3, hội nghị tổng kết năm diễn ra tại tỉnh.\n\nfb yt zl tw"


def test_every_builtin_id_is_versioned_and_documented() -> None:
    for fid, cls in BUILTIN:
        assert fid.rsplit(".", 1)[1].startswith("v")
        doc = cls.__module__ and __import__(cls.__module__, fromlist=["x"]).__doc__
        assert doc and "False-positive risks" in doc, f"{fid} module docstring must state its risks"


def test_unknown_id_lists_known_ids() -> None:
    with pytest.raises(UnknownFilterError) as err:
        default_registry().create("relatd.v1")
    assert "related.v1" in str(err.value) and "relatd.v1" in str(err.value)


def test_registry_rejects_unversioned_and_duplicate_ids() -> None:
    reg = default_registry()
    with pytest.raises(ValueError):
        reg.register("custom", BaseFilter)
    with pytest.raises(ValueError):
        reg.register("related.v1", BaseFilter)


def test_bad_parameters_name_the_filter() -> None:
    with pytest.raises(ValueError, match=r"related\.v1"):
        default_registry().create("related.v1", no_such_param=1)


def test_clean_text_one_call() -> None:
    rec = cleancorpus.clean_text(RAW, id="a")
    assert rec["id"] == "a" and rec["title"] == "Tiêu đề" and rec["agency"] == "TPO"
    assert rec["text"] == "Sáng 1/3, hội nghị tổng kết năm diễn ra tại tỉnh."
    assert {r["kind"] for r in rec["removed"]} == {"title", "dateline", "share"}
    assert list(rec)[:10] == ["id", "source", "title", "date", "author", "agency", "text", "captions", "removed", "fixes"]


def test_no_trace() -> None:
    rec = cleancorpus.clean_text(RAW, trace=False)
    assert "removed" not in rec and "fixes" not in rec


def test_custom_filter_in_python_pipeline() -> None:
    class Shout(BaseFilter):
        """Upper-cases every kept line (a test filter)."""

        id = "shout.v1"

        def apply(self, doc: Document) -> None:
            for b in doc.live():
                doc.set_text(b, b.text.upper(), self.id)

    reg = default_registry()
    reg.register("shout.v1", Shout)
    pipe = Pipeline.from_spec([{"id": "whitespace.v1"}, {"id": "shout.v1"}], registry=reg)
    rec = pipe.clean("xin chào ", id="s")
    assert rec["text"] == "XIN CHÀO"
    assert sorted(f["rule"] for f in rec["fixes"]) == ["shout.v1", "whitespace.v1"]


def test_nested_pipeline_and_counters() -> None:
    inner = Pipeline.from_spec([{"id": "media.v1"}, {"id": "social.v1"}], id="furniture")
    outer = Pipeline([default_registry().create("whitespace.v1"), inner], id="outer")
    outer.apply(Document.from_text("Nội dung.\n\nfb yt zl tw\n\nanh.jpg", id="n"))
    counters = outer.counters()
    assert counters["furniture"]["removed"] == 2
    assert counters["furniture/social.v1"] == {**counters["furniture/social.v1"], "seen": 1, "changed": 1, "removed": 1}
    assert outer.spec()["filters"][1]["id"] == "furniture"


def test_profile_from_toml(tmp_path) -> None:
    prof = tmp_path / "p.toml"
    prof.write_text(textwrap.dedent("""
        name = "mine"
        [[filters]]
        id = "whitespace.v1"
        [[filters]]
        id = "caption.v1"
        mode = "drop"
        [[filters]]
        id = "related.v1"
        enabled = false
    """))
    pipe = Pipeline.from_profile(prof)
    assert [f.id for f in pipe.filters] == ["whitespace.v1", "caption.v1"]
    assert pipe.filters[1].spec()["mode"] == "drop"


def test_bad_profile_names_the_file(tmp_path) -> None:
    prof = tmp_path / "bad.toml"
    prof.write_text("filters = [")
    with pytest.raises(ValueError, match=r"bad\.toml"):
        Pipeline.from_profile(prof)


def test_streaming_is_lazy() -> None:
    pipe = cleancorpus.default_pipeline()
    seen = []

    def docs():
        for i in range(3):
            seen.append(i)
            yield Document.from_text(RAW, id=str(i))

    stream = cleancorpus.clean_documents(docs(), pipe)
    first = next(stream)
    assert first.id == "0" and seen == [0]
    assert [d.id for d in stream] == ["1", "2"]
    assert pipe.counters()["social.v1"]["seen"] == 3


def test_bundled_profile_is_the_default() -> None:
    profile = cleancorpus.load_profile(ROOT / "cleancorpus" / "profiles" / "vi-news.toml")
    assert [f.id for f in cleancorpus.default_pipeline().filters] == [e["id"] for e in profile["filters"]]


def test_counters_count_records_characters_and_rejections() -> None:
    class Cut(BaseFilter):
        """Cuts the first two characters of the first line and drops the last line (a test filter)."""

        id = "cut.v1"

        def apply(self, doc: Document) -> None:
            doc.edit(doc.blocks[0], 0, 2, "", self.id, kind="x")
            doc.remove(doc.blocks[-1], self.id, "x")

    class Fixer(BaseFilter):
        """Upper-cases the first line and rejects the document (a test filter)."""

        id = "fixer.v1"

        def apply(self, doc: Document) -> None:
            doc.set_text(doc.blocks[0], doc.blocks[0].text.upper(), self.id)
            doc.rejected = "test"

    pipe = Pipeline([Cut(), Fixer()])
    pipe.apply(Document.from_text("abcdef\nxyz", id="a"))
    pipe.apply(Document.from_text("ab\nq", id="b"))
    counters = pipe.counters()
    assert {k: v for k, v in counters["cut.v1"].items() if k != "seconds"} == {
        "seen": 2, "changed": 2, "removed": 4, "fixes": 0, "chars_removed": 2 + 3 + 2 + 1, "rejected": 0}
    assert {k: v for k, v in counters["fixer.v1"].items() if k != "seconds"} == {
        "seen": 2, "changed": 1, "removed": 0, "fixes": 1, "chars_removed": 0, "rejected": 2}


class _CutDateline(BaseFilter):
    """Cuts the first five characters of the first line (a test filter)."""

    id = "cutdate.v1"

    def apply(self, doc: Document) -> None:
        doc.edit(doc.blocks[0], 0, 5, "", self.id, kind="dateline")


class _DropFirst(BaseFilter):
    """Removes the first line whole (a test filter)."""

    id = "dropfirst.v1"

    def apply(self, doc: Document) -> None:
        doc.move(doc.blocks[0], "title", self.id, "title")


class _CutThenDrop(BaseFilter):
    """Cuts a span of the first line, then removes the line, in one call (a test filter)."""

    id = "both.v1"

    def apply(self, doc: Document) -> None:
        doc.edit(doc.blocks[0], 0, 5, "", self.id, kind="dateline")
        doc.remove(doc.blocks[0], self.id, "title")


RAW_CUT = "Hà Nội - Nội dung tin.\nThân bài."  # a first line of 22 characters


@pytest.mark.parametrize("filters,expected,spans", [
    ([_CutDateline(), _DropFirst()], {"cutdate.v1": 5, "dropfirst.v1": 22 - 5}, [(0, 5), (0, 22)]),
    # a removed line is not cut: no record
    ([_DropFirst(), _CutDateline()], {"dropfirst.v1": 22, "cutdate.v1": 0}, [(0, 22)]),
    ([_CutThenDrop()], {"both.v1": 22}, [(0, 5), (0, 22)]),
    ([Pipeline([_CutDateline()], id="inner"), _DropFirst()], {"inner": 5, "inner/cutdate.v1": 5,
                                                               "dropfirst.v1": 17}, [(0, 5), (0, 22)]),
])
def test_chars_removed_counts_a_cut_line_once(filters, expected, spans) -> None:
    """A span cut out of a line, then the line removed: the line's characters are counted once, the
    cut ones for the filter that cut them; the records keep their spans (the trace is unchanged)."""
    pipe = Pipeline(filters)
    doc = Document.from_text(RAW_CUT, id="a")
    pipe.apply(doc)
    counters = pipe.counters()
    assert {k: counters[k]["chars_removed"] for k in expected} == expected
    assert [(r["start"], r["end"]) for r in doc.to_record()["removed"]] == spans


def test_chars_removed_add_up_to_the_removed_input_on_the_seeds() -> None:
    """On the seeds (which hold a dateline cut out of a title line, and a table pipe cut out of a
    caption line, each then removed whole), the filters' characters add up to the input characters
    that some removal record spans, each counted once."""
    from cleancorpus.io import read_documents

    pipe = cleancorpus.default_pipeline()
    removed = 0
    overlapping = 0
    for doc in read_documents([ROOT / "seeds"]):
        pipe.apply(doc)
        covered: set[int] = set()
        for r in doc.removed:
            overlapping += bool(covered & set(range(r.start, r.end)))
            covered.update(range(r.start, r.end))
        removed += len(covered)
    assert overlapping >= 2
    assert sum(c["chars_removed"] for c in pipe.counters().values()) == removed
