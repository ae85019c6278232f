"""The review app (Textual). Imported only by ``factcheck review``: the core never imports it."""
