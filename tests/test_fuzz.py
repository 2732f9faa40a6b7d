"""Fuzzing the edge: random bytes, random Unicode and random JSONL through the library and the CLI.

Properties: nothing crashes (no exception other than :class:`InputError` from the readers, no
``internal error`` reject from the loop), every input document is a record or a reject, and every
output line is valid UTF-8 JSON.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleancorpus
from cleancorpus.cli import main
from cleancorpus.io import InputError, InputUnit, binary_reason, from_html, to_document
from cleancorpus.runner import QUARANTINE, RunOptions, RunSummary, run_clean

PIPE = cleancorpus.default_pipeline()
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Bytes that look like the real thing: UTF-8 Vietnamese, JSON punctuation, invalid UTF-8, NUL, CR.
FRAGMENTS = [
    "Tin liên quan\n".encode(), "Nội dung bài viết.\n".encode(), b'{"text": "a"}\n', b'{"id": 1, ', b'"text": ',
    b"\n", b"\r\n", b"\xff\xfe", b"\xc3", b"\x00", b"{", b"}", b"[", b'"', b"\\u", "Ảnh: A\n".encode(), b"<p>",
]
raw_bytes = st.one_of(st.binary(max_size=300),
                      st.lists(st.sampled_from(FRAGMENTS), max_size=30).map(b"".join))
json_text = st.one_of(st.text(max_size=80), st.lists(st.sampled_from(
    ["Tin liên quan", "Nội dung bài viết.", "\ud800", "\udfff", "\u200b", "\x00", "\n", "\n\n", "Ảnh: A", " "]),
    max_size=10).map("".join))
json_value: Any = st.one_of(st.none(), st.booleans(), st.integers(), json_text, st.lists(st.integers(), max_size=3))


def run(files: dict[str, bytes], **opts: Any) -> tuple[RunSummary, list[dict[str, Any]], list[dict[str, Any]]]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, data in files.items():
            (root / name).write_bytes(data)
        out, rej = root / "out" / "o.jsonl", root / "out" / "r.jsonl"
        summary = run_clean([root / name for name in files], out, PIPE,
                            RunOptions(on_error=QUARANTINE, rejects=rej, **opts))
        records = [json.loads(line) for line in out.read_bytes().decode("utf-8").splitlines()]
        rejects = [json.loads(line) for line in rej.read_bytes().decode("utf-8").splitlines()]
    assert summary.inputs == summary.records + summary.rejects == len(records) + len(rejects)
    assert not [r for r in rejects if r["reason"].startswith("internal error")], rejects
    assert all(r["reason"] for r in rejects)
    return summary, records, rejects


@FAST
@given(raw_bytes)
def test_random_bytes_text_file_is_one_record_or_one_reject(data: bytes) -> None:
    summary, _, _ = run({"a.txt": data})
    assert summary.inputs == 1


@FAST
@given(raw_bytes)
def test_random_bytes_jsonl_every_line_accounted(data: bytes) -> None:
    summary, _, _ = run({"a.jsonl": data})
    whole_file = binary_reason(data[:8192]) is not None or not any(line.strip() for line in data.split(b"\n"))
    expected = 1 if whole_file else sum(1 for line in data.split(b"\n") if line.strip())
    assert summary.inputs == expected


@FAST
@given(st.lists(st.dictionaries(st.sampled_from(["text", "html", "title", "date", "x", "meta"]), json_value,
                                max_size=4), max_size=8))
def test_random_jsonl_records_all_accounted(objs: list[dict[str, Any]]) -> None:
    lines = [json.dumps({"id": f"r{i}", **o}) for i, o in enumerate(objs)]
    _, records, rejects = run({"a.jsonl": "\n".join(lines).encode() + b"\n"})
    if not objs:  # a file of blank lines
        assert [r["reason"] for r in rejects] == ["empty file"] and not records
        return
    got = sorted([r["id"] for r in records] + [f"r{r['line'] - 1}" for r in rejects])
    assert got == sorted(f"r{i}" for i in range(len(objs)))
    for rec, obj in zip(records, [o for o in objs if isinstance(o.get("text"), str) and o["text"].strip()],
                        strict=False):
        assert isinstance(rec["text"], str) and rec["id"].startswith("r")
        if "x" in obj:
            assert rec["meta"]["x"] == json.loads(json.dumps(obj["x"]))  # surrogate pairs combine


@FAST
@given(raw_bytes, st.sampled_from(["text", "jsonl", "html"]))
def test_to_document_raises_only_input_errors(data: bytes, kind: str) -> None:
    unit = InputUnit("f", 1 if kind == "jsonl" else None, kind, data)
    try:
        doc = to_document(unit)
    except InputError as exc:
        assert exc.source == "f" and exc.reason
        return
    PIPE.apply(doc)
    json.dumps(doc.to_record())


@FAST
@given(st.one_of(st.text(max_size=300), st.lists(st.sampled_from(
    ["<p>", "</p>", "<div class='related'>", "</div>", "Tin liên quan", "<h1>Tiêu đề</h1>", "<script>", "<!--",
     "Nội dung bài viết rất dài để trafilatura giữ lại trong văn bản chính của trang. ", "<br>", "&amp;", "\x00"]),
    max_size=40).map("".join)))
def test_from_html_on_random_markup(html: str) -> None:
    try:
        doc = from_html(html, id="x")
    except InputError as exc:
        assert exc.reason
        return
    PIPE.apply(doc)
    assert doc.title_in_text is False


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_bytes, st.sampled_from(["a.txt", "a.jsonl", "a.md"]))
def test_cli_never_fails_on_random_input(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / name
        src.write_bytes(data)
        out = Path(tmp) / "o.jsonl"
        assert main(["clean", "-q", str(src), "-o", str(out)]) == 0
        n_out = len(out.read_bytes().decode("utf-8").splitlines())
        rej = Path(tmp) / "o.rejects.jsonl"
        n_rej = len(rej.read_bytes().decode("utf-8").splitlines()) if rej.exists() else 0
        assert n_out + n_rej >= 1
