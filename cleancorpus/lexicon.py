"""Lexicons and rule data, loaded from the text files under ``cleancorpus/rules/<lang>/``.

Each file holds one entry per line; ``#`` starts a comment line that says where the entries come
from. Loading is memoised per language: the data are immutable (tuples and frozensets), so sharing
them between pipelines is safe.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import os
import re
from collections import Counter
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType

from cleancorpus.segment import norm_key
from cleancorpus.vietnamese import i_for_y, is_valid_syllable, nfc, restyle, split_tone


def read_list(lang: str, name: str) -> tuple[str, ...]:
    """Entries of ``rules/<lang>/<name>.txt`` (comments and blank lines skipped)."""
    res = resources.files("cleancorpus.rules").joinpath(lang, f"{name}.txt")
    if not res.is_file():
        return ()
    lines = [line.strip() for line in res.read_text(encoding="utf-8").splitlines()]
    return tuple(line for line in lines if line and line[0] != "#")


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
    sentence_starts: frozenset[str] = frozenset()  #: words that open a sentence, never end a name
    signature_words: frozenset[str] = frozenset()  #: source/compilation words allowed in signatures
    title_prefixes: tuple[str, ...] = ()  #: professional titles before a signature name (DS., BS.)
    source_labels: tuple[str, ...] = ()  #: labels of a source credit (Nguồn: X), caption or signature
    illustrative: tuple[str, ...] = ()  #: notes that a photo is illustrative (Ảnh minh họa)
    stopwords: frozenset[str] = frozenset()  #: very frequent words, for the language check (lang.v1)


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
        sentence_starts=_keys(read_list(lang, "sentence_starts")),
        signature_words=_keys(read_list(lang, "signature_words")),
        title_prefixes=read_list(lang, "title_prefixes"),
        source_labels=tuple(sorted(read_list(lang, "source_labels"), key=len, reverse=True)),
        illustrative=tuple(sorted(read_list(lang, "illustrative"), key=len, reverse=True)),
        stopwords=_keys(read_list(lang, "stopwords")),
    )


@dataclasses.dataclass(frozen=True, eq=False)
class Spelling:
    """What the typo filters know about Vietnamese words (see ``rules/vi/NOTICE.md`` for sources).

    Every key is lower case, NFC, with tones on oa/oe/uy placed in the ``first`` style (hòa, thủy), so
    that matching does not depend on the tone style of the text or of the word list.

    Instances compare and hash by identity (one per language, from :func:`load_spelling`), so that
    tables derived from them can be memoised with :func:`functools.lru_cache`.
    """

    syllables: frozenset[str]  #: every syllable of the word list and the gazetteer
    pairs: frozenset[str]  #: adjacent syllable pairs ("hiệp định") inside known words and place names
    words: frozenset[str]  #: whole entries of the word list and the gazetteer
    core_words: frozenset[str]  #: entries that both word lists (pyvi and Viet74K) hold
    #: "a b" (b without tone) -> the toned b' such that "a b'" is a core word (for diacritic.v1)
    retone: Mapping[str, tuple[str, ...]]
    #: in how many entries of the word lists each syllable occurs (a proxy of its frequency), by syllable
    productivity: Mapping[str, int]
    #: the toneless b of ``retone`` keys with one option (y and i forms): valid syllables, not ``common``
    retone_bases: frozenset[str]
    places: frozenset[str]  #: full place names (Vietnamese and neighbouring countries)
    place_tokens: frozenset[str]  #: every syllable of a place name (a whitelist: Đắk, Lắk, Kon, ...)
    english: frozenset[str]  #: English words that decode as Telex (of, this, bus): never repaired
    common: frozenset[str]  #: the most frequent syllables (jusText's Vietnamese stop list)


@functools.lru_cache(maxsize=1 << 16)
def spelling_key(word: str) -> str:
    """The matching key of a word or phrase: lower case, NFC, oa/oe/uy tones in the first style, and
    a lone ``y`` after a consonant spelled ``i`` (kỳ/kì, lý/lí, mỹ/mĩ are spelling variants).
    Memoised (pure): the typo filters look up the keys of the same words over and over."""
    w = nfc(word).lower()
    if _KEY_VARIANTS.search(w) is None:
        return " ".join(w.split())
    return " ".join(i_for_y(restyle(s, "first")) for s in w.split())


def _spelling_keys(entries: tuple[str, ...]) -> set[str]:
    """:func:`spelling_key` of many entries at once: one NFC and lower-casing for all, one scan for
    the entries with a spelling variant (a few thousand), and each of their syllables re-spelled once."""
    text = nfc("\n".join(entries)).lower()
    keys = set(text.split("\n"))
    varied = set()
    for m in _KEY_VARIANTS.finditer(text):  # matches hold no line break: each is inside its entry
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        varied.add(text[start:] if end < 0 else text[start:end])
    keys -= varied
    respelled: dict[str, str] = {}
    for entry in varied:
        syllables = entry.split()
        for s in syllables:
            if s not in respelled:
                respelled[s] = i_for_y(restyle(s, "first"))
        keys.add(" ".join([respelled[s] for s in syllables]))
    return keys


#: Where a syllable has a spelling variant: a second-style oa/oe/uy tone or a lone y after a consonant
#: (``(?:o[àáảãạèéẻẽẹ]|u[ỳýỷỹỵ])(?!\w)|(?<=[bcdđghklmnprstvx])[yýỳỷỹỵ](?!\w)``), written to start at
#: the toned vowel or y, so that a scan skips to those characters.
_KEY_VARIANTS = re.compile(r"[àáảãạèéẻẽẹyýỳỷỹỵ](?:(?<=o[àáảãạèéẻẽẹ])|(?<=u[ỳýỷỹỵ])|(?<=[bcdđghklmnprstvx][yýỳỷỹỵ]))"
                           r"(?!\w)")


def _retone(core: set[str]) -> dict[str, tuple[str, ...]]:
    """``"a b"`` (b without its tone) -> every toned ``b`` such that ``"a b"`` is an entry of two
    syllables in ``core``; each second syllable's tone split once."""
    retone: dict[str, list[str]] = {}
    toneless: dict[str, tuple[str, int] | None] = {}
    for entry in core:
        parts = entry.split()
        if len(parts) == 2:
            b = parts[1]
            st = toneless[b] if b in toneless else toneless.setdefault(b, split_tone(b))
            if st is not None and st[1]:
                retone.setdefault(f"{parts[0]} {st[0]}", []).append(b)
    return {k: tuple(v) for k, v in retone.items()}


def _pairs(entries: set[str]) -> set[str]:
    """The adjacent syllable pairs (``"a b"``) of the entries. Most entries are two syllables with one
    space between them and no other white space: each is its own pair, checked for all at once (every
    white space character but the space is unprintable)."""
    two = {e for e in entries if e.count(" ") == 1}
    flat = "\n".join(two)
    if "".join(two).isprintable() and not (flat[:1] == " " or flat[-1:] == " " or "\n " in flat or " \n" in flat):
        pairs, rest = two, entries - two
    else:
        pairs, rest = set(), entries
    for e in rest:
        parts = e.split()
        if len(parts) > 1:
            pairs.update(map("{} {}".format, parts, parts[1:]))
    return pairs


def load_spelling(lang: str = "vi") -> Spelling:
    """Load (once per language) the word lists, gazetteer and English whitelist for the typo filters."""
    return _load_spelling(lang)


@functools.lru_cache(maxsize=2)
def _load_spelling(lang: str) -> Spelling:
    pyvi = _spelling_keys(read_list(lang, "words"))
    v74k = _spelling_keys(read_list(lang, "words_viet74k"))
    words = pyvi | v74k
    core = pyvi & v74k
    common = _common_syllables()
    retone = _retone(core)
    places = _spelling_keys(read_list(lang, "places") + read_list(lang, "places_extra"))
    entries = words | places
    word_syllables = " ".join(words).split()  # every syllable of every word, as often as it occurs
    place_syllables = " ".join(places).split()
    seconds = {k.rpartition(" ")[2] for k, v in retone.items() if len(v) == 1}
    return Spelling(
        syllables=frozenset(word_syllables).union(place_syllables),
        pairs=frozenset(_pairs(entries)),
        words=frozenset(entries),
        core_words=frozenset(core),
        retone=MappingProxyType(retone),
        productivity=MappingProxyType(dict(sorted(Counter(word_syllables).items()))),
        retone_bases=frozenset(b for s in seconds for b in _y_forms(s) if b not in common and is_valid_syllable(b)),
        places=frozenset(places),
        place_tokens=frozenset(place_syllables),
        english=frozenset(w.lower() for w in read_list(lang, "english_telex")),
        common=common,
    )


def _y_forms(base: str) -> tuple[str, ...]:
    """A toneless key syllable and, if it ends in a lone i after a consonant, its y spelling."""
    if base.endswith("i") and i_for_y(base[:-1] + "y") == base:
        return base, base[:-1] + "y"
    return (base,)


def _common_syllables() -> frozenset[str]:
    """jusText's Vietnamese stop list: the 275 most frequent syllables of Vietnamese Wikipedia.

    Read from the package's data as ``justext.get_stoplist`` reads it, without importing jusText (and
    lxml) for it: nothing else in the pipeline needs them."""
    spec = importlib.util.find_spec("justext")
    if spec is None or spec.origin is None or spec.loader is None or not hasattr(spec.loader, "get_data"):
        import justext  # an unusual installation: let jusText find its file

        stoplist = justext.get_stoplist("Vietnamese")
    else:
        data = spec.loader.get_data(os.path.join(os.path.dirname(spec.origin), "stoplists", "Vietnamese.txt"))
        stoplist = frozenset(w.decode("utf8").lower() for w in data.splitlines())
    return frozenset(spelling_key(w.strip(".")) for w in stoplist)
