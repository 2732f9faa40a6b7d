"""Reading and writing: compression by extension, input units, bad input, stdin streaming."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleancorpus.io import (
    INVALID_UNICODE,
    INVALID_UTF8,
    InputError,
    InputUnit,
    MissingDependencyError,
    OutputFile,
    inner_stem,
    inner_suffix,
    iter_units,
    open_input,
    read_documents,
    to_document,
)


def zstd_compress(data: bytes) -> bytes:
    zstandard = pytest.importorskip("zstandard")
    return zstandard.ZstdCompressor().compress(data)


COMPRESSORS = {"": lambda b: b, ".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress, ".zst": zstd_compress}
RECORDS = [{"id": f"r{i}", "text": f"Nội dung bài viết số {i}.\n\nfb yt zl tw"} for i in range(3)]
JSONL = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS).encode()


@pytest.mark.parametrize("name,kind,stem", [
    ("a.txt", ".txt", "a"), ("a.txt.gz", ".txt", "a"), ("dir/b.jsonl.zst", ".jsonl", "b"),
    ("c.ndjson.bz2", ".ndjson", "c"), ("d.html.xz", ".html", "d"), ("e.gz", "", "e"),
])
def test_kind_and_stem_under_compression(name: str, kind: str, stem: str) -> None:
    assert inner_suffix(name) == kind and inner_stem(name) == stem


@pytest.mark.parametrize("ext", list(COMPRESSORS))
def test_compressed_inputs(tmp_path: Path, ext: str) -> None:
    (tmp_path / f"a.jsonl{ext}").write_bytes(COMPRESSORS[ext](JSONL))
    (tmp_path / f"b.txt{ext}").write_bytes(COMPRESSORS[ext]("Tiêu đề\n\nNội dung.".encode()))
    docs = list(read_documents([tmp_path]))
    assert [d.id for d in docs] == ["r0", "r1", "r2", "b"]
    assert docs[0].source == f"{tmp_path / f'a.jsonl{ext}'}:1"


@pytest.mark.parametrize("ext", list(COMPRESSORS))
def test_output_file_members_and_commit(tmp_path: Path, ext: str) -> None:
    if ext == ".zst":
        pytest.importorskip("zstandard")
    out = OutputFile(tmp_path / f"o.jsonl{ext}")
    out.write(RECORDS[0])
    size = out.sync()
    assert size > 0 and out.part.exists() and not out.path.exists()
    out.write(RECORDS[1])
    out.commit()
    assert not out.part.exists()
    with open_input(out.path) as fh:
        assert [json.loads(line)["id"] for line in fh] == ["r0", "r1"]


@pytest.mark.parametrize("ext", list(COMPRESSORS))
def test_output_resume_truncates_to_checkpoint(tmp_path: Path, ext: str) -> None:
    if ext == ".zst":
        pytest.importorskip("zstandard")
    out = OutputFile(tmp_path / f"o.jsonl{ext}")
    out.write(RECORDS[0])
    at = out.sync()
    out.write(RECORDS[1])  # written after the checkpoint, then the run dies
    out.close()
    with open(out.part, "ab") as fh:
        fh.write(b'{"id": "half')  # a torn write
    again = OutputFile(tmp_path / f"o.jsonl{ext}", resume_at=at)
    again.write(RECORDS[2])
    again.commit()
    with open_input(again.path) as fh:
        assert [json.loads(line)["id"] for line in fh] == ["r0", "r2"]


def test_zstd_missing_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "zstandard", None)
    (tmp_path / "a.jsonl.zst").write_bytes(b"\x28\xb5\x2f\xfd")
    with pytest.raises(MissingDependencyError, match=r"pip install 'cleancorpus\[zstd\]'"):
        list(iter_units([tmp_path / "a.jsonl.zst"]))
    with pytest.raises(MissingDependencyError):
        OutputFile(tmp_path / "o.jsonl.zst")


# Bad input: (file name, content, line of the reject or None, part of the reason).
BAD_INPUTS = [
    ("empty.txt", b"", None, "empty file"),
    ("blank.txt", b" \n\t\n", None, "empty file"),
    ("empty.jsonl", b"\n\n", None, "empty file"),
    ("nul.txt", b"abc\x00\x00\x01def" * 10, None, "binary data"),
    ("image.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), None, "binary data"),
    ("utf16.txt", "Tiêu đề".encode("utf-16"), None, "binary data"),
    ("bad.jsonl", b'{"text": "a"}\n{"text": \n', 2, "not valid JSON"),
    ("list.jsonl", b'{"text": "a"}\n[1, 2]\n', 2, "must be an object"),
    ("nofield.jsonl", b'{"text": "a"}\n{"id": "x", "body": "b"}\n', 2, "no string field 'text' or 'html'"),
    ("nofield-hint.jsonl", b'{"id": "x", "body": "b", "n": 1}\n', 1, "(its string fields: body; choose one with --text-field)"),
    ("control.jsonl", b'{"text": "a\x01b"}\n', 1, "not valid JSON (Invalid control character at column 12)"),
    ("number.jsonl", b'{"text": 5}\n', 1, "field 'text' must be a string"),
    ("emptytext.jsonl", b'{"text": "  "}\n', 1, "field 'text' is empty"),
    ("long.jsonl", b'{"text": "' + b"a" * 300 + b'"}\n{"text": "b"}\n', 1, "line too long: 313 bytes"),
    ("big.txt", b"x" * 300, None, "too large: 300 bytes"),
    ("trunc.txt.gz", gzip.compress("Nội dung bài viết. ".encode() * 50)[:30], None, "truncated or corrupt gzip"),
    ("junk.jsonl.xz", b"not xz at all", 1, "truncated or corrupt xz"),
    ("deep.jsonl", b"[" * 100000 + b"\n", 1, "not valid JSON"),
]


@pytest.mark.parametrize("name,content,line,reason", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_names_file_line_and_reason(tmp_path: Path, name: str, content: bytes, line: int | None,
                                              reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    units = list(iter_units([path], max_bytes=256 if name in ("long.jsonl", "big.txt") else 1 << 20))
    errors = []
    for unit in units:
        try:
            to_document(unit)
        except InputError as exc:
            errors.append(exc)
    assert errors, "no error raised"
    exc = errors[0]
    assert exc.source == str(path) and exc.line == line and reason in exc.reason
    assert str(exc).startswith(f"{path}:{line}: " if line else f"{path}: ")


def test_long_line_does_not_hide_the_next(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_bytes(b'{"text": "' + b"a" * 5000 + b'"}\n{"id": "ok", "text": "Noi dung."}\n')
    units = list(iter_units([path], max_bytes=1000))
    assert [u.error is not None for u in units] == [True, False]
    assert units[0].size == 5013 and to_document(units[1]).id == "ok"


def test_truncated_jsonl_gzip_keeps_earlier_records(tmp_path: Path) -> None:
    lines = [json.dumps({"id": i, "text": f"Bài viết {i} " + "nội dung " * 40}) + "\n" for i in range(200)]
    data = gzip.compress("".join(lines).encode())
    path = tmp_path / "t.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    units = list(iter_units([path]))
    good, tail = units[:-1], units[-1]
    assert good and all(u.error is None for u in good)
    assert [u.line for u in good] == list(range(1, len(good) + 1))
    assert tail.line == len(good) + 1 and "truncated or corrupt gzip" in (tail.error or "")
    assert "the rest of the file is lost" in (tail.error or "")


def test_invalid_utf8_is_replaced_and_flagged(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("Tiêu đề\n\nNội dung ".encode() + b"\xff\xfe" + " bài viết.".encode())
    (tmp_path / "b.jsonl").write_bytes(b'{"id": "b", "text": "N\xe1i dung."}\n')
    a, b = read_documents([tmp_path])
    assert a.flags == [INVALID_UTF8] and "\ufffd" in a.raw
    assert b.flags == [INVALID_UTF8] and b.to_record()["flags"] == [INVALID_UTF8]


def test_lone_surrogate_escape_is_replaced_and_flagged() -> None:
    unit = InputUnit("s.jsonl", 1, "jsonl", b'{"id": "x\\ud800", "text": "a\\udc00b", "note": "\\ud83d"}')
    doc = to_document(unit)
    assert doc.raw == "a\ufffdb" and doc.id == "x\ufffd" and INVALID_UNICODE in doc.flags
    from cleancorpus.io import dumps_record

    line = dumps_record(doc.to_record())  # meta keeps the raw value: written ASCII-escaped, still valid
    assert json.loads(line)["meta"]["note"] == "\ud83d"


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("\ufeffTiêu đề\n\nNội dung.".encode())
    (doc,) = read_documents([tmp_path / "a.txt"])
    assert doc.raw.startswith("Tiêu đề") and not doc.flags


class OneLineAtATime(io.RawIOBase):
    """A stdin stand-in that records how many lines were read."""

    def __init__(self, lines: list[bytes]) -> None:
        self.lines = lines
        self.read_count = 0

    def readline(self, size: int | None = -1) -> bytes:
        if self.read_count >= len(self.lines):
            return b""
        self.read_count += 1
        return self.lines[self.read_count - 1]


def test_stdin_jsonl_streams_line_by_line() -> None:
    stream = OneLineAtATime([b"\n", b'{"id": "1", "text": "a"}\n', b'{"id": "2", "text": "b"}\n',
                             b'{"id": "3", "text": "c"}\n'])
    units = iter_units(["-"], stdin=stream)  # type: ignore[arg-type]
    first = next(units)
    assert first.line == 2 and stream.read_count == 2  # nothing read ahead
    assert [u.line for u in units] == [3, 4]


def test_stdin_text_is_one_document() -> None:
    (doc,) = read_documents(["-"], stdin=io.BytesIO("Tiêu đề\n\n{không phải JSON}\n".encode()))
    assert doc.id == "stdin" and doc.source == "<stdin>"


def test_output_lines_survive_any_line_splitter() -> None:
    from cleancorpus.io import dumps_record

    rec = {"text": "a\x85b\u2028c\u2029d đ", "x": "\r\n"}
    line = dumps_record(rec)
    assert line.endswith(b"\n") and len(line.decode("utf-8").splitlines()) == 1
    assert json.loads(line) == rec and "đ".encode() in line


# -- the JSON encoder: orjson and the standard library write the same bytes -------------------------
_ENCODER_CASES = [
    {"id": "a", "text": "Việt Nam\nđẹp", "captions": [], "removed": [{"rule": "x.v1", "start": 0, "end": 3}]},
    {"t": "line\u2028sep\x85and\u2029para", "ctrl": "\x00\x1f\t\"\\/"},
    {"n": float("nan"), "inf": [float("inf"), -float("inf")], "f": 0.1, "i": -(2**63)},
    {"big": 2**70, "nested": {"deep": [[[{"x": None, "y": True, "z": False}]]]}},
    {"surrogate": "\udc80 lone", "emoji": "😀"},
    {},
]


@pytest.mark.parametrize("record", _ENCODER_CASES)
def test_dumps_record_same_bytes_with_and_without_orjson(record: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from cleancorpus import io as cio

    fast = cio.dumps_record(record)
    monkeypatch.setattr(cio, "_orjson", None)
    slow = cio.dumps_record(record)
    assert fast == slow
    assert fast.endswith(b"\n") and fast.count(b"\n") == 1
    back = json.loads(fast)
    assert set(back) == set(record)


def test_dumps_record_same_bytes_on_pipeline_records(monkeypatch: pytest.MonkeyPatch) -> None:
    from cleancorpus import default_pipeline
    from cleancorpus import io as cio
    from cleancorpus.io import read_documents

    pipe = default_pipeline()
    recs = []
    for doc in read_documents([Path(__file__).resolve().parent.parent / "seeds"]):
        pipe.apply(doc)
        recs.append(doc.to_record())
    fast = [cio.dumps_record(r) for r in recs]
    monkeypatch.setattr(cio, "_orjson", None)
    assert fast == [cio.dumps_record(r) for r in recs]


# -- the writer's line-break check: U+0085, U+2028, U+2029 found wherever they are -----------------
_QUOTES = "“x” " * 40  # 80 lead bytes e2: past the one-by-one checks of _has_line_breaks
_NBSP = "a\xa0" * 80  # 80 lead bytes c2
_BREAK_TEXTS = [
    "", "plain ascii", "Việt Nam đẹp “quá” – thật…", _QUOTES, _NBSP, _QUOTES + _NBSP,
    "\u2028", "\u2029", "\x85", "a\u2028", "\u2029b", "x\x85y",
    _QUOTES + "\u2028", _QUOTES + "\x85", _NBSP + "\x85", _NBSP + "\u2029", _QUOTES + _NBSP + "\u2029" + _QUOTES,
    "“" * 64 + "\u2028", "“" * 65 + "\u2028", "\xa0" * 64 + "\x85", "\xa0" * 65 + "\x85",
    "\u2027\u202a\u2018\x84\x86\xa8\xa9",  # neighbours of the three: not line breaks
    "ễ ứ ẩ Ứ Ẩ \u1ec5\u1ee9",  # continuation bytes 85, a8, a9 after other lead bytes
]


def _escaped_reference(data: bytes) -> bytes:
    """What the writer did before its line-break check got fast: three searches, three replaces."""
    for raw, esc in ((b"\xc2\x85", b"\\u0085"), (b"\xe2\x80\xa8", b"\\u2028"), (b"\xe2\x80\xa9", b"\\u2029")):
        data = data.replace(raw, esc)
    return data


@pytest.mark.parametrize("text", _BREAK_TEXTS)
def test_line_break_check_finds_every_break(text: str) -> None:
    from cleancorpus.io import _has_line_breaks

    data = text.encode()
    assert _has_line_breaks(data) == any(c in text for c in "\x85\u2028\u2029")


@pytest.mark.parametrize("text", _BREAK_TEXTS)
def test_dumps_record_escapes_line_breaks_as_before(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("orjson")
    import orjson

    from cleancorpus import io as cio

    rec = {"id": "x", "text": text, "removed": [{"text": text[::-1]}], "meta": {"k": [text, 1, None]}}
    line = cio.dumps_record(rec)
    assert line == _escaped_reference(orjson.dumps(rec)) + b"\n"
    assert len(line.decode().splitlines()) == 1 and json.loads(line) == rec
    monkeypatch.setattr(cio, "_orjson", None)
    assert cio.dumps_record(rec) == line


@given(st.text(alphabet=st.sampled_from("a đ“”–\xa0\x85\u2028\u2029\u2027ễứ\n\"\\")))
@settings(max_examples=300, deadline=None)
def test_line_break_check_agrees_with_a_search(text: str) -> None:
    from cleancorpus.io import _has_line_breaks

    assert _has_line_breaks(text.encode()) == any(c in text for c in "\x85\u2028\u2029")


# -- the reader's surrogate check: settled from the raw line when it has no surrogate escape -------
def _doc_view(doc: Any) -> tuple:
    return (doc.id, doc.raw, doc.title, doc.author, doc.flags, repr(doc.meta))  # repr: NaN equals NaN


# (JSONL line, whether the document is flagged invalid-unicode, whether invalid-utf8)
_SURROGATE_LINES = [
    (b'{"id": "a", "text": "N\\u1ed9i dung \\u00e9 \\uD7FF \\uE000 \\uffff"}', False, False),
    (b'{"id": "a", "text": "a\\ud800b"}', True, False),
    (b'{"id": "a", "text": "a\\uDC00b"}', True, False),
    (b'{"id": "a", "text": "a\\uDbFfb"}', True, False),
    (b'{"id": "a", "text": "pair \\ud83d\\ude00 ok"}', False, False),
    (b'{"id": "a", "text": "reversed pair \\ude00\\ud83d"}', True, False),
    (b'{"id": "x\\udfff", "text": "ok"}', True, False),
    (b'{"id": "a", "title": "T\\ud800", "text": "ok"}', True, False),
    (b'{"id": "a", "text": "ok", "note": "\\ud800"}', False, False),  # meta passes through as is
    (b'{"id": "a", "text": "backslash then u: \\\\ud800"}', False, False),
    (b'{"id": "a", "text": "raw encoded surrogate \xed\xa0\x80"}', False, True),
    (b'{"id": "a", "text": "invalid \xff byte"}', False, True),
    (b'{"id": "a", "text": "both \xff and \\ud800"}', True, True),
    (b'{"id": "a", "text": "line\xe2\x80\xa8sep\xc2\x85"}', False, False),
    (b'{"id": "a", "text": "ok", "n": NaN, "big": 123456789012345678901234567890}', False, False),
    (b'\xef\xbb\xbf{"id": "a", "text": "after a BOM"}', False, False),
]


@pytest.mark.parametrize("line,unicode_flag,utf8_flag", _SURROGATE_LINES)
def test_surrogate_check_from_the_raw_line(line: bytes, unicode_flag: bool, utf8_flag: bool,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from cleancorpus import io as cio

    doc = to_document(InputUnit("s.jsonl", 1, "jsonl", line + b"\n"))
    assert (INVALID_UNICODE in doc.flags) == unicode_flag and (INVALID_UTF8 in doc.flags) == utf8_flag
    assert not cio._SURROGATE.search(doc.raw + doc.id + (doc.title or ""))
    out = cio.dumps_record(doc.to_record())
    assert out.count(b"\n") == 1 and b"\xe2\x80\xa8" not in out and b"\xc2\x85" not in out
    # the same document as when every field is checked
    monkeypatch.setattr(cio, "_SURROGATE_ESCAPE", cio.re.compile(b""))
    again = to_document(InputUnit("s.jsonl", 1, "jsonl", line + b"\n"))
    assert _doc_view(again) == _doc_view(doc)


def test_big_ints_and_nan_pass_through() -> None:
    from cleancorpus.io import dumps_record

    doc = to_document(InputUnit("s.jsonl", 1, "jsonl", b'{"text": "ok", "n": NaN, "big": 123456789012345678901234567890}'))
    assert doc.meta["big"] == 123456789012345678901234567890
    back = json.loads(dumps_record(doc.to_record()))
    assert back["meta"] == {"n": None, "big": 123456789012345678901234567890}


@given(st.lists(st.one_of(st.characters(), st.sampled_from(["\ud800", "\udfff", "\ud83d\ude00", "\u2028"])),
                max_size=12), st.booleans())
@settings(max_examples=300, deadline=None)
def test_surrogate_check_agrees_with_checking_every_field(chars: list[str], ascii_only: bool) -> None:
    from cleancorpus import io as cio

    text = "x" + "".join(chars)
    line = json.dumps({"id": text, "title": text, "text": text}, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
    doc = to_document(InputUnit("s.jsonl", 1, "jsonl", line))
    checked = cio.record_to_document(json.loads(cio.decode(line)[0]), "s.jsonl", 1)
    if INVALID_UTF8 in doc.flags:
        return  # a raw surrogate written with surrogatepass: invalid UTF-8, decoded with replacements
    assert _doc_view(doc) == _doc_view(checked)


def test_text_file_with_encoded_surrogates_is_invalid_utf8_only(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("Tiêu đề\n\nNội dung ".encode() + b"\xed\xa0\x80" + " bài.".encode())
    (doc,) = read_documents([tmp_path / "a.txt"])
    assert doc.flags == [INVALID_UTF8] and "\ufffd" in doc.raw


# -- blank lines and empty texts: isspace() decides as strip() did, without copying -----------------
@pytest.mark.parametrize("blank", [b"\n", b" \n", b"\t \r\n", b"\x0b\x0c\n", b"   "])
def test_blank_jsonl_lines_are_skipped_with_their_numbers(tmp_path: Path, blank: bytes) -> None:
    from cleancorpus.parallel import Shard, shard_units

    blank_line = blank if blank.endswith(b"\n") else blank + b"\n"
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"text": "a"}\n' + blank_line + b'{"text": "b"}\n')
    units = list(iter_units([path]))
    assert [u.line for u in units] == [1, 3] and all(u.error is None for u in units)
    whole = Shard(0, path=str(path), start=0, end=path.stat().st_size)
    assert [(u.line, u.data) for u in shard_units(whole)] == [(u.line, u.data) for u in units]
    units = list(iter_units(["-"], stdin=io.BytesIO(blank_line + path.read_bytes())))
    assert [u.line for u in units] == [2, 4]


@pytest.mark.parametrize("line", [b"\xc2\xa0\n", b"\xe3\x80\x80\n", b"\x1c\n"])
def test_a_line_of_other_bytes_is_not_blank(tmp_path: Path, line: bytes) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"text": "a"}\n' + line)
    unit = list(iter_units([path]))[-1]
    assert unit.line == 2
    with pytest.raises(InputError, match="not valid JSON"):
        to_document(unit)


@pytest.mark.parametrize("text,empty", [("", True), (" ", True), ("\n\t\r", True), ("\u3000\xa0\u2028 ", True),
                                        ("\u200b", False), (" a ", False), ("\ufeff", False)])
def test_whitespace_only_text_is_empty(tmp_path: Path, text: str, empty: bool) -> None:
    line = json.dumps({"text": text}).encode()
    if empty:
        with pytest.raises(InputError, match="field 'text' is empty"):
            to_document(InputUnit("a.jsonl", 1, "jsonl", line))
    else:
        assert to_document(InputUnit("a.jsonl", 1, "jsonl", line)).raw == text
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode())
    units = list(iter_units([path]))
    if empty:
        with pytest.raises(InputError, match="empty"):
            to_document(units[0])
    elif text != "\ufeff":  # a lone BOM is dropped: the text is then empty
        assert to_document(units[0]).raw == text


@pytest.mark.parametrize("value,expected", [
    ("02/08/2024", "2024-08-02"), ("05/11/2024 09:30", "2024-11-05"), ("20-11-2024", "2024-11-20"),
    ("2024-08-02T10:00:00+07:00", "2024-08-02"), ("ngày 5 tháng 3 năm 2025", "2025-03-05"),
    ("March 5, 2025", "2025-03-05"), ("hôm qua", "hôm qua"), ("31/02/2024", "31/02/2024"),
])
def test_preset_date_becomes_iso(value: str, expected: str) -> None:
    line = json.dumps({"text": "Nội dung.", "date": value}, ensure_ascii=False).encode() + b"\n"
    assert to_document(InputUnit("d.jsonl", 1, "jsonl", line)).date == expected


def test_crawler_field_names_fill_the_presets() -> None:
    rec = {"text": "Sáng 7/8, tỉnh tổ chức lễ đón nhận bằng công nhận làng gốm là di sản.\nLàng gốm có 500 năm.",
           "headline": "Làng gốm đón bằng di sản", "published_at": "2024-08-07T08:00:00+07:00", "link": "https://x.vn/a"}
    line = json.dumps(rec, ensure_ascii=False).encode() + b"\n"
    doc = to_document(InputUnit("c.jsonl", 1, "jsonl", line))
    assert (doc.title, doc.date, doc.url) == ("Làng gốm đón bằng di sản", "2024-08-07", "https://x.vn/a")
    assert doc.meta["headline"] == "Làng gốm đón bằng di sản"  # the record's own field still passes through
