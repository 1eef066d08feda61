"""The employee's archive of their wall (backend.achievements.archive): JSON content, who may export,
and a real PDF with Chinese text. pypdf is not installed, so the PDF's text is read from its
content streams directly (reportlab writes A85+Flate streams, UTF-16 strings for the CID font)."""
from __future__ import annotations

import base64
import json
import re
import zlib
from datetime import UTC, datetime

import pytest

from backend.achievements import archive
from backend.achievements.models import AchievementKind
from backend.audit.models import AuditEntry
from backend.core import clock
from backend.core.errors import Forbidden, NotFound
from tests.factories.achievements import make_achievement, make_badge
from tests.factories.org import make_company


def _pdf_text(pdf: bytes) -> str:
    """Every string shown with Tj in the page content streams, decoded from UTF-16 (the CID font)."""
    shown = []
    for stream in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        content = zlib.decompress(base64.a85decode(stream.group(1).strip(), adobe=True))
        for literal in re.finditer(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", content):
            raw = re.sub(rb"\\([0-7]{1,3}|.)", lambda m: bytes([int(m.group(1), 8)]) if m.group(1).isdigit()
                         else {b"n": b"\n", b"r": b"\r", b"t": b"\t"}.get(m.group(1), m.group(1)), literal.group(1))
            shown.append(raw.decode("utf-16-be", errors="replace"))
    return "\n".join(shown)


async def _archive_with_items():
    c = await make_company()
    me = c.employee.employee
    badge = await make_badge(c.system, name_en="Safety Star", name_zh="安全之星")
    await make_achievement(c.system, me, kind=AchievementKind.BADGE, badge=badge, title_en="Safety Star",
                           title_zh="安全之星", points=50, earned_at=datetime(2023, 5, 10, 2, tzinfo=UTC))
    await make_achievement(c.system, me, kind=AchievementKind.BONUS, title_en="Line 3 record", title_zh="三号线纪录",
                           amount_minor=1_200_000, is_public=False, given_by=c.manager.employee,
                           detail="最好的一个季度", earned_at=datetime(2023, 4, 2, 2, tzinfo=UTC))
    return c


async def test_the_owner_exports_every_item_in_both_languages_with_its_assertion_url(db):
    # given
    c = await _archive_with_items()
    # when
    exported = await archive.export_wall(c.employee.actor, employee_id=c.employee.employee.id)
    # then
    content = exported.content
    assert (content["format"], content["version"]) == ("seen.wall-archive", 1)
    assert content["employee"] == {"id": str(c.employee.employee.id), "name": "Acme Worker",
                                   "employee_number": c.employee.employee.employee_number, "job_title": "Operator"}
    titles = [i["title"] for i in content["items"]]
    assert titles == [{"en": "Safety Star", "zh-CN": "安全之星"}, {"en": "Line 3 record", "zh-CN": "三号线纪录"}]
    assert all(i["openbadges_assertion"] == f"http://testserver/openbadges/assertions/{i['id']}.json" for i in content["items"])
    assert content["items"][1]["given_by"] == {"id": str(c.manager.employee.id), "name": "Acme Manager"}
    json.dumps(content)  # serialisable as it is


async def test_the_archive_groups_items_by_year_and_quarter_with_summaries(db):
    # given
    c = await _archive_with_items()
    # when
    content = (await archive.export_wall(c.employee.actor, employee_id=c.employee.employee.id)).content
    # then
    [year] = content["groups"]
    assert year["year"] == 2023 and [q["quarter"] for q in year["quarters"]] == [2]
    assert year["quarters"][0]["summary"] == {"en": "1 badge, 50 points, ¥12,000.00 bonus",
                                              "zh-CN": "徽章 1 枚，积分 50，奖金 ¥12,000.00"}
    assert year["quarters"][0]["items"] == [i["id"] for i in content["items"]]


async def test_hr_may_export_someones_wall_and_it_is_audited(db):
    # given
    c = await _archive_with_items()
    # when
    exported = await archive.export_wall(c.hr.actor, employee_id=c.employee.employee.id)
    # then
    assert len(exported.content["items"]) == 2
    entry = await AuditEntry.get(action="achievement.wall_exported")
    assert (entry.entity_id, entry.actor_employee_id, entry.after) == (
        str(c.employee.employee.id), c.hr.employee.id, {"items": 2})


async def test_a_colleague_may_not_export_someones_wall(db):
    # given
    c = await _archive_with_items()
    # when / then
    with pytest.raises(Forbidden):
        await archive.export_wall(c.peer.actor, employee_id=c.employee.employee.id)


async def test_another_organisations_employee_is_not_found_on_export(db):
    # given
    c = await make_company()
    other = await make_company("Other")
    # when / then
    with pytest.raises(NotFound):
        await archive.export_wall(c.hr.actor, employee_id=other.employee.employee.id)


async def test_the_filename_names_the_person_and_the_local_day(db):
    # given 23:00 UTC is already the next day in Shanghai
    c = await make_company()
    with clock.frozen_at(datetime(2026, 11, 19, 23, 0, tzinfo=UTC)):
        # when
        exported = await archive.export_wall(c.employee.actor, employee_id=c.employee.employee.id)
    # then
    assert exported.filename("pdf") == f"seen-wall-{c.employee.employee.employee_number}-2026-11-20.pdf"


async def test_the_pdf_is_a_pdf_with_the_chinese_font_and_text(db):
    # given
    c = await _archive_with_items()
    content = (await archive.export_wall(c.employee.actor, employee_id=c.employee.employee.id)).content
    # when
    pdf = archive.render_pdf(content, "zh-CN")
    # then
    assert pdf.startswith(b"%PDF") and b"/STSong-Light" in pdf and len(pdf) > 1500
    text = _pdf_text(pdf)
    for expected in ("成就墙", "Acme Worker", "2023 年第 2 季度", "安全之星", "三号线纪录", "最好的一个季度", "积分 50", "￥12,000.00"):
        assert expected in text, expected


async def test_the_pdf_in_english_uses_the_english_titles(db):
    # given
    c = await _archive_with_items()
    content = (await archive.export_wall(c.employee.actor, employee_id=c.employee.employee.id)).content
    # when
    text = _pdf_text(archive.render_pdf(content, "en"))
    # then
    for expected in ("Achievement wall", "2023 Q2", "Safety Star", "Line 3 record", "50 points", "from Acme Manager"):
        assert expected in text, expected
    assert "三号线纪录" not in text


def test_an_empty_archive_still_renders():
    # given
    content = {"organization": {"name": "Acme", "time_zone": "Asia/Shanghai", "currency": "CNY"},
               "employee": {"name": "李雷", "employee_number": "E1", "job_title": "操作工"},
               "exported_at": "2026-11-20T01:00:00+00:00", "summary": {"en": "Nothing yet", "zh-CN": "暂无"},
               "groups": [], "items": []}
    # when
    pdf = archive.render_pdf(content, "zh-CN")
    # then
    assert pdf.startswith(b"%PDF") and "暂无" in _pdf_text(pdf)
