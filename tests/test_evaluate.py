"""cleancorpus.evaluate: token P/R/F1, fields and noise, as the reference scorer defines them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleancorpus.cli import main
from cleancorpus.evaluate import Counts, evaluate, evaluate_records, norm_field, removals_by_kind, tokens
from cleancorpus.fixtures import find_fixtures
from tests.conftest import ROOT


def _find_score_py() -> Path:
    """The reference scorer, outside the repository (dev setup only; CI skips the comparison)."""
    env = os.environ.get("CLEANCORPUS_SCORE_PY")
    candidates = [Path(env)] if env else []
    candidates += [ROOT.parent / "shared" / "tools" / "score.py", ROOT.parent.parent / "shared" / "tools" / "score.py"]
    return next((c for c in candidates if c.is_file()), candidates[-1])


SCORE_PY = _find_score_py()
SEEDS = ROOT / "seeds"
GOLD = ROOT / "fixtures" / "seeds"


@pytest.mark.parametrize("text,expected", [
    ("Một hai, ba!", {"Một": 1, "hai": 1, "ba": 1}),
    ("a a_b 2025-10-30", {"a": 1, "a_b": 1, "2025": 1, "10": 1, "30": 1}),
    (unicodedata.normalize("NFD", "Việt Nam"), {"Việt": 1, "Nam": 1}),  # NFC before tokenising
    ("", {}),
    (None, {}),
])
def test_tokens(text, expected) -> None:
    assert dict(tokens(text)) == expected


@pytest.mark.parametrize("value,expected", [
    (None, ""), ("", ""), ("  Hà   Nội \n", "Hà Nội"), (unicodedata.normalize("NFD", "Đức"), "Đức"), (3, "3"),
    (["a  b", None], "a b\n"),
])
def test_norm_field(value, expected) -> None:
    assert norm_field(value) == expected


def test_hand_computed_scores() -> None:
    """Two documents, every number worked out by hand."""
    gold = {
        "d1": {"title": "Tiêu đề", "date": "2025-01-01", "author": None, "text": "Một hai ba bốn năm"},
        "d2": {"title": "Khác", "date": None, "author": "An", "text": "sáu bảy tám"},
    }
    # d1 keeps 3 of 5 article tokens and 2 noise tokens; the title differs only in spacing; d2 is missing.
    records = [{"id": "d1", "title": " Tiêu  đề", "date": None, "author": "",
                "text": unicodedata.normalize("NFD", "Một hai ba\nxem thêm"),
                "removed": [{"kind": "related", "start": 0, "end": 10}, {"kind": "ui", "start": 20, "end": 23},
                            {"kind": "related", "start": 30, "end": 32}]}]
    raws = {"d1": "Tiêu đề\nMột hai ba bốn năm\nxem thêm tin khác", "d2": "Khác\nsáu bảy tám\nquảng cáo"}
    res = evaluate_records(gold, records, raws)
    assert (res.total().tp, res.total().fp, res.total().fn) == (3, 2, 2 + 3)
    assert res.precision == pytest.approx(3 / 5)
    assert res.recall == pytest.approx(3 / 8)
    assert res.f1 == pytest.approx(2 * 0.6 * 0.375 / (0.6 + 0.375))
    assert res.fields == {"title": 0.5, "date": 0.0, "author": 0.5}
    # noise d1: body {Một hai ba bốn năm xem thêm tin khác}; noise {xem thêm tin khác}; removed {bốn năm tin khác}
    # noise d2 (no record): noise {quảng cáo}; removed = the whole body (5 tokens)
    assert res.noise == pytest.approx({"precision": 4 / 9, "recall": 4 / 6,
                                       "f1": 2 * (4 / 9) * (4 / 6) / (4 / 9 + 4 / 6), "tokens": 6})
    rows = {d.id: d for d in res.docs}
    assert rows["d2"].found is False and rows["d2"].precision == 0.0 and rows["d2"].recall == 0.0
    assert res.removals == {"related": {"count": 2, "chars": 12}, "ui": {"count": 1, "chars": 3}}


def test_empty_gold_and_empty_output_is_perfect() -> None:
    res = evaluate_records({"e": {"text": ""}}, [{"id": "e", "text": ""}])
    assert (res.docs[0].precision, res.docs[0].recall) == (1.0, 1.0)
    assert res.noise is None


def test_records_match_on_the_id_stem() -> None:
    res = evaluate_records({"a": {"text": "x y"}}, [{"id": "dir/a.txt", "text": "x y"}])
    assert res.docs[0].found and res.f1 == 1.0


def _n(text: str) -> int:
    """Reference token count: Unicode word runs of the NFC text."""
    return len(re.findall(r"\w+", unicodedata.normalize("NFC", text)))


def degraded_output(path: Path) -> dict[str, int]:
    """Write the gold seed records, degraded: a paragraph of 000 dropped, a related box kept at the
    end of 002, a wrong title in 003, a wrong date in 001, no record for 004. Returns the numbers
    of tokens each degradation moves, for the reference formula."""
    out, info = [], {}
    for fx in find_fixtures(GOLD):
        rec = {"id": fx.name, **fx.expected}
        if fx.name.startswith("000_"):
            lines = rec["text"].split("\n")
            info["dropped"] = _n(lines.pop(2))
            rec["text"] = "\n".join(lines)
        elif fx.name.startswith("001_"):
            rec["date"] = "2025-10-31"
        elif fx.name.startswith("002_"):
            tail = "Tin liên quan\nMang Tết sớm tới vùng biên giới Điện Biên"
            info["kept_noise"] = _n(tail)
            rec["text"] += "\n" + tail
        elif fx.name.startswith("003_"):
            rec["title"] = "Một tiêu đề sai"
        elif fx.name.startswith("004_"):
            info["missing"] = _n(rec["text"])
            continue
        out.append(rec)
    info["gold"] = sum(_n(fx.expected["text"]) for fx in find_fixtures(GOLD))
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8")
    return info


def test_degraded_output_matches_the_reference_formula(tmp_path) -> None:
    out = tmp_path / "out.jsonl"
    info = degraded_output(out)
    res = evaluate(GOLD, out, SEEDS)
    tp = info["gold"] - info["dropped"] - info["missing"]
    fp = info["kept_noise"]
    fn = info["dropped"] + info["missing"]
    t = res.total()
    assert (t.tp, t.fp, t.fn) == (tp, fp, fn) == (2781, 12, 1092)
    assert res.precision == pytest.approx(tp / (tp + fp))
    assert res.recall == pytest.approx(tp / (tp + fn))
    assert round(res.f1, 4) == 0.8344
    assert res.fields == {"title": 0.6, "date": 0.6, "author": 0.8}
    assert res.extra_fields == {"agency": 0.8, "captions": 0.8}
    # Known values, cross-checked with the reference scorer (score.py): noise P 0.8279 R 0.9987 F1 0.9053.
    noise = Counts()
    for d in res.docs:
        noise.add(d.noise)
    assert (noise.tp, noise.fp, noise.fn) == (5250, 1091, 7)
    assert res.noise is not None
    assert (round(res.noise["precision"], 4), round(res.noise["recall"], 4), round(res.noise["f1"], 4)) == (
        0.8279, 0.9987, 0.9053)


def _score_py(gold: Path, out: Path, raw: Path) -> dict:
    proc = subprocess.run([sys.executable, str(SCORE_PY), str(gold), str(out), "--inputs", str(raw), "--json"],
                          capture_output=True, text=True, timeout=120, check=True)
    return json.loads(proc.stdout)


@pytest.mark.skipif(not SCORE_PY.is_file(), reason="the reference scorer is not available")
@pytest.mark.parametrize("degrade", [False, True], ids=["seeds", "degraded"])
def test_agrees_with_the_reference_scorer(tmp_path, degrade) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    for fx in find_fixtures(GOLD):  # the reference scorer reads gold records, not fixture files
        (gold / f"{fx.name}.json").write_text(json.dumps({"id": fx.name, **fx.expected}, ensure_ascii=False),
                                              encoding="utf-8")
    out = tmp_path / "out.jsonl"
    if degrade:
        degraded_output(out)
    else:
        assert main(["clean", str(SEEDS), "-q", "-o", str(out)]) == 0
    ref = _score_py(gold, out, SEEDS)
    ours = evaluate(gold, out, SEEDS)
    for key in ("precision", "recall", "f1"):
        assert round(getattr(ours, key), 4) == round(ref[key], 4)
    assert {k: round(v, 4) for k, v in ours.fields.items()} == {k: round(v, 4) for k, v in ref["fields"].items()}
    assert ours.noise is not None
    for key in ("precision", "recall", "f1"):
        assert round(ours.noise[key], 4) == round(ref["noise"][key], 4)
    assert ours.noise["tokens"] == ref["noise"]["tokens"]


def test_eval_command(tmp_path, capsys) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(SEEDS), "-q", "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["eval", str(GOLD), str(out), "--inputs", str(SEEDS)]) == 0
    text = capsys.readouterr().out
    assert "fields: title 1.0000, date 1.0000, author 1.0000" in text
    assert re.search(r"^precision (0\.99\d\d|1\.0000) recall (0\.99\d\d|1\.0000) F1 (0\.99\d\d|1\.0000)$", text, re.M), text
    assert "removals by kind: related" in text and "noise (" in text
    assert main(["eval", str(GOLD), str(out), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["documents"] == 5 and data["found"] == 5 and data["noise"] is None
    assert data["removals"] == removals_by_kind(json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())


def test_eval_reads_plain_gold_records(tmp_path, capsys) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "x.json").write_text(json.dumps({"id": "doc-x", "title": "T", "text": "một hai"}), encoding="utf-8")
    out = tmp_path / "o.jsonl"
    out.write_text(json.dumps({"id": "doc-x", "title": "T", "text": "một hai ba"}) + "\n", encoding="utf-8")
    assert main(["eval", str(gold), str(out), "-q"]) == 0
    assert "precision 0.6667 recall 1.0000 F1 0.8000" in capsys.readouterr().out


def test_eval_bad_output_names_the_line(tmp_path, capsys) -> None:
    out = tmp_path / "o.jsonl"
    out.write_text('{"id": "a", "text": "x"}\n{oops\n', encoding="utf-8")
    assert main(["eval", str(GOLD), str(out)]) == 2
    assert f"{out}:2" in capsys.readouterr().err


def test_eval_missing_gold_folder(tmp_path, capsys) -> None:
    assert main(["eval", str(tmp_path / "nope"), str(tmp_path / "o.jsonl")]) == 2
    assert "nope" in capsys.readouterr().err


def test_reference_scorer_is_not_copied_into_the_repository() -> None:
    assert not [p for p in ROOT.rglob("score.py") if ".git" not in p.parts]


WORDS = st.lists(st.sampled_from(["một", "hai", "Hà", "Nội", "2025", "tin", "liên", "quan", "x_y"]), max_size=30)


@settings(max_examples=200, deadline=None)
@given(WORDS, WORDS, WORDS)
def test_count_invariants(gold_words, out_words, noise_words) -> None:
    gold_text, out_text = " ".join(gold_words), ", ".join(out_words)
    raw = "Tiêu đề\n" + " ".join(gold_words + noise_words)
    res = evaluate_records({"d": {"text": gold_text}}, [{"id": "d", "text": out_text}], {"d": raw})
    t = res.total()
    assert t.tp + t.fp == len(out_words) and t.tp + t.fn == len(gold_words)
    assert 0.0 <= res.precision <= 1.0 and 0.0 <= res.recall <= 1.0
    same = evaluate_records({"d": {"text": gold_text}}, [{"id": "d", "text": gold_text}], {"d": raw})
    assert same.docs[0].f1 == 1.0
    assert same.noise is not None and same.noise["precision"] == 1.0 and same.noise["recall"] == 1.0
    assert same.noise["tokens"] == len(noise_words)


@pytest.mark.parametrize(("spans", "chars"), [
    # (kind, start, end) as listed in a record (by position) -> characters per kind; a span holding
    # another was made after it (a line removed whole after a cut in it), so the inner one counts
    ([("inline", 10, 20), ("related", 0, 50)], {"inline": 10, "related": 40}),
    ([("related", 0, 50), ("inline", 10, 20)], {"related": 40, "inline": 10}),
    ([("media", 0, 5), ("media", 5, 9), ("caption", 3, 7)], {"media": 5, "caption": 4}),
    ([("title", 0, 114), ("date", 1, 17)], {"title": 98, "date": 16}),
    ([("a", 5, 5), ("b", 0, 10)], {"a": 0, "b": 10}),
    ([("a", 0, 4), ("b", 6, 9)], {"a": 4, "b": 3}),
])
def test_removals_by_kind_counts_each_character_once(spans, chars) -> None:
    rec = {"removed": [{"kind": k, "start": s, "end": e} for k, s, e in spans]}
    got = removals_by_kind([rec, rec])  # spans are per record: the second record counts again
    assert {k: v["chars"] for k, v in got.items()} == {k: 2 * v for k, v in chars.items()}
    assert sum(v["count"] for v in got.values()) == 2 * len(spans)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("ab"), st.integers(0, 40), st.integers(0, 40)), max_size=12))
def test_removals_by_kind_chars_are_the_union_of_the_spans(spans) -> None:
    spans = [(k, min(s, e), max(s, e)) for k, s, e in spans]
    got = removals_by_kind([{"removed": [{"kind": k, "start": s, "end": e} for k, s, e in spans]}])
    union = set().union(*(range(s, e) for _, s, e in spans)) if spans else set()
    assert sum(v["chars"] for v in got.values()) == len(union)
    first: dict[int, str] = {}  # each character for the shortest span holding it (ties: leftmost)
    for k, s, e in sorted(spans, key=lambda x: (x[2] - x[1], x[1])):
        for c in range(s, e):
            first.setdefault(c, k)
    assert {k: v["chars"] for k, v in got.items()} == {k: sum(1 for v in first.values() if v == k) for k in got}


def test_removals_by_kind_agrees_with_the_run_summary(tmp_path, capsys) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(SEEDS), "-q", "-o", str(out), "--stats", str(tmp_path / "s.json")]) == 0
    capsys.readouterr()
    manifest = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["removals_by_kind"]
    ours = removals_by_kind(json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
    assert ours == {k: {"count": v["count"], "chars": v["chars"]} for k, v in manifest.items()}
