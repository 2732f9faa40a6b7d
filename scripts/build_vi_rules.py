"""Build the Vietnamese data files under ``cleancorpus/rules/vi/`` (a development-time step).

Sources (all permissively licensed; their notices are in ``cleancorpus/rules/vi/NOTICE.md``):

- ``words.txt``: the word list of pyvi 0.1.1 (MIT, Viet-Trung Tran), ``pyvi/models/words.txt``.
- ``words_viet74k.txt``: the Viet74K word list of underthesea 9.5.0 (Apache-2.0, Vu Anh),
  ``underthesea/corpus/data/Viet74K.txt``.
- ``places.txt``: Vietnamese administrative units: the 34 provinces and 3,321 communes of 2025 with the
  units they absorbed (dvhcvn/20250701, MIT, ``shared/data/vn-admin-2025/merges.json``) and the 63 old
  provinces, 696 districts and their wards from vietnamadminunits 1.0.4 (MIT, Tran Ngoc Minh Hieu).
- ``english_telex.txt``: English words from SCOWL (``/usr/share/dict/american-english``, Debian package
  wamerican) that decode as Telex to a valid Vietnamese syllable (``of``, ``this``, ``bus``).

Usage::

    pip download pyvi vietnamadminunits underthesea --no-deps -d /tmp/wheels   # then unzip the wheels
    apt-get install wamerican                                                  # SCOWL word list
    PYTHONPATH=. python3 scripts/build_vi_rules.py --pyvi /tmp/x/pyvi --vau /tmp/x/vietnamadminunits \\
        --underthesea /tmp/x/underthesea --admin ../shared/data/vn-admin-2025/merges.json \\
        --english /usr/share/dict/american-english
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from pathlib import Path

from cleancorpus.vietnamese import telex_decode

OUT = Path(__file__).resolve().parent.parent / "cleancorpus" / "rules" / "vi"
_PREFIXES = ("Thành phố", "Tỉnh", "Quận", "Huyện", "Thị xã", "Thị trấn", "Phường", "Xã", "Đặc khu")


def short(name: str) -> str | None:
    name = unicodedata.normalize("NFC", name).strip()
    for p in _PREFIXES:
        if name.startswith(p + " "):
            name = name[len(p) + 1:]
            break
    if not name or re.search(r"\d", name):
        return None
    return name


def admin_names(merges: Path) -> set[str]:
    data = json.loads(merges.read_text(encoding="utf-8"))["data"]
    out: set[str] = set()

    def add(n: str) -> None:
        s = short(n)
        if s:
            out.add(s)

    for p in data:
        add(p["name"])
        for m in p.get("merges", []):
            add(m["name"])
        for w in p.get("level2s", []):
            add(w["name"])
            for m in w.get("merges", []):
                add(m["name"])
    return out


def vau_names(root: Path) -> set[str]:
    out: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for k in ("provinceShort", "districtShort", "wardShort"):
                v = node.get(k)
                if isinstance(v, str):
                    s = short(v)
                    if s:
                        out.add(s)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for name in ("parser_legacy.json", "parser_from_2025.json"):
        walk(json.loads((root / "data" / name).read_text(encoding="utf-8")))
    return out


def write(name: str, header: str, lines: list[str]) -> None:
    body = "".join(f"# {h}\n" if h else "#\n" for h in header.strip("\n").split("\n"))
    (OUT / name).write_text(body + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{name}: {len(lines)} entries")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pyvi", type=Path, required=True, help="the unpacked pyvi package folder")
    ap.add_argument("--vau", type=Path, required=True, help="the unpacked vietnamadminunits package folder")
    ap.add_argument("--underthesea", type=Path, required=True, help="the unpacked underthesea package folder")
    ap.add_argument("--admin", type=Path, required=True, help="vn-admin-2025/merges.json")
    ap.add_argument("--english", type=Path, required=True, help="a SCOWL word list (one word a line)")
    a = ap.parse_args()

    words = sorted({unicodedata.normalize("NFC", w.strip()) for w in
                    (a.pyvi / "models" / "words.txt").read_text(encoding="utf-8").splitlines() if w.strip()})
    write("words.txt", "Vietnamese words (one or more syllables). From pyvi 0.1.1 models/words.txt,\n"
          "MIT licence, Copyright (c) 2016 Viet-Trung Tran (see NOTICE.md). Built by scripts/build_vi_rules.py.",
          words)
    v74 = sorted({unicodedata.normalize("NFC", w.strip()) for w in
                  (a.underthesea / "corpus" / "data" / "Viet74K.txt").read_text(encoding="utf-8").splitlines()
                  if w.strip() and not w.startswith("#")})
    write("words_viet74k.txt", "Vietnamese words. From underthesea 9.5.0 corpus/data/Viet74K.txt, Apache License 2.0,\n"
          "Copyright Vu Anh and the underthesea contributors (see NOTICE.md). Built by scripts/build_vi_rules.py.", v74)
    places = sorted(admin_names(a.admin) | vau_names(a.vau))
    write("places.txt", "Vietnamese administrative units (provinces, districts, communes; before and after\n"
          "1 July 2025), "
          "short names without their type (Tỉnh, Huyện, Xã, ...). Derived from dvhcvn/20250701 (MIT,\n"
          "Copyright (c) 2025 dvhcvn) and vietnamadminunits 1.0.4 (MIT, Copyright (c) 2025 Tran Ngoc Minh\n"
          "Hieu); see NOTICE.md. Built by scripts/build_vi_rules.py.", places)
    english = set()
    for w in a.english.read_text(encoding="utf-8", errors="replace").splitlines():
        w = w.strip()
        if w.isascii() and w.isalpha() and telex_decode(w) is not None:
            english.add(w.lower())
    write("english_telex.txt", "English words that decode as Telex to a valid Vietnamese syllable\n"
          "(of -> ò, this -> thí): "
          "the residue filter never touches them. Selected from SCOWL (american-english, Copyright 2000-2011\n"
          "Kevin Atkinson; see NOTICE.md) by scripts/build_vi_rules.py.", sorted(english))


if __name__ == "__main__":
    main()
