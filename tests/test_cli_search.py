"""``factcheck search``, ``claims`` filters, ``--json`` / ``--format`` and full-width pipes."""

from __future__ import annotations

import csv
import io
import json

import pytest
from test_review_support import add_article, add_source

from factcheck.review.attribution import override_attribution
from factcheck.review.sources import merge_sources
from factcheck.review.workflow import mark

AR_1 = "قال مسؤول في وزارة الصحة إن المستشفى في مدينة الأسد استقبل أربعين جريحاً."
AR_2 = "وأكدت الوزارة أن الطواقم تعمل دون انقطاع منذ ثلاثة أيام."
EN_1 = "The harbour authority said the new pier would open in April."
EN_2 = "A union spokesperson denied that the strike had ended."


@pytest.fixture
def data(db):
    add_source(db, "health", "وزارة الصحة")
    add_source(db, "harbour", "Harbour Authority")
    add_source(db, "union", "Dockers Union", kind="organization")
    add_source(db, "wire", "Gulf Wire", kind="agency")
    ar, ar_ids = add_article(db, [{"text": AR_1, "source": "health"}, {"text": AR_2, "source": "health"}],
                             lang="ar", title="مستشفى الأسد")
    en, en_ids = add_article(db, [{"text": EN_1, "source": "harbour"}, {"text": EN_2, "source": "union"}],
                             title="Pier and strike\tnews")
    return {"ar": ar, "en": en, "ar_ids": ar_ids, "en_ids": en_ids}


def _json(out: str):
    return json.loads(out)


def test_search_finds_natural_and_folded_spelling(cli, data):
    for query in ("الأسد", "الاسد", "اسد"):
        code, out, err = cli("search", query, "--json")
        assert code == 0, err
        assert [r["ref"] for r in _json(out)] == [f"{data['ar']}:1"], query
    # a joined proclitic: وأكدت is found by أكدت
    assert [r["ref"] for r in _json(cli("search", "اكدت", "--json")[1])] == [f"{data['ar']}:2"]
    # every word must occur
    assert _json(cli("search", "harbour", "strike", "--json")[1]) == []
    assert [r["source"] for r in _json(cli("search", "HARBOUR", "--json")[1])] == ["Harbour Authority"]


def test_search_filters(cli, db, data):
    mark(db, data["en_ids"][1], status="reviewed", verdict="false", reviewer="qa")
    assert [r["ref"] for r in _json(cli("search", "the", "--status", "reviewed", "--json")[1])] == [f"{data['en']}:2"]
    assert [r["verdict"] for r in _json(cli("search", "the", "--verdict", "FALSE", "--json")[1])] == ["false"]
    assert [r["ref"] for r in _json(cli("search", "the", "--verdict", "none", "--json")[1])] == [f"{data['en']}:1"]
    assert _json(cli("search", "the", "--article", data["ar"], "--json")[1]) == []
    assert [r["ref"] for r in _json(cli("search", "the", "--source", "dockers", "--json")[1])] == [f"{data['en']}:2"]
    assert _json(cli("search", "the", "--kind", "agency", "--json")[1]) == []


def test_search_table_and_nothing_found(cli, data):
    code, out, err = cli("search", "pier")
    assert code == 0 and "1 claim" in out and f"{data['en']}:1" in out and "Harbour Authority" in out
    code, out, err = cli("search", "zeppelin")
    assert code == 0 and "no claims match 'zeppelin'" in out


@pytest.mark.parametrize("args, message", [
    (["search", "x", "--status", "done"], "unknown status 'done'"),
    (["search", "x", "--verdict", "maybe"], "unknown verdict 'maybe'"),
    (["search", "x", "--kind", "robot"], "unknown kind 'robot'"),
    (["search", "x", "--source", "nobody at all"], "no source matches 'nobody at all'"),
    (["search", "x", "--article", "99"], "no article 99"),
    (["claims", "--status", "done"], "unknown status 'done'"),
    (["claims", "--json", "--format", "csv"], "--json and --format are exclusive"),
])
def test_bad_filters_are_one_line_errors(cli, data, args, message):
    code, out, err = cli(*args)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_claims_filters_follow_corrections_and_merges(cli, db, data):
    # the reviewer says the union's claim came from the wire; then the wire is merged into the union
    override_attribution(db, data["en_ids"][1], source="wire", kind="agency", reviewer="qa")
    rows = _json(cli("claims", "--kind", "agency", "--json")[1])
    assert [(r["ref"], r["source"], r["overridden"]) for r in rows] == [(f"{data['en']}:2", "Gulf Wire", True)]
    merge_sources(db, "wire", "union", reviewer="qa")
    rows = _json(cli("claims", "--source", "union", "--json")[1])
    assert [(r["ref"], r["source"]) for r in rows] == [(f"{data['en']}:2", "Dockers Union")]
    # the merged-away name still finds the claim (its current source)
    assert [r["ref"] for r in _json(cli("claims", "--source", "gulf wire", "--json")[1])] == [f"{data['en']}:2"]
    # Arabic source names are folded: وزاره الصحه finds وزارة الصحة
    assert len(_json(cli("claims", "--source", "وزاره الصحه", "--json")[1])) == 2


def test_claims_of_every_article_and_formats(cli, data):
    code, out, err = cli("claims", "--format", "tsv")
    lines = out.splitlines()
    assert code == 0 and lines[0].split("\t")[:3] == ["ref", "article_id", "idx"]
    assert len(lines) == 5 and all(len(line.split("\t")) == len(lines[0].split("\t")) for line in lines)
    assert "Pier and strike news" in out  # the tab in the title became a space
    rows = list(csv.DictReader(io.StringIO(cli("claims", str(data["ar"]), "--format", "csv")[1])))
    assert [r["text"] for r in rows] == [AR_1, AR_2]  # logical order, exactly as stored
    assert _json(cli("claims", str(data["en"]), "--json")[1])[0]["text"] == EN_1


def test_articles_json(cli, data):
    rows = _json(cli("articles", "--json")[1])
    assert [(r["id"], r["language"], r["claims"], r["reviewed"]) for r in rows] == [
        (data["ar"], "ar", 2, 0), (data["en"], "en", 2, 0)]
    assert "text" not in rows[0]
    code, out, err = cli("articles", "--format", "tsv")
    assert out.splitlines()[0].startswith("id\ttitle\t")


def test_output_is_sanitised(cli, db):
    add_source(db, "esc", "Evil\x1b[31mSource")
    add_article(db, [{"text": "The mayor\u202e said the bridge\x1b]0;x\x07 was closed.", "source": "esc"}])
    for fmt in ("table", "tsv", "csv", "json"):
        code, out, err = cli("search", "bridge", "--format", fmt)
        assert code == 0 and "\x1b" not in out and "\u202e" not in out and "\x07" not in out, fmt
    assert _json(cli("search", "bridge", "--json")[1])[0]["source"] == "Evil\x1b[31mSource"  # data intact


def test_pipe_tables_are_not_cut_at_80_columns(cli, db, monkeypatch):
    long_claim = "The committee said " + "the inquiry will examine every contract signed since the war began " * 3
    add_article(db, [{"text": long_claim.strip() + "."}])
    monkeypatch.delenv("COLUMNS", raising=False)
    from factcheck.cli import display

    monkeypatch.setattr(display, "stdout_is_terminal", lambda: False)
    code, out, err = cli("claims", "1", "--full")
    row = next(line for line in out.splitlines() if "│" in line and "committee" in line)
    assert long_claim.strip() + "." in row and len(row) > 200


@pytest.mark.parametrize("command", [("claims", "1"), ("articles",), ("sources",), ("extract", "ARTICLE")])
def test_pipe_tables_are_as_wide_as_their_content_not_the_pipe_width(cli, db, monkeypatch, tmp_path, command):
    text = "قالت وزارة الصحة إن المستشفى استقبل أربعين جريحاً.\nThe harbour authority said the pier would open."
    add_article(db, [{"text": line} for line in text.splitlines()], lang="ar", title="مستشفى")
    article = tmp_path / "a.txt"
    article.write_text(text, encoding="utf-8")
    monkeypatch.delenv("COLUMNS", raising=False)
    from factcheck.cli import display

    monkeypatch.setattr(display, "stdout_is_terminal", lambda: False)
    code, out, err = cli(*[str(article) if part == "ARTICLE" else part for part in command])
    assert code == 0, err
    assert out.strip() and max(len(line) for line in out.splitlines()) < 300


def test_datasette_refuses_a_server_database_in_one_line(cli, data, backend):
    if backend != "postgresql":
        pytest.skip("a PostgreSQL database only")
    code, out, err = cli("datasette", "--metadata")
    assert code == 2 and out == ""
    assert err.strip().startswith("error: Datasette reads SQLite files") and len(err.strip().splitlines()) == 1
