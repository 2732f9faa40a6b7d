"""Reading inputs and writing JSONL: the edge of the library.

Inputs are files, directories (searched recursively) or ``-`` for standard input. A file's kind
comes from its extension once a compression extension is taken off (``a.jsonl.gz`` is JSONL):

- ``.txt``/``.md``: one plain-text document whose id is the file stem (its first line is the title);
- ``.html``/``.htm``: one page, its main text and metadata extracted by trafilatura (:func:`from_html`);
- ``.jsonl``/``.ndjson``: one document per non-blank line; the text field (``text``) is cleaned, or
  the HTML field (``html``) is extracted, the id field (``id``) names it,
  ``title``/``date``/``author``/``agency``/``url``/``lang`` preset fields, every other field passes
  through under ``meta``;
- ``-``: standard input, streamed: JSONL line by line if its first non-blank byte is ``{``, else one
  plain-text document.

Compression by extension, for inputs and outputs: ``.gz`` (gzip), ``.bz2``, ``.xz``/``.lzma``
and ``.zst``/``.zstd`` (Zstandard, through the optional ``zstandard`` package:
``pip install 'cleancorpus[zstd]'``).

Reading happens in two steps so that nothing is lost and resuming is cheap. :func:`iter_units`
yields one :class:`InputUnit` per input document (a file, or a JSONL line) in a deterministic
order, with the raw bytes or the reason it cannot be read (binary data, empty file, too large,
truncated compressed data). :func:`to_document` turns a unit into a :class:`Document`, raising
:class:`InputError` (naming the file and line) for a malformed JSONL line, a missing field, or an
HTML page without main text. Invalid UTF-8 is decoded with replacement characters and the
document is flagged ``invalid-utf8``. :mod:`cleancorpus.runner` puts the two together.

Outputs: :class:`OutputFile` writes ``PATH.part`` (compressed by PATH's extension), can be synced
to a byte offset that a later run truncates back to (:mod:`cleancorpus.runner` checkpoints), and is
renamed to ``PATH`` only when complete.
"""

from __future__ import annotations

import bz2
import dataclasses
import functools
import gzip
import io
import json
import logging
import lzma
import math
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from cleancorpus.document import Document
from cleancorpus.filters.header import normalize_date

try:  # the fast JSON encoder (a dependency); the standard library writes the same bytes without it
    import orjson as _orjson
except ImportError:  # pragma: no cover - exercised by forcing the fallback in tests
    _orjson = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

TEXT_EXTS = (".txt", ".md")
HTML_EXTS = (".html", ".htm")
JSONL_EXTS = (".jsonl", ".ndjson")
INPUT_EXTS = TEXT_EXTS + HTML_EXTS + JSONL_EXTS
#: Compression extensions and the codec they select.
COMPRESSION = {".gz": "gzip", ".gzip": "gzip", ".bz2": "bz2", ".xz": "xz", ".lzma": "xz",
               ".zst": "zstd", ".zstd": "zstd"}
PRESET_FIELDS = ("title", "date", "author", "agency", "url", "lang")
#: Other names crawlers give the preset fields; used when the field itself is absent (first match).
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("headline", "og_title", "page_title"),
    "date": ("published_at", "publish_date", "published", "date_published", "pubdate", "published_time"),
    "author": ("byline", "authors"),
    "url": ("link", "source_url", "canonical_url"),
}
#: Default limit on one input document (a file, or a JSONL line), in bytes.
DEFAULT_MAX_BYTES = 16 * 1024 * 1024
#: How many characters of a rejected input the rejects file keeps.
EXCERPT_CHARS = 2000
#: Flag set on a document whose input was not valid UTF-8 (decoded with U+FFFD replacements).
INVALID_UTF8 = "invalid-utf8"
#: Flag set on a JSONL document whose strings held lone surrogate escapes (replaced with U+FFFD).
INVALID_UNICODE = "invalid-unicode"

#: Size of the reads and of the file buffers (JSONL lines are often longer than the default 8 KB).
BUFFER_BYTES = 1 << 16
_SNIFF = 8192
_SURROGATE = re.compile("[\ud800-\udfff]")
#: A JSON escape of a surrogate code point (``\ud800``-``\udfff``, hex digits in either case): the
#: only way a string parsed from decoded UTF-8 can hold a lone surrogate.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89abcdefABCDEF]")
_LINE_BREAKS = re.compile("[\x85\u2028\u2029]")
# Control bytes that do not occur in text (tab, newlines, form feed, escape and backspace do).
_BINARY_BYTES = bytes(set(range(32)) - {8, 9, 10, 11, 12, 13, 27})


class InputError(ValueError):
    """An input that cannot be read as a document; the message names the file and line."""

    def __init__(self, source: str, line: int | None, reason: str) -> None:
        self.source = source
        self.line = line
        self.reason = reason
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}")


class MissingDependencyError(RuntimeError):
    """An optional package needed for an input or output (``zstandard`` for ``.zst``) is missing."""


@dataclass(frozen=True)
class JsonlFields:
    """Which JSONL fields hold the text, the HTML and the id."""

    text: str = "text"
    html: str = "html"
    id: str = "id"


@dataclass
class InputUnit:
    """One input document before decoding: where it comes from, its bytes, or why it is unreadable.

    ``kind`` is ``text``, ``html`` or ``jsonl`` (one line). ``error`` is set (and ``data`` is
    ``None`` or a prefix) when the reader could not get the document: binary data, an empty file,
    a document over the size limit, truncated or corrupt compressed data, an unreadable file.
    """

    source: str
    line: int | None
    kind: str
    data: bytes | None
    error: str | None = None
    size: int = 0

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.line is not None else self.source

    def excerpt(self, limit: int = EXCERPT_CHARS) -> str:
        """A bounded, decoded excerpt of the raw input (for the rejects file)."""
        if not self.data:
            return ""
        text = self.data[: limit * 4].decode("utf-8", errors="replace")
        return text if len(text) <= limit else text[:limit] + "…"


# -- compression -----------------------------------------------------------------------------
@functools.lru_cache(maxsize=1024)
def compression_of(path: str | Path) -> str | None:
    """The codec selected by the last extension of ``path`` (``gzip``, ``bz2``, ``xz``, ``zstd``), or None."""
    return COMPRESSION.get(Path(path).suffix.lower())


def inner_suffix(path: str | Path) -> str:
    """The extension that gives the input kind, under any compression extension (``a.jsonl.gz`` -> ``.jsonl``)."""
    p = Path(path)
    if compression_of(p):
        p = Path(p.stem)
    return p.suffix.lower()


@functools.lru_cache(maxsize=1024)  # pure; asked once per input document, of few distinct paths
def inner_stem(path: str | Path) -> str:
    """The file name without compression and kind extensions (``a.txt.gz`` -> ``a``)."""
    p = Path(path)
    if compression_of(p):
        p = Path(p.stem)
    return p.stem


def _zstandard() -> Any:
    try:
        import zstandard
    except ImportError:
        raise MissingDependencyError(
            "Zstandard (.zst) files need the 'zstandard' package: pip install 'cleancorpus[zstd]'") from None
    return zstandard


class _ZstdReader(io.RawIOBase):
    """Decompresses a (multi-frame) Zstandard stream; raises EOFError on a truncated frame, as gzip does."""

    def __init__(self, fh: IO[bytes]) -> None:
        self._fh = fh
        self._dctx = _zstandard().ZstdDecompressor()
        self._obj = self._dctx.decompressobj()
        self._buf = b""
        self._in_frame = False

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        while not self._buf:
            chunk = self._fh.read(BUFFER_BYTES)
            if not chunk:
                if self._in_frame:
                    raise EOFError("Compressed file ended before the end-of-stream marker was reached")
                return 0
            while chunk:
                self._in_frame = True
                self._buf += self._obj.decompress(chunk)
                if not self._obj.eof:
                    break
                chunk = self._obj.unused_data
                self._obj = self._dctx.decompressobj()
                self._in_frame = False
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n

    def close(self) -> None:
        self._fh.close()
        super().close()


def open_input(path: str | Path) -> IO[bytes]:
    """Open a file for binary reading, decompressing by extension."""
    comp = compression_of(path)
    if comp == "gzip":
        return gzip.open(path, "rb")
    if comp == "bz2":
        return bz2.open(path, "rb")
    if comp == "xz":
        return lzma.open(path, "rb")
    if comp == "zstd":
        return io.BufferedReader(_ZstdReader(open(path, "rb")), BUFFER_BYTES)
    return open(path, "rb", buffering=BUFFER_BYTES)


#: Errors that decompressors raise on truncated or corrupt data.
_CORRUPT = (EOFError, gzip.BadGzipFile, OSError, lzma.LZMAError, zlib.error, ValueError)


def _corrupt_reason(path: str | Path, exc: BaseException) -> str:
    comp = compression_of(path)
    what = f"truncated or corrupt {comp} data" if comp else "read error"
    return f"{what} ({type(exc).__name__}: {exc})"


# -- input units -----------------------------------------------------------------------------
def iter_paths(inputs: Iterable[str | Path]) -> Iterator[Path]:
    """Expand files and directories into input files, in a stable (sorted) order."""
    for item in inputs:
        p = Path(item)
        if str(item) == "-":
            yield p
        elif p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and inner_suffix(f) in INPUT_EXTS)
        elif p.exists():
            yield p
        else:
            raise FileNotFoundError(f"{p}: no such file or directory")


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` looks like a binary file (NUL bytes, many control bytes), or None."""
    head = data[:_SNIFF]
    if b"\x00" in head:
        return "binary data (NUL bytes; UTF-16 and other non-UTF-8 encodings are not supported)"
    if head:
        controls = len(head) - len(head.translate(None, _BINARY_BYTES))
        if controls > max(8, len(head) // 10):
            return f"binary data ({controls} control bytes in the first {len(head)})"
    return None


def iter_units(inputs: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES,
               stdin: IO[bytes] | None = None) -> Iterator[InputUnit]:
    """One :class:`InputUnit` per input document, in input order; never raises for bad content.

    A missing path raises :class:`FileNotFoundError` before anything is read (the caller should
    check paths first: :func:`iter_paths` does it lazily).
    """
    for path in iter_paths(inputs):
        if str(path) == "-":
            yield from _stdin_units(stdin if stdin is not None else sys.stdin.buffer, max_bytes)
        elif inner_suffix(path) in JSONL_EXTS:
            yield from _jsonl_units(path, max_bytes)
        else:
            yield _file_unit(path, "html" if inner_suffix(path) in HTML_EXTS else "text", max_bytes)


def _file_unit(path: Path, kind: str, max_bytes: int) -> InputUnit:
    src = str(path)
    try:
        with open_input(path) as fh:
            data = fh.read(max_bytes + 1)
            if len(data) > max_bytes:
                size = len(data) + _drain(fh)
                return InputUnit(src, None, kind, data[:_SNIFF], f"too large: {size:,} bytes (limit {max_bytes:,})",
                                 size)
    except MissingDependencyError:
        raise
    except _CORRUPT as exc:
        return InputUnit(src, None, kind, None, _corrupt_reason(path, exc))
    return _checked(InputUnit(src, None, kind, data, size=len(data)), "file")


def _drain(fh: IO[bytes]) -> int:
    n = 0
    while chunk := fh.read(BUFFER_BYTES):
        n += len(chunk)
    return n


def _checked(unit: InputUnit, what: str) -> InputUnit:
    data = unit.data or b""
    if not data or data.isspace():
        unit.error = f"empty {what}"
    else:
        unit.error = binary_reason(data)
    return unit


def _jsonl_units(path: Path, max_bytes: int) -> Iterator[InputUnit]:
    src = str(path)
    n = 0
    try:
        with open_input(path) as fh:
            reason = binary_reason(fh.peek(_SNIFF)[:_SNIFF]) if hasattr(fh, "peek") else None
            if reason:
                yield InputUnit(src, None, "jsonl", fh.read(_SNIFF), reason)
                return
            seen = False
            for n, line, size in _lines(fh, max_bytes):
                if line is not None and line.isspace():  # a blank line (not line.strip(), without a copy)
                    continue
                seen = True
                if line is None:
                    yield InputUnit(src, n, "jsonl", None, f"line too long: {size:,} bytes (limit {max_bytes:,})",
                                    size)
                else:
                    yield InputUnit(src, n, "jsonl", line, size=size)
            if not seen:
                yield InputUnit(src, None, "jsonl", None, "empty file")
    except MissingDependencyError:
        raise
    except _CORRUPT as exc:
        yield InputUnit(src, n + 1, "jsonl", None, _corrupt_reason(path, exc) + "; the rest of the file is lost")


def _lines(fh: IO[bytes], limit: int, first: Iterable[bytes] = ()) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, line or None when over ``limit`` bytes, size), reading at most ``limit`` + 1 bytes at once."""
    n = 0
    for line in first:
        n += 1
        yield n, line, len(line)
    while line := fh.readline(limit + 1):
        n += 1
        if len(line) > limit and not line.endswith(b"\n"):
            size = len(line)
            while chunk := fh.readline(BUFFER_BYTES):
                size += len(chunk)
                if chunk.endswith(b"\n"):
                    break
            yield n, None, size
        else:
            yield n, line, len(line)


def _stdin_units(fh: IO[bytes], max_bytes: int) -> Iterator[InputUnit]:
    """Standard input, streamed: JSONL line by line when the first non-blank byte is ``{``."""
    src = "<stdin>"
    head: list[bytes] = []
    while line := fh.readline(max_bytes + 1):
        head.append(line)
        if not line.isspace():
            break
    if head and head[-1].lstrip().startswith(b"{"):
        for n, line, size in _lines(fh, max_bytes, head):
            if line is None:
                yield InputUnit(src, n, "jsonl", None, f"line too long: {size:,} bytes (limit {max_bytes:,})", size)
            elif not line.isspace():
                yield InputUnit(src, n, "jsonl", line, size=size)
        return
    data = b"".join(head) + fh.read(max_bytes + 1 - sum(map(len, head)))
    if len(data) > max_bytes:
        size = len(data) + _drain(fh)
        yield InputUnit(src, None, "text", data[:_SNIFF], f"too large: {size:,} bytes (limit {max_bytes:,})", size)
        return
    yield _checked(InputUnit(src, None, "text", data, size=len(data)), "input")


# -- decoding --------------------------------------------------------------------------------
def decode(data: bytes) -> tuple[str, bool]:
    """UTF-8 text (a leading BOM dropped) and whether it was valid; invalid bytes become U+FFFD."""
    try:
        text, ok = data.decode("utf-8"), True
    except UnicodeDecodeError as exc:
        log.debug("invalid UTF-8 at byte %d", exc.start)
        text, ok = data.decode("utf-8", errors="replace"), False
    return (text[1:] if text.startswith("\ufeff") else text), ok


def to_document(unit: InputUnit, fields: JsonlFields = JsonlFields()) -> Document:
    """The :class:`Document` of an input unit; :class:`InputError` (file, line, reason) if there is none."""
    if unit.error is not None or unit.data is None:
        raise InputError(unit.source, unit.line, unit.error or "no data")
    text, ok = decode(unit.data)
    flags = [] if ok else [INVALID_UTF8]
    if unit.kind == "jsonl":
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            msg = exc.msg.removesuffix(" at")  # "Invalid control character at" already ends so
            raise InputError(unit.source, unit.line, f"not valid JSON ({msg} at column {exc.colno})") from None
        except RecursionError:
            raise InputError(unit.source, unit.line, "not valid JSON (nested too deeply)") from None
        if not isinstance(obj, dict):
            raise InputError(unit.source, unit.line, f"a JSONL record must be an object, not {type(obj).__name__}")
        doc = record_to_document(obj, unit.source, unit.line or 0, fields,
                                 surrogates=_SURROGATE_ESCAPE.search(unit.data) is not None)
    elif unit.kind == "html":
        doc = from_html(text, id=_stem(unit.source), source=unit.source)
    else:
        if not text or text.isspace():
            raise InputError(unit.source, unit.line, "empty document")
        # Decoded UTF-8 never holds a surrogate (the decoder rejects their encodings, and replaces them).
        doc = Document.from_text(text, id=_stem(unit.source), source=unit.source)
    for f in flags:
        if f not in doc.flags:
            doc.flags.append(f)
    return doc


def _stem(source: str) -> str:
    """The id of a whole-file document: the file stem (``stdin`` for standard input)."""
    return inner_stem(source) if source != "<stdin>" else "stdin"


def _encodes(text: str) -> bool:
    """True when ``text`` holds no lone surrogate (it encodes as UTF-8)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _no_surrogates(text: str, flags: list[str]) -> str:
    """Replace lone surrogates (from JSON ``\\ud800`` escapes) with U+FFFD, flagging the document."""
    if text.isascii() or _encodes(text):  # C-speed checks; a class search scans ten times slower
        return text
    if INVALID_UNICODE not in flags:
        flags.append(INVALID_UNICODE)
    return _SURROGATE.sub("\ufffd", text)


def _as_is(text: str, flags: list[str]) -> str:
    """:func:`_no_surrogates` for a text known to hold none."""
    return text


def read_documents(inputs: Iterable[str | Path], fields: JsonlFields = JsonlFields(),
                   stdin: IO[bytes] | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document]:
    """Yield one :class:`Document` per input document, in input order.

    Strict: the first unreadable input raises :class:`InputError`. :func:`cleancorpus.runner.run_clean`
    quarantines bad inputs instead.
    """
    for unit in iter_units(inputs, max_bytes=max_bytes, stdin=stdin):
        yield to_document(unit, fields)


def read_jsonl(lines: Iterable[str], source: str, fields: JsonlFields = JsonlFields()) -> Iterator[Document]:
    """Documents from JSONL lines (strings); a malformed line raises :class:`InputError` naming the line."""
    for n, line in enumerate(lines, 1):
        if line.strip():
            yield to_document(InputUnit(source, n, "jsonl", line.encode("utf-8", "surrogatepass")), fields)


def record_to_document(obj: dict[str, Any], source: str, line: int, fields: JsonlFields = JsonlFields(), *,
                       surrogates: bool = True) -> Document:
    """One JSONL object to a :class:`Document` (text or HTML field, preset fields, the rest in meta).

    Lone surrogates in the id, preset, text and HTML fields become U+FFFD and flag the document
    ``invalid-unicode``; ``surrogates=False`` tells that no string of ``obj`` can hold one (its JSON
    had no surrogate escape, see :func:`to_document`), which skips the check."""
    flags: list[str] = []
    clean = _no_surrogates if surrogates else _as_is
    rid = obj.get(fields.id)
    doc_id = clean(str(rid), flags) if rid is not None else f"{inner_stem(source)}:{line}"
    preset = {k: clean(obj[k], flags) for k in PRESET_FIELDS if isinstance(obj.get(k), str) and obj[k]}
    for k, names in FIELD_ALIASES.items():  # "headline", "published_at", "link" ...
        if k not in preset:
            alias = next((a for a in names if isinstance(obj.get(a), str) and obj[a]), None)
            if alias is not None:
                preset[k] = clean(obj[alias], flags)
    if "date" in preset:  # the output's date is ISO: "02/08/2024 09:30" becomes "2024-08-02"
        preset["date"] = normalize_date(preset["date"]) or preset["date"]
    used = {fields.id, fields.text, fields.html, *preset}
    meta = {k: v for k, v in obj.items() if k not in used}
    text = obj.get(fields.text)
    html = obj.get(fields.html)
    where = f"{source}:{line}"
    if isinstance(text, str):
        if not text or text.isspace():  # not text.strip(): no copy of the text
            raise InputError(source, line, f"field {fields.text!r} is empty")
        doc = Document.from_text(clean(text, flags), id=doc_id, source=where, **preset)
    elif isinstance(html, str):
        try:
            doc = from_html(clean(html, flags), id=doc_id, source=where, **preset)
        except InputError as exc:
            raise InputError(source, line, exc.reason) from None
    elif text is not None or html is not None:
        bad = fields.text if text is not None else fields.html
        raise InputError(source, line, f"field {bad!r} must be a string, not {type(obj[bad]).__name__}")
    else:
        strings = sorted(k for k, v in obj.items() if isinstance(v, str) and k not in used)[:8]
        hint = f" (its string fields: {', '.join(strings)}; choose one with --text-field)" if strings else ""
        raise InputError(source, line, f"record has no string field {fields.text!r} or {fields.html!r}{hint}")
    for k, v in doc.meta.items():  # extracted metadata (site name) under the record's own fields
        meta.setdefault(k, v)
    doc.meta = meta
    doc.flags.extend(flags)
    return doc


def from_html(html: str | bytes, id: str, source: str | None = None, **preset: Any) -> Document:
    """Extract the main text and metadata of an HTML page with trafilatura, as a Document.

    Precision-oriented settings: ``favor_precision``, no comments, tables, images or links. The
    extracted title, date, author and url fill fields the caller did not preset; the site name
    goes to ``meta["sitename"]``; the article's figure captions go to ``captions``
    (:func:`figure_captions`). The text has one paragraph per line and no title line (the
    title comes from the metadata), so ``header.v1`` never takes its first paragraph for the title.
    Raises :class:`InputError` when trafilatura finds no main text.
    """
    import trafilatura

    src = source or id
    try:
        result = trafilatura.bare_extraction(html, favor_precision=True, include_comments=False,
                                             include_tables=False, include_images=False, include_links=False,
                                             with_metadata=True)
    except Exception as exc:  # lxml and trafilatura raise many types on hostile markup
        raise InputError(src, None, f"HTML extraction failed ({type(exc).__name__}: {exc})") from None
    data: dict[str, Any] = {}
    if result is not None:
        data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = data.get("text") or ""
    if not text.strip():
        raise InputError(src, None, "no main text found in the HTML page")
    for k in ("title", "date", "author", "url"):
        if isinstance(data.get(k), str) and data[k].strip() and k not in preset:
            preset[k] = data[k].strip()
    doc = Document.from_text(text, id=id, source=source, **preset)
    doc.title_in_text = False
    doc.captions.extend(figure_captions(html))
    if data.get("sitename"):
        doc.meta["sitename"] = data["sitename"]
    return doc


def figure_captions(html: str | bytes) -> list[str]:
    """The ``<figcaption>`` texts of the page's article (``<article>`` or ``<main>``; the whole page
    when it has neither), whitespace collapsed, in page order. trafilatura leaves images and their
    captions out of the text; the captions are metadata the output keeps. Unparsable markup gives
    none."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, TypeError, lxml.etree.ParserError):  # type: ignore[attr-defined]
        return []
    nodes = tree.xpath("//article//figcaption | //main//figcaption") or tree.xpath("//figcaption")
    out: list[str] = []
    for node in nodes:
        text = " ".join(node.text_content().split())
        if text and len(text) <= 500 and text not in out:
            out.append(text)
    return out


# -- output ----------------------------------------------------------------------------------
def dumps_record(record: dict[str, Any]) -> bytes:
    """One JSONL line: compact UTF-8 JSON, not ASCII-escaped, except the characters that line
    splitters other than JSONL's own ``\n`` break lines at (U+0085, U+2028, U+2029: only escaped, so
    lossless), and an ASCII-escaped line when a string holds a lone surrogate (not encodable as UTF-8).

    Encoded by orjson when it is installed (a dependency: about ten times faster than the standard
    library on records with long traces) and by :mod:`json` otherwise, with the same bytes for every
    record the pipeline makes (a test holds both to that). Values orjson refuses (a lone surrogate, an
    integer over 64 bits from a passed-through field) take the standard library's path."""
    if _orjson is not None:
        try:
            data = _orjson.dumps(record, option=_orjson.OPT_APPEND_NEWLINE)
        except (_orjson.JSONEncodeError, TypeError):
            return _dumps_stdlib(record)
        if _has_line_breaks(data):
            # Only inside strings (JSON structure is ASCII): escaping them there is lossless.
            data = data.replace(b"\xc2\x85", b"\\u0085").replace(b"\xe2\x80\xa8", b"\\u2028") \
                .replace(b"\xe2\x80\xa9", b"\\u2029")
        return data
    return _dumps_stdlib(record)


#: Lead bytes of U+0085 (``c2 85``) and U+2028/U+2029 (``e2 80 a8``/``e2 80 a9``) in UTF-8, with
#: the length of the sequences they start.
_BREAK_LEADS = ((b"\xc2", 2), (b"\xe2", 3))
_BREAK_SEQUENCES = frozenset((b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9"))
#: The sequences, for a line with many lead bytes (two searches with a literal prefix: sre finds
#: those faster than an alternation, or than ``in``).
_BREAK_SEARCHES = (re.compile(b"\xe2\x80[\xa8\xa9]").search, re.compile(b"\xc2\x85").search)
#: Lead bytes :func:`_has_line_breaks` looks at one by one before it searches the rest at once.
_BREAK_LOOKS = 64


def _has_line_breaks(data: bytes) -> bool:
    """True when the UTF-8 ``data`` holds U+0085, U+2028 or U+2029.

    Their lead bytes are rare in text (``e2`` starts curly quotes and dashes, ``c2`` a no-break
    space) and a one-byte search runs at memory speed, where a search for the sequences stops at
    every continuation byte, frequent in Vietnamese: so each lead byte found is checked in turn, up
    to :data:`_BREAK_LOOKS` of them; past that (a text full of quotes) the whole line is searched
    for the sequences. ``data`` is valid UTF-8 (orjson's output), so a lead byte is never part of
    another character."""
    find = data.find
    looks = 0
    for lead, width in _BREAK_LEADS:
        i = find(lead)
        while i >= 0:
            if data[i:i + width] in _BREAK_SEQUENCES:
                return True
            looks += 1
            if looks > _BREAK_LOOKS:
                return any(search(data) for search in _BREAK_SEARCHES)
            i = find(lead, i + 1)
    return False


def _dumps_stdlib(record: dict[str, Any]) -> bytes:
    """:func:`dumps_record` with the standard library's encoder. A non-finite float (``NaN`` or an
    overflowing number in a passed-through field) is written as ``null``, as orjson writes it: the
    standard library would write ``NaN``, which is not JSON."""
    try:
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except ValueError:
        record = _finite(record)
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    if "\x85" in line or "\u2028" in line or "\u2029" in line:  # three finds beat one class search
        line = _LINE_BREAKS.sub(lambda m: f"\\u{ord(m.group()):04x}", line)
    try:
        data = line.encode("utf-8")
    except UnicodeEncodeError:
        data = json.dumps(record, ensure_ascii=True, separators=(",", ":")).encode("ascii")
    return data + b"\n"


def _finite(value: Any) -> Any:
    """``value`` with every non-finite float (NaN, infinities) replaced by ``None``."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


class JsonlWriter:
    """Writes one JSON object per line to a text stream (UTF-8, not ASCII-escaped)."""

    def __init__(self, fh: IO[str]) -> None:
        self.fh = fh
        self.count = 0

    def write(self, record: dict[str, Any]) -> None:
        self.fh.write(dumps_record(record).decode("utf-8"))
        self.count += 1


class OutputFile:
    """A JSONL output written to ``PATH.part`` and renamed to ``PATH`` by :meth:`commit`.

    Compression follows PATH's extension. :meth:`sync` ends the current compressed member (gzip
    members, bz2/xz streams and zstd frames concatenate into one valid file), flushes and fsyncs,
    and returns the byte offset of ``PATH.part`` at which everything written so far is complete:
    a resumed run truncates the part file back to that offset (``resume_at``) and appends.
    A killed run leaves only ``PATH.part``, never a truncated ``PATH``.
    """

    def __init__(self, path: str | Path, resume_at: int | None = None) -> None:
        self.path = Path(path)
        self.part = self.path.with_name(self.path.name + ".part")
        self.codec = compression_of(self.path)
        if self.codec == "zstd":
            _zstandard()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if resume_at is not None:
            self._raw = open(self.part, "r+b", buffering=BUFFER_BYTES)  # noqa: SIM115 (owned until commit/close)
            self._raw.truncate(resume_at)
            self._raw.seek(resume_at)
        else:
            self._raw = open(self.part, "wb", buffering=BUFFER_BYTES)  # noqa: SIM115 (owned until commit/close)
        self._stream: Any = None
        self.count = 0

    def _writer(self) -> Any:
        if self._stream is None:
            if self.codec == "gzip":
                self._stream = gzip.GzipFile(fileobj=self._raw, mode="wb", mtime=0)
            elif self.codec == "bz2":
                self._stream = bz2.BZ2File(self._raw, "wb")
            elif self.codec == "xz":
                self._stream = lzma.LZMAFile(self._raw, "wb")  # noqa: SIM115
            elif self.codec == "zstd":
                self._stream = _zstandard().ZstdCompressor().stream_writer(self._raw, closefd=False)
            else:
                self._stream = self._raw
        return self._stream

    def write(self, record: dict[str, Any]) -> None:
        self._writer().write(dumps_record(record))
        self.count += 1

    def write_lines(self, data: bytes, count: int = 0) -> None:
        """Append JSONL lines already encoded by :func:`dumps_record` (``count`` of them), such as
        a shard cleaned by another process (:mod:`cleancorpus.parallel`)."""
        self._writer().write(data)
        self.count += count

    def sync(self, durable: bool = True) -> int:
        """End the compressed member, flush (and fsync), return the complete byte length of the part file."""
        if self._stream is not None and self._stream is not self._raw:
            self._stream.close()  # ends the member; the raw file stays open
        self._stream = None
        self._raw.flush()
        if durable:
            os.fsync(self._raw.fileno())
        return self._raw.tell()

    def close(self) -> None:
        """Close without committing (the part file stays for a resume)."""
        if not self._raw.closed:
            try:
                self.sync(durable=False)
            finally:
                self._raw.close()

    def commit(self) -> None:
        """Finish, close and rename ``PATH.part`` to ``PATH``."""
        self.sync()
        self._raw.close()
        os.replace(self.part, self.path)


def excerpt_record(unit: InputUnit, reason: str) -> dict[str, Any]:
    """The rejects-file record of an input: source, line, reason, size and a bounded excerpt."""
    return dataclasses.asdict(Reject(unit.source, unit.line, reason, unit.size or len(unit.data or b""),
                                     unit.excerpt()))


@dataclass
class Reject:
    """One rejected input, as written to the rejects file."""

    source: str
    line: int | None
    reason: str
    size: int
    excerpt: str
