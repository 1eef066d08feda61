"""HR's configuration of the organisation's workplace-chat robot. The robot URL carries its access
token and the secret signs messages: neither is ever shown back or written to the audit log."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit
from uuid import UUID

import httpx

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.audit import service as audit
from backend.core import db
from backend.core.config import get_settings
from backend.core.errors import NotFound, ValidationFailed
from backend.notifications.channels import SendResult, loopback_allowed
from backend.notifications.chat_channel import ChatMessage, active_webhook, post
from backend.notifications.models import ChatProvider, ChatWebhook
from backend.org.models import Employee

PROVIDER_HOSTS: dict[ChatProvider, frozenset[str]] = {
    ChatProvider.DINGTALK: frozenset({"oapi.dingtalk.com"}),
    ChatProvider.FEISHU: frozenset({"open.feishu.cn", "open.larksuite.com"}),
    ChatProvider.WECOM: frozenset({"qyapi.weixin.qq.com"}),
}


@dataclass(frozen=True, slots=True)
class ChatWebhookView:
    id: UUID
    provider: ChatProvider
    url: str  # masked: only the scheme and host show
    signed: bool
    active: bool


async def set_chat_webhook(
    actor: Actor, *, provider: str, url: str, secret: str | None = None, active: bool = True,
) -> ChatWebhookView:
    """Sets the organisation's one robot. Requires ORG_CONFIGURE. `secret` None keeps the current
    signing secret, "" removes it. Raises ValidationFailed (provider, url, secret). Audited."""
    require(actor, Permission.ORG_CONFIGURE)
    kind = _provider(provider)
    url = _valid_url(kind, url)
    if secret is not None and len(secret.strip()) > 200:
        raise ValidationFailed("The signing secret is at most 200 characters.", field="secret")
    async with db.transaction():
        row = await ChatWebhook.of(actor).order_by("-created_at").first()
        before = _audited(row) if row else None
        if row is None:
            row = await ChatWebhook.create_for(actor, provider=kind, url=url, secret=(secret or "").strip() or None,
                                               active=active)
        else:
            row.provider, row.url, row.active = kind, url, active
            if secret is not None:
                row.secret = secret.strip() or None
            await row.save()
        after = _audited(row)
        if before is not None:
            before, after = audit.diff(before, after)
        await audit.record(actor, action="chat_webhook.set", entity_type="chat_webhook", entity_id=row.id,
                           before=before, after=after)
    return _view(row)


async def get_chat_webhook(actor: Actor) -> ChatWebhookView | None:
    """The robot with its URL masked, or None. Requires ORG_CONFIGURE."""
    require(actor, Permission.ORG_CONFIGURE)
    row = await ChatWebhook.of(actor).order_by("-created_at").first()
    return _view(row) if row else None


async def test_chat_webhook(actor: Actor) -> SendResult:
    """Sends a test message to the active robot now (mentioning the caller when they have a phone)
    and returns what the robot answered. Requires ORG_CONFIGURE; NotFound without an active robot."""
    require(actor, Permission.ORG_CONFIGURE)
    webhook = await active_webhook(actor)
    if webhook is None:
        raise NotFound("No chat robot is set up and switched on.")
    me = await Employee.of(actor).get_or_none(id=actor.employee_id) if actor.employee_id else None
    lang = "en" if me is not None and str(me.locale) == "en" else "zh"
    title, body = {
        "en": ("Seen test message", "Chat notifications work. People are @mentioned by the phone in their profile."),
        "zh": ("Seen 测试消息", "聊天通知已可用。系统会按个人资料中的手机号 @ 对应的人。"),
    }[lang]
    message = ChatMessage(title=title, body=body, url=get_settings().public_url, phone=me.phone if me else None,
                          name=me.name if me else "", lang=lang)
    async with httpx.AsyncClient(timeout=httpx.Timeout(10.0, connect=5.0)) as client:
        return await post(client, webhook, message)


def mask(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}/…"


def _provider(value: str) -> ChatProvider:
    try:
        return ChatProvider(value)
    except ValueError:
        raise ValidationFailed("Choose DingTalk, Feishu or WeCom.", field="provider") from None


def _valid_url(provider: ChatProvider, url: str) -> str:
    url = url.strip()
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises for a malformed port
    except ValueError:
        raise ValidationFailed("The robot URL is not a valid URL.", field="url") from None
    if len(url) > 500 or any(c.isspace() for c in url) or parts.username:
        raise ValidationFailed("The robot URL is not a valid URL.", field="url")
    official = parts.scheme == "https" and parts.hostname in PROVIDER_HOSTS[provider] and parts.port in (None, 443)
    if not (official or loopback_allowed(parts)):
        hosts = ", ".join(sorted(PROVIDER_HOSTS[provider]))
        raise ValidationFailed(f"A {provider.value} robot URL starts with https:// on {hosts}.", field="url")
    return url


def _audited(row: ChatWebhook) -> dict[str, Any]:
    # A fingerprint shows that the URL changed without writing its access token anywhere.
    return {"provider": row.provider, "url": mask(row.url), "active": row.active, "signed": bool(row.secret),
            "url_fingerprint": hashlib.sha256(row.url.encode()).hexdigest()[:12]}


def _view(row: ChatWebhook) -> ChatWebhookView:
    return ChatWebhookView(id=row.id, provider=row.provider, url=mask(row.url), signed=bool(row.secret), active=row.active)
