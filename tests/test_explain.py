"""`python -m cleancorpus explain`: every block with its decision, every fix."""

from __future__ import annotations

import json

import pytest

import cleancorpus
from cleancorpus.cli import main
from cleancorpus.document import Document
from cleancorpus.explain import KEPT, MOVED, REMOVED, explain_document, format_explanation
from tests.conftest import ROOT

SEED_FILES = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def explained() -> dict:
    pipe = cleancorpus.default_pipeline()
    out = {}
    for path in SEED_FILES:
        doc = Document.from_text(path.read_text(encoding="utf-8"), id=path.stem, source=str(path))
        pipe.apply(doc)
        out[path.stem] = (doc, explain_document(doc))
    return out


@pytest.mark.parametrize("stem", [p.stem for p in SEED_FILES])
def test_every_removed_line_is_shown_with_its_rule(explained, stem) -> None:
    doc, ex = explained[stem]
    text = format_explanation(ex)
    lines = text.split("\n")
    removed_blocks = [b for b in doc.blocks if not b.kept]
    assert removed_blocks
    for b in removed_blocks:
        line_no = doc.raw.count("\n", 0, b.start) + 1
        shown = doc.raw[b.start:b.end] if doc.raw[b.start:b.end].strip() else repr(doc.raw[b.start:b.end])
        row = next(ln for ln in lines if ln.startswith(f"L{line_no} "))
        assert b.rule in row and f"({b.kind})" in row and row.endswith(shown), row
    for r in doc.removed:  # partial removals (cuts) and fixes are listed too
        assert r.rule in text
    for f in doc.fixes:
        assert f"fix {f.rule}: {f.before!r} -> {f.after!r}" in text


@pytest.mark.parametrize("stem", [p.stem for p in SEED_FILES])
def test_blocks_account_for_the_whole_record(explained, stem) -> None:
    doc, ex = explained[stem]
    assert [b.index for b in ex.blocks] == list(range(len(doc.blocks)))
    kept = [b.text for b in ex.blocks if b.decision == KEPT and b.text]
    assert "\n".join(kept) == doc.to_record()["text"]
    moved = [b for b in ex.blocks if b.decision == MOVED]
    assert all(b.field for b in moved) and all(b.rule for b in ex.blocks if b.decision != KEPT)
    edits = sum(len(b.edits) for b in ex.blocks) + len(ex.outside)
    decided = sum(b.decision != KEPT for b in ex.blocks)
    assert edits + decided == len(doc.removed) + len(doc.fixes)
    counts = ex.counts()
    assert counts[KEPT] + counts[REMOVED] + counts[MOVED] == len(doc.blocks)


def test_captions_are_moved_to_their_field(explained) -> None:
    doc, ex = explained["001_c8a773d3748dd23b"]
    caps = [b for b in ex.blocks if b.field == "captions"]
    assert [b.text.strip() for b in caps] == doc.captions


def test_explain_command_text(capsys) -> None:
    seed = SEED_FILES[1]
    assert main(["explain", str(seed)]) == 0
    out = capsys.readouterr().out
    assert "\x1b[" not in out  # not a terminal: plain text
    assert out.startswith(f"{seed.stem} (")
    assert "moved to title by header.v1/title-line (title)" in out
    assert "cut byline.v1/dateline (dateline): 'TPO - '" in out
    assert "fix whitespace.v1" in out


def test_explain_command_colour_and_changes(capsys) -> None:
    seed = SEED_FILES[0]
    assert main(["explain", str(seed), "--color", "always", "--changes", "--width", "40"]) == 0
    out = capsys.readouterr().out
    assert "\x1b[31mremoved by related.v1/cue" in out and "\x1b[32mkept" not in out


def test_explain_command_json(capsys) -> None:
    assert main(["explain", str(ROOT / "seeds"), "--format", "json"]) == 0
    docs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [d["id"] for d in docs] == [p.stem for p in SEED_FILES]
    for d in docs:
        for b in d["blocks"]:
            assert b["decision"] in (KEPT, REMOVED, MOVED)
            assert (b["rule"] is None) == (b["decision"] == KEPT)
    first = docs[0]["blocks"][0]
    assert first["decision"] == MOVED and first["field"] == "title" and first["line"] == 1


def test_explain_jsonl_by_id(tmp_path, capsys) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "Tiêu đề\n\nNội dung bài viết.\n\nfb yt zl tw"}) + "\n"
                   + json.dumps({"id": "b", "text": "Khác\n\nNội dung."}) + "\n", encoding="utf-8")
    assert main(["explain", str(src), "--id", "a"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("a (") and "removed by social.v1" in out and "\nb (" not in out
    assert main(["explain", str(src), "--id", "zzz"]) == 2


def test_explain_a_fixture_file_uses_its_options(tmp_path, capsys) -> None:
    fx = tmp_path / "f.json"
    fx.write_text(json.dumps({"raw": "Tiêu đề\n\nNội dung bài viết.\n\nẢnh minh họa",
                              "options": {"captions": "keep"}, "expected": {}}), encoding="utf-8")
    assert main(["explain", str(fx)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("f (") and "moved to captions" not in out and "L5     kept" in out
