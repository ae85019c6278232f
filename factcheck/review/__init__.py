"""The review library: what reviewers do with extracted claims (no UI here).

Modules: ``scale`` (verdict labels), ``workflow`` (status, verdict, rationale, assignee), ``links``,
``evidence``, ``attribution`` (effective attribution and reviewer overrides), ``sources`` (list, merge,
rename, grade), ``independence`` (root origins and Admiralty credibility), ``suggest`` (ranked link
suggestions; scoring in ``similarity``), ``history`` (audit trail and undo) and ``detail``
(everything about one claim). ``base`` holds the write transaction, optimistic locking and events;
``graph`` the source family tree.

Every write takes ``reviewer``, runs in one transaction that takes the write lock up front (bounded
by the busy timeout), refuses a stale ``expected_version`` with :class:`~factcheck.errors.StaleWriteError`,
bumps ``version`` and appends one ``events`` row with the before and after state.
"""

#: Workflow states of a claim, separate from its verdict.
STATUSES = ("unreviewed", "in_review", "reviewed", "needs_follow_up")
#: Relations between two claims; all symmetric.
RELATIONS = ("corroborates", "contradicts", "same_claim", "related")
#: Relations that count as one claim confirming the other.
CORROBORATING = ("corroborates", "same_claim")
#: How a piece of evidence bears on a claim.
STANCES = ("supports", "refutes", "context")

#: NATO/Admiralty source reliability grades.
GRADES = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
#: NATO/Admiralty information credibility levels.
CREDIBILITY = {
    1: "confirmed by independent sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}
