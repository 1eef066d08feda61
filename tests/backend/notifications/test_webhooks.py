"""HR's chat-robot configuration: who may set it, which URLs, masking, the audit trail, the test message."""
from __future__ import annotations

import dataclasses

import pytest

from backend.audit.models import AuditEntry
from backend.core.config import Environment, use_settings
from backend.core.errors import Forbidden, NotFound, ValidationFailed
from backend.notifications import webhooks
from backend.notifications.channels import SendStatus
from backend.notifications.models import ChatProvider, ChatWebhook
from tests.backend.notifications.support import ChatRobot
from tests.factories.org import make_company

DINGTALK = "https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef"


async def test_hr_sets_the_robot_and_sees_it_masked(db):
    # given
    company = await make_company()
    # when
    await webhooks.set_chat_webhook(company.hr.actor, provider="dingtalk", url=DINGTALK, secret="SECxyz")
    view = await webhooks.get_chat_webhook(company.hr.actor)
    # then
    assert view is not None
    assert (view.provider, view.url, view.signed, view.active) == (ChatProvider.DINGTALK, "https://oapi.dingtalk.com/…",
                                                                   True, True)


async def test_setting_it_again_updates_the_one_robot(db):
    # given
    company = await make_company()
    await webhooks.set_chat_webhook(company.hr.actor, provider="dingtalk", url=DINGTALK, secret="SECxyz")
    # when the URL changes without a secret, then the secret is removed with ""
    kept = await webhooks.set_chat_webhook(company.hr.actor, provider="dingtalk", url=DINGTALK + "0")
    removed = await webhooks.set_chat_webhook(company.hr.actor, provider="feishu",
                                              url="https://open.larksuite.com/open-apis/bot/v2/hook/x", secret="")
    # then
    assert kept.signed and not removed.signed
    assert await ChatWebhook.all().count() == 1


async def test_neither_the_secret_nor_the_token_reaches_the_audit_log(db):
    # given
    company = await make_company()
    # when
    await webhooks.set_chat_webhook(company.hr.actor, provider="dingtalk", url=DINGTALK, secret="SECxyz")
    await webhooks.set_chat_webhook(company.hr.actor, provider="dingtalk", url=DINGTALK + "f", secret="SECabc")
    # then
    entries = await AuditEntry.filter(action="chat_webhook.set").order_by("at")
    assert len(entries) == 2
    logged = repr([(e.before, e.after) for e in entries])
    assert "SECxyz" not in logged and "SECabc" not in logged and "0123456789abcdef" not in logged
    assert entries[0].after["url"] == "https://oapi.dingtalk.com/…" and entries[0].after["signed"] is True
    assert set(entries[1].after) == {"url_fingerprint"}  # only what changed, and the token as a fingerprint


@pytest.mark.parametrize(("provider", "url"), [
    ("dingtalk", "https://evil.example/robot/send?access_token=x"),
    ("dingtalk", "http://oapi.dingtalk.com/robot/send"),  # not https
    ("dingtalk", "https://oapi.dingtalk.com:8443/robot/send"),
    ("feishu", "https://oapi.dingtalk.com/robot/send"),  # another provider's host
    ("wecom", "https://qyapi.weixin.qq.com.evil.example/cgi-bin/webhook/send"),
    ("wecom", "https://user@qyapi.weixin.qq.com/cgi-bin/webhook/send"),
    ("wecom", "not a url"),
])
async def test_a_url_off_the_providers_host_is_refused(db, provider, url):
    company = await make_company()
    with pytest.raises(ValidationFailed) as refused:
        await webhooks.set_chat_webhook(company.hr.actor, provider=provider, url=url)
    assert refused.value.field == "url"


async def test_an_unknown_provider_is_refused(db):
    company = await make_company()
    with pytest.raises(ValidationFailed) as refused:
        await webhooks.set_chat_webhook(company.hr.actor, provider="slack", url=DINGTALK)
    assert refused.value.field == "provider"


async def test_a_loopback_robot_is_refused_in_production(db, settings):
    # given
    company = await make_company()
    use_settings(dataclasses.replace(settings, env=Environment.PROD))
    try:
        # when / then
        with pytest.raises(ValidationFailed):
            await webhooks.set_chat_webhook(company.hr.actor, provider="wecom", url="http://127.0.0.1:9000/send")
    finally:
        use_settings(settings)


async def test_only_hr_configures_the_robot(db):
    company = await make_company()
    for person in (company.employee, company.manager):
        with pytest.raises(Forbidden):
            await webhooks.set_chat_webhook(person.actor, provider="dingtalk", url=DINGTALK)
        with pytest.raises(Forbidden):
            await webhooks.get_chat_webhook(person.actor)
        with pytest.raises(Forbidden):
            await webhooks.test_chat_webhook(person.actor)


async def test_another_organisation_does_not_see_our_robot(db):
    mine = await make_company("Mine")
    theirs = await make_company("Theirs")
    await webhooks.set_chat_webhook(theirs.hr.actor, provider="dingtalk", url=DINGTALK)
    assert await webhooks.get_chat_webhook(mine.hr.actor) is None
    with pytest.raises(NotFound):
        await webhooks.test_chat_webhook(mine.hr.actor)


async def test_the_test_message_reaches_the_robot_and_reports_its_answer(db, chat_robot: ChatRobot):
    # given
    company = await make_company()
    await webhooks.set_chat_webhook(company.hr.actor, provider="wecom", url=f"{chat_robot.base_url}/send?key=k")
    # when
    ok = await webhooks.test_chat_webhook(company.hr.actor)
    chat_robot.answer = {"errcode": 93000, "errmsg": "invalid webhook url"}
    refused = await webhooks.test_chat_webhook(company.hr.actor)
    # then
    assert ok.status == SendStatus.SENT
    assert refused.status == SendStatus.FAILED and "93000" in refused.detail
    assert chat_robot.bodies[0]["text"]["mentioned_mobile_list"] == [company.hr.employee.phone]
    assert chat_robot.bodies[0]["text"]["content"].startswith("Seen 测试消息")
