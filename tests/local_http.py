"""A plain HTTP server on 127.0.0.1 for tests and benchmarks, stopped on the way out."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def http_server(handler) -> Iterator[str]:
    """``handler`` served on a free 127.0.0.1 port; yields the base URL; stopped on the way out."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
