"""Widgets of the review app: claims table, claim detail, highlighted article text."""
