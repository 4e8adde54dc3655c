"""Fetching feeds and pages over HTTP without trusting the other side.

- Only http and https, and never a private, loopback or link-local address unless
  settings allow it: the check runs on the addresses DNS returns, at connect time,
  so a name that resolves (or re-resolves) to 127.0.0.1 is refused too.
- Timeouts for connecting, for each read and for the whole request: a server that
  hangs or trickles bytes costs seconds, not the poller.
- A size cap on the decompressed body, checked while streaming: a 50 MB page is cut
  off at the cap and refused, never held in memory.
- Redirects followed by hand, each hop checked like the first; a loop or too many
  hops is an error.
- Conditional requests (ETag, Last-Modified), a user agent that says who we are, and
  at most a few requests to one host at a time.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from collections import defaultdict
from dataclasses import dataclass, replace
from urllib.parse import urljoin, urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver

DEFAULT_USER_AGENT = "kzdigest/0.1 (regional news digest of Kazakhstan; feed reader)"
ACCEPT_FEED = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
ACCEPT_PAGE = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"<\?xml[^>]+encoding=[\"']([A-Za-z0-9_-]+)", re.IGNORECASE)


@dataclass(frozen=True)
class FetchLimits:
    timeout: float = 30.0              # the whole request, redirects included, in seconds
    connect_timeout: float = 10.0
    read_timeout: float = 15.0         # between two reads of the body
    max_bytes: int = 5 * 1024 * 1024   # of the decompressed body
    per_host: int = 3                  # requests in flight to one host
    max_redirects: int = 5
    user_agent: str = DEFAULT_USER_AGENT
    allow_private: bool = False        # private, loopback and link-local addresses (tests)


class FetchError(Exception):
    """A URL that could not be fetched; `str()` says why in a line an admin can read."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{reason} ({url})")
        self.url = url
        self.reason = reason
        self.status = status


class UnsafeURLError(FetchError):
    """A URL we refuse to fetch: not http(s), or pointing at a private address."""


class PrivateAddressError(OSError):
    """Raised by the resolver when a name resolves only to addresses we may not reach."""


@dataclass(frozen=True)
class FetchResult:
    url: str                           # after redirects
    status: int                        # 200..299, or 304 for a conditional request that matched
    body: bytes
    content_type: str | None           # the media type, lower case, without parameters
    charset: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        return decode_body(self.body, self.charset)


def decode_body(body: bytes, charset: str | None = None) -> str:
    """Text of a page or feed: the declared charset, else the document's own, else UTF-8,
    else Windows-1251 (older Kazakhstani sites)."""
    head = body[:4096]
    declared = [charset]
    for pattern in (_META_CHARSET, _XML_ENCODING):
        found = pattern.search(head)
        if found:
            declared.append(found.group(1).decode("ascii"))
    for encoding in (*declared, "utf-8"):
        if not encoding:
            continue
        try:
            return body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("cp1251", errors="replace")


# --- which addresses may be fetched -----------------------------------------------------

def is_public_address(address: str) -> bool:
    """A globally routable unicast address (not private, loopback, link-local, CGNAT...)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_url(url: str, allow_private: bool = False) -> None:
    """Raise UnsafeURLError for a URL that is not http(s) or names a private address literally.

    Names are checked when they are resolved (`GuardedResolver`).
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - a malformed port raises here
    except ValueError as error:
        raise UnsafeURLError(url, f"not a valid URL: {error}") from None
    if parts.scheme not in ("http", "https"):
        raise UnsafeURLError(url, "only http:// and https:// URLs are fetched")
    if not host:
        raise UnsafeURLError(url, "the URL has no host")
    if allow_private:
        return
    try:
        ipaddress.ip_address(host)
    except ValueError:
        if host.rstrip(".").lower() == "localhost" or host.rstrip(".").lower().endswith(".localhost"):
            raise UnsafeURLError(url, "refused: a loopback host") from None
        return
    if not is_public_address(host):
        raise UnsafeURLError(url, "refused: a private, loopback or link-local address")


class GuardedResolver(AbstractResolver):
    """DNS resolution that drops addresses we may not reach, at connect time."""

    def __init__(self, allow_private: bool = False) -> None:
        self._inner = DefaultResolver()
        self._allow_private = allow_private

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        if self._allow_private:
            return results
        allowed = [result for result in results if is_public_address(result["host"])]
        if not allowed:
            raise PrivateAddressError(f"{host} resolves only to private, loopback or link-local addresses")
        return allowed

    async def close(self) -> None:
        await self._inner.close()


# --- the fetcher ------------------------------------------------------------------------

class Fetcher:
    """One HTTP client for a run of polls; use `async with Fetcher(limits) as fetcher`."""

    def __init__(self, limits: FetchLimits | None = None) -> None:
        self.limits = limits or FetchLimits()
        self._session: aiohttp.ClientSession | None = None
        self._hosts: defaultdict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(self.limits.per_host)
        )

    @classmethod
    def from_settings(cls, settings: object, **overrides: object) -> Fetcher:
        """A fetcher with the limits the settings give (fields named like FetchLimits'
        with a `fetch_` prefix, when present) and `allow_private_urls`."""
        values: dict[str, object] = {"allow_private": bool(getattr(settings, "allow_private_urls", False))}
        for name in FetchLimits.__dataclass_fields__:
            value = getattr(settings, f"fetch_{name}", None)
            if value is not None:
                values[name] = value
        values.update(overrides)
        return cls(replace(FetchLimits(), **values))

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            limits = self.limits
            connector = aiohttp.TCPConnector(
                resolver=GuardedResolver(limits.allow_private), limit=32, ttl_dns_cache=300
            )
            self._session = aiohttp.ClientSession(
                connector=connector,
                headers={"User-Agent": limits.user_agent, "Accept-Language": "ru, kk;q=0.9, en;q=0.5"},
                timeout=aiohttp.ClientTimeout(
                    total=limits.timeout, connect=limits.connect_timeout, sock_read=limits.read_timeout
                ),
                trust_env=False,       # no proxy from the environment: the address checks must hold
                max_field_size=16 * 1024,
            )
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def fetch(
        self,
        url: str,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = ACCEPT_PAGE,
    ) -> FetchResult:
        """GET `url` (following redirects), within the limits; FetchError on any failure."""
        try:
            return await asyncio.wait_for(
                self._follow(url, etag, last_modified, accept), timeout=self.limits.timeout
            )
        except TimeoutError:
            raise FetchError(url, f"timed out after {self.limits.timeout:g} s") from None

    async def _follow(
        self, url: str, etag: str | None, last_modified: str | None, accept: str
    ) -> FetchResult:
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen = {url}
        current = url
        for _ in range(self.limits.max_redirects + 1):
            check_url(current, self.limits.allow_private)
            result = await self._get(current, headers)
            if isinstance(result, FetchResult):
                return result
            following = urljoin(current, result)
            if following in seen:
                raise FetchError(url, f"redirect loop at {following}")
            seen.add(following)
            current = following
        raise FetchError(url, f"more than {self.limits.max_redirects} redirects")

    async def _get(self, url: str, headers: dict[str, str]) -> FetchResult | str:
        """The response, or the Location a redirect points to."""
        host = (urlsplit(url).hostname or "").lower()
        async with self._hosts[host]:
            try:
                async with self._client().get(url, headers=headers, allow_redirects=False) as response:
                    return await self._respond(url, response)
            except FetchError:
                raise
            except aiohttp.ClientConnectorError as error:
                if isinstance(error.os_error, PrivateAddressError):
                    raise UnsafeURLError(url, f"refused: {error.os_error}") from None
                raise FetchError(url, f"cannot connect: {error.os_error or error}") from None
            except (TimeoutError, aiohttp.ServerTimeoutError):
                raise FetchError(url, "timed out waiting for the server") from None
            except aiohttp.TooManyRedirects:
                raise FetchError(url, "too many redirects") from None
            except (aiohttp.ClientError, ValueError) as error:
                raise FetchError(url, f"HTTP error: {type(error).__name__}: {error}"[:300]) from None

    async def _respond(self, url: str, response: aiohttp.ClientResponse) -> FetchResult | str:
        status = response.status
        if status in _REDIRECTS:
            location = response.headers.get("Location")
            if not location:
                raise FetchError(url, f"HTTP {status} without a Location", status)
            return location
        if status == 304:
            return self._result(url, response, b"")
        if not 200 <= status < 300:
            raise FetchError(url, f"HTTP {status} {response.reason or ''}".strip(), status)
        return self._result(url, response, await self._read_capped(url, response))

    async def _read_capped(self, url: str, response: aiohttp.ClientResponse) -> bytes:
        cap = self.limits.max_bytes
        if response.content_length is not None and response.content_length > cap:
            raise FetchError(url, f"too large: {response.content_length} bytes (limit {cap})")
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.content.iter_chunked(_CHUNK):
            size += len(chunk)
            if size > cap:
                # Leaving the response unread closes the connection: the rest is never downloaded.
                raise FetchError(url, f"too large: over {cap} bytes, cut off")
            chunks.append(chunk)
        return b"".join(chunks)

    @staticmethod
    def _result(url: str, response: aiohttp.ClientResponse, body: bytes) -> FetchResult:
        return FetchResult(
            url=url,
            status=response.status,
            body=body,
            content_type=(response.content_type or None) if response.headers.get("Content-Type") else None,
            charset=response.charset,
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
        )
