"""CLI commands: ingest, articles, claims, delete."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from factcheck.cli import cli, pass_ctx
from factcheck.cli.display import Display, excerpt, safe
from factcheck.cli.listing import chosen_format, emit_records, format_options
from factcheck.cli.search import claims_table, filter_options, make_filter, print_claims
from factcheck.config import reviewer_name
from factcheck.errors import DatabaseError, FactcheckError, InputError
from factcheck.sanitize import safe_name

EXCERPT = 90


def _err() -> Console:
    return Console(stderr=True, highlight=False)


_safe = safe


def _excerpt(text: str | None, width: int = EXCERPT) -> str:
    return excerpt(text, width)


def _expand(paths: tuple[str, ...], note) -> list[str]:
    """Inputs to ingest: directories are skipped with a note (``samples/*`` may hold folders of
    other files), not searched; everything else stays as given."""
    out: list[str] = []
    for raw in paths:
        if raw != "-" and Path(raw).is_dir():
            note(f"skipped {raw}: a directory (give its files, e.g. {Path(raw) / '*.txt'})")
        else:
            out.append(raw)
    return out


@cli.command("ingest")
@click.argument("paths", nargs=-1, metavar="PATH|URL...")
@click.option("--feed", "feeds", multiple=True, metavar="URL|FILE",
              help="An RSS or Atom feed: ingest each item's link (once, across runs). Repeatable.")
@click.option("--title", help="Article title (one PATH only) [default: HTML <h1>/<title>, Markdown heading or first line].")
@click.option("--outlet", help="Publishing outlet, e.g. Reuters.")
@click.option("--url", help="Article URL (one PATH only).")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date; resolves relative dates in the text.")
@click.option("--lang", type=click.Choice(["ar", "en", "auto"]), default="auto", show_default=True,
              help="Article language.")
@click.option("--format", "fmt", type=click.Choice(["auto", "text", "markdown", "html"]), default="auto",
              show_default=True, help="Input format (auto: by extension, HTML also by content).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=5_000_000, show_default=True,
              help="Refuse inputs larger than this.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Seconds allowed for fetching each URL.")
@click.option("--jobs", "-j", type=click.IntRange(min=1, max=256), default=None, metavar="N",
              help="Worker processes extracting claims [default: the number of cores]; one process writes.")
@click.option("--reviewer", help="Who ingests [default: $FACTCHECK_REVIEWER or login name].")
@pass_ctx
def ingest_cmd(ctx, paths, feeds, title, outlet, url, published, lang, fmt, max_bytes, timeout, jobs, reviewer):
    """Extract the claims of articles and store them.

    PATH is a text, Markdown (.md) or HTML (.html) file, or - for stdin; directories are skipped.
    An http(s) URL is fetched and its article (without menus, banners, related links or comments)
    is stored with the page's title, outlet, URL and date and a copy of the page as fetched.
    Encodings: UTF-8 (with or without BOM), UTF-16/32 with BOM, legacy Arabic Windows-1256
    (detected, with a notice). Re-ingesting the same text is a no-op. Claims are extracted in
    --jobs worker processes and written by one; each article is stored in one transaction; a bad
    file is reported and skipped, the others are still stored.

    Exit status: 0 when every input was stored or already present, 2 when any input failed.
    """
    from factcheck.ingest.parallel import default_jobs, prepare_many
    from factcheck.ingest.pipeline import check_url, parse_published, stored_result, store_prepared
    from factcheck.ingest.web import ingest_any, is_remote, keep_file_snapshot

    err = _err()
    if not paths and not feeds:
        raise click.UsageError("Missing argument 'PATH|URL...' (or --feed URL|FILE).")
    if feeds and (title or url):
        raise InputError("--title and --url describe one article: not with --feed")
    dirs = [p for p in paths if p != "-" and Path(p).is_dir()]
    if paths and len(dirs) == len(paths) and not feeds:
        first = Path(dirs[0])
        raise InputError(f"{first}: is a directory; give the files in it, e.g. {first / '*.txt'}"
                         if len(dirs) == 1 else f"nothing to ingest: {', '.join(dirs)} are directories")
    files = _expand(paths, lambda msg: click.echo(safe_name(msg), err=True))
    if (title or url) and len(files) > 1:
        raise InputError("--title and --url describe one article: give a single PATH")
    if files.count("-") > 1:
        raise InputError("stdin (-) can be read only once")
    published_date = parse_published(published)
    url = check_url(url)
    reviewer = reviewer_name(reviewer)
    db = ctx.db
    if len(files) > 1:
        # One commit per article; in WAL mode NORMAL skips the fsync of each commit but still
        # never leaves a half-written article (a power cut may lose the last few, which running
        # the command again stores: ingest is idempotent). For this connection only.
        db.execute("PRAGMA synchronous = NORMAL")
    created = present = claims = 0
    failed: list[str] = []
    files += _feed_links(feeds, failed, max_bytes, timeout)
    # Files are extracted in worker processes; URLs and feed items are fetched here, in order.
    local = [p for p in files if not is_remote(p)]
    jobs = jobs or default_jobs()
    # With several workers, texts already stored are recognised before extraction.
    known = {r[0] for r in db.execute("SELECT sha256 FROM articles")} if jobs > 1 and len(local) > 1 else None
    prepared = prepare_many(local, jobs=jobs, known=known, title=title, outlet=outlet, url=url,
                            published=published_date, lang=lang, max_bytes=max_bytes,
                            fmt=None if fmt == "auto" else fmt, reviewer=reviewer)

    def one(path: str, say) -> None:
        nonlocal created, present, claims
        name = safe_name("stdin" if path == "-" else path)
        try:
            if is_remote(path):
                result = ingest_any(db, path, title=title, outlet=outlet, url=url, published=published_date,
                                    lang=lang, max_bytes=max_bytes, fmt=None if fmt == "auto" else fmt,
                                    reviewer=reviewer, timeout=timeout)
            else:
                item = next(prepared)
                if isinstance(item, BaseException):
                    raise item
                result = stored_result(db, item) if isinstance(item, str) else store_prepared(db, item)
                if result is not None:
                    keep_file_snapshot(db, path, result, fmt=None if fmt == "auto" else fmt, max_bytes=max_bytes)
                if result is None:  # deleted meanwhile: ingest it in this process
                    result = ingest_any(db, path, title=title, outlet=outlet, url=url,
                                        published=published_date, lang=lang, max_bytes=max_bytes,
                                        fmt=None if fmt == "auto" else fmt, reviewer=reviewer)
        except DatabaseError:
            raise  # the database itself failed: stop the batch
        except FactcheckError as exc:
            failed.append(path)
            say(f"error: {exc}", err=True)
            return
        except Exception as exc:  # one broken file must not stop the batch
            failed.append(path)
            say(f"error: {path}: internal error: {type(exc).__name__}: {exc}", err=True)
            return
        if result.notice:
            say(f"notice: {name}: {result.notice}", err=True)
        if result.created:
            created += 1
            claims += result.claims
            say(f"{name}: article {result.article_id}, {_plural(result.claims, 'claim')} ({result.language})")
        elif result.article_id is None:
            present += 1
            say(f"{name}: already ingested from a feed (the article was deleted since)")
        else:
            present += 1
            say(f"{name}: already ingested as article {result.article_id}")

    try:
        _run_batch(files, one, err)
    except (DatabaseError, KeyboardInterrupt) as exc:
        done = created + present + len(failed)
        if len(files) == 1 or not done:
            if isinstance(exc, KeyboardInterrupt):
                raise FactcheckError("interrupted", exit_code=130) from None
            raise
        what = "interrupted" if isinstance(exc, KeyboardInterrupt) else str(exc)
        raise FactcheckError(
            f"{what} (stopped after {done} of {len(files)} inputs: {created} ingested and kept; "
            "run the command again for the rest, stored ones are skipped)",
            exit_code=130 if isinstance(exc, KeyboardInterrupt) else exc.exit_code,
        ) from None
    finally:
        prepared.close()  # stops the workers

    if len(files) > 1:
        parts = [f"{created} ingested ({_plural(claims, 'claim')})"]
        if present:
            parts.append(f"{present} already present")
        if failed:
            parts.append(f"{len(failed)} failed: {', '.join('stdin' if f == '-' else f for f in failed)}")
        click.echo(safe_name("summary: " + ", ".join(parts)), err=bool(failed))
    if failed:
        sys.exit(2)


def _feed_links(feeds: tuple[str, ...], failed: list[str], max_bytes: int, timeout: float) -> list[str]:
    """The item links of each feed; a feed that cannot be read is reported and counted as failed."""
    from factcheck.ingest.web import feed_links, read_feed

    links: list[str] = []
    for source in feeds:
        try:
            feed = read_feed(source, max_bytes=max_bytes, timeout=timeout)
        except FactcheckError as exc:
            failed.append(source)
            click.echo(f"error: {exc}", err=True)
            continue
        items = feed_links(feed, source)
        click.echo(f"{source}: feed {_excerpt(feed.title or '(untitled)', 60)!s}, {_plural(len(items), 'item')}",
                   err=True)
        links += items
    return links


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _run_batch(files: list[str], one, err: Console) -> None:
    """Ingest each file with ``one(path, say)``; a progress bar on a terminal when there are several.

    Everything ``say`` prints is sanitised: file names and messages are user-controlled."""
    if len(files) > 1 and err.is_terminal:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        columns = (TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   TextColumn("{task.description}"))
        stdout_is_terminal = sys.stdout.isatty()
        with Progress(*columns, console=err, transient=True, redirect_stdout=False) as progress:
            task = progress.add_task("", total=len(files))

            def say(msg: str, err: bool = False) -> None:
                msg = safe_name(msg)
                if err or stdout_is_terminal:  # above the bar, on the same terminal
                    progress.console.print(msg, markup=False, highlight=False, soft_wrap=True)
                else:  # stdout is a pipe or file: results go there
                    click.echo(msg)

            for path in files:
                progress.update(task, description=_excerpt(path, 40))
                one(path, say)
                progress.advance(task)
    else:
        for path in files:
            one(path, lambda msg, err=False: click.echo(safe_name(msg), err=err))


def _progress(row: dict) -> str:
    if not row["claims"]:
        return "-"
    return f"{row['reviewed']}/{row['claims']} ({round(100 * row['progress'])}%)"


_ARTICLE_KEYS = ("id", "title", "outlet", "url", "language", "published", "chars", "source_path", "ingested_at",
                 "ingested_by", "claims", "reviewed", "in_review", "needs_follow_up", "with_verdict")


@cli.command("articles")
@format_options
@pass_ctx
def articles_cmd(ctx, fmt, as_json):
    """List articles with claim counts and review progress."""
    from factcheck.store.queries import list_articles

    fmt = chosen_format(fmt, as_json)
    rows = list_articles(ctx.db)
    if fmt != "table":
        emit_records([{k: row[k] for k in _ARTICLE_KEYS} for row in rows], fmt)
        return
    out = Display()
    if not rows:
        click.echo("no articles yet: add one with 'factcheck ingest FILE'")
        return
    table = Table(title=f"{len(rows)} article{'s' if len(rows) != 1 else ''}", title_justify="left")
    show_outlet = any(row["outlet"] for row in rows)
    show_published = any(row["published"] for row in rows)
    table.add_column("ID", justify="right", no_wrap=True)
    table.add_column("Title", overflow="fold", ratio=1)
    table.add_column("Lang", no_wrap=True)
    if show_outlet:
        table.add_column("Outlet", overflow="fold", max_width=16)
    if show_published:
        table.add_column("Published", no_wrap=True)
    table.add_column("Claims", justify="right", no_wrap=True)
    table.add_column("Reviewed", justify="right", no_wrap=True)
    for row in rows:
        cells = [str(row["id"]), out.para(_excerpt(row["title"] or "(untitled)", 70)), Text(_safe(row["language"]))]
        if show_outlet:
            cells.append(out.para(_excerpt(row["outlet"], 60)))
        if show_published:
            cells.append(row["published"] or "")
        table.add_row(*cells, str(row["claims"]), _progress(row))
    out.print(table)


@cli.command("claims")
@click.argument("article", metavar="[ARTICLE]", required=False)
@filter_options
@click.option("--full", is_flag=True, help="Show the whole claim text, not an excerpt.")
@format_options
@pass_ctx
def claims_cmd(ctx, article, status, verdict, source, kind, full, fmt, as_json):
    """Show the claims of ARTICLE (its id): source, kind, text and review status.

    Without ARTICLE, the claims of every article; --status, --verdict, --source and --kind keep
    only some (the source is the current one: a reviewer's correction, followed through merges).
    Claims are addressed as ARTICLE:INDEX, e.g. 'factcheck show 1:5'.
    """
    from factcheck.store.queries import article_claims
    from factcheck.store.refs import get_article

    fmt = chosen_format(fmt, as_json)
    art = get_article(ctx.db, article) if article is not None else None
    filtered = any(v is not None for v in (status, verdict, source, kind))
    if art is None or filtered or fmt != "table":
        from factcheck.store.search import filter_claims

        flt = make_filter(ctx.db, article_id=art["id"] if art else None, status=status, verdict=verdict,
                          source=source, kind=kind)
        rows = filter_claims(ctx.db, flt)
        n = len(rows)
        print_claims(rows, fmt, full=full, empty="no claims match" if filtered else "no claims yet",
                     title=f"{n} claim{'' if n == 1 else 's'}")
        return
    rows = article_claims(ctx.db, art["id"])
    out = Display()
    tail = Text(f"  [{_safe(art['language'])}, {_plural(len(rows), 'claim')}]", style="dim")
    heading = Text(f"Article {art['id']}: ", style="bold")
    if out.reorder:  # the title in visual order, cut to the line: a wrapped line would reorder wrongly
        room = max(10, out.console.width - heading.cell_len - tail.cell_len)
        heading.append(out.frag(_excerpt(art["title"] or "(untitled)", min(200, room))))
    else:
        heading.append(_excerpt(art["title"] or "(untitled)", 200))
    out.print(heading + tail)
    if not rows:
        out.print("no claims were found in this article")
        return
    for row in rows:
        row["ref"] = f"{art['id']}:{row['idx']}"
        row["via"] = [hop["name"] or "?" for hop in row["via"]]
    table = claims_table(rows, out, full=full, ref_header="#", text_header="Claim")
    out.print(table)
    if any(row["overridden"] for row in rows):
        out.print("* source corrected by a reviewer", style="dim")


@cli.command("delete")
@click.argument("article", metavar="ARTICLE")
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@click.option("--reviewer", help="Who deletes [default: $FACTCHECK_REVIEWER or login name].")
@pass_ctx
def delete_cmd(ctx, article, yes, reviewer):
    """Delete ARTICLE with its claims and their review data (the audit trail is kept)."""
    from factcheck.store.queries import delete_article
    from factcheck.store.refs import get_article

    art = get_article(ctx.db, article)
    count = ctx.db.execute("SELECT count(*) FROM claims WHERE article_id = ?", [art["id"]]).fetchone()[0]
    what = f"article {art['id']} ({_excerpt(art['title'] or '(untitled)', 60)}) and its {_plural(count, 'claim')}"
    if not yes:
        if not sys.stdin.isatty():
            raise InputError(f"not deleting {what} without confirmation: add --yes")
        if not click.confirm(f"Delete {what}, with their verdicts, links and evidence?", default=False):
            raise FactcheckError("nothing deleted")
    done = delete_article(ctx.db, art["id"], reviewer=reviewer_name(reviewer))
    click.echo(f"deleted {what} ({done['links']} links, {done['evidence']} evidence items)")
