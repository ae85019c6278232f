"""factcheck: split news articles into attributed claims and review them."""

__version__ = "0.1.0"
