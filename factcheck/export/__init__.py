"""Review reports: Markdown, HTML, JSON, CSV and schema.org ClaimReview, plus importing JSON reviews.

Every format renders the one plain dict :func:`factcheck.export.collect.collect` gathers.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from factcheck.errors import FactcheckError, InputError
from factcheck.export.collect import SCHEMA, collect
from factcheck.export.jsonfmt import ImportResult, import_review, load_review_file

FORMATS = ("md", "html", "json", "csv", "claimreview")
#: File name suffix for each format.
SUFFIXES = {"md": ".md", "html": ".html", "json": ".json", "csv": ".csv", "claimreview": ".jsonld"}


def check_format(fmt: str) -> str:
    value = (fmt or "").strip().lower()
    if value not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; valid: {', '.join(FORMATS)}")
    return value


def render(
    db: Database,
    article_id: int | str,
    fmt: str,
    *,
    org_name: str | None = None,
    org_url: str | None = None,
    review_url: str | None = None,
    generated_at: str | None = None,
) -> str:
    """The report for one article in ``fmt``. CSV text starts with a BOM: write it as UTF-8, newline=""."""
    fmt = check_format(fmt)
    if fmt == "claimreview":  # refuse a missing organisation before doing any work
        from factcheck.export.claimreview import check_org

        check_org(org_name, org_url, review_url)
    review = collect(db, article_id, generated_at=generated_at)
    if fmt == "md":
        from factcheck.export.markdown import render_markdown

        return render_markdown(review)
    if fmt == "html":
        from factcheck.export.html import render_html

        return render_html(review)
    if fmt == "json":
        from factcheck.export.jsonfmt import render_json

        return render_json(review)
    if fmt == "csv":
        from factcheck.export.csvfmt import render_csv

        return render_csv(review)
    from factcheck.export.claimreview import render_claimreview

    return render_claimreview(review, org_name=org_name, org_url=org_url, review_url=review_url)


def write_atomic(path: str | os.PathLike[str], text: str, *, overwrite: bool = True) -> Path:
    """Write ``text`` as UTF-8 through a temporary file renamed over ``path``: never a partial file.

    A symbolic link is followed (the file it points to is replaced, not the link); a path that is
    not a regular file (``/dev/stdout``, ``/dev/null``, a FIFO) is written into, never replaced.
    ``overwrite=False`` refuses an existing file. Every failure (no permission, missing directory)
    is an :class:`InputError`: the path is the user's.
    """
    if not str(path).strip():
        raise InputError("no output file given (use - for stdout)")
    try:
        return _write_atomic(Path(path), text, overwrite)
    except OSError as exc:  # stat() of a path under a directory we may not search, ...
        raise _write_error(path, exc) from None


#: Failures that come from the path the user gave (exit 2), not from the machine (full disk, I/O).
_PATH_ERRNOS = {errno.EACCES, errno.EPERM, errno.ENOENT, errno.ENOTDIR, errno.EISDIR, errno.EROFS,
                errno.ENAMETOOLONG, errno.ELOOP, errno.EEXIST}


def _write_error(target: Any, exc: OSError) -> FactcheckError:
    cls = InputError if exc.errno in _PATH_ERRNOS else FactcheckError
    return cls(f"cannot write {target}: {exc.strerror or exc}")


def _write_atomic(target: Path, text: str, overwrite: bool) -> Path:
    if not overwrite and target.is_file():
        raise InputError(f"{target} exists; add --force to overwrite it")
    if target.is_dir():
        raise InputError(f"cannot write {target}: it is a directory")
    if target.exists() and not target.is_file():
        return _write_stream(target, text)
    if target.is_symlink():  # a link to a file, or a dangling one: write where it points
        target = Path(os.path.realpath(target))
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        problem = "is not a directory" if parent.exists() else "does not exist"
        raise InputError(f"cannot write {target}: {parent} {problem}")
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp_name, _mode_for(target))
        os.replace(tmp_name, target)
        tmp_name = None
    except OSError as exc:
        raise _write_error(target, exc) from None
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
    return target


def _mode_for(target: Path) -> int:
    """Keep the permissions of the file being replaced (a private report stays private); a new
    file gets the usual ones (0666 less the umask)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _write_stream(target: Path, text: str) -> Path:
    """Write into a device or pipe (it cannot be replaced atomically, and must not be)."""
    try:
        with open(target, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    except OSError as exc:
        raise _write_error(target, exc) from None
    return Path(target)


def export_to_path(db: Database, article_id: int | str, fmt: str, path: str | os.PathLike[str], **opts: Any) -> Path:
    """Render and write atomically (temporary file + rename); returns the path written."""
    return write_atomic(path, render(db, article_id, fmt, **opts))


__all__ = [
    "FORMATS",
    "SCHEMA",
    "SUFFIXES",
    "ImportResult",
    "check_format",
    "collect",
    "export_to_path",
    "import_review",
    "load_review_file",
    "render",
    "write_atomic",
]
