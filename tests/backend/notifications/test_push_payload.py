"""Web Push pieces without I/O: the payload and its cap, headers, the VAPID token and keys, back-off."""
from __future__ import annotations

import base64
import json
import time
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from backend.notifications.channels import SendStatus, retry_after_seconds
from backend.notifications.delivery import retry_delay, skip_reason
from backend.notifications.models import DeliveryChannel, Notification
from backend.notifications.preferences import Preferences
from backend.notifications.webpush_channel import (
    audience, build_payload, interpret, topic, urgency, vapid_authorization, vapid_keys, vapid_subject,
)
from tests.support.push_service import verify_vapid


def _note(**values: str) -> Notification:
    fields = {"kind": "kudos_received", "title_en": "Thanks", "title_zh": "谢谢", "body_en": "Nice work",
              "body_zh": "干得好", "link": "/wall", "dedupe_key": "d", **values}
    return Notification(**fields)


def test_the_payload_is_in_the_readers_language():
    # given
    note = _note()
    # when
    english, chinese = json.loads(build_payload(note, "en")), json.loads(build_payload(note, "zh-CN"))
    # then
    assert english == {"title": "Thanks", "body": "Nice work", "url": "/wall", "tag": "kudos_received", "id": str(note.id)}
    assert (chinese["title"], chinese["body"]) == ("谢谢", "干得好")


@pytest.mark.parametrize(("body", "cap", "kept"), [
    ("short", 3072, "short"),
    ("x" * 5000, 3072, None),  # ASCII
    ("好" * 2000, 3072, None),  # 3 bytes each
    ("🎉" * 1000, 3072, None),  # 4 bytes each
    ("x" * 300, 200, None),  # a tiny cap
])
def test_the_payload_never_exceeds_the_cap(body, cap, kept):
    # when
    payload = build_payload(_note(body_en=body), "en", cap=cap)
    # then
    assert len(payload) <= cap
    decoded = json.loads(payload)
    if kept is not None:
        assert decoded["body"] == kept
    else:
        kept_chars = len(decoded["body"]) - 1
        assert decoded["body"].endswith("…") and body.startswith(decoded["body"][:-1])
        # and it is the longest that fits: one more character would not
        longer = {**decoded, "body": body[: kept_chars + 1] + "…"}
        assert len(json.dumps(longer, ensure_ascii=False, separators=(",", ":")).encode()) > cap


def test_the_title_is_shortened_only_when_the_body_is_not_enough():
    # when the cap leaves no room for any body
    payload = json.loads(build_payload(_note(title_en="T" * 150, body_en="B" * 150), "en", cap=160))
    # then
    assert payload["body"] == "" and payload["title"].endswith("…") and len(payload["title"]) < 150


@pytest.mark.parametrize(("kind", "level"), [
    ("redemption_requested", "high"), ("leave_approval", "high"), ("kudos_received", "normal"),
    ("redemption_declined", "normal"), ("rule_award", "normal"),
])
def test_urgency(kind, level):
    assert urgency(kind) == level


@pytest.mark.parametrize(("kind", "expected"), [
    ("kudos_received", "kudos_received"), ("a.b c/d", "abcd"), ("x" * 40, "x" * 32), ("...", "seen"),
])
def test_topic_is_at_most_32_url_safe_characters(kind, expected):
    assert topic(kind) == expected


@pytest.mark.parametrize(("endpoint", "origin"), [
    ("https://fcm.googleapis.com/fcm/send/abc", "https://fcm.googleapis.com"),
    ("https://push.example:443/x", "https://push.example"),
    ("https://push.example:8443/x", "https://push.example:8443"),
    ("http://127.0.0.1:54321/push/phone", "http://127.0.0.1:54321"),  # webpush 1.0.6 would drop the port
])
def test_the_audience_is_the_origin_with_its_port(endpoint, origin):
    assert audience(endpoint) == origin


def test_the_vapid_token_verifies_independently():
    # given a key as `seen` generates it (PEM)
    pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
    keys = vapid_keys(pem)
    # when
    header = vapid_authorization(keys, endpoint="http://127.0.0.1:8080/push/x", subject="https://seen.example",
                                 issued_at=int(time.time()))
    # then the test push service's own checker accepts it
    claims, key = verify_vapid(header, audience="http://127.0.0.1:8080")
    assert key == keys.application_server_key and claims["sub"] == "https://seen.example"
    with pytest.raises(ValueError, match="aud"):
        verify_vapid(header, audience="http://127.0.0.1")


def test_a_raw_base64_private_key_works_too():
    # given the raw 32-byte scalar other tools print
    key = ec.generate_private_key(ec.SECP256R1())
    raw = base64.urlsafe_b64encode(key.private_numbers().private_value.to_bytes(32, "big")).rstrip(b"=").decode()
    # when
    keys = vapid_keys(raw)
    # then the public key is the same point
    point = key.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    assert base64.urlsafe_b64decode(keys.application_server_key + "=") == point


@pytest.mark.parametrize(("public_url", "subject"), [
    ("https://seen.example.cn", "https://seen.example.cn"), ("http://127.0.0.1:8000", "mailto:push@seen.invalid"),
])
def test_vapid_subject(public_url, subject):
    assert vapid_subject(public_url) == subject


@pytest.mark.parametrize(("status", "retry_after", "outcome", "wait"), [
    (201, None, SendStatus.SENT, None), (202, None, SendStatus.SENT, None),
    (404, None, SendStatus.GONE, None), (410, None, SendStatus.GONE, None),
    (429, "30", SendStatus.RETRY, 30.0), (503, None, SendStatus.RETRY, None),
    (400, None, SendStatus.FAILED, None), (403, None, SendStatus.FAILED, None), (413, None, SendStatus.FAILED, None),
])
def test_push_service_answers(status, retry_after, outcome, wait):
    # when
    result = interpret(status, retry_after, "")
    # then
    assert (result.status, result.retry_after) == (outcome, wait)


def test_retry_after_may_be_a_date():
    now = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
    assert retry_after_seconds("Mon, 02 Nov 2026 08:02:00 GMT", now) == 120
    assert retry_after_seconds("soon", now) is None


@pytest.mark.parametrize(("attempts", "asked", "wait"), [
    (1, None, 60), (2, None, 120), (3, 600, 600), (5, None, 960), (7, None, 3600), (1, 7200, 3600),
])
def test_back_off(attempts, asked, wait):
    assert retry_delay(attempts, asked) == wait


@pytest.mark.parametrize(("channel", "prefs", "reason"), [
    (DeliveryChannel.PUSH, Preferences(), None),
    (DeliveryChannel.PUSH, Preferences(muted_kinds=("kudos_received",)), "muted"),
    (DeliveryChannel.CHAT, Preferences(muted_kinds=("kudos_received",)), "muted"),
    (DeliveryChannel.PUSH, Preferences(push_enabled=False), "push switched off"),
    (DeliveryChannel.CHAT, Preferences(push_enabled=False), None),
    (DeliveryChannel.CHAT, Preferences(chat_enabled=False), "chat switched off"),
])
def test_skip_reason(channel, prefs, reason):
    assert skip_reason(channel, "kudos_received", prefs) == reason
