"""The fetcher against a real HTTP server on 127.0.0.1 (and 127.0.0.2 for a second host)."""

from __future__ import annotations

import functools
import ipaddress
import re
import socket
import ssl
import time
from pathlib import Path

import pytest

from corpus.fetch import (
    FetchError,
    IPAddress,
    PrivateAddress,
    address_problem,
    fetch,
    resolve,
)
from tests.corpus.web_server import Page, html_page, redirect, serve

RIVER = (Path(__file__).parent / "fixtures_html" / "river-deal.html").read_text(encoding="utf-8")
TLS = Path(__file__).parent / "fixtures_tls"
LOOPBACK_ONLY = [ipaddress.ip_network("127.0.0.1/32")]


def test_page_is_fetched_from_a_private_address_when_allowed() -> None:
    with serve({"/story": html_page(RIVER)}) as site:
        page = fetch(site.url("/story"), allow_private=True)
    assert page.kind == "html"
    assert page.url == site.url("/story")
    assert "Marat Dosanov, deputy minister for water resources" in page.text
    # the connection went to the checked address but still names the host it was asked for
    assert site.requests == [("/story", f"127.0.0.1:{site.port}")]


def test_loopback_is_refused_without_permission_and_never_contacted() -> None:
    with serve({"/story": html_page(RIVER)}) as site:
        with pytest.raises(PrivateAddress, match=r"127\.0\.0\.1 is a loopback address"):
            fetch(site.url("/story"))
        with pytest.raises(PrivateAddress, match=r"localhost resolves to .*loopback"):
            fetch(f"http://localhost:{site.port}/story")
    assert site.requests == []


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://0x7f000001/", "0x7f000001 resolves to 127.0.0.1, which is a loopback address"),
        ("http://2130706433/", "2130706433 resolves to 127.0.0.1, which is a loopback address"),
        ("http://127.1/", "127.1 resolves to 127.0.0.1, which is a loopback address"),
        ("http://LOCALHOST/", "localhost resolves to 127.0.0.1, which is a loopback address"),
        ("http://[::ffff:127.0.0.1]/", "::ffff:7f00:1 is a loopback address"),
        ("http://0/", "0 resolves to 0.0.0.0, which is an unspecified address"),
        ("https://10.1.2.3/", "10.1.2.3 is a private address"),
    ],
)
def test_loopback_in_disguise_is_still_refused(url: str, message: str) -> None:
    with pytest.raises(PrivateAddress, match=re.escape(message)):
        fetch(url)


def test_redirect_to_a_private_address_is_refused_before_connecting() -> None:
    with (
        serve({"/inside": html_page(RIVER)}, host="127.0.0.2") as inside,
        serve(
            {"/go": redirect(inside.url("/inside")), "/meta": redirect("http://169.254.169.254/")}
        ) as outside,
    ):
        # the first host is allowed, the one it redirects to is not
        with pytest.raises(PrivateAddress, match=r"redirects to http://127\.0\.0\.2:\d+/inside"):
            fetch(outside.url("/go"), allowed_networks=LOOPBACK_ONLY)
        with pytest.raises(PrivateAddress, match=r"169\.254\.169\.254 is a link-local address"):
            fetch(outside.url("/meta"), allowed_networks=LOOPBACK_ONLY)
        assert inside.requests == []
        # with permission the same redirect is followed, to the second host
        page = fetch(outside.url("/go"), allow_private=True)
        assert page.url == inside.url("/inside")
        assert inside.requests == [("/inside", f"127.0.0.2:{inside.port}")]


def tls_contexts() -> tuple[ssl.SSLContext, ssl.SSLContext]:
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(TLS / "news-test.crt", TLS / "news-test.key")
    client = ssl.create_default_context(cafile=str(TLS / "news-test.crt"))
    return server, client


def to_loopback(host: str, port: int) -> list[IPAddress]:
    return [ipaddress.ip_address("127.0.0.1")]


def test_https_connects_to_the_checked_address_but_verifies_the_host_name() -> None:
    # news.test "resolves" to 127.0.0.1; the certificate is for news.test, not for the address
    server_tls, client_tls = tls_contexts()
    with serve({"/story": html_page(RIVER)}, tls=server_tls) as site:
        url = site.url("/story", host="news.test", scheme="https")
        page = fetch(url, allow_private=True, resolver=to_loopback, verify=client_tls)
        assert page.url == url
        assert "Marat Dosanov" in page.text
        assert site.requests == [("/story", f"news.test:{site.port}")]
        # a name the certificate does not cover fails, although the address is the same
        other = site.url("/story", host="other.test", scheme="https")
        with pytest.raises(
            FetchError, match=r"could not connect to other\.test .*certificate is not valid"
        ):
            fetch(other, allow_private=True, resolver=to_loopback, verify=client_tls)


@pytest.mark.parametrize(
    "target", ["file:///etc/passwd", "ftp://127.0.0.1/x", "javascript:alert(1)", "data:,hi"]
)
def test_redirect_to_another_scheme_is_refused_even_when_private_is_allowed(target: str) -> None:
    with serve({"/go": redirect(target, status=301)}) as site:
        scheme = target.split(":", 1)[0]
        with pytest.raises(FetchError, match=f"only http and https URLs.*not {scheme}:"):
            fetch(site.url("/go"), allow_private=True)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "ftp://example.com/story.html",
        "javascript:alert(document.cookie)",
        "gopher://example.com/",
        "data:text/html,<p>hi</p>",
        "//example.com/story",
        "example.com/story",
    ],
)
def test_only_http_and_https_urls_are_fetched(url: str) -> None:
    with pytest.raises(FetchError, match="only http and https URLs can be fetched"):
        fetch(url, allow_private=True)


def test_credentials_in_the_url_are_refused() -> None:
    with (
        serve({"/": html_page(RIVER)}) as site,
        pytest.raises(FetchError, match="user name or password"),
    ):
        fetch(f"http://reader:secret@127.0.0.1:{site.port}/", allow_private=True)
    assert site.requests == []


def test_every_address_of_a_host_is_checked() -> None:
    # a name with one public and one private address must not be fetched: either may be used
    def resolver(host: str, port: int) -> list[IPAddress]:
        return [ipaddress.ip_address("93.184.215.14"), ipaddress.ip_address("10.1.2.3")]

    with pytest.raises(PrivateAddress, match=r"news\.example resolves to 10\.1\.2\.3"):
        fetch("https://news.example/story", resolver=resolver)


def test_a_name_that_does_not_resolve_is_a_clear_error() -> None:
    # getaddrinfo's own failure, without asking a real DNS server (no network in tests)
    def getaddrinfo(host: str, port: int, **kwargs: object) -> list[object]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    with pytest.raises(FetchError, match=r"cannot find the host 'no-such-host\.invalid'"):
        fetch(
            "http://no-such-host.invalid/story",
            resolver=functools.partial(resolve, lookup=getaddrinfo),
        )


def test_oversize_page_is_refused_by_its_content_length() -> None:
    big = html_page(RIVER + "<p>" + "water " * 20_000 + "</p>")
    with serve({"/big": big}) as site, pytest.raises(FetchError, match="larger than the 20 kB"):
        fetch(site.url("/big"), allow_private=True, max_bytes=20 * 1024)


def test_oversize_page_without_content_length_is_cut_off_while_reading() -> None:
    body = ("<p>" + "water " * 5_000 + "</p>").encode()
    page = Page(body=body, headers={"Content-Type": "text/html"}, trickle=0.0001)
    with serve({"/big": page}) as site, pytest.raises(FetchError, match="larger than the 10 kB"):
        fetch(site.url("/big"), allow_private=True, max_bytes=10 * 1024)


@pytest.mark.parametrize(
    ("content_type", "message"),
    [
        ("application/pdf", "sent application/pdf, not a web page"),
        ("image/png", "sent image/png, not a web page"),
        ("application/json; charset=utf-8", "sent application/json, not a web page"),
        (None, "did not say what kind of document"),
    ],
)
def test_wrong_content_type_is_refused(content_type: str | None, message: str) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    with (
        serve({"/doc": Page(body=b"%PDF-1.4 ...", headers=headers)}) as site,
        pytest.raises(FetchError, match=message),
    ):
        fetch(site.url("/doc"), allow_private=True)


def test_plain_text_is_accepted_and_decoded_with_its_charset() -> None:
    text = "Фермеры ждут воду.\n\n«Мы поверим соглашению», — сказала она."
    page = Page(body=text.encode("cp1251"), headers={"Content-Type": "text/plain; charset=cp1251"})
    with serve({"/t.txt": page}) as site:
        fetched = fetch(site.url("/t.txt"), allow_private=True)
    assert (fetched.kind, fetched.text) == ("text", text)


def test_error_status_is_reported() -> None:
    with serve({}) as site, pytest.raises(FetchError, match="the server answered 404 Not Found"):
        fetch(site.url("/missing"), allow_private=True)


def test_redirect_loop_stops() -> None:
    with (
        serve({"/a": redirect("/b"), "/b": redirect("/a")}) as site,
        pytest.raises(FetchError, match="more than 5 redirects"),
    ):
        fetch(site.url("/a"), allow_private=True)
    assert len(site.requests) == 6


def test_a_server_trickling_bytes_is_given_up_on() -> None:
    page = Page(body=RIVER.encode() * 4, headers={"Content-Type": "text/html"}, trickle=0.05)
    with serve({"/slow": page}) as site:
        started = time.monotonic()
        with pytest.raises(FetchError, match="took too long"):
            fetch(site.url("/slow"), allow_private=True, timeout=0.5)
    assert time.monotonic() - started < 3


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("10.0.0.1", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.1", "private"),
        ("fd00::1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "not public"),  # carrier-grade NAT
        ("::ffff:10.0.0.1", "private"),  # IPv4-mapped
        ("::ffff:127.0.0.1", "loopback"),
        ("2002:7f00:1::", "loopback"),  # 6to4 wrapping 127.0.0.1
        ("64:ff9b::a00:1", "private"),  # NAT64 wrapping 10.0.0.1
        ("8.8.8.8", None),
        ("2001:4860:4860::8888", None),
    ],
)
def test_address_classes(address: str, problem: str | None) -> None:
    assert address_problem(ipaddress.ip_address(address)) == problem
