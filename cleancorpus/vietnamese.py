"""Vietnamese spelling: a syllable validator, tone placement and input-method decoders.

A Vietnamese syllable is an onset (27 including none), a rhyme (about 150: optional glide, vowel
nucleus, optional coda) and one of six tones; the codas c, ch, p, t take only the sắc or nặng
tone. :func:`is_valid_syllable` checks those rules plus the c/k/q, g/gh and ng/ngh spelling rules.

The decoders turn the keystrokes an input method leaves behind when it is off or out of sync
back into a syllable: Telex (``Vieejt`` -> ``Việt``, with late keys ``Lafo`` -> ``Lào`` and ``w``
shorthands ``nguoiwf`` -> ``người``), VNI (``Vie65t``) and VIQR (``Vie^.t``). They only decode; whether
a token *is* residue is the residue filter's decision (:mod:`cleancorpus.filters.typos`).

Everything here is pure and immutable: tables are module constants, nothing is cached globally.
"""

from __future__ import annotations

import unicodedata

#: Tone numbers: 0 none (ngang), 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng.
TONES = (0, 1, 2, 3, 4, 5)
_TONED = {
    "a": "aáàảãạ", "ă": "ăắằẳẵặ", "â": "âấầẩẫậ", "e": "eéèẻẽẹ", "ê": "êếềểễệ",
    "i": "iíìỉĩị", "o": "oóòỏõọ", "ô": "ôốồổỗộ", "ơ": "ơớờởỡợ", "u": "uúùủũụ",
    "ư": "ưứừửữự", "y": "yýỳỷỹỵ",
}
#: Every toned vowel -> (toneless vowel, tone).
_UNTONE: dict[str, tuple[str, int]] = {c: (base, t) for base, row in _TONED.items() for t, c in enumerate(row)}
VOWELS = frozenset(_TONED)
#: Vowels carrying a modifier (hat, breve, horn): the tone goes on them.
_MODIFIED = frozenset("ăâêôơư")
#: Letters that occur only in Vietnamese spelling (any toned or modified vowel, đ).
VI_LETTERS = frozenset(c for c in _UNTONE if c not in "aeiouy") | frozenset("đ")

ONSETS = ("ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu",
          "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x")
CODAS = frozenset({"", "c", "ch", "m", "n", "ng", "nh", "p", "t"})
_ONSETS_3 = frozenset(o for o in ONSETS if len(o) == 3)
_ONSETS_2 = frozenset(o for o in ONSETS if len(o) == 2)
_ONSETS_1 = frozenset(o for o in ONSETS if len(o) == 1)
_STOP_CODAS = frozenset({"c", "ch", "p", "t"})

#: Toneless rhymes (glide + nucleus + coda) of standard spelling.
_RHYME_TABLE = """
a ai ao au ay ac ach am an ang anh ap at
ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e eo ec em en eng ep et
ê êu êch êm ên ênh êp êt
i ia iu ich im in inh ip it iêc iêm iên iêng iêp iêt iêu
o oa oai oao oay oac oach oam oan oang oanh oap oat oăc oăm oăn oăng oăt oe oeo oen oet
oi oc om on ong op ot ooc oong
ô ôi ôc ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua uân uâng uât uây uê uêch uênh ui uy uya uych uyên uyêt uyn uynh uyp uyt uyu
uc um un ung up ut uôc uôi uôm uôn uông uôt uơ
ư ưa ưi ưu ưc ưm ưn ưng ưt ươc ươi ươm ươn ương ươp ươt ươu
y yêm yên yêt yêu
"""
RHYMES = frozenset(_RHYME_TABLE.split())
_FRONT = frozenset("ieêy")  # vowels after which c, g, ng are spelled k, gh, ngh


def split_tone(word: str) -> tuple[str, int] | None:
    """``word`` (lower case, NFC) without its tone mark, and the tone; ``None`` with two tone marks."""
    if word.isascii():  # no tone mark (most English words, names and Telex keys)
        return word, 0
    tone = 0
    out = []
    for ch in word:
        u = _UNTONE.get(ch)
        if u is None:
            out.append(ch)
            continue
        base, t = u
        if t:
            if tone:
                return None
            tone = t
        out.append(base)
    return "".join(out), tone


def parse(toneless: str) -> tuple[str, str, str] | None:
    """Split a toneless lower-case syllable into (onset, vowels, coda); ``None`` if it cannot be one."""
    # The longest onset the syllable starts with (at most one of each length can), which is the first
    # of ONSETS it starts with: they are listed longest first.
    if toneless[:3] in _ONSETS_3:
        onset = toneless[:3]
    elif toneless[:2] in _ONSETS_2:
        onset = toneless[:2]
    elif toneless[:1] in _ONSETS_1:
        onset = toneless[:1]
    else:
        onset = ""
    rest = toneless[len(onset):]
    if onset == "gi" and (not rest or rest[0] not in VOWELS):
        onset, rest = "g", toneless[1:]  # gì, gìn: the i is the nucleus
    if onset == "qu" and not rest:
        return None
    i = 0
    while i < len(rest) and rest[i] in VOWELS:
        i += 1
    vowels, coda = rest[:i], rest[i:]
    if not vowels or coda not in CODAS:
        return None
    return onset, vowels, coda


def is_valid_syllable(word: str) -> bool:
    """Whether ``word`` (any case) is a well-formed Vietnamese syllable by the spelling rules."""
    w = word.lower()
    if not w or not w.isalpha():
        return False
    st = split_tone(w)
    if st is None:
        return False
    toneless, tone = st
    p = parse(toneless)
    if p is None:
        return False
    onset, vowels, coda = p
    rhyme = vowels + coda
    if onset == "gi" and rhyme[:1] == "ê" and "i" + rhyme in RHYMES:  # giếng, giết: gi + iêng, iêt
        rhyme = "i" + rhyme
    if onset == "qu":  # the u of qu is the glide: qua ~ oa, que ~ oe, quân ~ uân, quỳnh ~ uynh
        if "o" + rhyme not in RHYMES and "u" + rhyme not in RHYMES and not (
                rhyme in RHYMES and rhyme[0] in "âêơiy"):  # quên, quít
            return False
    elif rhyme not in RHYMES:
        return False
    if coda in _STOP_CODAS and tone not in (1, 5):
        return False
    first = vowels[0]
    if onset in ("c", "g", "ng") and first in _FRONT and not toneless.startswith("gi"):
        return False
    if onset in ("k", "gh", "ngh") and first not in _FRONT:
        return False
    if onset == "gi" and first == "i":
        return False
    return not (rhyme.startswith("y") and len(rhyme) > 1 and onset not in ("", "qu"))


def place_tone(toneless: str, tone: int, style: str = "first") -> str | None:
    """Put ``tone`` on the right vowel of a toneless lower-case syllable.

    ``style`` matters only for open syllables ending in oa, oe, uy: ``first`` gives hòa, thủy,
    ``second`` gives hoà, thuỷ.
    """
    if not tone:
        return toneless
    p = parse(toneless)
    if p is None:
        return None
    onset, vowels, coda = p
    start = len(onset)
    idx = None
    for k in range(len(vowels) - 1, -1, -1):
        if vowels[k] in _MODIFIED:
            idx = k
            break
    if idx is None:
        if coda or len(vowels) == 1:
            idx = len(vowels) - 1
        elif len(vowels) >= 3 or (vowels in ("oa", "oe", "uy") and style == "second"):
            idx = 1
        else:
            idx = 0
    pos = start + idx
    return toneless[:pos] + _TONED[toneless[pos]][tone] + toneless[pos + 1:]


def restyle(word: str, style: str) -> str:
    """``word`` with its tone moved for ``style`` (``first``/``second``) if it is an open oa/oe/uy
    syllable; any other word is returned unchanged. Case is kept."""
    low = word.lower()
    st = split_tone(low)
    if st is None or not st[1]:
        return word
    toneless, tone = st
    p = parse(toneless)
    if p is None or p[2] or p[1] not in ("oa", "oe", "uy") or not is_valid_syllable(low):
        return word
    new = place_tone(toneless, tone, style)
    if new is None or new == low:
        return word
    return match_case(word, new)


def i_for_y(word: str) -> str:
    """A lower-case syllable whose whole rhyme is ``y`` after a consonant, spelled with ``i``
    (``kỳ`` -> ``kì``, ``lý`` -> ``lí``); any other word unchanged."""
    if len(word) < 2 or word[-1] not in _TONED["y"]:
        return word
    st = split_tone(word)
    if st is None:
        return word
    p = parse(st[0])
    if p is None or p[1] != "y" or p[2] or p[0] in ("", "qu"):
        return word
    return word[:-1] + _TONED["i"][st[1]]


def match_case(model: str, word: str) -> str:
    """``word`` with the capitalisation of ``model`` (all upper, title, or lower)."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def compose(letters: str, tone: int, style: str = "first") -> str | None:
    """A syllable from toneless letters and a tone, if it is valid."""
    out = place_tone(letters, tone, style)
    if out is None or not is_valid_syllable(out):
        return None
    return out


# -- Telex -------------------------------------------------------------------------------------

_TELEX_TONES = {"s": 1, "f": 2, "r": 3, "x": 4, "j": 5}
_HAT = {"a": "â", "e": "ê", "o": "ô"}


def _vowel_span(letters: list[str]) -> tuple[int, int]:
    """Start and end of the vowel cluster (after the onset) in ``letters``."""
    s = 0
    # The u of qu and the i of gi belong to the onset when a vowel follows.
    while s < len(letters) and letters[s] not in VOWELS:
        s += 1
    if s > 0 and s + 1 < len(letters) and letters[s + 1] in VOWELS and (
            (letters[s - 1] == "q" and letters[s] == "u") or (letters[s - 1] == "g" and letters[s] == "i")):
        s += 1
    e = s
    while e < len(letters) and letters[e] in VOWELS:
        e += 1
    return s, e


def _apply_w(letters: list[str]) -> list[list[str]]:
    """The readings of a ``w`` key typed after ``letters`` (most likely first)."""
    s, e = _vowel_span(letters)
    v = "".join(letters[s:e])
    outs: list[list[str]] = []
    if s == e:  # no vowel yet: w alone is ư
        return [[*letters, "ư"]] if not any(c in VOWELS for c in letters) else []
    if "uo" in v:
        k = s + v.index("uo")
        outs.append([*letters[:k], "ư", "ơ", *letters[k + 2:]])
    if "ua" in v and e == len(letters):  # muaw -> mưa
        k = s + v.index("ua")
        outs.append([*letters[:k], "ư", *letters[k + 1:]])
    for plain, mod in (("o", "ơ"), ("a", "ă"), ("u", "ư")):
        for k in range(e - 1, s - 1, -1):  # every position, the last first (cuuw -> cưu, validity decides)
            if letters[k] == plain:
                outs.append([*letters[:k], mod, *letters[k + 1:]])
    if not outs:  # nothing to modify: w types ư (giw -> giư)
        outs.append([*letters, "ư"])
    return outs


#: Letters that no Telex key consumes or changes: telex_decode keeps each of them, in order.
_KEEP_PLAIN = str.maketrans("", "", "adeofjrswxz")
_DROP_VOWELS = str.maketrans("", "", "iuy")
#: The plain consonants of every valid syllable, in order: its onset's, then its coda's.
_FRAMES = frozenset((o + c).translate(str.maketrans("", "", "adeofjrswxziuyđ")) for o in (*ONSETS, "") for c in CODAS)
#: The longest valid syllable: the longest onset and the longest rhyme.
_MAX_SYLLABLE = max(map(len, ONSETS)) + max(map(len, RHYMES))


def telex_decode(token: str, style: str = "first") -> str | None:
    """Decode a token typed in Telex with the input method off, or ``None`` if it decodes to no
    valid syllable or holds no Telex key at all. Case follows the token's first letter.

    A token whose plain letters (b c g h i k l m n p q t u v y, which every reading keeps in order)
    are too many for a syllable, or whose plain consonants are not those of an onset and a coda, has
    no valid reading: it is rejected before its readings are tried (most English words and names)."""
    if not token.isascii() or not token.isalpha():
        return None
    plain = token.lower().translate(_KEEP_PLAIN)
    if len(plain) > _MAX_SYLLABLE or plain.translate(_DROP_VOWELS) not in _FRAMES:
        return None
    return _telex_readings(token, style)


def _telex_readings(token: str, style: str) -> str | None:
    """:func:`telex_decode` without its early rejection: the first valid reading of the keys."""
    states: list[tuple[list[str], int, bool]] = [([], 0, False)]  # letters, tone, changed
    for ch in token.lower():
        nxt: list[tuple[list[str], int, bool]] = []
        for letters, tone, changed in states:
            has_vowel = any(c in VOWELS for c in letters)
            if ch in _TELEX_TONES and has_vowel:
                t = _TELEX_TONES[ch]
                if tone != t:
                    nxt.append((letters, t, True))
                if ch in "srx":  # also a plain letter (coda or second onset letter is impossible, keep literal)
                    nxt.append(([*letters, ch], tone, changed))
                continue
            if ch == "z" and has_vowel:
                if tone:
                    nxt.append((letters, 0, True))
                continue
            if ch in _HAT:
                s, e = _vowel_span(letters)
                hit = next((k for k in range(e - 1, s - 1, -1) if letters[k] == ch), None)
                if hit is not None:
                    nxt.append(([*letters[:hit], _HAT[ch], *letters[hit + 1:]], tone, True))
                elif any(letters[k] == _HAT[ch] for k in range(s, e)):
                    continue  # a third key undoes the hat: literal, not a syllable
                else:
                    nxt.append(([*letters, ch], tone, changed))
                continue
            if ch == "w":
                nxt.extend((w, tone, True) for w in _apply_w(letters))
                continue
            if ch == "d" and letters and letters[0] == "d":
                nxt.append((["đ", *letters[1:]], tone, True))
                continue
            if ch in "fjwz":
                continue
            nxt.append(([*letters, ch], tone, changed))
        states = nxt[:16]
        if not states:
            return None
    for letters, tone, changed in states:
        if not changed:
            continue
        out = compose("".join(letters), tone, style)
        if out is not None:
            return match_case(token, out)
    return None


# -- VNI and VIQR -----------------------------------------------------------------------------

_VNI_MOD = {"6": {"a": "â", "e": "ê", "o": "ô"}, "7": {"o": "ơ", "u": "ư"}, "8": {"a": "ă"}}
_VIQR_MOD = {"^": {"a": "â", "e": "ê", "o": "ô"}, "+": {"o": "ơ", "u": "ư"}, "(": {"a": "ă"}}
_VIQR_TONES = {"'": 1, "`": 2, "?": 3, "~": 4, ".": 5}


def _decode_marks(token: str, mods: dict[str, dict[str, str]], tones: dict[str, int], dkey: str,
                  style: str) -> str | None:
    letters: list[str] = []
    tone = 0
    changed = False
    for ch in token.lower():
        if ch in tones:
            if not letters or tone:
                return None
            tone, changed = tones[ch], True
        elif ch in mods:
            s, e = _vowel_span(letters)
            table = mods[ch]
            if ch in ("7", "+") and "".join(letters[s:e]).find("uo") >= 0:
                k = s + "".join(letters[s:e]).index("uo")
                letters[k:k + 2] = ["ư", "ơ"]
                changed = True
                continue
            hit = next((k for k in range(e - 1, s - 1, -1) if letters[k] in table), None)
            if hit is None:
                return None
            letters[hit] = table[letters[hit]]
            changed = True
        elif ch == dkey and dkey.isdigit():
            if not letters or letters[0] != "d":
                return None
            letters[0], changed = "đ", True
        elif ch.isalpha() and ch.isascii():
            if ch == "d" and dkey == "d" and letters == ["d"]:
                letters[0], changed = "đ", True
                continue
            letters.append(ch)
        else:
            return None
    if not changed:
        return None
    out = compose("".join(letters), tone, style)
    return None if out is None else match_case(token, out)


def vni_decode(token: str, style: str = "first") -> str | None:
    """Decode VNI residue (``Vie65t`` -> ``Việt``: 6 hat, 7 horn, 8 breve, 9 đ, 1-5 tones)."""
    if not token.isascii() or not token[:1].isalpha():
        return None
    return _decode_marks(token, _VNI_MOD, {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5}, "9", style)


def viqr_decode(token: str, style: str = "first") -> str | None:
    """Decode VIQR residue (``Vie^.t`` -> ``Việt``: ^ ( + modifiers, ' ` ? ~ . tones, dd)."""
    if not token.isascii() or not token[:1].isalpha():
        return None
    return _decode_marks(token, _VIQR_MOD, _VIQR_TONES, "d", style)


def nfc(text: str) -> str:
    """``text`` in NFC (cheap when it already is)."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)
