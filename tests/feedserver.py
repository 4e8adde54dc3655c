"""A local news site on 127.0.0.1 for the feed tests: fixture feeds and pages, and faults.

Fixture files under `tests/fixtures/feeds/` are served with `{base}` replaced by the
server's URL and `{recent}`/`{recent_iso}`/`{old}` by publication dates (an hour ago,
and 60 days ago), so items are news whenever the tests run.

Routes:
  /rss/ru.xml /atom/kk.xml /other/rss.xml /hostile.xml   feeds (fixtures)
  /malformed.xml /bomb.xml /xxe.xml                     broken and hostile feeds
  /etag.xml                                             the ru feed with ETag and Last-Modified; 304 when they match
  /news/..., /other/..., /index.html                    article pages and a home page announcing feeds
  /go/<slug>                                            302 to /news/ru/<slug>.html (a tracking redirect)
  /cp1251/<slug>                                        a ru page served in Windows-1251
  /status/<code>                                        that status
  /hang                                                 never answers (until the server stops)
  /trickle                                              answers 200, then a byte every 0.2 s
  /huge                                                 50 MB streamed without a length
  /huge-declared                                        50 MB with Content-Length
  /gzip-bomb                                            50 KB of gzip that inflate to 50 MB
  /loop/a, /loop/b                                      a redirect loop
  /chain/<n>                                            redirects to /chain/<n+1>, for ever
  /redirect?to=URL                                      302 to URL
  /slow?delay=S                                         a small page after S seconds; counts requests in flight
"""

from __future__ import annotations

import asyncio
import gzip
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from functools import lru_cache
from pathlib import Path

from aiohttp import web

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "feeds"
HUGE_BYTES = 50 * 1024 * 1024
ETAG = '"feed-v1"'
LAST_MODIFIED = "Tue, 04 Mar 2025 06:00:00 GMT"
FEEDS = {
    "/rss/ru.xml": "rss_ru.xml",
    "/atom/kk.xml": "atom_kk.xml",
    "/other/rss.xml": "rss_reprint.xml",
    "/hostile.xml": "rss_hostile_items.xml",
    "/malformed.xml": "malformed.xml",
    "/bomb.xml": "bomb.xml",
    "/xxe.xml": "xxe.xml",
}


@lru_cache(maxsize=1)
def _gzip_bomb() -> bytes:
    return gzip.compress(b"\0" * HUGE_BYTES, compresslevel=9)


class FeedServer:
    """Start with `await server.start()` (or `with FeedServer.in_thread()` from sync code)."""

    def __init__(self) -> None:
        self.base = ""
        self.hits: Counter[str] = Counter()
        self.headers: dict[str, dict[str, str]] = {}     # the last request's headers, by path
        self.in_flight = 0
        self.max_in_flight = 0
        self.outages: dict[str, int] = {}                  # path: the status it answers for now
        self._stopping = asyncio.Event()
        self._runner: web.AppRunner | None = None

    # --- life cycle ------------------------------------------------------------------

    async def start(self) -> str:
        app = web.Application()
        app.middlewares.append(self._count)
        app.router.add_get("/etag.xml", self._etag_feed)
        app.router.add_get("/status/{code}", self._status)
        app.router.add_get("/hang", self._hang)
        app.router.add_get("/trickle", self._trickle)
        app.router.add_get("/huge", self._huge)
        app.router.add_get("/huge-declared", self._huge_declared)
        app.router.add_get("/gzip-bomb", self._gzip_bomb)
        app.router.add_get("/loop/a", self._redirect_to("/loop/b"))
        app.router.add_get("/loop/b", self._redirect_to("/loop/a"))
        app.router.add_get("/chain/{n}", self._chain)
        app.router.add_get("/redirect", self._redirect)
        app.router.add_get("/go/{slug}", self._go)
        app.router.add_get("/cp1251/{slug}", self._cp1251)
        app.router.add_get("/slow", self._slow)
        app.router.add_get("/{path:.*}", self._fixture)
        self._stopping = asyncio.Event()
        self._runner = web.AppRunner(app, handler_cancellation=True, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.base = f"http://127.0.0.1:{port}"
        return self.base

    async def stop(self) -> None:
        self._stopping.set()
        if self._runner is not None:
            await self._runner.cleanup()

    @classmethod
    @contextmanager
    def in_thread(cls) -> Iterator[FeedServer]:
        """The server on its own event loop in a thread, for tests that run `asyncio.run`."""
        server = cls()
        loop = asyncio.new_event_loop()
        started = threading.Event()

        def run() -> None:
            asyncio.set_event_loop(loop)
            loop.run_until_complete(server.start())
            started.set()
            loop.run_forever()

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        started.wait(5)
        try:
            yield server
        finally:
            asyncio.run_coroutine_threadsafe(server.stop(), loop).result(5)
            loop.call_soon_threadsafe(loop.stop)
            thread.join(5)
            loop.close()

    def url(self, path: str) -> str:
        return self.base + path

    # --- helpers ---------------------------------------------------------------------

    @web.middleware
    async def _count(self, request: web.Request, handler) -> web.StreamResponse:
        self.hits[request.path] += 1
        self.headers[request.path] = dict(request.headers)
        if request.path in self.outages:
            return web.Response(status=self.outages[request.path], text="outage")
        return await handler(request)

    def _render(self, name: str) -> bytes:
        now = datetime.now(UTC)
        text = (FIXTURES / name).read_text(encoding="utf-8")
        for key, value in {
            "{base}": self.base,
            "{recent}": format_datetime(now - timedelta(hours=1), usegmt=True),
            "{recent_iso}": (now - timedelta(hours=1)).isoformat(timespec="seconds"),
            "{old}": format_datetime(now - timedelta(days=60), usegmt=True),
        }.items():
            text = text.replace(key, value)
        return text.encode("utf-8")

    # --- routes ----------------------------------------------------------------------

    async def _fixture(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["path"]
        if path in FEEDS:
            kind = "application/atom+xml" if path.startswith("/atom") else "application/rss+xml"
            return web.Response(body=self._render(FEEDS[path]), content_type=kind, charset="utf-8")
        file = (FIXTURES / path.lstrip("/")).resolve()
        if FIXTURES not in file.parents or not file.is_file() or file.suffix != ".html":
            raise web.HTTPNotFound()
        return web.Response(body=self._render(str(file.relative_to(FIXTURES))), content_type="text/html",
                            charset="utf-8")

    async def _etag_feed(self, request: web.Request) -> web.Response:
        if request.headers.get("If-None-Match") == ETAG or request.headers.get("If-Modified-Since") == LAST_MODIFIED:
            return web.Response(status=304, headers={"ETag": ETAG})
        return web.Response(
            body=self._render("rss_ru.xml"), content_type="application/rss+xml", charset="utf-8",
            headers={"ETag": ETAG, "Last-Modified": LAST_MODIFIED},
        )

    async def _status(self, request: web.Request) -> web.Response:
        return web.Response(status=int(request.match_info["code"]), text="error page")

    async def _hang(self, request: web.Request) -> web.Response:
        await self._stopping.wait()
        return web.Response(text="too late")

    async def _trickle(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        await response.prepare(request)
        while not self._stopping.is_set():
            await response.write(b"<")
            await asyncio.sleep(0.2)
        return response

    async def _huge(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        await response.prepare(request)
        chunk = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n"
        try:
            for _ in range(HUGE_BYTES // len(chunk)):
                await response.write(chunk)
        except (ConnectionResetError, ConnectionError):
            pass  # the client hung up at its cap, as it should
        return response

    async def _huge_declared(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        response.content_length = HUGE_BYTES
        await response.prepare(request)
        try:
            for _ in range(HUGE_BYTES // (64 * 1024)):
                await response.write(b"x" * 64 * 1024)
        except (ConnectionResetError, ConnectionError):
            pass
        return response

    async def _gzip_bomb(self, request: web.Request) -> web.Response:
        return web.Response(body=_gzip_bomb(), headers={"Content-Type": "text/html", "Content-Encoding": "gzip"})

    def _redirect_to(self, target: str):
        async def handler(request: web.Request) -> web.Response:
            raise web.HTTPFound(target)
        return handler

    async def _chain(self, request: web.Request) -> web.Response:
        raise web.HTTPFound(f"/chain/{int(request.match_info['n']) + 1}")

    async def _redirect(self, request: web.Request) -> web.Response:
        raise web.HTTPFound(request.query["to"])

    async def _go(self, request: web.Request) -> web.Response:
        raise web.HTTPFound(f"/news/ru/{request.match_info['slug']}.html")

    async def _cp1251(self, request: web.Request) -> web.Response:
        text = self._render(f"news/ru/{request.match_info['slug']}.html").decode("utf-8")
        text = text.replace('<meta charset="utf-8">', '<meta charset="windows-1251">')
        return web.Response(body=text.encode("cp1251"), headers={"Content-Type": "text/html; charset=windows-1251"})

    async def _slow(self, request: web.Request) -> web.Response:
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            await asyncio.sleep(float(request.query.get("delay", "0.1")))
        finally:
            self.in_flight -= 1
        return web.Response(text="<html><body><p>ok</p></body></html>", content_type="text/html")
