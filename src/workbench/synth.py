"""Deterministic generator of realistic account-role postings for benchmarks and scale tests.

The postings look like the default dataset in ``data/raw``: English (UK, US, EU), Russian and
Chinese text in several shapes (header fields, HTML pages, Markdown, plain sections, competency
profiles, labelled duty lists), "% of time" lists, and pay in GBP, USD, EUR, RUB and CNY stated
hourly, daily, weekly, monthly or yearly, as ranges, "up to"/"from", base + OTE, gross or net,
with 13th/14th-month pay, masked, or not at all.

Speed comes from template composition: every phrase pool, duty block and time-allocation list is
built once at import time (from a fixed private seed), so each posting costs a handful of
``random()`` calls and one string join. Output depends only on ``(n, seed)``; the same pair gives
byte-identical files on every run and platform.

>>> from workbench import synth
>>> first = next(synth.generate(1, seed=1))
>>> sorted(first) == sorted(synth.KEYS)
True
"""

from __future__ import annotations

import datetime as _dt
import html as _html
import os
import random
from collections.abc import Iterator
from pathlib import Path

from workbench import markets

KEYS = ("id", "title", "company", "location", "country", "language",
        "date_posted", "description", "salary_raw")

# Share of postings by language; the rest of the mix (markets, shapes, pay forms) is set below.
LANGUAGE_MIX = (("en", 0.70), ("ru", 0.15), ("zh", 0.15))

_POOL_SEED = 20261123  # private: the phrase pools never change with the caller's seed
_WRITE_BATCH = 5_000

# --------------------------------------------------------------------------- titles

TITLES: dict[str, dict[int, tuple[str, ...]]] = {
    "en": {
        1: ("Account Executive", "Account Coordinator", "Junior Account Executive", "Client Account Executive"),
        2: ("Account Manager", "Client Account Manager", "Account Manager - B2B", "Account Manager (Agency)"),
        3: ("Senior Account Manager", "Key Account Manager", "Senior Account Manager - Digital", "Key Account Manager - Retail"),
        4: ("Account Director", "Account Director - Integrated", "Account Director (Healthcare)", "Senior Account Director"),
        5: ("Group Account Director", "Client Services Director", "Group Account Director - Retail", "Client Service Director"),
    },
    "ru": {
        1: ("Account Executive", "Аккаунт-координатор", "Младший аккаунт-менеджер (Account Executive)", "Ассистент аккаунт-менеджера"),
        2: ("Аккаунт-менеджер", "Account Manager", "Аккаунт-менеджер (Account Manager)", "Аккаунт-менеджер в digital-агентство"),
        3: ("Старший аккаунт-менеджер", "Key Account Manager (KAM)", "Senior Account Manager", "Старший аккаунт-менеджер (Senior AM)"),
        4: ("Аккаунт-директор", "Account Director", "Аккаунт-директор (Account Director)", "Аккаунт-директор в BTL-агентство"),
        5: ("Групповой аккаунт-директор", "Group Account Director", "Директор по работе с клиентами (Client Service Director)", "Client Service Director"),
    },
    "zh": {
        1: ("客户专员", "客户执行 (AE)", "客户助理", "客户专员 (Account Executive)"),
        2: ("客户经理", "客户经理 (Account Manager)", "客户经理（广告）", "客户经理 (AM)"),
        3: ("高级客户经理", "大客户经理 (KAM)", "高级客户经理 (Senior Account Manager)", "大客户经理"),
        4: ("客户总监", "客户总监 (Account Director)", "资深客户总监", "客户总监（数字营销）"),
        5: ("客户群总监", "客户服务总监", "客户群总监 (Group Account Director)", "客户服务总监 (Client Service Director)"),
    },
}

#: title -> level, for callers (tests, benchmarks) that need the true level of a synthetic posting.
TITLE_LEVEL: dict[str, int] = {t: lvl for by_level in TITLES.values() for lvl, ts in by_level.items() for t in ts}

# --------------------------------------------------------------------------- markets

# (market, country, share within the language, cities); the currency is the market's
_MARKETS = {
    "en": (
        ("UK", "GB", 0.72, ("London", "Manchester", "Leeds", "Bristol", "Birmingham", "Glasgow", "Edinburgh",
                                   "Reading", "Nottingham", "Cardiff", "Sheffield", "Cambridge", "Brighton", "Newcastle upon Tyne")),
        ("US", "US", 0.18, ("New York, NY", "Chicago, IL", "Austin, TX", "Denver, CO", "Boston, MA", "Atlanta, GA",
                                   "Seattle, WA", "San Diego, CA", "Columbus, OH")),
        ("DE", "DE", 0.04, ("Berlin, Germany", "Munich, Germany", "Hamburg, Germany")),
        ("NL", "NL", 0.03, ("Amsterdam, Netherlands", "Rotterdam, Netherlands")),
        ("FR", "FR", 0.03, ("Paris, France", "Lyon, France")),
    ),
    "ru": (("RU", "RU", 1.0, ("Москва", "Санкт-Петербург", "Казань", "Новосибирск", "Екатеринбург",
                                     "Нижний Новгород", "Краснодар", "Самара")),),
    "zh": (("CN", "CN", 1.0, ("上海", "北京", "广州", "深圳", "杭州", "成都", "南京", "苏州", "武汉")),),
}

# Annual base bands (thousands) for GBP; USD and EUR scale from it. RUB and CNY are monthly.
_BANDS = {
    "GBP": {1: (24, 32), 2: (32, 45), 3: (45, 60), 4: (60, 85), 5: (85, 120)},
    "USD": {1: (31, 42), 2: (42, 58), 3: (58, 78), 4: (78, 110), 5: (110, 156)},
    "EUR": {1: (28, 37), 2: (37, 52), 3: (52, 69), 4: (69, 98), 5: (98, 138)},
    "RUB": {1: (55, 85), 2: (90, 140), 3: (140, 200), 4: (200, 300), 5: (300, 450)},
    "CNY": {1: (5, 9), 2: (10, 18), 3: (15, 25), 4: (25, 45), 5: (40, 65)},
}

# --------------------------------------------------------------------------- companies

_EN_CO_A = ("Harbour", "Kestrel", "Ashgrove", "Bramble", "Copperleaf", "Fenwick", "Granite", "Hollin", "Ironside",
            "Juniper", "Larkspur", "Meadow", "Northgate", "Oakridge", "Pennant", "Quayside", "Redbrook", "Saltmarsh",
            "Thistle", "Upland", "Vantage", "Wrenfield", "Yarrow", "Alder", "Beacon", "Cobalt", "Driftwood", "Elmstead",
            "Foxglove", "Goldcrest", "Heathfield", "Inkwell", "Kingsway", "Lanyard", "Marlow", "Netherby", "Orchard",
            "Pinecrest", "Rowan", "Sandpiper", "Starling", "Tidewater", "Wildflower", "Blue Finch", "Cedar Row",
            "Silverline", "Stonechat", "Birchwood", "Whitcombe", "Greystone")
_EN_CO_B = ("Creative", "Media", "PR", "Digital", "Telecom", "Software", "Foods", "Logistics", "Print Group", "Health",
            "Events", "Payments", "Facilities", "Communications", "Partners", "Agency", "Networks", "Brands", "Data",
            "Consulting")
_RU_CO_A = ("Северный", "Южный", "Ладожский", "Кедровый", "Полярный", "Уральский", "Волжский", "Белый", "Синий",
            "Янтарный", "Медный", "Новый", "Первый", "Сибирский", "Звездный")
_RU_CO_B = ("Ветер", "Мост", "Маяк", "Горизонт", "Берег", "Парус", "Квадрат", "Полюс", "Ключ", "Исток")
_RU_CO_C = ("агентство", "Медиа", "Диджитал", "Групп", "Коммуникейшнс", "Промо")
_ZH_CO_A = ("青禾", "云帆", "星桥", "白鹭", "木棉", "竹林", "晨曦", "远山", "流光", "青石", "蓝鲸", "橙果", "晴川",
            "长风", "明湖", "松涛", "银杏", "海燕")
_ZH_CO_B = ("广告", "数字营销", "公关", "传媒", "会展", "科技", "品牌咨询", "营销策划")
_ZH_CO_C = ("有限公司", "集团", "")

# --------------------------------------------------------------------------- English text

_EN_SECTORS = (
    ("a full-service creative agency", "brand and campaign work for consumer clients"),
    ("an independent media agency", "paid search, social and programmatic budgets"),
    ("a consumer PR consultancy", "press office, influencer and launch programmes"),
    ("a business telecoms provider", "connectivity, voice and managed network contracts"),
    ("a B2B software company", "subscription renewals and expansion with mid-market customers"),
    ("a food and drink manufacturer", "listings, promotions and range reviews with grocery retailers"),
    ("a contract logistics firm", "warehousing and distribution contracts for retail brands"),
    ("a print and packaging group", "packaging, point-of-sale and print management"),
    ("a healthcare communications agency", "medical education and launch work for pharma clients"),
    ("an events and experiential agency", "conferences, roadshows and brand experiences"),
    ("a payments technology company", "merchant accounts in retail and hospitality"),
    ("a facilities services group", "cleaning, security and maintenance contracts for corporate sites"),
)

_EN_INTRO = (
    "{company} is {sector} and we are growing. We are looking for {a} {title} to join the team that looks after {work}.",
    "Our client, {sector} based in {city}, needs {a} {title} to take ownership of a portfolio covering {work}.",
    "This is a chance to join {company}, {sector}, as {a} {title}. You will work on {work}.",
    "{company} ({sector}) is hiring {a} {title} for its {city} office. The role centres on {work}.",
    "We are {company}, {sector}. After a run of new client wins we need {a} {title} who enjoys working on {work}.",
    "Join {company} in {city} as {a} {title}. We are {sector} and our clients rely on us for {work}.",
)

_EN_DUTIES = {
    1: (("Client support", "Be the first point of contact for day-to-day client requests and reply the same day."),
        ("Status reports", "Prepare weekly status reports and keep the job tracker current."),
        ("Meeting notes", "Take notes in client meetings and send round the actions within a day."),
        ("Briefing", "Help write briefs for the studio and suppliers and check nothing is missing."),
        ("Admin", "Raise purchase orders, chase approvals and keep shared folders in order."),
        ("Proofing", "Check artwork, decks and reports for errors before they reach the client."),
        ("Scheduling", "Book meetings, shoots and deliveries and tell everyone when plans change."),
        ("Research", "Gather competitor and market information for the wider account team."),
        ("Invoicing", "Support the account manager with estimates, invoices and monthly reconciliations."),
        ("Learning", "Pick up the agency process quickly and ask for feedback on your work.")),
    2: (("Relationship management", "Own the day-to-day relationship with a set of clients and become their trusted contact."),
        ("Account planning", "Build and keep an account plan for each client with clear goals for the year."),
        ("Project delivery", "Run projects from brief to delivery, on time and within budget."),
        ("Upselling", "Spot chances to sell additional services to existing clients."),
        ("Reporting", "Present monthly performance reports and explain what the numbers mean."),
        ("Budget tracking", "Track spend against estimates and flag overruns early."),
        ("Issue resolution", "Resolve service issues quickly and escalate when it is needed."),
        ("Renewals", "Manage renewals so that contracts are signed before they lapse."),
        ("Coordination", "Coordinate designers, planners and operations teams around client needs."),
        ("Coaching", "Guide an account executive and review their work.")),
    3: (("Key account ownership", "Lead the relationship with our largest clients and their senior stakeholders."),
        ("Growth plans", "Write and deliver growth plans that lift revenue from each key account."),
        ("Negotiation", "Negotiate pricing, scope changes and annual contract renewals."),
        ("Forecasting", "Keep an accurate revenue forecast in the CRM and report on it monthly."),
        ("Line management", "Line manage one or two account managers and support their development."),
        ("Business reviews", "Run quarterly business reviews with clients and agree next steps."),
        ("Cross-selling", "Bring specialist teams to clients and build joint proposals."),
        ("Risk", "Find accounts at risk early and put recovery plans in place."),
        ("Process", "Improve the way the team plans, reports and hands over work."),
        ("Pitch support", "Support new business pitches with case studies and client insight.")),
    4: (("Portfolio leadership", "Take full responsibility for a portfolio of accounts, including their P&L."),
        ("Senior stakeholders", "Build relationships with marketing directors and board-level contacts."),
        ("Strategy", "Set the long-term direction of each account with the planning and creative leads."),
        ("Team leadership", "Lead, coach and appraise a team of account managers and executives."),
        ("Revenue growth", "Grow gross margin across the portfolio against an agreed annual target."),
        ("Commercials", "Lead negotiations on retainers, statements of work and rate cards."),
        ("New business", "Take part in pitches, tenders and RFP responses and help win new clients."),
        ("Resourcing", "Plan team resources and agree staffing with the operations director."),
        ("Quality", "Make sure work leaving the building meets the standard clients expect."),
        ("Escalations", "Act as the escalation point for the account team and settle difficult issues.")),
    5: (("Department leadership", "Lead the client services department: several account teams and their directors."),
        ("Business strategy", "Shape the client strategy with the managing director and the board."),
        ("Group P&L", "Own revenue and margin for a group of accounts worth several million a year."),
        ("Talent", "Hire, develop and keep senior client services people and plan succession."),
        ("Executive relationships", "Hold relationships with client CMOs and procurement leads on the largest accounts."),
        ("Governance", "Set pricing policy, approve large proposals and review contract risk."),
        ("Growth agenda", "Lead organic growth and new business targets for the group."),
        ("Standards", "Set standards for account process, reporting and client satisfaction surveys."),
        ("Culture", "Build a culture of openness, ownership and good craft across client services."),
        ("Profile", "Represent the business at industry events and in award entries.")),
}

_EN_REQ = (
    "A degree in business, marketing or a related subject is preferred but not essential.",
    "Confident with Excel, PowerPoint and a CRM such as Salesforce or HubSpot.",
    "Excellent written and spoken English.",
    "A full driving licence for client visits.",
    "Well organised, with a sharp eye for detail.",
    "Able to build rapport quickly with people at every level.",
    "Commercially aware, with a good head for numbers.",
    "Calm under pressure and happy juggling several deadlines.",
)
_EN_BENEFITS = (
    "25 days holiday plus bank holidays", "Pension with 5% employer contribution", "Private medical insurance",
    "Hybrid working, three days in the office", "Annual learning budget", "Cycle to work scheme",
    "Life assurance at four times salary", "Enhanced parental leave", "Early finish on Fridays",
    "Employee assistance programme",
)
_EN_SKILLS = (
    ("Customer Focus", "Understands what clients value and puts their needs at the centre of decisions."),
    ("Negotiating", "Reaches agreements that protect margin and keep the relationship healthy."),
    ("Relationship Management", "Builds long-term working relationships with clients and colleagues."),
    ("Commercial Awareness", "Reads financial information and knows how the account makes money."),
    ("Communication", "Explains ideas clearly in writing, on the phone and in presentations."),
    ("Planning and Organising", "Sets priorities, plans work and keeps many tasks moving at once."),
)
_EN_TIME = {
    1: (("Client correspondence and admin", 30), ("Preparing reports and trackers", 25), ("Supporting project delivery", 25),
        ("Research and learning", 10), ("Team meetings", 10)),
    2: (("Managing client relationships", 35), ("Delivering projects", 25), ("Reporting and analysis", 15),
        ("Growing existing accounts", 15), ("Internal coordination", 10)),
    3: (("Key client relationships", 30), ("Account growth and upselling", 25), ("Negotiation and renewals", 15),
        ("Managing the account team", 20), ("Forecasting and reporting", 10)),
    4: (("Portfolio strategy and planning", 20), ("Senior client relationships", 25), ("Leading the team", 25),
        ("New business and pitches", 15), ("Financial management", 15)),
    5: (("Leading client services directors", 30), ("Group strategy with the board", 20),
        ("Executive client relationships", 20), ("New business leadership", 20), ("Talent and culture", 10)),
}
_EN_EXP = {1: ("1-2 years", "1 year", "6-12 months", "up to 2 years"), 2: ("2-3 years", "2+ years", "3 years", "2-4 years"),
           3: ("4+ years", "4-6 years", "5+ years", "3-5 years"), 4: ("7+ years", "6-8 years", "8+ years", "7-10 years"),
           5: ("10+ years", "12+ years", "15 years", "10-15 years")}

# --------------------------------------------------------------------------- Russian text

_RU_SECTORS = (
    ("рекламное агентство полного цикла", "интегрированные кампании для FMCG-брендов"),
    ("BTL-агентство", "промо-акции, мерчандайзинг и программы лояльности"),
    ("digital-агентство", "контекстную и таргетированную рекламу, SMM"),
    ("разработчик корпоративного ПО", "продление лицензий и развитие корпоративных клиентов"),
    ("логистическая компания", "контракты на складское хранение и доставку"),
    ("производитель продуктов питания", "работу с федеральными торговыми сетями"),
)
_RU_INTRO = (
    "{company} — {sector}. Мы ищем специалиста на позицию «{title}» в офис в городе {city}. В зоне ответственности — проекты, включающие {work}.",
    "В связи с расширением клиентского портфеля {company} ({sector}) открывает вакансию «{title}». Вы будете отвечать за {work}.",
    "Приглашаем в команду {company} кандидата на должность «{title}». Мы {sector}, и клиенты доверяют нам {work}.",
)
_RU_DUTIES = {
    1: ("Ведение переписки с клиентами и подготовка ежедневных отчетов", "Подготовка смет, счетов и закрывающих документов",
        "Помощь аккаунт-менеджеру в запуске проектов", "Ведение протоколов встреч и контроль сроков задач",
        "Сбор информации о конкурентах и рынке", "Координация подрядчиков и доставки материалов",
        "Обновление трекера задач и базы контактов клиента"),
    2: ("Ведение пула клиентов и ежедневная коммуникация с ними", "Запуск и сопровождение проектов от брифа до отчета",
        "Контроль бюджетов и сроков, подготовка смет", "Поиск возможностей для допродаж текущим клиентам",
        "Подготовка ежемесячных отчетов и презентаций для клиента",
        "Взаимодействие с креативным, производственным и финансовым отделами",
        "Наставничество для младших сотрудников отдела"),
    3: ("Управление ключевыми клиентами и развитие отношений с их руководством", "Разработка планов роста выручки по каждому клиенту",
        "Переговоры о стоимости, объеме работ и продлении контрактов", "Руководство группой из двух-трех аккаунт-менеджеров",
        "Прогнозирование выручки и ведение CRM", "Квартальные встречи с клиентами по итогам работы",
        "Подготовка коммерческих предложений совместно с профильными отделами"),
    4: ("Полная ответственность за портфель клиентов и его P&L", "Долгосрочная стратегия работы с каждым клиентом",
        "Руководство командой аккаунт-менеджеров, обучение и оценка", "Участие в тендерах и презентациях для новых клиентов",
        "Переговоры по договорам, ставкам и годовым бюджетам", "Контроль качества работ и разрешение сложных ситуаций",
        "Планирование загрузки команды вместе с производственным директором"),
    5: ("Руководство департаментом клиентского сервиса и аккаунт-директорами",
        "Клиентская стратегия агентства вместе с генеральным директором",
        "Ответственность за выручку и маржинальность группы клиентов", "Подбор, развитие и удержание ключевых сотрудников",
        "Отношения с директорами по маркетингу крупнейших клиентов",
        "Утверждение крупных коммерческих предложений и ценовой политики", "Стандарты клиентского сервиса и оценка удовлетворенности"),
}
_RU_REQ = ("Высшее образование (экономика, маркетинг, менеджмент)", "Уверенный пользователь Excel и PowerPoint",
           "Английский язык не ниже Intermediate", "Грамотная устная и письменная речь",
           "Умение вести переговоры и отстаивать позицию", "Внимательность к деталям и умение работать в режиме многозадачности")
_RU_COND = ("Оформление по ТК РФ с первого дня", "ДМС после испытательного срока", "Гибридный формат работы",
            "Офис в пяти минутах от метро", "Корпоративное обучение и конференции", "Компенсация мобильной связи")
_RU_TIME = {
    1: (("Переписка с клиентами и документы", 35), ("Подготовка отчетов", 25), ("Помощь в проектах", 30), ("Обучение", 10)),
    2: (("Коммуникация с клиентами", 35), ("Ведение проектов", 30), ("Отчетность", 15), ("Допродажи", 20)),
    3: (("Работа с ключевыми клиентами", 35), ("Развитие выручки", 25), ("Управление командой", 25), ("Отчетность и прогнозы", 15)),
    4: (("Стратегия по клиентам", 25), ("Отношения с руководством клиентов", 25), ("Руководство командой", 30), ("Новый бизнес", 20)),
    5: (("Управление департаментом", 35), ("Стратегия агентства", 25), ("Ключевые клиенты", 20), ("Новый бизнес", 20)),
}
_RU_EXP = {1: ("от 1 года", "от 6 месяцев"), 2: ("от 2 лет", "от 2 до 3 лет"), 3: ("от 3 лет", "от 3 до 5 лет"),
           4: ("от 5 лет", "от 6 лет"), 5: ("от 8 лет", "от 10 лет")}

# --------------------------------------------------------------------------- Chinese text

_ZH_SECTORS = (
    ("一家综合性广告公司", "快消品牌的整合营销项目"), ("一家数字营销公司", "社交媒体、电商和效果广告投放"),
    ("一家公关传播公司", "品牌传播、媒体关系和发布会"), ("一家企业软件公司", "企业客户的续约和增购"),
    ("一家活动策划公司", "大型会议、路演和品牌体验活动"), ("一家汽车营销服务公司", "汽车品牌的上市和经销商营销"),
)
_ZH_INTRO = (
    "{company}是{sector}，现因业务发展需要招聘{title}一名，工作地点{city}，主要负责{work}。",
    "我们是{company}，{sector}。{city}团队现招聘{title}，负责{work}相关客户的日常服务和业务拓展。",
    "{company}（{sector}）诚聘{title}，加入{city}客户服务团队，主要负责{work}。",
)
_ZH_DUTIES = {
    1: ("协助客户经理处理客户的日常需求和邮件沟通", "整理会议纪要，跟进各项工作进度", "准备项目报价、合同和结案报告",
        "收集竞品和行业信息，制作周报", "协调设计、媒介和供应商按时交付", "维护客户资料和项目档案"),
    2: ("负责所辖客户的日常维护和沟通，建立良好的合作关系", "理解客户需求，撰写项目方案并推动执行",
        "控制项目预算和进度，确保按时保质交付", "挖掘客户的新需求，推动追加销售", "定期向客户汇报项目效果和数据分析",
        "指导客户执行的日常工作"),
    3: ("负责重点客户的整体关系管理，对接客户中高层", "制定年度客户增长计划并完成业绩指标", "主导报价、合同谈判和续约工作",
        "带领2-3名客户经理，指导其日常工作", "维护销售预测和客户数据，定期复盘", "配合新业务团队参与比稿"),
    4: ("全面负责若干客户的业务和利润（P&L）", "与客户市场总监建立长期战略合作关系", "带领客户服务团队，负责团队的培养和绩效考核",
        "参与新业务比稿和投标，拓展新客户", "把控项目质量，处理重大客户问题", "与创意、策略团队共同制定客户年度规划"),
    5: ("领导客户服务部门，管理多位客户总监", "与总经理共同制定公司的客户战略和年度目标", "对客户群的营收和利润负责",
        "建立和完善客户服务流程和标准", "负责核心人才的招聘、培养和梯队建设", "维护与核心客户高层的关系"),
}
_ZH_REQ = ("本科及以上学历，市场营销、广告、新闻传播等相关专业优先", "良好的沟通能力和抗压能力", "熟练使用Office办公软件",
           "英语可作为工作语言者优先", "有4A广告公司或知名品牌服务经验者优先", "责任心强，具有团队合作精神")
_ZH_BENEFITS = ("五险一金", "带薪年假", "年度体检", "节日福利", "弹性工作", "定期团建", "年终奖", "补充医疗保险")
_ZH_TIME = {
    1: (("客户日常沟通", 40), ("资料整理和报告", 30), ("项目执行支持", 30)),
    2: (("客户维护", 40), ("项目管理", 30), ("数据分析和汇报", 15), ("业务拓展", 15)),
    3: (("重点客户关系", 35), ("业务增长和谈判", 30), ("团队管理", 20), ("预测和复盘", 15)),
    4: (("客户战略规划", 25), ("高层客户关系", 25), ("团队管理", 30), ("新业务拓展", 20)),
    5: (("部门管理", 35), ("公司战略", 25), ("核心客户", 20), ("新业务", 20)),
}
_ZH_EXP = {1: ("1年以上", "应届生或1年以上"), 2: ("2年以上", "3年以上"), 3: ("4年以上", "5年以上"),
           4: ("7年以上", "8年以上"), 5: ("10年以上", "12年以上")}

_NO_PAY = {"en": ("Competitive salary", "Salary: DOE", "Competitive package and benefits", "Salary negotiable"),
           "ru": ("Уровень дохода обсуждается на собеседовании", "Заработная плата по договоренности"),
           "zh": ("薪资面议", "面议")}

# --------------------------------------------------------------------------- precomputed blocks


def _an(word: str) -> str:
    return "an" if word[:1].upper() in "AEIO" else "a"


def _time_variants(pool: dict, lang: str) -> dict[int, tuple[str, ...]]:
    """Per level: time-allocation blocks in several styles, most summing to 100, some to 95 or 105."""
    out = {}
    for level, items in pool.items():
        blocks = []
        for total in (100, 100, 100, 100, 95, 105):
            shares = [s for _, s in items]
            shares[0] += total - 100
            pairs = list(zip((a for a, _ in items), shares))
            if lang == "en":
                blocks.append("Main activities (% of time)\n" + "\n".join(f"- {a}: {s}%" for a, s in pairs))
                blocks.append("How your time is split\n" + "\n".join(f"{s}% {a}" for a, s in pairs))
                blocks.append("Duties and % of time\n" + "\n".join(f"{a} ({s}% of time)" for a, s in pairs))
            elif lang == "ru":
                blocks.append("Распределение рабочего времени:\n" + "\n".join(f"- {a}: {s}%" for a, s in pairs))
                blocks.append("Доля рабочего времени:\n" + "\n".join(f"{s}% — {a}" for a, s in pairs))
            else:
                blocks.append("工作时间分配：\n" + "\n".join(f"- {a}：{s}%" for a, s in pairs))
                blocks.append("时间占比：\n" + "\n".join(f"{a} {s}%" for a, s in pairs))
        out[level] = tuple(blocks)
    return out


def _duty_variants(rng: random.Random, n_variants: int = 48) -> dict[tuple[str, int, str], tuple[str, ...]]:
    """Rendered duty + requirement sections per (language, level, shape)."""
    out: dict[tuple[str, int, str], tuple[str, ...]] = {}
    esc = _html.escape
    for level in range(1, 6):
        for shape in ("plain", "html", "md", "duties", "competency", "header"):
            vs = []
            for _ in range(n_variants):
                duties = rng.sample(_EN_DUTIES[level], 7)
                reqs = rng.sample(_EN_REQ, 4)
                bens = rng.sample(_EN_BENEFITS, 4)
                if shape == "plain":
                    txt = ("Responsibilities\n" + "\n".join(f"- {d}" for _, d in duties)
                           + "\n\nRequirements\n" + "\n".join(f"- {r}" for r in reqs)
                           + "\n\nBenefits\n" + "\n".join(f"- {b}" for b in bens))
                elif shape == "html":
                    txt = ("<p><b>Responsibilities:</b></p>\n<ul>\n" + "\n".join(f"<li>{esc(d)}</li>" for _, d in duties)
                           + "\n</ul>\n<p><b>Requirements:</b></p>\n<ul>\n" + "\n".join(f"<li>{esc(r)}</li>" for r in reqs)
                           + "\n</ul>\n<p><b>Benefits:</b></p>\n<ul>" + "".join(f"<li>{esc(b)}</li>" for b in bens) + "</ul>")
                elif shape == "md":
                    txt = ("## What you'll do\n\n" + "\n".join(f"- **{lab}** – {d}" for lab, d in duties)
                           + "\n\n## About you\n\n" + "\n".join(f"- {r}" for r in reqs)
                           + "\n\n## Benefits\n\n" + "\n".join(f"- {b}" for b in bens))
                elif shape == "duties":
                    txt = ("1. Duties\n" + "\n".join(f"- {lab}: {d}" for lab, d in duties)
                           + "\n\n2. Skills and Experience\n" + "\n".join(f"- {r}" for r in reqs)
                           + "\n\n3. Benefits\n" + "\n".join(f"- {b}" for b in bens))
                elif shape == "competency":
                    skills = rng.sample(_EN_SKILLS, 4)
                    parts = ["Responsibilities"] + [f"- {d}" for _, d in duties[:4]] + ["Skill Descriptors"]
                    for i, (name, desc) in enumerate(skills):
                        lvl = "Extensive Experience" if (i + level) % 2 == 0 or level >= 4 else "Working Knowledge"
                        parts += [f"{name}: {desc}", f"Level {lvl}:"]
                    parts += ["Qualifications"] + [f"- {r}" for r in reqs[:2]]
                    txt = "\n".join(parts)
                else:  # header: one run-on line
                    txt = ("Key responsibilities: " + " ".join(d for _, d in duties[:6])
                           + " About you: " + " ".join(reqs) + " Benefits include " + ", ".join(b.lower() for b in bens) + ".")
                vs.append(txt)
            out[("en", level, shape)] = tuple(vs)
        for lang, duties_pool, req_pool, extra_pool, heads in (
            ("ru", _RU_DUTIES, _RU_REQ, _RU_COND, ("Обязанности", "Требования", "Условия")),
            ("zh", _ZH_DUTIES, _ZH_REQ, _ZH_BENEFITS, ("岗位职责", "任职要求", "福利待遇")),
        ):
            colon = ":" if lang == "ru" else "："
            for shape in ("plain", "html", "md"):
                vs = []
                for _ in range(n_variants):
                    duties = rng.sample(duties_pool[level], 6)
                    reqs = rng.sample(req_pool, 4)
                    extra = rng.sample(extra_pool, 4)
                    if lang == "ru":
                        items = (duties, reqs, extra)
                    else:
                        items = (duties, reqs, ["、".join(extra)])
                    if shape == "html":
                        txt = "\n".join(f"<p><b>{h}{colon}</b></p>\n<ul>\n" + "\n".join(f"<li>{esc(x)}</li>" for x in xs) + "\n</ul>"
                                        for h, xs in zip(heads, items))
                    elif shape == "md":
                        txt = "\n\n".join(f"## {h}\n\n" + "\n".join(f"- {x}" for x in xs) for h, xs in zip(heads, items))
                    else:
                        if lang == "zh":
                            txt = "\n\n".join(f"{h}{colon}\n" + "\n".join(f"{i}. {x}" for i, x in enumerate(xs, 1))
                                              for h, xs in zip(heads, items))
                        else:
                            txt = "\n\n".join(f"{h}{colon}\n" + "\n".join(f"- {x}" for x in xs) for h, xs in zip(heads, items))
                    vs.append(txt)
                out[(lang, level, shape)] = tuple(vs)
    return out


def _companies() -> dict[str, tuple[str, ...]]:
    en = tuple(f"{a} {b}" for a in _EN_CO_A for b in _EN_CO_B)
    ru = tuple(f"{c} «{a} {b}»" if c == "агентство" else f"{a} {b} {c}" for a in _RU_CO_A for b in _RU_CO_B for c in _RU_CO_C)
    zh = tuple(f"{a}{b}{c}" for a in _ZH_CO_A for b in _ZH_CO_B for c in _ZH_CO_C)
    return {"en": en, "ru": ru, "zh": zh}


def _jesc(text: str) -> str:
    """Escape text for a JSON string literal (the pools hold no control characters but newline)."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _time_forms(blocks: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Each time block as plain lines, as an HTML list and flattened onto one line."""
    esc = _html.escape
    as_html = []
    for block in blocks:
        head, _, rest = block.partition("\n")
        as_html.append(f"<p><b>{esc(head)}</b></p>\n<ul>"
                       + "".join(f"<li>{esc(x[2:] if x.startswith('- ') else x)}</li>" for x in rest.split("\n")) + "</ul>")
    return blocks, tuple(as_html), tuple(b.replace("\n", " ") for b in blocks)


_RNG_POOL = random.Random(_POOL_SEED)
_BLOCKS = _duty_variants(_RNG_POOL)
for (_lang, _level, _shape), _vs in list(_BLOCKS.items()):
    if _lang != "en" and _shape == "plain":
        _BLOCKS[(_lang, _level, "header")] = tuple(v.replace("\n", " ") for v in _vs)
# time blocks: _TIME[(lang, level, form)] with form "plain", "html" or "flat"
_TIME: dict[tuple[str, int, str], tuple[str, ...]] = {}
for _lang, _pool in (("en", _EN_TIME), ("ru", _RU_TIME), ("zh", _ZH_TIME)):
    for _level, _blocks in _time_variants(_pool, _lang).items():
        for _form, _vs in zip(("plain", "html", "flat"), _time_forms(_blocks)):
            _TIME[(_lang, _level, _form)] = _vs
# The same tables with every string already JSON-escaped, for the fast path of ``write``.
_BLOCKS_J = {k: tuple(_jesc(v).encode("utf-8") for v in vs) for k, vs in _BLOCKS.items()}
_TIME_J = {k: tuple(_jesc(v).encode("utf-8") for v in vs) for k, vs in _TIME.items()}
_ALL_TEXT = [v for vs in _BLOCKS.values() for v in vs] + [v for vs in _TIME.values() for v in vs]
assert not any(ch < " " and ch != "\n" for v in _ALL_TEXT for ch in set(v)), "pools must hold no control characters"
del _ALL_TEXT


def _runtime_strings() -> list[str]:
    out: list[str] = list(TITLE_LEVEL)
    for per_language in _MARKETS.values():
        for m in per_language:
            out += list(m[3])
    for pool in (_EN_SECTORS, _RU_SECTORS, _ZH_SECTORS):
        out += [x for pair in pool for x in pair]
    out += list(_EN_INTRO) + list(_RU_INTRO) + list(_ZH_INTRO)
    for exps in (_EN_EXP, _RU_EXP, _ZH_EXP):
        out += [x for xs in exps.values() for x in xs]
    out += [x for xs in _NO_PAY.values() for x in xs]
    out += list(_EN_CO_A + _EN_CO_B + _RU_CO_A + _RU_CO_B + _RU_CO_C + _ZH_CO_A + _ZH_CO_B + _ZH_CO_C)
    return out


assert not any(ch < " " or ch in '"\\&<>\'' for v in _runtime_strings() for ch in v), \
    "runtime pools must need no JSON or HTML escaping"
_COMPANIES = _companies()
_START = _dt.date(2026, 5, 1)
_DATES = tuple((_START + _dt.timedelta(days=d)).isoformat() for d in range(200))
_EN_SHAPES = ("header", "html", "html", "md", "plain", "plain", "duties", "competency")
_XX_SHAPES = ("plain", "plain", "html", "md", "header")
_COMPANY_LABEL = {"en": "Company", "ru": "Компания", "zh": "公司"}
_EN_CUT = LANGUAGE_MIX[0][1]
_RU_CUT = LANGUAGE_MIX[0][1] + LANGUAGE_MIX[1][1]

# --------------------------------------------------------------------------- pay


def _grp(n: int) -> str:
    """Russian thousands separator (a space): 120 000."""
    return f"{n:,}".replace(",", " ")


def _pay_text(r, lang: str, ccy: str, market: str, level: int) -> str:
    """One pay statement, drawn from the level band, in a form typical for the market."""
    lo_k, hi_k = _BANDS[ccy][level]
    span = hi_k - lo_k
    lo = lo_k + span * r() * 0.6
    hi = lo + span * (0.12 + r() * 0.3)
    u = r()
    if ccy in ("GBP", "USD"):
        return _pay_gbp_usd(r, u, ccy, lo, hi, level)
    if ccy == "EUR":
        return _pay_eur(r, u, lo, hi)
    if ccy == "RUB":
        return _pay_rub(u, lo, hi)
    return _pay_cny(r, u, lo, max(hi, lo + 1), level)  # CNY, monthly


def _pay_gbp_usd(r, u: float, ccy: str, lo: float, hi: float, level: int) -> str:
    """A pay statement of a UK or US posting (``u`` picks the form)."""
    sym = "£" if ccy == "GBP" else "$"
    a, b = int(lo * 2) * 500, int(hi * 2) * 500  # round to 500
    if u < 0.28:
        return f"{sym}{a:,} - {sym}{b:,} per annum" if ccy == "GBP" else f"{sym}{a:,} - {sym}{b:,} per year"
    if u < 0.40:
        return f"{sym}{a // 1000}k-{sym}{b // 1000}k plus bonus"
    if u < 0.48:
        return f"up to {sym}{b:,}"
    if u < 0.54:
        return f"from {sym}{a:,}"
    if u < 0.64:
        ote = int(a * (1.3 + r() * 0.3)) // 1000 * 1000
        return f"{sym}{a:,} basic, OTE {sym}{ote:,} (uncapped commission)"
    if u < 0.71:
        return f"{sym}{a:,} + {5 + int(r() * 4) * 5}% bonus + car allowance of {sym}{4800 + int(r() * 5) * 300:,}"
    if u < 0.77:
        conv = markets.convention(markets.market_of(ccy))  # the market's annualisation
        hours = conv["hours_per_week"] * conv["weeks_per_year"]
        return f"{sym}{a / hours:.2f} - {sym}{b / hours:.2f} per hour"
    if u < 0.83:
        return f"{sym}{int(a / 12 / 50) * 50:,} per month"
    if u < 0.88:
        weeks = markets.convention(markets.market_of(ccy))["weeks_per_year"]
        return f"{sym}{int(a / weeks / 5) * 5:,} per week"
    if u < 0.94 and level >= 3:
        return f"{sym}{int(a / 240 / 5) * 5} per day"
    if u < 0.97:
        return f"Up to {sym}****k base plus ****k commission"
    return f"{sym}{a:,} - {sym}{b:,} + 10% commission"


def _pay_eur(r, u: float, lo: float, hi: float) -> str:
    """A pay statement of a euro-area posting."""
    a, b = int(lo) * 1000, int(hi) * 1000
    if u < 0.35:
        return f"€{a:,} – €{b:,} gross per year"
    if u < 0.6:
        return f"€{a:,}".replace(",", ".") + " – " + f"€{b:,}".replace(",", ".") + " brutto pro Jahr"
    if u < 0.8:
        return f"€{int(a / 12 / 50) * 50:,} gross per month".replace(",", ".")
    return f"€{a:,} annual gross + {10 + int(r() * 3) * 5}% bonus"


def _pay_rub(u: float, lo: float, hi: float) -> str:
    """A pay statement of a Russian posting."""
    a, b = int(lo) * 1000, int(hi) * 1000
    if u < 0.30:
        return f"от {_grp(a)} до {_grp(b)} руб. до вычета налогов"
    if u < 0.50:
        return f"{int(lo * 0.87)}–{int(hi * 0.87)} тыс. руб. на руки"
    if u < 0.62:
        return f"от {_grp(a)} ₽"
    if u < 0.72:
        return f"до {_grp(b)} ₽ до вычета налогов"
    if u < 0.85:
        return f"оклад {_grp(a)} руб. + квартальная премия до 20%"
    return f"{_grp(a)} – {_grp(b)} ₽ в месяц, на руки"


def _pay_cny(r, u: float, lo: float, hi: float, level: int) -> str:
    """A pay statement of a Chinese posting (monthly pay, in K, 千, 万 or 元)."""
    if u < 0.35:
        return f"{int(lo)}-{int(hi)}K·{13 if r() < 0.7 else 14}薪"
    if u < 0.55:
        return f"月薪{int(lo) * 1000}-{int(hi) * 1000}元"
    if u < 0.70:
        a, b = round(lo / 10, 1), round(hi / 10, 1)
        return (f"{a:g}万-{b:g}万/月" if a >= 1 else f"{int(lo)}千-{b:g}万/月")
    if u < 0.80 and level <= 2:
        return f"{int(lo)}千-{int(hi)}千/月"
    if u < 0.90 and level >= 4:
        return f"年薪{int(lo * 13 / 10)}-{int(hi * 13 / 10)}万"
    return f"{int(lo)}-{int(hi)}K"


def _compose(r, i: int, seed: int, as_json: bool = False):
    """Build posting ``i`` from the random stream ``r`` (a bound ``Random.random``).

    Returns the posting dict, or with ``as_json`` the same posting as one UTF-8 JSON line (bytes
    built from pre-escaped, pre-encoded fragments: several times faster than ``json.dumps``).
    Both paths draw the same random numbers in the same order, so they describe the same posting.
    """
    u = r()
    lang = "en" if u < _EN_CUT else ("ru" if u < _RU_CUT else "zh")
    level = 1 + int(r() * 5)
    choices = _MARKETS[lang]
    if lang == "en":
        u = r()
        acc = 0.0
        market = choices[-1]
        for m in choices:
            acc += m[2]
            if u < acc:
                market = m
                break
    else:
        market = choices[0]
    mname, country, _, cities = market
    ccy = markets.currency_of(country)
    city = cities[int(r() * len(cities))]
    titles = TITLES[lang][level]
    title = titles[int(r() * len(titles))]
    cos = _COMPANIES[lang]
    company = cos[int(r() * len(cos))]
    date = _DATES[int(r() * len(_DATES))]

    u = r()
    if u < 0.08:
        pay = _NO_PAY[lang][int(r() * len(_NO_PAY[lang]))]
        has_pay = False
    else:
        pay = _pay_text(r, lang, ccy, mname, level)
        has_pay = True
    # A third of paid postings carry pay in a separate board field, like a CSV SalaryRaw column.
    salary_raw = pay if has_pay and r() < 0.33 else None
    pay_in_text = salary_raw is None or r() < 0.5

    if lang == "en":
        shape = _EN_SHAPES[int(r() * len(_EN_SHAPES))]
        sector, work = _EN_SECTORS[int(r() * len(_EN_SECTORS))]
        intro = _EN_INTRO[int(r() * len(_EN_INTRO))].format(
            company=company, sector=sector, work=work, city=city.split(",")[0], title=title, a=_an(title))
        exps = _EN_EXP[level]
        exp = f"{exps[int(r() * len(exps))]} of experience in account management or client services."
        exp = exp[0].upper() + exp[1:]
        pay_line = (f"Salary: {pay}" if has_pay else pay) if pay_in_text else ""
    elif lang == "ru":
        shape = _XX_SHAPES[int(r() * len(_XX_SHAPES))]
        sector, work = _RU_SECTORS[int(r() * len(_RU_SECTORS))]
        intro = _RU_INTRO[int(r() * len(_RU_INTRO))].format(
            company=company, sector=sector, work=work, city=city, title=title)
        exps = _RU_EXP[level]
        exp = f"Опыт работы с клиентами {exps[int(r() * len(exps))]}."
        pay_line = (f"Зарплата: {pay}" if has_pay else pay) if pay_in_text else ""
    else:
        shape = _XX_SHAPES[int(r() * len(_XX_SHAPES))]
        sector, work = _ZH_SECTORS[int(r() * len(_ZH_SECTORS))]
        intro = _ZH_INTRO[int(r() * len(_ZH_INTRO))].format(
            company=company, sector=sector, work=work, city=city, title=title)
        exps = _ZH_EXP[level]
        exp = f"{exps[int(r() * len(exps))]}相关工作经验。"
        pay_line = (f"薪资：{pay}" if has_pay else pay) if pay_in_text else ""

    blocks = (_BLOCKS_J if as_json else _BLOCKS)[(lang, level, shape)]
    body = blocks[int(r() * len(blocks))]
    times = _TIME_J if as_json else _TIME
    time_block = b"" if as_json else ""
    if r() < 0.25:
        form = "html" if shape == "html" else ("flat" if shape == "header" else "plain")
        tb = times[(lang, level, form)]
        time_block = tb[int(r() * len(tb))]

    # The description is ``pre + body + mid + time_block + tail``: ``body`` and ``time_block`` are
    # precomputed (and, on the JSON path, pre-escaped and pre-encoded); the rest is built here from
    # pools that are checked at import time to need no JSON or HTML escaping.
    if shape == "html":
        sep = "\\n" if as_json else "\n"
        pre = f"<h2>{title}</h2>{sep}<p><b>{_COMPANY_LABEL[lang]}:</b> {company}</p>{sep}<p>{intro}</p>{sep}"
        mid = f"{sep}<p>{exp}</p>"
        tail = f"{sep}<p>{pay_line}</p>" if pay_line else ""
    else:
        if shape == "header":
            sep = " "
        else:
            sep = "\\n\\n" if as_json else "\n\n"
        pre = (f"# {title}{sep}{intro}{sep}" if shape == "md" else f"{intro}{sep}")
        mid = f"{sep}{exp}"
        tail = f"{sep}{pay_line}" if pay_line else ""
    time_prefix = (sep + "## " if shape == "md" else sep) if time_block else ""

    pid = f"synth-{seed}-{i:08d}"
    if as_json:
        head = (f'{{"id":"{pid}","title":"{title}","company":"{company}","location":"{city}",'
                f'"country":"{country}","language":"{lang}","date_posted":"{date}","description":"{pre}')
        end = '","salary_raw":null}\n' if salary_raw is None else f'","salary_raw":"{salary_raw}"}}\n'
        return b"".join((head.encode(), body, (mid + time_prefix).encode(), time_block, (tail + end).encode()))
    return {
        "id": pid,
        "title": title,
        "company": company,
        "location": city,
        "country": country,
        "language": lang,
        "date_posted": date,
        "description": pre + body + mid + time_prefix + time_block + tail,
        "salary_raw": salary_raw,
    }


def generate(n: int, seed: int = 1) -> Iterator[dict]:
    """Yield ``n`` synthetic postings as flat dicts with the keys in :data:`KEYS`.

    The stream is deterministic: the same ``seed`` yields the same postings in the same order, and
    ``generate(m, seed)`` is a prefix of ``generate(n, seed)`` for ``m < n``. Memory use does not grow
    with ``n``. ``salary_raw`` is ``None`` when the pay, if any, is only in ``description``.
    """
    if n < 0:
        raise ValueError(f"n must be 0 or more, got {n}")
    rng = random.Random(seed)
    r = rng.random
    for i in range(n):
        yield _compose(r, i, seed)


def write(n: int, seed: int, out_dir: str | os.PathLike, shard_size: int = 100_000) -> list[Path]:
    """Write ``n`` postings as JSON Lines shards ``part-00000.jsonl``, ... under ``out_dir``.

    Each shard holds ``shard_size`` postings (the last one the remainder), UTF-8, one JSON object
    per line with keys in :data:`KEYS` order. Each shard is written to a temporary name and renamed
    when complete, so a shard that exists is whole. Shards from an earlier, larger run with a higher
    number are left alone. Returns the shard paths in order.
    """
    if shard_size < 1:
        raise ValueError(f"shard_size must be 1 or more, got {shard_size}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if n < 0:
        raise ValueError(f"n must be 0 or more, got {n}")
    r = random.Random(seed).random
    paths: list[Path] = []
    i = 0
    remaining = n
    shard = 0
    while remaining > 0:
        size = min(shard_size, remaining)
        path = out / f"part-{shard:05d}.jsonl"
        tmp = path.with_name(path.name + ".tmp")
        with open(tmp, "wb") as fh:
            left = size
            while left > 0:
                batch = min(_WRITE_BATCH, left)
                fh.write(b"".join([_compose(r, k, seed, True) for k in range(i, i + batch)]))
                i += batch
                left -= batch
        os.replace(tmp, path)
        paths.append(path)
        remaining -= size
        shard += 1
    return paths


__all__ = ["KEYS", "LANGUAGE_MIX", "TITLES", "TITLE_LEVEL", "generate", "write"]
