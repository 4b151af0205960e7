"""Build an :class:`Article` from decoded text (plain or Markdown)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import frontmatter
import yaml

from briefing.errors import InputError, first_line
from briefing.ingest import metadata
from briefing.ingest.blocks import markdown_blocks, text_blocks
from briefing.ingest.cleaning import CleanText, clean
from briefing.ingest.junk import check_notice
from briefing.models import Article
from briefing.text import split_sentences

if TYPE_CHECKING:
    from briefing.ingest.fetch import Page

# No "\s*" across lines and no open-ended "[^\]]+": on long runs of blank lines or
# of "[" both rescan the rest of the text from every position (quadratic time).
_MARKDOWN_HINTS = re.compile(
    r"^#{1,6} \S|\[[^\]\n]{1,500}\]\(https?://|^[ \t]*[-*] \S|\*\*\S", re.MULTILINE
)


@dataclass(frozen=True)
class Metadata:
    """Metadata a user supplies (front matter or options); ``None`` means unknown."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    published: datetime | date | None = None
    url: str | None = None

    def over(self, other: Metadata) -> Metadata:
        """These values where set, ``other``'s elsewhere."""
        return Metadata(
            title=self.title or other.title,
            authors=self.authors or other.authors,
            outlet=self.outlet or other.outlet,
            published=self.published or other.published,
            url=self.url or other.url,
        )


@dataclass(frozen=True)
class Document:
    """The raw bytes of one input before reading: a file, a fetched page or a feed entry.

    ``metadata`` holds hints from where it came from (a feed entry's title
    and date); the page's own metadata and the user's override them.
    """

    source: str
    data: bytes
    url: str | None = None
    content_type: str | None = None
    metadata: Metadata = Metadata()

    @classmethod
    def fetched(cls, source: str, page: Page, metadata: Metadata = Metadata()) -> Document:
        """The document a fetched page holds: named as the user or the feed gave it,
        read from the address it was finally fetched from (after redirects)."""
        return cls(source, page.data, page.url, page.content_type, metadata)


def is_markdown(text: str, source: str) -> bool:
    suffix = Path(source).suffix.lower()
    if suffix in (".md", ".markdown"):
        return True
    return suffix not in (".txt", ".text") and len(_MARKDOWN_HINTS.findall(text)) >= 2


def article_from_text(
    text: str, source: str, article_id: str, supplied: Metadata | None = None
) -> Article:
    """Parse front matter, strip chrome and split sentences."""
    if not text.strip():
        raise InputError(source, "file is empty")
    text = unfold_ligatures(text)
    header, body = _front_matter(text, source)
    if is_markdown(body, source):
        blocks, heading = markdown_blocks(body)
    else:
        blocks, heading = text_blocks(body), None
    check_notice(blocks, source)
    cleaned = clean(blocks, title_hint=heading)
    if not cleaned.paragraphs:
        raise InputError(source, "no article text found (only headings, links or site chrome)")
    given = (supplied or Metadata()).over(header)
    return _assemble(cleaned, given, source, article_id)


_PRESENTATION_FORMS = re.compile("[\ufb00-\ufb4f]+")


def unfold_ligatures(text: str) -> str:
    """'ﬁgures', 'staﬀ' -> 'figures', 'staff': the typesetter's ligatures (Unicode
    presentation forms, common in text copied from PDFs) as the letters they join,
    by NFKC; the rest of the text is left as written."""
    return _PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)


def _assemble(cleaned: CleanText, given: Metadata, source: str, article_id: str) -> Article:
    title = given.title or cleaned.title or _title_from_filename(source)
    paragraphs = cleaned.paragraphs
    if paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    return Article(
        id=article_id,
        source=source,
        title=title,
        paragraphs=paragraphs,
        sentences=split_sentences(paragraphs),
        outlet=given.outlet or cleaned.outlet,
        authors=given.authors or cleaned.authors,
        published=given.published or cleaned.published,
        author_notes=cleaned.author_notes,
        url=given.url,
        removed=cleaned.removed,
    )


def _front_matter(text: str, source: str) -> tuple[Metadata, str]:
    if not text.lstrip().startswith("---"):
        return Metadata(), text
    try:
        post = frontmatter.loads(text.lstrip())
    except yaml.YAMLError as exc:
        raise InputError(source, f"front matter is not valid YAML ({first_line(exc)})") from exc
    return metadata_from_mapping(post.metadata, source), post.content


def metadata_from_mapping(values: dict[str, Any], source: str) -> Metadata:
    """Read the usual front-matter keys, accepting common synonyms."""

    def pick(*keys: str) -> Any:
        return next((values[k] for k in keys if values.get(k) not in (None, "")), None)

    authors = pick("authors", "author", "byline")
    if isinstance(authors, str):
        authors = metadata.split_names(authors)
    published = pick("published", "date", "pubdate", "publication_date")
    if isinstance(published, str):
        found = metadata.find_date(published)
        if found is None:
            raise InputError(source, f"front matter date {published!r} is not a date")
        published = found.value
    return Metadata(
        title=_str_or_none(pick("title", "headline")),
        authors=tuple(str(a) for a in authors or ()),
        outlet=_str_or_none(pick("outlet", "source", "publication", "site", "publisher")),
        published=published,
        url=_str_or_none(pick("url", "link", "canonical")),
    )


def _str_or_none(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None


def _title_from_filename(source: str) -> str:
    stem = re.sub(r"[-_]+", " ", Path(source).stem).strip()
    return stem[:1].upper() + stem[1:] if stem else "Untitled article"
