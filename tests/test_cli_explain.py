"""``factcheck extract --explain``: per claim the cue, the rule that fired and how the speaker was
resolved; ``show`` carries the same reason once the article is stored."""

from __future__ import annotations

import pytest


@pytest.fixture
def run(cli):
    return cli


TEXT = (
    "قال وزير الخارجية أيمن الصفدي لوكالة الأنباء الفرنسية إن الحدود ستبقى مغلقة.\n"
    "وأضاف الوزير أن المعابر كلها مغلقة.\n"
    "وارتفعت أسعار الخبز في الأسواق المحلية هذا الأسبوع.\n"
)


def test_explain_prints_cue_rule_and_resolution(run, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    code, out, err = run("extract", "--explain", path)
    assert code == 0 and err == ""
    blocks = out.split("\n#")[1:]
    assert len(blocks) == 3
    assert "أيمن الصفدي (person)" in blocks[0] and "via AFP" in blocks[0]
    assert "cue 'قال'" in blocks[0] and "why: reporting verb 'قال'; speaker: " in blocks[0]
    assert "resolved to an earlier speaker ('الوزير')" in " ".join(blocks[1].split())
    assert "why: no reporting cue: the writer narrates" in blocks[2]


def test_json_carries_the_reason(run, tmp_path):
    import json

    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    code, out, _ = run("extract", "--json", path)
    claims = json.loads(out)["claims"]
    assert [c["attribution"]["reason"] is None for c in claims] == [False, False, True]


def test_show_prints_why(run, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert run("ingest", path)[0] == 0
    code, out, _ = run("show", "1:2")
    assert code == 0 and "why: reporting verb 'وأضاف'" in out
