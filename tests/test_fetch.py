"""The HTTP fetcher against a local server: limits, faults and address checks."""

from __future__ import annotations

import asyncio
import time

import pytest
from feedserver import ETAG, FeedServer

from bot import fetch as fetch_module
from bot.fetch import (
    DEFAULT_USER_AGENT,
    Fetcher,
    FetchError,
    FetchLimits,
    GuardedResolver,
    PrivateAddressError,
    UnsafeURLError,
    check_url,
    decode_body,
    is_public_address,
)

FAST = FetchLimits(timeout=1.5, connect_timeout=1.0, read_timeout=0.5, max_bytes=1024 * 1024,
                   allow_private=True)


@pytest.fixture
async def fetcher():
    async with Fetcher(FAST) as client:
        yield client


async def test_fetches_a_page_with_our_user_agent(server: FeedServer, fetcher: Fetcher) -> None:
    result = await fetcher.fetch(server.url("/news/ru/zavod-taraz.html"))
    assert result.status == 200
    assert result.content_type == "text/html"
    assert "Жамбылской области" in result.text()
    assert server.headers["/news/ru/zavod-taraz.html"]["User-Agent"] == DEFAULT_USER_AGENT


@pytest.mark.parametrize(("path", "reason"), [
    ("/status/404", "HTTP 404"),
    ("/status/500", "HTTP 500"),
    ("/status/503", "HTTP 503"),
    ("/loop/a", "redirect loop"),
    ("/chain/0", "more than 5 redirects"),
])
async def test_faults_are_errors_with_a_reason(server: FeedServer, fetcher: Fetcher, path: str, reason: str) -> None:
    with pytest.raises(FetchError, match=reason):
        await fetcher.fetch(server.url(path))


async def test_a_hanging_server_times_out(server: FeedServer, fetcher: Fetcher) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        await fetcher.fetch(server.url("/hang"))
    assert time.monotonic() - started < FAST.timeout + 1


async def test_a_trickling_server_is_cut_by_the_total_timeout(server: FeedServer, fetcher: Fetcher) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        await fetcher.fetch(server.url("/trickle"))
    assert time.monotonic() - started < FAST.timeout + 1


async def test_a_50_mb_page_is_cut_off_at_the_cap(server: FeedServer, fetcher: Fetcher) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="too large: over 1048576 bytes"):
        await fetcher.fetch(server.url("/huge"))
    assert time.monotonic() - started < 2


async def test_a_gzip_bomb_is_cut_off_at_the_cap_once_inflated(server: FeedServer, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError, match="too large: over 1048576 bytes"):
        await fetcher.fetch(server.url("/gzip-bomb"))


async def test_a_declared_50_mb_page_is_refused_before_reading(server: FeedServer, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError, match="too large: 52428800 bytes"):
        await fetcher.fetch(server.url("/huge-declared"))


async def test_conditional_request_gets_304(server: FeedServer, fetcher: Fetcher) -> None:
    first = await fetcher.fetch(server.url("/etag.xml"))
    assert first.status == 200 and first.etag == ETAG and first.last_modified
    second = await fetcher.fetch(server.url("/etag.xml"), etag=first.etag)
    assert second.not_modified and second.body == b""
    assert server.headers["/etag.xml"]["If-None-Match"] == ETAG
    third = await fetcher.fetch(server.url("/etag.xml"), last_modified=first.last_modified)
    assert third.not_modified


async def test_redirects_are_followed_to_the_final_url(server: FeedServer, fetcher: Fetcher) -> None:
    result = await fetcher.fetch(server.url("/go/dorogi-pavlodar"))
    assert result.url == server.url("/news/ru/dorogi-pavlodar.html")
    assert "Павлодарской" in result.text()


async def test_a_redirect_to_another_scheme_is_refused(server: FeedServer, fetcher: Fetcher) -> None:
    with pytest.raises(UnsafeURLError, match="only http"):
        await fetcher.fetch(server.url("/redirect?to=file:///etc/passwd"))


async def test_windows_1251_page_is_decoded(server: FeedServer, fetcher: Fetcher) -> None:
    result = await fetcher.fetch(server.url("/cp1251/dorogi-pavlodar"))
    assert result.charset == "windows-1251"
    assert "Павлодарской области" in result.text()


def test_decode_body_reads_the_meta_charset_and_falls_back_to_1251() -> None:
    page = '<html><head><meta charset="windows-1251"></head><body>Қостанай облысы</body></html>'
    assert "Қостанай" not in decode_body("Костанай".encode("cp1251"))  # sanity: bytes differ
    assert decode_body('<meta charset="windows-1251"><p>Костанай</p>'.encode("cp1251")).endswith("Костанай</p>")
    assert decode_body("Костанай".encode("cp1251")) == "Костанай"
    assert decode_body(page.encode("utf-8"), "utf-8") == page


async def test_at_most_a_few_requests_to_one_host_at_a_time(server: FeedServer) -> None:
    limits = FetchLimits(timeout=5, per_host=2, allow_private=True)
    async with Fetcher(limits) as client:
        await asyncio.gather(*(client.fetch(server.url(f"/slow?delay=0.1&n={i}")) for i in range(8)))
    assert server.hits["/slow"] == 8
    assert server.max_in_flight == 2


# --- addresses that are never fetched ----------------------------------------------------

@pytest.mark.parametrize("url", [
    "http://127.0.0.1/feed.xml",
    "http://127.1.2.3:8080/",
    "http://localhost/feed",
    "http://api.localhost/feed",
    "http://[::1]/feed",
    "http://[::ffff:127.0.0.1]/feed",
    "http://10.0.0.5/rss",
    "http://192.168.1.1/",
    "http://172.16.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://100.64.0.1/",
    "http://0.0.0.0/",
    "http://[fe80::1]/",
    "http://224.0.0.1/",
])
def test_private_loopback_and_link_local_addresses_are_refused(url: str) -> None:
    with pytest.raises(UnsafeURLError, match="refused"):
        check_url(url)
    check_url(url, allow_private=True)


@pytest.mark.parametrize("url", [
    "ftp://example.kz/feed.xml", "file:///etc/passwd", "gopher://x.kz/", "javascript:alert(1)",
    "data:text/html,hi", "http://", "http://[::1",
])
def test_only_http_and_https_urls_are_fetched(url: str) -> None:
    with pytest.raises(UnsafeURLError):
        check_url(url, allow_private=True)


def test_public_addresses_pass() -> None:
    check_url("https://tengrinews.kz/news.rss")
    check_url("http://93.184.216.34/")
    assert is_public_address("8.8.8.8") and is_public_address("2a00:1450:4001:80b::200e")
    assert not is_public_address("not an address")


async def test_the_test_server_is_refused_unless_settings_allow_it(server: FeedServer) -> None:
    async with Fetcher(FetchLimits(timeout=2)) as client:
        with pytest.raises(UnsafeURLError):
            await client.fetch(server.url("/rss/ru.xml"))
        with pytest.raises(UnsafeURLError):
            await client.fetch(server.url("/rss/ru.xml").replace("127.0.0.1", "localhost"))
    assert server.hits["/rss/ru.xml"] == 0


async def test_names_resolving_to_loopback_are_refused_at_connect_time() -> None:
    resolver = GuardedResolver(allow_private=False)
    try:
        with pytest.raises(PrivateAddressError):
            await resolver.resolve("localhost", 80)
    finally:
        await resolver.close()
    allowing = GuardedResolver(allow_private=True)
    try:
        assert await allowing.resolve("localhost", 80)
    finally:
        await allowing.close()


async def test_a_redirect_from_a_public_host_to_a_private_one_is_refused(
    server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pretend 127.0.0.1 is public: the redirect's target, 127.0.0.2, must still be refused.
    real = fetch_module.is_public_address
    monkeypatch.setattr(fetch_module, "is_public_address", lambda a: a == "127.0.0.1" or real(a))
    async with Fetcher(FetchLimits(timeout=2)) as client:
        target = server.url("/news/ru/zavod-taraz.html").replace("127.0.0.1", "127.0.0.2")
        with pytest.raises(UnsafeURLError, match="refused"):
            await client.fetch(server.url(f"/redirect?to={target}"))
    assert server.hits["/redirect"] == 1 and server.hits["/news/ru/zavod-taraz.html"] == 0


def test_limits_come_from_settings() -> None:
    class Settings:
        allow_private_urls = True
        fetch_max_bytes = 1234
        fetch_user_agent = "test-agent"

    fetcher = Fetcher.from_settings(Settings(), per_host=1)
    assert fetcher.limits.allow_private and fetcher.limits.max_bytes == 1234
    assert fetcher.limits.user_agent == "test-agent" and fetcher.limits.per_host == 1
    assert not Fetcher.from_settings(object()).limits.allow_private
