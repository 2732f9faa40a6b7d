"""Lexicons and rule data, loaded from the text files under ``cleancorpus/rules/<lang>/``.

Each file holds one entry per line; ``#`` starts a comment line that says where the entries come
from. Loading is memoised per language: the data are immutable (tuples and frozensets), so sharing
them between pipelines is safe.

The typo filters' word lists (:class:`Spelling`) take about 0.35 s to build from the text files,
once per process: every worker pays it before its first shard. The built lists are therefore cached
on disk (:func:`spelling_cache_dir`), keyed by a digest of everything they are built from (the list
files, jusText's stop list, the code of this module and of :mod:`cleancorpus.vietnamese`, the Python
version), as JSON, and loaded from there in about 0.06 s. A cache that cannot be read or written is
rebuilt or skipped, never an error; ``CLEANCORPUS_CACHE_DIR=off`` turns it off.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import importlib.util
import json
import logging
import os
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from cleancorpus.segment import norm_key
from cleancorpus.vietnamese import i_for_y, is_valid_syllable, nfc, restyle, split_tone

if TYPE_CHECKING:  # pragma: no cover
    from importlib.resources.abc import Traversable

log = logging.getLogger(__name__)


def _rule_file(lang: str, name: str) -> Traversable:
    """The package's ``rules/<lang>/<name>.txt`` (which may not exist)."""
    return resources.files("cleancorpus.rules").joinpath(lang, f"{name}.txt")


def read_list(lang: str, name: str) -> tuple[str, ...]:
    """Entries of ``rules/<lang>/<name>.txt`` (comments and blank lines skipped)."""
    res = _rule_file(lang, name)
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
    ui_counters: tuple[str, ...] = ()  #: labels of interface counters (Bình luận (12), Lượt xem: 1.234)
    menu_sections: frozenset[str] = frozenset()  #: section names of navigation menus (Thời sự, Thế giới)
    list_leads: tuple[str, ...] = ()  #: words with which prose announces a list (gồm, như sau)
    org_heads: frozenset[str] = frozenset()  #: first words of organisation names (Sở, Cục, Bệnh viện)
    plain_cues: frozenset[str] = frozenset()  #: section headings that are also plain subheadings (Sự kiện)


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
        ui_counters=tuple(sorted(_keys(read_list(lang, "ui_counters")))),
        menu_sections=_keys(read_list(lang, "menu_sections")),
        list_leads=tuple(sorted(_keys(read_list(lang, "list_leads")))),
        org_heads=frozenset(k.split(" ", 1)[0] for k in _keys(read_list(lang, "org_heads"))),
        plain_cues=_keys(read_list(lang, "plain_cues")),
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
    return {k: tuple(sorted(v)) for k, v in retone.items()}  # (sorted: the same in every process)


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
    """Load (once per language) the word lists, gazetteer and English whitelist for the typo filters:
    from the on-disk cache when it holds them (see the module docstring), else built and cached."""
    return _load_spelling(lang)


@functools.lru_cache(maxsize=2)
def _load_spelling(lang: str) -> Spelling:
    return cached_spelling(lang, spelling_cache_dir())


#: Environment variable naming the folder of the word-list cache; ``off`` turns the cache off.
CACHE_ENV = "CLEANCORPUS_CACHE_DIR"
#: Files of ``rules/<lang>/`` that :func:`build_spelling` reads (part of the cache key).
SPELLING_SOURCES = ("words", "words_viet74k", "places", "places_extra", "english_telex")
_CACHE_FORMAT = 1  # bump when the cached layout changes


def spelling_cache_dir() -> Path | None:
    """The folder of the word-list cache: ``$CLEANCORPUS_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/cleancorpus`` or ``~/.cache/cleancorpus``; None when the variable is ``off``
    (or empty)."""
    value = os.environ.get(CACHE_ENV)
    if value is not None:
        return None if value.strip().lower() in ("", "off", "0", "no", "none") else Path(value)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cleancorpus"


def cached_spelling(lang: str, folder: Path | None) -> Spelling:
    """:func:`build_spelling`, through a cache file in ``folder`` (None: no cache)."""
    if folder is None:
        return build_spelling(lang)
    common = _common_syllables()
    digest = spelling_digest(lang, common)
    path = folder / f"spelling-{lang}-{digest[:24]}.json"
    sp = _read_spelling(path, digest)
    if sp is None:
        sp = build_spelling(lang, common)
        _write_spelling(path, sp, digest)
    return sp


def spelling_digest(lang: str, common: frozenset[str]) -> str:
    """SHA-256 of everything :func:`build_spelling` depends on: the source lists, the common
    syllables, the code that derives the tables (this module, :mod:`cleancorpus.vietnamese`), the
    Python version (Unicode data) and the cache layout."""
    from cleancorpus import vietnamese

    h = hashlib.sha256(f"{_CACHE_FORMAT} {sys.version_info[:2]} {lang}".encode())
    for name in SPELLING_SOURCES:
        res = _rule_file(lang, name)
        data = res.read_bytes() if res.is_file() else b""
        h.update(f"\0{name} {len(data)}\0".encode())
        h.update(data)
    h.update("\0".join(sorted(common)).encode())
    for module_file in (__file__, vietnamese.__file__):
        try:
            h.update(Path(module_file).read_bytes())
        except (OSError, TypeError):  # no source file (a frozen or zipped install): the version
            from cleancorpus import __version__

            h.update(__version__.encode())
    return h.hexdigest()


_SPELLING_FIELDS = tuple(f.name for f in dataclasses.fields(Spelling))
_SPELLING_MAPPINGS = ("retone", "productivity")


def _read_spelling(path: Path, digest: str) -> Spelling | None:
    """The :class:`Spelling` cached in ``path`` for ``digest``, or None (missing, unreadable, or not
    what :func:`_write_spelling` writes). JSON, read without running anything from the file."""
    try:
        with path.open(encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.debug("word-list cache %s unreadable (%s): rebuilding it", path, exc)
        return None
    fields = data.get("fields") if isinstance(data, dict) and data.get("digest") == digest else None
    if not isinstance(fields, dict) or tuple(fields) != _SPELLING_FIELDS or not all(
            isinstance(v, dict if k in _SPELLING_MAPPINGS else list) for k, v in fields.items()):
        log.debug("word-list cache %s is not for this build: rebuilding it", path)
        return None
    # The tables the filters compute with hold what they should (sets of other things would only fail
    # to match: an unhashable entry is caught below).
    retone, productivity = fields["retone"], fields["productivity"]
    if not (all(isinstance(v, list) and all(isinstance(w, str) for w in v) for v in retone.values())
            and all(type(n) is int for n in productivity.values())):
        log.debug("word-list cache %s is damaged: rebuilding it", path)
        return None
    try:
        values: dict[str, Any] = {k: frozenset(v) for k, v in fields.items() if k not in _SPELLING_MAPPINGS}
    except TypeError as exc:  # an unhashable entry
        log.debug("word-list cache %s is damaged (%s): rebuilding it", path, exc)
        return None
    values["retone"] = MappingProxyType({k: tuple(v) for k, v in retone.items()})
    values["productivity"] = MappingProxyType(productivity)
    return Spelling(**values)


def _write_spelling(path: Path, sp: Spelling, digest: str) -> None:
    """Cache ``sp`` in ``path`` (written whole, then renamed, so that concurrent processes see a whole
    file or none) and remove the language's older cache files; a failure is logged, not raised."""
    fields = {k: dict(v) if k in _SPELLING_MAPPINGS else sorted(v)
              for k, v in ((k, getattr(sp, k)) for k in _SPELLING_FIELDS)}
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"digest": digest, "fields": fields}, fh, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
        tmp = None
        prefix = path.name.rsplit("-", 1)[0] + "-"
        for old in path.parent.glob(f"{prefix}*.json"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as exc:
        log.debug("word-list cache %s not written: %s", path, exc)
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def build_spelling(lang: str, common: frozenset[str] | None = None) -> Spelling:
    """Build the :class:`Spelling` of ``lang`` from its list files (``common``: the stop-list
    syllables, if the caller has them)."""
    pyvi = _spelling_keys(read_list(lang, "words"))
    v74k = _spelling_keys(read_list(lang, "words_viet74k"))
    words = pyvi | v74k
    core = pyvi & v74k
    if common is None:
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
