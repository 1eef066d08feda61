"""Settings: read once from the environment; secrets generated once into the data directory."""
from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from backend.core.config import Environment, load_settings


def _env(tmp_path: Path, **values: str) -> dict[str, str]:
    return {"SEEN_DATA_DIR": str(tmp_path / "data"), **values}


def test_secrets_are_generated_into_the_data_dir_readable_only_by_the_owner(tmp_path):
    # when
    settings = load_settings(_env(tmp_path))
    # then
    path = tmp_path / "data" / "secrets.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    stored = json.loads(path.read_text())
    assert stored["secret_key"] == settings.secret_key and len(settings.secret_key) >= 48
    assert stored["vapid_public_key"] == settings.vapid_public_key
    assert settings.vapid_private_key.startswith("-----BEGIN PRIVATE KEY-----")


def test_secrets_are_stable_across_loads(tmp_path):
    # given
    first = load_settings(_env(tmp_path))
    written = (tmp_path / "data" / "secrets.json").read_text()
    # when
    second = load_settings(_env(tmp_path))
    # then
    assert (second.secret_key, second.vapid_private_key, second.vapid_public_key) == (
        first.secret_key, first.vapid_private_key, first.vapid_public_key)
    assert (tmp_path / "data" / "secrets.json").read_text() == written


def test_a_missing_vapid_key_is_added_without_replacing_the_secret_key(tmp_path):
    # given a secrets file from before push notifications existed
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "secrets.json").write_text(json.dumps({"secret_key": "kept-secret"}))
    # when
    settings = load_settings(_env(tmp_path))
    # then
    assert settings.secret_key == "kept-secret" and settings.vapid_public_key
    assert json.loads((tmp_path / "data" / "secrets.json").read_text())["secret_key"] == "kept-secret"


def test_environment_secrets_win_over_the_file(tmp_path):
    # given a generated file
    load_settings(_env(tmp_path))
    # when
    settings = load_settings(_env(tmp_path, SEEN_SECRET_KEY="from-env", SEEN_VAPID_PRIVATE_KEY="pem-from-env",
                                  SEEN_VAPID_PUBLIC_KEY="pub-from-env"))
    # then
    assert (settings.secret_key, settings.vapid_private_key, settings.vapid_public_key) == (
        "from-env", "pem-from-env", "pub-from-env")


def test_environment_secrets_need_no_file(tmp_path):
    # when
    load_settings(_env(tmp_path, SEEN_SECRET_KEY="from-env", SEEN_VAPID_PRIVATE_KEY="pem", SEEN_VAPID_PUBLIC_KEY="pub"))
    # then
    assert not (tmp_path / "data" / "secrets.json").exists()


def test_environment_values_win_over_defaults(tmp_path):
    # when
    settings = load_settings(_env(
        tmp_path, SEEN_ENV="prod", SEEN_SESSION_DAYS="7", SEEN_LOGIN_FAILURES_PER_IP="3",
        SEEN_PUBLIC_URL="https://seen.example.com/", SEEN_REDIS_URL="redis://cache:6379/0",
        SEEN_DATABASE_URL="postgres://seen@db/seen", SEEN_TRUST_PROXY_HEADERS="1",
    ))
    # then
    assert settings.env == Environment.PROD
    assert (settings.session_days, settings.login_failures_per_ip) == (7, 3)
    assert settings.public_url == "https://seen.example.com" and settings.cookie_secure
    assert (settings.redis_url, settings.embedded) == ("redis://cache:6379/0", False)
    assert settings.database_url == "postgres://seen@db/seen" and settings.trust_proxy_headers


def test_defaults_are_an_embedded_dev_install(tmp_path):
    # when
    settings = load_settings(_env(tmp_path))
    # then
    assert settings.env == Environment.DEV and settings.embedded and not settings.cookie_secure
    assert (settings.session_days, settings.login_failures_per_account, settings.login_failures_per_ip) == (30, 5, 30)
    assert settings.graphql_max_aliases == 15 and settings.graphql_max_depth == 10


def test_the_default_database_is_sqlite_under_the_data_dir(tmp_path):
    # when
    settings = load_settings(_env(tmp_path))
    # then
    assert settings.database_url == f"sqlite://{(tmp_path / 'data').resolve() / 'seen.sqlite3'}"


@pytest.mark.parametrize("name", ["SEEN_SESSION_DAYS", "SEEN_LOGIN_FAILURES_PER_ACCOUNT", "SEEN_MAX_BODY_BYTES"])
def test_a_bad_integer_names_the_variable(tmp_path, name):
    # when / then
    with pytest.raises(ValueError, match=name):
        load_settings(_env(tmp_path, **{name: "ten"}))


def test_an_empty_integer_falls_back_to_the_default(tmp_path):
    # when
    settings = load_settings(_env(tmp_path, SEEN_SESSION_DAYS=""))
    # then
    assert settings.session_days == 30


def test_an_unknown_environment_name_is_refused(tmp_path):
    # when / then
    with pytest.raises(ValueError):
        load_settings(_env(tmp_path, SEEN_ENV="staging"))


def test_secrets_stay_out_of_the_repr(tmp_path):
    # when
    settings = load_settings(_env(tmp_path))
    # then
    assert settings.secret_key not in repr(settings) and "PRIVATE KEY" not in repr(settings)
