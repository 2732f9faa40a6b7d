"""The multi-process executor: shards cut at line starts, output identical to one process."""

from __future__ import annotations

import io
import itertools
import json
from pathlib import Path

import pytest

import cleancorpus
from cleancorpus.cli import main
from cleancorpus.io import InputError
from cleancorpus.parallel import clean_files, plan_shards
from tests.conftest import ROOT

SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> str:
    """A small JSONL corpus (about 300 KB) from the benchmark's corpus builder."""
    from benches.corpus import build_corpus

    return str(build_corpus(tmp_path_factory.mktemp("corpus") / "c.jsonl", 0.3, seed=7))


def run(inputs: list[str], workers: int, shard_bytes: int = 40_000) -> tuple[str, cleancorpus.Pipeline]:
    pipe = cleancorpus.default_pipeline()
    buf = io.StringIO()
    clean_files(inputs, buf, pipe, workers, shard_bytes=shard_bytes)
    return buf.getvalue(), pipe


@pytest.mark.parametrize("shard_bytes", [1, 7_000, 50_000, 10**9])
def test_shards_cover_the_file_at_line_starts(corpus: str, shard_bytes: int) -> None:
    data = Path(corpus).read_bytes()
    shards = plan_shards([corpus], shard_bytes)
    assert shards[0].start == 0 and shards[-1].end == len(data)
    for a, b in itertools.pairwise(shards):
        assert a.end == b.start and data[b.start - 1:b.start] == b"\n"
        assert b.first_line == a.first_line + data[a.start:a.end].count(b"\n")
    assert [s.index for s in shards] == list(range(len(shards)))


@pytest.mark.parametrize("workers", [2, 3])
def test_workers_give_the_one_process_output(corpus: str, workers: int) -> None:
    inputs = [str(SEEDS), corpus]
    one, pipe1 = run(inputs, 1)
    many, pipe_n = run(inputs, workers)
    assert many == one
    assert len(one.splitlines()) == 5 + len(Path(corpus).read_text(encoding="utf-8").splitlines())
    c1, cn = pipe1.counters(), pipe_n.counters()
    for fid in c1:
        assert {k: v for k, v in c1[fid].items() if k != "seconds"} == {k: v for k, v in cn[fid].items() if k != "seconds"}


def test_bad_line_is_quarantined_in_order(tmp_path) -> None:
    from cleancorpus.runner import RunOptions

    path = tmp_path / "bad.jsonl"
    good = [json.dumps({"id": f"a{i}", "text": "Nội dung bài viết."}, ensure_ascii=False) for i in range(60)]
    path.write_text("\n".join([*good[:30], "{not json", *good[30:], "[1]"]) + "\n", encoding="utf-8")
    outs = {}
    for workers in (1, 2):
        out, rej = tmp_path / f"o{workers}.jsonl", tmp_path / f"r{workers}.jsonl"
        opts = RunOptions(on_error="quarantine", rejects=rej)
        s = clean_files([str(path)], out, cleancorpus.default_pipeline(), workers, opts, shard_bytes=200)
        assert (s.inputs, s.records, s.rejects) == (62, 60, 2)
        outs[workers] = (out.read_bytes(), rej.read_bytes())
    assert outs[1] == outs[2]
    assert [json.loads(x)["line"] for x in outs[2][1].splitlines()] == [31, 62]


def test_bad_line_in_a_worker_names_file_and_line(tmp_path) -> None:
    path = tmp_path / "bad.jsonl"
    good = json.dumps({"id": "a", "text": "Nội dung bài viết."}, ensure_ascii=False)
    path.write_text("\n".join([good] * 50 + ["{not json"] + [good] * 5) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        run([str(path)], 2, shard_bytes=300)
    assert err.value.line == 51 and err.value.source == str(path)


def test_cli_workers_flag(tmp_path, corpus: str) -> None:
    out1, out2 = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["clean", "-q", corpus, str(SEEDS), "-o", str(out1)]) == 0
    assert main(["clean", "-q", "--workers", "2", corpus, str(SEEDS), "-o", str(out2)]) == 0
    assert out1.read_bytes() == out2.read_bytes()


def test_cli_rejects_zero_workers() -> None:
    with pytest.raises(SystemExit):
        main(["clean", "--workers", "0"])
