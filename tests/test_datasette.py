"""The database in Datasette (its own test client): natural-spelling search, source search, the
shipped views and the metadata of ``factcheck datasette``."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from test_review_support import add_article, add_source

from factcheck.datasette import db_name, metadata
from factcheck.review.attribution import override_attribution
from factcheck.review.sources import merge_sources
from factcheck.review.workflow import mark

datasette_app = pytest.importorskip("datasette.app")

AR = "قال مسؤول عسكري إن الطائرة هبطت في قاعدة عين الأسد بعد منتصف الليل."
AR_FOLDED_ONLY = "وذكرت مصادر أن الاسد لم يعلق على الهجوم."  # written without hamza in the article
EN = "The coastguard said two boats were stopped near the harbour."


@pytest.fixture
def stored(db, db_path):
    add_source(db, "army", "المتحدث العسكري", kind="person")
    add_source(db, "coast", "Coastguard Command")
    add_source(db, "wire", "Baltic Wire", kind="agency")
    ar, ar_ids = add_article(db, [{"text": AR, "source": "army"}, {"text": AR_FOLDED_ONLY}], lang="ar")
    en, en_ids = add_article(db, [{"text": EN, "source": "coast"}])
    override_attribution(db, en_ids[0], source="wire", kind="agency", reviewer="qa")
    merge_sources(db, "wire", "coast", reviewer="qa")
    mark(db, ar_ids[0], status="reviewed", verdict="corroborated", reviewer="qa")
    return {"ar": ar, "en": en}


async def _get(db_path, path: str):
    ds = datasette_app.Datasette([str(db_path)], metadata=metadata(db_name(db_path)))
    await ds.invoke_startup()
    response = await ds.client.get(path)
    assert response.status_code == 200, response.text
    return response


async def test_claims_search_finds_natural_and_folded_spelling(db_path, stored):
    name = db_name(db_path)
    for query, expected in (("الأسد", {AR}), ("الاسد", {AR, AR_FOLDED_ONLY})):
        rows = (await _get(db_path, f"/{name}/claims.json?_shape=array&_search={quote(query)}")).json()
        assert {r["text"] for r in rows} == expected, query


async def test_sources_are_searchable_by_name(db_path, stored):
    name = db_name(db_path)
    rows = (await _get(db_path, f"/{name}/sources.json?_shape=array&_search=coastguard")).json()
    assert [r["name"] for r in rows] == ["Coastguard Command"]
    rows = (await _get(db_path, f"/{name}/sources.json?_shape=array&_search={quote('العسكري')}")).json()
    assert [r["key"] for r in rows] == ["army"]


async def test_shipped_views(db_path, stored):
    name = db_name(db_path)
    rows = (await _get(db_path, f"/{name}/claims_current.json?_shape=array&_sort=claim_id")).json()
    by_ref = {r["ref"]: r for r in rows}
    corrected = by_ref[f"{stored['en']}:1"]
    # the reviewer's correction (Baltic Wire), followed through the merge into Coastguard Command
    assert (corrected["source_name"], corrected["source_kind"], corrected["overridden"]) == (
        "Coastguard Command", "agency", 1)
    reviewed = by_ref[f"{stored['ar']}:1"]
    assert (reviewed["status"], reviewed["verdict"], reviewed["source_name"]) == (
        "reviewed", "corroborated", "المتحدث العسكري")
    # the view is searchable through the claims index
    rows = (await _get(db_path, f"/{name}/claims_current.json?_shape=array&_search={quote('الأسد')}")).json()
    assert [r["ref"] for r in rows] == [f"{stored['ar']}:1"]
    summary = {r["key"]: r for r in (await _get(db_path, f"/{name}/sources_summary.json?_shape=array")).json()}
    assert "wire" not in summary  # merged away
    assert (summary["coast"]["claims"], summary["army"]["claims"], summary["army"]["reviewed"],
            summary["army"]["with_verdict"]) == (1, 1, 1, 1)


async def test_metadata_titles_and_descriptions(db_path, stored):
    name = db_name(db_path)
    page = (await _get(db_path, f"/{name}/claims_current")).text
    assert "Claims with their current source" in page
    data = (await _get(db_path, "/-/metadata.json")).json()
    assert data["databases"][name]["tables"]["sources_summary"]["title"] == "Sources with counts"


def test_datasette_command_prints_metadata(cli, stored, db_path):
    code, out, err = cli("datasette", "--metadata")
    assert code == 0, err
    assert json.loads(out)["databases"][db_name(db_path)]["tables"]["claims"]["fts_table"] == "claims_fts"


def test_datasette_command_without_datasette_is_one_line(cli, stored, monkeypatch):
    from factcheck.cli import browse

    monkeypatch.setattr(browse.shutil, "which", lambda name: None)
    monkeypatch.setattr(browse, "_beside_python", lambda: None)
    code, out, err = cli("datasette")
    assert code == 1 and err.strip() == ("error: Datasette is not installed: pip install 'factcheck[datasette]' "
                                         "(or pip install datasette)")


@pytest.fixture
def served(monkeypatch, tmp_path):
    """``factcheck datasette`` with a fake Datasette: what it would run, and an empty temp dir."""
    from factcheck.cli import browse

    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(browse.tempfile, "tempdir", str(tmp))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("FACTCHECK_NO_CACHE", raising=False)
    monkeypatch.setattr(browse.shutil, "which", lambda name: "/opt/fake/datasette")
    calls = []

    def execv(exe, args):
        calls.append(("exec", list(args), open(args[args.index("--metadata") + 1], encoding="utf-8").read()))

    def serve(args):
        calls.append(("child", list(args), open(args[args.index("--metadata") + 1], encoding="utf-8").read()))
        return 0

    monkeypatch.setattr(browse.os, "execv", execv)
    monkeypatch.setattr(browse, "_serve", serve)
    return {"calls": calls, "tmp": tmp, "cache": tmp_path / "cache"}


def test_datasette_command_leaves_nothing_in_tmp(cli, stored, db_path, served):
    for _ in range(2):
        code, out, err = cli("datasette", "--port", "8123")
        assert code == 0, err
    (how, args, text), (_, again, _) = served["calls"]
    assert how == "exec" and args[1:3] == ["serve", str(db_path)] and "8123" in args
    meta_path = args[args.index("--metadata") + 1]
    assert meta_path == again[again.index("--metadata") + 1]  # the same content, the same file: reused
    assert meta_path.startswith(str(served["cache"]))
    assert json.loads(text) == metadata(db_name(db_path))
    assert list(served["tmp"].iterdir()) == []
    assert [p.name for p in (served["cache"] / "factcheck").iterdir()] == [meta_path.rsplit("/", 1)[1]]


def test_datasette_without_a_cache_dir_runs_a_child_and_removes_its_temp_dir(cli, stored, db_path, served,
                                                                             monkeypatch):
    monkeypatch.setenv("FACTCHECK_NO_CACHE", "1")
    code, out, err = cli("datasette")
    assert code == 0, err
    [(how, args, text)] = served["calls"]
    assert how == "child" and json.loads(text) == metadata(db_name(db_path))
    assert args[args.index("--metadata") + 1].startswith(str(served["tmp"]))
    assert list(served["tmp"].iterdir()) == []  # removed when Datasette stopped


def test_serve_waits_for_the_child_and_passes_its_status(tmp_path):
    import sys

    from factcheck.cli.browse import _serve

    assert _serve([sys.executable, "-c", "pass"]) == 0
    assert _serve([sys.executable, "-c", "raise SystemExit(3)"]) == 3
