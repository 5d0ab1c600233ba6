"""The table of role titles: every known title in English, Russian and Chinese as one
pattern with its family, level (``workbench.config.LEVELS``) and canonical English label,
the anchor words every title holds, and the patterns grouped by anchor
(:mod:`workbench.roles` tries a group only where its anchor stands in a text); and the
occupations a title may name without any role of the table (support, delivery, retail ...).
"""

from __future__ import annotations

import re
import re._constants as _sre
import re._parser as _sre_parser

from . import text as _text
from .gates import Gated, Keys

_R = r"\w{0,4}"  # a Russian inflection ending
_RM = rf"менеджер{_R}"
_RD = rf"директор{_R}"
_RWC = r"по\s+работе\s+со?"
_RHEAD = rf"(?:руководител{_R}|начальник{_R})"
_RKEY = r"(?:ключев\w+|крупн\w+|vip|стратегическ\w+|федеральн\w+|сетев\w+|национальн\w+)"

# (pattern, family, level, label). Order matters: specific before general. Levels are
# on the family's ladder (workbench.config.LEVEL_NAMES). A pattern starts at one of
# the anchor words below or at a modifier word before it ("senior account manager").
_ROLE_TABLE: list[tuple[str, str, int | None, str]] = [
    # --- not account roles (checked first so "accounting manager" never reads as a role) ---
    (r"\baccountants?\b|\baccounting\s+(?:manager|director|assistant|clerk|officer)\b|"
     r"\baccounts\s+(?:payable|receivable|assistant|clerk|administrator|officer|supervisor)\b",
     "other", None, "Accountant"),
    (rf"\b(?:главн\w+\s+)?бухгалтер{_R}", "other", None, "Accountant"),
    (r"会计|出纳", "other", None, "Accountant"),
    (r"\bkey\s+accounts?\s+analysts?\b", "other", None, "Key Account Analyst"),
    (r"客服", "other", None, "Customer Support"),
    # --- the sales ladder: team leads first (5), then the sellers ---
    (r"\bsales\s+development\s+(?:representatives?\s+|reps?\s+)?managers?\b|"
     r"\b(?:business|sales)\s+development\s+(?:representatives?|reps?)\s+(?:team\s+)?(?:managers?|leads?|leaders?)\b|"
     r"\bsales\s+team\s+(?:lead|leader|manager)s?\b|\bsales\s+(?:supervisor|director|lead|leader)s?\b|"
     r"\bhead\s+of\s+(?:[\w-]+\s+){0,2}(?:sales|business\s+development|new\s+business)\b|"
     r"\b(?:vp|vice\s+president),?\s+(?:of\s+)?(?:[\w-]+\s+){0,2}(?:sales|business\s+development)\b|"
     r"\bdirectors?\s+of\s+(?:[\w-]+\s+){0,2}(?:sales|business\s+development)\b|"
     r"\b(?:business\s+development|new\s+business)\s+directors?\b|\bcommercial\s+directors?\b|"
     r"\bhead\s+of\s+(?:channel|partnerships?|renewals)\b|\bdirectors?\s+of\s+(?:channel\w*|partnerships?|renewals)\b|"
     r"\b(?:channel|partner)\s+(?:sales\s+)?directors?\b|\bfranchise\s+(?:development|sales)\s+directors?\b|"
     r"\btele-?sales\s+(?:team\s+)?(?:lead|leader|manager|supervisor)s?\b|\bchief\s+revenue\s+officers?\b|\bchief\s+sales\s+officers?\b",
     "sales", 5, "Sales Manager"),
    (r"\b(?:area|territory|field|channel|partner)\s+sales\s+managers?\b", "sales", 2, "Sales Representative"),
    (r"\bsales\s+managers?\b", "sales", 5, "Sales Manager"),
    (r"\bsales\s+development\s+(?:representatives?|reps?|executives?|associates?|specialists?)\b|"
     r"\bbusiness\s+development\s+(?:representatives?|reps?|associates?)\b|"
     r"\bmarket\s+development\s+(?:representatives?|reps?)\b|\blead\s+development\s+(?:representatives?|reps?)\b|"
     r"\blead\s+generation\s+(?:specialist|executive|representative|coordinator|manager)s?\b|"
     r"\b(?:inside\s+)?sales\s+(?:trainee|intern)s?\b|\b(?:trainee|graduate|junior)\s+sales\s+(?:executive|representative|consultant)s?\b",
     "sales", 1, "Sales Development Representative"),
    (r"\b(?:enterprise|strategic|major|named|global)\s+account\s+executives?\b", "sales", 4,
     "Enterprise Account Executive"),
    (r"\bmid[\s-]?market\s+account\s+executives?\b", "sales", 3, "Mid-Market Account Executive"),
    (r"\b(?:smb|commercial|small\s+business|corporate)\s+account\s+executives?\b", "sales", 2, "Account Executive"),
    (r"\bsenior\s+sales\s+(?:executive|representative)s?\b", "sales", 3, "Senior Sales Representative"),
    (r"\b(?:inside\s+|field\s+)?sales\s+(?:executive|representative|consultant|agent)s?\b|"
     r"\binside\s+sales\s+(?:associate|specialist)s?\b|"
     r"\b(?:new\s+)?business\s+development\s+(?:manager|executive)s?\b|\bnew\s+business\s+(?:manager|executive)s?\b|"
     r"\b(?:field\s+sales|inside\s+sales|territory|new\s+business|sales)\s+account\s+managers?\b|"
     r"\baccount\s+representatives?\b|\b(?:channel|partner|renewals?|franchise\s+sales)\s+managers?\b|"
     r"\bsales\s+advis[eo]rs?\b",
     "sales", 2, "Sales Representative"),
    (rf"\b{_RM}\s+по\s+продажам\s+(?:(?:крупным|ключевым|корпоративным\s+vip)\s+клиентам|крупному\s+бизнесу)", "sales", 4,
     "Enterprise Account Executive"),
    (rf"\b(?:старш\w+|ведущ\w+)\s+{_RM}\s+по\s+продажам", "sales", 3, "Senior Sales Representative"),
    (rf"\b{_RD}\s+(?:по\s+(?:[\w-]+\s+и\s+)?продажам|по\s+развитию(?!\s+персонал)|отдела\s+продаж|департамента\s+продаж|"
     rf"по\s+сбыту)|\b{_RHEAD}\s+(?:продаж|по\s+продажам|коммерческого\s+отдела|отдела\s+сбыта)|"
     rf"\bкоммерческ\w+\s+{_RD}|\b{_RHEAD}\s+(?:отдела|группы|направления|департамента|службы)\s+"
     rf"(?:продаж|по\s+продажам|активных\s+продаж|по\s+развитию\s+бизнеса|развития\s+бизнеса|телемаркетинга|"
     rf"{_RWC}\s+(?:партн[её]рами|дилерами)|sales\s+development|business\s+development)|"
     rf"\bсупервайзер{_R}(?:\s+(?:отдела\s+продаж|торгов\w+\s+представител{_R}))?",
     "sales", 5, "Sales Manager"),
    (rf"\b{_RM}\s+(?:по\s+(?:[\w-]+\s+){{0,2}}продаж\w*|(?:отдела\s+|активных\s+)продаж|по\s+привлечению\s+клиентов|"
     rf"по\s+развитию(?!\s+(?:персонал|клиент))|по\s+сбыту)|\bторгов\w+\s+(?:представител{_R}|агент{_R})|"
     rf"\b(?:специалист|агент){_R}\s+по\s+продажам|\bтерриториальн\w+\s+(?:{_RM}|представител{_R})|"
     rf"\bбизнес[\s-]?девелопер{_R}|\b{_RM}\s+{_RWC}\s+(?:партн[её]рами|дилерами)|\b{_RM}\s+по\s+(?:франчайзингу|продлени\w+)",
     "sales", 2, "Sales Representative"),
    (rf"\bоператор{_R}\s+холодных\s+звонков|\bстаж[её]р{_R}\s+(?:(?:в\s+)?отдел\w*\s+(?:продаж|развития\s+бизнеса)|по\s+продажам)|\bспециалист{_R}\s+по\s+лидогенерации|\bлидогенератор{_R}",
     "sales", 1, "Sales Development Representative"),
    (r"大客户业务(?:代表|经理|员)|大客户销售(?!总监|主管|负责人|副总裁|部经理)(?:经理|代表)?|ka销售(?!总监|主管|负责人|副总裁|部经理)(?:经理|代表)?",
     "sales", 4, "Enterprise Account Executive"),
    (r"ka主管|大客户主管", "key_accounts", 3, "Key Account Manager"),
    (r"销售副?总监|销售主管|销售负责人|销售副总裁|销售vp|销售团队长|销售部经理|商务总监|BD总监|商务拓展总监|渠道总监|"
     r"电销主管|电销经理|大区经理|城市经理", "sales", 5, "Sales Manager"),
    (r"(?:高级|资深)销售(?!总监|主管|负责人|副总裁|部经理)(?:代表|专员|经理)?", "sales", 3, "Senior Sales Representative"),
    (r"电话邀约(?:专员)?|销售培训生|销售实习生|商务拓展专员|bd专员|外呼专员", "sales", 1, "Sales Development Representative"),
    (r"区域销售经理|销售经理|销售代表|销售专员|销售顾问|销售工程师|销售员|销售人员|电话销售|网络销售|医药代表|"
     r"商务拓展经理|商务经理|BD经理|业务代表|业务员|业务经理|渠道经理|区域经理|合作伙伴经理|招商经理|续费经理",
     "sales", 2, "Sales Representative"),
    # --- level 5 ---
    (r"\b(?:associate|assistant|deputy)\s+group\s+account\s+directors?\b", "account_management", 4, "Account Director"),
    (r"\bgroup\s+account\s+directors?\b", "account_management", 5, "Group Account Director"),
    (r"\bgroup\s+client\s+(?:services?\s+)?directors?\b", "client_services", 5, "Group Client Director"),
    (r"\bclient\s*services?\s+directors?\b", "client_services", 5, "Client Services Director"),
    (r"\bdirectors?,?\s+(?:of\s+)?client\s+services?\b", "client_services", 5, "Client Services Director"),
    (r"\b(?:associate|assistant|deputy)\s+directors?,?\s+(?:of\s+)?(?:client|customer)\s+success\b", "client_services", 3,
     "Associate Director, Client Services"),
    (r"\b(?:client|customer)\s+success\s+directors?\b", "client_services", 4, "Director of Client Success"),
    (r"\bdirectors?\s+of\s+(?:key|national|global|strategic|major)\s+accounts?\b", "key_accounts", 4,
     "Key Account Director"),
    (r"\b(?:senior\s+)?directors?,?\s+(?:of\s+)?(?:client|customer)\s+success\b", "client_services", 4,
     "Director of Client Success"),
    (r"\bdirectors?\s+of\s+accounts\b", "account_management", 5, "Head of Accounts"),
    (r"\bdirectors?\s+of\s+account\s+management\b", "account_management", 4, "Account Director"),
    (r"\b(?:associate|assistant|deputy)\s+directors?,?\s+(?:of\s+)?client\s+services?\b", "client_services", 3,
     "Associate Director, Client Services"),
    (r"\bhead\s+of\s+(?:key|national|global|strategic|major)\s+accounts?\b|"
     r"\b(?:vp|vice\s+president),?\s+(?:of\s+)?(?:key|national|global|strategic|major)\s+accounts?\b",
     "key_accounts", 5, "Head of Key Accounts"),
    (r"\bhead\s+of\s+(?:client|customer)\s+(?:services?|success|management|partnerships?|relationships?|retention)\b|"
     r"\bhead\s+of\s+retention\b|"
     r"\bhead\s+of\s+relationship\s+management\b",
     "client_services", 5, "Head of Client Services"),
    (r"\bhead\s+of\s+(?:accounts?|account\s+management|account\s+services)\b", "account_management", 5,
     "Head of Accounts"),
    (r"\b(?:vp|vice\s+president),?\s+(?:of\s+)?(?:client\s+services?|customer\s+success|client\s+success)\b",
     "client_services", 5, "Client Services Director"),
    (r"\b(?:vp|vice\s+president),?\s+(?:of\s+)?(?:account\s+(?:management|services)|accounts)\b", "account_management", 5,
     "Head of Accounts"),
    (rf"\b{_RD}\s+{_RWC}\s+клиентами\s+групп\w*", "account_management", 5, "Group Account Director"),
    (rf"\bгрупп\w*[\s-]+(?:аккаунт|account)[\s-]+(?:директор{_R}|director)", "account_management", 5,
     "Group Account Director"),
    (rf"\b{_RD}\s+(?:отдела\s+|департамента\s+|службы\s+)?(?:по\s+)?обслуживани{_R}\s+клиентов",
     "client_services", 5, "Client Services Director"),
    (rf"\b{_RD}\s+(?:по\s+)?клиентск\w+\s+(?:сервиса|сервису|отдела|департамента|службы|опыта)", "client_services", 5,
     "Client Services Director"),
    (rf"\b{_RHEAD}\s+(?:аккаунт[\s-]отдела|отдела\s+аккаунт[\s-]менеджмента|аккаунт[\s-]менеджмента|отдела\s+аккаунтинга|отдела\s+{_RWC}\s+аккаунтами)",
     "account_management", 5, "Head of Accounts"),
    (rf"\b{_RHEAD}\s+(?:группы|команды)\s+аккаунт[\s-]менеджеров", "account_management", 4, "Account Director"),
    (rf"\b{_RHEAD}\s+(?:группы|команды)\s+(?:{_RWC}\s+{_RKEY}[\s-]+клиентами|key\s+account\s+managers?)", "key_accounts", 4,
     "Key Account Director"),
    (rf"\b{_RHEAD}\s+(?:группы|команды)\s+(?:customer\s+success|{_RWC}\s+(?:корпоративными\s+)?клиентами|"
     rf"клиентск\w+\s+{_RM})",
     "client_services", 4, "Client Services Team Lead"),
    (rf"\b{_RHEAD}\s+(?:отдела|департамента|направления|службы)\s+(?:{_RWC}\s+(?:{_RKEY}[\s-]+клиентами|"
     rf"(?:{_RKEY}[\s-]+)?сетями)|(?:по\s+)?{_RKEY}[\s-]+клиент\w*|key\s+account\s+managers?)",
     "key_accounts", 5, "Head of Key Accounts"),
    (rf"\b{_RHEAD}\s+(?:(?:отдела|департамента|службы|направления)\s+(?:{_RWC}\s+(?:корпоративными\s+)?клиентами|"
     rf"обслуживания\s+клиентов|"
     rf"клиентского\s+сервиса|customer\s+success)|клиентского\s+(?:отдела|сервиса|направления))",
     "client_services", 5, "Head of Client Services"),
    (rf"\bвице[\s-]?президент{_R}\s+{_RWC}\s+клиентами", "client_services", 5, "Client Services Director"),
    (r"客户服务部?总监|客户服务部(?:负责人|总经理|经理)|客户服务副总裁|客户成功副总裁|客户成功部?负责人|客户成功部(?:总)?经理|客户成功部总监", "client_services", 5,
     "Client Services Director"),
    (r"客户群总监|集团客户总监", "account_management", 5, "Group Account Director"),
    (r"大客户部(?:总)?经理|大客户部门?负责人|大客户部总监|ka部(?:总)?经理|ka部门?负责人|ka部总监", "key_accounts", 5,
     "Head of Key Accounts"),
    (r"客户部负责人|客户部门负责人|客户部(?:总)?经理|客户部总监", "account_management", 5, "Head of Accounts"),
    # --- level 4 ---
    (r"\b(?:key|global|strategic|national|major|enterprise)\s+account\s+directors?\b", "key_accounts", 4,
     "Key Account Director"),
    # An assistant, associate or deputy account director sits between a senior account
    # manager and an account director: the senior tier (3), never level 4.
    (r"\b(?:assistant|associate|deputy)\s+account\s+directors?\b", "account_management", 3,
     "Associate Account Director"),
    (r"\b(?:senior\s+|regional\s+|client\s+)?accounts?\s+(?:management\s+)?directors?\b", "account_management", 4,
     "Account Director"),
    (r"\bclient\s+directors?\b", "client_services", 4, "Client Director"),
    (r"\b(?:associate|assistant|deputy)\s+client\s+partners?\b", "client_services", 3, "Associate Client Partner"),
    (r"\b(?:global\s+|senior\s+)?client\s+partners?\b|\b(?:client\s+)?relationship\s+directors?\b|"
     r"\bdirectors?\s+of\s+client\s+relation\w*", "client_services", 4,
     "Client Partner"),
    (r"\bmanagement\s+supervisors?\b", "account_management", 4, "Management Supervisor"),
    (r"\b(?:key|national|global|strategic|major)\s+accounts?\s+team\s+(?:lead|leader|manager)s?\b", "key_accounts", 4,
     "Key Account Team Lead"),
    (r"\baccount\s+(?:management\s+)?team\s+(?:lead|leader|manager)s?\b", "account_management", 4, "Account Team Lead"),
    (r"客户成功主管|客户服务主管", "client_services", 4, "Client Services Team Lead"),
    (rf"\bзаместител{_R}\s+(?:аккаунт[\s-]?директора|директора\s+{_RWC}\s+клиентами)|"
     rf"\bассоциированн\w+\s+аккаунт[\s-]?директор{_R}", "account_management", 3,
     "Associate Account Director"),
    (r"\b(?:customer|client)\s+(?:success|services?)\s+team\s+(?:lead|leader|manager)s?\b", "client_services", 4,
     "Client Services Team Lead"),
    (rf"\b{_RD}\s+(?:{_RWC}\s+(?:{_RKEY}[\s-]+клиентами|(?:{_RKEY}[\s-]+)?сетями)|по\s+{_RKEY}[\s-]+клиентам)",
     "key_accounts", 4,
     "Key Account Director"),
    (rf"\b{_RD}\s+{_RWC}\s+(?:корпоративными\s+)?клиентами", "account_management", 4, "Account Director"),
    (rf"\b(?:аккаунт|клиент)[\s-]?директор{_R}", "account_management", 4, "Account Director"),
    (rf"\bклиентск\w+\s+директор{_R}", "client_services", 4, "Client Director"),
    (r"大客户总监|重点客户总监|关键客户总监|ka总监|战略客户总监|全球客户总监", "key_accounts", 4, "Key Account Director"),
    (r"客户关系总监|客户成功总监", "client_services", 4, "Client Partner"),
    (r"副客户总监|助理客户总监|客户副总监", "account_management", 3, "Associate Account Director"),
    (r"客户总监助理|客户经理助理", "account_management", 1, "Account Executive"),  # an account manager's assistant
    (r"客户业务总监|客户总监", "account_management", 4, "Account Director"),
    # --- level 1 (qualified forms of level-2 titles, so before them) ---
    (r"\b(?:junior|assistant|trainee|graduate|associate|entry[\s-]+level)\s+account\s+managers?\b",
     "account_management", 1, "Junior Account Manager"),
    (rf"\b(?:младш\w+|помощник{_R}|ассистент{_R}|стаж[её]р{_R})\s+(?:{_RM}\s+{_RWC}\s+{_RKEY}[\s-]+клиентами|"
     rf"key\s+account\s+managers?)|\bкоординатор{_R}\s+key\s+account\s+managers?",
     "key_accounts", 1, "Key Account Coordinator"),
    (rf"\b(?:младш\w+|помощник{_R}|ассистент{_R}|стаж[её]р{_R})\s+(?:{_RM}\s+{_RWC}\s+клиентами|аккаунт[\s-]?{_RM})|"
     rf"\bстаж[её]р{_R}[\s-]+аккаунт\w*",
     "account_management", 1, "Junior Account Manager"),
    (r"\b(?:key|national)\s+account\s+(?:coordinator|assistant|executive|administrator|support)s?\b|"
     r"\b(?:junior|assistant|trainee|graduate|associate)\s+key\s+account\s+managers?\b", "key_accounts", 1,
     "Key Account Coordinator"),
    (r"\b(?:junior|assistant|trainee|graduate|associate)\s+(?:client|client\s+services?|customer\s+success|"
     r"client\s+success|client\s+relationship|relationship)\s+managers?\b", "client_services", 1,
     "Client Services Executive"),
    # --- level 3 ---
    (r"\b(?:key|major|strategic|national|global|enterprise|named)\s+accounts?\s+managers?\b|"
     r"\bcustomer\s+business\s+managers?\b", "key_accounts", 3, "Key Account Manager"),
    (r"\b(?:senior|lead|principal)\s+accounts?\s+managers?\b", "account_management", 3, "Senior Account Manager"),
    (r"\b(?:key|major|strategic|national|global)\s+account\s+leads?\b", "key_accounts", 3, "Key Account Manager"),
    (r"\baccount\s+leads?\b", "account_management", 3, "Account Lead"),
    (r"\bаккаунт[\s-]?лид\w*", "account_management", 3, "Account Lead"),
    (r"\b(?:client|client\s+services?|(?:client|customer)\s+success)\s+leads?\b", "client_services", 3, "Client Lead"),
    (r"\b(?:senior|lead|principal)\s+(?:client|relationship|client\s+relationship)\s+managers?\b", "client_services", 3,
     "Senior Client Manager"),
    (r"\b(?:senior|lead|principal|strategic|enterprise)\s+(?:client\s+services?|customer\s+success|client\s+success)\s+"
     r"managers?\b", "client_services", 3, "Senior Client Services Manager"),
    (rf"\b(?:старш\w+|ведущ\w+)\s+(?:customer\s+success|клиентск\w+)\s+{_RM}", "client_services", 3,
     "Senior Client Services Manager"),
    (rf"\b(?:старш\w+|ведущ\w+)\s+(?:{_RM}\s+{_RWC}\s+клиентами|аккаунт[\s-]?{_RM})", "account_management", 3,
     "Senior Account Manager"),
    (rf"\b(?:координатор|специалист){_R}\s+{_RWC}\s+{_RKEY}[\s-]+клиентами", "key_accounts", 1,
     "Key Account Coordinator"),
    (rf"\b{_RM}\s+{_RWC}\s+{_RKEY}[\s-]+(?:клиентами|сетями|аккаунтами)|\b{_RM}\s+по\s+{_RKEY}[\s-]+(?:клиентам|сетям)",
     "key_accounts", 3, "Key Account Manager"),
    (rf"\b(?:key[\s-]+account|(?:ключев|национальн|стратегическ|глобальн)\w+\s+аккаунт)[\s-]+(?:{_RM}|manager\w*)",
     "key_accounts", 3, "Key Account Manager"),
    (r"ka专员|大客户专员|大客户助理|ka助理", "key_accounts", 1, "Key Account Coordinator"),
    (r"大客户经理|全国客户经理|重点客户经理|关键客户经理|ka客户经理|ka经理|全球客户经理|战略客户经理", "key_accounts", 3,
     "Key Account Manager"),
    (r"高级客户成功经理|资深客户成功经理|高级客户关系经理|资深客户关系经理", "client_services", 3,
     "Senior Client Services Manager"),
    (r"高级客户经理|资深客户经理|客户主管", "account_management", 3, "Senior Account Manager"),
    (r"初级客户经理", "account_management", 1, "Junior Account Manager"),
    # --- level 2 ---
    (r"\b(?:customer\s+|client\s+|corporate\s+)?accounts?\s+managers?\b", "account_management", 2, "Account Manager"),
    (r"\baccount\s+supervisors?\b", "account_management", 2, "Account Supervisor"),
    (r"\b(?:client|client\s+relationship|relationship|client\s+engagement)\s+managers?\b|\bprivate\s+bankers?\b",
     "client_services", 2, "Client Manager"),
    (r"\b(?:client\s+services?|customer\s+success|client\s+success|partner\s+success)\s+managers?\b|"
     r"\b(?:customer\s+|client\s+)?retention\s+managers?\b", "client_services", 2,
     "Client Services Manager"),
    (rf"\bcustomer\s+success\s+{_RM}|\b{_RM}\s+по\s+(?:успеху|удержанию)\s+клиентов|"
     rf"\b{_RM}\s+по\s+клиентскому\s+(?:сервису|сопровождению|обслуживанию)|"
     rf"\bклиентск\w+\s+{_RM}|\b{_RM}\s+по\s+(?:обслуживанию|сопровождению)\s+(?:корпоративных\s+|частных\s+)?клиентов|"
     rf"\b{_RM}\s+клиентского\s+(?:отдела|сервиса|направления)|\b{_RM}\s+по\s+клиентам|\bперсональн\w+\s+{_RM}|"
     rf"\b{_RM}\s+по\s+развитию\s+(?:клиентов|клиентской\s+базы)", "client_services", 2,
     "Client Services Manager"),
    (rf"\b{_RM}\s+{_RWC}\s+(?:корпоративными\s+)?клиентами", "account_management", 2, "Account Manager"),
    (rf"\b(?:аккаунт|account)[\s-]?{_RM}", "account_management", 2, "Account Manager"),
    (r"客户成功经理|客户服务经理|客户关系经理|对公客户经理|理财经理", "client_services", 2, "Client Services Manager"),
    (r"客户经理", "account_management", 2, "Account Manager"),
    # --- level 1 ---
    (r"\b(?:(?:senior|junior|assistant|graduate|trainee|entry[\s-]+level)\s+)?account\s+"
     r"(?:executive|exec|coordinator|assistant|associate)s?\b|\baccount\s+(?:management|support)\s+(?:executive|coordinator|"
     r"assistant|intern)s?\b", "account_management", 1, "Account Executive"),
    (r"\bclient\s+(?:services?\s+)?(?:executive|coordinator|associate|representative|assistant|administrator|officer|"
     r"intern)s?\b|\bretention\s+(?:specialist|executive|advis[eo]r|agent)s?\b|"
     r"\brelationship\s+(?:associate|coordinator)s?\b|\bclient\s+relationship\s+(?:specialist|associate|coordinator|"
     r"executive|officer)s?\b|"
     r"\b(?:customer|client)\s+success\s+(?:associate|specialist|coordinator|executive|representative)s?\b",
     "client_services", 1, "Client Services Executive"),
    (rf"\b(?:аккаунт|account)[\s-]?координатор{_R}|\bаккаунт[\s-]?(?:экзекьютив\w*|executive)|\bисполнительн\w+\s+{_RM}",
     "account_management", 1, "Account Executive"),
    (rf"\b(?:координатор{_R}|специалист{_R})\s+(?:проектов\s+)?{_RWC}\s+клиентами", "account_management", 1,
     "Account Executive"),
    (r"客户成功(?:专员|实习生|助理)|客户关系专员|客户服务专员|客户留存专员", "client_services", 1, "Client Services Executive"),
    (rf"\bстаж[её]р{_R}\s+(?:в\s+)?(?:клиентск\w+\s+(?:отдел|сервис|служб)|отдел\w*\s+{_RWC}\s+клиентами)|"
     rf"\bспециалист{_R}\s+по\s+удержанию\s+клиентов", "client_services", 1, "Client Services Executive"),
    (r"客户专员|客户执行|客户助理|客户代表|客户主任", "account_management", 1, "Account Executive"),
    # --- delivery (no ladder) ---
    (r"\btechnical\s+account\s+managers?\b|\b(?:service\s+|client\s+)?delivery\s+(?:manager|director|lead)s?\b|"
     r"\bproject\s+managers?\b|\bhead\s+of\s+project\s+management\b|\bprogram(?:me)?\s+managers?\b|\bimplementation\s+(?:manager|consultant|specialist|lead)s?\b",
     "delivery", None, "Delivery Manager"),
    (rf"\b(?:руководител{_R}|{_RM})\s+проект{_R}|\b{_RM}\s+по\s+внедрению|\bтехническ\w+\s+аккаунт[\s-]?{_RM}",
     "delivery", None, "Delivery Manager"),
    (r"项目经理|交付经理|实施顾问|实施工程师|技术客户经理", "delivery", None, "Delivery Manager"),
]

# Speed: one regex alternation of ~60 titles costs microseconds per character
# (and IGNORECASE ten times more), so the lower-cased text is scanned for anchor
# words with a literal alternation, and at each hit only the patterns holding
# that anchor are tried.
_ANCHORS = (
    "account", "client", "customer", "director", "sales", "delivery", "project", "program",
    "head of", "vice president", "vp", "business development", "new business", "relationship", "supervisor",
    "lead generation", "chief revenue", "chief sales", "implementation", "стаж", "персональн",
    "market development", "lead development", "private banker", "理财经理", "территориальн", "бизнес",
    # a title whose anchor word alone names nothing ("commercial director": "director ..." is no title)
    "commercial director", "management supervisor", "коммерческ", "大客户", "ka主管", "ka客户",
    "клиент", "аккаунт", "директор", "менеджер", "бухгалтер", "руководител", "начальник", "специалист",
    "координатор", "торгов", "оператор", "супервайзер",
    "客户", "客服", "会计", "出纳", "销售", "商务", "项目", "交付", "实施", "电话", "医药代表", "业务", "渠道",
    "ka经理", "ka专员", "ka总监", "ka助理", "ka销售", "ka部", "bd经理", "bd总监",
    # titles only (below): partner, channel, retention and renewal sellers, BD and regional heads
    "channel", "partner", "renewal", "retention", "franchise", "tele", "вице", "bd专员", "外呼", "区域经理",
    "大区经理", "城市经理", "合作伙伴", "招商", "续费", "电销",
)
# Words that may open a title before its anchor ("senior account manager").
_MODIFIER_PREFIXES = (
    "senior", "junior", "assistant", "associate", "deputy", "trainee", "graduate", "entry", "level", "key", "major",
    "strategic", "national", "global", "enterprise", "regional", "group", "client", "customer", "new", "service",
    "head", "vice", "vp", "lead", "principal", "named", "mid", "smb", "small", "commercial", "corporate", "business",
    "management", "technical", "inside", "field", "area", "territory",
    "старш", "ведущ", "младш", "помощник", "ассистент", "стаж", "групп", "главн", "исполнительн", "клиентск",
    "коммерческ", "руководител", "начальник", "ключев", "регион", "заместител", "ассоциированн", "национальн",
    "стратегическ", "глобальн", "федеральн", "территориальн", "техническ", "market",
)
_OPEN_QUOTES = "«\"'“„‘(（["
_CJK_MODIFIERS = set("大重点关键高级资深集团初副助理全球战略对公区域技术")


def _group_for(anchor: str) -> tuple[re.Pattern, list[int]]:
    members = [i for i, (p, *_r) in enumerate(_ROLE_TABLE)
               if anchor in p.lower().replace(r"\s+", " ").replace(r"[\s-]+", " ")]
    src = "|".join(f"({_ROLE_TABLE[i][0]})" for i in members)
    # Matched against the lower-cased text (no IGNORECASE: it is ten times slower).
    return re.compile(src.lower()), members


_GROUPS = {a: _group_for(a) for a in _ANCHORS}
# An anchor no pattern holds would match the empty string everywhere.
assert all(members for _, members in _GROUPS.values()), [a for a, (_, m) in _GROUPS.items() if not m]


# ---------------------------------------------------------------- the patterns that may start at an anchor
#
# At an anchor's own position most of its group's patterns cannot match: they open with a
# modifier word ("key account manager", "senior account director"), so the engine tries
# and drops each in turn (about 10 us a try for the 36 "account" patterns). The patterns
# that may match a text starting with the anchor are found once, from each pattern's
# parsed form, and kept in a smaller alternation in the same order: the regex engine takes
# the first alternative that matches, so dropping alternatives that cannot match there
# changes neither which one matches nor how far. The test errs on the side of keeping a
# pattern (any construct it does not read keeps it).

_REPEATS = frozenset({_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT})
_ZERO_WIDTH = frozenset({_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT})


def _charset(items) -> set[str] | None:
    """The characters of a parsed character class (None: a class read as any character)."""
    out: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            out.add(chr(av))
        elif op is _sre.RANGE and av[1] - av[0] < 4096:
            out.update(map(chr, range(av[0], av[1] + 1)))
        else:  # a category (\w, \s), a negated class: any character
            return None
    return out


def _step(op, av, rests: set[str]) -> set[str] | None:
    """``rests`` after one parsed item (None: an item not read here, which may match anything)."""
    if op is _sre.LITERAL:
        return {r[1:] for r in rests if r[0] == chr(av)}
    if op is _sre.NOT_LITERAL:
        return {r[1:] for r in rests if r[0] != chr(av)}
    if op is _sre.IN:
        chars = _charset(av)
        return {r[1:] for r in rests if chars is None or r[0] in chars}
    if op is _sre.SUBPATTERN:
        return _consume(av[-1], rests)
    if op is _sre.BRANCH:
        return set().union(*(_consume(b, rests) for b in av[1]))
    if op in _REPEATS:
        return _repeat(av, rests)
    return None


def _repeat(av, rests: set[str]) -> set[str]:
    lo, hi, sub = av
    out: set[str] = set()
    cur, k = rests, 0
    while cur and k <= hi:
        if k >= lo:
            out |= cur
        if "" in cur or k > lo + 64:
            return out | cur
        nxt = _consume(sub, cur)
        if k >= lo and nxt <= out:
            break
        cur, k = nxt, k + 1
    return out


def _consume(items, rests: set[str]) -> set[str]:
    """What may be left of the strings ``rests`` once the parsed ``items`` matched their start
    ("" when a string was used up: the pattern may go on past it)."""
    for op, av in items:
        if not rests or "" in rests:
            break
        if op in _ZERO_WIDTH:  # \b, lookarounds: ignored (keeps more patterns, never fewer)
            continue
        rests = _step(op, av, rests)
        if rests is None:
            return {""}
    return rests


def _may_start_with(pattern: str, anchor: str) -> bool:
    """May ``pattern`` match at a position where the text reads ``anchor``?"""
    return bool(_consume(_sre_parser.parse(pattern), {anchor}))


def _at_anchor_group(anchor: str) -> tuple[re.Pattern, tuple[int, ...]]:
    """The group's patterns that may match at the anchor, and for each its index in the group
    (``match.lastindex`` of the smaller pattern -> that of the group's)."""
    group, members = _GROUPS[anchor]
    keep = [k for k, i in enumerate(members) if _may_start_with(_ROLE_TABLE[i][0].lower(), anchor)]
    src = "|".join(f"({_ROLE_TABLE[members[k]][0]})" for k in keep) or "(?!)"  # none: never matches
    return re.compile(src.lower()), (0, *(k + 1 for k in keep))


# A member pattern with a group of its own would shift ``lastindex``: none has one.
assert all(re.compile(p.lower()).groups == 0 for p, *_ in _ROLE_TABLE)
_AT_ANCHOR = {a: _at_anchor_group(a) for a in _ANCHORS}
_CJK_ANCHORS = frozenset(a for a in _ANCHORS if "\u4e00" <= a[-1] <= "\u9fff")


def _anchor_regex() -> re.Pattern:
    by_first: dict[str, list[str]] = {}
    for a in sorted(_ANCHORS, key=len, reverse=True):
        by_first.setdefault(a[0], []).append(re.escape(a[1:]))
    return re.compile("|".join(f"{re.escape(k)}(?:{'|'.join(v)})" for k, v in by_first.items()))


_ANCHOR_RE = _anchor_regex()
# str.find per anchor beats one regex alternation scan by about three to one.
_ANCHORS_BY_LEN = tuple(sorted(_ANCHORS, key=len, reverse=True))
# Anchors of titles that running text seldom holds as roles ("Relationship Manager",
# "Chief Revenue Officer"): searched in titles only, so a posting's text pays no
# str.find for them (each ASCII anchor costs a pass over every text).
_TITLE_ONLY_ANCHORS = frozenset({"relationship", "supervisor", "lead generation", "chief revenue", "chief sales",
                                 "implementation", "commercial director", "management supervisor", "стаж",
                                 "персональн", "market development", "lead development", "private banker", "理财经理",
                                 "территориальн", "бизнес", "channel", "partner", "renewal", "retention",
                                 "franchise", "tele", "вице", "bd专员", "外呼", "区域经理", "大区经理", "城市经理",
                                 "合作伙伴", "招商", "续费", "电销"})
# A text with no Cyrillic or Chinese character skips those anchors: a Cyrillic text
# pays ~1 us per Chinese anchor searched (and the other way round).
_ANCHOR_KEYS = Keys(a for a in _ANCHORS_BY_LEN if a not in _TITLE_ONLY_ANCHORS)
_TITLE_ANCHOR_KEYS = Keys(_ANCHORS_BY_LEN)


# Occupations a title may name without any role of the table: read only when the
# title names no role, or names this one first.
_TITLE_OCCUPATIONS: tuple[tuple[Gated, str, int | None, str], ...] = tuple(
    (Gated(p), family, level, label) for p, family, level, label in (
        (r"\bsales\s+engineers?\b|\bpre[\s-]?sales\b", "other", None, "Sales Engineer"),
        # billing and collections on a customer's or patient's account
        (r"\bpatient\s+accounts?\b|\baccount\s+recovery\b|\bbilling\s+(?:specialist|representative|clerk)s?\b", "other",
         None, "Billing"),
        (r"\b(?:sales|revenue)\s+(?:operations|ops|coordinator|administrator|admin|support|assistant|analyst)s?\b|"
         r"销售助理|销售内勤|商务助理", "other", None, "Sales Support"),
        (r"\binside\s+sales\s+(?:associate|specialist)s?\b|\bинженер\w*\s+по\s+продажам", "sales", 2,
         "Sales Representative"),
        (r"\bretail\s+sales\b|\bsales\s+associates?\b|\bshop\s+assistant|продав\w+|кассир|门店销售|导购", "other", None,
         "Retail Sales"),
        (r"лидогенерац|исходящ\w+\s+звонк|холодн\w+\s+звонк|назначени\w+\s+встреч|телемаркет|管培生.{0,3}销售|"
         r"销售管培生", "sales", 1, "Sales Development Representative"),
        # "(активные продажи)" after a client title says the job sells; "中小企业销售", "客户开发专员" are sellers
        (r"активн\w+\s+продаж|исходящ\w+\s+продаж|客户开发|销售(?=$|[\s（(/|,，-])|^\s*business\s+development\s*(?=$|[–—|(,-])|"
         r"^\s*商务拓展\s*(?=$|[（(/|,，-])|\binside\s+sales\s+менеджер|специалист\w*\s+inside\s+sales", "sales", 2, "Sales Representative"),
        (r"\b(?:customer|client)\s+(?:service|support|care)\s+(?:advisor|agent|representative|specialist|assistant|"
         r"officer|associate|operator)s?\b|\bcustomer\s+(?:support|care)\b|\bhelp\s*desk\b|\bcall[\s-]cent(?:er|re)\b|"
         r"поддержк|call[\s-]?центр|колл[\s-]?центр", "other", None, "Customer Support"),
        (r"\baccount\s+planners?\b|\bplanners?\b", "other", None, "Account Planner"),
        (r"\bonboarding\s+analyst|\bkyc\b|开户|\baccount\s+opening\b", "other", None, "Onboarding Analyst"),
        (r"\bbookkeep\w*|\bpayroll\b", "other", None, "Accountant"),
        (r"\bimplementation\b|\bonboarding\b|\bcampaign\s+(?:manager|executive|coordinator|specialist|operations)\b|"
         r"\baccount\s+operations\b|\bad\s+op(?:eration)?s\b|\btraffic\s+(?:manager|coordinator)\b|\bproducer\b|"
         r"\bcustomer\s+success\s+engineers?\b|投放(?:优化|专员|运营)|账户优化|"
         r"\bengagement\s+manager\b|\bproduction\s+(?:manager|coordinator)s?\b|"
         r"\bproject\s+(?:manager|coordinator|lead|director|executive|officer|administrator|specialist)s?\b|"
         r"внедрени|(?:менеджер|руководител|координатор|администратор)\w*\s+(?:по\s+)?проект|проджект|"
         r"项目(?:经理|专员|主管|助理|总监|协调|执行)|实施|交付", "delivery", None, "Delivery Manager"),
        (r"\bchief\s+(?:customer|client)\s+officer\b", "client_services", 5, "Client Services Director"),
        (r"\bchief\s+commercial\s+officer\b", "sales", 5, "Sales Manager"),
        (r"\bappointment\s+setters?\b|\btelemarketers?\b|\btelemarketing\s+(?:executive|agent)s?\b", "sales", 1,
         "Sales Development Representative"),
        (r"\btele-?sales\b|电销|\bterritory\s+(?:sales\s+)?(?:manager|representative|executive)s?\b", "sales", 2,
         "Sales Representative"),
        (r"\bbusiness\s+directors?\b", "account_management", 4, "Business Director"),
    ))
