"""Texts and a file writer shared by the ingest test modules (written by the team)."""

from __future__ import annotations

from pathlib import Path

RUSSIAN = (
    "Менеджер по работе с ключевыми клиентами\n"
    "Обязанности: ведение переговоров с клиентами, подготовка коммерческих предложений, "
    "контроль дебиторской задолженности.\n"
    "Требования: опыт работы в продажах от 3 лет, высшее образование.\n"
    "Зарплата от 120 000 руб. на руки."
)
CHINESE = (
    "客户经理\n岗位职责：负责公司大客户的开发与维护，完成销售目标。\n"
    "任职要求：本科及以上学历，三年以上销售经验，良好的沟通能力。\n薪资：15-25K·13薪"
)
ENGLISH = (
    "Account Manager\nWe are looking for an Account Manager to join our team in London.\n"
    "You will own the relationship with a portfolio of clients and grow revenue."
)
ADZUNA_HEADER = ("Id,Title,FullDescription,LocationRaw,LocationNormalized,ContractType,ContractTime,"
                 "Company,Category,SalaryRaw,SalaryNormalized,SourceName\n")


def write(path: Path, data: str | bytes) -> Path:
    """Write ``data`` (text as UTF-8, or bytes as given) to ``path``, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path
