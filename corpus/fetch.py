"""Fetch one web page for the corpus, safely: http(s) only, public addresses only, bounded.

A URL comes from a user (and, through the bot, possibly from anybody), so the fetcher must not be
a way into the machine's own network. Every hop's host is resolved here, every address it resolves
to is checked, and the connection then goes to a checked address (the Host header and TLS server
name keep the original host name), so a DNS answer that changes between check and connect cannot
slip a private address in. Redirects are followed by hand, each one checked the same way.
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from corpus.html import HtmlError, decode_html

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], list[IPAddress]]

DEFAULT_TIMEOUT = 15.0
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
PAGE_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
USER_AGENT = "whosaid/0.1 (fetching one news article)"
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class FetchError(Exception):
    """The page could not or must not be fetched; the message is one sentence for the user."""


class PrivateAddress(FetchError):
    """The host is (or resolves to) a loopback, private, link-local or reserved address."""


@dataclass(frozen=True)
class FetchedPage:
    url: str  # after redirects
    kind: str  # "html" or "text"
    text: str


def _embedded_v4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    # IPv6 forms that carry an IPv4 address reach that IPv4 host: judge them by it.
    if isinstance(ip, ipaddress.IPv4Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def address_problem(ip: IPAddress) -> str | None:
    """Why a connection to `ip` is not allowed by default ('loopback', 'private', …), or None."""
    inner = _embedded_v4(ip)
    if inner is not None:
        return address_problem(inner)
    for name in ("loopback", "link_local", "multicast", "unspecified", "reserved", "private"):
        if getattr(ip, f"is_{name}"):
            return name.replace("_", "-")
    if not ip.is_global:
        return "not public"
    return None


def resolve(
    host: str, port: int, *, lookup: Callable[..., Sequence[Any]] = socket.getaddrinfo
) -> list[IPAddress]:
    """Every address `host` resolves to (an IP literal resolves to itself)."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = lookup(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"cannot find the host {host!r} ({error})") from None
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        ip = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if ip not in addresses:
            addresses.append(ip)
    if not addresses:
        raise FetchError(f"cannot find the host {host!r}")
    return addresses


def check_url(url: httpx.URL) -> None:
    """Refuse what is not an http(s) URL with a host; say why in one sentence."""
    scheme = url.scheme.lower()
    if scheme not in ("http", "https"):
        shown = f"{scheme}:" if scheme else "a URL without a scheme"
        raise FetchError(f"only http and https URLs can be fetched, not {shown}")
    if not url.raw_host:
        raise FetchError(f"the URL {url} has no host")
    if url.userinfo:
        raise FetchError("URLs with a user name or password are not fetched")


def _is_literal(host: str, ip: IPAddress) -> bool:
    try:
        return ipaddress.ip_address(host) == ip
    except ValueError:
        return False


@dataclass(frozen=True)
class _Policy:
    allow_private: bool
    allowed_networks: tuple[IPNetwork, ...]
    resolver: Resolver

    def addresses(self, url: httpx.URL) -> list[IPAddress]:
        host = url.raw_host.decode("ascii")
        port = url.port or (443 if url.scheme == "https" else 80)
        addresses = self.resolver(host.strip("[]"), port)
        if self.allow_private:
            return addresses
        for ip in addresses:
            problem = address_problem(ip)
            if problem and not any(ip in net for net in self.allowed_networks):
                where = (
                    str(ip) if _is_literal(url.host, ip) else f"{url.host} resolves to {ip}, which"
                )
                article = "an" if problem[0] in "aeiou" else "a"
                raise PrivateAddress(
                    f"{where} is {article} {problem} address; only public ones are fetched"
                )
        return addresses


def _content_type(response: httpx.Response) -> tuple[str, str | None]:
    header = response.headers.get("content-type")
    if not header:
        raise FetchError("the server did not say what kind of document it sent (no Content-Type)")
    mime, _, params = header.partition(";")
    mime = mime.strip().lower()
    if mime not in PAGE_TYPES:
        raise FetchError(f"the server sent {mime}, not a web page (text/html or text/plain)")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return mime, charset


def _read_capped(response: httpx.Response, max_bytes: int, deadline: float) -> bytes:
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise FetchError(
            f"the page is larger than the {_size(max_bytes)} limit ({_size(int(length))})"
        )
    chunks: list[bytes] = []
    received = 0
    for chunk in response.iter_bytes():
        received += len(chunk)
        if received > max_bytes:
            raise FetchError(f"the page is larger than the {_size(max_bytes)} limit")
        if time.monotonic() > deadline:
            # the read timeout is per chunk; a server trickling bytes must not hold us for ever
            raise FetchError("the server took too long to send the page")
        chunks.append(chunk)
    return b"".join(chunks)


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} kB"


def _send(
    transport: httpx.HTTPTransport, url: httpx.URL, addresses: Sequence[IPAddress], timeout: float
) -> httpx.Response:
    """GET `url` from the first of the checked `addresses` that answers (streamed, not read).

    The transport, not a Client: a Client parses every Location header itself (and fails on
    `javascript:` ones) before the scheme can be judged here.
    """
    headers = {
        "Host": url.netloc.decode("ascii"),
        "User-Agent": USER_AGENT,
        "Accept": "text/html, text/plain;q=0.9",
        # no compression: the size cap then bounds memory too (no deflate bombs)
        "Accept-Encoding": "identity",
    }
    extensions = {
        "sni_hostname": url.raw_host.decode("ascii"),
        "timeout": httpx.Timeout(timeout).as_dict(),
    }
    last: Exception | None = None
    for ip in addresses:
        request = httpx.Request(
            "GET", url.copy_with(host=str(ip)), headers=headers, extensions=extensions
        )
        try:
            return transport.handle_request(request)
        except httpx.ConnectError as error:
            last = error
    raise FetchError(f"could not connect to {url.host} ({last})")


def fetch(
    url: str,
    *,
    allow_private: bool = False,
    allowed_networks: Sequence[IPNetwork] = (),
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    resolver: Resolver = resolve,
    verify: ssl.SSLContext | bool = True,
) -> FetchedPage:
    """Fetch a web page (text/html or text/plain) and decode it, all within `timeout` seconds.

    `allow_private` permits loopback, private, link-local and reserved addresses;
    `allowed_networks` permits only those networks; `verify` is httpx's (an SSLContext trusting
    a private CA, say). Raises FetchError with a user-facing message.

    httpx's timeouts bound each read, not the whole exchange: a server that sends its headers
    one byte a second never trips them. So the fetch runs in a thread that is given up on at
    the deadline (its connection closed under it, so that it ends soon after).
    """
    outcome: list[FetchedPage | BaseException] = []
    transports: list[httpx.HTTPTransport] = []

    def work() -> None:
        try:
            outcome.append(
                _fetch(
                    url,
                    policy=_Policy(allow_private, tuple(allowed_networks), resolver),
                    timeout=timeout,
                    max_bytes=max_bytes,
                    verify=verify,
                    deadline=time.monotonic() + timeout,
                    transports=transports,
                )
            )
        except BaseException as error:  # handed to the caller's thread
            outcome.append(error)

    worker = threading.Thread(target=work, name="whosaid-fetch", daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        for transport in transports:
            with contextlib.suppress(Exception):
                transport.close()
        raise FetchError(f"the server took too long to send the page (more than {timeout:g} s)")
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result


def _fetch(
    url: str,
    *,
    policy: _Policy,
    timeout: float,
    max_bytes: int,
    verify: ssl.SSLContext | bool,
    deadline: float,
    transports: list[httpx.HTTPTransport],
) -> FetchedPage:
    try:
        current = httpx.URL(url.strip())
    except (httpx.InvalidURL, ValueError) as error:
        raise FetchError(f"not a valid URL: {error}") from None
    # trust_env=False: an HTTP proxy from the environment would make the address checks moot.
    with httpx.HTTPTransport(verify=verify, trust_env=False, retries=0) as transport:
        transports.append(transport)
        for hop in range(MAX_REDIRECTS + 1):
            try:
                check_url(current)
                addresses = policy.addresses(current)
            except FetchError as error:
                if hop == 0:
                    raise
                raise type(error)(f"the page redirects to {current}, and {error}") from None
            try:
                response = _send(transport, current, addresses, timeout)
                try:
                    if response.is_redirect:
                        location = response.headers.get("location", "").strip()
                        scheme = _SCHEME.match(location)
                        if scheme and scheme.group(1).lower() not in ("http", "https"):
                            raise FetchError(
                                f"the page redirects to {location[:200]}, and only http and "
                                f"https URLs can be fetched, not {scheme.group(1).lower()}:"
                            )
                        current = current.join(location)
                        continue
                    if response.status_code != 200:
                        raise FetchError(
                            f"the server answered {response.status_code} {response.reason_phrase}"
                        )
                    mime, charset = _content_type(response)
                    data = _read_capped(response, max_bytes, deadline)
                finally:
                    response.close()
            except httpx.TimeoutException:
                raise FetchError(f"{current.host} did not answer within {timeout:g} s") from None
            except httpx.HTTPError as error:
                raise FetchError(f"fetching {current.host} failed: {error}") from None
            except httpx.InvalidURL as error:
                raise FetchError(f"the server redirected to an invalid URL: {error}") from None
            kind = PAGE_TYPES[mime]
            try:
                text = decode_html(data, charset)
            except HtmlError as error:
                raise FetchError(str(error)) from None
            return FetchedPage(url=str(current), kind=kind, text=text)
    raise FetchError(f"more than {MAX_REDIRECTS} redirects")
