"""Frozen settings read once from the environment. Secrets not given in the environment are generated
once into the data directory (mode 0600) so a restart keeps sessions valid; they are never committed."""
from __future__ import annotations

import json
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


class Environment(StrEnum):
    DEV = "dev"
    TEST = "test"
    PROD = "prod"


@dataclass(frozen=True, slots=True)
class S3Settings:
    """An S3-compatible bucket for uploads (instead of the data directory)."""

    endpoint: str
    bucket: str
    region: str
    access_key_id: str
    secret_access_key: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class Settings:
    env: Environment
    data_dir: Path
    database_url: str
    redis_url: str | None
    public_url: str
    pwa_dist: Path
    secret_key: str = field(repr=False)
    vapid_private_key: str = field(repr=False)
    vapid_public_key: str
    session_days: int
    login_failures_per_account: int
    login_failures_per_ip: int
    login_window_seconds: int
    invite_days: int
    max_body_bytes: int
    graphql_max_depth: int
    graphql_max_tokens: int
    graphql_max_aliases: int
    trust_proxy_headers: bool
    # Seconds a score recompute waits after the first change, gathering the burst that follows.
    score_debounce_seconds: float = 5.0
    s3: S3Settings | None = None  # uploads in a bucket when SEEN_S3_* is set

    @property
    def cookie_secure(self) -> bool:
        return self.public_url.startswith("https://")

    @property
    def embedded(self) -> bool:
        """One process, in-process jobs: no Redis configured."""
        return self.redis_url is None


def database_url_from(env: Mapping[str, str], data_dir: Path) -> str:
    return env.get("SEEN_DATABASE_URL") or f"sqlite://{data_dir / 'seen.sqlite3'}"


def data_dir_from(env: Mapping[str, str]) -> Path:
    return Path(env.get("SEEN_DATA_DIR") or REPO_ROOT / "var").resolve()


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if env is None else env
    data_dir = data_dir_from(env)
    stored = _stored_secrets(data_dir, env)
    return Settings(
        env=Environment(env.get("SEEN_ENV", "dev")),
        data_dir=data_dir,
        database_url=database_url_from(env, data_dir),
        redis_url=env.get("SEEN_REDIS_URL") or None,
        public_url=env.get("SEEN_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/"),
        pwa_dist=Path(env.get("SEEN_PWA_DIST") or REPO_ROOT / "pwa" / "dist").resolve(),
        secret_key=stored["secret_key"],
        vapid_private_key=stored["vapid_private_key"],
        vapid_public_key=stored["vapid_public_key"],
        session_days=_int(env, "SEEN_SESSION_DAYS", 30),
        login_failures_per_account=_int(env, "SEEN_LOGIN_FAILURES_PER_ACCOUNT", 5),
        login_failures_per_ip=_int(env, "SEEN_LOGIN_FAILURES_PER_IP", 30),
        login_window_seconds=_int(env, "SEEN_LOGIN_WINDOW_SECONDS", 900),
        invite_days=_int(env, "SEEN_INVITE_DAYS", 14),
        max_body_bytes=_int(env, "SEEN_MAX_BODY_BYTES", 8_000_000),  # room for a 5 MB spreadsheet import, base64
        graphql_max_depth=_int(env, "SEEN_GRAPHQL_MAX_DEPTH", 10),
        graphql_max_tokens=_int(env, "SEEN_GRAPHQL_MAX_TOKENS", 2000),
        graphql_max_aliases=_int(env, "SEEN_GRAPHQL_MAX_ALIASES", 15),
        trust_proxy_headers=env.get("SEEN_TRUST_PROXY_HEADERS", "0") == "1",
        score_debounce_seconds=float(_int(env, "SEEN_SCORE_DEBOUNCE_SECONDS", 5)),
        s3=s3_settings_from(env),
    )


def s3_settings_from(env: Mapping[str, str]) -> S3Settings | None:
    """None unless SEEN_S3_BUCKET is set; then the endpoint and both keys are required (env only)."""
    if not env.get("SEEN_S3_BUCKET"):
        return None
    names = ("SEEN_S3_ENDPOINT", "SEEN_S3_ACCESS_KEY_ID", "SEEN_S3_SECRET_ACCESS_KEY")
    missing = [name for name in names if not env.get(name)]
    if missing:
        raise ValueError(f"SEEN_S3_BUCKET is set but {', '.join(missing)} is not")
    return S3Settings(endpoint=env["SEEN_S3_ENDPOINT"].rstrip("/"), bucket=env["SEEN_S3_BUCKET"],
                      region=env.get("SEEN_S3_REGION") or "us-east-1", access_key_id=env["SEEN_S3_ACCESS_KEY_ID"],
                      secret_access_key=env["SEEN_S3_SECRET_ACCESS_KEY"])


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as err:
        raise ValueError(f"{name} must be a whole number, got {raw!r}") from err


def _stored_secrets(data_dir: Path, env: Mapping[str, str]) -> dict[str, str]:
    """Environment wins; otherwise secrets.json in the data directory, created on first run."""
    path = data_dir / "secrets.json"
    stored: dict[str, str] = {}
    if path.exists():
        stored = json.loads(path.read_text())
    missing = not all(k in stored for k in ("secret_key", "vapid_private_key", "vapid_public_key"))
    needs_file = missing and not (env.get("SEEN_SECRET_KEY") and env.get("SEEN_VAPID_PRIVATE_KEY"))
    if needs_file:
        stored.setdefault("secret_key", secrets.token_urlsafe(48))
        if "vapid_private_key" not in stored:
            stored["vapid_private_key"], stored["vapid_public_key"] = _new_vapid_keys()
        data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            json.dump(stored, fh)
    return {
        "secret_key": env.get("SEEN_SECRET_KEY") or stored["secret_key"],
        "vapid_private_key": env.get("SEEN_VAPID_PRIVATE_KEY") or stored["vapid_private_key"],
        "vapid_public_key": env.get("SEEN_VAPID_PUBLIC_KEY") or stored.get("vapid_public_key", ""),
    }


def _new_vapid_keys() -> tuple[str, str]:
    """A P-256 key pair: private as PEM (what webpush reads), public as the URL-safe base64 point."""
    import base64

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    private_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    point = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return private_pem, base64.urlsafe_b64encode(point).rstrip(b"=").decode()


_current: Settings | None = None


def use_settings(settings: Settings) -> None:
    """Install the settings this process runs with (startup, tests)."""
    global _current
    _current = settings


def get_settings() -> Settings:
    global _current
    if _current is None:
        _current = load_settings()
    return _current
