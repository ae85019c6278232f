"""Main text and metadata of news pages (fixtures written for this project, in the style of real
outlets: cookie banner, navigation, share buttons, related links, newsletter box, comments, JSON-LD)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.ingest.html import html_to_text
from factcheck.ingest.read import read_input, text_title
from factcheck.store.queries import article_claims
from factcheck.ingest import ingest_path
from factcheck.text.segment import segment

FIXTURES = Path(__file__).parent / "fixtures" / "web"
PAGES = sorted(FIXTURES.glob("*.html"))


def expected(page: Path) -> dict:
    return json.loads(page.with_suffix(".expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_stored_text_is_the_article_and_only_the_article(page):
    want = expected(page)
    doc = read_input(page)
    assert doc.format == "html"
    # every article paragraph, in order, each a paragraph of its own; nothing else
    assert doc.text.split("\n\n") == want["paragraphs"]
    for furniture in want["boilerplate"]:
        assert furniture not in doc.text, furniture


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_metadata_from_the_page(page):
    want = expected(page)
    doc = read_input(page)
    assert doc.title == want["title"]
    assert doc.meta == want["meta"]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_claims_are_in_line_with_the_sentences_and_offsets_hold(db, page):
    result = ingest_path(db, page)
    article = db["articles"].get(result.article_id)
    want = expected(page)
    assert article["title"] == want["title"] and article["outlet"] == want["meta"]["outlet"]
    assert article["url"] == want["meta"]["url"] and article["published"] == want["meta"]["published"]
    sentences = len(segment(article["text"], article["language"]))
    assert sentences >= len(want["paragraphs"])
    claims = article_claims(db, result.article_id)
    assert sentences * 0.7 <= len(claims) <= sentences * 1.5, (len(claims), sentences)
    for claim in claims:
        assert article["text"][claim["start"]:claim["end"]] == claim["text"]


def test_hidden_elements_are_dropped_and_the_title_tag_alone_is_not_text():
    page = ("<html><head><title>Tab title</title></head><body><article>"
            "<p>The mayor said the bridge would reopen on Friday after repairs.</p>"
            '<p hidden>secret draft</p><p aria-hidden="true">icon label</p><p style="display: none">gone</p>'
            "</article></body></html>")
    result = html_to_text(page)
    assert result.text == "The mayor said the bridge would reopen on Friday after repairs."
    assert result.title == "Tab title"


def test_a_byline_separator_is_not_part_of_the_author():
    page = ('<html><head><meta name="author" content="Tomas Lindqvist ·"></head><body><article><h1>Port strike</h1>'
            "<p>Dockworkers began a strike on Thursday, the union said in a statement.</p></article></body></html>")
    assert html_to_text(page).meta["author"] == "Tomas Lindqvist"


@pytest.mark.parametrize("text, title", [
    ("Minister resigns over housing scandal\n\nThe minister resigned on Monday, officials said.", "Minister resigns over housing scandal"),
    ("وزير الإسكان يستقيل\nقال مسؤولون إن الوزير استقال يوم الاثنين.", "وزير الإسكان يستقيل"),
    # a long first paragraph is not a headline: its first sentence is the title
    ("The minister resigned on Monday after a week of protests over housing, officials said. "
     "He denied wrongdoing.\n\nMore text.", "The minister resigned on Monday after a week of protests over housing, officials said."),
    # a hard-wrapped first paragraph: the first line goes on in the next one
    ("The minister resigned on Monday after a week\nof protests, officials said.\n", "The minister resigned on Monday after a week of protests, officials said."),
    ("A lede sentence that ends with a full stop.\nSecond line.", "A lede sentence that ends with a full stop."),
])
def test_plain_text_title_is_the_first_line_only_when_it_is_a_headline(text, title):
    assert text_title(text) == title


@pytest.mark.parametrize("page", PAGES + [Path(__file__).parent.parent / "samples" / "en_port_strike.html"],
                         ids=lambda p: p.stem)
def test_nothing_trafilatura_finds_is_lost_on_the_way_to_the_stored_text(page):
    import trafilatura

    from factcheck.ingest.read import decode

    source = decode(page.read_bytes(), page.name, html=True)[0]
    plain = trafilatura.extract(source, include_comments=False, include_tables=True) or ""
    stored = read_input(page).text.split("\n\n")
    lines = [" ".join(line.split()) for line in plain.split("\n") if line.strip()]
    assert lines and all(line in stored for line in lines), [line for line in lines if line not in stored]
