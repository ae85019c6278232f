"""CLI commands: article (show or fix an article's metadata), snapshot (the page as fetched)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from factcheck.cli import cli, pass_ctx
from factcheck.cli.display import safe
from factcheck.config import reviewer_name
from factcheck.errors import InputError



@cli.command("article")
@click.argument("article", metavar="ARTICLE")
@click.option("--title", help="Set the title ('' clears it).")
@click.option("--outlet", help="Set the outlet ('' clears it).")
@click.option("--url", help="Set the article URL, http(s) ('' clears it).")
@click.option("--published", metavar="YYYY-MM-DD", help="Set the publication date ('' clears it).")
@click.option("--json", "as_json", is_flag=True, help="Print the metadata as JSON.")
@click.option("--reviewer", help="Who corrects [default: $FACTCHECK_REVIEWER or login name].")
@pass_ctx
def article_cmd(ctx, article, title, outlet, url, published, as_json, reviewer):
    """Show ARTICLE's metadata and stored page snapshots, or correct its title, outlet, URL or date.

    A correction is recorded in the audit trail (see 'factcheck history'). Claims are not
    re-extracted: a new --published date does not change dates already resolved in them.
    """
    from factcheck.ingest.web import edit_metadata
    from factcheck.store.refs import get_article
    from factcheck.store.web import snapshots

    art = get_article(ctx.db, article)
    changes = {"title": title, "outlet": outlet, "url": url, "published": published}
    if any(value is not None for value in changes.values()):
        done = edit_metadata(ctx.db, art["id"], changes, reviewer=reviewer_name(reviewer))
        if not done["after"]:
            click.echo(f"article {art['id']}: nothing to change")
        for key, new in done["after"].items():
            old = done["before"][key]
            click.echo(f"article {art['id']}: {key}: {safe(old) if old else '(none)'} -> {safe(new) if new else '(none)'}")
        return
    shots = snapshots(ctx.db, art["id"])
    if as_json:
        fields = ("id", "title", "outlet", "url", "published", "language", "source_path", "encoding",
                  "ingested_at", "ingested_by", "chars")
        data = {key: art[key] for key in fields}
        data["snapshots"] = [{**{k: v for k, v in shot.items() if k != "meta"}, "meta": json.loads(shot["meta"] or "null")}
                             for shot in shots]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for key in ("title", "outlet", "url", "published", "language", "source_path", "ingested_at"):
        click.echo(f"{key + ':':13} {safe(art[key]) if art[key] else '-'}")
    for shot in shots:
        where = shot["final_url"] or shot["source_path"] or "?"
        status = f", HTTP {shot['http_status']}" if shot["http_status"] else ""
        click.echo(f"{'snapshot:':13} {shot['id']}: {shot['kind']} {safe(where)} at {shot['fetched_at']}{status}, "
                   f"{shot['size']:,} bytes")


@cli.command("snapshot")
@click.argument("article", metavar="ARTICLE")
@click.option("-o", "--output", required=True, metavar="FILE", help="Where to write the page ('-' for stdout).")
@click.option("--id", "snapshot_id", type=int, help="A snapshot id (see 'factcheck article') [default: newest].")
@pass_ctx
def snapshot_cmd(ctx, article, output, snapshot_id):
    """Write the page ARTICLE was ingested from, byte for byte as it was fetched or read."""
    from factcheck.store.refs import get_article
    from factcheck.store.web import snapshot_bytes

    art = get_article(ctx.db, article)
    row, raw = snapshot_bytes(ctx.db, art["id"], snapshot_id)
    if output == "-":
        sys.stdout.buffer.write(raw)
        sys.stdout.flush()
        return
    path = Path(output)
    if path.is_dir():
        raise InputError(f"{output}: is a directory; give a file name")
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(raw)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"{output}: cannot write: {exc.strerror or exc}") from None
    where = row["final_url"] or row["source_path"] or "?"
    click.echo(f"wrote {len(raw):,} bytes to {output} (snapshot {row['id']}: {safe(where)} at {row['fetched_at']})",
               err=True)
