"""Fetching over HTTP from a local server: limits, redirects, charsets and one-line errors."""

from __future__ import annotations

import gzip
import socket
import ssl
import urllib.error

import pytest

from factcheck.errors import InputError
from factcheck.ingest import fetch as fetch_mod
from factcheck.ingest.feed import parse_date, parse_feed
from factcheck.ingest.fetch import decode_page, fetch, is_url
from webserver import Server

HTML = "<!DOCTYPE html><html><body><article><p>The mayor said the bridge would reopen.</p></article></body></html>"


@pytest.fixture
def server():
    with Server() as srv:
        yield srv


def error(call) -> str:
    with pytest.raises(InputError) as info:
        call()
    message = str(info.value)
    assert "\n" not in message
    return message


def test_fetch_records_status_final_url_and_time(server):
    target = server.page("/story", HTML)
    url = server.redirect("/short", "/story", status=301)
    page = fetch(url)
    assert page.status == 200 and page.final_url == target and page.url == url
    assert page.body == HTML.encode() and page.content_type == "text/html" and page.charset == "utf-8"
    assert page.fetched_at.endswith("+00:00")


def test_redirects_are_bounded(server):
    server.redirect("/a", "/b")
    server.redirect("/b", "/a")
    assert error(lambda: fetch(server.url("/a"), max_redirects=3)).endswith("too many redirects (more than 3)")
    server.redirect("/js", "javascript:alert(1)")
    assert "not an http(s) address" in error(lambda: fetch(server.url("/js")))


@pytest.mark.parametrize("status, text", [(404, "HTTP 404 Not Found"), (410, "HTTP 410 Gone"),
                                          (500, "server error: HTTP 500 Internal Server Error"),
                                          (503, "server error: HTTP 503 Service Unavailable")])
def test_http_errors(server, status, text):
    url = server.page("/x", "nope", status=status)
    assert error(lambda: fetch(url)) == f"{url}: {text}"


def test_not_html_and_too_large(server):
    pdf = server.page("/doc.pdf", b"%PDF-1.7 ...", content_type="application/pdf")
    assert error(lambda: fetch(pdf)) == f"{pdf}: not an HTML page (content type application/pdf)"
    big = server.page("/big", "<html><body>" + "x" * 5000 + "</body></html>")
    assert "page is too large (5,026 bytes; the limit is 1,000" in error(lambda: fetch(big, max_bytes=1000))
    # a page without a Content-Length is cut off while reading
    server.routes["/chunky"] = (200, {"Content-Type": "text/html", "Content-Length": ""}, b"<html>" + b"y" * 200_000)
    assert "page is too large (over 100,000 bytes" in error(lambda: fetch(server.url("/chunky"), max_bytes=100_000))
    # an untyped answer is looked at: HTML passes, anything else does not
    assert fetch(server.page("/untyped", HTML, content_type="application/octet-stream")).body == HTML.encode()


def test_gzip_body_is_decompressed_and_bounded(server):
    url = server.page("/gz", gzip.compress(HTML.encode()), **{"Content-Encoding": "gzip"})
    assert fetch(url).body == HTML.encode()
    bomb = server.page("/bomb", gzip.compress(b"<html>" + b" " * 2_000_000), **{"Content-Encoding": "gzip"})
    assert "too large (over 100,000 bytes uncompressed" in error(lambda: fetch(bomb, max_bytes=100_000))


def test_timeout(server):
    server.routes["/slow"] = (0, {}, None)
    url = server.url("/slow")
    assert error(lambda: fetch(url, timeout=0.3)) == f"{url}: timed out after 0.3 s"


def test_connection_refused_dns_and_tls_are_one_line(monkeypatch):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    assert error(lambda: fetch(url)) == f"{url}: connection refused by 127.0.0.1"

    class Opener:
        def __init__(self, reason):
            self.reason = reason

        def open(self, *args, **kwargs):
            raise urllib.error.URLError(self.reason)

    cases = [
        (socket.gaierror(-2, "Name or service not known"), "cannot resolve host news.example (DNS lookup failed)"),
        (ssl.SSLCertVerificationError(1, "certificate verify failed"), "TLS certificate of news.example not accepted"),
    ]
    for reason, text in cases:
        monkeypatch.setattr(fetch_mod.urllib.request, "build_opener", lambda *a, r=reason: Opener(r))
        assert text in error(lambda: fetch("https://news.example/a"))
    assert error(lambda: fetch("ftp://news.example/a")) == "bad URL 'ftp://news.example/a': expected an http:// or https:// address"


def test_charsets():
    arabic = "<html><body><p>قال الوزير إن الجسر مفتوح.</p></body></html>"
    assert decode_page(arabic.encode("cp1256"), "u", "windows-1256")[:2] == (arabic, "cp1256")
    assert decode_page(arabic.encode("utf-8"), "u", None)[:2] == (arabic, "utf-8")
    declared = '<html><head><meta charset="windows-1256"></head><body><p>قال الوزير إن الجسر مفتوح.</p></body></html>'
    text, encoding, notice = decode_page(declared.encode("cp1256"), "u", None)
    assert text == declared and encoding == "cp1256" and "declares" in notice
    # a wrong header charset that cannot decode the bytes is not trusted
    assert decode_page(arabic.encode("utf-8"), "u", "ascii")[:2] == (arabic, "utf-8")


def test_is_url():
    assert is_url("https://a.example/x") and is_url("HTTP://a.example")
    assert not is_url("samples/a.html") and not is_url("-") and not is_url("ftp://a.example")


RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Courier: Transport</title>
<item><title>Night trains halted</title><link>https://news.example/a</link><pubDate>Tue, 07 May 2024 06:45:00 +0100</pubDate></item>
<item><title>Same link again</title><link>https://news.example/a</link></item>
<item><title>By guid</title><guid isPermaLink="true">https://news.example/b</guid><dc:date>2024-05-06T10:00:00Z</dc:date></item>
<item><title>No link</title><guid isPermaLink="false">tag:x</guid></item>
<item><title>Bad link</title><link>javascript:alert(1)</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>الوادي: اقتصاد</title>
<entry><title>خطة لزيادة واردات القمح</title><id>urn:1</id>
<link rel="alternate" type="text/html" href="/economy/wheat"/><link rel="enclosure" href="/img.jpg"/>
<published>2024-11-18T08:10:00+03:00</published><updated>2024-11-19T08:10:00+03:00</updated></entry>
<entry><title>Updated only</title><id>urn:2</id><link href="https://alwadi.example/b"/><updated>2024-11-17T00:00:00Z</updated></entry>
</feed>""".encode()


def test_rss_and_atom():
    feed = parse_feed(RSS, "rss")
    assert feed.title == "Courier: Transport"
    assert [(i.link, i.title, i.published) for i in feed.items] == [
        ("https://news.example/a", "Night trains halted", "2024-05-07"),
        ("https://news.example/b", "By guid", "2024-05-06"),
    ]
    atom = parse_feed(ATOM, "atom", base_url="https://alwadi.example/feed.xml")
    assert atom.title == "الوادي: اقتصاد"
    assert [(i.link, i.title, i.published) for i in atom.items] == [
        ("https://alwadi.example/economy/wheat", "خطة لزيادة واردات القمح", "2024-11-18"),
        ("https://alwadi.example/b", "Updated only", "2024-11-17"),
    ]


def test_bad_feeds_and_entities_are_refused_one_line():
    assert error(lambda: parse_feed(b"<html><body>x</body></html>", "f")) == "f: not an RSS or Atom feed (the document is <html>)"
    assert error(lambda: parse_feed(b"not xml at all", "f")).startswith("f: not a valid RSS or Atom feed")
    laughs = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
              b"<rss><channel><title>&b;</title></channel></rss>")
    try:
        feed = parse_feed(laughs, "f")
    except InputError:
        return
    assert "aaaa" not in (feed.title or "")


def test_feed_dates():
    assert parse_date("Tue, 07 May 2024 06:45:00 GMT") == "2024-05-07"
    assert parse_date("2024-02-30T00:00:00Z") is None and parse_date("soon") is None and parse_date(None) is None
