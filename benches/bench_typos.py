"""Benchmark of residue.v1 (input-method residue) and diacritic.v1 on clean and corrupted text.

Prints, for the tight and the aggressive policy:

1. changes made on clean Vietnamese text (must be 0),
2. precision and recall on the same text with 5% of its syllables replaced by Telex residue from
   :func:`telex_residue` (key orders, late tone keys, late modifier keys, ``w`` shorthands); a repair
   counts as right when it equals the original up to the oa/oe/uy tone placement (hoà = hòa: both are
   correct spellings, ``unicode.v1``'s ``tone_style`` normalises them),
3. changes made on the same text with at least 2,000 English words, acronyms, codes, URLs, e-mail
   addresses and file names mixed in (must be 0 with the tight policy),
4. throughput.

The clean text is generated reproducibly (``--seed``) from the bundled permissively licensed data:
sentences of words drawn from the pyvi word list (MIT) and place names from the gazetteer (MIT), with
numbers and punctuation. ``--articles DIR`` measures on real text instead: the body text the vi-news
pipeline keeps from the ``.txt`` files in DIR (never copied anywhere, only measured).

    python3 benches/bench_typos.py                 # generated text, about 60,000 syllables
    python3 benches/bench_typos.py --articles ../shared/data/dev-articles/baomoi-2017
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleancorpus.filters.typos import DiacriticFilter, ResidueFilter, text_style
from cleancorpus.lexicon import load_spelling, read_list
from cleancorpus.vietnamese import _UNTONE, VI_LETTERS, is_valid_syllable, restyle

_MOD_KEYS = {"â": ("a", "a"), "ê": ("e", "e"), "ô": ("o", "o"), "ă": ("a", "w"), "ơ": ("o", "w"),
             "ư": ("u", "w"), "đ": ("d", "d")}
_TONE_KEYS = " sfrxj"

#: English words mixed into the text: common words, words that decode as Telex (of, this, bus, gas,
#: chef, Hans), acronyms (GATS, TW), codes, model numbers, URLs, e-mail addresses and file names.
_ENGLISH_TABLE = """of this bus gas chef Hans GATS TW the and for with from that have will would about
their there which when what where who how why after before over under again once more most
other some such only own same than too very can just should now world news report government
market price company business football club coach player match season goal league cup final
phone online video music film star fans show love life family school student teacher city
hospital doctor health virus vaccine police court case law tax bank money dollar euro export
import energy oil power climate weather storm flood water food rice coffee tea hotel travel
tour airport flight airline ship port car motorbike road bridge train metro street house home
office room design style fashion model brand iPhone Samsung Apple Google Facebook YouTube
Microsoft Toyota Honda Yamaha Vinamilk COVID WHO ASEAN APEC WTO FIFA UEFA NASA USD VND GDP CEO
OK Wifi email smartphone laptop startup online offline livestream fanpage selfie hashtag
chess jazz box fix mix fax jeans wow zoom jet jam jog fog fig fat fun fur few fee free tree
week sleep coffee good book cool moon soon door floor food wood feet meet need seed deep keep
add odd egg off staff stuff cliff tariff buzz fizz jazz quiz cross press boss loss miss class
draw law raw saw show low now how new few view crew flow grow snow slow blow know throw
Hoon Ojo Lee Moon Dow Low Park Kim Jones Smith Taylor Walker Konsa Wood Ford Fox Jax
A4 H5N1 COVID-19 iPhone15 Galaxy-S24 F1 X5 B52 Su-30 MH370 5G 4K Wi-Fi USB-C
https://example.com/news example.org/path?q=1 info@example.com tin_tuc_2024.pdf anh-01.jpg
data.xlsx report_final.docx v1.2.3 user@mail.vn @username #hashtag C++ C# .NET node.js
"""
ENGLISH = _ENGLISH_TABLE.split()


def telex_residue(word: str, rng: random.Random) -> str | None:
    """The keys a Telex user types for ``word`` with the input method off, in one of four orders:
    tone at the end (``Vieetj``), tone after its vowel (``Vieejt``), late modifier keys (``cana``,
    ``nguoiwf``, ``trangw``) or the ``w`` shorthand for ư (``nhw``). ``None`` if it would equal the word."""
    letters: list[str] = []
    mods: list[str] = []  # modifier key of each letter ('' for none)
    tone = 0
    tone_at = -1
    for i, ch in enumerate(word):
        low = ch.lower()
        base, t = _UNTONE.get(low, (low, 0))
        if t:
            tone, tone_at = t, i
        plain, key = _MOD_KEYS.get(base, (base, ""))
        if not plain.isascii():
            return None
        letters.append(plain.upper() if ch.isupper() else plain)
        mods.append(key)
    if (not tone and not any(mods)) or "oo" in word.lower():  # oo (xoong) has no unambiguous Telex form
        return None
    style = rng.choice(("end", "after", "late", "short"))
    if style == "short" and "w" in mods and "uo" not in "".join(letters).lower():
        k = mods.index("w")
        if letters[k].lower() == "u":
            letters[k], mods[k] = ("W" if letters[k].isupper() else "w"), ""
    out: list[str] = []
    late: list[str] = []
    for i, (c, m) in enumerate(zip(letters, mods, strict=True)):
        out.append(c)
        if m:
            if style == "late" and m != "d":
                if m not in late:
                    late.append(m)
            else:
                out.append(m)
        if style == "after" and i == tone_at:
            out.append(_TONE_KEYS[tone])
    out.extend(late)
    if tone and style != "after":
        out.append(_TONE_KEYS[tone])
    res = "".join(out)
    return None if res == word else res


def generated_text(seed: int, syllables: int) -> list[str]:
    """Reproducible clean Vietnamese lines from the bundled word list and gazetteer."""
    rng = random.Random(seed)
    words = [w for w in read_list("vi", "words") if all(is_valid_syllable(s) for s in w.split())]
    places = list(read_list("vi", "places"))
    lines: list[str] = []
    count = 0
    while count < syllables:
        sentences = []
        for _ in range(rng.randint(2, 5)):
            parts: list[str] = []
            for _ in range(rng.randint(6, 18)):
                r = rng.random()
                if r < 0.06:
                    parts.append(rng.choice(places))
                elif r < 0.09:
                    parts.append(str(rng.randint(2, 2025)))
                else:
                    parts.append(rng.choice(words))
                if rng.random() < 0.08:
                    parts[-1] += ","
            s = " ".join(parts)
            sentences.append(s[0].upper() + s[1:] + rng.choice(".....?!"))
        line = " ".join(sentences)
        count += sum(1 for t in line.split() if any(c.isalpha() for c in t))
        lines.append(line)
    return lines


def article_text(folder: Path) -> list[str]:
    """Body lines the vi-news pipeline (without the typo filters) keeps from ``folder``."""
    from cleancorpus import default_pipeline
    from cleancorpus.pipeline import Pipeline

    pipe = default_pipeline()
    plain = Pipeline([f for f in pipe.filters if f.id not in ("residue.v1", "diacritic.v1")])
    lines: list[str] = []
    for p in sorted(folder.glob("*.txt")):
        rec = plain.clean(p.read_text(encoding="utf-8"), id=p.stem)
        lines.extend(line for line in rec["text"].split("\n") if len(line.split()) >= 8)
    return lines


def syllable_count(lines: Iterable[str]) -> int:
    return sum(1 for line in lines for t in line.split() if any(c.isalpha() for c in t))


def corrupt(lines: list[str], rate: float, seed: int) -> tuple[list[str], list[dict[tuple[int, int], str]]]:
    """Replace ``rate`` of all syllables by Telex residue. Returns the lines and, per line, the
    injected spans (start, end) in the corrupted line mapped to the original syllable."""
    rng = random.Random(seed)
    total = syllable_count(lines)
    spans = []  # (line, token index) of candidates
    tokenised = [line.split(" ") for line in lines]
    for li, toks in enumerate(tokenised):
        for ti, tok in enumerate(toks):
            core = tok.rstrip(",.?!;:")
            if core and core.isalpha() and any(c in VI_LETTERS for c in core.lower()):
                spans.append((li, ti))
    chosen = set(rng.sample(spans, min(len(spans), int(total * rate))))
    out_lines, truth = [], []
    for li, toks in enumerate(tokenised):
        pos = 0
        new_toks = []
        gold: dict[tuple[int, int], str] = {}
        for ti, tok in enumerate(toks):
            core = tok.rstrip(",.?!;:")
            tail = tok[len(core):]
            if (li, ti) in chosen:
                res = telex_residue(core, rng)
                if res is not None:
                    gold[(pos, pos + len(res))] = core
                    tok = res + tail
            new_toks.append(tok)
            pos += len(tok) + 1
        out_lines.append(" ".join(new_toks))
        truth.append(gold)
    return out_lines, truth


def mix_english(lines: list[str], n_words: int, seed: int) -> tuple[list[str], int]:
    """Insert short runs of English words and codes between the words of the lines."""
    rng = random.Random(seed)
    out = []
    inserted = 0
    per_line = max(1, n_words // max(1, len(lines)) + 1)
    for line in lines:
        toks = line.split(" ")
        for _ in range(per_line):
            if inserted >= n_words:
                break
            k = rng.randint(1, 3)
            run = [rng.choice(ENGLISH) for _ in range(k)]
            toks.insert(rng.randint(0, len(toks)), " ".join(run))
            inserted += k
        out.append(" ".join(toks))
    return out, inserted


def run_policy(policy: str, clean: list[str], corrupted: list[str], truth: list[dict[tuple[int, int], str]],
               english: list[str]) -> dict[str, float]:
    f = ResidueFilter(policy=policy)
    sp = load_spelling("vi")
    style = text_style("\n".join(clean))
    t0 = time.perf_counter()
    clean_changes = sum(len(f.find(line, sp)) for line in clean)
    clean_secs = time.perf_counter() - t0
    tp = wrong = fp = 0
    injected = sum(len(g) for g in truth)
    t0 = time.perf_counter()
    for line, gold in zip(corrupted, truth, strict=True):
        for s, e, new, _ in f.find(line, sp):
            if (s, e) in gold:
                if restyle(restyle(new, style), "first") == restyle(gold[(s, e)], "first"):
                    tp += 1
                else:
                    wrong += 1
            else:
                fp += 1
    secs = time.perf_counter() - t0
    eng_changes = [(line[s:e], new) for line in english for s, e, new, _ in f.find(line, sp)]
    changes = tp + wrong + fp
    mb = sum(len(line.encode()) for line in corrupted) / 1e6
    clean_mb = sum(len(line.encode()) for line in clean) / 1e6
    return {"clean_changes": clean_changes, "injected": injected, "repaired": tp, "wrong": wrong, "fp": fp,
            "precision": tp / changes if changes else 1.0, "recall": tp / injected if injected else 0.0,
            "english_changes": len(eng_changes), "english_examples": eng_changes[:10], "mb_s": mb / secs,
            "clean_mb_s": clean_mb / clean_secs}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--syllables", type=int, default=60000)
    ap.add_argument("--rate", type=float, default=0.05)
    ap.add_argument("--english", type=int, default=2500)
    ap.add_argument("--articles", type=Path, help="measure on the body text of these .txt articles instead")
    a = ap.parse_args(argv)
    load_spelling("vi")
    clean = article_text(a.articles) if a.articles else generated_text(a.seed, a.syllables)
    source = f"articles in {a.articles}" if a.articles else f"generated (seed {a.seed}) from rules/vi word lists"
    corrupted, truth = corrupt(clean, a.rate, a.seed)
    english, n_eng = mix_english(clean, a.english, a.seed)
    print(f"text: {source}; {len(clean)} lines, {syllable_count(clean)} syllables, "
          f"{sum(len(g) for g in truth)} residue tokens injected, {n_eng} English words/codes mixed in")
    sp = load_spelling("vi")
    dia = sum(len(DiacriticFilter.find(line, sp)) for line in clean)
    print(f"diacritic.v1 changes on the clean text: {dia}")
    ok = True
    for policy in ("tight", "aggressive"):
        r = run_policy(policy, clean, corrupted, truth, english)
        print(f"residue.v1 policy={policy}: clean text changes {r['clean_changes']}; residue: precision "
              f"{r['precision']:.4f} recall {r['recall']:.4f} ({r['repaired']} repaired, {r['wrong']} wrong, "
              f"{r['fp']} other changes, of {r['injected']}); English-mixed text changes {r['english_changes']}; "
              f"speed {r['clean_mb_s']:.1f} MB/s on clean text, {r['mb_s']:.1f} MB/s on the corrupted text")
        if r["english_examples"]:
            print(f"  English changes: {r['english_examples']}")
        if policy == "tight":
            ok = (r["clean_changes"] == 0 and r["precision"] >= 0.995 and r["recall"] >= 0.60
                  and r["english_changes"] == 0)
    print("acceptance (tight): " + ("PASS" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
