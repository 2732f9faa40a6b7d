"""The typo filters as they were before their pre-checks (main at 2551ac7), kept verbatim as the
reference that tests compare the fast versions with: every decision must stay the same.

residue.v1 and diacritic.v1: repair typing errors in Vietnamese text, conservatively.

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

The repair takes the document's tone style for oa/oe/uy (hòa or hoà, by majority in the input).

How diacritic.v1 decides: for two adjacent syllables ``a b`` where ``b`` carries no tone mark,
``a b`` is no known word (word list, gazetteer), ``b`` does not start a known word with the next
syllable, exactly one toned variant ``b'`` makes ``a b'`` a word of both word lists, and ``b'`` occurs
in at least ``min_ratio`` (2) times as many dictionary words as ``b`` (a missing tone mark more often
leaves a rare syllable: đinh/định, luyên/luyện), ``b`` becomes ``b'``. Neither syllable may be one of
the most frequent syllables (jusText's Vietnamese stop list).

Every repair is a Fix whose ``evidence`` says why. Both filters run on kept blocks only.

False-positive risks: residue.v1 could rewrite a foreign name or word that is not in the English
list and happens to decode into a known pair with a neighbour; the tight policy changed no token of
the clean and English-mixed benchmark texts (generated, and 101k syllables of news), while the
aggressive one rewrites foreign names such as ``Ojo`` and ``Hoon`` next to Vietnamese words.
diacritic.v1 could "repair" a correct toneless syllable whose pair with its left neighbour is a word
(``tài tinh`` read as ``tài tình``): it requires the written pair to be unknown, neither syllable to
belong to a word with its other neighbour, and the repaired syllable to be much more common than the
written one; it never changes a syllable that already carries a tone mark, nor a capitalised one.
"""

from __future__ import annotations

import re

from cleancorpus.document import Block, Document
from cleancorpus.filters.base import BaseFilter
from cleancorpus.lexicon import Spelling, load_spelling, spelling_key
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
_LEAD = "\"'“‘«([{<*"
_TRAIL = "\"'”’»)]}>*.,;:!?…"
_STRONG = re.compile(r"[fjwz]|aa|ee|oo|dd")
_WEAK = re.compile(r"[aeiouy][a-z]*[srx]|([aeo])[b-df-hk-np-tvx]+\1")  # tone keys s r x; a late hat (cana)
_VIQR_CORE = re.compile(r"[A-Za-z]+(?:[\^(+'`?~.][A-Za-z]*)+")
_VNI_CORE = re.compile(r"[a-z]?[A-Za-z][a-z]*[1-9][a-z1-9]*")
_STYLE_FIRST = re.compile(r"(?:[òóỏõọ][ae]|[ùúủũụ]y)(?![a-zà-ỹđ])", re.IGNORECASE)
_STYLE_SECOND = re.compile(r"(?:o[àáảãạèéẻẽẹ]|u[ỳýỷỹỵ])(?![a-zà-ỹđ])", re.IGNORECASE)
_MEMO_SIZE = 50_000
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


def text_style(text: str) -> str:
    """The tone style a text uses for oa/oe/uy (``first``: hòa; ``second``: hoà); ``first`` if it
    has none (the more common style in news)."""
    return "second" if len(_STYLE_SECOND.findall(text)) > len(_STYLE_FIRST.findall(text)) else "first"


def doc_style(doc: Document) -> str:
    """The tone style of the document's input (see :func:`text_style`)."""
    return text_style(doc.raw)


class ResidueFilter(BaseFilter):
    """Input-method residue (Telex; VIQR with ``aggressive``; VNI with ``vni=True``)."""

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

    def apply(self, doc: Document) -> None:
        sp = load_spelling(doc.lang or "vi") if (doc.lang or "vi") == "vi" else None
        if sp is None:
            return
        style: str | None = None
        for b in doc.blocks:
            if b.status != "kept":
                continue
            repairs = self.find(b.text, sp)
            if not repairs:
                continue
            if style is None:
                style = doc_style(doc)
            for s, e, new, why in reversed(repairs):
                self._edit(doc, b, s, e, restyle(new, style), why)

    def _edit(self, doc: Document, b: Block, s: int, e: int, new: str, why: str) -> None:
        method = why.split(";", 1)[0]
        doc.edit(b, s, e, new, f"{self.id}/{method}", evidence=why)

    # -- deciding ------------------------------------------------------------------------------
    def find(self, text: str, sp: Spelling) -> list[tuple[int, int, str, str]]:
        """Repairs for one line: (start, end, replacement, evidence), in text order."""
        if text.isascii() and not self.vni and not self.viqr:
            # A line without one Vietnamese letter is not Vietnamese prose (or all residue: rare).
            return []
        # Cheap pre-check: only chunks that are ASCII letters with a Telex key (or, with VIQR/VNI on,
        # any chunk with ASCII letters) are looked at; most lines have none.
        pre = _PRE_ANY if (self.vni or self.viqr) else _PRE_TELEX
        # The pattern matches whole whitespace-separated chunks: skip the line when every chunk is
        # known not to match.
        plain = self._plain
        words = text.split()
        if plain.issuperset(words):
            return []
        if len(plain) >= _MEMO_SIZE * 4:
            plain.clear()
        found = False
        for w in words:
            if w not in plain:
                if pre.fullmatch(w) is None:
                    plain.add(w)
                else:
                    found = True
        if not found:
            return []
        decoded: dict[int, tuple[str, bool, str]] = {}
        for m in pre.finditer(text):
            core = m.group(1).rstrip(_TRAIL)
            if core:
                if core in self._memo:
                    d = self._memo[core]
                else:
                    if len(self._memo) >= _MEMO_SIZE:
                        self._memo.clear()
                    d = self._memo[core] = self._decode(core, sp)
                if d is not None:
                    decoded[m.start(1)] = d
        if not decoded:
            return []
        chunks = [(m.start(), m.group()) for m in _CHUNK.finditer(text)]
        cores = []
        vi_count = 0
        index = {}
        last = 0
        for start, ch in chunks:
            s, e = _core(ch)
            core = ch[s:e]
            index[start + s] = len(cores)
            cores.append((start + s, start + e, core, text[last:start + s]))  # with the text before it
            last = start + e
            if _VI_RX.search(core):
                vi_count += 1
        if vi_count < VI_SHARE * len(chunks):
            return []
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


class DiacriticFilter(BaseFilter):
    """Real-word diacritic errors: a missing tone mark, repaired from word-pair evidence."""

    id = "diacritic.v1"

    def __init__(self, min_ratio: float = 2.0) -> None:
        super().__init__(min_ratio=min_ratio)
        self.min_ratio = min_ratio

    def apply(self, doc: Document) -> None:
        if (doc.lang or "vi") != "vi":
            return
        sp = load_spelling("vi")
        style: str | None = None
        for b in doc.blocks:
            if b.status != "kept" or b.text.isascii():
                continue
            for _ in range(3):  # a repair can complete the evidence for the next syllable
                found = self.find(b.text, sp, self.min_ratio)
                if not found:
                    break
                if style is None:
                    style = doc_style(doc)
                for s, e, new, why in reversed(found):
                    doc.edit(b, s, e, restyle(new, style), self.id, evidence=why)

    @staticmethod
    def find(text: str, sp: Spelling, min_ratio: float = 2.0) -> list[tuple[int, int, str, str]]:
        """Repairs for one line: (start, end, replacement, evidence).

        Only the second syllable of a pair is repaired: measured on news text, repairing the first
        one as well ("tôi nợ" -> "tội nợ") changed correct pronouns and function words."""
        tokens = _WORD.findall(text)
        bases, retone = sp.retone_bases, sp.retone
        # Cheap pass over plain strings: a toneless syllable that, with a tone, makes a word with the
        # one before it. Most lines have none; only then are match objects and keys built.
        hits = [i for i in range(1, len(tokens)) if tokens[i] in bases
                and (f"{tokens[i - 1].lower()} {tokens[i]}" in retone or _KEY_HINT.search(tokens[i - 1].lower())
                     or tokens[i][-1] == "y")]
        if not hits:
            return []
        ms = list(_WORD.finditer(text))
        n = len(ms)
        keys: dict[int, str] = {}

        def key(k: int) -> str:
            v = keys.get(k)
            if v is None:
                v = keys[k] = spelling_key(ms[k].group())
            return v

        def joined(i: int, j: int) -> bool:  # words i and j (= i + 1) separated by one space
            return i >= 0 and j < n and text[ms[i].end():ms[j].start()] == " "

        out: list[tuple[int, int, str, str]] = []
        for i in hits:
            word = ms[i].group()
            if not joined(i - 1, i):
                continue
            other = ms[i - 1].group()
            options = sp.retone.get(f"{other.lower()} {word}")
            if options is None and (_KEY_HINT.search(other.lower()) or word[-1] == "y"):
                options = sp.retone.get(f"{key(i - 1)} {key(i)}")
            if not options or len(options) != 1 or not _has_vi(other):
                continue
            err, oth = key(i), key(i - 1)
            if err in sp.common or oth in sp.common or f"{oth} {err}" in sp.pairs:
                continue
            st = split_tone(err)
            if st is None or st[1] or not is_valid_syllable(err):
                continue
            cand = options[0]
            if sp.productivity.get(cand, 0) < min_ratio * sp.productivity.get(err, 0):
                continue  # the written syllable is about as common as the repair: not a typo of it
            # The pair must stand alone: neither syllable belongs to a word with its other neighbour.
            if joined(i - 2, i - 1) and f"{key(i - 2)} {oth}" in sp.pairs:
                continue
            if joined(i, i + 1) and (f"{err} {key(i + 1)}" in sp.pairs or f"{cand} {key(i + 1)}" in sp.pairs):
                continue
            if i + 1 < n and ms[i + 1].group().isascii() and key(i + 1) not in sp.syllables \
                    and not is_valid_syllable(key(i + 1)):
                continue  # next to unrepaired residue or a foreign word: no reliable context
            toned = split_tone(cand)
            new = place_tone(word, toned[1], "first") if toned else None
            if new is None:
                continue
            s, e = ms[i].span()
            out.append((s, e, new, f"pair '{other} {new}' is a known word, '{other} {word}' is not; '{cand}' is in "
                                   f"{sp.productivity.get(cand, 0)} words, '{err}' in {sp.productivity.get(err, 0)}"))
        return out
