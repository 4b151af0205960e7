"""A record of the templates a Jinja environment parses: the tests that parsing happens once."""

from __future__ import annotations

import pytest

from briefing.render.templates import Templates


def parses(templates: Templates, monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """The names ``templates`` parses from now on."""
    parsed: list[str | None] = []
    parse = templates.environment._parse

    def counting(source: str, name: str | None, filename: str | None) -> object:
        parsed.append(name)
        return parse(source, name, filename)

    monkeypatch.setattr(templates.environment, "_parse", counting)
    return parsed
