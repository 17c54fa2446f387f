"""Demo technology needs, saved searches and welcome notifications, written for the demo SMEs.

The needs are in the SMEs' own words (Chinese, and English for the two English-speaking
contacts) and ask for technologies the demo catalogue holds, so that matching has something to
find. Dates are relative to ``DEMO_TODAY``. Matches and patentee alerts are not stored here:
they follow from the real path once the demo patents are drained into the index.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Final

from sqlmodel import Session, col, select

from marketplace.accounts.models import Organisation, Role, User
from marketplace.demo.world import DEMO_TODAY
from marketplace.errors import N_, Message
from marketplace.needs.models import CooperationMode, Need, SavedSearch
from marketplace.notifications.services import notify

WAN: Final = 10_000 * 100  # 万元 in fen


@dataclass(frozen=True)
class DemoNeed:
    organisation_key: str
    title: str
    description: str
    industry: str
    technical_indicators: str | None
    budget_wan: tuple[int, int] | None  # 万元, low and high
    cooperation_mode: CooperationMode
    valid_days: int
    alert_min_relevance: int | None = None  # saved as an alert when set


@dataclass(frozen=True)
class DemoSavedSearch:
    organisation_key: str
    name: str
    query: str
    filters: dict[str, list[str]]
    min_relevance: int


DEMO_NEEDS: Final[tuple[DemoNeed, ...]] = (
    DemoNeed(
        "sme01", "绿茶杀青工序受热不均，求连续式自动杀青设备",
        "我们是雅安的一家中小茶企，每年春茶季加工鲜叶约300吨。现在用的是老式滚筒杀青机，靠师傅"
        "凭经验看火，叶温忽高忽低，经常出现焦边、爆点和红梗红叶，一锅一锅地做，效率也上不去。"
        "希望找到能自动控制温度、根据叶温和含水率调节加热和转速的连续式杀青设备，最好能接入我们"
        "正在建的数字化车间。",
        "茶叶加工",
        "每小时处理鲜叶不少于300公斤；筒壁温度可控制在200～280℃；杀青叶含水率稳定在58%～62%；"
        "单位能耗比现有设备降低20%以上。",
        (20, 60), CooperationMode.LICENCE, 240, alert_min_relevance=40),
    DemoNeed(
        "sme02", "提高工夫红茶香气和品质一致性的发酵工艺",
        "公司在铜仁有自有茶园，主做工夫红茶。发酵这一步一直靠经验，不同批次香气差别大，苦涩味"
        "偏重，客户反映品质不稳定。想引进控温控湿的发酵或萎凋工艺，参数能直接用在我们现有的"
        "发酵机上。",
        "茶叶加工",
        "发酵温湿度可按阶段设定；批次间感官审评得分差异不超过2分。",
        (10, 30), CooperationMode.TECHNICAL_SERVICE, 180),
    DemoNeed(
        "sme03", "高浓度有机废水厌氧处理装置",
        "我们承接食品厂和酒厂的废水治理工程，进水COD经常在8000 mg/L以上，现有的好氧工艺电耗高、"
        "污泥量大。需要一种占地小、启动快、抗冲击负荷的一体化厌氧反应器，能回收沼气，出水再接"
        "后续好氧处理。",
        "污水处理",
        "COD去除率不低于85%；容积负荷不低于8 kgCOD/(m³·d)；可模块化运输安装。",
        (50, 200), CooperationMode.LICENCE, 300, alert_min_relevance=50),
    DemoNeed(
        "sme04", "适合村镇的小型一体化生活污水处理设备",
        "广西很多村子分散居住，污水管网铺不过去。我们想要一种不用专人看管、运行费用低的小型一体"
        "化设备，处理农村生活污水后能达标排放或用于灌溉。",
        "农村污水治理",
        "单套处理规模5～50吨/天；吨水电耗低于0.3 kWh；出水达到一级B标准。",
        (5, 20), CooperationMode.ANY, 365),
    DemoNeed(
        "sme05", "Accurate state-of-charge estimation for our battery packs",
        "We assemble lithium-ion battery packs for electric two-wheelers and small energy-storage "
        "cabinets. Our battery management system estimates state of charge with simple coulomb "
        "counting, which drifts badly in cold weather and after a few hundred cycles, so riders "
        "see the range jump. We are looking for a state-of-charge and state-of-health estimation "
        "method (Kalman filtering, machine learning or a fused approach) that runs on an "
        "ordinary automotive microcontroller.",
        "New-energy batteries",
        "SOC error within 3 % from -20 °C to 45 °C; runs in under 10 ms per cycle on a "
        "Cortex-M4.",
        (30, 80), CooperationMode.LICENCE, 270, alert_min_relevance=50),
    DemoNeed(
        "sme05", "Thermal management for compact battery packs",
        "Our storage cabinets overheat in summer in Anhui and the cells age unevenly. We need a "
        "liquid-cooling plate or another thermal management design for the battery pack that "
        "keeps cell temperatures even and fits our existing module housings.",
        "New-energy batteries",
        "Maximum cell temperature difference below 5 °C at 1C continuous discharge.",
        None, CooperationMode.JOINT_DEVELOPMENT, 200),
    DemoNeed(
        "sme06", "废旧锂电池正极材料中锂、钴、镍的高效回收工艺",
        "公司做废旧动力电池的拆解和材料再生，目前湿法浸出用酸量大、锂的回收率偏低，废水处理压力"
        "大。希望找到一种回收率高、试剂消耗少的锂钴镍回收方法，最好能在现有萃取线上改造。",
        "电池材料与回收",
        "锂回收率不低于90%；钴、镍回收率不低于98%。",
        (100, 300), CooperationMode.TRANSFER, 365),
    DemoNeed(
        "sme07", "玉米精量播种机的排种器改进",
        "我们生产中小型播种机，用户反映高速作业时漏播、重播多，株距不均匀。想找一种气吸式或"
        "机械式精量排种技术，能在每小时10公里以上的作业速度下保持播种质量。",
        "农业机械",
        "作业速度不低于10 km/h时合格指数不低于90%，漏播指数不高于5%。",
        (20, 50), CooperationMode.LICENCE, 200),
    DemoNeed(
        "sme09", "Wearable monitor of vital signs for home care",
        "We make devices for elderly people living alone. We want a wearable or contactless "
        "device that monitors heart rate, respiration and falls, and sends alarms to family "
        "members and the community clinic through the mobile network.",
        "Medical devices",
        "Battery life of at least 7 days; heart-rate error within ±3 bpm.",
        (50, 150), CooperationMode.LICENCE, 300),
    DemoNeed(
        "sme11", "焊接机器人的焊缝自动跟踪",
        "我们为工程机械厂做焊接工作站，工件装夹误差大，示教编程费时。需要基于视觉或激光的焊缝"
        "跟踪技术，让机器人在焊接过程中自动纠偏。",
        "智能制造",
        "跟踪精度±0.3 mm以内；适用于角焊缝和对接焊缝。",
        (30, 100), CooperationMode.LICENCE, 240),
    DemoNeed(
        "sme13", "低糖高纤维的杂粮方便食品配方和工艺",
        "公司做杂粮冲调食品，想开发低糖、高膳食纤维、口感好的新产品，需要成熟的配方和制备工艺，"
        "能在现有挤压膨化生产线上生产。",
        "食品加工",
        None,
        (10, 40), CooperationMode.ANY, 180),
    DemoNeed(
        "sme15", "涤纶面料的无氟防水整理",
        "出口客户要求面料不含全氟化合物，但仍要达到防水和耐洗要求。我们需要一种环保的无氟防水"
        "整理方法，适用于涤纶及其混纺面料，能在现有定型机上生产。",
        "纺织印染",
        "初始防水等级不低于4级，洗涤20次后不低于3级。",
        (20, 60), CooperationMode.LICENCE, 270),
    DemoNeed(
        "sme18", "装配式混凝土结构的梁柱连接节点",
        "我们在西安做装配式住宅和厂房，现场灌浆连接施工慢、质量难检查。想找一种施工方便、抗震"
        "性能好的预制梁柱连接节点或干式连接技术。",
        "建材与装配式建筑",
        "满足8度抗震设防要求；单个节点现场安装时间不超过30分钟。",
        (40, 120), CooperationMode.LICENCE, 365),
    DemoNeed(
        "sme20", "超低温环境下稳定运行的空气源热泵",
        "哈尔滨冬天最低气温零下30多度，普通空气源热泵制热量衰减严重、结霜多。我们需要能在超"
        "低温环境下稳定供暖的热泵机组技术，用于农村清洁取暖改造。",
        "清洁供暖",
        "环境温度-30℃时制热COP不低于1.8；除霜时间占比不超过10%。",
        (30, 100), CooperationMode.LICENCE, 300),
)

DEMO_SAVED_SEARCHES: Final[tuple[DemoSavedSearch, ...]] = (
    DemoSavedSearch("sme03", "膜生物反应器", "膜生物反应器 MBR 污水", {}, 50),
    DemoSavedSearch("sme05", "Battery cells, invention patents", "lithium battery electrolyte",
                    {"kind": ["invention"]}, 40),
    DemoSavedSearch("sme19", "生物防治菌剂", "生防菌 病害 防治", {}, 50),
)

_SME_WELCOME: Final = N_("Welcome to Kaifang. Post a technology need in your own words: we show "
                         "you the patents that match it and why, and tell you when a new open "
                         "licence matches it.")
_PATENTEE_WELCOME: Final = N_("Welcome to Kaifang. Each of your patents' pages lists the "
                              "technology needs of enterprises that it matches.")


def seed_needs(session: Session, organisations: dict[str, Organisation]) -> dict[str, int]:
    """Add the demo needs, alerts and welcome notifications; return how many of each."""
    authors = _first_users(session, organisations)
    needs = 0
    for demo in DEMO_NEEDS:
        organisation = organisations[demo.organisation_key]
        author = authors[demo.organisation_key]
        assert organisation.id is not None and author.id is not None
        low, high = demo.budget_wan or (None, None)
        need = Need(
            organisation_id=organisation.id, author_id=author.id, title=demo.title,
            description=demo.description, industry=demo.industry,
            technical_indicators=demo.technical_indicators,
            budget_min_fen=low * WAN if low is not None else None,
            budget_max_fen=high * WAN if high is not None else None,
            region=organisation.region, cooperation_mode=demo.cooperation_mode,
            valid_until=DEMO_TODAY + timedelta(days=demo.valid_days))
        session.add(need)
        session.flush()
        needs += 1
        if demo.alert_min_relevance is not None:
            session.add(SavedSearch(organisation_id=organisation.id, created_by=author.id,
                                    name=demo.title, need_id=need.id,
                                    min_relevance=demo.alert_min_relevance))
    for saved in DEMO_SAVED_SEARCHES:
        organisation = organisations[saved.organisation_key]
        author = authors[saved.organisation_key]
        assert organisation.id is not None and author.id is not None
        session.add(SavedSearch(organisation_id=organisation.id, created_by=author.id,
                                name=saved.name, query=saved.query, filters=saved.filters,
                                min_relevance=saved.min_relevance))
    welcomed = 0
    for user in authors.values():
        if user.role in (Role.SME, Role.PATENTEE):
            sme = user.role is Role.SME
            notify(session, user, "demo.welcome", Message(_SME_WELCOME if sme
                                                          else _PATENTEE_WELCOME),
                   link="/needs/new" if sme else "/portfolio", email=False)
            welcomed += 1
    session.flush()
    return {"needs": needs, "saved_searches": len(DEMO_SAVED_SEARCHES)
            + sum(1 for d in DEMO_NEEDS if d.alert_min_relevance is not None),
            "notifications": welcomed}


def _first_users(session: Session, organisations: dict[str, Organisation]) -> dict[str, User]:
    users: dict[str, User] = {}
    by_id = {org.id: key for key, org in organisations.items()}
    for user in session.exec(select(User).order_by(col(User.id))):
        key = by_id.get(user.organisation_id)
        if key is not None and key not in users:
            users[key] = user
    return users
