"""Benchmark corpora built from the bundled seeds: replicated and perturbed, never copied from elsewhere.

Every seed is cut into three parts with the default pipeline's own decisions: the head (the lines
before the first kept paragraph: title, date lines), the body (blank-line separated chunks from
the first to the last kept paragraph, captions and image lines included) and the tail (everything
after the last kept paragraph: related boxes, bylines). A generated document takes the head of one
seed, its body chunks shuffled (the first, which holds the dateline, stays first), sometimes with
chunks of a second seed, every number in the body varied, and the tail of a randomly chosen seed.
Generation is deterministic for a given random seed.
"""

from __future__ import annotations

import dataclasses
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
_NUMBER = re.compile(r"\d+")


@dataclasses.dataclass(frozen=True)
class SeedParts:
    """A seed cut into head, body chunks and tail (raw text, line breaks included)."""

    name: str
    head: str
    body: tuple[str, ...]
    tail: str


def split_seed(name: str, raw: str) -> SeedParts:
    """Cut one seed where the default pipeline keeps its first and last paragraph."""
    import cleancorpus

    doc = cleancorpus.Document.from_text(raw, id=name)
    cleancorpus.default_pipeline().apply(doc)
    kept = [b for b in doc.blocks if b.kept]
    if not kept:
        return SeedParts(name, "", (raw,), "")
    start = kept[0].start
    # Start of the line after the last kept block.
    nl = raw.find("\n", kept[-1].end)
    end = len(raw) if nl < 0 else nl + 1
    body = tuple(c for c in re.split(r"\n\s*\n", raw[start:end]) if c.strip())
    return SeedParts(name, raw[:start], body, raw[end:])


def load_seeds(folder: Path = SEEDS) -> list[SeedParts]:
    return [split_seed(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]


def vary_numbers(text: str, rng: random.Random) -> str:
    """Replace every digit run by a random number of the same length (no leading zero added)."""

    def repl(m: re.Match[str]) -> str:
        n = len(m.group())
        first = str(rng.randint(1, 9)) if n > 1 else str(rng.randint(0, 9))
        return first + "".join(str(rng.randint(0, 9)) for _ in range(n - 1))

    return _NUMBER.sub(repl, text)


def make_document(seeds: list[SeedParts], rng: random.Random) -> str:
    """One perturbed document (see the module docstring)."""
    own = rng.choice(seeds)
    chunks = list(own.body)
    if rng.random() < 0.3:
        extra = rng.choice(seeds).body[1:]
        if extra:
            chunks += rng.sample(extra, k=min(len(extra), rng.randint(1, 4)))
    rest = chunks[1:]
    rng.shuffle(rest)
    body = "\n\n".join(vary_numbers(c, rng) for c in [chunks[0], *rest])
    tail = rng.choice(seeds).tail
    if rng.random() < 0.3:
        # Mix two related tails: the first half of one and the second half of another.
        lines = tail.splitlines(keepends=True)
        other = rng.choice(seeds).tail.splitlines(keepends=True)
        tail = "".join(lines[: len(lines) // 2] + other[len(other) // 2:])
    sep = "\n\n" if tail and not tail.startswith("\n") else ""
    return own.head + body + sep + tail


def iter_records(size_bytes: int, seed: int = 0, seeds: list[SeedParts] | None = None) -> Iterator[str]:
    """JSONL lines of generated documents until about ``size_bytes`` bytes of JSONL."""
    seeds = seeds if seeds is not None else load_seeds()
    rng = random.Random(seed)
    total = 0
    n = 0
    while total < size_bytes:
        line = json.dumps({"id": f"bench-{n:08d}", "text": make_document(seeds, rng), "site": "bench"},
                          ensure_ascii=False) + "\n"
        total += len(line.encode("utf-8"))
        n += 1
        yield line


def build_corpus(path: Path, size_mb: float, seed: int = 0) -> Path:
    """Write a corpus of at least ``size_mb`` MB of JSONL to ``path`` (reused when already built)."""
    size = int(size_mb * 1_000_000)
    stamp = path.with_suffix(path.suffix + ".done")
    if path.exists() and stamp.exists() and stamp.read_text() == f"{size} {seed}":
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    seeds = load_seeds()
    with path.open("w", encoding="utf-8") as fh:
        buf: list[str] = []
        for line in iter_records(size, seed, seeds):
            buf.append(line)
            if len(buf) >= 1000:
                fh.write("".join(buf))
                buf.clear()
        fh.write("".join(buf))
    stamp.write_text(f"{size} {seed}")
    return path


def sized_document(size_chars: int, seed: int = 0, line_breaks: bool = True,
                   seeds: list[SeedParts] | None = None) -> str:
    """One document of about ``size_chars`` characters: a head, perturbed body chunks drawn from all
    seeds, and a tail. Without ``line_breaks`` every break becomes a space (one huge line)."""
    seeds = seeds if seeds is not None else load_seeds()
    rng = random.Random(seed)
    pool = [c for s in seeds for c in s.body[1:]]
    own = seeds[0]
    parts = [own.head, own.body[0]]
    size = sum(map(len, parts)) + len(own.tail)
    while size < size_chars:
        c = vary_numbers(rng.choice(pool), rng)
        parts.append(c)
        size += len(c) + 2
    text = parts[0] + "\n\n".join(parts[1:]) + "\n\n" + own.tail
    text = text[: max(size_chars, 1)] if len(text) > size_chars * 1.2 else text
    if not line_breaks:
        text = " ".join(text.split("\n"))
    return text
