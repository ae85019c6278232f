"""CLI commands: export (review reports) and import-review (see factcheck.cli)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from factcheck.cli import cli, pass_ctx
from factcheck.config import reviewer_name
from factcheck.errors import InputError
from factcheck.sanitize import safe_name, sanitize

_FORMATS = ("md", "html", "json", "csv", "claimreview")
_BY_SUFFIX = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json",
              ".csv": "csv", ".jsonld": "claimreview"}


def _write_stdout(text: str) -> None:
    if _stdout_is_terminal():  # a report read on the terminal: nothing in it acts on the terminal
        text = sanitize(text)
    data = text.encode("utf-8")
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # a text-only stream (tests, some IDEs)
        sys.stdout.write(text)
    else:
        stream.write(data)
    sys.stdout.flush()


def _is_file(path: str) -> bool:
    try:
        return Path(path).is_file()
    except OSError:  # cannot even look: write_atomic says why
        return False


def _stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


@cli.command("export")
@click.argument("article", metavar="ARTICLE")
@click.option("--format", "-f", "fmt", metavar="FORMAT",
              help="md, html, json, csv or claimreview [default: from the -o suffix, else md].")
@click.option("--output", "-o", metavar="PATH", default="-", show_default=True,
              help="File to write; - for stdout. Written atomically: never a partial file.")
@click.option("--org-name", metavar="NAME",
              help="ClaimReview: the reviewing organisation [default: $FACTCHECK_ORG_NAME, else org.name in the config].")
@click.option("--org-url", metavar="URL",
              help="ClaimReview: its web address [default: $FACTCHECK_ORG_URL, else org.url in the config].")
@click.option("--review-url", metavar="URL",
              help="ClaimReview: where the report is published; without it no 'url' is written "
                   "[default: $FACTCHECK_REVIEW_URL, else org.review_url in the config].")
@click.option("--force", is_flag=True, help="Overwrite an existing -o file.")
@pass_ctx
def export_cmd(ctx, article, fmt, output, org_name, org_url, review_url, force):
    """Write the review report of ARTICLE (its id).

    \b
    Formats:
      md           Markdown, Arabic paragraphs marked right-to-left
      html         one self-contained page (inline CSS and SVG chart, no scripts)
      json         the complete review (schema factcheck.review/1), for import-review
      csv          one row per claim, UTF-8 with BOM, formula cells neutralised
      claimreview  schema.org ClaimReview JSON-LD for claims with a verdict
                   (needs the organisation: --org-name and --org-url or the
                   config file; warns when a label would claim more than the links show)

    The report time is now, or $SOURCE_DATE_EPOCH when set (reproducible reports).
    """
    from factcheck.export import SUFFIXES, check_format, render, write_atomic

    if fmt is None:
        fmt = _BY_SUFFIX.get(Path(output).suffix.lower(), "md") if output != "-" else "md"
    fmt = check_format(fmt)
    if output != "-" and not force and _is_file(output):  # refused before any work
        raise InputError(f"{output} exists; add --force to overwrite it")
    text = render(ctx.db, article, fmt, org_name=org_name, org_url=org_url, review_url=review_url)
    if fmt == "claimreview":
        from factcheck.export.claimreview import check_org, publish_warnings
        from factcheck.export.collect import collect

        from factcheck.store.refs import get_article

        base = check_org(org_name, org_url, review_url)[2]
        number = get_article(ctx.db, article)["id"]
        for warning in publish_warnings(collect(ctx.db, number), review_url=base, article=number):
            click.echo(f"warning: {warning}", err=True)
    if output == "-":
        _write_stdout(text)
        return
    path = write_atomic(output, text, overwrite=force)
    if not path.is_file():  # /dev/stdout, a pipe: the report itself may be on stdout
        return
    hint = "" if path.suffix.lower() == SUFFIXES[fmt] or fmt == "md" and path.suffix == ".markdown" else (
        f" (note: {fmt} files usually end in {SUFFIXES[fmt]})")
    click.echo(safe_name(f"wrote {fmt} report of article {str(article).strip()} to {path}{hint}"))


@cli.command("import-review")
@click.argument("file", metavar="FILE")
@click.option("--reviewer", help="Who imports [default: $FACTCHECK_REVIEWER or login name].")
@pass_ctx
def import_review_cmd(ctx, file, reviewer):
    """Load a review exported with 'export --format json' (FILE, or - for stdin).

    The article is matched by its text (sha256), sources by key, claims by position; links,
    evidence and history already present are not duplicated, so importing twice is harmless.
    """
    from factcheck.export import import_review, load_review_file
    from factcheck.export.jsonfmt import parse_review_bytes

    if file == "-":
        data = parse_review_bytes(sys.stdin.buffer.read(), "stdin")
    else:
        data = load_review_file(file)
    result = import_review(ctx.db, data, reviewer=reviewer_name(reviewer), source=file)
    for message in result.skipped:
        click.echo(safe_name(f"warning: skipped {message}"), err=True)
    for message in result.conflicts:
        click.echo(safe_name(f"conflict: {message}"), err=True)
    if not result.changed:
        click.echo(f"nothing new: article {result.article_id} already holds this review")
        return
    click.echo(f"imported: {result.summary()}")

