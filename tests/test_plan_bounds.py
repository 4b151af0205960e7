"""Plans are checked for size before the TOML parser: hostile ones are refused at once.

A dotted key of 40,000 parts took ``tomllib`` 43 s and 9.4 GB, and deep nesting
ended in a ``RecursionError`` traceback; now both are a one-line PlanError.
"""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest

from briefing.batch import load_plan
from briefing.batch.bounds import MAX_DEPTH, MAX_KEY_PARTS, MAX_KEYS, TooLarge, check_bounds
from briefing.cli.main import main
from briefing.errors import PlanError


@pytest.mark.parametrize(
    "text",
    [
        'name = "x"\ngeneration.num_beams = 4\n',
        "[[topic]]\n[topic.generation]\n",
        'a = {b = [1, [2, {c = 3}]]}\nd = [\n  "e", # [[[[\n]\n',
        "since = 2025-11-01T10:00:00.5\nx = 1.5e3\n",
        'a = "a.b.c.d.e.f.g.h.i.j [[[[[[[[[[ = = ="\nb = """\nc.d.e.f.g.h.i.j.k.l\n"""\n',
        "a = 'x.y.z.w.v.u.t.s.r.q'\nb = '''[[[[[[[[[['''\n",
        '"a"."b"."c" = 1\n# a.b.c.d.e.f.g.h.i.j.k = [[[[[[[[[[[\n',
    ],
)
def test_ordinary_toml_is_within_bounds(text: str) -> None:
    check_bounds(text)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("a" + ".a" * MAX_KEY_PARTS + " = 1\nb = 2\n", "key of more than"),
        ("b = 2\n[" + "t." * MAX_KEY_PARTS + "t]\n", "line 2: a key of more than"),
        ('x = 1\n"a" . "b" . ' + '"c" . ' * MAX_KEY_PARTS + "d = 1\n", "line 2"),
        ("a = {" + "b." * MAX_KEY_PARTS + "c = 1}\nd = 1\n", "key of more than"),
        ("a = " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\nb = 1\n", "nested more than"),
        ("a = " + "{b = " * (MAX_DEPTH + 1) + "1" + "}" * (MAX_DEPTH + 1) + "\n", "nested"),
    ],
)
def test_a_long_key_or_deep_nesting_is_too_large(text: str, said: str) -> None:
    with pytest.raises(TooLarge, match=said):
        check_bounds(text)


def test_too_many_keys() -> None:
    check_bounds("a = 1\n" * MAX_KEYS)
    with pytest.raises(TooLarge, match="keys"):
        check_bounds("a = 1\n" * (MAX_KEYS + 1))


def test_an_unclosed_string_is_left_to_the_parser() -> None:
    check_bounds('a = """' + "x" * 100_000)
    check_bounds("a = 'open\nb = 1\n")


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("a" + ".a" * 40_000 + " = 1\n", "a key of more than 8 dotted parts"),
        ("a = " + "[" * 100_000 + "]" * 100_000 + "\n", "nested more than 8 deep"),
        ("a = " + "{b = " * 20_000 + "1" + "}" * 20_000 + "\n", "nested more than 8 deep"),
    ],
)
def test_the_issue_plans_fail_at_once_in_one_line(tmp_path: Path, text: str, said: str) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(text, encoding="utf-8")
    before, started = _peak_mib(), time.monotonic()
    with pytest.raises(PlanError) as raised:
        load_plan(plan)
    assert time.monotonic() - started < 5  # was 43 s for the dotted key
    assert _peak_mib() - before < 200  # was 9.4 GB
    message = str(raised.value)
    assert message.startswith(f"{plan}: too large to read: line 1: ") and said in message
    assert "\n" not in message


def test_the_command_says_it_in_one_line(tmp_path: Path, capsys) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert main(["batch", str(plan), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "nested more than" in err
    assert "Traceback" not in err and "RecursionError" not in err
    assert not (tmp_path / "out").exists()
