"""Workplace-chat robot messages without I/O: the JSON each provider expects, its signature, and how
its answers are read."""
from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import parse_qs, urlsplit

import pytest

from backend.access.models import Locale
from backend.notifications.channels import SendStatus
from backend.notifications.chat_channel import ChatMessage, chat_request, dingtalk_signed_url, feishu_sign, interpret, message_for
from backend.notifications.models import ChatProvider, Notification
from backend.org.models import Employee

MESSAGE = ChatMessage(title="You were praised", body="Great changeover", url="https://seen.example/wall",
                      phone="13800001234", name="Li Lei", lang="en")
NOW_MS = 1_793_600_000_123


def test_dingtalk_is_markdown_with_an_at_mention():
    # when
    request = chat_request(ChatProvider.DINGTALK, "https://oapi.dingtalk.com/robot/send?access_token=t", None, MESSAGE,
                           now_ms=NOW_MS)
    # then
    assert request.url == "https://oapi.dingtalk.com/robot/send?access_token=t"
    assert request.json["msgtype"] == "markdown"
    assert request.json["markdown"]["title"] == "You were praised"
    text = request.json["markdown"]["text"]
    assert text.startswith("#### You were praised") and "Great changeover" in text
    assert "[Open in Seen](https://seen.example/wall)" in text and text.endswith("@13800001234")
    assert request.json["at"] == {"atMobiles": ["13800001234"], "isAtAll": False}


def test_dingtalk_signs_in_the_query_string():
    # when
    request = chat_request(ChatProvider.DINGTALK, "https://oapi.dingtalk.com/robot/send?access_token=t", "SECabc",
                           MESSAGE, now_ms=NOW_MS)
    # then sign = base64(HMAC-SHA256(secret, "timestamp\\nsecret")), URL-encoded
    query = parse_qs(urlsplit(request.url).query)
    expected = base64.b64encode(hmac.new(b"SECabc", f"{NOW_MS}\nSECabc".encode(), hashlib.sha256).digest()).decode()
    assert query == {"access_token": ["t"], "timestamp": [str(NOW_MS)], "sign": [expected]}
    raw_sign = request.url.rpartition("sign=")[2]
    assert raw_sign.endswith("%3D") and not any(c in raw_sign for c in "+/=")  # base64 escaped for a URL


def test_dingtalk_signing_adds_to_a_url_without_a_query():
    assert dingtalk_signed_url("http://127.0.0.1:9/robot", "k", 5).startswith("http://127.0.0.1:9/robot?timestamp=5&sign=")


def test_wecom_is_text_with_mentioned_mobiles():
    # when
    request = chat_request(ChatProvider.WECOM, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", "ignored",
                           MESSAGE, now_ms=NOW_MS)
    # then
    assert request.url.endswith("?key=k")
    assert request.json == {"msgtype": "text", "text": {
        "content": "You were praised\nGreat changeover\nhttps://seen.example/wall", "mentioned_mobile_list": ["13800001234"]}}


def test_feishu_is_text_signed_in_the_body():
    # when
    request = chat_request(ChatProvider.FEISHU, "https://open.feishu.cn/open-apis/bot/v2/hook/h", "s3cret", MESSAGE,
                           now_ms=NOW_MS)
    # then sign = base64(HMAC-SHA256(key="timestamp\\nsecret", msg=""))
    seconds = NOW_MS // 1000
    expected = base64.b64encode(hmac.new(f"{seconds}\ns3cret".encode(), b"", hashlib.sha256).digest()).decode()
    assert request.json == {"timestamp": str(seconds), "sign": expected, "msg_type": "text",
                            "content": {"text": "@Li Lei\nYou were praised\nGreat changeover\nhttps://seen.example/wall"}}
    assert feishu_sign("s3cret", seconds) == expected


def test_feishu_without_a_secret_is_unsigned():
    request = chat_request(ChatProvider.FEISHU, "https://open.feishu.cn/h", None, MESSAGE, now_ms=NOW_MS)
    assert "sign" not in request.json and "timestamp" not in request.json


def test_the_message_is_in_the_recipients_language_with_an_absolute_link():
    # given
    note = Notification(kind="kudos_received", title_en="Thanks", title_zh="谢谢", body_en="", body_zh="", link="/wall",
                        dedupe_key="d")
    chinese = Employee(name="王芳", phone="13900001111", locale=Locale.ZH_CN)
    english = Employee(name="Wang Fang", phone=None, locale=Locale.EN)
    # when
    zh, en = message_for(note, chinese, "https://seen.example/"), message_for(note, english, "https://seen.example")
    # then
    assert (zh.title, zh.url, zh.phone, zh.lang) == ("谢谢", "https://seen.example/wall", "13900001111", "zh")
    assert (en.title, en.phone, en.lang) == ("Thanks", None, "en")
    dingtalk = chat_request(ChatProvider.DINGTALK, "https://oapi.dingtalk.com/robot/send", None, zh, now_ms=NOW_MS)
    assert "[在 Seen 中查看](https://seen.example/wall)" in dingtalk.json["markdown"]["text"]


@pytest.mark.parametrize(("provider", "status", "body", "outcome"), [
    (ChatProvider.DINGTALK, 200, {"errcode": 0, "errmsg": "ok"}, SendStatus.SENT),
    (ChatProvider.DINGTALK, 200, {"errcode": 310000, "errmsg": "sign not match"}, SendStatus.FAILED),
    (ChatProvider.DINGTALK, 200, {"errcode": 130101, "errmsg": "send too fast"}, SendStatus.RETRY),
    (ChatProvider.WECOM, 200, {"errcode": 0, "errmsg": "ok"}, SendStatus.SENT),
    (ChatProvider.WECOM, 200, {"errcode": 93000, "errmsg": "invalid webhook url"}, SendStatus.FAILED),
    (ChatProvider.WECOM, 200, {"errcode": 45009, "errmsg": "api freq out of limit"}, SendStatus.RETRY),
    (ChatProvider.FEISHU, 200, {"code": 0, "msg": "success", "data": {}}, SendStatus.SENT),
    (ChatProvider.FEISHU, 200, {"StatusCode": 0, "StatusMessage": "success"}, SendStatus.SENT),
    (ChatProvider.FEISHU, 200, {"code": 19021, "msg": "sign match fail"}, SendStatus.FAILED),
    (ChatProvider.FEISHU, 200, {"code": 9499, "msg": "too many request"}, SendStatus.RETRY),
    (ChatProvider.FEISHU, 200, None, SendStatus.FAILED),  # not JSON
    (ChatProvider.DINGTALK, 429, None, SendStatus.RETRY),
    (ChatProvider.WECOM, 502, None, SendStatus.RETRY),
    (ChatProvider.FEISHU, 400, {"code": 9499}, SendStatus.FAILED),
])
def test_robot_answers(provider, status, body, outcome):
    assert interpret(provider, status, body, None).status == outcome
