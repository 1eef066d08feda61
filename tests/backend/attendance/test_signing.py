"""The backend's bridge signature matches the bridge's test vectors byte for byte."""
from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from backend.attendance.signing import matches, signature, string_to_sign

VECTORS = json.loads((Path(__file__).resolve().parents[2] / "device_bridge" / "vectors.json").read_text())["vectors"]


@pytest.mark.parametrize("v", VECTORS, ids=[v["name"] for v in VECTORS])
def test_the_backend_reproduces_every_vector(v):
    # given
    body = base64.b64decode(v["body_base64"])
    args = (v["method"], v["path_with_query"], v["timestamp"], v["nonce"], body)
    # when
    text = string_to_sign(*args)
    sig = signature(v["secret"].encode(), *args)
    # then
    assert text.decode() == v["string_to_sign"]
    assert sig == v["signature"]


@pytest.mark.parametrize("v", VECTORS, ids=[v["name"] for v in VECTORS])
def test_a_changed_body_does_not_match(v):
    # given
    body = base64.b64decode(v["body_base64"]) + b" "
    # when
    ok = matches(v["secret"].encode(), v["signature"], method=v["method"], path_with_query=v["path_with_query"],
                 timestamp=v["timestamp"], nonce=v["nonce"], body=body)
    # then
    assert ok is False
