"""residue.v1 and diacritic.v1: repair typing errors in Vietnamese text, conservatively.

residue.v1 repairs input-method residue: keystrokes of Telex (``Lafo Cai`` -> ``Lào Cai``,
``Vieejt`` -> ``Việt``, ``nguoiwf`` -> ``người``), and with the ``aggressive`` policy also VIQR
(``Vie^.t``); VNI (``Vie65t``) only when asked (``vni=True``), because VNI residue looks like model
codes (``A4``, ``H5N1``). diacritic.v1 repairs real-word diacritic errors, a missing tone mark that
leaves another valid syllable (``Hiệp đinh`` -> ``Hiệp định``), from word-pair evidence only.

How residue.v1 decides (the ``tight`` policy, measured in ``benches/bench_typos.py``): a token is a
candidate only if it is pure ASCII letters (a chunk holding digits, dots, slashes, ``@``, ``_``,
hyphens or apostrophes is a URL, an e-mail address, a file name, a code or a compound and is never
touched), is not already a valid or known syllable, not an acronym (two or more capitals), not
camel-case, not a gazetteer syllable, not an English word that happens to decode (``of``, ``this``,
``bus``, ``chef``) and decodes to a valid syllable. It is repaired when it holds strong evidence (f,
j, w, z or a doubled aa/ee/oo/dd, none of which occur in Vietnamese spelling) and stands next to a
Vietnamese word with diacritics or forms a known word pair with a neighbour (word list or gazetteer,
never across punctuation); a token with only weak evidence (s, r, x as tone keys: ``cos``; a late hat
key: ``cana``) needs a known word pair with a neighbour that carries diacritics. A capitalised token
(a name, more often than not) always needs a known pair, and inside a sentence a capitalised partner
(``Lafo Cai``). Lines where fewer than 20% of the words carry Vietnamese letters are left alone.
``aggressive`` accepts strong evidence next to a Vietnamese word (or anywhere in a Vietnamese line for
lower-case tokens) and weak evidence next to a Vietnamese word, and decodes VIQR.

The repair takes the document's tone style for oa/oe/uy (hòa or hoà, by majority in the input),
counted only when a repair is such a syllable.

How diacritic.v1 decides: for two adjacent syllables ``a b`` where ``b`` carries no tone mark,
``a b`` is no known word (word list, gazetteer), ``b`` does not start a known word with the next
syllable, exactly one toned variant ``b'`` makes ``a b'`` a word of both word lists, and ``b'`` occurs
in at least ``min_ratio`` (2) times as many dictionary words as ``b`` (a missing tone mark more often
leaves a rare syllable: đinh/định, luyên/luyện), ``b`` becomes ``b'``. Neither syllable may be one of
the most frequent syllables (jusText's Vietnamese stop list).

Every repair is a Fix whose ``evidence`` says why. Both filters repair the text that reaches the
output (:meth:`~cleancorpus.document.Document.repairable`): kept lines and lines moved whole into a
field (the title line, caption lines), whose field takes the repaired text. They run last in the
default profile, so that they spend nothing on the related lists, media blocks and other lines the
noise filters remove (more than half of the benchmark corpus's text). A byline's or an inline
caption's parsed value is not repaired (a name is repaired only with a known pair anyway).

False-positive risks: residue.v1 could rewrite a foreign name or word that is not in the English
list and happens to decode into a known pair with a neighbour; the tight policy changed no token of
the clean and English-mixed benchmark texts (generated, and 101k syllables of news), while the
aggressive one rewrites foreign names such as ``Ojo`` and ``Hoon`` next to Vietnamese words.
diacritic.v1 could "repair" a correct toneless syllable whose pair with its left neighbour is a word
(``tài tinh`` read as ``tài tình``): it requires the written pair to be unknown, neither syllable to
belong to a word with its other neighbour, and the repaired syllable to be much more common than the
written one; it never changes a syllable that already carries a tone mark, nor a capitalised one.

Pre-checks (they skip work, never a repair; ``tests/test_typos_prechecks.py`` compares both filters
with their versions without them, kept in ``tests/typos_reference.py``):

- residue.v1 (Telex, the default; with VIQR or VNI every line is looked at as before) looks at the
  whole document once: its ASCII letters mapped to a few classes, the other consonants deleted
  (``_TELEX_HINT``, looked for in two passes by ``_telex_lines``: the lines with a key right after a
  vowel, then the other marks in the lines between). A line is looked at only if it holds a mark
  every Telex key leaves there (a vowel or d before s f r x j z, a w, aa ee oo dd, a late hat) and
  Vietnamese spelling never does; the only Vietnamese words that leave one are the loanwords xoong
  and boong. A line whose chunks all match no key, or match and do not decode (English words,
  names), is settled by one set look-up, the chunks being remembered (bounded), and the chunks around
  a candidate are read only near it. Short lines that needed no repair are remembered too (bounded):
  repeated furniture lines are passed over.
- diacritic.v1 scans the document once for a space followed by one of the ~650 words that some pair
  can repair, as a whole token (``_second_words``, derived from the word lists; a token is left at
  its first letter that none of them has, such as a tone mark or a capital, before the word trie is
  tried), and checks the pair (``_pair_repair``, memoised): the part of the decision that does not
  look beyond the pair. Only blocks where a pair passes are looked at, and there only the words
  around each candidate. Short lines where no pair passes are remembered (bounded) and left out of
  the scan when they come again (repeated furniture lines).

Cost: one encoding and translation and two passes over the text for residue.v1, one scan for
diacritic.v1, and a little per candidate; linear in the length of a line, however long. A huge line
with many repairs still pays for ``Document.edit`` copying the line once per repair.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import string
from collections import Counter
from collections.abc import Iterable, Mapping

from cleancorpus.document import Block, Change, Document
from cleancorpus.filters.base import BaseFilter
from cleancorpus.lexicon import Spelling, load_spelling, spelling_key
from cleancorpus.memo import remember
from cleancorpus.patterns import NOTHING, alternation
from cleancorpus.vietnamese import (
    VI_LETTERS,
    is_valid_syllable,
    place_tone,
    restyle,
    split_tone,
    telex_decode,
    viqr_decode,
    vni_decode,
)

_CHUNK = re.compile(r"\S+")
_WORD = re.compile(r"[^\W\d_]+")
_KEY_HINT = re.compile(r"(?:o[àáảãạèéẻẽẹ]|u[ỳýỷỹỵ])$|[yýỳỷỹỵ]$")  # a word whose key may differ from itself
#: The endings ``_KEY_HINT`` finds in a run of letters (``str.endswith`` is cheaper than a search).
_KEY_HINT_ENDS = (*(f"o{c}" for c in "àáảãạèéẻẽẹ"), *(f"u{c}" for c in "ỳýỷỹỵ"), *"yýỳỷỹỵ")
_LEAD = "\"'“‘«([{<*"
_TRAIL = "\"'”’»)]}>*.,;:!?…"
_STRONG = re.compile(r"[fjwz]|aa|ee|oo|dd")
_WEAK = re.compile(r"[aeiouy][a-z]*[srx]|([aeo])[b-df-hk-np-tvx]+\1")  # tone keys s r x; a late hat (cana)
_VIQR_CORE = re.compile(r"[A-Za-z]+(?:[\^(+'`?~.][A-Za-z]*)+")
_VNI_CORE = re.compile(r"[a-z]?[A-Za-z][a-z]*[1-9][a-z1-9]*")
_STYLE_FIRST = re.compile(r"(?:[òóỏõọ][ae]|[ùúủũụ]y)(?![a-zà-ỹđ])", re.IGNORECASE)
_STYLE_SECOND = re.compile(r"(?:o[àáảãạèéẻẽẹ]|u[ỳýỷỹỵ])(?![a-zà-ỹđ])", re.IGNORECASE)
_MEMO_SIZE = 50_000
#: residue.v1 and diacritic.v1 remember the lines up to this length that needed no repair (see the classes).
_SETTLED_LINE = 200
#: Share of chunks with Vietnamese letters below which a block is taken as not Vietnamese.
VI_SHARE = 0.2


def _core(chunk: str) -> tuple[int, int]:
    """Offsets of a chunk's core inside the chunk (surrounding quotes and punctuation stripped)."""
    s, e = 0, len(chunk)
    while s < e and chunk[s] in _LEAD:
        s += 1
    while e > s and chunk[e - 1] in _TRAIL:
        e -= 1
    return s, e


_VI_RX = re.compile("[" + "".join(sorted(VI_LETTERS | {c.upper() for c in VI_LETTERS})) + "]")
#: A chunk whose core (group 1) is ASCII letters holding a Telex key after a vowel, or w/dd/aa/ee/oo.
_PRE_TELEX = re.compile(r"(?<!\S)[\"'“‘«(\[{<*]*([A-Za-z]*(?:[AEIOUYaeiouy][A-Za-z]*[SFRXJZsfrxjz]|[Ww]|[Dd][Dd]|"
                        r"[Aa][Aa]|[Ee][Ee]|[Oo][Oo]|([AEOaeo])[B-DF-HK-NP-TVXb-df-hk-np-tvx]+(?i:\2))[A-Za-z]*)[\"'”’»)\]}>*.,;:!?…]*(?!\S)")
_PRE_ANY = re.compile(r"(?<!\S)[\"'“‘«(\[{<*]*([A-Za-z][^\s]*)")


def _has_vi(word: str) -> bool:
    return _VI_RX.search(word) is not None


#: A chunk from its first Vietnamese letter on: one match per chunk that holds one.
_VI_CHUNK = re.compile(_VI_RX.pattern + r"\S*")
_CHUNK_TO_END = re.compile(r"(\S++)\s*+\Z")


def _chunk_before(text: str, start: int) -> tuple[int, int] | None:
    """Span of the last chunk (``\\S+``) before the one that starts at ``start``, or ``None``. Looks 64
    characters back, and further only when the chunk (or the space before ``start``) is longer."""
    span = 64
    while True:
        lo = max(0, start - span)
        m = _CHUNK_TO_END.search(text, lo, start)
        if m is not None and (m.start() > lo or lo == 0):
            return m.span(1)
        if lo == 0:
            return None
        span *= 4


#: The run of letters that ends where the searched range ends (``search(text, lo, end)``).
_LETTERS_TO_END = re.compile(r"[^\W\d_]*\Z")


def _run_start(text: str, end: int) -> int:
    """Start of the run of letters (a ``_WORD`` token) that ends at ``end``; ``end`` itself when
    ``text[end - 1]`` is no letter. Looks 32 characters back, and further only for a longer run."""
    space = text.rfind(" ", max(0, end - 32), end)
    # The usual case: a word after a space. An alphabetic run is one (every alphabetic character is
    # a letter of _WORD) and is told without a regex; other runs (with a letter-like numeral) by it.
    if space >= 0 and (text[space + 1:end].isalpha() or _WORD.fullmatch(text, space + 1, end)):
        return space + 1
    span = 32
    while True:
        lo = max(0, end - span)
        m = _LETTERS_TO_END.search(text, lo, end)
        assert m is not None  # the empty run at ``end`` always matches
        if m.start() > lo or lo == 0:
            return m.start()
        span *= 4


_TONED_OU = "òóỏõọùúủũụÒÓỎÕỌÙÚỦŨỤ"
_TONED_AEY = "àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ"
#: Where a match of ``_STYLE_FIRST`` (at the match) or ``_STYLE_SECOND`` (one character before it) may
#: be: every character those case-insensitive patterns accept first is listed here in both cases
#: (checked over all of Unicode in the tests). Case-sensitive, so ``re`` can skip to these characters.
_STYLE_CUE = re.compile(f"[{_TONED_OU}{_TONED_AEY}](?:(?<=[{_TONED_OU}])[aeyAEY]|(?<=[oOuU][{_TONED_AEY}]))")


def text_style(text: str) -> str:
    """The tone style a text uses for oa/oe/uy (``first``: hòa; ``second``: hoà); ``first`` if it
    has none (the more common style in news).

    The counts are those of ``_STYLE_FIRST.findall`` and ``_STYLE_SECOND.findall`` (their matches cannot
    overlap), with the patterns tried only where ``_STYLE_CUE`` finds a candidate: a case-insensitive
    pattern is tried at every position, which cost more than the rest of the typo filters. The filters
    ask for it only when a repair is spelled differently in the two styles (``_Styler``)."""
    first, second = _style_counts(text)
    return "second" if second > first else "first"


def _style_counts(text: str) -> tuple[int, int]:
    """``(len(_STYLE_FIRST.findall(text)), len(_STYLE_SECOND.findall(text)))``, faster."""
    first = second = 0
    for m in _STYLE_CUE.finditer(text):
        p = m.start()
        if text[p] in _TONED_OU:
            first += _STYLE_FIRST.match(text, p) is not None
        else:
            second += _STYLE_SECOND.match(text, p - 1) is not None
    return first, second


def doc_style(doc: Document) -> str:
    """The tone style of the document's input (see :func:`text_style`)."""
    return text_style(doc.raw)


class _Styler:
    """Spells repairs in the tone style of one document, looked up (:func:`doc_style`) the first time
    a repair needs it: only a toned open oa/oe/uy syllable (hòa, hoà) differs between the styles."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.style: str | None = None

    def __call__(self, word: str) -> str:
        first = restyle(word, "first")
        if first == restyle(word, "second"):
            return first
        if self.style is None:
            self.style = doc_style(self.doc)
        return restyle(word, self.style)


class _SettledLines:
    """Lines of up to ``_SETTLED_LINE`` characters in which one typo filter found nothing to repair
    (bounded, cleared whole at ``_MEMO_SIZE``; pure: the filter's decision on a line depends on its
    text alone). Furniture that every page of a site repeats (bylines, share rows, box headings) is
    then passed over; prose, whose paragraphs do not repeat and are mostly longer, is never looked up."""

    def __init__(self) -> None:
        self._lines: set[str] = set()

    def unsettled(self, blocks: Iterable[Block]) -> list[Block]:
        """The blocks a filter reads: those with a non-ASCII character, less the lines known settled."""
        lines, cap = self._lines, _SETTLED_LINE
        return [b for b in blocks if not b.text.isascii() and (len(b.text) > cap or b.text not in lines)]

    def settle(self, texts: Iterable[str]) -> None:
        """Remember the short ``texts`` as needing no repair (a filter then :meth:`unsettle` the few
        it repairs)."""
        lines, cap = self._lines, _SETTLED_LINE
        if len(lines) >= _MEMO_SIZE:
            lines.clear()
        lines.update(t for t in texts if len(t) <= cap)

    def unsettle(self, text: str) -> None:
        self._lines.discard(text)


def _byte_classes(classes: dict[str, str]) -> bytes:
    """A ``bytes.translate`` table: each listed ASCII letter (both cases) to its class byte, a line
    break to itself, every other byte to a space."""
    table = bytearray(b" " * 256)
    table[ord("\n")] = ord("\n")
    for letters, cls in classes.items():
        for c in letters:
            table[ord(c)] = table[ord(c.upper())] = ord(cls)
    return bytes(table)


#: residue.v1's pre-check (Telex keys only). A chunk that ``_PRE_TELEX`` matches has a core of ASCII
#: letters holding a key: a vowel followed later by s f r x j z, a w, a doubled aa ee oo dd, or a late
#: hat (a, e, o, consonants, the same vowel). The text's ASCII characters are kept, each letter mapped
#: to a class (vowels a e o, i for i u y, K for the key letters, W, d) and the other consonants deleted,
#: so that every such core leaves one of: a vowel or d right before K (the letter before the first key
#: after the vowel), W, aa ee oo, dd, or ada ede odo (a late hat over d). Vietnamese words leave none:
#: s r x only begin a syllable, codas are deleted and a syllable has one group of vowels (xoong and
#: boong leave oo). A line without one is skipped.
_TELEX_CLASSES = _byte_classes({"a": "a", "e": "e", "o": "o", "iuy": "i", "sfrxjz": "K", "w": "W", "d": "d"})
_PLAIN_CONSONANTS = b"bcghklmnpqtvBCGHKLMNPQTV"
#: Those marks, as one pattern (the definition; :func:`_telex_lines` looks for them in two passes).
_TELEX_HINT = re.compile(rb"a(?:[aK]|da)|e(?:[eK]|de)|o(?:[oK]|do)|d[dK]|K(?<=iK)|W")
#: The most common mark, a key right after a vowel or d, found from the key: ``re`` skips to each K
#: without trying the pattern at every vowel.
_TELEX_KEY_MARK = re.compile(rb"K(?<=[aeoid]K)")
#: The other marks: W, aa, ee and oo (found with ``bytes.find``), and dd, dK, ada, ede, odo (from the d).
_TELEX_RARE_MARKS = (b"W", b"aa", b"ee", b"oo")
_TELEX_D_MARK = re.compile(rb"d(?:[dK]|(?<=ad)a|(?<=ed)e|(?<=od)o)")


def _telex_lines(texts: list[str]) -> list[int]:
    """Indices of the ``texts`` in which a chunk may match ``_PRE_TELEX`` (see ``_TELEX_HINT``): one
    encoding, one translation and two passes over the whole document. Non-ASCII characters are
    dropped, which never splits a core of ASCII letters.

    The lines that hold a mark are those of ``_TELEX_HINT``, found in two passes: the lines with a
    key right after a vowel or d (``_TELEX_KEY_MARK``, the most common mark), then, only in the lines
    between those, the other marks: one pattern for all of them is tried at every a, e, o, d, K and W,
    most bytes of the text, these passes only at a K, a d or a found string. Each hit is mapped to its
    line by counting breaks."""
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1:  # a text holds a line break itself: no line numbers
        return list(range(len(texts)))
    hints = joined.encode("ascii", "ignore").translate(_TELEX_CLASSES, _PLAIN_CONSONANTS)
    find, size = hints.find, len(hints)
    marks: list[int] = []  # a position in each line with a mark
    gaps: list[tuple[int, int]] = []  # the runs of whole lines between the lines with a key mark
    lo = 0
    m = _TELEX_KEY_MARK.search(hints)
    while m is not None:
        start = hints.rfind(b"\n", 0, m.start()) + 1
        end = find(b"\n", m.start())  # the rest of the line needs no look
        marks.append(start)
        if lo < start - 1:
            gaps.append((lo, start - 1))  # without the break before the line
        if end < 0:
            break
        lo = end + 1
        m = _TELEX_KEY_MARK.search(hints, end)
    else:
        if lo < size:
            gaps.append((lo, size))
    for lo, hi in gaps:  # a mark holds no break: each is inside the gap of its line
        for mark in _TELEX_RARE_MARKS:
            p = find(mark, lo, hi)
            while p >= 0:
                marks.append(p)
                p = find(b"\n", p, hi)
                if p < 0:
                    break
                p = find(mark, p, hi)
        m = _TELEX_D_MARK.search(hints, lo, hi)
        while m is not None:
            marks.append(m.start())
            p = find(b"\n", m.start(), hi)
            if p < 0:
                break
            m = _TELEX_D_MARK.search(hints, p, hi)
    out: list[int] = []
    line = pos = 0
    for p in sorted(marks):
        line += hints.count(b"\n", pos, p)
        pos = p
        if not out or out[-1] != line:
            out.append(line)
    return out


class ResidueFilter(BaseFilter):
    """Input-method residue (Telex; VIQR with ``aggressive``; VNI with ``vni=True``).

    Pre-check (Telex only): :func:`_telex_lines` keeps the lines where a chunk can match
    ``_PRE_TELEX``, which :meth:`find` requires for any repair, and lines whose chunks are all known
    not to decode are dropped together (see the module docstring).

    Memo (Telex only): a line of up to ``_SETTLED_LINE`` (200) characters that needed no repair is
    passed over when it comes again (:class:`_SettledLines`: repeated furniture, never prose). Sound
    because the decision on a line depends on its text alone (the document's tone style only spells a
    repair)."""

    id = "residue.v1"

    def __init__(self, policy: str = "tight", vni: bool = False, viqr: bool | None = None) -> None:
        if policy not in ("tight", "aggressive"):
            raise ValueError(f"residue.v1: policy must be 'tight' or 'aggressive', not {policy!r}")
        super().__init__(policy=policy, vni=vni, viqr=viqr)
        self.policy = policy
        self.vni = vni
        self.viqr = policy == "aggressive" if viqr is None else viqr
        # Decoding results by token: foreign names recur across a corpus (a memo, bounded, pure).
        self._memo: dict[str, tuple[str, bool, str] | None] = {}
        # Chunks the pre-check pattern does not match (bounded, pure): a line made only of them,
        # almost every line, is settled by one C-level set test instead of a regex scan.
        self._plain: set[str] = set()
        # Short lines that needed no repair (see the class docstring).
        self._settled = _SettledLines()

    def apply(self, doc: Document) -> None:
        sp = load_spelling(doc.lang or "vi") if (doc.lang or "vi") == "vi" else None
        if sp is None:
            return
        styled = _Styler(doc)
        blocks = doc.repairable()
        if not self.vni and not self.viqr:
            # find() skips ASCII lines and lines without a chunk _PRE_TELEX matches: one look at the
            # whole document finds the others (see _telex_lines).
            blocks = self._settled.unsettled(blocks)
            texts = [b.text for b in blocks]
            blocks = [blocks[i] for i in _telex_lines(texts)]
            # Short lines are taken as settled now; the few that are repaired below are taken out again.
            self._settled.settle(texts)
            # Lines kept for an English word or a name that find() already knows not to decode: a
            # look at their chunks settles them, as find() itself would.
            chunks = [b.text.split() for b in blocks]
            if all(map(self._plain.issuperset, chunks)):
                return
        else:
            chunks = [b.text.split() for b in blocks]
        for b, words in zip(blocks, chunks, strict=True):
            repairs = self._find(b.text, sp, words)
            if repairs:  # one splice per line: linear on a huge line with many repairs
                self._settled.unsettle(b.text)
                doc.repair(b, [Change(s, e, styled(new), f"{self.id}/{why.split(';', 1)[0]}", evidence=why)
                                   for s, e, new, why in repairs])

    # -- deciding ------------------------------------------------------------------------------
    def find(self, text: str, sp: Spelling) -> list[tuple[int, int, str, str]]:
        """Repairs for one line: (start, end, replacement, evidence), in text order."""
        return self._find(text, sp, text.split())

    def _find(self, text: str, sp: Spelling, words: list[str]) -> list[tuple[int, int, str, str]]:
        """:meth:`find`, given the chunks of the line (``text.split()``)."""
        if text.isascii() and not self.vni and not self.viqr:
            # A line without one Vietnamese letter is not Vietnamese prose (or all residue: rare).
            return []
        # Cheap pre-check: only chunks that are ASCII letters with a Telex key (or, with VIQR/VNI on,
        # any chunk with ASCII letters) are looked at; most lines have none.
        pre = _PRE_ANY if (self.vni or self.viqr) else _PRE_TELEX
        # The pattern matches whole whitespace-separated chunks: skip the line when every chunk is
        # known not to match, or to match without decoding (English words, names).
        plain = self._plain
        if plain.issuperset(words):
            return []
        if len(plain) >= _MEMO_SIZE * 4:
            plain.clear()
        found = False
        for w in words:
            if w not in plain:
                m = pre.fullmatch(w)
                if m is None or self._decoded(m.group(1).rstrip(_TRAIL), sp) is None:
                    plain.add(w)
                else:
                    found = True
        if not found:
            return []
        decoded: dict[int, tuple[str, bool, str]] = {}
        spans: list[tuple[int, int]] = []
        for m in pre.finditer(text):
            d = self._decoded(m.group(1).rstrip(_TRAIL), sp)
            if d is not None:
                decoded[m.start(1)] = d
                spans.append(m.span())
        if not decoded:
            return []
        # Share of chunks with Vietnamese letters (never stripped from a core: the chunk counts).
        if len(_VI_CHUNK.findall(text)) < VI_SHARE * len(words):
            return []
        # The candidates with the chunks next to them, in text order: all that _judge reads (a
        # candidate's neighbours, the text before it and before the next chunk). In this list a
        # candidate's neighbours are its neighbours in the line, it is first only if the line starts
        # with it and last only if it ends with it.
        around = set(spans)
        for start, end in spans:
            prev = _chunk_before(text, start)
            if prev is not None:
                around.add(prev)
            nxt = _CHUNK.search(text, end)
            if nxt is not None:
                around.add(nxt.span())
        cores = []
        index = {}
        last = 0
        for start, end in sorted(around):
            s, e = _core(text[start:end])
            index[start + s] = len(cores)
            cores.append((start + s, start + e, text[start + s:start + e], text[last:start + s]))  # and the text before
            last = start + e
        # Decide until nothing changes, each round seeing the repairs of the previous ones as
        # neighbours, so that a run of residue ("nguoiwf nguoiwf") is repaired in one pass.
        todo = {index[pos]: d for pos, d in decoded.items() if pos in index}
        decided: dict[int, tuple[str, str]] = {}
        view = cores
        while todo:
            for i, d in todo.items():
                why = self._judge(i, d, view, sp)
                if why is not None:
                    decided[i] = (d[0], why)
            if not any(i in decided for i in todo):
                break
            todo = {i: d for i, d in todo.items() if i not in decided}
            view = [(s, e, decided[i][0] if i in decided else c, g) for i, (s, e, c, g) in enumerate(cores)]
        return [(cores[i][0], cores[i][1], rep[0], rep[1]) for i, rep in sorted(decided.items())]

    def _decoded(self, core: str, sp: Spelling) -> tuple[str, bool, str] | None:
        """:meth:`_decode`, memoised (``None`` for an empty core)."""
        if not core:
            return None
        if core in self._memo:
            return self._memo[core]
        return remember(self._memo, core, self._decode(core, sp), _MEMO_SIZE)

    def _candidate(self, core: str, sp: Spelling) -> bool:
        low = core.lower()
        if low in sp.syllables or low in sp.place_tokens or low in sp.english:
            return False
        if sum(c.isupper() for c in core) > 1:  # acronyms (TW, GATS) and camel case (iPhone)
            return False
        if core[0].islower() and any(c.isupper() for c in core):
            return False
        # oong/ooc are valid only in a few loanwords (xoong, boong, quần soóc), all in the word lists:
        # any other "oo" is the Telex hat key (khoong -> không).
        return not is_valid_syllable(low) or "oo" in low

    def _decode(self, core: str, sp: Spelling) -> tuple[str, bool, str] | None:
        """(decoded syllable, strong evidence?, method) for a token that may be residue."""
        if core.isascii() and core.isalpha():
            low = core.lower()
            strong = bool(_STRONG.search(low))
            if not strong and not _WEAK.search(low):
                return None
            if not self._candidate(core, sp):
                return None
            dec = telex_decode(core)
            method = "telex"
        elif self.viqr and _VIQR_CORE.fullmatch(core) and not core.isupper():
            if not self._candidate(core.replace("^", "").replace("(", "").replace("+", "").replace("'", "")
                                   .replace("`", "").replace("?", "").replace("~", "").replace(".", "") or "x", sp):
                return None
            marks = sum(c in "^(+'`?~." for c in core)
            if marks < 2 and not any(c in "^(+" for c in core):
                return None
            dec = viqr_decode(core)
            strong = True
            method = "viqr"
        elif (self.vni and _VNI_CORE.fullmatch(core) and sum(c.isdigit() for c in core) <= 2
              and sum(c.isalpha() for c in core) >= 2 and sum(c.isupper() for c in core) <= 1):
            dec = vni_decode(core)
            strong = False  # VNI always needs a word pair: digits are common in codes
            method = "vni"
        else:
            return None
        if dec is None:
            return None
        return dec, strong, method

    def _judge(self, i: int, d: tuple[str, bool, str], cores: list[tuple[int, int, str, str]],
               sp: Spelling) -> str | None:
        """The evidence for repairing token ``i`` (decoded as ``d``) among its neighbours, or ``None``."""
        dec, strong, method = d
        core = cores[i][2]
        aggressive = self.policy == "aggressive"
        key = spelling_key(dec)
        prev = cores[i - 1][2] if i > 0 else ""
        nxt = cores[i + 1][2] if i + 1 < len(cores) else ""
        vi_near = next((w for w in (prev, nxt) if w and _has_vi(w) and is_valid_syllable(w)), None)
        pair = partner = None
        # A word pair must not be split by punctuation: only one space between the two words.
        if prev and cores[i][3] == " " and f"{spelling_key(prev)} {key}" in sp.pairs:
            pair, partner = f"{prev} {dec}", prev
        elif nxt and cores[i + 1][3] == " ":
            nk = spelling_key(nxt)
            if nxt.isascii() and nxt.isalpha() and nk not in sp.syllables:
                nd = telex_decode(nxt)
                nk = spelling_key(nd) if nd else nk
            if f"{key} {nk}" in sp.pairs:
                pair, partner = f"{dec} {nxt}", nxt
        if core[0].isupper() and aggressive and not strong and not pair:
            return None  # capitalised with weak keys only: a name far more often (Conor, Hari, Tana)
        if core[0].isupper() and not aggressive:
            # A capitalised token may be a foreign name (Ojo, Hoon): it needs a known pair, and inside a
            # sentence a capitalised partner (Lafo Cai; not Hoon nhân).
            start = i == 0 or any(c in ".!?…:;" for c in cores[i][3])
            if not pair or not (start or partner[0].isupper()):
                return None
        if strong and (vi_near or pair or aggressive):
            why = f"pair '{pair}' is a known word or place" if pair else (
                f"next to Vietnamese '{vi_near}'" if vi_near else "Vietnamese line")
            return f"{method}; {'strong' if strong else 'weak'} keys; {why}"
        if not strong and pair and (vi_near or any(_has_vi(w) for w in pair.split())):
            return f"{method}; weak keys; pair '{pair}' is a known word or place"
        if not strong and aggressive and vi_near:
            return f"{method}; weak keys; next to Vietnamese '{vi_near}'"
        return None


def _retoned(word: str, err: str, cand: str, sp: Spelling, min_ratio: float) -> str | None:
    """``word`` (as written: lower case, no tone mark; ``err`` is its key) with the tone of ``cand``, if
    the checks of diacritic.v1 on the syllable alone pass: it is not one of the most frequent
    syllables, it is valid and toneless (:func:`_retone_base`), and ``cand`` occurs in at least
    ``min_ratio`` times as many dictionary words; else ``None``."""
    return _retoned_known_base(word, err, cand, sp, min_ratio) if _retone_base(err, sp) else None


def _retone_base(err: str, sp: Spelling) -> bool:
    """The checks of :func:`_retoned` on the written word alone (its key ``err``)."""
    if err in sp.common:
        return False
    st = split_tone(err)
    return st is not None and not st[1] and is_valid_syllable(err)


def _retoned_known_base(word: str, err: str, cand: str, sp: Spelling, min_ratio: float) -> str | None:
    """:func:`_retoned` for a word that passes :func:`_retone_base`."""
    if sp.productivity.get(cand, 0) < min_ratio * sp.productivity.get(err, 0):
        return None  # the written syllable is about as common as the repair: not a typo of it
    toned = split_tone(cand)
    return place_tone(word, toned[1], "first") if toned else None


@functools.lru_cache(maxsize=1 << 15)
def _pair_repair(other: str, word: str, sp: Spelling, min_ratio: float) -> tuple[str, str, str, str] | None:
    """``(repaired word, toned key, key of word, key of other)`` if ``word`` written after ``other``
    passes every check of diacritic.v1 that looks at the pair only (not at the words around it); else
    ``None``. ``word`` must be a retone base as written (lower case), ``other`` must carry Vietnamese
    letters, ``other word'`` must be the one core word of the pair and ``other word`` no known pair.
    Memoised (pure): word pairs recur."""
    if word not in sp.retone_bases:
        return None
    low = other.lower()
    options = sp.retone.get(f"{low} {word}")
    if options is None and (low.endswith(_KEY_HINT_ENDS) or word[-1] == "y"):
        options = sp.retone.get(f"{spelling_key(other)} {spelling_key(word)}")
    if not options or len(options) != 1 or not _has_vi(other):
        return None
    err, oth = spelling_key(word), spelling_key(other)
    if oth in sp.common or f"{oth} {err}" in sp.pairs:
        return None
    new = _retoned(word, err, options[0], sp, min_ratio)
    return None if new is None else (new, options[0], err, oth)


@functools.lru_cache(maxsize=8)
def _repairable_words(sp: Spelling, min_ratio: float) -> tuple[str, ...]:
    """The words that :func:`_pair_repair` can repair after some first word, sorted.

    They are found once per word list: :func:`_pair_repair` takes its options from the ``retone``
    entry ``"other word"`` or ``"key(other) key(word)"``, whose second half is ``word`` or its key;
    so a word it repairs is a retone base that is the second half (itself or through its key) of an
    entry with one option that passes :func:`_retoned`. That is about 650 words, against ten thousand
    syllables, all lower case and toneless."""
    by_second: dict[str, list[str]] = {}
    for key, options in sp.retone.items():
        if len(options) == 1:
            by_second.setdefault(key.rpartition(" ")[2], []).append(options[0])
    words = []
    for w in sp.retone_bases:
        err = spelling_key(w)
        cands = by_second.get(w, []) + by_second.get(err, [])
        # _retoned(w, err, cand) for some cand, its checks on the word alone made once
        if cands and _retone_base(err, sp) and any(_retoned_known_base(w, err, c, sp, min_ratio) for c in cands):
            words.append(w)
    return tuple(sorted(words))


#: Letters a word may hold: ASCII and Vietnamese, both cases (the gate of :func:`_second_words_pattern`).
_GATE_LETTERS = frozenset(string.ascii_letters) | VI_LETTERS | {c.upper() for c in VI_LETTERS}


def _second_words_pattern(words: Iterable[str], rank: Mapping[str, int] | None = None, gate: bool = True) -> str:
    """A space, then one of ``words`` as a whole token (no letter right after it); see
    :func:`_second_words`. ``gate=False`` leaves out the gate (for the tests)."""
    words = sorted(words)
    if not words:
        return NOTHING
    # The trie is atomic: when the longest word it matches runs on into a letter, so do the shorter.
    trie = f"(?>{alternation(words, rank=rank)})(?![^\\W\\d_])"
    if not gate:
        return " " + trie
    # The gate, a cheap look before the trie: the token's letters are all letters the words use, and
    # the first character after them is none of the other ASCII and Vietnamese letters. Most tokens
    # fail it at their first or second letter (a capital, a tone mark, đ...), each test one charset
    # look-up. It never fails where the trie matches: every character of a word is in ``used``, and
    # the character after a match is no letter, so neither in ``used`` (the run stops there) nor in
    # ``other`` (letters only).
    used = "".join(sorted(set("".join(words))))
    other = "".join(sorted(_GATE_LETTERS - set(used)))
    return f" (?=[{re.escape(used)}]++(?![{re.escape(other)}])){trie}"


@functools.lru_cache(maxsize=8)
def _second_words(sp: Spelling, min_ratio: float) -> re.Pattern[str]:
    """diacritic.v1's pre-check: a space, then a word that :func:`_pair_repair` can repair after some
    first word (:func:`_repairable_words`) as a whole token; a repair also needs a word and a single
    space before it.

    The words are a trie, its branches ranked by how often their letters occur in the word lists; a
    gate before it (see :func:`_second_words_pattern`) spares the trie for the most tokens."""
    rank: Counter[str] = Counter()
    for syllable, n in sp.productivity.items():
        for ch in syllable:
            rank[ch] += n
    return re.compile(_second_words_pattern(_repairable_words(sp, min_ratio), rank))


class DiacriticFilter(BaseFilter):
    """Real-word diacritic errors: a missing tone mark, repaired from word-pair evidence.

    Pre-check: a repair needs, right after a word and one space, one of the ~650 words that some pair
    can repair (:func:`_second_words`), and the pair itself must pass :func:`_pair_repair`. Both are
    looked for with one regular-expression scan over the whole document and a dictionary look-up per
    such word (about one token in a hundred); only the few blocks where a pair passes go through
    :meth:`find`. Sound because :meth:`find` itself repairs nothing else: the pre-check is the part of
    its decision that does not look beyond the pair.

    Memo: a line of up to ``_SETTLED_LINE`` (200) characters where no pair passes is left out of the
    scan when it comes again (:class:`_SettledLines`: repeated furniture, never prose). Sound because
    whether a pair passes in a line depends on the line's text alone."""

    id = "diacritic.v1"

    def __init__(self, min_ratio: float = 2.0) -> None:
        super().__init__(min_ratio=min_ratio)
        self.min_ratio = min_ratio
        # Short lines where no pair passes: see the class docstring.
        self._settled = _SettledLines()

    def apply(self, doc: Document) -> None:
        if (doc.lang or "vi") != "vi":
            return
        sp = load_spelling("vi")
        styled = _Styler(doc)
        for b in self._candidates(doc, sp):
            for _ in range(3):  # a repair can complete the evidence for the next syllable
                found = self.find(b.text, sp, self.min_ratio)
                if not found:
                    break
                doc.repair(b, [Change(s, e, styled(new), self.id, evidence=why) for s, e, new, why in found])

    def _candidates(self, doc: Document, sp: Spelling) -> list[Block]:
        """The repairable blocks in which :meth:`find` may repair something (see the class docstring)."""
        blocks = self._settled.unsettled(doc.repairable())
        texts = [b.text for b in blocks]
        text = "\n".join(texts)  # "\n" is no letter and no space: a pair never spans two blocks
        hits = []
        for m in _second_words(sp, self.min_ratio).finditer(text):
            space, end = m.span()
            start = _run_start(text, space)
            if start < space and _pair_repair(text[start:space], text[space + 1:end], sp, self.min_ratio):
                hits.append(space)
        self._settled.settle(texts)
        if not hits:
            return []
        starts = [0, *itertools.accumulate(len(t) + 1 for t in texts)]
        found = sorted({bisect.bisect_right(starts, space) - 1 for space in hits})
        for k in found:
            self._settled.unsettle(texts[k])
        return [blocks[k] for k in found]

    @staticmethod
    def find(text: str, sp: Spelling, min_ratio: float = 2.0) -> list[tuple[int, int, str, str]]:
        """Repairs for one line: (start, end, replacement, evidence).

        Only the second syllable of a pair is repaired: measured on news text, repairing the first
        one as well ("tôi nợ" -> "tội nợ") changed correct pronouns and function words.

        The line is not tokenised: the pre-check pattern finds the possible second syllables and
        their neighbours are read around them, so the cost is one scan plus a little per candidate."""
        out: list[tuple[int, int, str, str]] = []
        for m in _second_words(sp, min_ratio).finditer(text):
            ws, we = m.start() + 1, m.end()
            xs = _run_start(text, ws - 1)
            if xs == ws - 1:
                continue  # no word right before the space
            other, word = text[xs:ws - 1], text[ws:we]
            rep = _pair_repair(other, word, sp, min_ratio)
            if rep is None:
                continue
            new, cand, err, oth = rep
            # The pair must stand alone: neither syllable belongs to a word with its other neighbour.
            if xs >= 2 and text[xs - 1] == " " and _WORD.match(text, xs - 2, xs - 1):
                before = text[_run_start(text, xs - 1):xs - 1]
                if f"{spelling_key(before)} {oth}" in sp.pairs:
                    continue
            nxt = _WORD.search(text, we)
            if nxt is not None:
                nk = spelling_key(nxt.group())
                if nxt.start() == we + 1 and text[we] == " " and (
                        f"{err} {nk}" in sp.pairs or f"{cand} {nk}" in sp.pairs):
                    continue
                if nxt.group().isascii() and nk not in sp.syllables and not is_valid_syllable(nk):
                    continue  # next to unrepaired residue or a foreign word: no reliable context
            out.append((ws, we, new, f"pair '{other} {new}' is a known word, '{other} {word}' is not; '{cand}' is in "
                                     f"{sp.productivity.get(cand, 0)} words, '{err}' in {sp.productivity.get(err, 0)}"))
        return out
