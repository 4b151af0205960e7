"""Every filter and test a template names exists: Jinja finds out only when the line runs.

``brief.txt.j2`` used ``map("extract", articles)`` in a branch that only a brief
with an undated article among dated ones reaches; nothing was written for such a
brief. ``Templates.check`` (run by ``preflight``) reads each template's syntax
tree, so a user's template with such a name fails before any work too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import TemplateError
from briefing.render import preflight
from briefing.render.filters import lookup
from briefing.render.templates import Templates, builtin_templates
from tests.template_parses import parses

SHIPPED = sorted(
    str(path.relative_to(builtin_templates())) for path in builtin_templates().rglob("*.j2")
)


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_template_names_only_known_filters_and_tests(name: str) -> None:
    Templates().check(name)


@pytest.mark.parametrize(
    ("source", "said"),
    [
        (
            '{% if x %}\n{{ ids | map("extract", d) | join }}{% endif %}',
            "2: no filter named 'extract'",
        ),
        ("{{ x | nosuchfilter }}", "1: no filter named 'nosuchfilter'"),
        ("{% if x is nosuchtest %}{% endif %}", "no test named 'nosuchtest'"),
        ('{{ xs | select("nosuch") | list }}', "no test named 'nosuch'"),
        ('{{ xs | selectattr("a", "nosuch") | list }}', "no test named 'nosuch'"),
        ("{% filter nosuch %}x{% endfilter %}", "no filter named 'nosuch'"),
        ('{% include "_part.txt.j2" %}', "_part.txt.j2:1: no filter named 'gone'"),
    ],
)
def test_an_unknown_name_fails_the_check_with_file_and_line(
    tmp_path: Path, source: str, said: str
) -> None:
    (tmp_path / "brief.txt.j2").write_text(source, encoding="utf-8")
    (tmp_path / "_part.txt.j2").write_text("{{ x | gone }}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match=f"(?i){said}"):  # Jinja says some itself
        preflight(["txt"], tmp_path)


def test_known_names_pass_the_check(tmp_path: Path) -> None:
    source = '{{ ids | lookup(d) | map(attribute="t") | map("upper") | select("odd") | list }}'
    (tmp_path / "brief.txt.j2").write_text(source + "\n", encoding="utf-8")
    preflight(["txt"], tmp_path)


def test_lookup_keeps_the_keys_order() -> None:
    assert lookup(["b", "a"], {"a": 1, "b": 2}) == [2, 1]
    with pytest.raises(KeyError):
        lookup(["c"], {"a": 1})


def test_each_template_is_parsed_once_for_the_check_and_the_rendering(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The check reads the tree the compiler gets: no second parse of any template."""
    templates = Templates(cache=False)  # every template compiled here, none from the cache
    parsed = parses(templates, monkeypatch)
    preflight(["html", "md", "txt", "json"], templates)
    templates.load("_bottom_line.j2")  # as the JSON format and the rendering load it
    assert "brief.html.j2" in parsed and "_bottom_line.j2" in parsed
    assert sorted(parsed) == sorted(set(parsed))


def test_an_unknown_name_in_an_overridden_included_template_names_its_file_and_line(
    tmp_path: Path,
) -> None:
    """The user's copy of a shipped partial is the one checked, by its own path."""
    source = "{# mine #}\n{% if x %}{{ x | gone }}{% endif %}\n"  # Jinja misses it here
    (tmp_path / "_bottom_line.j2").write_text(source, encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        preflight(["md"], tmp_path)
    assert str(caught.value) == f"{tmp_path / '_bottom_line.j2'}:2: no filter named 'gone'"


def test_a_known_name_checked_once_still_fails_a_changed_template(tmp_path: Path) -> None:
    """A fresh environment reads the source as it is now, not as an earlier check saw it."""
    (tmp_path / "brief.txt.j2").write_text("{{ x | upper }}\n", encoding="utf-8")
    preflight(["txt"], tmp_path)
    changed = "{{ x | upper }}\n{% if x %}{{ x | gone }}{% endif %}\n"
    (tmp_path / "brief.txt.j2").write_text(changed, encoding="utf-8")
    with pytest.raises(TemplateError, match=r"brief\.txt\.j2:2: no filter named 'gone'"):
        preflight(["txt"], tmp_path)


def test_both_templates_of_a_conditional_include_are_checked(tmp_path: Path) -> None:
    """``brief.html.j2`` includes ``_email.css.j2`` or ``_style.css.j2`` by medium."""
    (tmp_path / "brief.txt.j2").write_text('{% include "_a.j2" if x else "_b.j2" %}\n')
    (tmp_path / "_a.j2").write_text("a\n")
    (tmp_path / "_b.j2").write_text("b\n{% if x %}{{ x | gone }}{% endif %}\n")
    with pytest.raises(TemplateError, match=r"_b\.j2:2: no filter named 'gone'"):
        preflight(["txt"], tmp_path)
    (tmp_path / "_style.css.j2").write_text("{% if x %}{{ x | gone }}{% endif %}\n")
    with pytest.raises(TemplateError, match=r"_style\.css\.j2:1: no filter named 'gone'"):
        preflight(["html"], tmp_path)
