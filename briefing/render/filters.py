"""Formatting helpers for templates: dates, spans and names, said the same way everywhere."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from urllib.parse import urlsplit

from briefing.models import Brief, FigureConflict, FigureSeries, FigureValue, Span, sentence_anchor
from briefing.render.bottom import disputed, in_sentence, time_phrase
from briefing.text import CONTROLS, plain


def long_date(value: date | datetime | None, unknown: str = "date unknown") -> str:
    """1 December 2025."""
    if value is None:
        return unknown
    return f"{value.day} {value:%B %Y}"


def iso_date(value: date | datetime | None) -> str:
    return value.isoformat() if value is not None else ""


def span(value: Span | None) -> str:
    """4 years 8 months; 17 days; the same day."""
    if value is None:
        return ""
    parts = [
        f"{count} {unit}{'' if count == 1 else 's'}"
        for count, unit in ((value.years, "year"), (value.months, "month"))
        if count
    ]
    if not parts:
        return (
            "the same day"
            if not value.days
            else f"{value.days} day{'' if value.days == 1 else 's'}"
        )
    return " ".join(parts)


def apart(value: Span | None) -> str:
    """'4 years 8 months apart', or 'on the same day': how far apart articles were published."""
    text = span(value)
    return "on the same day" if text == "the same day" else f"{text} apart"


def after_previous(value: Span | None) -> str:
    """'2 years after the previous article', or 'the same day as the previous article'."""
    text = span(value)
    if text == "the same day":
        return "the same day as the previous article"
    return f"{text} after the previous article"


def first_upper(text: str) -> str:
    """'reduce traffic' -> 'Reduce traffic', leaving the other letters as written."""
    return text[:1].upper() + text[1:]


def join_names(names: Iterable[str], conjunction: str = "and") -> str:
    """A, B and C."""
    items = [n for n in names if n]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def description(brief: Brief, outlets: Sequence[str]) -> str:
    """'Comparative brief of 4 articles from A, B and C, published 4 years 8 months apart.'

    What the brief covers, in one sentence: the page's description, the first
    line of the Markdown and text briefs. ``outlets`` are the brief's outlets,
    escaped for the format where it needs that.
    """
    count = len(brief.articles)
    text = f"Comparative brief of {count} article{'' if count == 1 else 's'}"
    if outlets:
        text += f" from {join_names(outlets)}"
    if brief.comparison.chronology.span:
        text += f", published {apart(brief.comparison.chronology.span)}"
    return text + "."


def wrap(text: str, width: int = 78, indent: str = "") -> str:
    return textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent)


def lookup(keys: Iterable[object], mapping: Mapping) -> list:
    """The values of ``keys`` in ``mapping``, in the keys' order: ``ids | lookup(articles)``.

    Jinja has no such filter (Ansible's ``extract`` is not Jinja's), so a template
    that turns article ids into articles names this one.
    """
    return [mapping[key] for key in keys]


def outlets_of(article_ids: Iterable[str], articles: dict) -> list[str]:
    """The outlets of these articles, each once; the label where the outlet is unknown
    or shared with another article of the brief (so two articles never read as one)."""
    outlets = [a.outlet for a in articles.values()]

    def name(article: object) -> str:
        outlet = getattr(article, "outlet", None)
        return outlet if outlet and outlets.count(outlet) == 1 else spoken_name(article)

    return list(dict.fromkeys(name(articles[i]) for i in article_ids))


def spoken_name(article: object) -> str:
    """How the narration names an article: its label, or "the article in doc0" for a file."""
    label = getattr(article, "label", "") or getattr(article, "name", "")
    source = getattr(article, "source", "")
    if label and label == basename(source):
        stem = label.rsplit(".", 1)[0]
        return f"the article in {stem}"
    return label


def month_year(value: date | datetime | None) -> str:
    """June 2023: how a series' dates are said."""
    return f"{value:%B %Y}" if value is not None else "an unknown date"


def figure_value(value: FigureValue) -> str:
    """34 percent; $45 million forecast: a value with its status where the text gives one."""
    return f"{value.value} forecast" if value.status == "forecast" else value.value


def spoken_series(series: FigureSeries) -> str:
    """'Support for the charge rose from 34 percent in June 2023 to 54 percent in December 2025.'

    Forecasts made after the last reported value are said apart ("It is forecast to reach
    25 percent."), so the direction speaks of what happened.
    """
    values = list(series.values)
    tail: list[FigureValue] = []
    while len(values) > 2 and values[-1].status == "forecast":
        tail.insert(0, values.pop())
    said = [_spoken_value(v) for v in values]
    first, last = values[0], values[-1]
    verb = "went"
    if "forecast" not in (first.status, last.status):
        verb = "rose" if last.amount > first.amount else "fell"
        verb = "stayed the same," if last.amount == first.amount else verb
    if len(said) == 2:
        text = f"{series.label} {verb} from {said[0]} to {said[1]}."
    else:
        middle = join_names(said[1:-1])
        text = f"{series.label} {verb} from {said[0]}, through {middle}, to {said[-1]}."
    if tail:
        text += f" It is forecast to reach {in_sentence(tail[-1].value)}."
    return text


def _spoken_value(value: FigureValue) -> str:
    said = in_sentence(value.value)
    amount = f"a forecast of {said}" if value.status == "forecast" else said
    return f"{amount} in {month_year(value.published)}"


def conflict_sides(conflict: FigureConflict) -> list[tuple[FigureValue, list[FigureValue]]]:
    """The values a conflict sets against each other, each with every article that states it."""
    sides: dict[str, list[FigureValue]] = {}
    for value in conflict.values:
        sides.setdefault(value.value, []).append(value)
    return [(values[0], values) for values in sides.values()]


def spoken_conflict(conflict: FigureConflict, articles: dict) -> str:
    """'On 8 March 2024, the articles disagree on deaths: 32, according to the fire service,
    in Valley Herald; 41 in Daily Courant.' Undated articles say their dates are unknown."""
    sides = [
        in_sentence(figure_value(first))
        + ", "
        + join_names([_spoken_side(v, articles) for v in side])
        for first, side in conflict_sides(conflict)
    ]
    if not conflict.dated:
        opening = "Though their dates are unknown, the articles disagree on"
    elif conflict.published:
        opening = f"On {long_date(conflict.published)}, the articles disagree on"
    else:
        opening = "The articles disagree on"
    return f"{opening} {disputed(conflict)}: {'; '.join(sides)}."


def _spoken_side(value: FigureValue, articles: dict) -> str:
    where = f"in {spoken_name(articles[value.article_id])}"
    return f"according to {value.source}, {where}" if value.source else where


def spoken_source(entry: dict) -> str:
    """'Jane Okafor, spokesperson, health ministry': a cited source as the narration says it."""
    return f"{entry['name']}, {entry['about']}" if entry.get("about") else str(entry["name"])


def conflict_heading(conflict: FigureConflict) -> str:
    """'Deaths, 8 March 2024', or 'Deaths (dates unknown)' when an article is undated."""
    if not conflict.dated:
        return f"{conflict.label} (dates unknown)"
    return (
        f"{conflict.label}, {long_date(conflict.published)}"
        if conflict.published
        else conflict.label
    )


def attribution(value: FigureValue) -> str:
    """'according to the health ministry', or nothing when the article states it itself."""
    return f"according to {value.source}" if value.source else ""


def outlet(article: object) -> str:
    """How the brief names an article: its label (outlet and date, else a short title,
    else the file name), unique within the brief. A plain string, escaped where output."""
    return (
        getattr(article, "label", "")
        or getattr(article, "outlet", None)
        or getattr(article, "title", "")
    )


def source_name(article: object) -> str:
    """The outlet where it is known (a timeline already shows the date), else the label."""
    return getattr(article, "outlet", None) or outlet(article)


def who(article: object) -> str:
    """'Metro Daily, by Ann Lee': outlet and authors, whichever are known."""
    authors = getattr(article, "authors", ())
    parts = [getattr(article, "outlet", None) or "", f"by {join_names(authors)}" if authors else ""]
    return _capitalized(", ".join(part for part in parts if part))


def byline(article: object) -> str:
    """'Metro Daily, by Ann Lee, 3 March 2023': who, then the date (or 'date unknown')."""
    parts = [who(article), long_date(getattr(article, "published_date", None))]
    return _capitalized(", ".join(part for part in parts if part))


def series_line(series: FigureSeries, articles: dict) -> str:
    """'Support: 34% (Metro Daily, June 2023) → 54% (Northern Post, ...)'; a value
    for another time than its article's says so ("4.6 percent forecast for next year")."""
    values = " → ".join(
        f"{figure_value(v)}{series_time(v)} ({outlet(articles[v.article_id])})"
        for v in series.values
    )
    return f"{series.label}: {values}"


def series_time(value: FigureValue) -> str:
    """' in 2023', ' last year', ' for January 2024' (a forecast is for a time): a time the
    text names that a reader cannot take from the article's date; weekdays and "today"
    are the article's own day and are not said."""
    when = value.when
    names_a_time = any(c.isdigit() for c in when) or when.lower().startswith(("last ", "next "))
    if not names_a_time:
        return ""
    if value.status == "forecast":
        return f" for {when}"
    return f" {time_phrase(when)}"


def conflict_line(conflict: FigureConflict, articles: dict) -> str:
    """'Deaths, 8 March 2024: 15, according to the health ministry (A); 12 (B; C)'."""
    sides = "; ".join(
        figure_value(first)
        + "".join(
            f", {attribution(v)} ({outlet(articles[v.article_id])})"
            if v.source
            else f" ({outlet(articles[v.article_id])})"
            for v in side
        )
        for first, side in conflict_sides(conflict)
    )
    return f"{conflict_heading(conflict)}: {sides}"


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def clock(seconds: float) -> str:
    """1:05, or 1:02:05 past the hour: how players show a position."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def w3c_datetime(value: datetime) -> str:
    """2026-11-22T13:00:27+01:00: a moment with its offset, as document metadata wants."""
    return value.astimezone().isoformat(timespec="seconds")


def file_size(size: int) -> str:
    """850 KB, 3.2 MB: sizes as people read them (decimal units, as mail clients show)."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1000:.0f} KB"
    return f"{size / 1_000_000:.1f} MB"


def basename(path: str) -> str:
    """The file name of a path or URL, for naming a file without its folder."""
    return path.rstrip("/").rsplit("/", 1)[-1]


LINK_SCHEMES = ("http", "https", "mailto")
"""The only schemes a link taken from an input may have: no javascript:, data:, file:."""

_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]|~])")
_MARKDOWN_LINE_START = re.compile(r"^(\d*)([#+\-=.)])")
_MARKDOWN_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def safe_link(url: object) -> str:
    """``url`` if it may become a link (http, https or mailto), else "".

    Every link made from an input goes through here, in every format: a
    ``javascript:``, ``data:``, ``file:`` or relative address is shown as text
    or dropped, never made clickable.
    """
    text = str(url or "").strip()
    if not text or CONTROLS.search(text) or any(c.isspace() for c in text):
        return ""
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. an unbalanced [ in the host
        return ""
    if parts.scheme.lower() not in LINK_SCHEMES:
        return ""
    if parts.scheme.lower() != "mailto" and not parts.hostname:
        return ""
    return text


def markdown(text: object) -> str:
    """Input text made inert in Markdown: one line, no raw HTML, no links or emphasis.

    ``<``, ``>`` and ``&`` become entities (every Markdown flavour honours
    those), and the brackets, backticks, emphasis marks and table bars that
    make links, images, code and cells are backslash-escaped, as is a "(" after
    a "]".
    """
    line = " ".join(plain(text).split())
    line = "".join(_MARKDOWN_ENTITIES.get(c, c) for c in line)
    line = _MARKDOWN_PUNCTUATION.sub(r"\\\1", line)
    line = line.replace("\\](", "\\]\\(")  # no "](" left that reads as a link target
    return _MARKDOWN_LINE_START.sub(r"\1\\\2", line)  # no heading or list from a field


FILTERS = {
    "anchor": sentence_anchor,
    "safe_link": safe_link,
    "plain": plain,
    "md": markdown,
    "outlet": outlet,
    "credit": outlet,
    "source_name": source_name,
    "who": who,
    "byline": byline,
    "series_line": series_line,
    "series_time": series_time,
    "conflict_line": conflict_line,
    "basename": basename,
    "file_size": file_size,
    "w3c_datetime": w3c_datetime,
    "clock": clock,
    "outlets_of": outlets_of,
    "lookup": lookup,
    "month_year": month_year,
    "spoken_name": spoken_name,
    "figure_value": figure_value,
    "spoken_series": spoken_series,
    "spoken_conflict": spoken_conflict,
    "conflict_sides": conflict_sides,
    "conflict_heading": conflict_heading,
    "attribution": attribution,
    "spoken_source": spoken_source,
    "long_date": long_date,
    "iso_date": iso_date,
    "span": span,
    "apart": apart,
    "first_upper": first_upper,
    "after_previous": after_previous,
    "join_names": join_names,
    "description": description,
    "wrap": wrap,
}
