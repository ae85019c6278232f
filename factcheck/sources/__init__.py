"""Sources: the registry of canonical sources, aliases and fuzzy resolution. No database."""
