"""``factcheck ingest URL``, ``--feed``, ``snapshot`` and ``article`` end to end against a local server."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from factcheck.cli import main
from factcheck.store import open_db
from webserver import Server

FIXTURES = Path(__file__).parent / "fixtures" / "web"
EN = FIXTURES / "en_rail_bridge.html"
AR = FIXTURES / "ar_wheat_imports.html"


@pytest.fixture
def run(capsys, monkeypatch, db_path):
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("FACTCHECK_REVIEWER", "qa")
    monkeypatch.delenv("FACTCHECK_DB", raising=False)

    def invoke(*args):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
        try:
            main(["--db", str(db_path), *map(str, args)])
            code = 0
        except SystemExit as exc:
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


@pytest.fixture
def server():
    with Server() as srv:
        srv.page("/en/rail.html", EN.read_bytes())
        srv.page("/ar/wheat", AR.read_bytes(), content_type="text/html")  # charset only in the page
        yield srv


def test_ingest_url_stores_article_metadata_and_snapshot(run, server, db_path, tmp_path):
    url = server.redirect("/r/1", "/en/rail.html")
    code, out, err = run("ingest", url)
    assert code == 0, err
    assert out.startswith(f"{url}: article 1, ")
    db = open_db(db_path)
    art = db["articles"].get(1)
    assert art["title"] == "Night trains halted after cracks found in river bridge"
    assert art["outlet"] == "Northern Courier" and art["published"] == "2024-05-07"
    assert art["url"] == "https://northern-courier.example/news/2024/05/07/night-trains-halted-bridge"
    assert art["source_path"] == url and "We use cookies" not in art["text"] and "trainspotter77" not in art["text"]
    shot = db.execute("SELECT final_url, http_status, kind, size, length(body) FROM web_snapshots").fetchone()
    assert shot[:4] == (server.url("/en/rail.html"), 200, "fetch", EN.stat().st_size)
    assert shot[4] < shot[3]  # stored compressed
    code, _, err = run("snapshot", "1", "-o", tmp_path / "page.html")
    assert code == 0 and (tmp_path / "page.html").read_bytes() == EN.read_bytes()
    assert "wrote" in err
    # the same page again: nothing new, one snapshot
    code, out, _ = run("ingest", server.url("/en/rail.html"))
    assert code == 0 and "already ingested as article 1" in out
    assert db.execute("SELECT count(*) FROM web_snapshots").fetchone()[0] == 1


def test_arabic_page_in_windows_1256(run, server, db_path):
    code, out, err = run("ingest", server.url("/ar/wheat"))
    assert code == 0, err
    assert "(ar)" in out and "Windows-1256" not in err  # the page's own declaration decided
    art = open_db(db_path)["articles"].get(1)
    assert art["encoding"] == "cp1256" and art["outlet"] == "صحيفة الوادي" and art["published"] == "2024-11-18"
    assert art["text"].startswith("الحكومة تعلن خطة لزيادة واردات القمح بعد موسم جاف\n\nأعلنت وزارة التجارة")


def test_a_batch_with_bad_urls_still_ingests_the_good_ones(run, server, db_path):
    server.page("/pdf", b"%PDF-1.4", content_type="application/pdf")
    server.page("/down", "oops", status=503)
    code, out, err = run("ingest", server.url("/missing"), server.url("/en/rail.html"), server.url("/pdf"),
                         server.url("/down"), server.url("/ar/wheat"))
    assert code == 2
    errors = [line for line in err.splitlines() if line.startswith("error: ")]
    assert errors == [
        f"error: {server.url('/missing')}: HTTP 404 Not Found",
        f"error: {server.url('/pdf')}: not an HTML page (content type application/pdf)",
        f"error: {server.url('/down')}: server error: HTTP 503 Service Unavailable",
    ]
    assert "summary: 2 ingested" in err and "3 failed" in err
    assert open_db(db_path).execute("SELECT count(*) FROM articles").fetchone()[0] == 2


def test_a_single_failing_url_is_one_line_and_non_zero(run, server):
    code, out, err = run("ingest", server.url("/nothing-here"))
    assert code == 2 and out == ""
    assert err.strip() == f"error: {server.url('/nothing-here')}: HTTP 404 Not Found"


def test_saved_page_is_ingested_with_its_snapshot(run, db_path, tmp_path):
    code, out, err = run("ingest", EN)
    assert code == 0, err
    code, _, _ = run("snapshot", "1", "-o", tmp_path / "again.html")
    assert code == 0 and (tmp_path / "again.html").read_bytes() == EN.read_bytes()
    code, out, _ = run("article", "1")
    assert "snapshot:" in out and "file" in out and "Northern Courier" in out


def test_parallel_batch_mixes_urls_files_and_saved_pages(run, server, db_path, tmp_path):
    """--jobs extracts files in workers; URLs are fetched in order and saved pages keep their snapshot."""
    text = tmp_path / "note.txt"
    text.write_text("Port workers walked out on Monday, the union said.\n", encoding="utf-8")
    url = server.url("/ar/wheat")
    code, out, err = run("ingest", "--jobs", "2", text, url, EN)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith(f"{text}: article 1") and lines[1].startswith(f"{url}: article 2")
    assert lines[2].startswith(f"{EN}: article 3")
    db = open_db(db_path)
    kinds = dict(db.execute("SELECT article_id, kind FROM web_snapshots").fetchall())
    assert kinds == {2: "fetch", 3: "file"}


def test_snapshot_of_a_text_article_is_a_clear_error(run, tmp_path, db_path):
    path = tmp_path / "a.txt"
    path.write_text("Rail strike called off\n\nThe union said the strike was called off.\n", encoding="utf-8")
    assert run("ingest", path)[0] == 0
    code, out, err = run("snapshot", "1", "-o", tmp_path / "x.html")
    assert code == 2 and err.strip() == ("error: article 1 has no stored page "
                                         "(it was not ingested from a URL or an HTML file)")
    assert open_db(db_path)["articles"].get(1)["title"] == "Rail strike called off"


FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Mixed feed</title>
<item><title>Night trains halted (feed title)</title><link>{en}</link><pubDate>Mon, 06 May 2024 22:00:00 GMT</pubDate></item>
<item><title>القمح</title><link>{ar}</link><pubDate>Mon, 18 Nov 2024 05:00:00 GMT</pubDate></item>
<item><title>Gone</title><link>{gone}</link></item>
</channel></rss>"""


def test_feed_items_are_ingested_once_across_runs(run, server, db_path, tmp_path):
    feed = FEED.format(en=server.url("/en/rail.html"), ar=server.url("/ar/wheat"), gone=server.url("/gone"))
    feed_url = server.page("/feed.xml", feed, content_type="application/rss+xml")
    code, out, err = run("ingest", "--feed", feed_url)
    assert code == 2  # one item failed
    assert f"error: {server.url('/gone')}: HTTP 404 Not Found" in err
    assert "summary: 2 ingested" in err
    db = open_db(db_path)
    assert db["articles"].get(1)["title"] == "Night trains halted (feed title)"
    assert db["articles"].get(1)["published"] == "2024-05-06"  # the feed's date
    states = dict(db.execute("SELECT link, state FROM feed_items").fetchall())
    assert states == {server.url("/en/rail.html"): "ingested", server.url("/ar/wheat"): "ingested",
                      server.url("/gone"): "failed"}
    hits = dict(server.hits)
    # a second run fetches only what failed before; the same feed from a file works too
    path = tmp_path / "feed.xml"
    path.write_text(feed, encoding="utf-8")
    server.page("/gone", EN.read_bytes().replace(b"Alder", b"Elder"))
    code, out, err = run("ingest", "--feed", path)
    assert code == 0, err
    assert server.hits["/en/rail.html"] == hits["/en/rail.html"] and server.hits["/ar/wheat"] == hits["/ar/wheat"]
    assert out.count("already ingested as article") == 2 and f"{server.url('/gone')}: article 3" in out
    code, out, err = run("ingest", "--feed", server.url("/missing-feed"))
    assert code == 2 and err.strip() == f"error: {server.url('/missing-feed')}: HTTP 404 Not Found"
    code, out, err = run("ingest", "--feed", feed_url, "--title", "x")
    assert code == 2 and "not with --feed" in err


def test_reviewer_fixes_metadata_with_an_audit_event(run, server, db_path):
    assert run("ingest", server.url("/en/rail.html"))[0] == 0
    code, out, err = run("article", "1", "--title", "Night trains halted on the Alder line", "--outlet", "The Courier",
                         "--published", "2024-05-06", "--url", "https://courier.example/a", "--reviewer", "lina")
    assert code == 0, err
    assert "title: Night trains halted after cracks found in river bridge -> Night trains halted on the Alder line" in out
    db = open_db(db_path)
    art = db["articles"].get(1)
    assert (art["title"], art["outlet"], art["published"], art["url"]) == (
        "Night trains halted on the Alder line", "The Courier", "2024-05-06", "https://courier.example/a")
    event = db.execute("SELECT reviewer, action, entity, entity_id, before, after FROM events WHERE action = 'metadata'").fetchone()
    assert event[:4] == ("lina", "metadata", "article", 1)
    assert json.loads(event[4])["outlet"] == "Northern Courier" and json.loads(event[5])["outlet"] == "The Courier"
    assert run("article", "1", "--outlet", "")[0] == 0 and db["articles"].get(1)["outlet"] is None
    code, out, _ = run("article", "1", "--outlet", "")
    assert code == 0 and "nothing to change" in out
    for args, message in ((["--published", "May 6"], "bad published date"), (["--url", "javascript:x"], "bad article URL")):
        code, out, err = run("article", "1", *args)
        assert code == 2 and err.startswith(f"error: {message}") and len(err.splitlines()) == 1
    code, out, err = run("article", "9", "--title", "x")
    assert code == 2 and "no article 9" in err
    code, out, _ = run("history", "1:1")
    assert code == 0
    data = json.loads(run("article", "1", "--json")[1])
    assert data["title"] == "Night trains halted on the Alder line" and data["snapshots"][0]["http_status"] == 200


def test_deleting_an_article_deletes_its_snapshots_and_keeps_the_feed_record(run, server, db_path):
    feed = FEED.format(en=server.url("/en/rail.html"), ar=server.url("/ar/wheat"), gone=server.url("/ar/wheat"))
    feed_url = server.page("/feed.xml", feed, content_type="application/xml")
    assert run("ingest", "--feed", feed_url)[0] == 0
    code, out, err = run("delete", "1", "--yes")
    assert code == 0, err
    db = open_db(db_path)
    assert db.execute("SELECT count(*) FROM web_snapshots WHERE article_id = 1").fetchone()[0] == 0
    code, out, err = run("ingest", "--feed", feed_url)
    assert code == 0 and "already ingested from a feed (the article was deleted since)" in out
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
