"""Regression checks of golden fixtures: re-clean, compare with the expected record, explain the diff.

:func:`check_fixtures` cleans every fixture of a folder (see :mod:`cleancorpus.fixtures` for the
format) and returns one :class:`FixtureResult` per fixture. A differing field carries a unified diff
and the rules *involved* (:class:`Involved`): for a text line that is expected but missing, the rule
that removed or moved that line of the input; for a line that differs, the fixes and cuts made inside
it; for a line that should have gone, the fact that no rule removed it; for a field, the rules that
moved text into it or removed the expected value. :func:`format_result` renders it;
:func:`update_fixture` rewrites a fixture's expected fields with what the pipeline produced now.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from cleancorpus.document import Document
from cleancorpus.explain import KEPT, BlockDecision, explain_document
from cleancorpus.fixtures import Fixture, clean_fixture, differences, find_fixtures
from cleancorpus.pipeline import Pipeline
from cleancorpus.segment import norm_key

#: Two lines at least this similar are "the same line, changed" rather than different lines.
SIMILAR = 0.6
#: Unchanged context lines of a diff are clipped to this many characters.
CONTEXT_WIDTH = 120


@dataclasses.dataclass(frozen=True)
class Involved:
    """A rule involved in a difference, what it did, and where (1-based input line)."""

    rule: str | None  #: None when no rule acted (a line kept that the fixture expects gone)
    what: str
    line: int | None = None

    def describe(self) -> str:
        where = f"input line {self.line}: " if self.line is not None else ""
        return f"{self.rule or '(no rule)'}: {where}{self.what}"


@dataclasses.dataclass
class FieldDiff:
    """One differing field: the values, a unified diff and the rules involved."""

    field: str
    expected: Any
    got: Any
    diff: list[str]
    involved: list[Involved]

    @property
    def rules(self) -> list[str]:
        """The ids of the rules involved, in order of first mention."""
        out: list[str] = []
        for inv in self.involved:
            if inv.rule and inv.rule not in out:
                out.append(inv.rule)
        return out


@dataclasses.dataclass
class FixtureResult:
    """The outcome of checking one fixture."""

    fixture: Fixture
    record: dict[str, Any]
    diffs: list[FieldDiff]

    @property
    def ok(self) -> bool:
        return not self.diffs

    @property
    def rules(self) -> list[str]:
        out: list[str] = []
        for d in self.diffs:
            out += [r for r in d.rules if r not in out]
        return out


# -- checking --------------------------------------------------------------------------------------

def check_fixture(fx: Fixture, pipelines: dict[tuple[Any, ...], Pipeline] | None = None,
                  profile: str | Path | None = None) -> FixtureResult:
    """Clean one fixture and explain every field that differs from its expected record."""
    record, doc = clean_fixture(fx, pipelines, profile)
    diffs = [field_diff(name, want, got, doc) for name, (want, got) in differences(fx, record).items()]
    return FixtureResult(fx, record, diffs)


def check_fixtures(root: str | Path, profile: str | Path | None = None) -> list[FixtureResult]:
    """Check every fixture under ``root`` (a folder or one file), in path order."""
    root = Path(root)
    if not root.exists():
        raise FileNotFoundError(f"{root}: no such fixtures folder")
    pipelines: dict[tuple[Any, ...], Pipeline] = {}
    return [check_fixture(fx, pipelines, profile) for fx in find_fixtures(root)]


def field_diff(name: str, want: Any, got: Any, doc: Document) -> FieldDiff:
    """The diff of one field and the rules involved in it."""
    blocks = explain_document(doc).blocks
    if name == "text" and isinstance(want, str) and isinstance(got, str):
        return FieldDiff(name, want, got, unified(want.split("\n"), got.split("\n"), name),
                         text_involved(want, got, blocks))
    return FieldDiff(name, want, got, unified(_lines(want), _lines(got), name),
                     field_involved(name, want, got, blocks))


def _lines(value: Any) -> list[str]:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, indent=1).split("\n")
    return [json.dumps(value, ensure_ascii=False)]


def unified(want: list[str], got: list[str], name: str) -> list[str]:
    """A unified diff (one line of context) of expected against produced lines, with a short
    inline view of what changed inside a line that was altered rather than replaced."""
    out = list(difflib.unified_diff(want, got, f"{name} (expected)", f"{name} (got)", n=1, lineterm=""))
    sm = difflib.SequenceMatcher(None, want, got, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag != "replace":
            continue
        for a, b in zip(want[i1:i2], got[j1:j2], strict=False):
            if _similar(a, b):
                out.append(f"~ changed inside a line: {inline_changes(a, b)}")
    return out


def _similar(a: str, b: str) -> bool:
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sm.real_quick_ratio() >= SIMILAR and sm.quick_ratio() >= SIMILAR and sm.ratio() >= SIMILAR


def inline_changes(a: str, b: str, context: int = 20, limit: int = 3) -> str:
    """``…context[-removed-]{+added+}context…`` for the first ``limit`` changes from ``a`` to ``b``."""
    parts: list[str] = []
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        left = a[max(0, i1 - context):i1]
        right = a[i2:i2 + context]
        change = (f"[-{a[i1:i2]}-]" if i2 > i1 else "") + (f"{{+{b[j1:j2]}+}}" if j2 > j1 else "")
        parts.append(f"…{left}{change}{right}…")
        if len(parts) == limit:
            parts.append("…")
            break
    return " ".join(parts)


def _find_block(line: str, blocks: Iterable[BlockDecision], decided: bool) -> BlockDecision | None:
    """The block whose input or current text is ``line`` (whitespace- and case-insensitively), else
    the most similar one; only removed/moved blocks when ``decided``, only kept ones otherwise."""
    key = norm_key(line)
    pool = [b for b in blocks if (b.decision != KEPT) == decided]
    for b in pool:
        if key in (norm_key(b.text), norm_key(b.input)):
            return b
    for b in pool:  # a caption or field value is often part of a longer line
        if key and (key in norm_key(b.input) or (norm_key(b.text) and norm_key(b.text) in key)):
            return b
    best, score = None, SIMILAR
    for b in pool:
        sm = difflib.SequenceMatcher(None, line, b.input, autojunk=False)
        if sm.real_quick_ratio() >= score and sm.quick_ratio() >= score:
            r = sm.ratio()
            if r >= score:
                best, score = b, r
    return best


def _decided(b: BlockDecision) -> Involved:
    return Involved(b.rule, f"{b.describe()}: {_short(b.input)}", b.line)


def _edits(b: BlockDecision) -> list[Involved]:
    return [Involved(e.rule, e.describe(), b.line) for e in b.edits]


def _short(text: str, width: int = 80) -> str:
    text = text.strip()
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def text_involved(want: str, got: str, blocks: list[BlockDecision]) -> list[Involved]:
    """Rules involved in the differences between the expected and the produced text."""
    want_lines, got_lines = want.split("\n"), got.split("\n")
    kept = [b for b in blocks if b.decision == KEPT and b.text]
    aligned = len(kept) == len(got_lines)
    out: list[Involved] = []
    sm = difflib.SequenceMatcher(None, want_lines, got_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        changed = set()
        for j in range(j1, j2):  # produced lines that differ: what happened inside them
            b = kept[j] if aligned else _find_block(got_lines[j], blocks, decided=False)
            partner = [a for a in want_lines[i1:i2] if _similar(a, got_lines[j])]
            if partner:
                changed.add(partner[0])
            if b is None:
                continue
            edits = _edits(b)
            if edits:
                out += edits
            elif partner:
                out.append(Involved(None, f"kept unchanged; expected {_short(partner[0])}", b.line))
            else:
                out.append(Involved(None, f"kept: no rule removed {_short(b.input)}", b.line))
        for line in want_lines[i1:i2]:  # expected lines that are missing: who took them out
            if line in changed:
                continue
            b = _find_block(line, blocks, decided=True)
            if b is not None:
                out.append(_decided(b))
                out += _edits(b)
            else:
                out.append(Involved(None, f"expected line not found in the input: {_short(line)}"))
    return _unique(out)


def field_involved(name: str, want: Any, got: Any, blocks: list[BlockDecision]) -> list[Involved]:
    """Rules involved in a differing metadata field (``title``, ``author``, ``captions``...)."""
    moved = [b for b in blocks if b.field == name and b.decision != KEPT]
    out: list[Involved] = []
    if isinstance(want, list):
        missing = [w for w in want if not isinstance(got, list) or w not in got]
        extra = [g for g in got if g not in want] if isinstance(got, list) else []
        for value in extra:  # items that should not be there: the rule that moved each one
            b = _find_block(value, moved, decided=True) if isinstance(value, str) else None
            if b is not None:
                out.append(_decided(b))
    else:
        missing = [want] if want not in (None, "") else []
        out += [_decided(b) for b in moved]
        out += [Involved(e.rule, e.describe(), b.line) for b in blocks for e in b.edits if e.field == name]
    for value in missing:
        if not isinstance(value, str):
            continue
        b = _find_block(value, blocks, decided=True)
        if b is not None and b.field != name:
            out.append(_decided(b))
            continue
        b = _find_block(value, blocks, decided=False)
        if b is not None:
            out.append(Involved(None, f"left in the text, not moved to {name}: {_short(b.input)}", b.line))
    return _unique(out)


def _unique(items: list[Involved]) -> list[Involved]:
    seen: set[Involved] = set()
    out = []
    for it in items:
        if it not in seen:
            seen.add(it)
            out.append(it)
    return out


# -- reporting and updating ------------------------------------------------------------------------

_RED, _GREEN, _CYAN, _BOLD, _YELLOW = "31", "32", "36", "1", "33"


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def format_result(res: FixtureResult, color: bool = False, root: Path | None = None) -> str:
    """``ok NAME`` or ``FAIL NAME`` followed by each field's diff and the rules involved."""
    fx = res.fixture
    name = str(fx.path.relative_to(root)) if root is not None and fx.path.is_relative_to(root) else str(fx.path)
    if res.ok:
        return f"{_paint('ok', _GREEN, color)}   {name}"
    lines = [f"{_paint('FAIL', _RED, color)} {name}  (input {fx.source}; rules: {', '.join(res.rules) or '-'})"]
    for d in res.diffs:
        lines.append(_paint(f"  field {d.field!r} differs", _BOLD, color))
        for ln in d.diff:
            code = (_BOLD if ln.startswith(("---", "+++")) else _RED if ln.startswith("-")
                    else _GREEN if ln.startswith("+") else _CYAN if ln.startswith(("@@", "~")) else "")
            if not code and len(ln) > CONTEXT_WIDTH:  # an unchanged context paragraph: its start is enough
                ln = ln[: CONTEXT_WIDTH - 1] + "…"
            lines.append("    " + (_paint(ln, code, color) if code else ln))
        if d.involved:
            lines.append("    rules involved:")
            lines += ["      " + _paint(inv.describe(), _YELLOW, color) for inv in d.involved]
    return "\n".join(lines)


def summary(results: list[FixtureResult]) -> str:
    failed = [r for r in results if not r.ok]
    return (f"{len(results)} fixtures: {len(results) - len(failed)} ok, {len(failed)} differ"
            + (f" ({', '.join(r.fixture.name for r in failed)})" if failed else ""))


def update_fixture(res: FixtureResult) -> bool:
    """Rewrite the fixture's expected fields with the produced values; True when the file changed.

    Only the fields the fixture already expects are rewritten; ``input``/``raw`` and ``options``
    are kept. The file is written as UTF-8 JSON with one-space indentation.
    """
    if res.ok:
        return False
    path = res.fixture.path
    data = json.loads(path.read_text(encoding="utf-8"))
    for d in res.diffs:
        data["expected"][d.field] = d.got
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tmp.replace(path)
    res.fixture.expected.update({d.field: d.got for d in res.diffs})
    return True


def in_ci(environ: dict[str, str] | None = None) -> bool:
    """True when running under continuous integration: ``CI`` is set to anything but ``""``, ``0``,
    ``false`` or ``no`` (GitHub Actions, GitLab CI, CircleCI, Travis and most others set ``CI=true``)."""
    env = os.environ if environ is None else environ
    return env.get("CI", "").strip().lower() not in ("", "0", "false", "no")
