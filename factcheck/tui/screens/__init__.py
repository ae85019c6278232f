"""Screens of the review app: library, article review, sources, corroboration, help, dialogs."""
