"""The ASGI application of ``briefing serve``: its parts, its routes, its start and stop.

:func:`create_app` opens the data directory and its database, marks jobs a
stopped server left running as failed and removes what they left, and wires
the pages to one :class:`~briefing.web.jobs.Workshop` that holds the warm
encoder and voices. Run it with any ASGI server (``briefing serve`` uses uvicorn).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from briefing.resources import Resources
from briefing.web import briefs, make
from briefing.web.config import ServerConfig
from briefing.web.feed import EPISODE, episode_file, podcast
from briefing.web.folders import DataDir
from briefing.web.forms import voice_names
from briefing.web.jobs import Workshop
from briefing.web.pages import Pages
from briefing.web.security import Guard
from briefing.web.store import Store


@dataclass(frozen=True)
class Server:
    """Everything the pages share; ``request.app.state.server``."""

    config: ServerConfig
    data: DataDir
    store: Store
    workshop: Workshop
    pages: Pages
    voice_names: tuple[str, ...]
    recovered: tuple[str, ...]  # jobs found running at start, now failed
    flash: briefs.Flash = field(default_factory=briefs.Flash)  # what a redirect shows once


def create_app(
    config: ServerConfig,
    *,
    resources: Resources | None = None,
) -> Starlette:
    """The app over ``config.data``; the encoder is loaded here when ``resources`` has none."""
    resources = resources or Resources()
    resources.encoder()  # at start, not on the first brief
    data = DataDir(config.data)
    lock = data.lock()
    store = Store(data.database)
    recovered = tuple(store.recover())
    data.prepare({entry.id for entry in store.entries()})
    workshop = Workshop(
        data, store, resources, config.workers,
        queued=config.limits.queued, job_seconds=config.limits.job_seconds,
    )  # fmt: skip
    pages = Pages(config)
    server = Server(config, data, store, workshop, pages, voice_names(config.voice), recovered)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        yield
        workshop.close()
        lock.close()

    app = Starlette(
        routes=ROUTES,
        middleware=[Middleware(Guard, config=config, deny=pages.error)],
        exception_handlers={HTTPException: _http_error},
        lifespan=lifespan,
    )
    app.state.server = server
    return app


async def feed(request: Request) -> Response:
    server: Server = request.app.state.server
    base = server.config.base_url  # never the request's Host: it could name any site
    if server.config.token:
        base += f"t/{server.config.token}/"  # podcast apps keep no cookie: the token rides along
    entries = await run_in_threadpool(server.store.entries)
    xml = await run_in_threadpool(podcast, server.data, entries, base)
    return Response(xml, media_type="application/rss+xml; charset=utf-8")


def episode(request: Request) -> Response:
    server: Server = request.app.state.server
    found = EPISODE.match(request.path_params["name"])
    entry = server.store.entry(found[1]) if found else None
    wanted = episode_file(entry, found[2]) if entry and found else None
    path = server.data.file(entry.id, wanted.name) if entry and wanted else None
    if path is None:
        raise HTTPException(404, "No such episode.")
    media = {".mp3": "audio/mpeg", ".vtt": "text/vtt", ".json": "application/json+chapters"}
    return FileResponse(path, media_type=media[path.suffix])


def static(request: Request) -> Response:
    return request.app.state.server.pages.asset(request.path_params["name"])


GENERIC = {
    404: "There is nothing at this address.",
    405: "This address takes no such request.",
}


def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    ours = exc.detail and exc.detail not in ("Not Found", "Method Not Allowed")
    message = exc.detail if ours else GENERIC.get(status, "The request failed.")
    return request.app.state.server.pages.error(status, message)


ROUTES = [
    Route("/", make.form_page),
    Route("/make", make.submit, methods=["POST"]),
    Route("/jobs/{job_id}", make.job_page),
    Route("/jobs/{job_id}/events", make.job_events),
    Route("/jobs/{job_id}/parts/{name}", make.part_file),
    Route("/library", briefs.library),
    Route("/briefs/{brief_id}", briefs.add_slash),
    Route("/briefs/{brief_id}/", briefs.brief_page),
    Route("/briefs/{brief_id}/send", briefs.send, methods=["POST"]),
    Route("/briefs/{brief_id}/delete", briefs.delete, methods=["POST"]),
    Route("/briefs/{brief_id}/delete", briefs.confirm_delete),
    Route("/briefs/{brief_id}/{name}", briefs.brief_file),
    Route("/feed", briefs.feed_page),
    Route("/feed.xml", feed),
    Route("/podcast/{name}", episode),
    Route("/static/{name}", static),
]
