"""The on-disk cache of the typo filters' word lists (``cleancorpus.lexicon``): what it loads is what
the build makes, and a cache that is missing, damaged, stale or unwritable never changes a result."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from cleancorpus import lexicon
from cleancorpus.lexicon import CACHE_ENV, Spelling, build_spelling, cached_spelling, spelling_cache_dir


@pytest.fixture(scope="module")
def built() -> Spelling:
    return build_spelling("vi")


@pytest.fixture(scope="module")
def cache_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache file as a first use writes it (built once for the module)."""
    folder = tmp_path_factory.mktemp("cache")
    cached_spelling("vi", folder)
    return _cache_file(folder)


def _same(a: Spelling, b: Spelling) -> None:
    for f in dataclasses.fields(Spelling):
        x, y = getattr(a, f.name), getattr(b, f.name)
        assert type(x) is type(y) and x == y, f.name
        if f.name == "productivity":
            assert list(x) == list(y)  # in syllable order, as built


@pytest.fixture
def quick_build(monkeypatch: pytest.MonkeyPatch, built: Spelling) -> None:
    """The build returns the module's built lists at once (the tests below are about the file)."""
    monkeypatch.setattr(lexicon, "build_spelling", lambda lang, common=None: built)


def _cache_file(folder: Path) -> Path:
    files = sorted(folder.glob("spelling-vi-*.json"))
    assert len(files) == 1, files
    return files[0]


def test_the_cache_gives_what_the_build_gives(tmp_path: Path, built: Spelling) -> None:
    first = cached_spelling("vi", tmp_path)  # built, then written
    path = _cache_file(tmp_path)
    _same(first, built)
    second = cached_spelling("vi", tmp_path)  # read back
    assert second is not first
    _same(second, built)
    assert _cache_file(tmp_path) == path


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:1000])


def _edit(change):  # type: ignore[no-untyped-def]
    def apply(path: Path) -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return apply


@pytest.mark.parametrize("damage", [
    _truncate,
    lambda p: p.write_text("not json", encoding="utf-8"),
    lambda p: p.write_bytes(b"\xff\xfe\x00"),
    _edit(lambda d: d.update(digest="0" * 64)),  # built from other sources
    _edit(lambda d: d["fields"].pop("pairs")),
    _edit(lambda d: d["fields"].update(words=5)),
    _edit(lambda d: d["fields"].update(retone={"a b": 5})),
    _edit(lambda d: d["fields"].update(syllables=[["x"]])),
    _edit(lambda d: d["fields"]["retone"].update({"a b": [1]})),
    _edit(lambda d: d["fields"]["productivity"].update({"a": "3"})),
    _edit(lambda d: d.clear()),
], ids=["truncated", "not-json", "not-utf8", "other-digest", "missing-field", "wrong-type", "bad-entry",
        "unhashable", "bad-option", "bad-count", "empty"])
@pytest.mark.usefixtures("quick_build")
def test_a_damaged_cache_is_rebuilt(tmp_path: Path, built: Spelling, cache_file: Path, damage) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / cache_file.name
    path.write_bytes(cache_file.read_bytes())
    _same(cached_spelling("vi", tmp_path), built)  # (the copy is read back)
    damage(path)
    _same(cached_spelling("vi", tmp_path), built)
    _same(cached_spelling("vi", tmp_path), built)  # and the rewritten file is whole again
    assert _cache_file(tmp_path) == path


@pytest.mark.usefixtures("quick_build")
def test_an_unwritable_cache_is_skipped(tmp_path: Path, built: Spelling) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    _same(cached_spelling("vi", blocked / "cache"), built)  # the folder cannot be made: no cache, no error
    assert not list(tmp_path.glob("**/*.json"))


@pytest.mark.usefixtures("quick_build")
def test_older_cache_files_are_replaced(tmp_path: Path) -> None:
    old = tmp_path / "spelling-vi-000000000000000000000000.json"
    old.write_text("{}", encoding="utf-8")
    other = tmp_path / "spelling-en-000000000000000000000000.json"
    other.write_text("{}", encoding="utf-8")
    cached_spelling("vi", tmp_path)
    assert not old.exists() and other.exists()
    assert _cache_file(tmp_path) != old


def test_the_digest_follows_the_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    common = lexicon._common_syllables()
    digest = lexicon.spelling_digest("vi", common)
    assert lexicon.spelling_digest("vi", common) == digest
    assert lexicon.spelling_digest("vi", common | {"xyz"}) != digest
    monkeypatch.setattr(lexicon, "SPELLING_SOURCES", lexicon.SPELLING_SOURCES[:-1])
    assert lexicon.spelling_digest("vi", common) != digest


@pytest.mark.parametrize(("env", "expected"), [
    ({CACHE_ENV: "off"}, None),
    ({CACHE_ENV: ""}, None),
    ({CACHE_ENV: "/somewhere/cache"}, Path("/somewhere/cache")),
    ({"XDG_CACHE_HOME": "/xdg"}, Path("/xdg/cleancorpus")),
    ({"HOME": "/home/u"}, Path("/home/u/.cache/cleancorpus")),
])
def test_the_cache_folder_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, env, expected) -> None:  # type: ignore[no-untyped-def]
    for name in (CACHE_ENV, "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert spelling_cache_dir() == expected
