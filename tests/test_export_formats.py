"""Every report format for an article reviewed through the library (see test_export_data)."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt
from test_export_data import ARTICLE_AR, DECIDED_EN, FIXED_TIME, INJECTION, ORG, SCRIPT, build_review, claim_row

from factcheck import __version__
from factcheck.errors import InputError
from factcheck.export import FORMATS, collect, export_to_path, render
from factcheck.export.csvfmt import BOM, COLUMNS, neutralise, row_for

VOID = {"meta", "br", "hr", "img", "input", "link", "area", "base", "col", "embed", "source", "track", "wbr"}
SVG_EMPTY = {"rect"}


@pytest.fixture
def reviewed(db):
    built = build_review(db)
    return db, built, collect(db, built.en, generated_at=FIXED_TIME)


class Page(HTMLParser):
    """Collects tags, attributes and text, and checks that elements nest properly."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "style":
            self._in_style = True
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data):
        (self.styles if self._in_style else self.text).append(data)


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


def test_formats_are_the_documented_ones():
    assert FORMATS == ("md", "html", "json", "csv", "claimreview")


def test_every_format_renders_and_unknown_ones_are_refused(reviewed):
    db, built, _ = reviewed
    for fmt in FORMATS:
        assert render(db, built.en, fmt, generated_at=FIXED_TIME, **ORG).strip()
        assert render(db, built.ar, fmt, generated_at=FIXED_TIME, **ORG).strip()
    with pytest.raises(InputError, match="unknown format"):
        render(db, built.en, "pdf")
    with pytest.raises(InputError, match="no article 999"):
        render(db, 999, "md")


# -- the collected review ---------------------------------------------------------------------------


def test_review_reflects_effective_attribution_and_summary(reviewed):
    db, built, review = reviewed
    assert [c["idx"] for c in review["claims"]] == sorted(c["idx"] for c in review["claims"])
    water = claim_row(review, built.refs["water"])
    assert water["attribution"]["name"].casefold() == "local fishermen" and water["attribution"]["kind"] == "anonymous"
    assert water["override"]["note"] == "AFP relayed the fishermen"
    summary = review["summary"]
    verdicts = {v["verdict"]: v["claims"] for v in summary["by_verdict"]}
    assert verdicts["corroborated"] == 2 and verdicts["false"] == 1 and verdicts[None] == len(review["claims"]) - DECIDED_EN
    statuses = {s["status"]: s["claims"] for s in summary["by_status"]}
    assert statuses["needs_follow_up"] == 1 and statuses["in_review"] == 1
    reuters = next(s for s in summary["sources"] if s["name"] == "Reuters")
    assert reuters["grade"] == "B" and reuters["verdicts"] == {"unverified": 1} and reuters["unreviewed"] == 0
    centcom = next(s for s in summary["sources"] if s["name"] == "CENTCOM")
    pentagon = next(s for s in summary["sources"] if s["name"] == "Pentagon")
    assert centcom["family"] == pentagon["family"] == centcom["family_names"][-1] != "CENTCOM"  # registry parents
    warned = {w["idx"] for w in summary["independence_warnings"]}
    assert int(built.refs["centcom"].split(":")[1]) in warned
    assert review["reviewers"] == ["ann", "bob"]  # who only ingested is not a reviewer


def test_open_conflicts_close_when_both_claims_are_decided(db):
    from factcheck.review.workflow import mark

    built = build_review(db)
    assert collect(db, built.en)["summary"]["open_conflicts"] == []  # both ends reviewed with a verdict
    mark(db, built.refs["six"], verdict=None, status="in_review", reviewer="ann")
    conflicts = collect(db, built.en)["summary"]["open_conflicts"]
    assert len(conflicts) == 1 and conflicts[0]["note"] == "14 vs 6"


# -- Markdown -------------------------------------------------------------------------------------


def test_markdown_header_summary_and_claims_in_order(reviewed):
    db, built, review = reviewed
    md = render(db, built.en, "md", generated_at=FIXED_TIME)
    for needle in ["Flooding \\<closes\\> river port", "Riverside Times", "https://news.example/flood?id=1&x=2",
                   "English (en)", "2030-01-01", "ann, bob", "2030-01-02 03:04 UTC", __version__]:
        assert needle in md
    assert "| Maria Lopez | person |" in md
    assert "corroborated only by the same source family" in md
    numbers = [int(n) for n in re.findall(r"^### Claim (\d+) ", md, flags=re.M)]
    assert numbers == [c["idx"] for c in review["claims"]]
    assert "**Via:** AFP" in md
    assert "[Port records](https://port.example/records?day=mon&ships=14)" in md
    assert not re.search(r"^- \*context\*: .*Wrong page", md, flags=re.M)  # removed evidence is not listed
    assert "claim 2 of “فيضانات تغلق ميناء نهريا”" in md  # a link to the other article, named by title
    assert '<div dir="rtl">\n\nارتفع الماء' in md  # an Arabic rationale in an English report


def test_markdown_renders_without_markup_from_content(reviewed):
    db, built, _ = reviewed
    html = MarkdownIt("commonmark", {"html": True}).render(render(db, built.en, "md"))
    page = parse(html)
    assert not [t for t, _ in page.tags if t in ("script", "b", "closes", "i")]
    text = "".join(page.text)
    assert SCRIPT in text and INJECTION["rationale"] in text and "Reuters <b>bold</b>" in text


def test_markdown_arabic_article_is_right_to_left(db):
    built = build_review(db)
    md = render(db, built.ar, "md")
    blocks = re.findall(r'<div dir="rtl">\n\n> (.*?)\n\n</div>', md)
    claims = collect(db, built.ar)["claims"]
    assert blocks == [" ".join(c["text"].split()) for c in claims]  # every claim, in order, right-to-left
    assert all(c["text"] in ARTICLE_AR for c in claims)
    assert "Arabic (ar)" in md
    html = MarkdownIt("commonmark", {"html": True}).render(md)
    assert html.count('<div dir="rtl">') >= len(claims)


# -- HTML -----------------------------------------------------------------------------------------


def test_html_parses_is_self_contained_and_escapes_everything(reviewed):
    db, built, review = reviewed
    text = render(db, built.en, "html", generated_at=FIXED_TIME)
    page = parse(text)
    assert page.errors == [] and page.stack == []
    names = [t for t, _ in page.tags]
    assert "script" not in names and "b" not in names and "closes" not in names
    assert not {"iframe", "object", "embed", "img", "link", "base", "form"} & set(names)
    for tag, attrs in page.tags:
        assert not [a for a in attrs if a.startswith("on")], tag
        assert "src" not in attrs
        if tag == "a":
            assert attrs["href"].startswith(("https://", "http://", "#")), attrs
    assert "url(" not in "".join(page.styles) and "@import" not in "".join(page.styles)
    assert ("meta", {"http-equiv": "Content-Security-Policy"}) in [
        (t, {k: v for k, v in a.items() if k == "http-equiv"}) for t, a in page.tags
    ]
    body = "".join(page.text)
    assert SCRIPT in body and INJECTION["rationale"] in body and "Flooding <closes> river port" in body
    assert "@media print" in "".join(page.styles)
    assert names.count("svg") == 1 and "rect" in names


def test_html_claims_in_order_each_with_dir_auto(reviewed):
    db, built, review = reviewed
    page = parse(render(db, built.en, "html"))
    sections = [a["id"] for t, a in page.tags if t == "section" and a.get("class") == "claim"]
    assert sections == [f"claim-{c['idx']}" for c in review["claims"]]
    quotes = [a for t, a in page.tags if t == "blockquote"]
    assert len(quotes) == len(review["claims"]) and all(a.get("dir") == "auto" for a in quotes)
    ar = parse(render(db, built.ar, "html"))
    assert all(a.get("lang") == "ar" for t, a in ar.tags if t == "blockquote")


def test_html_chart_has_a_bar_per_source(reviewed):
    db, built, review = reviewed
    page = parse(render(db, built.en, "html"))
    titles = [d for d in page.text if ": " in d and d.split(": ")[0] in {s["name"] for s in review["summary"]["sources"]}]
    bars = {t.split(": ")[0] for t in titles}
    assert bars == {s["name"] for s in review["summary"]["sources"]}


def test_non_web_urls_never_become_links(db):
    from factcheck.export.html import render_html
    from factcheck.export.markdown import render_markdown

    built = build_review(db)
    review = collect(db, built.en)
    review["article"]["url"] = "javascript:alert(1)"
    review["claims"][1]["evidence"].append(dict(review["claims"][1]["evidence"][0], url="javascript:alert(2)",
                                                removed=False, title="evil"))
    page = parse(render_html(review))
    assert all(a["href"].startswith(("https://", "http://", "#")) for t, a in page.tags if t == "a")
    assert "](javascript:" not in render_markdown(review)


# -- CSV ------------------------------------------------------------------------------------------


def read_csv(text: str) -> list[list[str]]:
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[len(BOM):], newline="")))


def test_csv_one_row_per_claim_stable_columns(reviewed, tmp_path):
    db, built, review = reviewed
    path = export_to_path(db, built.en, "csv", tmp_path / "r.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == 1 + len(review["claims"])
    by_idx = {int(r[COLUMNS.index("idx")]): dict(zip(COLUMNS, r)) for r in rows[1:]}
    ships = by_idx[int(built.refs["ships"].split(":")[1])]
    assert ships["source"] == "Maria Lopez" and ships["verdict"] == "corroborated" and ships["rating_value"] == "6"
    assert ships["evidence"] == "supports: Port records <https://port.example/records?day=mon&ships=14>"
    assert ships["contradicted_by"] == built.refs["six"].split(":")[1]
    assert ships["corroborated_by"].endswith(":2") and len(ships["corroborated_by"]) == 64 + 2
    water = by_idx[int(built.refs["water"].split(":")[1])]
    assert water["via"] == "AFP" and water["attribution_overridden"] == "yes"
    ar_rows = read_csv(render(db, built.ar, "csv"))
    texts = [c["text"] for c in collect(db, built.ar)["claims"]]
    assert [row[COLUMNS.index("text")] for row in ar_rows[1:]] == texts and "14 سفينة" in "".join(texts)


def test_csv_neutralises_formula_injection(reviewed):
    db, built, review = reviewed
    rows = read_csv(render(db, built.en, "csv"))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    # every value that would start a formula is kept, behind a single quote
    for claim, row in zip(review["claims"], rows[1:]):
        raw = row_for(review, claim)
        for col, cell in zip(COLUMNS, row):
            value = raw[col]
            if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
                assert cell == "'" + value
    cells = {cell for row in rows[1:] for cell in row}
    assert "'" + INJECTION["rationale"] in cells
    assert "'" + INJECTION["assignee"] in cells
    assert any(c.startswith("'=HYPERLINK(") for c in cells if "spreadsheet" in c)
    assert any(c.startswith("'+1 million") for c in cells)
    assert any(c.startswith("'-2 degrees") for c in cells)
    assert any(c.startswith("'@x posted") for c in cells)


def test_neutralise_cases():
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("\tx") == "'\tx" and neutralise("\rx") == "\u240dx"  # a lone CR is shown
    assert neutralise("＝cmd") == "'＝cmd"
    assert neutralise("a=b") == "a=b" and neutralise("قال") == "قال"
    assert neutralise(None) == "" and neutralise(True) == "yes" and neutralise(6) == "6"


# -- ClaimReview ----------------------------------------------------------------------------------


def test_claimreview_fields(reviewed):
    db, built, review = reviewed
    data = json.loads(render(db, built.en, "claimreview", **ORG))
    assert data["@context"] == "https://schema.org"
    graph = data["@graph"]
    decided = [c for c in review["claims"] if c["verdict"]]
    assert len(graph) == len(decided) == DECIDED_EN
    from factcheck.export.claimreview import claim_reviewed

    texts = {claim_reviewed(c): c for c in decided}
    for node in graph:
        assert node["@type"] == "ClaimReview"
        assert node["claimReviewed"] in texts
        assert "url" not in node  # no review URL given: none is made up from the organisation's
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", node["datePublished"])
        assert node["author"] == {"@type": "Organization", "name": ORG["org_name"], "url": ORG["org_url"]}
        rating = node["reviewRating"]
        assert rating["@type"] == "Rating" and rating["bestRating"] == 6 and rating["worstRating"] == 1
        assert rating["alternateName"]
        claim = texts[node["claimReviewed"]]
        if claim["verdict"] == "not checkable":
            assert "ratingValue" not in rating
        else:
            assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        item = node["itemReviewed"]
        assert item["@type"] == "Claim"
        if texts[node["claimReviewed"]]["attribution"]["kind"] == "anonymous":
            assert "author" not in item
        else:
            assert item["author"]["@type"] in ("Person", "Organization") and item["author"]["name"]
        assert item["appearance"][0] == {
            "@type": "NewsArticle", "url": "https://news.example/flood?id=1&x=2",
            "headline": "Flooding <closes> river port", "datePublished": "2030-01-01", "inLanguage": "en",
            "publisher": {"@type": "Organization", "name": "Riverside Times"},
        }
    by_text = {texts[n["claimReviewed"]]["text"]: n for n in graph}
    ships = by_text[claim_row(review, built.refs["ships"])["text"]]
    assert ships["itemReviewed"]["author"] == {"@type": "Person", "name": "Maria Lopez",
                                               "jobTitle": "Harbour Authority spokesperson"}
    assert ships["reviewRating"]["ratingValue"] == 6
    ships_claim = claim_row(review, built.refs["ships"])
    independent = ships_claim["credibility"]["independent_count"] + any(
        e["stance"] == "supports" for e in ships_claim["evidence"])
    assert ships["reviewRating"]["alternateName"] == (
        "Corroborated by independent sources" if independent >= 2 else "Corroborated by one independent source")
    six = by_text[claim_row(review, built.refs["six"])["text"]]
    assert six["itemReviewed"]["author"]["@type"] == "Organization"
    assert six["itemReviewed"]["author"]["name"].casefold() == "trade ministry"
    water = by_text[claim_row(review, built.refs["water"])["text"]]
    assert len(water["itemReviewed"]["appearance"]) == 1  # the relaying agency is no invented appearance
    assert "(via AFP)" in water["claimReviewed"]
    plain = claim_row(review, built.refs["plain"])
    assert plain["attribution"]["kind"] == "unattributed"
    for claim in decided:  # an unattributed claim is the outlet's own
        if claim["attribution"]["kind"] == "unattributed":
            assert by_text[claim["text"]]["itemReviewed"]["author"] == {"@type": "Organization",
                                                                        "name": "Riverside Times"}


def test_claimreview_needs_the_organisation(reviewed):
    db, built, _ = reviewed
    with pytest.raises(InputError, match="--org-name"):
        render(db, built.en, "claimreview")
    with pytest.raises(InputError, match="http"):
        render(db, built.en, "claimreview", org_name="X", org_url="ftp://x.example")


# -- JSON -----------------------------------------------------------------------------------------


def test_json_is_the_complete_versioned_review(reviewed):
    db, built, review = reviewed
    data = json.loads(render(db, built.en, "json", generated_at=FIXED_TIME))
    assert data["schema"] == "factcheck.review/1" and data["generated_at"] == FIXED_TIME
    assert data["generator"] == {"name": "factcheck", "version": __version__}
    assert data["article"]["text"].startswith("Flooding closes river port")
    assert len(data["claims"]) == len(review["claims"])
    assert {"extracted", "override", "attribution", "evidence", "links", "credibility"} <= set(data["claims"][0])
    assert {link["relation"] for link in data["links"]} == {"corroborates", "contradicts", "same_claim", "related"}
    actions = {e["action"] for e in data["events"]}
    assert {"ingest", "override", "mark", "link", "unlink", "evidence", "evidence_removed", "grade"} <= actions
    removed = [e for c in data["claims"] for e in c["evidence"] if e["removed"]]
    assert [e["title"] for e in removed] == ["Wrong page"]
    dumped = json.dumps(data)
    assert '"claim_id": 2' not in dumped and '"source_id":' not in dumped.replace('"source_id": {"$source"', "")
