"""Listings for scripts and people: ``--format table|tsv|csv|json`` (``--json`` for short), and
``factcheck search``.

Every cell goes through :mod:`factcheck.sanitize`: control characters are shown inert in tables,
TSV and CSV (one line per row: newlines and tabs become spaces); JSON keeps the exact strings with
terminal-unsafe characters written as ``\\uXXXX``. TSV, CSV and JSON keep logical order (what is
stored); only tables reorder right-to-left text on a terminal in ``app`` bidi mode.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from typing import Any

import click

from factcheck.sanitize import json_text, sanitize_line

FORMATS = ("table", "tsv", "csv", "json")


def format_options(func: Callable) -> Callable:
    """``--format`` and ``--json`` on a listing command (passed on as ``fmt``)."""
    func = click.option("--json", "as_json", is_flag=True, help="Same as --format json.")(func)
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                        help="table for people; tsv, csv or json (one record per row, stored text) for scripts.")(func)


def chosen_format(fmt: str, as_json: bool) -> str:
    if as_json and fmt not in ("table", "json"):
        raise click.UsageError("--json and --format are exclusive")
    return "json" if as_json else fmt


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (list, tuple)):
        return " / ".join(_cell(v) for v in value)
    return sanitize_line(str(value))


def emit_records(records: Sequence[dict[str, Any]], fmt: str) -> None:
    """Write ``records`` (the same keys each) as JSON (an array), TSV or CSV (with a header row)."""
    if fmt == "json":
        click.echo(json_text(list(records), indent=2))
        return
    if not records:
        return
    keys = list(records[0])
    if fmt == "tsv":
        click.echo("\t".join(keys))
        for rec in records:
            click.echo("\t".join(_cell(rec.get(k)) for k in keys))
        return
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(keys)
    for rec in records:
        writer.writerow([_cell(rec.get(k)) for k in keys])
    click.echo(buf.getvalue(), nl=False)


def claim_record(row: dict[str, Any]) -> dict[str, Any]:
    """One claim of ``claims_current`` (or a search hit) for JSON/TSV/CSV."""
    rec = {
        "ref": row["ref"],
        "article_id": row["article_id"],
        "idx": row["idx"],
        "source": row["source_name"],
        "source_key": row["source_key"],
        "source_kind": row["source_kind"],
        "via": row["via"].split(" / ") if row.get("via") else [],
        "overridden": bool(row["overridden"]),
        "status": row["status"],
        "verdict": row["verdict"],
        "assignee": row["assignee"],
        "text": row["text"],
        "article_title": row["article_title"],
    }
    if "score" in row:
        rec["score"] = round(row["score"], 4)
    return rec


__all__ = ["FORMATS", "chosen_format", "claim_record", "emit_records", "format_options"]
