"""The TUI detail pane shows the engine's reason for the highlighted claim in one line."""

from __future__ import annotations

from pathlib import Path

from test_tui_flows import SIZE, detail_text, make_app, settle

from factcheck.cli import main

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "ar_centcom_strikes.txt"


async def test_detail_pane_shows_why(db_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_REVIEWER", "qa")
    try:
        main(["--db", str(db_path), "ingest", str(SAMPLE)])
    except SystemExit as exc:
        assert exc.code in (0, None)
    app = make_app(db_path, article_id=1, bidi="off")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await pilot.pause()
        why = [line for line in detail_text(app).splitlines() if line.startswith("Why")]
        assert len(why) == 1 and "reporting verb" in why[0]  # one line, cut to the pane
