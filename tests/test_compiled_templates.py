"""The cache of compiled templates: used only for the same source and compiler, never unsafe.

Each test has a cache folder of its own; the shipped templates are cached, a
user's are not, so the tests that edit a template point the loader's cached
folder at their own.
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import pytest

from briefing.errors import TemplateError
from briefing.render import preflight
from briefing.render.compiled import CompiledCache, safe_folder, user_folder
from briefing.render.templates import Templates
from tests.template_parses import parses

FORMATS = ["html", "md", "txt", "json"]


def own(folder: Path, cache: Path) -> Templates:
    """Templates over ``folder`` whose templates are cached as the shipped ones are."""
    templates = Templates(folder, cache=cache)
    templates.loader.cached = str(folder)
    return templates


def test_a_filled_cache_skips_parse_and_compile_and_gives_the_same_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Templates(cache=tmp_path)
    preflight(FORMATS, first)
    second = Templates(cache=tmp_path)
    parsed = parses(second, monkeypatch)
    preflight(FORMATS, second)
    assert parsed == []
    assert second.loader.names == first.loader.names and "brief.html.j2" in first.loader.names
    cache, environment = second.loader.cache, second.environment
    assert cache is not None
    for name in first.loader.names:
        source, filename, _ = second.loader.get_source(environment, name)
        found = cache.get(name, filename, source)
        assert found is not None and found[0] == environment.compile(source, name, filename)


def test_a_cached_template_renders_as_a_compiled_one(tmp_path: Path) -> None:
    (tmp_path / "page.html.j2").write_text("<p>{{ x }} {{ '<b>' | upper }}</p>\n")
    fresh = own(tmp_path, tmp_path / "cache").render("page.html.j2", x="<i>")
    cached = own(tmp_path, tmp_path / "cache")
    assert cached.render("page.html.j2", x="<i>") == fresh == "<p>&lt;i&gt; &lt;B&gt;</p>\n"
    assert len(list((tmp_path / "cache").glob("*.bin"))) == 1


def test_an_edited_template_is_parsed_and_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "brief.txt.j2").write_text("{{ x | upper }}\n")
    preflight(["txt"], own(tmp_path, tmp_path / "cache"))
    (tmp_path / "brief.txt.j2").write_text("{{ x | upper }}\n{% if x %}{{ x | gone }}{% endif %}\n")
    templates = own(tmp_path, tmp_path / "cache")
    parsed = parses(templates, monkeypatch)
    with pytest.raises(TemplateError, match=r"brief\.txt\.j2:2: no filter named 'gone'"):
        preflight(["txt"], templates)
    assert parsed == ["brief.txt.j2"]


def test_a_refused_template_is_not_cached_and_refused_every_time(tmp_path: Path) -> None:
    (tmp_path / "brief.txt.j2").write_text("{% if x %}\n{{ x | gone }}{% endif %}\n")
    for _ in range(2):
        with pytest.raises(TemplateError, match=r"brief\.txt\.j2:2: no filter named 'gone'"):
            preflight(["txt"], own(tmp_path, tmp_path / "cache"))


def test_a_user_template_is_never_cached(tmp_path: Path) -> None:
    (tmp_path / "brief.txt.j2").write_text('{% import "_bottom_line.j2" as b %}{{ brief }}\n')
    templates = Templates(tmp_path, cache=tmp_path / "cache")
    preflight(["txt"], templates)
    cache, environment = templates.loader.cache, templates.environment
    assert cache is not None
    for name, kept in (("brief.txt.j2", False), ("_bottom_line.j2", True)):  # mine, shipped
        source, filename, _ = templates.loader.get_source(environment, name)
        assert (cache.get(name, filename, source) is not None) is kept


def entry(tmp_path: Path, **settings: object) -> tuple[CompiledCache, jinja2.Environment]:
    """A cache holding one template, ``t.txt``, compiled from ``{{ x }}``."""
    environment = jinja2.Environment(**settings)  # type: ignore[arg-type]
    cache = CompiledCache(tmp_path, environment)
    code = environment.compile("{{ x }}", "t.txt", "/t.txt")
    cache.put("t.txt", "/t.txt", "{{ x }}", code, (((("filter", "f", 1)),), ("u.txt",)))
    return cache, environment


def test_an_entry_serves_only_its_source_and_its_compiler(tmp_path: Path) -> None:
    cache, environment = entry(tmp_path)
    found = cache.get("t.txt", "/t.txt", "{{ x }}")
    assert found is not None and found[1] == ((("filter", "f", 1),), ("u.txt",))
    assert cache.get("t.txt", "/t.txt", "{{ y }}") is None  # an edited source
    assert cache.get("t.txt", "/other/t.txt", "{{ x }}") is None  # another file
    assert (
        CompiledCache(tmp_path, jinja2.Environment(trim_blocks=True)).get(
            "t.txt", "/t.txt", "{{ x }}"
        )
        is None
    )
    environment.filters["shout"] = str.upper  # another filter set compiles differently
    assert CompiledCache(tmp_path, environment).get("t.txt", "/t.txt", "{{ x }}") is None


def test_a_damaged_entry_is_a_miss(tmp_path: Path) -> None:
    cache, _ = entry(tmp_path)
    (path,) = tmp_path.glob("*.bin")
    path.write_bytes(path.read_bytes()[:-9])
    assert cache.get("t.txt", "/t.txt", "{{ x }}") is None
    path.write_bytes(b"")
    assert cache.get("t.txt", "/t.txt", "{{ x }}") is None


def test_a_write_that_fails_is_ignored(tmp_path: Path) -> None:
    cache = CompiledCache(tmp_path / "gone", jinja2.Environment())
    code = jinja2.Environment().compile("x", "t.txt", "/t.txt")
    cache.put("t.txt", "/t.txt", "x", code, ((), ()))  # no folder: nothing written, no error
    assert cache.get("t.txt", "/t.txt", "x") is None


def test_a_folder_others_can_write_is_not_used(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    assert not safe_folder(shared)
    link = tmp_path / "link"
    link.symlink_to(shared)
    assert not safe_folder(link)
    assert Templates(cache=shared).loader.cache is None
    mine = tmp_path / "a" / "b"
    assert safe_folder(mine) and (os.stat(mine).st_mode & 0o777) == 0o700


def test_no_cache_when_told(tmp_path: Path) -> None:
    assert Templates(cache=False).loader.cache is None


def test_the_user_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert user_folder() == tmp_path / "briefing" / "templates"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # ignored, as XDG says
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert user_folder() == tmp_path / "home" / ".cache" / "briefing" / "templates"
