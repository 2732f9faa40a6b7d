"""The naive baseline: comparable rules written the obvious way, one compiled regex per rule,
applied line by line in Python.

It covers the same kinds of noise as the default pipeline (invisible characters, spaces, image
lines and markdown, share rows, interface lines, breadcrumbs, captions and credits, related cues and
teaser links, datelines, end markers, bylines), reads and writes JSONL with the same reader and
writer as the benchmarked pipeline, and records nothing but the clean text. It is a yardstick for
speed, not for quality: it has no document-level context (no related tail, no title).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from cleancorpus.document import Document
from cleancorpus.lexicon import read_list


def _alt(entries: Iterable[str]) -> str:
    return "|".join(re.escape(e) for e in sorted(entries, key=len, reverse=True))


def build_rules(lang: str = "vi") -> tuple[list[re.Pattern[str]], list[tuple[re.Pattern[str], str]]]:
    """(line rules that drop a whole line, substitutions applied to every kept line)."""
    cues = _alt(read_list(lang, "related_cues"))
    sections = _alt(read_list(lang, "section_cues"))
    ui = _alt(read_list(lang, "ui_lines"))
    ui_prefixes = _alt(read_list(lang, "ui_prefixes"))
    share = _alt(read_list(lang, "share_tokens"))
    credits = _alt(read_list(lang, "credit_labels"))
    teasers = _alt(read_list(lang, "teaser_prefixes"))
    tags = _alt(t.strip("[]") for t in read_list(lang, "media_tags"))
    agencies = _alt(read_list(lang, "agencies"))
    ci = re.IGNORECASE
    drop = [
        re.compile(r"^\s*$"),
        re.compile(r"^[\s\u00a0\u200b\ufeff]*$"),
        re.compile(r"^\S.*\.(?:jpe?g|png|gif|webp|bmp|svg|tiff?|avif)(?:\?\S*)?$", ci),
        re.compile(r"^!\[[^\]]*\]\([^)]*\)\s*\|?\s*$"),
        re.compile(r"^\[[^\]]+\]\([^)\s]+\)$"),
        re.compile(r"^(?:https?://|www\.)\S+$", ci),
        re.compile(r"^[\s|!\[\]()\-–:*#_=+.]*$"),
        re.compile(rf"^\[(?:{tags})\]", ci),
        re.compile(r"^(?:nguồn video|video|clip|xem video)\s*:\s*\S", ci),
        re.compile(rf"^(?:(?:{share})[\s|·•/,;]*){{2,}}$", ci),
        re.compile(rf"^\s*(?:{ui})\s*:?\s*$", ci),
        re.compile(rf"^\s*(?:{ui_prefixes})", ci),
        re.compile(r"^[^.]{1,40}(?:\s*[>»›|]\s*[^.>»›|]{1,40}){2,}$"),
        re.compile(rf"(?:^|\s)\(?\s*(?:{credits})\s*:\s*[^():;!?\n]{{1,120}}?\s*\)?\s*\.?\s*$", ci),
        re.compile(r"^\(?\s*(?:ảnh|hình)\s+minh\s+họa\s*\)?\.?$", ci),
        re.compile(rf"^[\s>»›\-–—•*#:|]*(?:{cues})[\s:.|>»›]*$", ci),
        re.compile(rf"^[\s>»›\-–—•*#:|]*(?:{sections})[\s:.|>»›]*$", ci),
        re.compile(rf"^\s*(?:{teasers})\s*:?\s*\S", ci),
        re.compile(r"^\(?\s*(?:theo|nguồn)\s*:?\s+[^()]{2,80}?\s*\)?\s*\.?$", ci),
        re.compile(r"^(?:bài|tin|ảnh|thực hiện|phóng viên)(?:\s*(?:và|,|&)\s*ảnh)?\s*:\s*\S.{0,60}$", ci),
        re.compile(rf"^\(?\s*(?:{agencies})\s*\)?$", ci),
        re.compile(r"^(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\s+){1,5}[A-ZĐÀ-Ỹ][\wÀ-ỹ]*$"),
        re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\s*$", ci),
        re.compile(r"^(?:thứ\s+\w+|chủ nhật)?,?\s*\d{1,2}/\d{1,2}/\d{4}"
                   r"(?:\s*[-,|]?\s*\d{1,2}:\d{2})?(?:\s*\(GMT[+-]\d+\))?$", ci),
    ]
    subs = [
        (re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]+"), ""),
        (re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+"), ""),
        (re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]"), " "),
        (re.compile(r" {2,}"), " "),
        (re.compile(rf"^\s*(?:[A-ZĐÀ-Ỹ .]{{2,30}})?\(\s*(?:{agencies})\s*\)\s*[-–—:]+\s*", ci), ""),
        (re.compile(r"^\s*[A-Z]{2,6}\s+[-–—]\s+"), ""),
        (re.compile(r"\s*\.?/\.\s*$"), "."),
        (re.compile(r"^\s+|\s+$"), ""),
    ]
    return drop, subs


class NaiveCleaner:
    """Applies :func:`build_rules` to every line of every document."""

    def __init__(self, lang: str = "vi") -> None:
        self.drop, self.subs = build_rules(lang)

    def clean(self, text: str) -> str:
        out = []
        for line in unicodedata.normalize("NFC", text).split("\n"):
            for rx, new in self.subs:
                line = rx.sub(new, line)
            if any(rx.search(line) for rx in self.drop):
                continue
            out.append(line)
        return "\n".join(out)

    def run(self, docs: Iterable[Document]) -> Iterator[dict[str, Any]]:
        for doc in docs:
            yield {"id": doc.id, "source": doc.source, "text": self.clean(doc.raw)}


def rule_count() -> int:
    drop, subs = build_rules()
    return len(drop) + len(subs)
