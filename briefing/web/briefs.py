"""A brief's page, its files, sending it by email, deleting it, and the library of them all.

A file is served only if the database lists it for that brief, and only from
inside that brief's folder; documents download, while the audio, its
transcript and its chapters play in the page.
"""

from __future__ import annotations

import mimetypes
import secrets
import threading
import time
from collections import OrderedDict
from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from briefing.errors import BriefingError
from briefing.web.folders import ID, PAGE
from briefing.web.forms import Errors, describe
from briefing.web.mail import send_brief
from briefing.web.security import csrf_ok
from briefing.web.store import Entry, File

KIND_LABELS = {
    "html": "Web page (HTML)",
    "pdf": "PDF",
    "md": "Markdown",
    "txt": "Plain text",
    "json": "JSON data",
    "eml": "Email (.eml)",
    "audio": "Audio",
    "transcript": "Transcript (WebVTT)",
    "subtitles": "Subtitles (SRT)",
    "chapters": "Chapters (JSON)",
    "narration": "Narration script",
}
INLINE = ("audio", "transcript", "chapters")  # the player loads these
MEDIA_TYPES = {
    ".vtt": "text/vtt",
    ".srt": "application/x-subrip",
    ".md": "text/markdown",
    ".eml": "message/rfc822",
    ".json": "application/json",
}


class Flash:
    """What a form's result page shows after its redirect (post-redirect-get), by a random
    key in the address: read once, kept for :data:`FLASH_SECONDS` at most, a few hundred at most.
    Reloading the page then shows nothing new and sends nothing again."""

    def __init__(self) -> None:
        self._items: OrderedDict[str, tuple[float, dict]] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, **shown: object) -> str:
        key = secrets.token_urlsafe(12)
        with self._lock:
            now = time.monotonic()
            while self._items and (
                len(self._items) >= FLASH_KEPT or next(iter(self._items.values()))[0] < now
            ):
                self._items.popitem(last=False)
            self._items[key] = (now + FLASH_SECONDS, shown)
        return key

    def take(self, key: str) -> dict:
        with self._lock:
            until, shown = self._items.pop(key, (0.0, {}))
        return shown if until >= time.monotonic() else {}


FLASH_SECONDS = 600
FLASH_KEPT = 500


def brief_page(request: Request) -> Response:
    """The brief; after sending it, what the sending said (``?m=`` names it once)."""
    shown = request.app.state.server.flash.take(request.query_params.get("m", "")[:40])
    errors = Errors()
    for name, messages in shown.get("errors", {}).items():
        for message in messages:
            errors.add(name, message)
    return _brief_page(request, shown.get("notice", ""), errors, shown.get("to", ""))


def _brief_page(request: Request, notice: str, errors: Errors, to: str) -> Response:
    server = request.app.state.server
    entry = _entry(request)
    page = server.data.file(entry.id, PAGE)
    if page is None:
        raise HTTPException(404, "This brief's files are missing.")
    return server.pages.render(
        request,
        "brief",
        section="",
        entry=entry,
        display={"theme": entry.theme, "easy_reading": entry.easy_reading},
        downloads=[(f, KIND_LABELS.get(f.kind, f.kind)) for f in sorted(entry.files, key=_order)],
        page=page.read_text(encoding="utf-8"),
        notice=notice,
        errors=errors,
        to=to,
    )


def add_slash(request: Request) -> Response:
    return RedirectResponse(f"/briefs/{request.path_params['brief_id']}/", 308)


def brief_file(request: Request) -> Response:
    server = request.app.state.server
    entry = _entry(request)
    name = request.path_params["name"]
    listed = next((f for f in entry.files if f.name == name), None)
    path = server.data.file(entry.id, name) if listed else None
    if listed is None or path is None:
        raise HTTPException(404, "This brief has no such file.")
    suffix = path.suffix.lower()
    media_type = MEDIA_TYPES.get(suffix) or mimetypes.guess_type(path.name)[0]
    if media_type and media_type.startswith("text/"):
        media_type += "; charset=utf-8"
    inline = listed.kind in INLINE
    return FileResponse(
        path,
        media_type=media_type or "application/octet-stream",
        filename=name,
        content_disposition_type="inline" if inline else "attachment",
    )


async def send(request: Request) -> Response:
    server = request.app.state.server
    async with request.form(max_files=0, max_fields=10) as form:
        if not csrf_ok(request.scope, form.get("csrf")):
            return server.pages.error(403, "The form had no valid security token; reload it.")
        to = str(form.get("to", "")).strip()
    entry = await run_in_threadpool(_entry, request)
    errors = Errors()
    eml = entry.file("eml")
    if server.config.mailer is None or eml is None:
        errors.add("to", "This brief cannot be sent: the server had no SMTP server for it.")
    elif not to:
        errors.add("to", "Give an email address to send the brief to.")
    if errors:
        return _shown(request, entry, errors=dict(errors), to=to)
    try:
        path = server.data.file(entry.id, eml.name)
        delivery = await run_in_threadpool(send_brief, path, to, server.config.mailer)
    except BriefingError as exc:
        errors.add("to", describe(exc))
        return _shown(request, entry, errors=dict(errors), to=to)
    notice = f"Sent to {', '.join(delivery.accepted)}."
    if delivery.refused:
        notice += " Refused: " + "; ".join(f"{a} ({r})" for a, r in delivery.refused.items()) + "."
    return _shown(request, entry, notice=notice)


def _shown(request: Request, entry: Entry, **shown: object) -> Response:
    """Redirect to the brief's page, which shows ``shown`` once: a reload sends nothing again."""
    key = request.app.state.server.flash.put(**shown)
    where = "#error-summary" if shown.get("errors") else ""
    return RedirectResponse(f"/briefs/{entry.id}/?m={key}{where}", 303)


def confirm_delete(request: Request) -> Response:
    """Ask before deleting: the Delete buttons lead here, and only this page's form deletes."""
    entry = _entry(request)
    return request.app.state.server.pages.render(
        request, "delete", entry=entry, back=request.query_params.get("back") == "library"
    )


async def delete(request: Request) -> Response:
    server = request.app.state.server
    async with request.form(max_files=0, max_fields=10) as form:
        if not csrf_ok(request.scope, form.get("csrf")):
            return server.pages.error(403, "The form had no valid security token; reload it.")
    entry = await run_in_threadpool(_entry, request)
    await run_in_threadpool(server.store.delete, entry.id)
    await run_in_threadpool(server.data.remove_brief, entry.id)
    return RedirectResponse("/library?deleted=1", 303)


def library(request: Request) -> Response:
    server = request.app.state.server
    query = request.query_params.get("q", "")[:200]
    deleted = request.query_params.get("deleted") == "1"
    return server.pages.render(
        request,
        "library",
        section="library",
        entries=server.store.entries(query),
        query=query,
        notice="The brief was deleted." if deleted else "",
    )


def _order(file: File) -> int:
    """Documents first, in the form's order, then the audio and its companions."""
    kinds = list(KIND_LABELS)
    return kinds.index(file.kind) if file.kind in kinds else len(kinds)


def _entry(request: Request) -> Entry:
    brief_id = request.path_params["brief_id"]
    entry = request.app.state.server.store.entry(brief_id) if ID.match(brief_id) else None
    if entry is None:
        raise HTTPException(404, "No such brief: it may have been deleted.")
    return entry


def feed_page(request: Request) -> Response:
    """How to subscribe in a podcast app, with the feed's address to copy (not the raw XML)."""
    server = request.app.state.server
    base = server.config.base_url  # never the request's Host: it could name any site
    address = base.rstrip("/") + server.pages.feed_url(request)  # the token only to its holders
    episodes = [e for e in server.store.entries() if e.audio_seconds]
    local = urlsplit(base).hostname in ("127.0.0.1", "localhost", "::1")
    return server.pages.render(
        request, "feed", section="feed", address=address, episodes=episodes, local=local
    )
