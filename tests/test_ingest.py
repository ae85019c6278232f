"""Reading inputs (encodings, formats, refusals) and storing articles (idempotence, offsets)."""

from __future__ import annotations

import io
import os
import sys

import pytest

from factcheck.text.normalize import fold_name

from factcheck.errors import InputError
from factcheck.ingest import ingest_path, ingest_text, read_input
from factcheck.ingest.pipeline import run_extraction
from factcheck.store.queries import article_claims

# Our own example sentences (not from ../shared).
ARABIC = (
    "قال وزير المالية يوم الاثنين إن العجز في الموازنة تراجع إلى ثلاثة في المئة.\n"
    "وأضاف أن الحكومة ستخفض الإنفاق على الوقود خلال العام المقبل.\n"
    "وبحسب مصادر مصرفية، فإن البنك المركزي يدرس رفع سعر الفائدة."
)
ENGLISH = (
    "The finance minister said on Monday that the budget deficit fell to three percent.\n\n"
    "Officials speaking on condition of anonymity said the central bank was weighing a rate rise.\n\n"
    "Fuel subsidies will be cut next year, according to a ministry statement."
)


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


# -- encodings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, encoding",
    [
        (ARABIC.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + ARABIC.encode("utf-8"), "utf-8-sig"),
        (ARABIC.encode("utf-16"), "utf-16"),  # native order with BOM
        (b"\xff\xfe" + ARABIC.encode("utf-16-le"), "utf-16"),
        (b"\xfe\xff" + ARABIC.encode("utf-16-be"), "utf-16"),
        (ARABIC.encode("utf-32"), "utf-32"),
    ],
)
def test_unicode_encodings_decode_to_the_same_text(tmp_path, data, encoding):
    doc = read_input(write(tmp_path, "a.txt", data))
    assert doc.text == ARABIC
    assert not doc.text.startswith("\ufeff")
    assert doc.encoding == encoding
    assert doc.notice is None


def test_windows_1256_is_detected_with_a_notice(tmp_path):
    doc = read_input(write(tmp_path, "legacy.txt", ARABIC.encode("cp1256")))
    assert doc.text == ARABIC
    assert doc.encoding == "cp1256"
    assert doc.notice == "not UTF-8; decoded as Windows-1256 (legacy Arabic) and stored as UTF-8"


def test_crlf_line_endings_become_newlines(tmp_path):
    doc = read_input(write(tmp_path, "dos.txt", ENGLISH.replace("\n", "\r\n").encode()))
    assert doc.text == ENGLISH


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\r\n  ", "contains only whitespace"),
        ("blank16.txt", "   \n ".encode("utf-16"), "contains only whitespace"),
        ("nul.txt", b"PK\x03\x04\x00\x00binary", "binary file (contains NUL bytes), not text"),
        ("nul16.txt", b"\xff\xfe" + "ab\x00c".encode("utf-16-le"), "binary file (contains NUL characters), not text"),
        # Latin-1 French: not UTF-8, and as Windows-1256 it is not Arabic.
        ("french.txt", "Le président a déclaré à l'été qu'il être prêt".encode("latin-1"),
         "cannot decode: not UTF-8, UTF-16 or Windows-1256 (Arabic) text"),
        ("noise.bin", bytes(range(1, 256)) * 4,
         "cannot decode: not UTF-8, UTF-16 or Windows-1256 (Arabic) text"),
        ("bad16.txt", b"\xff\xfe" + b"\x00\xd8a\x00",  # lone surrogate after a UTF-16 BOM
         "cannot decode: starts with a UTF-16 byte-order mark but is not valid UTF-16"),
        ("data.jsonl", b'{"text": "x"}\n', "a .jsonl data file, not an article (use --format text to read it anyway)"),
    ],
)
def test_bad_inputs_are_refused_naming_the_file(tmp_path, name, data, reason):
    path = write(tmp_path, name, data)
    with pytest.raises(InputError) as info:
        read_input(path)
    assert str(info.value) == f"{path}: {reason}"
    assert info.value.exit_code == 2


def test_size_limit(tmp_path):
    path = write(tmp_path, "big.txt", b"word " * 300)
    with pytest.raises(InputError) as info:
        read_input(path, max_bytes=1000)
    assert str(info.value) == f"{path}: file is too large (1,500 bytes; the limit is 1,000 bytes; see --max-bytes)"
    assert read_input(path, max_bytes=1500).text.startswith("word word")


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match=r"^.*nope\.txt: no such file$"):
        read_input(tmp_path / "nope.txt")
    with pytest.raises(InputError, match=r": is a directory, not a file$"):
        read_input(tmp_path)


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ENGLISH.encode("utf-16"))))
    doc = read_input("-")
    assert doc.text == ENGLISH and doc.encoding == "utf-16"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 50)))
    with pytest.raises(InputError) as info:
        read_input("-", max_bytes=10)
    assert str(info.value) == "stdin: input is too large (over 10 bytes; the limit is 10 bytes; see --max-bytes)"


# -- formats -------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><title>Bank holds rates | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://example.org/bank">
<style>p { color: red }</style><script>document.write("tracking");</script></head>
<body><nav><ul><li>Home</li><li>World</li></ul></nav>
<header><h1>Central bank holds rates</h1></header>
<article><p>The central bank kept its key rate unchanged,
   the governor said on Tuesday.</p>
<p>Prices rose 2&nbsp;percent &amp; wages fell, according to the statistics office.</p>
<p>&#1571;&#1593;&#1604;&#1606;&#1578; &laquo;الوزارة&raquo;<br>سطر ثان</p>
<div hidden>hidden text</div><aside>Related: other story</aside>
<pre>line one
  line two</pre></article>
<footer>Copyright 2024</footer></body></html>"""


def test_html_keeps_paragraphs_and_drops_furniture(tmp_path):
    doc = read_input(write(tmp_path, "page.html", PAGE.encode()))
    assert doc.format == "html"
    assert doc.text == (
        "Central bank holds rates\n\n"
        "The central bank kept its key rate unchanged, the governor said on Tuesday.\n\n"
        "Prices rose 2\u00a0percent & wages fell, according to the statistics office.\n\n"
        "أعلنت «الوزارة»\nسطر ثان\n\n"
        "line one\nline two"  # trafilatura keeps a <pre>'s lines, not their indentation
    ).replace("\u00a0", " ")
    for dropped in ("tracking", "color", "Home", "hidden text", "Related", "Copyright"):
        assert dropped not in doc.text
    assert doc.title == "Central bank holds rates"
    assert doc.meta == {"outlet": "The Daily Example", "published": "2024-03-05", "url": "https://example.org/bank"}


def test_html_title_falls_back_to_title_tag_and_is_sniffed_without_extension(tmp_path):
    doc = read_input(write(tmp_path, "page", b"<html><title>Only a title</title><p>Body text here.</p></html>"))
    assert doc.format == "html"
    assert doc.title == "Only a title"
    assert doc.text == "Body text here."


def test_html_without_text_is_refused(tmp_path):
    path = write(tmp_path, "empty.html", b"<html><script>x()</script><nav>menu</nav></html>")
    with pytest.raises(InputError) as info:
        read_input(path)
    assert str(info.value) == f"{path}: contains only markup, no text (html)"


MARKDOWN = """# Minister *warns* on prices

The minister **said** on [Monday](https://example.org/x) that
prices would `rise` again.

- Officials said wages were frozen.
- Reuters reported a \\*new\\* tax.

> "We will not retreat," she said.

![chart](chart.png)
<!-- editor's note: remove -->
```
raw code line
```
"""


def test_markdown_is_converted_and_stored_converted(tmp_path, db):
    path = write(tmp_path, "note.md", MARKDOWN.encode())
    doc = read_input(path)
    assert doc.format == "markdown"
    assert doc.title == "Minister warns on prices"
    assert doc.text == (
        "Minister warns on prices\n\n"
        "The minister said on Monday that prices would rise again.\n\n"
        "Officials said wages were frozen.\n\n"
        "Reuters reported a *new* tax.\n\n"
        '"We will not retreat," she said.\n\n'
        "raw code line"
    )
    result = ingest_path(db, path)
    stored = db.execute("SELECT text, title FROM articles WHERE id = ?", [result.article_id]).fetchone()
    assert stored == (doc.text, "Minister warns on prices")


# -- storing -------------------------------------------------------------------------------


def test_ingest_stores_claims_with_offsets_into_the_stored_text(db, tmp_path):
    result = ingest_path(db, write(tmp_path, "ar.txt", ARABIC.encode("cp1256")), outlet="Example Wire",
                         published="2024-03-04", reviewer="dana")
    assert result.created and result.language == "ar"
    assert result.notice and "Windows-1256" in result.notice
    article = db["articles"].get(result.article_id)
    assert article["text"] == ARABIC
    assert article["encoding"] == "cp1256" and article["outlet"] == "Example Wire"
    assert article["published"] == "2024-03-04" and article["ingested_by"] == "dana"
    claims = article_claims(db, result.article_id)
    expected = run_extraction(ARABIC, "ar", None)
    assert result.claims == len(claims) == len(expected.claims) > 0
    for row, claim in zip(claims, expected.claims):
        assert ARABIC[row["start"]:row["end"]] == row["text"] == claim.text
        assert row["source_name"] and row["source_kind"]
        if row["mention_text"] is not None:
            assert ARABIC[row["mention_start"]:row["mention_end"]] == row["mention_text"]
    events = list(db.query("SELECT * FROM events WHERE article_id = ?", [result.article_id]))
    assert [(e["action"], e["entity"], e["reviewer"]) for e in events] == [("ingest", "article", "dana")]


def test_ingest_is_idempotent_across_encodings(db, tmp_path):
    first = ingest_path(db, write(tmp_path, "u8.txt", ENGLISH.encode()))
    again = ingest_path(db, write(tmp_path, "u16.txt", ENGLISH.encode("utf-16")))
    direct = ingest_text(db, ENGLISH)
    assert first.created and not again.created and not direct.created
    assert again.article_id == direct.article_id == first.article_id
    assert again.claims == first.claims
    assert db["articles"].count == 1
    assert db.execute("SELECT count(*) FROM events WHERE action = 'ingest'").fetchone()[0] == 1


def test_ingest_refuses_bad_options(db):
    with pytest.raises(InputError, match="bad published date '05/03/2024'"):
        ingest_text(db, ENGLISH, published="05/03/2024")
    with pytest.raises(InputError, match="bad language 'fr'"):
        ingest_text(db, ENGLISH, lang="fr")
    with pytest.raises(InputError, match="contains only whitespace"):
        ingest_text(db, " \n ")
    assert db["articles"].count == 0


def test_language_detection_and_override(db):
    assert ingest_text(db, ARABIC).language == "ar"
    assert ingest_text(db, ENGLISH, lang="en").language == "en"


def test_sources_and_aliases_are_stored(db):
    result = ingest_text(db, ENGLISH)
    claims = article_claims(db, result.article_id)
    for row in claims:
        source = db["sources"].get(row["extracted_source_id"])
        assert source["kind"] == row["source_kind"]
        if row["mention_text"]:
            # Aliases are de-duplicated by folded form ("The finance minister" == "finance minister").
            aliases = [a["alias_norm"] for a in db["source_aliases"].rows_where("source_id = ?", [source["id"]])]
            assert fold_name(row["mention_text"]) in aliases
    orphans = db.execute(
        "SELECT count(*) FROM attribution_via v LEFT JOIN attributions a ON a.id = v.attribution_id WHERE a.id IS NULL"
    ).fetchone()[0]
    assert orphans == 0


def test_failed_write_leaves_nothing(db, monkeypatch):
    import factcheck.ingest.pipeline as pipeline

    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(pipeline, "ensure_source", boom)
    with pytest.raises(RuntimeError):
        ingest_text(db, ENGLISH)
    for table in ("articles", "claims", "attributions", "sources", "events"):
        assert db[table].count == 0, table


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file(tmp_path):
    path = write(tmp_path, "secret.txt", b"text")
    path.chmod(0)
    with pytest.raises(InputError, match="secret.txt: permission denied$"):
        read_input(path)


def test_html_declared_charset_is_used_when_not_utf8(tmp_path):
    page = '<html><head><meta charset="iso-8859-1"><title>Été</title></head><body><p>Le ministre a déclaré.</p></body></html>'
    doc = read_input(write(tmp_path, "fr.html", page.encode("latin-1")))
    assert doc.text == "Le ministre a déclaré." and doc.title == "Été"
    assert doc.encoding == "iso8859-1"
    assert doc.notice == "not UTF-8; decoded as iso8859-1, the charset the page declares"
    # The same bytes as plain text are refused: nothing declares their encoding.
    with pytest.raises(InputError, match="cannot decode"):
        read_input(write(tmp_path, "fr.txt", "Le ministre a déclaré à l'été.".encode("latin-1")))


def test_html_in_windows_1256(tmp_path):
    page = f"<html><body><h1>عنوان الخبر</h1><p>{ARABIC}</p></body></html>"
    doc = read_input(write(tmp_path, "ar.html", page.encode("cp1256")))
    assert doc.encoding == "cp1256" and doc.title == "عنوان الخبر"
    assert doc.text == "عنوان الخبر\n\n" + " ".join(ARABIC.split())
