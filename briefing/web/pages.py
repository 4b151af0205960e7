"""Pages from the templates in ``templates/web/``, and the two static files they use.

The stylesheet is the brief's own (``_style.css.j2``) plus the app's few rules,
rendered once at start; the script is a plain file. Both are served from this
server, as the content-security policy requires: no page has inline script or
style, so nothing in an article's text could ever run.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from briefing.render import Display
from briefing.render.templates import Templates, builtin_templates
from briefing.version import __version__
from briefing.web.config import ServerConfig
from briefing.web.security import CSRF_KEY, TOKEN_KEY

STATUS_TITLES = {
    400: "The request was not understood",
    403: "Not allowed",
    404: "Not found",
    405: "Not allowed",
    413: "Too large",
    500: "Something went wrong",
    502: "The mail server refused",
    503: "The server is busy",
}


class Pages:
    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.templates = Templates()
        self.static = {
            "style.css": (
                self.templates.render("web/style.css.j2", medium="screen", display=Display()),
                "text/css; charset=utf-8",
            ),
            "serve.js": (
                (builtin_templates() / "web" / "serve.js").read_text(encoding="utf-8"),
                "text/javascript; charset=utf-8",
            ),
        }

    def feed_url(self, request: Request | None = None) -> str:
        """The feed's address as a podcast app needs it: with the token, to those who gave it.

        Without ``request`` (a refusal made before any page) never with the token.
        """
        if self.config.token and request is not None and request.scope.get(TOKEN_KEY):
            return f"/t/{self.config.token}/feed.xml"
        return "/feed.xml"

    def render(
        self, request: Request, name: str, status: int = 200, **context: Any
    ) -> HTMLResponse:
        context.setdefault("section", "")
        html = self.templates.render(
            f"web/{name}.html.j2",
            csrf=request.scope.get(CSRF_KEY, ""),
            feed_url=self.feed_url(request),
            version=__version__,
            email=self.config.mailer is not None,
            **context,
        )
        return HTMLResponse(html, status, headers={"cache-control": "no-store"})

    def error(self, status: int, message: str) -> HTMLResponse:
        """A page that says what went wrong, for a request refused before any handler.

        It never shows the token: a refused request may not have brought it.
        """
        html = self.templates.render(
            "web/error.html.j2",
            csrf="",
            feed_url=self.feed_url(),
            version=__version__,
            email=self.config.mailer is not None,
            title=STATUS_TITLES.get(status, "Error"),
            message=message,
            section="",
        )
        return HTMLResponse(html, status, headers={"cache-control": "no-store"})

    def asset(self, name: str) -> Response:
        if name not in self.static:
            return self.error(404, "No such file.")
        content, media_type = self.static[name]
        return Response(content, media_type=media_type, headers={"cache-control": "no-cache"})
