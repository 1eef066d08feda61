"""Workplace-chat robots (DingTalk, Feishu, WeCom): the fallback for phones that cannot reach a
browser push service. Message bodies, signatures and answers are pure functions; the channel POSTs."""
from __future__ import annotations

import base64
import hashlib
import hmac
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote_plus
from uuid import UUID

import httpx

from backend.access.actor import Actor
from backend.core import clock
from backend.core.config import get_settings
from backend.notifications.channels import HttpChannel, SendResult, SendStatus, absolute_link, http_failure, text_for
from backend.notifications.models import ChatProvider, ChatWebhook, DeliveryChannel, Notification
from backend.org.models import Employee

# Provider codes that mean "too many messages": robots allow about 20 a minute, so wait and retry.
_RATE_LIMITED = {ChatProvider.DINGTALK: {130101}, ChatProvider.WECOM: {45009, 45033},
                 ChatProvider.FEISHU: {9499, 11232, 11233}}
_OPEN = {"en": "Open in Seen", "zh": "在 Seen 中查看"}


@dataclass(frozen=True, slots=True)
class ChatMessage:
    title: str
    body: str
    url: str  # absolute: chat clients open it in a browser
    phone: str | None  # the recipient's mobile for the @mention
    name: str
    lang: str  # "en" or "zh"


@dataclass(frozen=True, slots=True)
class ChatRequest:
    url: str
    json: dict[str, Any]


def message_for(notification: Notification, recipient: Employee, public_url: str) -> ChatMessage:
    lang = "en" if str(recipient.locale) == "en" else "zh"
    text = text_for(notification, lang)
    return ChatMessage(title=text.title, body=text.body, url=absolute_link(public_url, notification.link),
                       phone=recipient.phone or None, name=recipient.name, lang=lang)


def chat_request(provider: ChatProvider, url: str, secret: str | None, message: ChatMessage, *, now_ms: int) -> ChatRequest:
    """The robot call: DingTalk markdown with atMobiles (signed in the query string), WeCom text with
    mentioned_mobile_list, Feishu text (signed in the body). Feishu robots mention only by open_id,
    which Seen does not know, so its message names the person instead."""
    lines = [message.title, *([message.body] if message.body else [])]
    if provider is ChatProvider.DINGTALK:
        mention = f"\n\n@{message.phone}" if message.phone else ""
        text = "\n\n".join([f"#### {message.title}", *lines[1:], f"[{_OPEN[message.lang]}]({message.url})"]) + mention
        body: dict[str, Any] = {"msgtype": "markdown", "markdown": {"title": message.title, "text": text},
                                "at": {"atMobiles": [message.phone] if message.phone else [], "isAtAll": False}}
        return ChatRequest(url=dingtalk_signed_url(url, secret, now_ms) if secret else url, json=body)
    if provider is ChatProvider.WECOM:
        content = "\n".join([*lines, message.url])
        return ChatRequest(url=url, json={"msgtype": "text", "text": {
            "content": content, "mentioned_mobile_list": [message.phone] if message.phone else []}})
    content = "\n".join([f"@{message.name}", *lines, message.url])
    body = {"msg_type": "text", "content": {"text": content}}
    if secret:
        seconds = now_ms // 1000
        body = {"timestamp": str(seconds), "sign": feishu_sign(secret, seconds), **body}
    return ChatRequest(url=url, json=body)


def dingtalk_signed_url(url: str, secret: str, now_ms: int) -> str:
    """DingTalk "加签": sign = urlencode(base64(HMAC-SHA256(key=secret, msg=f"{timestamp}\\n{secret}")))."""
    digest = hmac.new(secret.encode(), f"{now_ms}\n{secret}".encode(), hashlib.sha256).digest()
    sign = quote_plus(base64.b64encode(digest).decode())
    return f"{url}{'&' if '?' in url else '?'}timestamp={now_ms}&sign={sign}"


def feishu_sign(secret: str, seconds: int) -> str:
    """Feishu/Lark: base64(HMAC-SHA256(key=f"{timestamp}\\n{secret}", msg=b""))."""
    return base64.b64encode(hmac.new(f"{seconds}\n{secret}".encode(), b"", hashlib.sha256).digest()).decode()


def interpret(provider: ChatProvider, status: int, body: Any, retry_after: str | None) -> SendResult:
    """HTTP 200 and the provider's success code means sent; rate limits and 5xx are retried."""
    if status != 200:
        return http_failure(status, retry_after, "", clock.now())
    answer = body if isinstance(body, dict) else {}
    if provider is ChatProvider.FEISHU:
        code, text = answer.get("code", answer.get("StatusCode")), answer.get("msg", answer.get("StatusMessage", ""))
    else:
        code, text = answer.get("errcode"), answer.get("errmsg", "")
    if code == 0:
        return SendResult(SendStatus.SENT)
    if code in _RATE_LIMITED[provider]:
        return SendResult(SendStatus.RETRY, f"{provider.value} {code}: {text}"[:300], 60.0)
    return SendResult(SendStatus.FAILED, f"{provider.value} {code}: {text}"[:300])


async def post(client: httpx.AsyncClient, webhook: ChatWebhook, message: ChatMessage) -> SendResult:
    # Robots check the signature's timestamp against their own clock (DingTalk: within an hour),
    # so it comes from the real clock even when tests freeze ours.
    request = chat_request(webhook.provider, webhook.url, webhook.secret, message, now_ms=int(time.time() * 1000))
    try:
        response = await client.post(request.url, json=request.json)
    except httpx.HTTPError as err:
        return SendResult(SendStatus.RETRY, f"network: {err!r}"[:300])
    try:
        answer = response.json()
    except ValueError:
        answer = None
    return interpret(webhook.provider, response.status_code, answer, response.headers.get("retry-after"))


async def active_webhook(actor: Actor) -> ChatWebhook | None:
    """The organisation's robot; should two have been saved at once, the newest counts."""
    return await ChatWebhook.of(actor).filter(active=True).order_by("-created_at").first()


class ChatChannel(HttpChannel):
    name = DeliveryChannel.CHAT

    async def targets(self, actor: Actor, notification: Notification, recipient: Employee) -> list[str]:
        webhook = await active_webhook(actor)
        return [str(webhook.id)] if webhook else []

    def unreachable(self, recipient: Employee) -> str | None:
        return None if recipient.phone else "no phone to mention"

    async def send(self, actor: Actor, notification: Notification, recipient: Employee, target: str) -> SendResult:
        webhook = await ChatWebhook.of(actor).get_or_none(id=UUID(target), active=True)
        if webhook is None:
            return SendResult(SendStatus.FAILED, "the chat robot was removed or switched off")
        return await post(self._http, webhook, message_for(notification, recipient, get_settings().public_url))
