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

from briefing.ingest import metadata
from briefing.ingest.document import Metadata

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
_TITLE_SEPARATOR = re.compile(r"\s+(?:\||-{1,2}|–|—|::|»|·|•)\s+")
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
    r"|jan(?:uary)?|feb(?:ruary)?|march|april|june|july|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|\d).*$",
    re.IGNORECASE,
)
_PARTICLES = {"van", "von", "de", "da", "del", "der", "di", "le", "la", "bin", "al", "du", "dos"}


MAX_SITE_WORDS = 5
"""Title parts longer than this are headline text, never a site name."""


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
    heading, variants = _title_variants(meta, article, tree, result)
    sections = [*_names(article.get("articleSection")), meta.get("article:section") or ""]
    title = choose_title(variants, (*sites, *sections), host, heading)
    if title:  # what the <title> says besides the article's title names the site
        hosts = tuple(s for s in sites if _is_host(s))
        named = tuple(s for s in sites if not _is_host(s))
        sites = tuple(dict.fromkeys((*named, *_leftovers(variants, title), *hosts)))
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


def same_text(first: str, second: str) -> bool:
    """Equal once case, punctuation and spacing are ignored."""
    return _norm(first) == _norm(second) != ""


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
    keys = _site_keys((), host)
    names = [s for s in sites if not _is_host(s)]
    matching = [s for s in names if _site_like(s, keys)]
    name = (matching or names or [None])[0]
    if name is None:
        return None
    parts = _TITLE_SEPARATOR.split(name)
    return next((p for p in parts if _site_like(p, keys)), parts[0])


def _title_variants(
    meta: dict[str, str], article: dict, tree: lxml_html.HtmlElement, result: object
) -> tuple[str | None, tuple[str, ...]]:
    """The visible heading, and every title the page states (meta tags first)."""
    headline = article.get("headline")
    element = tree.find(".//title")
    title = " ".join(element.text_content().split()) if element is not None else None
    heading = next((_text(h) for h in tree.iter("h1") if _text(h)), None)
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
    parts = _TITLE_SEPARATOR.split(title or "")
    if len(parts) < 2:
        return None
    keys = {_norm(p): p for p in parts if len(p.split()) >= 3}
    body = tree.find(".//body")
    for element in body.iter() if body is not None else ():
        if isinstance(element.tag, str) and (part := keys.get(_norm(_text(element)))):
            return part
    return None


def _text(element: lxml_html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _leftovers(variants: Iterable[str], title: str) -> list[str]:
    """The other short parts of a title variant that has the title as one of its parts."""
    found: list[str] = []
    for variant in variants:
        parts = _TITLE_SEPARATOR.split(variant)
        if len(parts) > 1 and any(same_text(part, title) for part in parts):
            found += [p for p in parts if not same_text(p, title) and len(p.split()) <= 5]
    return found


def choose_title(
    variants: Iterable[str], sites: Iterable[str], host: str | None, heading: str | None = None
) -> str | None:
    """The article's title without site names, from the page's title variants."""
    keys = _site_keys(sites, host)
    variants = [v for v in variants if v and not _is_site(v, keys)]
    if heading and _confirmed(heading, variants) and not _site_like(heading, keys):
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
    key = _norm(heading)
    return len(key.split()) >= 2 and any(
        _norm(v) != key and (_norm(v).startswith(key) or _norm(v).endswith(key)) for v in variants
    )


def _is_site(name: str, keys: tuple[str, ...]) -> bool:
    return _compact(name) in keys


def _extends_all(title: str, others: list[str]) -> bool:
    """Every other variant is this title, or this title plus separated extras."""
    base = _norm(title)
    return bool(base) and all(_norm(o).startswith(base) or _norm(o).endswith(base) for o in others)


def strip_site(title: str, site_keys: Iterable[str]) -> str:
    """'Story | Site' or 'Site - Story' -> 'Story', judged by the site's names."""
    keys = tuple(site_keys)
    parts = _TITLE_SEPARATOR.split(title)
    separators = _TITLE_SEPARATOR.findall(title)
    if len(parts) < 2:
        return title
    if _site_like(parts[0], keys):
        return strip_site(title[title.index(separators[0]) + len(separators[0]) :], keys)
    for position in range(1, len(parts)):
        if _site_like(parts[position], keys):
            return _join(parts[:position], separators)
    return title


def _join(parts: list[str], separators: list[str]) -> str:
    text = parts[0]
    for part, separator in zip(parts[1:], separators, strict=False):
        text += separator + part
    return text


def _site_keys(sites: Iterable[str], host: str | None) -> tuple[str, ...]:
    keys = {_compact(s) for s in sites}
    if host:
        labels = host.lower().split(".")
        keys.update(label for label in labels[:-1] if len(label) >= 3 and label != "www")
        keys.add(_compact(host.removeprefix("www.")))
    return tuple(k for k in keys if len(k) >= 3)


def _site_like(part: str, keys: tuple[str, ...]) -> bool:
    """A short part that names the site: a run of its words spells a site key.

    Whole words only, so "Spacecraft launch" is no mention of a site called
    "Space", and a long headline is never a site name.
    """
    words = re.findall(r"[^\W_]+", part.lower())
    if not words or len(words) > MAX_SITE_WORDS:
        return False
    runs = {"".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
    return any(key in runs for key in keys)


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
    site_keys = {_compact(s) for s in sites} - {""}
    found: list[str] = []
    for raw in names:
        for name in re.split(r"\s*(?:;|,|\||&|\band\b|\n)\s*", raw or ""):
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
    if _compact(name) in site_keys or any(key and key in _compact(name) for key in site_keys):
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


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _compact(text: str) -> str:
    return "".join(re.findall(r"[^\W_]+", text.lower()))
