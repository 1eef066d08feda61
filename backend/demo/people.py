"""Deterministic, realistic bilingual people for the demo manufacturer."""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

SURNAMES = [("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"),
            ("黄", "Huang"), ("赵", "Zhao"), ("吴", "Wu"), ("周", "Zhou"), ("徐", "Xu"), ("孙", "Sun"),
            ("马", "Ma"), ("朱", "Zhu"), ("胡", "Hu"), ("郭", "Guo"), ("何", "He"), ("林", "Lin"),
            ("罗", "Luo"), ("高", "Gao"), ("郑", "Zheng"), ("梁", "Liang"), ("谢", "Xie"), ("宋", "Song")]
GIVEN = [("伟", "Wei"), ("芳", "Fang"), ("敏", "Min"), ("静", "Jing"), ("丽", "Li"), ("强", "Qiang"),
         ("磊", "Lei"), ("军", "Jun"), ("洋", "Yang"), ("勇", "Yong"), ("艳", "Yan"), ("杰", "Jie"),
         ("娟", "Juan"), ("涛", "Tao"), ("明", "Ming"), ("超", "Chao"), ("秀英", "Xiuying"), ("霞", "Xia"),
         ("平", "Ping"), ("刚", "Gang"), ("桂英", "Guiying"), ("浩然", "Haoran"), ("子涵", "Zihan"),
         ("雨桐", "Yutong"), ("宇轩", "Yuxuan"), ("欣怡", "Xinyi"), ("建华", "Jianhua"), ("志强", "Zhiqiang"),
         ("晓燕", "Xiaoyan"), ("海燕", "Haiyan"), ("俊杰", "Junjie"), ("思远", "Siyuan")]


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    latin_name: str
    hire_date: date
    birthday: date
    phone: str


class PeopleFactory:
    def __init__(self, seed: int = 2026, today: date = date(2026, 11, 23)) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.used: set[str] = set()
        self.serial = 0

    def person(self, *, min_years: float = 0.1, max_years: float = 10) -> Person:
        while True:
            surname, given = self.rng.choice(SURNAMES), self.rng.choice(GIVEN)
            name = surname[0] + given[0]
            if name not in self.used:
                break
            if len(self.used) > len(SURNAMES) * len(GIVEN) - 5:
                name += str(len(self.used))
                break
        self.used.add(name)
        self.serial += 1
        tenure_days = int(self.rng.uniform(min_years, max_years) * 365)
        age_days = int(self.rng.uniform(20, 55) * 365)
        return Person(
            name=name, latin_name=f"{given[1]} {surname[1]}",
            hire_date=self.today - timedelta(days=tenure_days),
            birthday=self.today - timedelta(days=age_days),
            phone=f"139{self.serial:08d}",
        )
