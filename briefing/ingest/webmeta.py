"""Title, authors, date and outlet of a web page, as a reader would state them.

Pages describe themselves in several places that disagree: ``<title>``,
Open Graph and Twitter tags, JSON-LD, ``<meta name="author">``, and the
visible byline. Each value is taken from the most specific place that has it
and then normalised:

- titles lose a site-name prefix or suffix (" | CNN Politics", " -- Sott.net"),
  judged against the page's own site names and host, and the shortest title
  variant that another one merely extends;
- author lists lose publishers, the outlet itself, role words ("Staff",
  "National Desk"), "View all posts by" and "says" wrappers, degrees ("PhD")
  and single words ("Jobs", "Hire"); initials keep their dots;
- a visible byline on the page beats author metadata;
- the date is one the page states for this article (JSON-LD, article meta
  tags, a dated URL, a dateline at the top of the text), never a date found
  anywhere in the page, such as today's date in a header.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlsplit

from lxml import html as lxml_html

from briefing.dates import MONTH
from briefing.ingest import metadata
from briefing.ingest.document import Metadata
from briefing.ingest.webtitle import (
    TITLE_SEPARATOR,
    choose_title,
    compact,
    leftovers,
    site_keys,
    site_like,
    title_variants,
)

_ARTICLE_TYPES = ("article", "newsarticle", "blogposting", "reportagenews", "report", "posting")
_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
)
_AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator")
_URL_DATE = re.compile(r"/(20\d{2}|19\d{2})/(\d{1,2})/(\d{1,2})(?:/|$)")
_NOT_A_NAME = re.compile(
    r"\b(?:staff|desk|editors?|editorial|team|newsroom|admin(?:istrator)?|contributors?"
    r"|press|news|media|agency|wire|reporters?|correspondents?|writers?|columnist|bureau"
    r"|author|anonymous|unknown|inc|ltd|llc|group|company|corp(?:oration)?|magazine)\b",
    re.IGNORECASE,
)
_WRAPPER = re.compile(
    r"^(?:view all posts by|all posts by|more posts by|posts by|posted by|written by|"
    r"articles? by|stories by|by)\s+",
    re.IGNORECASE,
)
_SAYS = re.compile(r"\s+(?:says|said|writes|wrote)\s*:?$", re.IGNORECASE)
_DEGREE = re.compile(
    r",?\s*\b(?:ph\.?\s?d|m\.?d|mba|msc|m\.?sc|b\.?sc|ma|ba|jd|esq|rn|cpa|dds)\b\.?", re.I
)
_DATE_TAIL = re.compile(
    r"[\s,|•·-]*(?:\b(?:on|at)\s+)?"
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|updated|published|posted"
    rf"|{MONTH}\.?\s+\d|\d).*$",
    re.IGNORECASE,
)
_PARTICLES = {"van", "von", "de", "da", "del", "der", "di", "le", "la", "bin", "al", "du", "dos"}


@dataclass(frozen=True)
class PageMeta:
    """What a page says about itself, normalised, with what it was judged against."""

    metadata: Metadata
    fallback: Metadata = field(default_factory=Metadata)
    titles: tuple[str, ...] = ()
    site_names: tuple[str, ...] = ()


def page_metadata(tree: lxml_html.HtmlElement, result: object, url: str | None) -> PageMeta:
    """Read and normalise the page's title, authors, outlet and date."""
    meta = _meta_tags(tree)
    article, others = _json_ld(tree)
    url = url or meta.get("og:url") or None
    host = urlsplit(url).hostname if url else None
    sites = _site_names(meta, article, others, result, host)
    heading, variants = title_variants(meta, article, tree, result)
    sections = [*_names(article.get("articleSection")), meta.get("article:section") or ""]
    title = choose_title(variants, (*sites, *sections), host, heading)
    if title:  # what the <title> says besides the article's title names the site
        hosts = tuple(s for s in sites if _is_host(s))
        named = tuple(s for s in sites if not _is_host(s))
        sites = tuple(dict.fromkeys((*named, *leftovers(variants, title), *hosts)))
    return PageMeta(
        metadata=Metadata(
            title=title,
            authors=_authors(tree, meta, article, result, sites),
            outlet=_outlet(sites, host),
            published=_published(meta, article, tree, url),
            url=url,
        ),
        fallback=Metadata(outlet=host.removeprefix("www.") if host else None),
        titles=tuple(dict.fromkeys(v for v in (title, *variants) if v)),
        site_names=sites,
    )


# -- the page's own statements ------------------------------------------------


def _meta_tags(tree: lxml_html.HtmlElement) -> dict[str, str]:
    """First value of each ``<meta>`` name, property or itemprop, lower-cased keys."""
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        content = " ".join((element.get("content") or "").split())
        for attribute in ("property", "name", "itemprop"):
            key = (element.get(attribute) or "").strip().lower()
            if key and content and key not in found:
                found[key] = content
    return found


def _json_ld(tree: lxml_html.HtmlElement) -> tuple[dict, list[dict]]:
    """The first article object of the page's JSON-LD, and every other object."""
    objects: list[dict] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        objects.extend(_objects(data))
    for position, item in enumerate(objects):
        if any(t.lower() in _ARTICLE_TYPES for t in _types(item)):
            return item, objects[:position] + objects[position + 1 :]
    return {}, objects


def _objects(data: object, depth: int = 0) -> Iterator[dict]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        yield from _objects(data.get("@graph"), depth + 1)


def _types(item: dict) -> list[str]:
    kind = item.get("@type")
    return [str(k) for k in kind] if isinstance(kind, list) else [str(kind or "")]


def _names(value: object) -> list[str]:
    """Names in a JSON-LD person/organisation field (a string, object or list)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        return [str(name)] if isinstance(name, str) else []
    if isinstance(value, list):
        return [name for item in value[:10] for name in _names(item)]
    return []


# -- outlet and title -----------------------------------------------------------


def _site_names(
    meta: dict[str, str], article: dict, others: list[dict], result: object, host: str | None
) -> tuple[str, ...]:
    """Names the site goes by, most specific first; the host name last."""
    names = [meta.get("og:site_name"), meta.get("application-name")]
    names += _names(article.get("publisher"))
    names += [
        n
        for o in others
        if {"Organization", "WebSite", "NewsMediaOrganization"} & set(_types(o))
        for n in _names(o)
    ]
    names.append(getattr(result, "sitename", None))
    names.append(host.removeprefix("www.") if host else None)
    cleaned = (_site_name(str(n)) for n in names if n)
    return tuple(dict.fromkeys(n for n in cleaned if 1 < len(n) <= 80))


def _site_name(name: str) -> str:
    """A site name as written, a URL reduced to its host, a handle without its "@"."""
    name = " ".join(name.split()).lstrip("@")
    return (urlsplit(name).hostname or name) if "://" in name else name


def _outlet(sites: tuple[str, ...], host: str | None) -> str | None:
    """The site name that matches the host, else the first; without a tagline."""
    keys = site_keys((), host)
    names = [s for s in sites if not _is_host(s)]
    matching = [s for s in names if site_like(s, keys)]
    name = (matching or names or [None])[0]
    if name is None:
        return None
    parts = TITLE_SEPARATOR.split(name)
    return next((p for p in parts if site_like(p, keys)), parts[0])


# -- authors --------------------------------------------------------------------


def _authors(
    tree: lxml_html.HtmlElement,
    meta: dict[str, str],
    article: dict,
    result: object,
    sites: tuple[str, ...],
) -> tuple[str, ...]:
    """The first source with real names: visible byline, JSON-LD, meta tags, trafilatura."""
    sources = (
        _visible_byline(tree),
        _names(article.get("author")) + _names(article.get("creator")),
        [meta[key] for key in _AUTHOR_META if key in meta and "://" not in meta[key]],
        [getattr(result, "author", None) or ""],
    )
    for names in sources:
        found = clean_authors(names, sites)
        if found:
            return found
    return ()


def _visible_byline(tree: lxml_html.HtmlElement) -> list[str]:
    """Names in a "By ..." line the page shows in a byline element."""
    for element in tree.xpath(
        '//*[@rel="author" or contains(@class, "byline") or contains(@class, "author")]'
    ):
        if element.xpath("ancestor-or-self::*[self::nav or self::footer or self::aside]"):
            continue
        text = _DATE_TAIL.sub("", " ".join(" ".join(element.itertext()).split()))
        if text.lower().startswith("by ") and len(text.split()) <= 12:
            parsed = metadata.parse_byline(text)
            if parsed:
                return list(parsed[0])
    return []


def clean_authors(names: Iterable[str], sites: Iterable[str]) -> tuple[str, ...]:
    """Real person names only: no outlets, roles, degrees, wrappers or single words."""
    site_keys = {compact(s) for s in sites} - {""}
    found: list[str] = []
    for raw in names:
        for name in metadata.split_names(raw or ""):
            cleaned = _clean_name(name, site_keys)
            if cleaned and cleaned.lower() not in (f.lower() for f in found):
                found.append(cleaned)
    return tuple(found[:8])


def _clean_name(name: str, site_keys: set[str]) -> str | None:
    name = _WRAPPER.sub("", " ".join(name.split()).strip(" .:-–—"))
    if not name or _SAYS.search(name):
        return None
    name = _DEGREE.sub("", name).strip(" ,")
    words = name.split()
    if len(words) < 2 or len(words) > 5 or re.search(r"\d|@|://|[()\[\]{}]", name):
        return None
    if _NOT_A_NAME.search(name) or name.lower() in {"no author", "not available"}:
        return None
    if compact(name) in site_keys or any(key and key in compact(name) for key in site_keys):
        return None
    if not all(_name_word(word) for word in words):
        return None
    half = len(words) // 2
    if len(words) % 2 == 0 and words[:half] == words[half:]:
        name = " ".join(words[:half])  # "Sean Martin Sean Martin": a name shown twice
    return name.title() if name.isupper() else name


def _name_word(word: str) -> bool:
    if word.lower() in _PARTICLES:
        return True
    return bool(re.match(r"[^\W\d_]", word)) and word[0].isupper()


# -- date -----------------------------------------------------------------------


def _published(
    meta: dict[str, str], article: dict, tree: lxml_html.HtmlElement, url: str | None
) -> datetime | date | None:
    """The date the page states for this article, or None."""
    stated = [article.get("datePublished"), article.get("dateCreated")]
    stated += [meta.get(key) for key in _DATE_META]
    stated += tree.xpath(
        '//*[@itemprop="datePublished"]/@datetime | //*[@itemprop="datePublished"]/@content'
        " | //time[@pubdate]/@datetime"
    )[:2]
    for value in stated:
        if isinstance(value, str) and (found := metadata.find_date(value)):
            return found.value
    match = _URL_DATE.search(urlsplit(url).path) if url else None
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    return _article_time(tree)


def _article_time(tree: lxml_html.HtmlElement) -> datetime | date | None:
    """The first ``<time datetime>`` inside the article, outside asides and lists of links."""
    for value in tree.xpath(
        "//article//time[@datetime][not(ancestor::aside or ancestor::nav or ancestor::footer"
        " or ancestor::li)]/@datetime"
    )[:1]:
        found = metadata.find_date(str(value))
        return found.value if found else None
    return None


# -- helpers --------------------------------------------------------------------


def _is_host(name: str) -> bool:
    return bool(re.fullmatch(r"[\w-]+(?:\.[\w-]+)+(?::\d+)?", name))
