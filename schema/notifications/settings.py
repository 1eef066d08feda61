"""Notification settings: your preferences and quiet hours, this browser's Web Push subscription, and
(HR) the organisation's workplace-chat robot."""
from __future__ import annotations

from datetime import time
from typing import Annotated

import strawberry

from backend.notifications import preferences, subscriptions, webhooks
from backend.notifications.models import ChatProvider
from backend.notifications.preferences import Preferences
from schema.context import Info
from schema.core.errors import UserError
from schema.core.results import attempt

strawberry.enum(ChatProvider, name="ChatProvider", description="A workplace-chat robot: DingTalk, Feishu or WeCom.")


@strawberry.type(description="How you want to be told. The inbox always keeps everything.")
class NotificationPreferences:
    push_enabled: bool = strawberry.field(description="Web Push to your subscribed browsers.")
    chat_enabled: bool = strawberry.field(description="An @mention by the company's chat robot.")
    muted_kinds: list[str] = strawberry.field(description="Kinds that stay in the inbox only.")
    quiet_start: time | None = strawberry.field(description="Quiet hours start (organisation's time zone).")
    quiet_end: time | None = strawberry.field(description="Quiet hours end; may be after midnight.")
    kinds: list[str] = strawberry.field(description="Every kind that can be muted.")

    @classmethod
    def from_data(cls, p: Preferences) -> NotificationPreferences:
        return cls(push_enabled=p.push_enabled, chat_enabled=p.chat_enabled, muted_kinds=list(p.muted_kinds),
                   quiet_start=p.quiet_start, quiet_end=p.quiet_end, kinds=list(preferences.KINDS))


@strawberry.type(description="The organisation's chat robot; the URL shows only its host.")
class ChatWebhook:
    provider: ChatProvider = strawberry.field(description="Which chat.")
    url: str = strawberry.field(description="Masked URL.")
    signed: bool = strawberry.field(description="A signing secret is set.")
    active: bool = strawberry.field(description="Messages are sent.")

    @classmethod
    def from_data(cls, w: webhooks.ChatWebhookView) -> ChatWebhook:
        return cls(provider=w.provider, url=w.url, signed=w.signed, active=w.active)


@strawberry.input(description="Your notification preferences (the whole set).")
class NotificationPreferencesInput:
    push_enabled: bool = strawberry.field(description="Web Push on or off.")
    chat_enabled: bool = strawberry.field(description="Chat robot mentions on or off.")
    muted_kinds: list[str] = strawberry.field(default_factory=list, description="Kinds that stay in the inbox only.")
    quiet_start: time | None = strawberry.field(default=None, description="Quiet hours start, or null.")
    quiet_end: time | None = strawberry.field(default=None, description="Quiet hours end, or null.")


@strawberry.input(description="A browser's push subscription, as PushManager.subscribe() returns it.")
class PushSubscriptionInput:
    endpoint: str = strawberry.field(description="The push service URL.")
    p256dh: str = strawberry.field(description="keys.p256dh (URL-safe base64).")
    auth: str = strawberry.field(description="keys.auth (URL-safe base64).")
    user_agent: str = strawberry.field(default="", description="Which browser, to tell devices apart.")


@strawberry.input(description="HR: the organisation's workplace-chat robot.")
class ChatWebhookInput:
    provider: ChatProvider = strawberry.field(description="Which chat.")
    url: str = strawberry.field(description="The robot's webhook URL.")
    secret: str | None = strawberry.field(default=None, description="Signing secret; null keeps it, empty removes it.")
    active: bool = strawberry.field(default=True, description="Send messages.")


@strawberry.type(description="Preferences saved.")
class PreferencesSaved:
    preferences: NotificationPreferences = strawberry.field(description="Your preferences now.")


@strawberry.type(description="This browser will get push notifications.")
class PushSubscribed:
    subscriptions: int = strawberry.field(description="Your subscribed browsers now.")


@strawberry.type(description="The chat robot was saved.")
class ChatWebhookSaved:
    webhook: ChatWebhook = strawberry.field(description="The robot (masked).")


@strawberry.type(description="What the chat robot answered to a test message.")
class ChatWebhookTested:
    status: str = strawberry.field(description="sent, retry, failed or gone.")
    detail: str = strawberry.field(description="The robot's answer.")


SavePreferencesResult = Annotated[PreferencesSaved | UserError, strawberry.union("SaveNotificationPreferencesResult")]
SubscribePushResult = Annotated[PushSubscribed | UserError, strawberry.union("SubscribePushResult")]
SaveChatWebhookResult = Annotated[ChatWebhookSaved | UserError, strawberry.union("SaveChatWebhookResult")]
TestChatWebhookResult = Annotated[ChatWebhookTested | UserError, strawberry.union("TestChatWebhookResult")]


@strawberry.type
class NotificationSettingsQuery:
    @strawberry.field(description="Your notification preferences.")
    async def notification_preferences(self, info: Info) -> NotificationPreferences:
        return NotificationPreferences.from_data(await preferences.get_my_preferences(info.context.actor))

    @strawberry.field(description="The VAPID public key a browser subscribes with (applicationServerKey).")
    def push_public_key(self) -> str:
        return subscriptions.vapid_public_key()

    @strawberry.field(description="HR: the organisation's chat robot, or null.")
    async def chat_webhook(self, info: Info) -> ChatWebhook | None:
        found = await webhooks.get_chat_webhook(info.context.actor)
        return ChatWebhook.from_data(found) if found else None


@strawberry.type
class NotificationSettingsMutation:
    @strawberry.mutation(description="Save your notification preferences and quiet hours.")
    async def update_notification_preferences(self, info: Info, input: NotificationPreferencesInput) -> SavePreferencesResult:
        async def body() -> PreferencesSaved:
            saved = await preferences.update_my_preferences(
                info.context.actor, push_enabled=input.push_enabled, chat_enabled=input.chat_enabled,
                muted_kinds=input.muted_kinds, quiet_start=input.quiet_start, quiet_end=input.quiet_end)
            return PreferencesSaved(preferences=NotificationPreferences.from_data(saved))
        return await attempt(body)

    @strawberry.mutation(description="Let this browser receive push notifications (after you opted in).")
    async def subscribe_push(self, info: Info, input: PushSubscriptionInput) -> SubscribePushResult:
        async def body() -> PushSubscribed:
            await subscriptions.subscribe(info.context.actor, endpoint=input.endpoint, p256dh=input.p256dh,
                                          auth=input.auth, user_agent=input.user_agent)
            return PushSubscribed(subscriptions=len(await subscriptions.list_my_subscriptions(info.context.actor)))
        return await attempt(body)

    @strawberry.mutation(description="Stop push notifications to this browser.")
    async def unsubscribe_push(self, info: Info, endpoint: str) -> SubscribePushResult:
        async def body() -> PushSubscribed:
            await subscriptions.unsubscribe(info.context.actor, endpoint=endpoint)
            return PushSubscribed(subscriptions=len(await subscriptions.list_my_subscriptions(info.context.actor)))
        return await attempt(body)

    @strawberry.mutation(description="HR: set the organisation's chat robot.")
    async def set_chat_webhook(self, info: Info, input: ChatWebhookInput) -> SaveChatWebhookResult:
        async def body() -> ChatWebhookSaved:
            saved = await webhooks.set_chat_webhook(info.context.actor, provider=input.provider, url=input.url,
                                                    secret=input.secret, active=input.active)
            return ChatWebhookSaved(webhook=ChatWebhook.from_data(saved))
        return await attempt(body)

    @strawberry.mutation(description="HR: send a test message through the chat robot now.")
    async def test_chat_webhook(self, info: Info) -> TestChatWebhookResult:
        async def body() -> ChatWebhookTested:
            result = await webhooks.test_chat_webhook(info.context.actor)
            return ChatWebhookTested(status=str(result.status), detail=result.detail)
        return await attempt(body)
