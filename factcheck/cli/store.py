"""``factcheck copy-db``: move a whole database between SQLite and PostgreSQL, verified."""

from __future__ import annotations

import click

from factcheck.cli import cli
from factcheck.errors import FactcheckError
from factcheck.sanitize import safe_name


def exports(db) -> dict[int, str]:
    """The JSON export of every article (fixed report time), to compare two databases."""
    from factcheck.export import render

    ids = [r[0] for r in db.execute("SELECT id FROM articles ORDER BY id")]
    return {i: render(db, i, "json", generated_at="1970-01-01T00:00:00Z") for i in ids}


@cli.command("copy-db")
@click.argument("src", metavar="SRC")
@click.argument("dest", metavar="DEST")
@click.option("--rows-only", is_flag=True,
              help="Verify by the rows alone (a digest of every table), not also by every article's export: "
                   "faster for a large database.")
def copy_db(src: str, dest: str, rows_only: bool) -> None:
    """Copy the whole database SRC into the new, empty DEST (articles, claims, reviews, events).

    Either may be a SQLite path (or sqlite:///PATH) or postgresql://USER@HOST/DB. The copy is one
    transaction on DEST, and is verified: every table's rows and every article's JSON export must
    be identical on both.

    \b
      factcheck copy-db db/factcheck.db postgresql://desk@db.example/factcheck
      factcheck copy-db postgresql://desk@db.example/factcheck backup.db
    """
    from factcheck.store import open_db, resolve_db_path
    from factcheck.store.copy import copy_database, table_digests

    if str(resolve_db_path(src)) == str(resolve_db_path(dest)):
        raise click.UsageError("SRC and DEST are the same database")
    source = open_db(src, create=False)
    try:
        target = open_db(dest)
        try:
            counts = copy_database(source, target)
            before, after = ({}, {}) if rows_only else (exports(source), exports(target))
            rows_src, rows_dest = table_digests(source), table_digests(target)
            if before != after or rows_src != rows_dest:
                differing = [f"article {i}" for i in sorted(before.keys() | after.keys()) if before.get(i) != after.get(i)]
                differing += [t for t in rows_src if rows_src[t] != rows_dest.get(t)]
                raise FactcheckError(f"the copy differs from the source ({', '.join(differing[:5])}); "
                                     f"{safe_name(str(getattr(target, 'path', dest)))} is not a faithful copy")
        finally:
            target.close()
    finally:
        source.close()
    total = ", ".join(f"{n} {t}" for t, n in counts.items() if n)
    checked = "every row identical" if rows_only else f"every row and all {len(before)} article exports identical"
    click.echo(f"copied {total or 'an empty database'}; verified: {checked}")
