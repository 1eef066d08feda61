"""A person's own copy of their wall: a JSON archive (every item in both languages, the year and
quarter totals, each item's Open Badges URL) and a PDF rendering of it. Owner or HR only."""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from backend.access.actor import Actor
from backend.achievements import openbadges, wall
from backend.achievements.models import AchievementKind, Badge
from backend.audit import service as audit
from backend.core import clock, db
from backend.core.config import get_settings
from backend.core.errors import Forbidden
from backend.org import queries as org_queries
from backend.org.models import Employee

FORMAT, VERSION = "seen.wall-archive", 1
EXPORT_LIMIT = 20_000  # everything a person could plausibly earn in a career, still one bounded query
# A CID font every PDF reader ships (Adobe's Chinese Song): Chinese renders without embedding a file.
FONT = "STSong-Light"


@dataclass(frozen=True, slots=True)
class WallArchive:
    content: dict[str, Any]  # JSON-serialisable: {"format": "seen.wall-archive", "version": 1, ...}
    employee_number: str
    exported_on: date  # in the organisation's time zone

    def filename(self, extension: str) -> str:
        # Safe in a Content-Disposition header whatever an imported employee number contains.
        number = re.sub(r"[^A-Za-z0-9_-]", "_", self.employee_number)
        return f"seen-wall-{number}-{self.exported_on.isoformat()}.{extension}"


async def export_wall(actor: Actor, *, employee_id: UUID) -> WallArchive:
    """The person themselves or HR (EMPLOYEE_READ_PRIVATE): every non-revoked item, private ones
    included. Audited (a copy of personal data leaves the system). Raises NotFound, Forbidden."""
    employee = await Employee.get_for(actor, employee_id, what="employee")
    if not wall.sees_private(actor, employee.id):
        raise Forbidden("Only the person and HR can export this wall.")
    org = await org_queries.get_organization(actor)
    full = await wall.build_wall(actor, employee=employee, org=org, year=None, limit=EXPORT_LIMIT)
    items = [i for y in full.years for q in y.quarters for i in q.items]
    badges = {b.id: b for b in await Badge.of(actor).filter(id__in=list({i.badge_id for i in items if i.badge_id}))}
    givers: dict[UUID, str] = dict(await Employee.of(actor).filter(
        id__in=list({i.given_by_id for i in items if i.given_by_id})).values_list("id", "name"))
    now = clock.now()
    urls = openbadges.Urls(get_settings().public_url)
    content: dict[str, Any] = {
        "format": FORMAT, "version": VERSION, "exported_at": now.isoformat(),
        "organization": {"id": str(org.id), "name": org.name, "time_zone": org.time_zone,
                         "currency": org.currency, "locale": str(org.locale)},
        "employee": {"id": str(employee.id), "name": employee.name, "employee_number": employee.employee_number,
                     "job_title": employee.job_title},
        "totals": _totals(full.totals), "summary": {"en": full.summary_en, "zh-CN": full.summary_zh},
        "truncated": full.truncated,
        "groups": [_year(y) for y in full.years],
        "items": [_item(i, badges.get(i.badge_id) if i.badge_id else None, givers, urls) for i in items],
    }
    async with db.transaction():
        await audit.record(actor, action="achievement.wall_exported", entity_type="employee",
                           entity_id=employee.id, after={"items": len(items)})
    return WallArchive(content=content, employee_number=employee.employee_number,
                       exported_on=now.astimezone(ZoneInfo(org.time_zone)).date())


def _totals(totals: wall.WallTotals) -> dict[str, Any]:
    return {"items": totals.items, "counts": {k.value: n for k, n in totals.counts.items()},
            "points": totals.points, "amount_minor": totals.amount_minor}


def _year(year: wall.WallYear) -> dict[str, Any]:
    return {
        "year": year.year, "totals": _totals(year.totals), "summary": {"en": year.summary_en, "zh-CN": year.summary_zh},
        "quarters": [{"quarter": q.quarter, "totals": _totals(q.totals),
                      "summary": {"en": q.summary_en, "zh-CN": q.summary_zh},
                      "items": [str(i.id) for i in q.items]} for q in year.quarters],
    }


def _item(item: wall.WallItem, badge: Badge | None, givers: dict[UUID, str], urls: openbadges.Urls) -> dict[str, Any]:
    return {
        "id": str(item.id), "kind": item.kind.value, "title": {"en": item.title_en, "zh-CN": item.title_zh},
        "detail": item.detail, "points": item.points, "amount_minor": item.amount_minor,
        "earned_at": item.earned_at.isoformat(), "earned_at_local": item.local_earned_at.isoformat(),
        "year": item.year, "quarter": item.quarter, "is_public": item.is_public,
        "badge": None if badge is None else {"id": str(badge.id), "code": badge.code, "name": {"en": badge.name_en,
                                             "zh-CN": badge.name_zh}, "icon": badge.icon, "level": badge.level},
        "given_by": None if item.given_by_id is None else {"id": str(item.given_by_id), "name": givers.get(item.given_by_id)},
        "openbadges_assertion": urls.assertion(item.id),
    }


def render_pdf(archive: dict[str, Any], locale: str) -> bytes:
    """The archive as an A4 PDF in "zh-CN" or "en" (titles in that language; the givers' own words as
    written). CPU-bound for long walls: web callers run it in a worker thread."""
    zh = locale.lower().startswith("zh")
    styles = _styles()
    org, person = archive["organization"], archive["employee"]
    lang = "zh-CN" if zh else "en"
    story: list[Any] = [
        Paragraph(_x("成就墙" if zh else "Achievement wall"), styles["title"]),
        Paragraph(_x(f"{person['name']} · {person['employee_number']} · {person['job_title']}"), styles["person"]),
        Paragraph(_x(f"{org['name']} · {'导出于' if zh else 'Exported'} {_local_day(archive['exported_at'], org)}"),
                  styles["meta"]),
        Paragraph(_x(archive["summary"][lang]), styles["meta"]),
        Spacer(1, 4 * mm),
    ]
    items = {i["id"]: i for i in archive["items"]}
    for year in archive["groups"]:
        story.append(Paragraph(_x(f"{year['year']} — {year['summary'][lang]}"), styles["year"]))
        for quarter in year["quarters"]:
            heading = f"{year['year']} 年第 {quarter['quarter']} 季度" if zh else f"{year['year']} Q{quarter['quarter']}"
            story.append(Paragraph(_x(f"{heading}：{quarter['summary'][lang]}" if zh else
                                      f"{heading}: {quarter['summary'][lang]}"), styles["quarter"]))
            for item_id in quarter["items"]:
                story.extend(_item_flowables(items[item_id], org["currency"], lang, styles))
    if not archive["groups"]:
        story.append(Paragraph(_x("暂无" if zh else "Nothing yet"), styles["body"]))
    buffer = io.BytesIO()
    title = f"{'成就墙' if zh else 'Achievement wall'} — {person['name']}"
    doc = SimpleDocTemplate(buffer, pagesize=A4, title=title, author=org["name"], creator="Seen",
                            leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm, bottomMargin=18 * mm)
    doc.build(story)
    return buffer.getvalue()


def _item_flowables(item: dict[str, Any], currency: str, lang: str, styles: dict[str, Any]) -> list[Any]:
    zh = lang == "zh-CN"
    kind = wall.kind_label(AchievementKind(item["kind"]), lang)
    title = item["title"][lang] or item["title"]["zh-CN" if not zh else "en"]
    facts = [item["earned_at_local"][:10], kind]
    if item["points"]:
        facts.append(f"积分 {item['points']:,}" if zh else f"{item['points']:,} points")
    if item["amount_minor"]:
        facts.append(wall.format_money(item["amount_minor"], currency))
    if item["given_by"] and item["given_by"]["name"]:
        facts.append(("来自 " if zh else "from ") + item["given_by"]["name"])
    flowables = [Paragraph(_x(title), styles["item"]), Paragraph(_x(" · ".join(facts)), styles["meta"])]
    if item["detail"].strip():
        flowables.append(Paragraph(_x(item["detail"].strip()).replace("\n", "<br/>"), styles["body"]))
    return flowables


def _local_day(moment: str, org: dict[str, Any]) -> str:
    return datetime.fromisoformat(moment).astimezone(ZoneInfo(org["time_zone"])).date().isoformat()


def _x(text: str) -> str:
    # Paragraph parses markup, so user text is escaped. U+00A5 may be missing from the reader's
    # Chinese font mapping; the full-width ￥ (GB 2312) never is.
    return escape(text).replace("¥", "￥")


def _styles() -> dict[str, Any]:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))

    def style(name: str, size: float, *, before: float = 0, after: float = 2, grey: bool = False) -> Any:
        return ParagraphStyle(name, fontName=FONT, fontSize=size, leading=size * 1.35, spaceBefore=before,
                              spaceAfter=after, wordWrap="CJK", textColor="#555555" if grey else "#111111")

    return {"title": style("title", 20, after=6), "person": style("person", 12), "meta": style("meta", 9, grey=True),
            "year": style("year", 15, before=10, after=4), "quarter": style("quarter", 12, before=6, after=3),
            "item": style("item", 10.5, before=4, after=0), "body": style("body", 10, after=2)}
