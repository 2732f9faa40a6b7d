"""Run manifests: `python -m cleancorpus clean ... --stats FILE.json`."""

from __future__ import annotations

import json

import cleancorpus
from cleancorpus.cli import main
from cleancorpus.digests import combined_digest, rule_file_digests
from tests.conftest import ROOT


def test_clean_writes_a_run_manifest(tmp_path) -> None:
    out, stats = tmp_path / "out.jsonl", tmp_path / "stats" / "run.json"
    assert main(["clean", str(ROOT / "seeds"), "-q", "-o", str(out), "--stats", str(stats)]) == 0
    m = json.loads(stats.read_text(encoding="utf-8"))
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    raws = [p.read_text(encoding="utf-8", errors="replace") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    assert m["cleancorpus"] == cleancorpus.__version__
    assert m["documents"] == len(recs) == 5
    assert m["chars_in"] == sum(len(r) for r in raws)
    assert m["chars_out"] == sum(len(r["text"]) for r in recs)
    assert m["pipeline"] == cleancorpus.default_pipeline().spec()
    ids = [f["id"] for f in m["pipeline"]["filters"]]
    assert list(m["counters"]) == ids
    for fid, c in m["counters"].items():
        assert c["seen"] == 5, fid
        assert c["seconds"] >= 0
    n_removed = sum(len(r["removed"]) for r in recs)
    assert sum(c["removed"] for c in m["counters"].values()) == n_removed
    assert sum(v["count"] for v in m["removals_by_kind"].values()) == n_removed
    assert m["fixes"] == sum(len(r["fixes"]) for r in recs) == sum(c["fixes"] for c in m["counters"].values())
    assert m["counters"]["related.v1"]["removed"] > 0
    assert m["timing"]["seconds"] > 0 and m["timing"]["docs_per_second"] > 0
    files = rule_file_digests()
    assert m["rule_files"] == {"digest": combined_digest(files), "files": files}
    assert "profiles/vi-news.toml" in files and all(len(v) == 64 for v in files.values())
    assert m["profile"] == {"name": "vi-news"} and m["inputs"] == [str(ROOT / "seeds")]
    assert m["started"] <= m["finished"]
    assert not (stats.parent / "run.json.part").exists()


def test_manifest_records_a_profile_file_digest(tmp_path) -> None:
    prof = tmp_path / "p.toml"
    prof.write_text('[[filters]]\nid = "whitespace.v1"\n', encoding="utf-8")
    stats = tmp_path / "s.json"
    assert main(["clean", str(ROOT / "seeds"), "-q", "-o", str(tmp_path / "o.jsonl"), "--profile", str(prof),
                 "--stats", str(stats)]) == 0
    m = json.loads(stats.read_text(encoding="utf-8"))
    assert m["profile"]["name"] == str(prof) and len(m["profile"]["sha256"]) == 64
    assert list(m["counters"]) == ["whitespace.v1"]
