"""The Ray Data engine on a local Ray instance (2 CPUs): the same records as the local engine.

CI installs the ``ray`` extra, so these tests run there; they are skipped only where Ray Data is
not installed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

ray = pytest.importorskip("ray", reason="Ray Data is not installed (pip install -e '.[ray]')")
pytest.importorskip("ray.data", reason="Ray Data is not installed (pip install -e '.[ray]')")

import cleancorpus  # noqa: E402
from cleancorpus.cli import main  # noqa: E402
from cleancorpus.io import read_documents  # noqa: E402
from tests.conftest import ROOT  # noqa: E402

SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    from cleancorpus.ray import init_ray

    init_ray(num_cpus=2)
    ray.data.DataContext.get_current().execution_options.preserve_order = True
    ray.data.DataContext.get_current().enable_progress_bars = False
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> str:
    from benches.corpus import build_corpus

    return str(build_corpus(tmp_path_factory.mktemp("corpus") / "c.jsonl", 0.15, seed=3))


def local_records(inputs: list[str]) -> list[dict]:
    pipe = cleancorpus.default_pipeline()
    return [doc.to_record() for doc in pipe.run(read_documents(inputs))]


@pytest.mark.parametrize("output", ["records", "json"])
def test_clean_dataset_matches_local_engine(local_ray: None, corpus: str, output: str) -> None:
    from cleancorpus.ray import clean_dataset

    rows = [json.loads(line) for line in Path(corpus).read_text(encoding="utf-8").splitlines()]
    ds = ray.data.from_items(rows, override_num_blocks=3)
    got = clean_dataset(ds, output=output, batch_size=8).take_all()
    expected = local_records([corpus])
    assert len(got) == len(expected)
    for row, exp in zip(got, expected, strict=True):
        if output == "json":
            rec = json.loads(row["json"])
            assert row["id"] == rec["id"]
        else:
            rec = _drop_nulls(dict(row))
        assert rec["source"] == "dataset"
        exp = {**exp, "source": "dataset"}
        assert rec == (exp if output == "json" else _drop_nulls(exp))


def _drop_nulls(value):
    """Arrow gives every struct every key: compare records with null keys and values dropped."""
    if isinstance(value, dict):
        return {k: _drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)) or type(value).__name__ == "ndarray":
        return [_drop_nulls(v) for v in value]
    return value


def test_cli_engine_ray_writes_the_local_output(local_ray: None, corpus: str, tmp_path) -> None:
    out_dir = tmp_path / "out"
    local = tmp_path / "local.jsonl"
    assert main(["clean", "-q", str(SEEDS), corpus, "-o", str(local)]) == 0
    assert main(["clean", "-q", "--engine", "ray", str(SEEDS), corpus, "-o", str(out_dir)]) == 0
    parts = sorted(out_dir.glob("part-*.jsonl"))
    assert len(parts) >= 2
    assert b"".join(p.read_bytes() for p in parts) == local.read_bytes()


def test_dataset_rows_need_an_id(local_ray: None) -> None:
    from cleancorpus.ray import clean_dataset

    ds = ray.data.from_items([{"text": "Nội dung bài viết."}])
    with pytest.raises(Exception, match="'id' column"):
        clean_dataset(ds).take_all()
