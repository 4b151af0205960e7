"""A web page's title: the article's own, without the site's name around it.

Pages state their title several times (``<title>``, ``og:title``, JSON-LD,
the visible heading), most of them with the site's name added ("Story | Site",
"Site - Story"); :func:`choose_title` picks the article's title from them,
judged by the names the page gives its site (:mod:`briefing.ingest.webmeta`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import html as lxml_html

TITLE_SEPARATOR = re.compile(r"\s+(?:\||-{1,2}|–|—|::|»|·|•)\s+")

MAX_SITE_WORDS = 5
"""Title parts longer than this are headline text, never a site name."""


def same_text(first: str, second: str) -> bool:
    """Equal once case, punctuation and spacing are ignored."""
    return norm(first) == norm(second) != ""


def title_variants(
    meta: dict[str, str], article: dict, tree: lxml_html.HtmlElement, result: object
) -> tuple[str | None, tuple[str, ...]]:
    """The visible heading, and every title the page states (meta tags first)."""
    headline = article.get("headline")
    element = tree.find(".//title")
    title = " ".join(element.text_content().split()) if element is not None else None
    heading = next((text_of(h) for h in tree.iter("h1") if text_of(h)), None)
    heading = heading or _visible_title_part(tree, title)
    values = [
        meta.get("og:title"),
        meta.get("twitter:title"),
        headline if isinstance(headline, str) else None,
        heading,
        title,
        getattr(result, "title", None),
    ]
    cleaned = (" ".join(str(v).split()) for v in values if v)
    return heading, tuple(dict.fromkeys(v for v in cleaned if 0 < len(v) <= 300))


def _visible_title_part(tree: lxml_html.HtmlElement, title: str | None) -> str | None:
    """The part of a ``<title>`` that the page also shows as a line of its own."""
    parts = TITLE_SEPARATOR.split(title or "")
    if len(parts) < 2:
        return None
    keys = {norm(p): p for p in parts if len(p.split()) >= 3}
    body = tree.find(".//body")
    for element in body.iter() if body is not None else ():
        if isinstance(element.tag, str) and (part := keys.get(norm(text_of(element)))):
            return part
    return None


def text_of(element: lxml_html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def leftovers(variants: Iterable[str], title: str) -> list[str]:
    """The other short parts of a title variant that has the title as one of its parts."""
    found: list[str] = []
    for variant in variants:
        parts = TITLE_SEPARATOR.split(variant)
        if len(parts) > 1 and any(same_text(part, title) for part in parts):
            found += [p for p in parts if not same_text(p, title) and len(p.split()) <= 5]
    return found


def choose_title(
    variants: Iterable[str], sites: Iterable[str], host: str | None, heading: str | None = None
) -> str | None:
    """The article's title without site names, from the page's title variants."""
    keys = site_keys(sites, host)
    variants = [v for v in variants if v and not is_site(v, keys)]
    if heading and _confirmed(heading, variants) and not site_like(heading, keys):
        return heading
    # a heading no stated title carries is a logo or a section name
    stated = [v for v in variants if v != heading] or variants
    stripped = [strip_site(v, keys) for v in stated]
    if not stripped:
        return None
    shortest = [v for v in stripped if _extends_all(v, stripped)]
    return min(shortest, key=len) if shortest else stripped[0]


def _confirmed(heading: str, variants: list[str]) -> bool:
    """A stated title is the visible heading plus a prefix or suffix (a site or section)."""
    key = norm(heading)
    return len(key.split()) >= 2 and any(
        norm(v) != key and (norm(v).startswith(key) or norm(v).endswith(key)) for v in variants
    )


def is_site(name: str, keys: tuple[str, ...]) -> bool:
    return compact(name) in keys


def _extends_all(title: str, others: list[str]) -> bool:
    """Every other variant is this title, or this title plus separated extras."""
    base = norm(title)
    return bool(base) and all(norm(o).startswith(base) or norm(o).endswith(base) for o in others)


def strip_site(title: str, site_keys: Iterable[str]) -> str:
    """'Story | Site' or 'Site - Story' -> 'Story', judged by the site's names."""
    keys = tuple(site_keys)
    parts = TITLE_SEPARATOR.split(title)
    separators = TITLE_SEPARATOR.findall(title)
    if len(parts) < 2:
        return title
    if site_like(parts[0], keys):
        return strip_site(title[title.index(separators[0]) + len(separators[0]) :], keys)
    for position in range(1, len(parts)):
        if site_like(parts[position], keys):
            return _join(parts[:position], separators)
    return title


def _join(parts: list[str], separators: list[str]) -> str:
    text = parts[0]
    for part, separator in zip(parts[1:], separators, strict=False):
        text += separator + part
    return text


def site_keys(sites: Iterable[str], host: str | None) -> tuple[str, ...]:
    keys = {compact(s) for s in sites}
    if host:
        labels = host.lower().split(".")
        keys.update(label for label in labels[:-1] if len(label) >= 3 and label != "www")
        keys.add(compact(host.removeprefix("www.")))
    return tuple(k for k in keys if len(k) >= 3)


def site_like(part: str, keys: tuple[str, ...]) -> bool:
    """A short part that names the site: a run of its words spells a site key.

    Whole words only, so "Spacecraft launch" is no mention of a site called
    "Space", and a long headline is never a site name.
    """
    words = re.findall(r"[^\W_]+", part.lower())
    if not words or len(words) > MAX_SITE_WORDS:
        return False
    runs = {"".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
    return any(key in runs for key in keys)


def norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def compact(text: str) -> str:
    return "".join(re.findall(r"[^\W_]+", text.lower()))
