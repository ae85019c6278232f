"""The project's own sample articles: their gold files are sound, and the engine scores well on them.

Gold format: ../shared/eval/FORMAT.md (one JSON object per line); conventions: samples/gold/README.md.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest
from conftest import SAMPLES, load_jsonl
from scoring import Score, normalize, same_name, score_document

from factcheck.model import KINDS
from factcheck.text.normalize import detect_language

GOLD_DIR = SAMPLES / "gold"
ARTICLES = sorted(SAMPLES.glob("*.txt"))
INGEST_ONLY = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".html", ".md"))
ALL_SAMPLES = ARTICLES + INGEST_ONLY

#: Minimum source F1 of the engine per sample (FORMAT.md matching).
MIN_F1 = 0.85
#: Minimum kind accuracy and via recall over all samples together.
MIN_KIND = 0.85
MIN_VIA = 0.75

ids = [p.stem for p in ARTICLES]


def gold_path(article: Path) -> Path:
    return GOLD_DIR / f"{article.stem}.jsonl"


@lru_cache(maxsize=None)
def gold_doc(stem: str) -> dict:
    (doc,) = load_jsonl(GOLD_DIR / f"{stem}.jsonl")
    return doc


@lru_cache(maxsize=None)
def engine_json(stem: str) -> dict:
    from factcheck.text.extract import extract

    doc = gold_doc(stem)
    return extract(doc["text"], lang=doc["lang"]).to_json()


def text_of(text: str, spans: list[list[int]]) -> str:
    return " ".join(text[s:e] for s, e in spans)


# --- the scorer itself -------------------------------------------------------------------------


def perfect_prediction(doc: dict) -> dict:
    """What an engine that agrees with the gold would print."""
    claims = []
    for att in doc["attributions"]:
        s, e = att["content"][0]
        src = att["source"][0] if att["source"] else None
        claims.append({
            "start": s, "end": e, "text": doc["text"][s:e],
            "attribution": {
                "source": {"name": att["canonical"] or "unattributed", "kind": att["source_kind"] or "unattributed"},
                "mention": {"start": src[0], "end": src[1]} if src else None,
                "via": [{"name": v} for v in att["via"]],
            },
        })
    return {"claims": sorted(claims, key=lambda c: c["start"])}


@pytest.mark.parametrize("stem", ids)
def test_scorer_gives_full_marks_to_the_gold_itself(stem):
    sc = score_document(gold_doc(stem), perfect_prediction(gold_doc(stem)))
    assert (sc.f1, sc.kind_acc, sc.unattributed_acc) == (1.0, 1.0, 1.0), sc.report()
    assert sc.via_recall in (None, 1.0)


def test_scorer_counts_a_wrong_source_as_miss_and_false_positive():
    text = "The minister said the bridge would reopen. Police said two people were hurt."
    gold = {"text": text, "attributions": [
        {"content": [[18, 42]], "source": [[0, 12]], "cue": [[13, 17]], "source_text": "The minister",
         "source_kind": "person", "canonical": "minister", "via": []},
        {"content": [[55, 76]], "source": [[43, 49]], "cue": [[50, 54]], "source_text": "Police",
         "source_kind": "organization", "canonical": "police", "via": ["AFP"]},
    ]}
    pred = {"claims": [
        {"start": 0, "end": 42, "attribution": {"source": {"name": "Minister", "kind": "person"}, "mention": None}},
        {"start": 43, "end": 76, "attribution": {"source": {"name": "Reuters", "kind": "agency"},
                                                  "mention": {"start": 60, "end": 65}}},
    ]}
    sc = score_document(gold, pred)
    assert (sc.tp, sc.predicted, sc.correct, sc.gold) == (1, 2, 1, 2)
    assert sc.precision == sc.recall == sc.f1 == 0.5
    assert len(sc.misses) == 1 and len(sc.false_positives) == 1
    assert sc.via_recall is None  # the only via is on the missed attribution


def test_scorer_requires_half_overlap_and_checks_kind_via_and_narration():
    text = "Aaaa bbbb cccc dddd eeee ffff. Narration here."
    gold = {"text": text, "attributions": [
        {"content": [[0, 30]], "source": [[0, 4]], "cue": [], "source_text": "Aaaa",
         "source_kind": "anonymous", "canonical": "Aaaa", "via": ["AFP"]},
        {"content": [[31, 46]], "source": [], "cue": [], "source_text": "", "source_kind": "unattributed",
         "canonical": None, "via": []},
    ]}
    short = {"claims": [{"start": 25, "end": 46, "attribution": {"source": {"name": "Aaaa", "kind": "person"}}}]}
    sc = score_document(gold, short)  # overlaps the first gold by 5 of 21: no match
    assert sc.correct == 0 and sc.unattributed_acc == 0.0
    good = {"claims": [
        {"start": 0, "end": 30, "attribution": {"source": {"name": "X", "kind": "person"},
                                                "mention": {"start": 0, "end": 4},
                                                "via": [{"name": "Reuters"}]}},
        {"start": 31, "end": 46, "attribution": {"source": {"name": "unattributed", "kind": "unattributed"}}},
    ]}
    sc = score_document(gold, good)
    assert sc.f1 == 1.0 and sc.kind_acc == 0.0 and sc.unattributed_acc == 1.0
    assert sc.via_recall == 0.0 and sc.missed_vias


def test_name_matching():
    assert normalize("  أعلنت   القيادة!") == "اعلنت القياده"
    assert same_name("CENTCOM", "centcom") and same_name("IMF", "International Monetary Fund")
    assert same_name("القيادة المركزية", "القياده المركزيه")
    assert same_name("وزارة الدفاع الأمريكية", "وزارة الدفاع الأميركية")  # close spelling variants
    assert same_name("AFP", "Agence France-Presse")  # acronym
    assert same_name("Sabrina Singh", "Singh")
    assert not same_name("Reuters", "AFP") and not same_name("", "AFP")


# --- the gold files ----------------------------------------------------------------------------


def test_there_are_enough_samples():
    langs = [gold_doc(p.stem)["lang"] for p in ARTICLES]
    assert langs.count("ar") >= 2 and langs.count("en") >= 2
    assert {p.suffix for p in INGEST_ONLY} == {".html", ".md"}


def test_every_gold_file_has_its_article():
    assert sorted(p.stem for p in GOLD_DIR.glob("*.jsonl")) == sorted(ids)


@pytest.mark.parametrize("article", ARTICLES, ids=ids)
def test_gold_file_is_valid(article):
    path = gold_path(article)
    assert path.is_file(), f"no gold file for {article.name}"
    docs = load_jsonl(path)
    assert len(docs) == 1
    doc = docs[0]
    text = doc["text"]
    assert text == article.read_text(encoding="utf-8"), "gold text differs from the article file"
    assert doc["lang"] == detect_language(text)
    assert doc["id"] and doc["origin"]
    assert 1500 <= len(text) <= 4000, f"{len(text)} characters"
    contents = []
    for att in doc["attributions"]:
        assert set(att) == {"content", "source", "cue", "source_text", "source_kind", "canonical", "via"}
        kind = att["source_kind"]
        assert kind in KINDS
        for s, e in att["content"] + att["source"] + att["cue"]:
            assert 0 <= s < e <= len(text)
        for s, e in att["content"]:
            assert text[s:e] == text[s:e].strip(), f"content with surrounding space: {text[s:e]!r}"
            contents.append((s, e))
        assert att["source_text"] == text_of(text, att["source"])
        if kind == "unattributed":
            assert att["source"] == [] and att["canonical"] is None and att["via"] == []
        else:
            assert att["source"] and att["canonical"], att
            assert not any(same_name(v, att["canonical"]) for v in att["via"]), "a source is not its own via"
        assert att["content"], att
    contents.sort()
    for (s1, e1), (s2, e2) in zip(contents, contents[1:]):
        assert e1 <= s2, f"overlapping contents: {text[s1:e1]!r} / {text[s2:e2]!r}"


@pytest.mark.parametrize("article", ARTICLES, ids=ids)
def test_gold_covers_each_sentence_with_an_entry(article):
    """Every line of the article holds at least one annotated content span (nothing skipped)."""
    doc = gold_doc(article.stem)
    text = doc["text"]
    starts = [s for att in doc["attributions"] for s, _ in att["content"]]
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            assert any(pos <= s < pos + len(line) for s in starts), f"no gold entry on line {line[:50]!r}"
        pos += len(line) + 1


# --- the engine on the samples -----------------------------------------------------------------


@pytest.mark.parametrize("stem", ids)
def test_engine_output_keeps_offsets(stem):
    out = engine_json(stem)
    text = gold_doc(stem)["text"]
    last = 0
    for claim in out["claims"]:
        assert last <= claim["start"] < claim["end"] <= len(text)
        assert claim["text"] == text[claim["start"]:claim["end"]]
        last = claim["end"]
        men = claim["attribution"]["mention"]
        if men is not None:
            assert men["text"] == text[men["start"]:men["end"]]


@pytest.mark.parametrize("stem", ids)
def test_engine_source_f1_on_sample(stem):
    sc = score_document(gold_doc(stem), engine_json(stem))
    assert sc.f1 >= MIN_F1, sc.report()


def test_engine_kind_accuracy_and_via_recall_over_all_samples():
    sc = Score()
    for stem in ids:
        score_document(gold_doc(stem), engine_json(stem), sc)
    assert (sc.kind_acc or 0) >= MIN_KIND, sc.report()
    assert (sc.via_recall or 0) >= MIN_VIA, sc.report()


# --- ingest formats ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", INGEST_ONLY, ids=[p.name for p in INGEST_ONLY])
def test_markup_samples_read_to_plain_paragraphs(path):
    from factcheck.ingest import read_input
    from factcheck.text.extract import extract

    doc = read_input(path)
    assert doc.format == {".html": "html", ".md": "markdown"}[path.suffix]
    assert 800 <= len(doc.text) <= 2000, len(doc.text)
    for furniture in ("<", "dataLayer", "font-family", "Subscribe", "](http", "**", "# "):
        assert furniture not in doc.text
    assert doc.title
    out = extract(doc.text).to_json()
    assert out["claims"] and all(c["text"] == doc.text[c["start"]:c["end"]] for c in out["claims"])


# --- originality -------------------------------------------------------------------------------

WINDOW = 40


def test_samples_share_no_text_with_the_seed_or_dev_sets(shared_dir):
    """No 40-character stretch of any sample occurs in the seed article or a dev-set text."""
    windows: dict[str, str] = {}
    for path in ALL_SAMPLES:
        s = path.read_text(encoding="utf-8")
        for i in range(len(s) - WINDOW + 1):
            windows.setdefault(s[i:i + WINDOW], path.name)
    others = []
    seed = shared_dir / "seed" / "seed_ar.txt"
    if seed.is_file():
        others.append(seed.read_text(encoding="utf-8"))
    for gold in sorted((shared_dir / "eval").glob("*.jsonl")):
        others.extend(doc["text"] for doc in load_jsonl(gold))
    assert others, "nothing to compare against"
    found = set()
    for other in others:
        for i in range(len(other) - WINDOW + 1):
            w = other[i:i + WINDOW]
            if w in windows:
                found.add((windows[w], w))
    assert not found, sorted(found)[:5]


def test_gold_files_are_one_json_object_per_line():
    for path in GOLD_DIR.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert isinstance(json.loads(line), dict)
