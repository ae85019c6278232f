"""User settings: one :class:`Settings` object behind every ``FACTCHECK_*`` variable.

Each setting is resolved, highest first, from a command-line option (the caller passes it), its
environment variable, the TOML config file, then its default. The config file is ``--config PATH``,
else ``$FACTCHECK_CONFIG``, else ``$XDG_CONFIG_HOME/factcheck/config.toml`` (``~/.config`` when
``XDG_CONFIG_HOME`` is unset)::

    reviewer = "Lina"
    bidi = "app"
    [org]
    name = "Example Fact Check"
    url = "https://factcheck.example.org"
    [export]
    dir = "~/reviews"

``factcheck config`` lists every setting with where its value comes from; ``config set``,
``config get`` and ``config unset`` change and read one. The core reads settings only through
:func:`settings`; nothing here imports Textual or the database.
"""

from __future__ import annotations

import getpass
import json
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from factcheck.errors import InputError

BIDI_MODES = ("auto", "app", "terminal", "off")
CONFIG_ENV = "FACTCHECK_CONFIG"


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: its dotted key in the file, its environment variable, what it means."""

    key: str
    env: str
    doc: str
    default: str | None = None
    choices: tuple[str, ...] = ()
    url: bool = False
    in_file: bool = True  # False: environment only (debugging switches)


#: Every setting, in the order ``factcheck config`` lists them.
SETTINGS: tuple[Setting, ...] = (
    Setting("reviewer", "FACTCHECK_REVIEWER", "your name in the audit trail [default: the login name]"),
    Setting("org.name", "FACTCHECK_ORG_NAME", "the reviewing organisation, author of ClaimReview exports"),
    Setting("org.url", "FACTCHECK_ORG_URL", "the organisation's web address (http/https)", url=True),
    Setting("org.review_url", "FACTCHECK_REVIEW_URL",
            "where reports are published; ClaimReview 'url' is made from it, and left out without it",
            url=True),
    Setting("export.dir", "FACTCHECK_EXPORT_DIR", "the folder the app's export dialog writes to [default: .]"),
    Setting("bidi", "FACTCHECK_BIDI", "right-to-left display: auto, app, terminal or off", "auto", BIDI_MODES),
    Setting("shaping", "FACTCHECK_SHAPING",
            "join Arabic letters for display in app bidi mode: auto (on), on or off", "auto", ("auto", "on", "off")),
    Setting("theme", "FACTCHECK_THEME", "the review app's colour theme, e.g. textual-dark, nord, gruvbox"),
    Setting("db", "FACTCHECK_DB", "the database file [default: db/factcheck.db]"),
    Setting("verdicts", "FACTCHECK_VERDICTS", "a JSON verdict scale replacing the shipped one"),
    Setting("debug", "FACTCHECK_DEBUG", "1: show tracebacks of internal errors", in_file=False),
    Setting("no_cache", "FACTCHECK_NO_CACHE",
            "1: do not cache the built source-registry index under $XDG_CACHE_HOME", in_file=False),
)
BY_KEY: dict[str, Setting] = {s.key: s for s in SETTINGS}
FILE_KEYS = tuple(s.key for s in SETTINGS if s.in_file)


def default_config_path(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    explicit = (env.get(CONFIG_ENV) or "").strip()
    if explicit:
        return Path(explicit).expanduser()
    base = (env.get("XDG_CONFIG_HOME") or "").strip()
    root = Path(base).expanduser() if base else Path.home() / ".config"
    return root / "factcheck" / "config.toml"


def _setting(key: str) -> Setting:
    found = BY_KEY.get((key or "").strip().lower())
    if found is None or not found.in_file:
        raise InputError(f"unknown setting {key!r}; valid: {', '.join(FILE_KEYS)}")
    return found


def check_value(key: str, value: str) -> str:
    """The value as it would be stored, or InputError saying what is wrong with it."""
    from urllib.parse import urlsplit

    setting = _setting(key)
    value = " ".join(str(value).split()) if setting.key not in ("export.dir", "db", "verdicts") else str(value).strip()
    if not value:
        raise InputError(f"{setting.key}: empty value (use 'factcheck config unset {setting.key}')")
    if setting.choices:
        value = value.lower()
        if value not in setting.choices:
            raise InputError(f"{setting.key}: {value!r} is not one of {', '.join(setting.choices)}")
    if setting.url:
        parts = urlsplit(value)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc or " " in value:
            hint = f" (did you mean https://{value}?)" if "://" not in value and "." in value else ""
            raise InputError(f"{setting.key}: {value!r} is not an http(s) address{hint}")
    return value


class Settings:
    """The effective settings: environment over config file over defaults (read on every call,
    so a changed environment or file is seen at once)."""

    def __init__(self, path: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None):
        self._explicit = Path(path).expanduser() if path else None
        self._environ = environ
        self._cache: tuple[Any, dict[str, str]] | None = None

    @property
    def env(self) -> Mapping[str, str]:
        return os.environ if self._environ is None else self._environ

    @property
    def path(self) -> Path:
        return self._explicit or default_config_path(self.env)

    # -- the file ------------------------------------------------------------------------------

    def file_values(self) -> dict[str, str]:
        """Dotted key -> value as stored in the config file (empty when there is no file)."""
        path = self.path
        try:
            stat = path.stat()
        except FileNotFoundError:
            if self._explicit is not None:
                raise InputError(f"config file {path}: no such file") from None
            return {}
        except OSError as exc:
            raise InputError(f"config file {path}: {exc.strerror or exc}") from None
        stamp = (str(path), stat.st_mtime_ns, stat.st_size)
        if self._cache and self._cache[0] == stamp:
            return dict(self._cache[1])
        if path.is_dir():
            raise InputError(f"config file {path}: is a directory")
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise InputError(f"config file {path}: not valid TOML ({exc})") from None
        except OSError as exc:
            raise InputError(f"config file {path}: {exc.strerror or exc}") from None
        values: dict[str, str] = {}
        for key, value in _flatten(data):
            if key in FILE_KEYS:
                if not isinstance(value, str):
                    raise InputError(f"config file {path}: {key} must be a string, e.g. {key.split('.')[-1]} = \"...\"")
                values[key] = value
        self._cache = (stamp, values)
        return dict(values)

    def unknown_keys(self) -> list[str]:
        try:
            data = tomllib.loads(self.path.read_text(encoding="utf-8-sig"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
            return []
        return [k for k, _ in _flatten(data) if k not in FILE_KEYS]

    def set(self, key: str, value: str) -> str:
        """Store one setting in the config file (created if needed); returns the stored value."""
        setting = _setting(key)
        value = check_value(setting.key, value)
        values = self.file_values() if self.path.exists() else {}
        values[setting.key] = value
        self._write(values)
        return value

    def unset(self, key: str) -> bool:
        setting = _setting(key)
        values = self.file_values() if self.path.exists() else {}
        if setting.key not in values:
            return False
        del values[setting.key]
        self._write(values)
        return True

    def _write(self, values: dict[str, str]) -> None:
        path = self.path
        text = render_toml(values)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, path)
        except OSError as exc:
            raise InputError(f"cannot write config file {path}: {exc.strerror or exc}") from None
        self._cache = None

    # -- effective values ------------------------------------------------------------------------

    def lookup(self, key: str) -> tuple[str | None, str]:
        """(value, where it comes from: ``env NAME``, ``config file`` or ``default``)."""
        setting = BY_KEY[key]
        env_value = (self.env.get(setting.env) or "").strip()
        if env_value:
            return env_value, f"env {setting.env}"
        if setting.in_file:
            stored = self.file_values().get(key)
            if stored is not None and stored.strip():
                return stored, "config file"
        if key == "reviewer":
            return login_name(), "login name"
        return setting.default, "default"

    def get(self, key: str, explicit: str | None = None) -> str | None:
        """``explicit`` (a command-line option) beats the environment, the file and the default."""
        if explicit is not None and str(explicit).strip():
            return str(explicit).strip()
        return self.lookup(key)[0]

    @property
    def debug(self) -> bool:
        return bool((self.env.get("FACTCHECK_DEBUG") or "").strip())


def _flatten(data: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    out = []
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict):
            out.extend(_flatten(value, dotted + "."))
        else:
            out.append((dotted, value))
    return out


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def render_toml(values: dict[str, str]) -> str:
    """The config file text: top-level keys first, then one table per section."""
    lines = ["# factcheck settings; change with 'factcheck config set KEY VALUE'", ""]
    tables: dict[str, list[str]] = {}
    for setting in SETTINGS:
        if setting.key not in values:
            continue
        section, _, name = setting.key.rpartition(".")
        line = f"{name} = {_toml_string(values[setting.key])}"
        if section:
            tables.setdefault(section, []).append(line)
        else:
            lines.append(line)
    for section, entries in tables.items():
        lines += ["", f"[{section}]", *entries]
    return "\n".join(lines).rstrip() + "\n"


_current: Settings | None = None


def settings() -> Settings:
    """The process-wide settings (``--config`` sets the file with :func:`use_config`)."""
    global _current
    if _current is None:
        _current = Settings()
    return _current


def use_config(path: str | os.PathLike[str] | None) -> Settings:
    """Read settings from ``path`` (``None``: the default location) from now on."""
    global _current
    if path is not None and not str(path).strip():
        raise InputError("the config path is empty")
    _current = Settings(path)
    return _current


def login_name() -> str:
    try:
        return getpass.getuser() or "reviewer"
    except Exception:  # no login name in some containers
        return "reviewer"


def reviewer_name(explicit: str | None = None) -> str:
    """``--reviewer`` beats ``$FACTCHECK_REVIEWER`` beats the config file beats the login name."""
    return settings().get("reviewer", explicit) or login_name()
