"""Getting articles in: read and decode a file (``read``), convert Markdown/HTML (``markdown``,
``html``), extract claims and store everything for one article in one transaction (``pipeline``)."""

from factcheck.ingest.pipeline import IngestResult, ingest_path, ingest_text
from factcheck.ingest.read import DEFAULT_MAX_BYTES, FORMATS, Document, read_input

__all__ = ["DEFAULT_MAX_BYTES", "FORMATS", "Document", "IngestResult", "ingest_path", "ingest_text", "read_input"]
