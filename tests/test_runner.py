"""The clean loop: nothing lost on a corrupted corpus, kill-and-resume, time budget per document."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import cleancorpus
from cleancorpus.document import Document
from cleancorpus.io import InputError, open_input
from cleancorpus.pipeline import Pipeline, TimeBudgetExceeded
from cleancorpus.runner import QUARANTINE, RunOptions, RunSummary, checkpoint_path, run_clean
from tests.conftest import ROOT

ARTICLE = ("Tiêu đề bài số {i}\n\nSáng {d}/3, Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm "
           "2024 với sự tham dự của đông đảo đại biểu.\n\nHội nghị cũng đã khen thưởng {i} tập thể có thành "
           "tích xuất sắc.\n\nTin liên quan\n\nGiá lúa tăng nhẹ ở nhiều tỉnh\n\nfb yt zl tw\n")


def article(i: int) -> str:
    return ARTICLE.format(i=i, d=i % 28 + 1)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open_input(path) as fh:
        return [json.loads(line) for line in fh if line.strip()]


def run_cli(*args: str, **kw: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cleancorpus", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, **kw)


def build_corrupted_corpus(root: Path) -> set[tuple[str, int | None]]:
    """Writes a corpus of valid and broken inputs; returns the (file, line) key of every input document.

    A JSONL document's key is (file, line); a file document's key is (file, None).
    """
    keys: set[tuple[str, int | None]] = set()

    def file_doc(name: str, data: bytes) -> None:
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        keys.add((str(p), None))

    def jsonl(name: str, lines: list[bytes], compress: bool = False) -> None:
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        data = b"".join(line + b"\n" for line in lines)
        p.write_bytes(gzip.compress(data) if compress else data)
        for n, line in enumerate(lines, 1):
            if line.strip():
                keys.add((str(p), n))

    for i in range(4):
        file_doc(f"txt/ok{i}.txt", article(i).encode())
    file_doc("txt/latin1.txt", article(9).encode("cp1258", errors="replace"))  # invalid UTF-8
    file_doc("txt/empty.txt", b"")
    file_doc("txt/blank.md", b"\n  \n")
    file_doc("txt/binary.txt", bytes(range(256)) * 4)
    file_doc("txt/trunc.txt.gz", gzip.compress(article(5).encode() * 20)[:40])
    file_doc("txt/ok.txt.gz", gzip.compress(article(6).encode()))
    file_doc("html/page.html", (ROOT / "fixtures" / "html" / "dong-bang-lua.html").read_bytes())
    file_doc("html/empty.html", b"<html><head><title>x</title></head><body><script>1</script></body></html>")
    good = [json.dumps({"id": f"j{i}", "text": article(i), "site": "x.vn"}, ensure_ascii=False).encode()
            for i in range(10, 16)]
    jsonl("jsonl/mixed.jsonl", [
        good[0],
        b'{"id": "broken", "text": "no end',
        good[1],
        b"",
        b'{"id": "notext", "body": "missing the text field"}',
        b'["an", "array"]',
        b'{"id": "num", "text": 42}',
        b'{"id": "latin", "text": "Ng\xe0y h\xf4m nay tr\xe1i"}',  # invalid UTF-8 inside a JSON string
        b'{"id": "long", "text": "' + b"x" * 20000 + b'"}',
        good[2],
    ])
    jsonl("jsonl/ok.jsonl.gz", good[3:], compress=True)
    file_doc("jsonl/empty.jsonl", b"")
    return keys


def account(keys: set[tuple[str, int | None]], records: list[dict[str, Any]], rejects: list[dict[str, Any]]) -> None:
    """Every input document is in exactly one of records and rejects."""
    seen: list[tuple[str, int | None]] = []
    for r in records:
        src = r["source"]
        path, _, line = src.rpartition(":")
        seen.append((path, int(line)) if path and line.isdigit() and (path, int(line)) in keys else (src, None))
    seen.extend((r["source"], r["line"]) for r in rejects)
    assert sorted(seen, key=str) == sorted(keys, key=str)


def test_corrupted_corpus_loses_nothing(tmp_path: Path) -> None:
    keys = build_corrupted_corpus(tmp_path / "corpus")
    out = tmp_path / "out" / "clean.jsonl"
    proc = run_cli("clean", str(tmp_path / "corpus"), "-o", str(out), "--max-bytes", "16384")
    assert proc.returncode == 0, proc.stderr
    records = read_jsonl(out)
    rejects = read_jsonl(tmp_path / "out" / "clean.rejects.jsonl")
    assert len(keys) == len(records) + len(rejects) == 25
    assert all(r["reason"] and r["source"] for r in rejects)
    account(keys, records, rejects)
    reasons = {(Path(r["source"]).name, r["line"]): r["reason"] for r in rejects}
    assert reasons[("empty.txt", None)] == "empty file"
    assert reasons[("blank.md", None)] == "empty file"
    assert reasons[("empty.jsonl", None)] == "empty file"
    assert reasons[("binary.txt", None)].startswith("binary data")
    assert reasons[("trunc.txt.gz", None)].startswith("truncated or corrupt gzip data")
    assert reasons[("empty.html", None)] == "no main text found in the HTML page"
    assert reasons[("mixed.jsonl", 2)].startswith("not valid JSON")
    assert reasons[("mixed.jsonl", 5)].startswith("record has no string field 'text' or 'html'")
    assert reasons[("mixed.jsonl", 6)] == "a JSONL record must be an object, not list"
    assert reasons[("mixed.jsonl", 7)] == "field 'text' must be a string, not int"
    assert reasons[("mixed.jsonl", 9)].startswith("line too long")
    flagged = {r["id"]: r["flags"] for r in records if "flags" in r}
    assert flagged == {"latin1": ["invalid-utf8"], "latin": ["invalid-utf8"]}
    assert "rejected 11 inputs" in proc.stderr and "not valid JSON" in proc.stderr
    assert f"rejects written to {tmp_path / 'out' / 'clean.rejects.jsonl'}" in proc.stderr
    by_id = {r["id"]: r for r in records}
    assert by_id["j10"]["meta"] == {"site": "x.vn"} and "Tin liên quan" not in by_id["j10"]["text"]
    assert by_id["page"]["meta"]["sitename"] == "Tin Nhanh Miền Tây"


def test_corrupted_corpus_raise_stops_at_first_bad_input(tmp_path: Path) -> None:
    build_corrupted_corpus(tmp_path / "corpus")
    out = tmp_path / "clean.jsonl"
    proc = run_cli("clean", str(tmp_path / "corpus"), "-o", str(out), "--on-error", "raise")
    assert proc.returncode == 2
    assert f"{tmp_path / 'corpus' / 'html' / 'empty.html'}: no main text" in proc.stderr
    assert not out.exists()


def test_no_rejects_file_when_nothing_is_rejected(tmp_path: Path) -> None:
    from cleancorpus.cli import main

    assert main(["clean", "-q", str(ROOT / "seeds"), "-o", str(tmp_path / "o.jsonl")]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o.jsonl"]


def test_stdout_output_reports_rejects_on_stderr(tmp_path: Path) -> None:
    data = '{"id": "a", "text": "Nội dung."}\n{"id": "b"}\n'
    proc = run_cli("clean", "-", "-q", input=data)
    assert proc.returncode == 0
    assert [json.loads(line)["id"] for line in proc.stdout.splitlines()] == ["a"]
    assert "rejected <stdin>:2: record has no string field" in proc.stderr


def test_summary_counts_add_up_and_merge(tmp_path: Path) -> None:
    build_corrupted_corpus(tmp_path / "corpus")
    opts = RunOptions(on_error=QUARANTINE, rejects=tmp_path / "r.jsonl", max_bytes=16384)
    a = run_clean([tmp_path / "corpus" / "txt"], tmp_path / "a.jsonl", cleancorpus.default_pipeline(), opts)
    b = run_clean([tmp_path / "corpus" / "jsonl"], tmp_path / "b.jsonl", cleancorpus.default_pipeline(),
                  RunOptions(on_error=QUARANTINE, max_bytes=16384))
    assert a.inputs == a.records + a.rejects and b.inputs == b.records + b.rejects
    total = RunSummary()
    total.merge(a)
    total.merge(b)
    assert total.inputs == a.inputs + b.inputs and total.reasons["empty file"] == 3


# -- resume ------------------------------------------------------------------------------------
class Explode:
    """A filter that interrupts the run at the n-th document (a crash in the middle of a run)."""

    id = "explode.v1"

    def __init__(self, at: int) -> None:
        self.at = at
        self.seen = 0

    def apply(self, doc: Document) -> None:
        self.seen += 1
        if self.seen == self.at:
            raise KeyboardInterrupt

    def spec(self) -> dict[str, Any]:
        return {"id": self.id}


def write_big_corpus(root: Path, n: int, bad_every: int = 37) -> None:
    root.mkdir(parents=True, exist_ok=True)
    lines = []
    for i in range(n):
        if i % bad_every == 5:
            lines.append(f'{{"id": "bad{i}", "text": ')
        else:
            lines.append(json.dumps({"id": f"d{i}", "text": article(i)}, ensure_ascii=False))
    (root / "a.jsonl").write_text("\n".join(lines[: n // 2]) + "\n", encoding="utf-8")
    (root / "b.jsonl.gz").write_bytes(gzip.compress(("\n".join(lines[n // 2:]) + "\n").encode()))
    for i in range(3):
        (root / f"t{i}.txt").write_text(article(1000 + i), encoding="utf-8")


@pytest.mark.parametrize("ext", [".jsonl", ".jsonl.gz", ".jsonl.xz"])
def test_interrupted_run_resumes_to_the_same_records(tmp_path: Path, ext: str) -> None:
    write_big_corpus(tmp_path / "in", 200)
    inputs = [tmp_path / "in"]
    ref, out = tmp_path / f"ref{ext}", tmp_path / f"out{ext}"

    def opts(rejects: str, resume: bool = False) -> RunOptions:
        return RunOptions(on_error=QUARANTINE, rejects=tmp_path / rejects, resume=resume, checkpoint_every=7)

    full = run_clean(inputs, ref, cleancorpus.default_pipeline(), opts("ref.rejects.jsonl"))
    crashing = Pipeline([*cleancorpus.default_pipeline().filters, Explode(at=120)])
    with pytest.raises(KeyboardInterrupt):
        run_clean(inputs, out, crashing, opts("out.rejects.jsonl"))
    assert not out.exists() and out.with_name(out.name + ".part").exists()
    assert json.loads(checkpoint_path(out).read_text())["done"] > 0
    resumed = run_clean(inputs, out, cleancorpus.default_pipeline(), opts("out.rejects.jsonl", resume=True))
    assert resumed.resumed > 0 and resumed.inputs == full.inputs == 203
    assert read_jsonl(out) == read_jsonl(ref)
    assert read_jsonl(tmp_path / "out.rejects.jsonl") == read_jsonl(tmp_path / "ref.rejects.jsonl")
    assert not checkpoint_path(out).exists() and not out.with_name(out.name + ".part").exists()


def test_resume_checks_the_inputs(tmp_path: Path) -> None:
    write_big_corpus(tmp_path / "in", 40)
    crashing = Pipeline([*cleancorpus.default_pipeline().filters, Explode(at=20)])
    with pytest.raises(KeyboardInterrupt):
        run_clean([tmp_path / "in"], tmp_path / "o.jsonl", crashing,
                  RunOptions(on_error=QUARANTINE, checkpoint_every=5))
    with pytest.raises(ValueError, match="different inputs"):
        run_clean([tmp_path / "in" / "a.jsonl"], tmp_path / "o.jsonl", cleancorpus.default_pipeline(),
                  RunOptions(on_error=QUARANTINE, resume=True))


def test_resume_of_a_complete_run_does_nothing(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    run_clean([ROOT / "seeds"], out, cleancorpus.default_pipeline())
    before = out.read_bytes()
    summary = run_clean([ROOT / "seeds"], out, cleancorpus.default_pipeline(), RunOptions(resume=True))
    assert summary.records == 0 and out.read_bytes() == before


def test_resume_needs_an_output_file() -> None:
    proc = run_cli("clean", "--resume", "seeds")
    assert proc.returncode == 2 and "resume needs an output file" in proc.stderr


def test_killed_run_resumes_to_the_same_records(tmp_path: Path) -> None:
    """SIGKILL a CLI run half-way, resume it, compare with an uninterrupted run."""
    write_big_corpus(tmp_path / "in", 3000)
    common = ["clean", str(tmp_path / "in"), "-q", "--checkpoint-every", "50"]
    ref = tmp_path / "ref.jsonl"
    assert run_cli(*common, "-o", str(ref)).returncode == 0
    out = tmp_path / "out.jsonl"
    part, ckpt = tmp_path / "out.jsonl.part", checkpoint_path(out)
    proc = subprocess.Popen([sys.executable, "-m", "cleancorpus", *common, "-o", str(out)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            if ckpt.exists() and json.loads(ckpt.read_text() or "{}").get("done", 0) >= 200:
                break
            time.sleep(0.005)
        assert proc.poll() is None, "the run finished before it could be killed: make the corpus larger"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert not out.exists() and part.exists()  # nothing that looks complete
    done = json.loads(ckpt.read_text())["done"]
    assert 0 < done < 3003
    resumed = run_cli(*common, "-o", str(out), "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert out.read_bytes() == ref.read_bytes()
    assert (tmp_path / "out.rejects.jsonl").read_bytes() == (tmp_path / "ref.rejects.jsonl").read_bytes()
    assert not part.exists() and not ckpt.exists()


# -- time budget --------------------------------------------------------------------------------
class Slow:
    """A filter that spins in Python on documents containing SLOW (a pathological document)."""

    id = "slow.v1"

    def __init__(self, seconds: float = 5.0, busy: bool = True) -> None:
        self.seconds = seconds
        self.busy = busy

    def apply(self, doc: Document) -> None:
        if "SLOW" not in doc.raw:
            return
        end = time.monotonic() + self.seconds
        while time.monotonic() < end:
            if not self.busy:
                time.sleep(0.01)

    def spec(self) -> dict[str, Any]:
        return {"id": self.id}


def test_time_budget_rejects_a_pathological_document(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in
                           enumerate(["Nội dung một.", "SLOW nội dung.", "Nội dung ba."])), encoding="utf-8")
    pipe = Pipeline([Slow(), *cleancorpus.default_pipeline().filters])
    t0 = time.monotonic()
    summary = run_clean([src], tmp_path / "o.jsonl", pipe,
                        RunOptions(on_error=QUARANTINE, rejects=tmp_path / "r.jsonl", max_seconds_per_doc=0.2))
    assert time.monotonic() - t0 < 3
    assert (summary.records, summary.rejects) == (2, 1)
    (rej,) = read_jsonl(tmp_path / "r.jsonl")
    assert rej["line"] == 2 and rej["reason"] == "time budget exceeded (0.2s per document)"
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL  # the handler is restored


def test_time_budget_between_filters_off_the_main_thread(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "x", "text": "SLOW nội dung."}) + "\n", encoding="utf-8")
    pipe = Pipeline([Slow(seconds=0.3, busy=False), *cleancorpus.default_pipeline().filters])
    result: list[RunSummary] = []
    t = threading.Thread(target=lambda: result.append(run_clean(
        [src], tmp_path / "o.jsonl", pipe, RunOptions(on_error=QUARANTINE, max_seconds_per_doc=0.1))))
    t.start()
    t.join(30)
    first = cleancorpus.default_pipeline().filters[0].id  # lang.v1 since issue 7
    assert result[0].rejects == 1 and result[0].reasons == {f"time budget exceeded before {first}": 1}


def test_time_budget_with_raise_names_the_input(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "x", "text": "SLOW"}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"in\.jsonl:1: time budget exceeded"):
        run_clean([src], tmp_path / "o.jsonl", Pipeline([Slow()]), RunOptions(max_seconds_per_doc=0.1))


def test_pipeline_deadline_is_checked_between_filters() -> None:
    doc = Document.from_text("Tiêu đề\n\nNội dung.", id="x")
    with pytest.raises(TimeBudgetExceeded, match=r"before lang\.v1"):
        cleancorpus.default_pipeline().apply(doc, deadline=time.monotonic() - 1)


def test_shards_split_the_corpus_and_add_up(tmp_path: Path) -> None:
    write_big_corpus(tmp_path / "in", 60)
    full = run_clean([tmp_path / "in"], tmp_path / "full.jsonl", cleancorpus.default_pipeline(),
                     RunOptions(on_error=QUARANTINE, rejects=tmp_path / "full.rej.jsonl"))
    total = RunSummary()
    ids: list[str] = []
    for k in range(3):
        s = run_clean([tmp_path / "in"], tmp_path / f"s{k}.jsonl", cleancorpus.default_pipeline(),
                      RunOptions(on_error=QUARANTINE, rejects=tmp_path / f"s{k}.rej.jsonl", shard=(k, 3)))
        total.merge(s)
        ids += [r["id"] for r in read_jsonl(tmp_path / f"s{k}.jsonl")]
    assert (total.inputs, total.records, total.rejects) == (full.inputs, full.records, full.rejects)
    assert sorted(ids) == sorted(r["id"] for r in read_jsonl(tmp_path / "full.jsonl"))
    with pytest.raises(ValueError, match="shard"):
        RunOptions(shard=(3, 3))


def test_a_shard_resumes_to_the_same_records(tmp_path: Path) -> None:
    write_big_corpus(tmp_path / "in", 120)

    def opts(name: str, resume: bool = False) -> RunOptions:
        return RunOptions(on_error=QUARANTINE, rejects=tmp_path / f"{name}.rej.jsonl", resume=resume,
                          checkpoint_every=4, shard=(1, 2))

    ref = run_clean([tmp_path / "in"], tmp_path / "ref.jsonl", cleancorpus.default_pipeline(), opts("ref"))
    crashing = Pipeline([*cleancorpus.default_pipeline().filters, Explode(at=30)])
    with pytest.raises(KeyboardInterrupt):
        run_clean([tmp_path / "in"], tmp_path / "out.jsonl", crashing, opts("out"))
    again = run_clean([tmp_path / "in"], tmp_path / "out.jsonl", cleancorpus.default_pipeline(), opts("out", True))
    assert again.resumed > 0 and again.inputs == ref.inputs == again.resumed + again.records + again.rejects
    assert read_jsonl(tmp_path / "out.jsonl") == read_jsonl(tmp_path / "ref.jsonl")
    assert read_jsonl(tmp_path / "out.rej.jsonl") == read_jsonl(tmp_path / "ref.rej.jsonl")


def test_stats_manifest_counts_rejects(tmp_path: Path) -> None:
    from cleancorpus.cli import main

    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "Nội dung."}\n{"id": "b"}\nnot json\n', encoding="utf-8")
    stats = tmp_path / "run.json"
    assert main(["clean", "-q", str(src), "-o", str(tmp_path / "o.jsonl"), "--stats", str(stats)]) == 0
    m = json.loads(stats.read_text(encoding="utf-8"))
    assert (m["inputs_total"], m["documents"], m["rejected"], m["resumed"]) == (3, 1, 2, 0)
    assert m["rejects_by_reason"] == {"record has no string field 'text' or 'html'": 1, "not valid JSON": 1}
    assert m["rejects_file"] == str(tmp_path / "o.rejects.jsonl") and m["options"]["on_error"] == "quarantine"


def test_summary_counts_a_cut_then_removed_line_once(tmp_path: Path) -> None:
    """The run summary's characters per kind count each removed input character once, for the kind
    of the first record that removed it; the records keep both spans."""
    from cleancorpus.filters.base import BaseFilter

    class CutThenMove(BaseFilter):
        """Cuts a dateline out of the first line, then moves the line to the title (a test filter)."""

        id = "cutmove.v1"

        def apply(self, doc: Document) -> None:
            doc.edit(doc.blocks[0], 0, 5, "", self.id, kind="dateline")
            doc.move(doc.blocks[0], "title", self.id, "title")

    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "a", "text": "Hà Nội - Nội dung tin.\nThân bài."}) + "\n",
                                      encoding="utf-8")
    summary = run_clean([tmp_path / "a.jsonl"], tmp_path / "o.jsonl", Pipeline([CutThenMove()]))
    assert dict(summary.by_kind) == {"dateline": 5, "title": 22 - 5}
    assert dict(summary.count_kind) == {"dateline": 1, "title": 1}
    assert sum(summary.by_kind.values()) <= summary.chars_in - summary.chars_out
    (rec,) = read_jsonl(tmp_path / "o.jsonl")
    assert [(r["kind"], r["start"], r["end"]) for r in rec["removed"]] == [("dateline", 0, 5), ("title", 0, 22)]


def test_summary_by_kind_adds_up_on_the_seeds(tmp_path: Path) -> None:
    summary = run_clean([ROOT / "seeds"], tmp_path / "o.jsonl", cleancorpus.default_pipeline())
    covered = 0
    for rec in read_jsonl(tmp_path / "o.jsonl"):
        covered += len({i for r in rec["removed"] for i in range(r["start"], r["end"])})
    assert sum(summary.by_kind.values()) == covered
