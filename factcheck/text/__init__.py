"""Text processing: normalise, segment, attribute, facts. Pure library: no database, no UI."""
