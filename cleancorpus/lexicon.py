"""Lexicons and rule data, loaded from the text files under ``cleancorpus/rules/<lang>/``.

Each file holds one entry per line; ``#`` starts a comment line that says where the entries come
from. Loading is memoised per language: the data are immutable (tuples and frozensets), so sharing
them between pipelines is safe.
"""

from __future__ import annotations

import dataclasses
import functools
from importlib import resources

from cleancorpus.segment import norm_key


def read_list(lang: str, name: str) -> tuple[str, ...]:
    """Entries of ``rules/<lang>/<name>.txt`` (comments and blank lines skipped)."""
    res = resources.files("cleancorpus.rules").joinpath(lang, f"{name}.txt")
    if not res.is_file():
        return ()
    out = []
    for line in res.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


@dataclasses.dataclass(frozen=True)
class Lexicon:
    """Everything the noise filters know about one language's news pages."""

    lang: str
    related_cues: frozenset[str]  #: whole-line headings of related and most-read boxes
    section_cues: frozenset[str]  #: headings that are also ordinary words (need titles after them)
    teaser_prefixes: tuple[str, ...]  #: line starts that introduce a linked title (Xem thêm: ...)
    ui_lines: frozenset[str]  #: whole-line interface strings (Chia sẻ, Bình luận, ...)
    ui_prefixes: tuple[str, ...]  #: line starts of interface lines (Từ khóa:, Tags:, © ...)
    share_tokens: frozenset[str]  #: tokens of social icon rows (fb, yt, zl, tw, ...)
    credit_labels: tuple[str, ...]  #: photo/graphic credit labels (Ảnh, Đồ họa, Photo, ...)
    media_tags: frozenset[str]  #: bracket tags of multimedia links ([Video], [Infographics])
    agencies: frozenset[str]  #: outlet and agency names/abbreviations (keys normalised)
    weekdays: tuple[str, ...]  #: weekday names for date lines
    byline_words: frozenset[str]  #: lower-case words that make a short line not a name


def _keys(entries: tuple[str, ...]) -> frozenset[str]:
    return frozenset(norm_key(e) for e in entries)


@functools.lru_cache(maxsize=8)
def load_lexicon(lang: str = "vi") -> Lexicon:
    """Load (once) the lexicon for ``lang``."""
    return Lexicon(
        lang=lang,
        related_cues=_keys(read_list(lang, "related_cues")),
        section_cues=_keys(read_list(lang, "section_cues")),
        teaser_prefixes=tuple(sorted({norm_key(e) for e in read_list(lang, "teaser_prefixes")}, key=len, reverse=True)),
        ui_lines=_keys(read_list(lang, "ui_lines")),
        ui_prefixes=tuple(norm_key(e) for e in read_list(lang, "ui_prefixes")),
        share_tokens=_keys(read_list(lang, "share_tokens")),
        credit_labels=tuple(sorted(read_list(lang, "credit_labels"), key=len, reverse=True)),
        media_tags=_keys(read_list(lang, "media_tags")),
        agencies=_keys(read_list(lang, "agencies")),
        weekdays=read_list(lang, "weekdays"),
        byline_words=_keys(read_list(lang, "byline_stopwords")),
    )
