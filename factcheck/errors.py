"""Errors that reach the user as one line (``error: ...``) and an exit code."""


class FactcheckError(Exception):
    """A failure the user can act on. Exit code 1 unless stated."""

    exit_code = 1

    def __init__(self, message: str, exit_code: int | None = None):
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class InputError(FactcheckError):
    """Bad input from the user (file, argument, reference): exit code 2."""

    exit_code = 2


class DatabaseError(FactcheckError):
    """The database file cannot be used (not ours, newer, corrupt)."""


class StaleWriteError(FactcheckError):
    """A write against a record someone else changed since it was read."""

    def __init__(self, message: str, *, changed_by: str | None = None, changed_at: str | None = None):
        super().__init__(message)
        self.changed_by = changed_by
        self.changed_at = changed_at
