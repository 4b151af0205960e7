"""The make page: the form, starting a job from it, and following the job to its brief.

Progress reaches the page two ways: server-sent events, which the script turns
into a polite live region and a progress bar, and, without script, a page that
refreshes itself. Both read the job's row in the database.
"""

from __future__ import annotations

import asyncio
import json
import re

from sse_starlette.sse import EventSourceResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from briefing.defaults import THEMES
from briefing.errors import BriefingError
from briefing.web.folders import ID, new_id, remove
from briefing.web.forms import (
    FORMAT_CHOICES,
    LENGTHS,
    OVERVIEWS,
    SUFFIXES,
    Choices,
    Errors,
    Upload,
    build_request,
    check,
    describe,
    field_of,
    save_inputs,
    voice_styles,
)
from briefing.web.jobs import Busy
from briefing.web.listen import NAME, Heard, parts
from briefing.web.security import csrf_ok
from briefing.web.store import Job

THEME_LABELS = {
    "auto": "As the reader's system",
    "light": "Light",
    "dark": "Dark",
    "contrast": "High contrast",
}
POLL_SECONDS = 0.25


def form_page(request: Request) -> Response:
    return show_form(request, Choices(), Errors())


def show_form(
    request: Request, choices: Choices, errors: Errors, status: int = 200, adding: bool = False
) -> Response:
    server = request.app.state.server
    return server.pages.render(
        request,
        "make",
        status,
        section="make",
        choices=choices,
        errors=errors,
        limits=server.config.limits,
        suffixes=SUFFIXES,
        lengths=LENGTHS,
        overviews=OVERVIEWS,
        formats=FORMAT_CHOICES,
        themes=[(t, THEME_LABELS.get(t, t)) for t in THEMES],
        voices=server.voice_names,
        styles=_styles(server),
        adding=adding,
    )


DEFAULT_SECONDS_PER_MINUTE = {"piper": 5.0, "espeak": 0.5}
"""Until this server has recorded a minute with an engine: what the benchmark measured."""


def _styles(server) -> list[tuple]:
    natural = server.config.voice.resolved().engine or "espeak"
    paces = server.workshop.resources.paces

    def measured(engine: str) -> float:
        pace = paces.get(engine)
        default = DEFAULT_SECONDS_PER_MINUTE.get(engine, 5.0)
        return pace.per_minute(default) if pace else default

    return voice_styles(natural, {"natural": measured(natural), "fast": measured("espeak")})


async def submit(request: Request) -> Response:
    """Check the form, save its inputs and start the job; the form again, with errors, if not."""
    server = request.app.state.server
    limits = server.config.limits
    try:
        form = await request.form(
            max_files=limits.files, max_fields=200, max_part_size=limits.text_bytes
        )
    except HTTPException as exc:  # too many files, a field over the limit, broken multipart
        errors = Errors()
        errors.add("files" if "file" in str(exc.detail).lower() else "text", _plain(exc.detail))
        return show_form(request, Choices(), errors, 413 if "exceeded" in exc.detail else 400)
    try:
        if not csrf_ok(request.scope, form.get("csrf")):
            return server.pages.error(403, "The form had no valid security token; reload it.")
        return await _start(request, form)
    finally:
        await form.close()


async def _start(request: Request, form) -> Response:
    server = request.app.state.server
    choices = Choices.read(form)
    if form.get("more") == "article":  # "Add another article" without JavaScript
        return show_form(request, choices.with_another_article(), Errors(), adding=True)
    uploads = [
        Upload(item.filename[:200], item.size or 0, item.file)
        for item in form.getlist("files")
        if isinstance(item, UploadFile) and item.filename
    ]
    errors = await run_in_threadpool(check, choices, uploads, server.config, server.voice_names)
    if errors:
        too_large = any("too large" in m or "too long" in m for ms in errors.values() for m in ms)
        return show_form(request, choices, errors, 413 if too_large else 400)
    full = await run_in_threadpool(_disk_full, server, choices, uploads)
    if full:
        errors.add("text", full)
        return show_form(request, choices, errors, 503)
    job_id = new_id()
    folder = server.data.uploads(job_id)
    try:
        inputs, labels = await run_in_threadpool(save_inputs, choices, uploads, folder)
        wanted = build_request(choices, inputs, server.config, server.data.staging(job_id))
    except BriefingError as exc:
        remove(folder)
        errors.add(field_of(exc), describe(exc))
        return show_form(request, choices, errors, 400)
    except BaseException:
        remove(folder)
        raise
    try:
        await run_in_threadpool(server.workshop.start, job_id, wanted, labels)
    except Busy as exc:
        remove(folder)
        errors.add("text", str(exc))
        return show_form(request, choices, errors, 503)
    return RedirectResponse(f"/jobs/{job_id}", 303)


def _disk_full(server, choices, uploads) -> str:
    """Why this form's inputs may not be saved now (the uploads' disk share is full), or ''."""
    limit = server.config.limits.upload_disk
    incoming = len(choices.text.encode("utf-8")) + sum(u.size for u in uploads)
    if server.data.uploads_size() + incoming <= limit:
        return ""
    return (
        f"The server is busy: the briefs being made hold {limit / (1024 * 1024):g} MiB of "
        "uploads already. Try again when one is done."
    )


def job_page(request: Request) -> Response:
    server = request.app.state.server
    job = _job(request)
    if job.state == "done":
        return RedirectResponse(f"/briefs/{job.id}/", 303)
    heard = parts(server.data.listening(job.id)) if job.state == "running" else []
    return server.pages.render(
        request, "job", job=job, progress_text=progress_text(job), parts=heard
    )


def part_file(request: Request) -> Response:
    """One part of a recording in progress, to play before the brief is done."""
    server = request.app.state.server
    job = _job(request)
    name = request.path_params["name"]
    path = server.data.listening(job.id) / name
    if not NAME.match(name) or not path.is_file():
        raise HTTPException(404, "This part is gone: the finished brief has the whole recording.")
    kept = {"cache-control": "private, max-age=3600"}  # a part never changes once listed
    return FileResponse(path, media_type="audio/mpeg", headers=kept)


def _listed(job: Job, heard: list[Heard]) -> list[dict]:
    return [
        {"url": f"/jobs/{job.id}/parts/{h.name}", "title": h.title, "start": h.start, "end": h.end}
        for h in heard
    ]


def _finished_audio(server, job: Job) -> str | None:
    entry = server.store.entry(job.id) if job.state == "done" else None
    audio = entry.file("audio") if entry else None
    return f"/briefs/{job.id}/{audio.name}" if audio else None


async def job_events(request: Request) -> Response:
    """The job's progress as server-sent events: ``progress`` on each change (with the parts
    of the recording ready to hear), then ``end`` (with the finished recording's address)."""
    server = request.app.state.server
    store = server.store
    job = await run_in_threadpool(_job, request)

    async def stream():
        last = ""
        current: Job | None = job
        while current is not None:
            if current.state != "running":
                done = current.state == "done"
                url = f"/briefs/{current.id}/" if done else f"/jobs/{current.id}"
                audio = await run_in_threadpool(_finished_audio, server, current)
                end = {"state": current.state, "url": url, "audio": audio}
                yield {"event": "end", "data": json.dumps(end)}
                return
            heard = await run_in_threadpool(parts, server.data.listening(current.id))
            data = json.dumps(
                {
                    "text": progress_text(current),
                    "step": current.step,
                    "steps": current.steps,
                    "parts": _listed(current, heard),
                }
            )
            if data != last:
                yield {"event": "progress", "data": data}
                last = data
            await asyncio.sleep(POLL_SECONDS)
            current = await run_in_threadpool(store.job, current.id)

    return EventSourceResponse(stream(), ping=15, headers={"cache-control": "no-store"})


def progress_text(job: Job) -> str:
    if not job.stage:
        return f"Starting (step 1 of {job.steps})"
    stage = job.stage[:1].upper() + job.stage[1:]
    return f"{stage} (step {job.step} of {job.steps})"


def _job(request: Request) -> Job:
    job_id = request.path_params["job_id"]
    job = request.app.state.server.store.job(job_id) if ID.match(job_id) else None
    if job is None:
        raise HTTPException(404, "No such job: it may have been deleted with its brief.")
    return job


def _plain(detail: str) -> str:
    """Starlette's messages about a form, in the page's words."""
    files = re.search(r"Maximum number of files is (\d+)", detail)
    if files:
        return f"At most {files[1]} files at once."
    if "exceeded maximum size" in detail:
        return "The pasted text is too long for this server."
    return f"The form could not be read ({detail})."
