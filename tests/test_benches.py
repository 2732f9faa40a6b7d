"""Smoke test of the benchmark (the real run is `python3 benches/run.py`, outside the test suite)."""

from __future__ import annotations

import json

import pytest

from benches.corpus import build_corpus, load_seeds, sized_document
from benches.run import MODES, measure


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return build_corpus(tmp_path_factory.mktemp("bench") / "c.jsonl", 0.2, seed=1)


def test_corpus_is_perturbed_jsonl(corpus) -> None:
    recs = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    assert corpus.stat().st_size >= 200_000
    assert len({r["id"] for r in recs}) == len(recs)
    assert len({r["text"] for r in recs}) == len(recs)  # numbers varied, paragraphs shuffled
    seeds = {p.name for p in load_seeds()}
    assert len(seeds) == 5


@pytest.mark.parametrize("mode", MODES)
def test_every_mode_measures(corpus, tmp_path, mode: str) -> None:
    res = measure(mode, corpus, tmp_path / f"{mode}.jsonl")
    assert res["docs"] == len(corpus.read_text(encoding="utf-8").splitlines())
    assert res["mb_s"] > 0 and res["peak_rss_mb"] > 0
    assert len((tmp_path / f"{mode}.jsonl").read_text(encoding="utf-8").splitlines()) == res["docs"]


@pytest.mark.parametrize("breaks", [True, False])
def test_sized_document(breaks: bool) -> None:
    text = sized_document(20_000, line_breaks=breaks)
    assert 20_000 <= len(text) <= 30_000
    assert ("\n" in text) == breaks
