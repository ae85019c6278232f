"""The Arabic attribution engine: one pipeline in four modules.

- ``lexicon``: tokens, folded keys and the lexicon tables built from ``text/lexicons/ar.json``
  (cue verbs and their inflections, frames, head nouns that decide a source's kind, given names).
  To add a cue verb, edit the JSON: no code changes.
- ``np``: the noun-phrase parser that reads a source mention (where a speaker's phrase ends).
- ``anchors``: finds the anchors of a sentence (a reporting verb, a frame such as بحسب, a
  title's subject, a participle, a verbal noun) and builds the claims; each finder carries the
  name of its rule, which ends up in ``Attribution.reason``.
- ``discourse``: resolves a mention to a speaker through the article (registry, role-only and
  short mentions, zero subjects, relayed reporting and via chains) and writes the reason.

``attribute(text, registry=..., date=...)`` is the entry point used by ``factcheck.text.extract``.
"""

from factcheck.text.ar.anchors import attribute

__all__ = ["attribute"]
