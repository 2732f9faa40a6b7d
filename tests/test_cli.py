"""The command line: python -m cleancorpus clean."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from cleancorpus.cli import main
from tests.conftest import ROOT


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cleancorpus", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def read_jsonl(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_clean_seeds_to_file(tmp_path) -> None:
    out = tmp_path / "out.jsonl"
    proc = run_cli("clean", "seeds", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    recs = read_jsonl(out)
    assert [r["id"] for r in recs] == sorted(p.stem for p in (ROOT / "seeds").glob("*.txt"))
    assert "cleaned 5 documents" in proc.stderr and "related" in proc.stderr
    assert not (tmp_path / "out.jsonl.part").exists()


def test_no_input_cleans_bundled_seeds(tmp_path) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["clean", "-q", "-o", str(out)]) == 0
    assert len(read_jsonl(out)) == 5


def test_stdin_text_to_stdout() -> None:
    proc = run_cli("clean", "-", "-q", stdin="Tiêu đề\n\nNội dung bài viết.\n\nfb yt zl tw\n")
    assert proc.returncode == 0, proc.stderr
    rec = json.loads(proc.stdout)
    assert rec["title"] == "Tiêu đề" and rec["text"] == "Nội dung bài viết."


def test_stdin_jsonl_passes_fields_through() -> None:
    line = json.dumps({"id": "r1", "text": "Nội dung bài viết.\n\nfb yt zl tw", "title": "T", "site": "x.vn"})
    proc = run_cli("clean", "-", "-q", "--no-trace", stdin=line + "\n")
    rec = json.loads(proc.stdout)
    assert rec["id"] == "r1" and rec["title"] == "T" and rec["text"] == "Nội dung bài viết."
    assert rec["meta"] == {"site": "x.vn"} and "removed" not in rec


@pytest.mark.parametrize("mode,in_text,in_captions", [("keep", True, False), ("drop", False, False), ("move", False, True)])
def test_captions_option(tmp_path, mode, in_text, in_captions) -> None:
    out = tmp_path / "o.jsonl"
    assert main(["clean", str(ROOT / "seeds" / "001_c8a773d3748dd23b.txt"), "-q", "--captions", mode, "-o", str(out)]) == 0
    rec = read_jsonl(out)[0]
    cap = "Quang cảnh Hội nghị. Ảnh: Tuấn Hùng."
    assert (cap in rec["text"]) is in_text
    assert (cap in rec["captions"]) is in_captions


def test_malformed_jsonl_names_file_and_line(tmp_path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "ok"}\n{"id": 2, "text": \n', encoding="utf-8")
    proc = run_cli("clean", str(bad), "-q", "--on-error", "raise", "-o", str(tmp_path / "o.jsonl"))
    assert proc.returncode == 2
    assert f"{bad}:2" in proc.stderr
    assert not (tmp_path / "o.jsonl").exists()


def test_malformed_jsonl_is_quarantined_by_default(tmp_path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "Nội dung."}\n{"id": 2, "text": \n', encoding="utf-8")
    proc = run_cli("clean", str(bad), "-q", "-o", str(tmp_path / "o.jsonl"))
    assert proc.returncode == 0, proc.stderr
    assert [r["id"] for r in read_jsonl(tmp_path / "o.jsonl")] == ["1"]
    rejects = read_jsonl(tmp_path / "o.rejects.jsonl")
    assert [(r["source"], r["line"]) for r in rejects] == [(str(bad), 2)]
    assert rejects[0]["reason"].startswith("not valid JSON") and rejects[0]["excerpt"].startswith('{"id": 2')


def test_missing_input_is_an_error(tmp_path) -> None:
    proc = run_cli("clean", str(tmp_path / "nope.txt"))
    assert proc.returncode == 2 and "nope.txt" in proc.stderr


def test_profile_option(tmp_path) -> None:
    prof = tmp_path / "p.toml"
    prof.write_text('[[filters]]\nid = "whitespace.v1"\n', encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert main(["clean", str(ROOT / "seeds"), "-q", "--profile", str(prof), "-o", str(out)]) == 0
    rec = read_jsonl(out)[0]
    assert "Có thể bạn quan tâm" in rec["text"]


def test_filters_command_lists_ids(capsys) -> None:
    assert main(["filters"]) == 0
    assert "related.v1" in capsys.readouterr().out
