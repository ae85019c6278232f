"""Fetching a web page (or feed) over HTTP(S) with the standard library.

Bounded in every direction: a timeout per network operation and for the whole download, a size
limit (checked against ``Content-Length`` and while reading), a maximum number of redirects (only
to http/https), and a check that the answer is the kind of document asked for (HTML or a feed).
Every failure is an :class:`InputError` with one line naming the URL and what went wrong (DNS, TLS,
refused, timeout, HTTP 404, server error, not HTML, too large).

The result keeps the raw bytes as they came (decompressed when the server sent them compressed),
the final URL after redirects, the HTTP status and the fetch time; :func:`decode_page` turns the
bytes into text (the header's charset, else the page's own declaration and the usual checks).
"""

from __future__ import annotations

import http.client
import re
import socket
import ssl
import time
import urllib.error
import urllib.request
import zlib
from datetime import datetime, timezone
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from factcheck import __version__
from factcheck.errors import InputError

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_REDIRECTS = 5
USER_AGENT = f"factcheck/{__version__} (a fact-checking tool; one page at a time)"

HTML_TYPES = {"text/html", "application/xhtml+xml"}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"}
#: Types that say nothing about the content: the bytes are looked at instead.
_VAGUE_TYPES = {"", "application/octet-stream", "text/plain", "binary/octet-stream"}
_HTML_START = re.compile(rb"\A(\xef\xbb\xbf)?\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.I | re.S)
_FEED_START = re.compile(rb"\A(\xef\xbb\xbf)?\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)[\s>]", re.I | re.S)
_CHUNK = 64 * 1024


@dataclass(slots=True)
class Fetched:
    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    fetched_at: str  # ISO 8601 UTC
    content_type: str  # media type, lower case, without parameters
    charset: str | None  # from the Content-Type header
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def is_url(text: str) -> bool:
    """True for an http:// or https:// address (what ``ingest`` fetches instead of opening)."""
    return bool(re.match(r"(?i)^https?://", str(text).strip()))


class _Redirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, limit: int):
        self.max_redirections = limit

    def http_error_302(self, req, fp, code, msg, headers):  # urllib API
        location = headers.get("location") or headers.get("uri")
        if location and urlsplit(urljoin(req.full_url, location)).scheme.lower() not in ("http", "https"):
            fp.close()
            raise InputError(f"{req.full_url}: redirected to {location!r}, which is not an http(s) address")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _check_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or any(ch.isspace() for ch in url):
        raise InputError(f"bad URL {url!r}: expected an http:// or https:// address")
    return url


def _reason(url: str, exc: BaseException, timeout: float) -> str:
    """One line for a network failure."""
    host = urlsplit(url).hostname or url
    reason = exc.reason if isinstance(exc, urllib.error.URLError) and not isinstance(exc, urllib.error.HTTPError) else exc
    if isinstance(reason, socket.gaierror):
        return f"cannot resolve host {host} (DNS lookup failed)"
    if isinstance(reason, ssl.SSLCertVerificationError):
        detail = getattr(reason, "verify_message", None) or getattr(reason, "reason", None) or reason
        return f"TLS certificate of {host} not accepted: {detail}"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error with {host}: {getattr(reason, 'reason', None) or reason}"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"timed out after {timeout:g} s"
    if isinstance(reason, ConnectionRefusedError):
        return f"connection refused by {host}"
    if isinstance(reason, ConnectionResetError):
        return f"connection reset by {host}"
    if isinstance(reason, http.client.HTTPException):
        return f"bad response from {host} ({type(reason).__name__})"
    if isinstance(reason, OSError):
        return f"cannot connect to {host}: {reason.strerror or reason}"
    return f"cannot fetch: {reason}"


def _media_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    parts = [part.strip() for part in header.split(";")]
    charset = None
    for part in parts[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return parts[0].lower(), charset


def _check_kind(url: str, kind: str, content_type: str, body: bytes) -> None:
    head = body[:4096]
    if kind == "html":
        if content_type in HTML_TYPES or (content_type in _VAGUE_TYPES and _HTML_START.match(head)):
            return
        raise InputError(f"{url}: not an HTML page (content type {content_type or 'not given'})")
    if content_type in FEED_TYPES or content_type.endswith("+xml") or _FEED_START.match(head):
        return
    raise InputError(f"{url}: not an RSS or Atom feed (content type {content_type or 'not given'})")


def _decompress(url: str, body: bytes, encoding: str, max_bytes: int) -> bytes:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return body
    try:
        if encoding in ("gzip", "x-gzip"):
            decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            decoder = zlib.decompressobj()
        else:
            raise InputError(f"{url}: the server sent an unsupported content encoding {encoding!r}")
        data = decoder.decompress(body, max_bytes + 1)
    except zlib.error:
        raise InputError(f"{url}: the server sent a damaged {encoding} body") from None
    if len(data) > max_bytes:
        raise InputError(f"{url}: page is too large (over {max_bytes:,} bytes uncompressed; see --max-bytes)")
    return data


def fetch(
    url: str,
    *,
    kind: str = "html",
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = 5_000_000,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
) -> Fetched:
    """GET ``url`` and return the page; ``kind`` is ``html`` or ``feed`` (what must come back)."""
    url = _check_url(url)
    opener = urllib.request.build_opener(_Redirects(max_redirects))
    request = urllib.request.Request(url, headers={
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5" if kind == "html"
        else "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5",
        "Accept-Encoding": "gzip",
    })
    deadline = time.monotonic() + timeout
    fetched_at = datetime.now(timezone.utc).isoformat(timespec="microseconds")
    try:
        response = opener.open(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        exc.close()
        if 300 <= exc.code < 400 and "infinite loop" in str(exc.msg):
            raise InputError(f"{url}: too many redirects (more than {max_redirects})") from None
        what = "server error: " if exc.code >= 500 else ""
        raise InputError(f"{url}: {what}HTTP {exc.code} {exc.reason}".rstrip()) from None
    except InputError:
        raise
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        raise InputError(f"{url}: {_reason(url, exc, timeout)}") from None
    except ValueError as exc:
        raise InputError(f"bad URL {url!r}: {exc}") from None
    with response:
        status = response.status
        final_url = response.geturl()
        headers = {key.lower(): value for key, value in response.headers.items()}
        content_type, charset = _media_type(headers.get("content-type"))
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > max_bytes:
            raise InputError(f"{url}: page is too large ({int(length):,} bytes; the limit is {max_bytes:,}; see --max-bytes)")
        chunks: list[bytes] = []
        size = 0
        try:
            while True:
                if time.monotonic() > deadline:
                    raise TimeoutError
                chunk = response.read(_CHUNK)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if size > max_bytes:
                    raise InputError(f"{url}: page is too large (over {max_bytes:,} bytes; see --max-bytes)")
        except InputError:
            raise
        except (OSError, http.client.HTTPException) as exc:
            raise InputError(f"{url}: {_reason(url, exc, timeout)} while downloading") from None
    body = _decompress(url, b"".join(chunks), headers.get("content-encoding", ""), max_bytes)
    if not body:
        raise InputError(f"{url}: the server sent an empty page (HTTP {status})")
    _check_kind(url, kind, content_type, body)
    return Fetched(url, final_url, status, fetched_at, content_type, charset, body, headers)


def decode_page(data: bytes, name: str, header_charset: str | None = None) -> tuple[str, str, str | None]:
    """``(text, encoding, notice)`` of an HTML page: the HTTP header's charset when it decodes the
    bytes, else the file rules (BOM, UTF-8, the page's ``<meta charset>``, Windows-1256), else
    charset_normalizer's best guess (with a notice)."""
    import codecs

    from factcheck.ingest.read import decode

    if header_charset:
        try:
            encoding = codecs.lookup(header_charset).name
            return data.decode(encoding), encoding, None
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return decode(data, name, html=True)
    except InputError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None or not str(best).strip():
            raise
        return str(best), best.encoding, f"charset not declared; guessed {best.encoding}"

