"""Reading inputs and writing JSONL: the edge of the library.

Inputs are files (``.txt``, ``.md``, ``.html``/``.htm``, ``.jsonl``), directories (searched
recursively for those extensions) or ``-`` for standard input (JSONL if its first non-blank
character is ``{``, else one plain-text document). A plain-text file is one document whose id is
the file stem. A JSONL line is one document: its ``text`` field (or ``html``) is cleaned, ``id``
names it, ``title``/``date``/``author``/``url`` preset fields, and every other field passes
through under ``meta``.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from cleancorpus.document import Document

log = logging.getLogger(__name__)

TEXT_EXTS = (".txt", ".md")
HTML_EXTS = (".html", ".htm")
JSONL_EXTS = (".jsonl", ".ndjson")
INPUT_EXTS = TEXT_EXTS + HTML_EXTS + JSONL_EXTS
PRESET_FIELDS = ("title", "date", "author", "agency", "url", "lang")


class InputError(ValueError):
    """An input that cannot be read as a document; the message names the file and line."""

    def __init__(self, source: str, line: int | None, reason: str) -> None:
        self.source = source
        self.line = line
        self.reason = reason
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True)
class JsonlFields:
    """Which JSONL fields hold the text, the HTML and the id."""

    text: str = "text"
    html: str = "html"
    id: str = "id"


def iter_paths(inputs: Iterable[str | Path]) -> Iterator[Path]:
    """Expand files and directories into input files, in a stable (sorted) order."""
    for item in inputs:
        p = Path(item)
        if str(item) == "-":
            yield p
        elif p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in INPUT_EXTS)
        elif p.exists():
            yield p
        else:
            raise FileNotFoundError(f"{p}: no such file or directory")


def read_documents(inputs: Iterable[str | Path], fields: JsonlFields = JsonlFields(),
                   stdin: IO[str] | None = None) -> Iterator[Document]:
    """Yield one :class:`Document` per input document, in input order."""
    for path in iter_paths(inputs):
        if str(path) == "-":
            yield from _read_stream(stdin if stdin is not None else sys.stdin, "<stdin>", fields)
            continue
        suffix = path.suffix.lower()
        if suffix in JSONL_EXTS:
            with path.open(encoding="utf-8", errors="replace") as fh:
                yield from read_jsonl(fh, str(path), fields)
        elif suffix in HTML_EXTS:
            yield from_html(path.read_text(encoding="utf-8", errors="replace"), id=path.stem, source=str(path))
        else:
            yield Document.from_text(path.read_text(encoding="utf-8", errors="replace"), id=path.stem,
                                     source=str(path))


def _read_stream(fh: IO[str], name: str, fields: JsonlFields) -> Iterator[Document]:
    data = fh.read()
    if data.lstrip().startswith("{"):
        yield from read_jsonl(data.splitlines(), name, fields)
    else:
        yield Document.from_text(data, id="stdin", source=name)


def read_jsonl(lines: Iterable[str], source: str, fields: JsonlFields = JsonlFields()) -> Iterator[Document]:
    """Documents from JSONL lines; a malformed line raises :class:`InputError` naming the line."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(source, n, f"not valid JSON ({exc.msg} at column {exc.colno})") from None
        if not isinstance(obj, dict):
            raise InputError(source, n, f"a JSONL record must be an object, not {type(obj).__name__}")
        yield record_to_document(obj, source, n, fields)


def record_to_document(obj: dict[str, Any], source: str, line: int, fields: JsonlFields = JsonlFields()) -> Document:
    """One JSONL object to a :class:`Document` (text or HTML field, preset fields, the rest in meta)."""
    rid = obj.get(fields.id)
    doc_id = str(rid) if rid is not None else f"{Path(source).stem}:{line}"
    preset = {k: obj[k] for k in PRESET_FIELDS if isinstance(obj.get(k), str) and obj[k]}
    used = {fields.id, fields.text, fields.html, *preset}
    meta = {k: v for k, v in obj.items() if k not in used}
    text = obj.get(fields.text)
    html = obj.get(fields.html)
    if isinstance(text, str):
        doc = Document.from_text(text, id=doc_id, source=f"{source}:{line}", **preset)
    elif isinstance(html, str):
        doc = from_html(html, id=doc_id, source=f"{source}:{line}", **preset)
    else:
        raise InputError(source, line, f"record has no string field {fields.text!r} or {fields.html!r}")
    doc.meta = meta
    return doc


def from_html(html: str, id: str, source: str | None = None, **preset: Any) -> Document:
    """Extract the main text and metadata of an HTML page with trafilatura, as a Document.

    Precision-oriented settings: comments and tables off, ``favor_precision``. The extracted
    title, date, author, url and site name fill fields the caller did not preset.
    """
    import trafilatura

    result = trafilatura.bare_extraction(html, favor_precision=True, include_comments=False,
                                         include_tables=False, include_images=False, with_metadata=True)
    text = ""
    meta: dict[str, Any] = {}
    if result is not None:
        data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
        text = data.get("text") or ""
        for k in ("title", "date", "author", "url"):
            if data.get(k) and k not in preset:
                preset[k] = data[k]
        if data.get("sitename"):
            meta["sitename"] = data["sitename"]
    doc = Document.from_text(text, id=id, source=source, **preset)
    doc.meta.update(meta)
    return doc


class JsonlWriter:
    """Writes one JSON object per line (UTF-8, not ASCII-escaped)."""

    def __init__(self, fh: IO[str]) -> None:
        self.fh = fh
        self.count = 0

    def write(self, record: dict[str, Any]) -> None:
        self.fh.write(json.dumps(record, ensure_ascii=False))
        self.fh.write("\n")
        self.count += 1
