"""Getting articles in: read and decode a file (``read``), convert Markdown/HTML (``markdown``,
``html``), extract claims and store everything for one article in one transaction (``pipeline``).

The pipeline (and with it sqlite-utils) is imported on first use, so that ``factcheck extract``,
which only reads files, starts without the database layer.
"""

from typing import Any

from factcheck.ingest.read import DEFAULT_MAX_BYTES, FORMATS, Document, read_input

_PIPELINE_NAMES = ("IngestResult", "ingest_path", "ingest_text")


def __getattr__(name: str) -> Any:
    if name in _PIPELINE_NAMES:
        from factcheck.ingest import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["DEFAULT_MAX_BYTES", "FORMATS", "Document", "IngestResult", "ingest_path", "ingest_text", "read_input"]
