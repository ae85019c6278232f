"""Parallel ingest: extraction in worker processes, writes from one process.

:func:`prepare_many` yields, in input order, what each input became: a
:class:`~factcheck.ingest.pipeline.Prepared` article (extracted and folded, nothing stored), the
sha256 of a text the database already holds, or the :class:`~factcheck.errors.FactcheckError` it
raised. The caller writes each prepared article in its own transaction, so the write lock is only
ever held for writing and the database sees one writer however many workers extract. Standard
input (``-``) is read in the calling process.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Any, Iterable, Iterator

from factcheck.errors import FactcheckError

_OPTIONS: dict[str, Any] = {}


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _init(options: dict[str, Any]) -> None:
    _OPTIONS.clear()
    _OPTIONS.update(options)


def _prepare(path: str) -> tuple[str, Any]:
    from factcheck.ingest.pipeline import prepare_path

    try:
        return "ok", prepare_path(path, **_OPTIONS)
    except FactcheckError as exc:
        return "error", (type(exc).__name__, str(exc), exc.exit_code)
    except RecursionError:
        return "error", ("InputError", f"{path}: input is nested too deeply to process", 2)
    except Exception as exc:  # one broken file must not stop the batch
        return "internal", f"{type(exc).__name__}: {exc}"


def _rebuild(kind: str, value: Any) -> Any:
    if kind == "ok":
        return value
    if kind == "error":
        from factcheck import errors

        name, message, code = value
        cls = getattr(errors, name, FactcheckError)
        return cls(message) if cls is not FactcheckError else FactcheckError(message, code)
    return RuntimeError(value)


def prepare_many(paths: Iterable[str], *, jobs: int, known: Any = None, **options: Any) -> Iterator[Any]:
    """Prepare every path (see the module docstring); ``jobs`` worker processes (1: in-process)."""
    paths = list(paths)
    options = {**options, "known": known}
    workers = min(max(1, jobs), sum(1 for p in paths if p != "-"))
    if workers <= 1:
        _init(options)
        for path in paths:
            yield _rebuild(*_prepare(path))
        return
    # fork where available: the workers inherit the loaded engine (lexicons, registry) instead of
    # building it again; they never touch the parent's database connection.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with context.Pool(workers, initializer=_init, initargs=(options,)) as pool:
        remote = iter(pool.imap(_prepare, [p for p in paths if p != "-"], chunksize=1))
        for path in paths:
            if path == "-":
                _init(options)
                yield _rebuild(*_prepare(path))
            else:
                yield _rebuild(*next(remote))


__all__ = ["default_jobs", "prepare_many"]
