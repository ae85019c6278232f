"""CLI commands of the review workflow: show, mark, link, unlink, evidence, suggest, sources,
attribute, history, undo, assign. Each is a thin shell over ``factcheck.review``."""

from __future__ import annotations

import json
from typing import Any

import click
from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from factcheck.cli import cli, pass_ctx
from factcheck.cli.display import Display, excerpt, safe
from factcheck.config import reviewer_name
from factcheck.errors import InputError
from factcheck.sanitize import json_text

REVIEWER_HELP = "Who makes the change [default: $FACTCHECK_REVIEWER or login name]."


_safe = safe


def _excerpt(text: str | None, width: int = 70) -> str:
    return excerpt(text, width)


def _json(data: Any) -> None:
    click.echo(json_text(data, indent=2, default=str))  # C1/bidi controls escaped


class _Number(click.ParamType):
    """A whole number that fits an SQLite INTEGER (ids, versions): a clear error otherwise."""

    name = "integer"

    def convert(self, value, param, ctx):
        from factcheck.store.refs import MAX_ID

        if isinstance(value, int):
            return value
        try:
            number = int(str(value).strip())
        except ValueError:
            self.fail(f"{value!r} is not a whole number", param, ctx)
        if abs(number) > MAX_ID:
            self.fail(f"{value} is too large", param, ctx)
        return number


NUMBER = _Number()


def _reviewer_option(f):
    return click.option("--reviewer", help=REVIEWER_HELP)(f)


def _verdict_style(label: str | None) -> str:
    from factcheck.review.scale import load_scale

    verdict = load_scale().get(label)
    return verdict.color if verdict else "dim"


# --- show -----------------------------------------------------------------------------------------------


def _span_text(span: dict | None, f=safe) -> str:
    return f"“{f(span['text'])}” [{span['start']}–{span['end']}]" if span else "-"


def _attribution_lines(att: dict, f=safe) -> list[str]:
    """The attribution as lines; ``f`` renders each piece of user text (names, roles, spans)."""
    role = f", {f(att['role'])}" if att["role"] and att["role"] != att["name"] else ""
    lines = [f"source: {f(att['name'])} ({att['kind']}){role}"]
    if len(att["family"]) > 1:
        lines.append("family: " + " → ".join(f(n) for n in att["family"]))
    lines.append(f"grade: {att['grade']}")
    lines.append(f"mention: {_span_text(att['mention'], f)}")
    lines.append(f"cue: {_span_text(att['cue'], f)}")
    if att["via"]:
        lines.append("via: " + " ← ".join(f(h["name"]) for h in att["via"]) + f" (origin: {f(att['origin']['name'])})")
    if att.get("reason") and not att["overridden"]:
        lines.append(f"why: {f(att['reason'])}")
    if att["overridden"]:
        ov, ex = att["override"], att["extracted"]
        lines.append(
            f"corrected by {f(ov['updated_by'])} (engine said: {f(ex['name'])}, {ex['kind']}"
            + (f", via {', '.join(f(v) for v in ex['via'])}" if ex["via"] else "") + ")"
            + (f": {f(ov['note'])}" if ov["note"] else "")
        )
    return lines


def _facts_line(facts: dict, f=safe) -> str:
    parts = []
    for n in facts.get("numbers", []):
        parts.append(f"{n.get('value')}{' ' + n['unit'] if n.get('unit') else ''}")
    for d in facts.get("dates", []):
        parts.append(d.get("iso") or d.get("text") or "")
    for e in facts.get("entities", []):
        parts.append(e.get("text") or e.get("key") or "")
    return ", ".join(f(p) for p in parts if p) or "-"


def _print_detail(out: Display, d: dict) -> None:
    """The claim detail: labels left to right, user text through ``out`` (inert, bidi-aware)."""
    article = d["article"] or {}
    f = out.frag if out.reorder else _safe
    # Wrapped before reordering (a title, a long name, a mixed Arabic/Latin line): never cut by the
    # console after being put in visual order.
    head = Text(f"Claim {d['ref']} ", style="bold") + Text(
        f"— article {article.get('id')} ({_safe(article.get('language'))}): ", style="dim")
    out.print(out.para(_excerpt(article.get("title"), 60), prefix=head, style="dim"))
    out.print(out.para(d["claim"]["text"]))
    out.print()
    logical = _attribution_lines(d["attribution"], _safe)
    for line, plain in zip(_attribution_lines(d["attribution"], f), logical):
        key, sep, value = plain.partition(": ")
        if out.reorder and sep and cell_len(line) + 2 > out.console.width:  # wraps: as one paragraph
            out.print(out.para(value, prefix="  " + key + sep))
        else:
            out.print(Text("  " + line))
    out.print(Text(f"  facts: {_facts_line(d['facts'], f)}"))
    out.print()
    verdict = Text(f(d["verdict"] or "-"), style=_verdict_style(d["verdict"]))
    out.print(Text("  status: ") + Text(f(d["status"] or "unreviewed")) + Text("   verdict: ") + verdict
              + Text(f"   assignee: {f(d['assignee']) or '-'}   version: {d['version']}"
                     + (f" (last change by {f(d['updated_by'])})" if d["version"] > 1 and d["updated_by"] else "")))
    if d["rationale"]:
        out.print(out.para(d["rationale"], prefix="  rationale: "))
    ind = d["independence"]
    out.print(Text(f"  credibility: {ind['credibility']} ({ind['credibility_label']}); independent origins: "
                   f"{ind['independent_count']}" + (f" ({', '.join(f(r) for r in ind['roots'])})" if ind["roots"] else "")))
    for warning in ind["warnings"]:
        out.print(Text(f"  ⚠ {f(warning)}", style="yellow"))
    _section(out, "links", [
        [(f"{l['relation']:<13} {l['other_ref']:<7} {f(l['other_source'])}: ",
          _excerpt(l["other_text"], 60)
          + (f"  [{l['origin']} {l['score']:.2f}]" if l["origin"] == "suggestion" and l["score"] is not None else "")
          + (f"  — {l['note']}" if l["note"] else ""))]
        for l in d["links"]
    ])
    _section(out, "suggestions", [
        [(f"#{s['id']:<4} {s['score']:.2f} {s['relation']:<13} {s['other_ref']:<7} {f(s['other_source'])}: ",
          _excerpt(s["other_text"], 50))]
        for s in d["suggestions"]
    ])
    _section(out, "evidence", [
        [(f"#{e['id']:<4} {e['stance']:<8} {f(e['url'] or e['doc_ref'])}"
          + (f" “{f(_excerpt(e['title'], 40))}”" if e["title"] else "") + (f" {e['date']}" if e["date"] else "")
          + f" ({f(e['added_by'])})", "")]
        + ([("      ", f"“{_excerpt(e['quote'], 90)}”")] if e["quote"] else [])
        for e in d["evidence"]
    ])


def _section(out: Display, title: str, entries: list[list[tuple[str, str]]]) -> None:
    """A titled list of entries; each line of an entry is a left-to-right head (user text already
    rendered) and a paragraph of user text wrapped beside it."""
    out.print(Text(f"\n{title} ({len(entries)})", style="bold"))
    for entry in entries:
        for head, text in entry:
            out.print(out.para(text, prefix="  " + head) if text else Text("  " + head))


@cli.command("show")
@click.argument("claim", metavar="CLAIM")
@click.option("--json", "as_json", is_flag=True, help="Print the full detail as JSON.")
@pass_ctx
def show_cmd(ctx, claim, as_json):
    """Everything about one claim: attribution, facts, verdict, links, evidence.

    CLAIM is ARTICLE:INDEX; 1:5 is the fifth claim of article 1.
    """
    from factcheck.review.detail import claim_detail

    detail = claim_detail(ctx.db, claim)
    if as_json:
        _json(detail)
    else:
        _print_detail(Display(), detail)


# --- mark / assign ----------------------------------------------------------------------------------------


@cli.command("mark")
@click.argument("claim", metavar="CLAIM")
@click.option("--verdict", help="A label of the verdict scale, e.g. corroborated, false ('none' clears it).")
@click.option("--status", help="unreviewed, in_review, reviewed or needs_follow_up.")
@click.option("--note", help="Rationale for the verdict.")
@click.option("--expect-version", type=NUMBER, metavar="N", help="Refuse if the claim is no longer at version N.")
@_reviewer_option
@pass_ctx
def mark_cmd(ctx, claim, verdict, status, note, expect_version, reviewer):
    """Set the verdict, status and/or rationale of a claim (one audited change).

    A verdict moves an unreviewed or in-review claim to reviewed unless --status says otherwise.
    """
    from factcheck.review import workflow

    if verdict is None and status is None and note is None:
        raise InputError("nothing to mark: give --verdict, --status and/or --note")
    kwargs: dict[str, Any] = {}
    if verdict is not None:
        kwargs["verdict"] = None if verdict.strip().lower() in ("none", "-", "") else verdict
    if note is not None:
        kwargs["rationale"] = note
    row = workflow.mark(ctx.db, claim, status=status, reviewer=reviewer_name(reviewer),
                        expected_version=expect_version, **kwargs)
    ref = f"{row['article_id']}:{row['idx']}"
    click.echo(f"{ref}: status {row['status']}, verdict {row['verdict'] or '-'} (version {row['version']})")


@cli.command("assign")
@click.argument("claim", metavar="CLAIM")
@click.argument("name", metavar="NAME")
@_reviewer_option
@pass_ctx
def assign_cmd(ctx, claim, name, reviewer):
    """Assign a claim to a reviewer (NAME '-' clears the assignment)."""
    from factcheck.review import workflow

    row = workflow.assign(ctx.db, claim, None if name.strip() == "-" else name, reviewer=reviewer_name(reviewer))
    click.echo(_safe(f"{row['article_id']}:{row['idx']}: assigned to {row['assignee'] or 'nobody'}"))


# --- links ------------------------------------------------------------------------------------------------


@cli.command("link")
@click.argument("claim_a", metavar="CLAIM")
@click.argument("claim_b", metavar="CLAIM")
@click.option("--as", "relation", required=True, metavar="RELATION",
              help="corroborates, contradicts, same_claim or related.")
@click.option("--note", help="Why they are linked.")
@_reviewer_option
@pass_ctx
def link_cmd(ctx, claim_a, claim_b, relation, note, reviewer):
    """Link two claims (also across articles); linking linked claims changes the relation."""
    from factcheck.review.links import add_link

    row = add_link(ctx.db, claim_a, claim_b, relation, note=note, reviewer=reviewer_name(reviewer))
    click.echo(f"linked {_ref(claim_a)} and {_ref(claim_b)} as {row['relation']}")


@cli.command("unlink")
@click.argument("claim_a", metavar="CLAIM")
@click.argument("claim_b", metavar="CLAIM")
@_reviewer_option
@pass_ctx
def unlink_cmd(ctx, claim_a, claim_b, reviewer):
    """Remove the link between two claims."""
    from factcheck.review.links import remove_link

    row = remove_link(ctx.db, claim_a, claim_b, reviewer=reviewer_name(reviewer))
    click.echo(f"unlinked {_ref(claim_a)} and {_ref(claim_b)} (were {row['relation']})")


# --- evidence ---------------------------------------------------------------------------------------------


@cli.command("evidence")
@click.argument("claim", metavar="CLAIM")
@click.option("--url", help="http(s) address of the evidence.")
@click.option("--doc", "doc_ref", help="Reference to a document that has no URL.")
@click.option("--title", help="Title of the page or document.")
@click.option("--quote", help="The passage that matters.")
@click.option("--date", help="YYYY-MM-DD (or YYYY-MM, YYYY).")
@click.option("--stance", default="context", show_default=True, help="supports, refutes or context.")
@click.option("--remove", "remove_id", type=NUMBER, metavar="ID", help="Mark evidence #ID removed instead.")
@_reviewer_option
@pass_ctx
def evidence_cmd(ctx, claim, url, doc_ref, title, quote, date, stance, remove_id, reviewer):
    """Attach evidence to a claim; without --url/--doc, list its evidence."""
    from factcheck.review import evidence as ev

    if remove_id is not None:
        if url or doc_ref or title or quote or date:
            raise InputError("--remove takes no --url, --doc, --title, --quote or --date")
        _check_evidence_of(ctx.db, remove_id, claim)
        row = ev.remove_evidence(ctx.db, remove_id, reviewer=reviewer_name(reviewer))
        click.echo(f"removed evidence #{row['id']} from {_claim_ref(ctx.db, row['claim_id'])}")
        return
    if url or doc_ref:
        row = ev.add_evidence(ctx.db, claim, url=url, doc_ref=doc_ref, title=title, quote=quote, date=date,
                              stance=stance, reviewer=reviewer_name(reviewer))
        click.echo(f"added evidence #{row['id']} ({row['stance']}) to {_ref(claim)}")
        return
    if title or quote or date:
        raise InputError("evidence needs --url or --doc")
    rows = ev.evidence_for(ctx.db, claim)
    if not rows:
        click.echo(f"no evidence for {_ref(claim)}")
    f = Display().frag if rows else _safe
    for e in rows:
        click.echo(f"#{e['id']} {e['stance']} {f(e['url'] or e['doc_ref'])}"
                   + (f" “{f(e['title'])}”" if e["title"] else "") + f" ({f(e['added_by'])}, {e['added_at'][:10]})")


def _check_evidence_of(db, evidence_id: int, claim: str) -> None:
    """Refuse to touch evidence #ID through a claim it does not belong to (a typo in either)."""
    from factcheck.review.base import fetch_one, load_claim

    target = load_claim(db, claim)
    row = fetch_one(db, "SELECT claim_id, removed FROM evidence WHERE id = ?", [evidence_id])
    if row is None:
        raise InputError(f"no evidence #{evidence_id} (see 'factcheck evidence {_ref(claim)}')")
    if row["claim_id"] != target["id"]:
        raise InputError(f"evidence #{evidence_id} belongs to claim {_claim_ref(db, row['claim_id'])}, "
                         f"not {_claim_ref(db, target['id'])}")
    if row["removed"]:
        raise InputError(f"evidence #{evidence_id} was already removed")


# --- suggestions ------------------------------------------------------------------------------------------


def _why(reasons: dict) -> str:
    parts = []
    if reasons.get("conflicts"):
        parts.append("conflict: " + "; ".join(reasons["conflicts"]))
    for key in ("entities", "numbers", "dates"):
        if reasons.get(key):
            parts.append(f"{key}: " + ", ".join(str(v) for v in reasons[key][:4]))
    if reasons.get("same_event_as"):
        parts.append(f"same event as {reasons['same_event_as']}")
    if reasons.get("refers_back"):
        parts.append("refers back (" + ", ".join(reasons["refers_back"]) + ")")
    if reasons.get("words"):
        parts.append("words: " + ", ".join(reasons["words"][:4]))
    if reasons.get("same_source"):
        parts.append("same source")
    elif reasons.get("same_family"):
        parts.append("same family")
    return _safe("; ".join(parts))


def _suggestion_table(suggestions, out: Display) -> Table:
    table = Table(show_lines=False, expand=False)
    for name, kw in (("#", {"justify": "right"}), ("score", {"justify": "right"}), ("relation", {}),
                     ("claim", {"overflow": "fold"}), ("other claim", {"overflow": "fold"}), ("why", {"overflow": "fold"})):
        table.add_column(name, **kw)
    for s in suggestions:
        table.add_row(
            str(s.id), f"{s.score:.2f}", s.relation,
            out.para(f"{s.ref_a} {_excerpt(s.source_a, 200)}\n{_excerpt(s.text_a, 60)}"),
            out.para(f"{s.ref_b} {_excerpt(s.source_b, 200)}\n{_excerpt(s.text_b, 60)}"),
            Text(_why(s.reasons)),
        )
    return table


@cli.command("suggest")
@click.argument("article", metavar="ARTICLE")
@click.option("--accept", "accept_ids", type=NUMBER, multiple=True, metavar="N", help="Accept suggestion #N (repeatable).")
@click.option("--dismiss", "dismiss_ids", type=NUMBER, multiple=True, metavar="N", help="Dismiss suggestion #N (repeatable).")
@click.option("--all", "accept_all", is_flag=True, help="Accept every open suggestion listed.")
@click.option("--limit", type=click.IntRange(1, 50), default=5, show_default=True, help="Suggestions per claim.")
@click.option("--this-article", is_flag=True, help="Only within the article, not across the database.")
@click.option("--json", "as_json", is_flag=True, help="Print the suggestions as JSON.")
@_reviewer_option
@pass_ctx
def suggest_cmd(ctx, article, accept_ids, dismiss_ids, accept_all, limit, this_article, as_json, reviewer):
    """Ranked links to make between the claims of ARTICLE (and other articles), numbered #N.

    Accepted suggestions become links; dismissed ones are not suggested again.
    """
    from factcheck.review.suggest import accept_suggestion, dismiss_suggestion, suggest_for_article

    from factcheck.review.base import write_tx
    from factcheck.store.refs import get_article

    db = ctx.db
    who = reviewer_name(reviewer) if (accept_ids or dismiss_ids or accept_all) else None
    both = sorted(set(accept_ids) & set(dismiss_ids))
    if both:
        raise InputError(f"suggestion #{both[0]} cannot be both accepted and dismissed")
    if accept_ids or dismiss_ids:
        art = get_article(db, article)
        done = []
        with write_tx(db):  # all the decisions or none
            for n in (*dismiss_ids, *accept_ids):
                _check_suggestion_of(db, n, art["id"])
            for n in dict.fromkeys(dismiss_ids):
                dismiss_suggestion(db, n, reviewer=who)
                done.append(f"dismissed #{n}")
            for n in dict.fromkeys(accept_ids):
                link = accept_suggestion(db, n, reviewer=who)
                done.append(f"accepted #{n}" + (f": linked as {link['relation']}" if link
                                                else " (the claims were already linked)"))
        for line in done:
            click.echo(line)
    from factcheck.review.ranking import by_score, offered

    # best first; a pair within one source family is never offered as corroboration
    suggestions = by_score(filter(offered, suggest_for_article(db, article, limit=limit, across=not this_article)))
    if accept_all:
        with write_tx(db):
            for s in suggestions:
                accept_suggestion(db, s.id, reviewer=who)
        click.echo(f"accepted {len(suggestions)} suggestion{'' if len(suggestions) == 1 else 's'}")
        return
    if as_json:
        _json([s.to_json() for s in suggestions])
        return
    if not suggestions:
        click.echo("no open suggestions")
        return
    out = Display()
    out.print(_suggestion_table(suggestions, out))
    click.echo("accept with: factcheck suggest " + str(article).strip() + " --accept N   (dismiss: --dismiss N)")


def _check_suggestion_of(db, suggestion_id: int, article_id: int) -> None:
    """Refuse a decision on a suggestion that links no claim of the article named (a typo in either)."""
    from factcheck.review.base import fetch_one

    row = fetch_one(db, "SELECT claim_a, claim_b FROM suggestions WHERE id = ?", [suggestion_id])
    if row is None:
        return  # the library says "no suggestion #N"
    articles = {r[0] for r in db.execute("SELECT article_id FROM claims WHERE id IN (?, ?)",
                                          [row["claim_a"], row["claim_b"]])}
    if article_id not in articles:
        raise InputError(f"suggestion #{suggestion_id} links {_claim_ref(db, row['claim_a'])} and "
                         f"{_claim_ref(db, row['claim_b'])}, not claims of article {article_id}")


# --- sources ----------------------------------------------------------------------------------------------


def _verdicts_text(counts: dict) -> str:
    from factcheck.review.scale import load_scale

    order = {label: i for i, label in enumerate(load_scale().labels)}
    items = sorted(counts.items(), key=lambda kv: order.get(kv[0], len(order)))
    return ", ".join(f"{label or 'no verdict'} {n}" for label, n in items)


@cli.command("sources")
@click.option("--merge", nargs=2, metavar="SOURCE INTO", help="Merge SOURCE into INTO.")
@click.option("--rename", nargs=2, metavar="SOURCE NAME", help="Rename SOURCE to NAME.")
@click.option("--grade", nargs=2, metavar="SOURCE A-F", help="Set the Admiralty reliability grade of SOURCE.")
@click.option("--all", "show_all", is_flag=True, help="Also list sources without claims (e.g. parent bodies).")
@click.option("--json", "as_json", is_flag=True, help="Print the sources as JSON.")
@_reviewer_option
@pass_ctx
def sources_cmd(ctx, merge, rename, grade, show_all, as_json, reviewer):
    """Canonical sources with family, reliability grade, claims and verdicts; merge, rename, grade.

    SOURCE is a name, alias, key or #id.
    """
    from factcheck.review import sources as src

    from factcheck.review.base import write_tx

    db = ctx.db
    if merge or rename or grade:
        who, done = reviewer_name(reviewer), []
        with write_tx(db):  # every change asked for, or none
            if merge:
                row = src.merge_sources(db, merge[0], merge[1], reviewer=who)
                target = src.load_source(db, row["merged_into"])
                done.append(f"merged {row['name']} (#{row['id']}) into {target['name']} (#{target['id']})")
            if rename:
                row = src.rename_source(db, rename[0], rename[1], reviewer=who)
                done.append(f"renamed #{row['id']} to {row['name']}")
            if grade:
                row = src.grade_source(db, grade[0], grade[1], reviewer=who)
                done.append(f"graded {row['name']}: {row['grade']}")
        for line in done:
            click.echo(_safe(line))
        return
    rows = src.list_sources(db, with_claims_only=not show_all)
    if as_json:
        _json(rows)
        return
    out = Display()
    table = Table()
    for name, kw in (("#", {"justify": "right"}), ("source", {"overflow": "fold"}), ("kind", {}), ("family", {"overflow": "fold"}),
                     ("grade", {}), ("claims", {"justify": "right"}), ("verdicts", {"overflow": "fold"}),
                     ("warnings", {"overflow": "fold"})):
        table.add_column(name, **kw)
    for s in rows:
        warn = f"{s['warnings']} corroborated only within family" if s["warnings"] else ""
        family = s["family_root"] if s["family_root"] != s["name"] else "—"
        table.add_row(str(s["id"]), out.para(s["name"]), s["kind"], out.para(family), s["grade"],
                      str(s["claims"]), out.para(_verdicts_text(s["verdicts"])), Text(warn, style="yellow"))
    out.print(table)


# --- attribution ------------------------------------------------------------------------------------------


@cli.command("attribute")
@click.argument("claim", metavar="CLAIM")
@click.option("--source", "source", metavar="NAME", help="The right source (name, alias, key or #id; a new name creates it).")
@click.option("--kind", help="person, organization, agency, anonymous, reports or unattributed.")
@click.option("--via", multiple=True, metavar="NAME", help="A conduit, origin side first (repeatable).")
@click.option("--no-via", is_flag=True, help="The claim came through no conduit.")
@click.option("--role", help="The source's role, e.g. spokesperson.")
@click.option("--note", help="Why the attribution was corrected.")
@click.option("--clear", is_flag=True, help="Drop the correction: back to the extracted attribution.")
@click.option("--new-source", "new_sources", is_flag=True,
              help="Create --via names even when they are close to a stored source (not a typo).")
@click.option("--expect-version", type=NUMBER, metavar="N", help="Refuse if the claim is no longer at version N.")
@_reviewer_option
@pass_ctx
def attribute_cmd(ctx, claim, source, kind, via, no_via, role, note, clear, new_sources, expect_version, reviewer):
    """Correct who said a claim (stored as a reviewer override; the extracted record is kept).

    The name you give is taken exactly: it is never matched fuzzily onto another source. A new name
    close to a stored one is created and the close one named, with the --merge command if they are
    the same; a --via name close to a stored one is refused as a likely typo (see --new-source).
    """
    from factcheck.review.attribution import clear_override, override_attribution

    if clear:
        done = clear_override(ctx.db, claim, reviewer=reviewer_name(reviewer), expected_version=expect_version)
        click.echo(f"{_ref(claim)}: " + ("back to the extracted attribution" if done else "had no correction"))
        return
    if not source:
        raise InputError("give --source NAME (or --clear)")
    if via and no_via:
        raise InputError("--via and --no-via contradict each other")
    att = override_attribution(
        ctx.db, claim, source=source, kind=kind, via=() if no_via else (list(via) if via else None), role=role,
        note=note, reviewer=reviewer_name(reviewer), expected_version=expect_version, new_sources=new_sources,
    )
    via_text = f" via {', '.join(h['name'] for h in att['via'])}" if att["via"] else ""
    click.echo(_safe(f"{_ref(claim)}: attributed to {att['name']} ({att['kind']}){via_text}"))
    for line in att.get("notes") or []:
        click.echo(_safe(f"note: {line}"), err=True)


# --- history / undo ---------------------------------------------------------------------------------------


@cli.command("history")
@click.argument("claim", metavar="CLAIM")
@click.option("--json", "as_json", is_flag=True, help="Print the events as JSON.")
@pass_ctx
def history_cmd(ctx, claim, as_json):
    """Who changed what about a claim, and when (the audit trail)."""
    from factcheck.review.history import history

    events = history(ctx.db, claim)
    if as_json:
        _json(events)
        return
    f = Display().frag if events else _safe
    for e in events:
        undone = f"  (undone by #{e['undone_by']})" if e["undone_by"] else ""
        click.echo(f"#{e['id']:<5} {e['at'][:19].replace('T', ' ')}  {f(e['reviewer']):<12} {f(e['summary'])}{undone}")


@cli.command("undo")
@click.option("--dry-run", is_flag=True, help="Only say what would be undone.")
@_reviewer_option
@pass_ctx
def undo_cmd(ctx, dry_run, reviewer):
    """Revert your last change that is not undone yet (an 'undo' event is recorded); 'redo' applies
    it again."""
    from factcheck.review.history import undo_last, undo_preview

    who = reviewer_name(reviewer)
    preview = undo_preview(ctx.db, reviewer=who)
    if preview is None:
        click.echo(f"nothing to undo for {who}")
        return
    if dry_run:
        where = f" on claim {preview['ref']}" if preview["ref"] else ""
        click.echo(_safe(f"would undo #{preview['event']['id']} ({preview['event']['action']}{where}): "
                         f"{preview['summary']}"))
        return
    result = undo_last(ctx.db, reviewer=who)
    if result is None:
        click.echo(f"nothing to undo for {who}")
        return
    event = result["undone"]
    where = f" on claim {_claim_ref(ctx.db, event['claim_id'])}" if event["claim_id"] else ""
    click.echo(_safe(f"undid #{event['id']} ({event['action']}{where}): {result['summary']}"))
    for later in ctx.db.execute(
        "SELECT id, article_id FROM events WHERE reviewer = ? AND action = 'delete' AND id > ? ORDER BY id",
        [who, event["id"]],
    ):
        click.echo(f"note: your later deletion of article {later[1]} (#{later[0]}) cannot be undone; "
                   "re-ingest its file to get it back", err=True)


@cli.command("redo")
@click.option("--dry-run", is_flag=True, help="Only say what would be redone.")
@_reviewer_option
@pass_ctx
def redo_cmd(ctx, dry_run, reviewer):
    """Apply again the change you last undid (until you make a new change)."""
    from factcheck.review.history import redo_last, redo_preview

    who = reviewer_name(reviewer)
    preview = redo_preview(ctx.db, reviewer=who)
    if preview is None:
        click.echo(f"nothing to redo for {who}")
        return
    event = preview["event"]
    where = f" on claim {_claim_ref(ctx.db, event['claim_id'])}" if event["claim_id"] else ""
    if dry_run:
        click.echo(_safe(f"would redo #{event['id']} ({event['action']}{where}): {preview['summary']}"))
        return
    redo_last(ctx.db, reviewer=who)
    click.echo(_safe(f"redid #{event['id']} ({event['action']}{where}): {preview['summary']}"))


# --- claim boundaries -------------------------------------------------------------------------------------


def _span_line(row: dict) -> str:
    return f"{row['article_id']}:{row['idx']} [{row['start']}–{row['end']}] “{_excerpt(row['text'], 60)}”"


@cli.command("split")
@click.argument("claim", metavar="CLAIM")
@click.option("--at", type=NUMBER, metavar="OFFSET", help="Split at this offset of the article text.")
@click.option("--after", metavar="WORDS", help="Split right after these words of the claim (first occurrence).")
@click.option("--expect-version", type=NUMBER, metavar="N", help="Refuse if the claim is no longer at version N.")
@_reviewer_option
@pass_ctx
def split_cmd(ctx, claim, at, after, expect_version, reviewer):
    """Split a claim in two: it keeps the first part, the rest becomes a new claim (the next free
    number of the article). The article text and the other claims do not change."""
    from factcheck.review.boundaries import split_claim

    result = split_claim(ctx.db, claim, at=at, after=after, reviewer=reviewer_name(reviewer),
                         expected_version=expect_version)
    click.echo(_safe(f"split {_ref(claim)}: {_span_line(result['claim'])}"))
    click.echo(_safe(f"new claim {_span_line(result['new'])}"))


@cli.command("merge")
@click.argument("first", metavar="CLAIM")
@click.argument("second", metavar="NEXT")
@click.option("--expect-version", type=NUMBER, metavar="N", help="Refuse if CLAIM is no longer at version N.")
@_reviewer_option
@pass_ctx
def merge_cmd(ctx, first, second, expect_version, reviewer):
    """Merge NEXT, the neighbour after CLAIM in the text, into CLAIM (NEXT must not be reviewed yet)."""
    from factcheck.review.boundaries import merge_claims

    row = merge_claims(ctx.db, first, second, reviewer=reviewer_name(reviewer), expected_version=expect_version)
    click.echo(_safe(f"merged {_ref(second)} into {_span_line(row)}"))


@cli.command("adjust")
@click.argument("claim", metavar="CLAIM")
@click.option("--start", type=NUMBER, metavar="OFFSET", help="New start (offset into the article text).")
@click.option("--end", type=NUMBER, metavar="OFFSET", help="New end (exclusive).")
@click.option("--expect-version", type=NUMBER, metavar="N", help="Refuse if the claim is no longer at version N.")
@_reviewer_option
@pass_ctx
def adjust_cmd(ctx, claim, start, end, expect_version, reviewer):
    """Move a claim's boundaries within the article text (it may not overlap another claim)."""
    from factcheck.review.base import load_claim
    from factcheck.review.boundaries import adjust_span

    if start is None and end is None:
        raise InputError("give --start and/or --end")
    row = load_claim(ctx.db, claim)
    row = adjust_span(ctx.db, row["id"], row["start"] if start is None else start, row["end"] if end is None else end,
                      reviewer=reviewer_name(reviewer), expected_version=expect_version)
    click.echo(_safe(f"adjusted {_span_line(row)}"))


def _ref(text: str) -> str:
    """A claim reference as the user typed it, tidied (`` 1 : 5`` -> ``1:5``)."""
    from factcheck.store.refs import parse_claim_ref

    try:
        article_id, idx = parse_claim_ref(text)
    except InputError:
        return str(text).strip()
    return f"{article_id}:{idx}"


def _claim_ref(db, claim_id: int) -> str:
    row = db.execute("SELECT article_id, idx FROM claims WHERE id = ?", [claim_id]).fetchone()
    return f"{row[0]}:{row[1]}" if row else f"#{claim_id}"
