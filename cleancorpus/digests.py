"""Content digests of the files that decide the output: rule data, profiles and fixtures.

A run manifest records them so that a corpus can be traced to the exact rule files that made it; the
quality baseline records them so that a change of rules or fixtures is noticed and the baseline is
refreshed deliberately. Digests are SHA-256 of the file bytes; a set of files is summarised by the
SHA-256 of its sorted ``name digest`` lines.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
#: Folders of the package whose files are rule data (not code).
RULE_DIRS = ("rules", "profiles")
_SKIP_SUFFIXES = (".py", ".pyc")


def file_digest(path: str | Path) -> str:
    """SHA-256 (hex) of a file's bytes."""
    h = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def combined_digest(digests: Mapping[str, str]) -> str:
    """One digest for a set of ``{name: digest}``, independent of the mapping's order."""
    h = hashlib.sha256()
    for name in sorted(digests):
        h.update(f"{name} {digests[name]}\n".encode())
    return h.hexdigest()


def rule_file_digests(package_dir: Path = PACKAGE_DIR) -> dict[str, str]:
    """``{"rules/vi/related_cues.txt": sha256, "profiles/vi-news.toml": sha256, ...}`` for every data
    file under the package's ``rules/`` and ``profiles/`` folders (Python files excluded)."""
    out: dict[str, str] = {}
    for sub in RULE_DIRS:
        base = package_dir / sub
        if not base.is_dir():
            continue
        for p in sorted(base.rglob("*")):
            if p.is_file() and p.suffix not in _SKIP_SUFFIXES and "__pycache__" not in p.parts:
                out[p.relative_to(package_dir).as_posix()] = file_digest(p)
    return out


def files_digests(paths: Iterable[Path], root: Path) -> dict[str, str]:
    """Digests of ``paths`` keyed by their path relative to ``root`` (``..`` allowed), POSIX style."""
    out: dict[str, str] = {}
    for p in paths:
        out[Path(os.path.relpath(p.resolve(), root.resolve())).as_posix()] = file_digest(p)
    return out


def changed_files(old: Mapping[str, str], new: Mapping[str, str]) -> dict[str, list[str]]:
    """``{"added": [...], "removed": [...], "changed": [...]}`` between two digest mappings."""
    return {
        "added": sorted(set(new) - set(old)),
        "removed": sorted(set(old) - set(new)),
        "changed": sorted(k for k in set(old) & set(new) if old[k] != new[k]),
    }
