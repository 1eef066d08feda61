"""Workplace-chat delivery against a loopback robot standing in for DingTalk, Feishu and WeCom: the
JSON it receives, the @mention by phone, the signature, and the robot's answers."""
from __future__ import annotations

import base64
import hashlib
import hmac
import time

from backend.notifications import webhooks
from backend.notifications.models import Delivery, DeliveryChannel, DeliveryStatus
from backend.org.models import Employee
from tests.backend.notifications.support import ChatRobot, notify, send, subscribe_phone
from tests.factories.org import make_company


async def test_dingtalk_gets_a_signed_markdown_message_mentioning_the_phone(db, chat_robot: ChatRobot):
    # given a signed DingTalk robot
    company = await make_company()
    await webhooks.set_chat_webhook(company.hr.actor, provider="dingtalk", secret="SECdemo",
                                    url=f"{chat_robot.base_url}/robot/send?access_token=tok")
    # when the employee is notified
    note = await notify(company, company.employee)
    assert await send(company.system) == 1
    # then the robot got the message with an @mention and a signature it can check
    [request] = chat_robot.requests
    [body] = chat_robot.bodies
    phone = company.employee.employee.phone
    assert body["msgtype"] == "markdown" and body["at"]["atMobiles"] == [phone]
    assert body["markdown"]["title"] == "同事为你点赞"
    assert f"@{phone}" in body["markdown"]["text"] and "(http://testserver/wall)" in body["markdown"]["text"]
    timestamp = request.query["timestamp"]
    expected = base64.b64encode(hmac.new(b"SECdemo", f"{timestamp}\nSECdemo".encode(), hashlib.sha256).digest()).decode()
    assert request.query["sign"] == expected and request.query["access_token"] == "tok"
    assert abs(int(timestamp) / 1000 - time.time()) < 60
    row = await Delivery.get(notification_id=note.id)
    assert (row.channel, row.status) == (DeliveryChannel.CHAT, DeliveryStatus.SENT)


async def test_wecom_gets_text_with_the_mentioned_mobile(db, chat_robot: ChatRobot):
    # given
    company = await make_company()
    await webhooks.set_chat_webhook(company.hr.actor, provider="wecom", url=f"{chat_robot.base_url}/cgi-bin/webhook/send?key=k")
    # when
    await notify(company, company.employee)
    await send(company.system)
    # then
    [body] = chat_robot.bodies
    assert body == {"msgtype": "text", "text": {"content": "同事为你点赞\n谢谢你的换线方案\nhttp://testserver/wall",
                                                "mentioned_mobile_list": [company.employee.employee.phone]}}


async def test_feishu_gets_signed_text(db):
    # given a Feishu robot (it answers with code 0)
    robot = ChatRobot({"code": 0, "msg": "success", "data": {}})
    robot.start()
    try:
        company = await make_company()
        await webhooks.set_chat_webhook(company.hr.actor, provider="feishu", url=f"{robot.base_url}/open-apis/bot/v2/hook/h",
                                        secret="fs-secret")
        # when
        note = await notify(company, company.employee)
        await send(company.system)
    finally:
        robot.stop()
    # then the signature checks out the way Feishu checks it
    [body] = robot.bodies
    key = f"{body['timestamp']}\nfs-secret".encode()
    assert body["sign"] == base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()
    assert body["msg_type"] == "text" and "http://testserver/wall" in body["content"]["text"]
    assert (await Delivery.get(notification_id=note.id)).status == DeliveryStatus.SENT


async def test_a_robot_error_code_fails_the_delivery(db, chat_robot: ChatRobot):
    # given a robot that refuses the signature
    company = await make_company()
    chat_robot.answer = {"errcode": 310000, "errmsg": "sign not match"}
    await webhooks.set_chat_webhook(company.hr.actor, provider="dingtalk", url=f"{chat_robot.base_url}/robot/send", secret="x")
    # when
    note = await notify(company, company.employee)
    await send(company.system)
    # then
    row = await Delivery.get(notification_id=note.id)
    assert row.status == DeliveryStatus.FAILED and "310000" in (row.last_error or "")


async def test_a_rate_limited_robot_is_retried(db, chat_robot: ChatRobot):
    # given a robot saying "send too fast"
    company = await make_company()
    chat_robot.answer = {"errcode": 130101, "errmsg": "send too fast"}
    await webhooks.set_chat_webhook(company.hr.actor, provider="dingtalk", url=f"{chat_robot.base_url}/robot/send")
    # when
    note = await notify(company, company.employee)
    await send(company.system)
    # then
    row = await Delivery.get(notification_id=note.id)
    assert (row.status, row.attempts) == (DeliveryStatus.PENDING, 1) and row.not_before is not None


async def test_someone_without_a_phone_is_skipped_on_chat(db, chat_robot: ChatRobot):
    # given
    company = await make_company()
    await Employee.filter(id=company.employee.employee.id).update(phone=None)
    await webhooks.set_chat_webhook(company.hr.actor, provider="wecom", url=f"{chat_robot.base_url}/send?key=k")
    # when
    note = await notify(company, company.employee)
    assert await send(company.system) == 0
    # then
    row = await Delivery.get(notification_id=note.id)
    assert (row.status, row.last_error) == (DeliveryStatus.SKIPPED, "no phone to mention")
    assert chat_robot.bodies == []


async def test_push_and_chat_both_deliver(db, chat_robot: ChatRobot, push_service):
    # given a subscribed phone and a robot
    company = await make_company()
    await subscribe_phone(company.employee, push_service, "phone")
    await webhooks.set_chat_webhook(company.hr.actor, provider="wecom", url=f"{chat_robot.base_url}/send?key=k")
    # when
    note = await notify(company, company.employee)
    assert await send(company.system) == 2
    # then
    rows = await Delivery.filter(notification_id=note.id).order_by("channel")
    assert [(r.channel, r.status) for r in rows] == [(DeliveryChannel.CHAT, DeliveryStatus.SENT),
                                                     (DeliveryChannel.PUSH, DeliveryStatus.SENT)]
    assert len(chat_robot.bodies) == 1 and len(push_service.received) == 1


async def test_a_switched_off_robot_gets_nothing(db, chat_robot: ChatRobot):
    # given
    company = await make_company()
    await webhooks.set_chat_webhook(company.hr.actor, provider="wecom", url=f"{chat_robot.base_url}/send?key=k", active=False)
    # when
    note = await notify(company, company.employee)
    # then
    assert not await Delivery.filter(notification_id=note.id).exists()
    assert await send(company.system) == 0
