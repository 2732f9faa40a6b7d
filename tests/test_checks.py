"""`python -m cleancorpus check`, cleancorpus.checks and the pytest helpers in cleancorpus.testing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import cleancorpus
from cleancorpus.checks import check_fixtures, in_ci, inline_changes
from cleancorpus.cli import main
from cleancorpus.testing import assert_fixture, assert_fixtures, fixture_params
from tests.conftest import ROOT

SEED = "000_29550bea4c00ad9f"
PROSE = "Ngày 1/3, tại thành phố Lai Châu đã diễn ra hội nghị về hợp tác giữa hai tỉnh năm 2024."
INLINE_RAW = f"Tiêu đề bài viết\n\n{PROSE}\n\nTin liên quan\n\nMột bài khác về giao thông miền núi phía Bắc\n"


def copy_seed(tmp_path: Path, name: str = SEED) -> Path:
    """A temporary copy of a seed fixture, its input path made absolute."""
    src = ROOT / "fixtures" / "seeds" / f"{name}.json"
    data = json.loads(src.read_text(encoding="utf-8"))
    data["input"] = str((src.parent / data["input"]).resolve())
    folder = tmp_path / "fx"
    folder.mkdir(exist_ok=True)
    dst = folder / src.name
    dst.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return dst


def edit_expected(path: Path, **changes) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["expected"].update(changes)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def expected(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))["expected"]


def removed_by(fixture: Path, rule: str) -> str:
    """The text of the first line the seed's cleaning removes with ``rule``."""
    data = json.loads(fixture.read_text(encoding="utf-8"))
    rec = cleancorpus.clean_text(Path(data["input"]).read_text(encoding="utf-8"))
    return next(r["text"] for r in rec["removed"] if r["rule"] == rule)


def test_project_fixtures_pass() -> None:
    """Every project fixture passes; before issue 3 lands, seed 004 differs in its text only."""
    results = check_fixtures(ROOT / "fixtures")
    # every *.json but baseline.json and _-prefixed files (HTML expectations)
    assert len(results) == len([p for p in (ROOT / "fixtures").rglob("*.json")
                                if p.name != "baseline.json" and not p.name.startswith("_")])
    assert len([r for r in results if r.fixture.path.parent.name == "seeds"]) == 5
    for res in results:
        assert res.ok, res.diffs


def test_check_command_on_an_unchanged_copy(tmp_path, capsys) -> None:
    fx = copy_seed(tmp_path)
    assert main(["check", str(fx.parent)]) == 0
    out = capsys.readouterr().out
    assert f"ok   {SEED}.json" in out and "1 fixtures: 1 ok, 0 differ" in out


def test_altered_expected_text_fails_with_a_diff_naming_the_rule(tmp_path, capsys) -> None:
    """A line the fixture now expects in the text, but related.v1 removes: the diff shows it, the
    report names the rule and the input line."""
    fx = copy_seed(tmp_path)
    tail = removed_by(fx, "related.v1/tail")
    edit_expected(fx, text=expected(fx)["text"] + "\n" + tail)
    assert main(["check", str(fx.parent), "--color", "never"]) == 1
    out = capsys.readouterr().out
    assert f"FAIL {SEED}.json" in out
    assert "field 'text' differs" in out
    assert "--- text (expected)" in out and "+++ text (got)" in out
    assert f"\n    -{tail}\n" in out
    assert "related.v1/tail: input line" in out and f"removed by related.v1/tail (related): {tail!r}" in out
    assert "1 fixtures: 0 ok, 1 differ" in out


@pytest.mark.parametrize("field,rule", [("author", "byline.v1/author"), ("title", "header.v1/title-line")])
def test_altered_field_names_the_rule_that_filled_it(tmp_path, capsys, field, rule) -> None:
    fx = copy_seed(tmp_path)
    edit_expected(fx, **{field: "Ai đó khác"})
    assert main(["check", str(fx), "--color", "never"]) == 1
    out = capsys.readouterr().out
    assert f"field {field!r} differs" in out and '-"Ai đó khác"' in out and rule in out


def test_a_line_expected_gone_is_reported_as_kept(tmp_path, capsys) -> None:
    fx = copy_seed(tmp_path)
    lines = expected(fx)["text"].split("\n")
    gone = lines.pop(1)
    edit_expected(fx, text="\n".join(lines))
    assert main(["check", str(fx.parent), "--color", "never"]) == 1
    out = capsys.readouterr().out
    assert f"\n    +{gone}\n" in out
    assert "(no rule): input line" in out and "kept: no rule removed" in out


def test_a_changed_word_is_shown_inside_the_line(tmp_path, capsys) -> None:
    fx = copy_seed(tmp_path)
    edit_expected(fx, text=expected(fx)["text"].replace("Lai Châu", "Lai Chau", 1))
    assert main(["check", str(fx.parent), "--color", "never"]) == 1
    assert "Lai Ch[-a-]{+â+}u" in capsys.readouterr().out


def test_missing_caption_names_the_caption_rule(tmp_path, capsys) -> None:
    fx = copy_seed(tmp_path)
    edit_expected(fx, captions=expected(fx)["captions"][1:])
    assert main(["check", str(fx.parent), "--color", "never"]) == 1
    out = capsys.readouterr().out
    assert "field 'captions' differs" in out and "moved to captions by caption.v1/credit" in out


def test_update_rewrites_only_expected_fields(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    fx = copy_seed(tmp_path)
    original = json.loads(fx.read_text(encoding="utf-8"))
    edit_expected(fx, text="sai", author="sai")
    assert main(["check", str(fx.parent), "--update"]) == 0
    out = capsys.readouterr().out
    assert "FAIL" in out and "updated 1 fixture file(s)" in out
    assert json.loads(fx.read_text(encoding="utf-8")) == original
    assert main(["check", str(fx.parent)]) == 0


@pytest.mark.parametrize("value,refused", [("true", True), ("1", True), ("false", False), ("", False), ("0", False)])
def test_update_is_refused_under_ci(tmp_path, capsys, monkeypatch, value, refused) -> None:
    monkeypatch.setenv("CI", value)
    fx = copy_seed(tmp_path)
    edit_expected(fx, author="sai")
    before = fx.read_text(encoding="utf-8")
    status = main(["check", str(fx.parent), "--update"])
    if refused:
        assert status == 2 and "refusing to --update" in capsys.readouterr().err
        assert fx.read_text(encoding="utf-8") == before
        assert main(["check", str(fx.parent), "--update", "--force"]) == 0
    else:
        assert status == 0
    assert expected(fx)["author"] != "sai"


@pytest.mark.parametrize("env,ci", [({}, False), ({"CI": "true"}, True), ({"CI": "no"}, False), ({"CI": "yes"}, True)])
def test_in_ci(env, ci) -> None:
    assert in_ci(env) is ci


def write_inline(folder: Path, name: str, expected_text: str, options: dict | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    data = {"raw": INLINE_RAW, "options": options or {}, "expected": {"title": "Tiêu đề bài viết", "text": expected_text}}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def test_user_profile_for_fixtures_that_name_none(tmp_path, capsys) -> None:
    """--profile applies to fixtures without a profile option; a fixture's own profile wins."""
    prof = tmp_path / "keep-related.toml"
    prof.write_text('[[filters]]\nid = "header.v1"\n', encoding="utf-8")
    kept = PROSE + "\nTin liên quan\nMột bài khác về giao thông miền núi phía Bắc"
    write_inline(tmp_path / "mine", "a", kept)
    write_inline(tmp_path / "mine" / "sub", "b", PROSE, {"profile": "vi-news"})
    write_inline(tmp_path / "mine" / "sub", "c", kept, {"profile": "../../keep-related.toml"})
    assert main(["check", str(tmp_path / "mine"), "--profile", str(prof)]) == 0
    capsys.readouterr()
    assert main(["check", str(tmp_path / "mine")]) == 1  # without --profile, 'a' gets the default profile
    out = capsys.readouterr().out
    assert "FAIL a.json" in out and "related.v1/cue" in out and "ok   sub/b.json" in out and "ok   sub/c.json" in out


def test_no_fixtures_is_an_error(tmp_path, capsys) -> None:
    assert main(["check", str(tmp_path)]) == 2
    assert "no fixtures found" in capsys.readouterr().err
    assert main(["check", str(tmp_path / "nope")]) == 2


@pytest.mark.parametrize("content,message", [
    ('{"raw": "x"}', "bad.json: a fixture needs an 'expected' object"),
    ('{"raw": "x",\n "expected": }', "bad.json:2: not valid JSON"),
    ('{"input": "nope.txt", "expected": {}}', "bad.json: input 'nope.txt' not found"),
    ('{"expected": {}}', "bad.json: a fixture needs 'input'"),
])
def test_bad_fixture_names_the_file(tmp_path, capsys, content, message) -> None:
    (tmp_path / "bad.json").write_text(content, encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("a,b,shown", [
    ("Hiệp định tạm thời", "Hiệp đinh tạm thời", "Hiệp đ[-ị-]{+i+}nh"),
    ("một hai ba", "một ba", "một [-hai -]ba"),
    ("một ba", "một hai ba", "một {+hai +}ba"),
])
def test_inline_changes(a, b, shown) -> None:
    assert shown in inline_changes(a, b)


# -- cleancorpus.testing: the same check from a user's own pytest suite ---------------------------------

def test_assert_fixtures_passes_and_fails(tmp_path) -> None:
    fx = copy_seed(tmp_path)
    assert assert_fixtures(fx.parent) == 1
    edit_expected(fx, author="Ai đó khác")
    with pytest.raises(AssertionError) as err:
        assert_fixtures(fx.parent)
    assert "field 'author' differs" in str(err.value) and "byline.v1/author" in str(err.value)


def test_assert_fixtures_on_an_empty_folder_fails(tmp_path) -> None:
    with pytest.raises(AssertionError, match="no fixtures found"):
        assert_fixtures(tmp_path)


def test_assert_fixture_with_a_profile(tmp_path) -> None:
    prof = tmp_path / "p.toml"
    prof.write_text('[[filters]]\nid = "header.v1"\n', encoding="utf-8")
    path = write_inline(tmp_path / "f", "a", PROSE + "\nTin liên quan\nMột bài khác về giao thông miền núi phía Bắc")
    assert_fixture(path, profile=prof)
    with pytest.raises(AssertionError, match=r"related\.v1/cue"):
        assert_fixture(path)


@pytest.mark.parametrize("fx", fixture_params(ROOT / "fixtures" / "seeds"))
def test_fixture_params_over_the_seeds(fx) -> None:
    assert_fixture(fx)


def test_fixture_params_ids() -> None:
    params = fixture_params(ROOT / "fixtures" / "seeds")
    assert [p.id for p in params] == sorted(p.stem for p in (ROOT / "seeds").glob("*.txt"))


def test_check_does_not_touch_project_fixtures(tmp_path) -> None:
    before = {p: p.read_bytes() for p in (ROOT / "fixtures").rglob("*.json")}
    shutil.copytree(ROOT / "fixtures" / "seeds", tmp_path / "copy")
    check_fixtures(ROOT / "fixtures")
    assert {p: p.read_bytes() for p in (ROOT / "fixtures").rglob("*.json")} == before
