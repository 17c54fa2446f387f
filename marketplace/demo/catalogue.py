"""Hand-written content of the demo world: organisations, their contacts, technology templates.

Everything here is invented for the demo. The organisations are fictional; their unified social
credit codes are made up but carry correct check characters (GB 11714 for the embedded
organisation code, GB 32100-2015 for the 18th character), so they pass the platform's validation.

A `TechTemplate` describes one field of technology: IPC codes (or a Locarno class for designs),
which patentees plausibly hold such patents, and Chinese (optionally English) patterns for the
title, abstract and first claim. Patterns use `str.format` slots:

- named slots from `slots` (each a tuple of choices: a Chinese string, or a `(zh, en)` pair in
  templates that have English patterns) and from `numbers` (inclusive integer ranges);
- slots filled by the generator: `{subject}` (本发明 / 本实用新型 / 本外观设计), `{title}`, and in
  English patterns also `{Subject}`, `{title_lc}`, `{a_title}` and `{A_title}` (title with article).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, Literal, TypeAlias

PatentKind: TypeAlias = Literal["invention", "utility_model", "design"]
OrgKind: TypeAlias = Literal[
    "university", "research_institute", "enterprise", "mediation_body", "authority"
]
Role: TypeAlias = Literal["patentee", "sme", "mediator", "office"]
# A slot value: Chinese only, or a (Chinese, English) pair.
Choice: TypeAlias = str | tuple[str, str]

DEMO_EMAIL_DOMAIN: Final = "demo.kaifang.cn"

# --------------------------------------------------------------------------------------------
# Unified social credit codes
# --------------------------------------------------------------------------------------------

_USCC_CHARSET: Final = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS: Final = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_CODE_WEIGHTS: Final = (3, 7, 9, 10, 5, 8, 4, 2)


def _org_code_check(body: str) -> str:
    """GB 11714-1997 check character of an 8-character organisation code body."""
    total = sum(
        (int(ch) if ch.isdigit() else ord(ch) - ord("A") + 10) * weight
        for ch, weight in zip(body, _ORG_CODE_WEIGHTS, strict=True)
    )
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def _uscc_check(base: str) -> str:
    """GB 32100-2015 check character of a 17-character unified social credit code base."""
    total = sum(
        _USCC_CHARSET.index(ch) * weight for ch, weight in zip(base, _USCC_WEIGHTS, strict=True)
    )
    check = 31 - total % 31
    return _USCC_CHARSET[0 if check == 31 else check]


def _uscc(registration: str, org_body: str) -> str:
    """A full code from the registration part (authority, type, 6-digit area) and an org body.

    `registration` is e.g. "12" (机构编制, 事业单位) or "91" (市场监管, 企业) followed by the
    registering area's GB/T 2260 code; `org_body` the first 8 characters of the organisation
    code, whose 9th character is computed.
    """
    if len(registration) != 8 or len(org_body) != 8:
        raise ValueError("registration and org_body must have 8 characters each")
    base = registration + org_body + _org_code_check(org_body)
    if any(ch not in _USCC_CHARSET for ch in base):
        raise ValueError(f"character outside the USCC charset in {base!r}")
    return base + _uscc_check(base)


# --------------------------------------------------------------------------------------------
# Organisations and their contacts
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactSpec:
    email: str
    display_name: str
    role: Role
    locale: str = "zh"


@dataclass(frozen=True)
class OrgSpec:
    key: str
    name: str
    name_en: str
    kind: OrgKind
    uscc: str
    region: str  # GB/T 2260 province-level code
    city: str
    contacts: tuple[ContactSpec, ...]
    fee_reduction_eligible: bool = False
    fee_reduction_basis: str | None = None
    industry: str | None = None
    industry_en: str | None = None


def _mail(local: str) -> str:
    return f"{local}@{DEMO_EMAIL_DOMAIN}"


_PUBLIC_INSTITUTION: Final = "事业单位"
_SMALL_ENTERPRISE: Final = "小型微利企业（上年度应纳税所得额低于100万元）"

# The seven patentees: five universities / research institutes and two companies. Their order
# fixes the demo logins patentee1 … patentee7.
PATENTEES: Final[tuple[OrgSpec, ...]] = (
    OrgSpec(
        key="dhut",
        name="东海理工大学",
        name_en="Donghai University of Technology",
        kind="university",
        uscc=_uscc("12310000", "42502781"),
        region="310000",
        city="上海",
        contacts=(ContactSpec(_mail("patentee1"), "张明远", "patentee"),),
        fee_reduction_eligible=True,
        fee_reduction_basis=_PUBLIC_INSTITUTION,
    ),
    OrgSpec(
        key="swaust",
        name="西南农业科技大学",
        name_en="Southwest University of Agricultural Science and Technology",
        kind="university",
        uscc=_uscc("12510000", "45071936"),
        region="510000",
        city="成都",
        contacts=(ContactSpec(_mail("patentee2"), "李秋禾", "patentee"),),
        fee_reduction_eligible=True,
        fee_reduction_basis=_PUBLIC_INSTITUTION,
    ),
    OrgSpec(
        key="prut",
        name="珠江理工大学",
        name_en="Pearl River University of Technology",
        kind="university",
        uscc=_uscc("12440000", "45588213"),
        region="440000",
        city="广州",
        contacts=(ContactSpec(_mail("patentee3"), "黄志恒", "patentee", locale="en"),),
        fee_reduction_eligible=True,
        fee_reduction_basis=_PUBLIC_INSTITUTION,
    ),
    OrgSpec(
        key="ctiee",
        name="楚天环境工程研究院",
        name_en="Chutian Institute of Environmental Engineering",
        kind="research_institute",
        uscc=_uscc("12420000", "44162057"),
        region="420000",
        city="武汉",
        contacts=(ContactSpec(_mail("patentee4"), "刘清源", "patentee"),),
        fee_reduction_eligible=True,
        fee_reduction_basis=_PUBLIC_INSTITUTION,
    ),
    OrgSpec(
        key="lhiam",
        name="辽海先进材料研究所",
        name_en="Liaohai Institute of Advanced Materials",
        kind="research_institute",
        uscc=_uscc("12210000", "40087324"),
        region="210000",
        city="沈阳",
        contacts=(ContactSpec(_mail("patentee5"), "王铁军", "patentee"),),
        fee_reduction_eligible=True,
        fee_reduction_basis=_PUBLIC_INSTITUTION,
    ),
    OrgSpec(
        key="minjiang",
        name="闽江储能科技股份有限公司",
        name_en="Minjiang Energy Storage Technology Co., Ltd.",
        kind="enterprise",
        uscc=_uscc("91350100", "68507231"),
        region="350000",
        city="福州",
        contacts=(ContactSpec(_mail("patentee6"), "郑海峰", "patentee"),),
        industry="新能源电池与储能",
        industry_en="Batteries and energy storage",
    ),
    OrgSpec(
        key="sujin",
        name="苏锦智能装备有限公司",
        name_en="Sujin Intelligent Equipment Co., Ltd.",
        kind="enterprise",
        uscc=_uscc("91320506", "MA1MQ7D3"),
        region="320000",
        city="苏州",
        contacts=(ContactSpec(_mail("patentee7"), "顾晓岚", "patentee"),),
        fee_reduction_eligible=True,
        fee_reduction_basis=_SMALL_ENTERPRISE,
        industry="智能制造装备",
        industry_en="Intelligent manufacturing equipment",
    ),
)


def _sme(
    number: int,
    name: str,
    name_en: str,
    area: str,
    org_body: str,
    region: str,
    city: str,
    industry: tuple[str, str],
    contact: str,
    *,
    eligible: bool,
    locale: str = "zh",
) -> OrgSpec:
    return OrgSpec(
        key=f"sme{number:02d}",
        name=name,
        name_en=name_en,
        kind="enterprise",
        uscc=_uscc("91" + area, org_body),
        region=region,
        city=city,
        contacts=(ContactSpec(_mail(f"sme{number}"), contact, "sme", locale=locale),),
        fee_reduction_eligible=eligible,
        fee_reduction_basis=_SMALL_ENTERPRISE if eligible else None,
        industry=industry[0],
        industry_en=industry[1],
    )


_TEA = ("茶叶加工", "Tea processing")
_WATER = ("污水处理", "Wastewater treatment")
_BATTERY = ("新能源电池", "New-energy batteries")
_AGRI_MACHINERY = ("农业机械", "Agricultural machinery")
_MEDICAL = ("医疗器械", "Medical devices")
_SMART_MFG = ("智能制造", "Smart manufacturing")
_FOOD = ("食品加工", "Food processing")
_TEXTILE = ("纺织印染", "Textiles and dyeing")
_BUILDING = ("建材与装配式建筑", "Building materials and prefabricated construction")

# Twenty small and medium enterprises across regions and industries: sme1 … sme20.
SMES: Final[tuple[OrgSpec, ...]] = (
    _sme(1, "雅安青岚茶业有限公司", "Ya'an Qinglan Tea Co., Ltd.",
         "511803", "MA62T8KU", "510000", "雅安", _TEA, "杨晓梅", eligible=True),
    _sme(2, "贵州梵岭茶业有限公司", "Guizhou Fanling Tea Co., Ltd.",
         "520603", "MA6DKR41", "520000", "铜仁", _TEA, "吴承泽", eligible=True),
    _sme(3, "常州清源水务工程有限公司", "Changzhou Qingyuan Water Engineering Co., Ltd.",
         "320411", "75143928", "320000", "常州", _WATER, "周立诚", eligible=False),
    _sme(4, "南宁绿源环保科技有限公司", "Nanning Lvyuan Environmental Technology Co., Ltd.",
         "450103", "MA5L2HJ9", "450000", "南宁", ("农村污水治理", "Rural wastewater treatment"),
         "韦光明", eligible=True),
    _sme(5, "合肥锂航新能源科技有限公司", "Hefei Lihang New Energy Technology Co., Ltd.",
         "340111", "MA2TG6P0", "340000", "合肥", _BATTERY, "许文博", eligible=False,
         locale="en"),
    _sme(6, "赣州锐锂材料科技有限公司", "Ganzhou Ruili Materials Technology Co., Ltd.",
         "360703", "MA39BW5E", "360000", "赣州",
         ("电池材料与回收", "Battery materials and recycling"), "钟永辉", eligible=True),
    _sme(7, "潍坊沃野农业机械有限公司", "Weifang Woye Agricultural Machinery Co., Ltd.",
         "370786", "69381045", "370000", "潍坊", _AGRI_MACHINERY, "孙德厚", eligible=True),
    _sme(8, "洛阳金穗农机装备有限公司", "Luoyang Jinsui Agricultural Equipment Co., Ltd.",
         "410311", "MA44N7CX", "410000", "洛阳", _AGRI_MACHINERY, "马俊峰", eligible=True),
    _sme(9, "深圳安澜医疗器械有限公司", "Shenzhen Anlan Medical Devices Co., Ltd.",
         "440305", "MA5F3Q8R", "440000", "深圳", _MEDICAL, "陈思远", eligible=False,
         locale="en"),
    _sme(10, "长沙普济医疗科技有限公司", "Changsha Puji Medical Technology Co., Ltd.",
         "430104", "MA4R1K2Y", "430000", "长沙", ("康复医疗器械", "Rehabilitation devices"),
         "谭丽君", eligible=True),
    _sme(11, "宁波敏锐智能装备有限公司", "Ningbo Minrui Intelligent Equipment Co., Ltd.",
         "330212", "MA2GP5L6", "330000", "宁波", _SMART_MFG, "应佳辉", eligible=True),
    _sme(12, "东莞联创精密机械有限公司", "Dongguan Lianchuang Precision Machinery Co., Ltd.",
         "441900", "77308512", "440000", "东莞", ("精密加工", "Precision machining"),
         "叶国栋", eligible=False),
    _sme(13, "漯河禾香食品有限公司", "Luohe Hexiang Foods Co., Ltd.",
         "411102", "MA3X7Y0B", "410000", "漯河", _FOOD, "赵春燕", eligible=True),
    _sme(14, "重庆味源食品科技有限公司", "Chongqing Weiyuan Food Technology Co., Ltd.",
         "500113", "MA5UBC37", "500000", "重庆", _FOOD, "冉小川", eligible=True),
    _sme(15, "绍兴越锦纺织印染有限公司", "Shaoxing Yuejin Textile Printing and Dyeing Co., Ltd.",
         "330603", "14582096", "330000", "绍兴", _TEXTILE, "沈建华", eligible=False),
    _sme(16, "南通蓝海家纺有限公司", "Nantong Lanhai Home Textiles Co., Ltd.",
         "320612", "MA1PRE44", "320000", "南通", ("家用纺织品", "Home textiles"),
         "曹雅琴", eligible=True),
    _sme(17, "唐山燕石新型建材有限公司", "Tangshan Yanshi New Building Materials Co., Ltd.",
         "130203", "MA0D8LT2", "130000", "唐山", _BUILDING, "高振宇", eligible=True),
    _sme(18, "西安秦筑装配式建筑科技有限公司", "Xi'an Qinzhu Prefabricated Building Technology Co., Ltd.",
         "610116", "MA6WH9N5", "610000", "西安", _BUILDING, "雷鸣", eligible=True),
    _sme(19, "昆明滇绿生物科技有限公司", "Kunming Dianlv Biotechnology Co., Ltd.",
         "530114", "MA6P0A1D", "530000", "昆明",
         ("生物农药与微生物肥料", "Bio-pesticides and microbial fertilisers"), "段丽萍",
         eligible=True),
    _sme(20, "哈尔滨北辰热能设备有限公司", "Harbin Beichen Thermal Equipment Co., Ltd.",
         "230109", "MA1BQ3JX", "230000", "哈尔滨", ("清洁供暖", "Clean heating"),
         "于海涛", eligible=True),
)

MEDIATION_BODY: Final = OrgSpec(
    key="mediation",
    name="华夏知识产权纠纷调解中心",
    name_en="Huaxia Intellectual Property Dispute Mediation Centre",
    kind="mediation_body",
    uscc=_uscc("52110105", "MJ0K3917"),
    region="110000",
    city="北京",
    contacts=(
        ContactSpec(_mail("mediator1"), "宋启明", "mediator"),
        ContactSpec(_mail("mediator2"), "林若溪", "mediator"),
    ),
)

OFFICE: Final = OrgSpec(
    key="office",
    name="专利开放许可运营服务中心",
    name_en="Patent Open Licence Operations Centre",
    kind="authority",
    uscc=_uscc("12100000", "40001834"),
    region="110000",
    city="北京",
    contacts=(
        ContactSpec(_mail("office1"), "陈立华", "office"),
        ContactSpec(_mail("office2"), "赵书宁", "office", locale="en"),
    ),
)

ALL_ORGANISATIONS: Final[tuple[OrgSpec, ...]] = (*PATENTEES, *SMES, MEDIATION_BODY, OFFICE)

# Outside parties that appear on the register but have no account on the platform.
EXTERNAL_CO_OWNERS: Final[tuple[str, ...]] = (
    "川西农业技术推广中心",
    "江城市第三人民医院",
    "华越电力科学研究院有限公司",
    "北湖生态环境监测站",
)
PLEDGEES: Final[tuple[str, ...]] = (
    "锦江农村商业银行股份有限公司",
    "浦江科技融资担保有限公司",
    "东湖科技支行（江城商业银行股份有限公司）",
    "闽海银行股份有限公司福州分行",
)
SUSPENSION_CLAIMANTS: Final[tuple[str, ...]] = (
    "江城市恒达科技有限公司",
    "沪南精工机械有限公司",
)
# Court abbreviations used in the case numbers of preservation orders, by province code.
COURT_CODES: Final[Mapping[str, str]] = {
    "310000": "沪73",
    "510000": "川01",
    "440000": "粤73",
    "420000": "鄂01",
    "210000": "辽01",
    "350000": "闽01",
    "320000": "苏05",
}

# --------------------------------------------------------------------------------------------
# Technology templates
# --------------------------------------------------------------------------------------------

INV: Final[tuple[PatentKind, ...]] = ("invention",)
INV_UM: Final[tuple[PatentKind, ...]] = ("invention", "utility_model")
UM: Final[tuple[PatentKind, ...]] = ("utility_model",)
DES: Final[tuple[PatentKind, ...]] = ("design",)


@dataclass(frozen=True, eq=False)
class TechTemplate:
    key: str
    owners: tuple[str, ...]  # patentee keys, the most likely holder first
    kinds: tuple[PatentKind, ...]
    ipc_codes: tuple[str, ...]  # main code first; empty for designs
    locarno_class: str | None
    title: str
    abstract: str
    claim: str
    slots: Mapping[str, tuple[Choice, ...]]
    application_fields: tuple[Choice, ...]
    target_products: tuple[Choice, ...]
    numbers: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    title_en: str | None = None
    abstract_en: str | None = None
    claim_en: str | None = None

    @property
    def bilingual(self) -> bool:
        return self.title_en is not None


TEMPLATES_A: Final[tuple[TechTemplate, ...]] = (
    # ---------------------------------------------------------------- A: agriculture, food
    TechTemplate(
        key="tea_machine",
        owners=("swaust", "sujin"),
        kinds=INV_UM,
        ipc_codes=("A23F 3/06", "A23F 3/12", "G05B 19/418"),
        locarno_class=None,
        title="一种{basis}{tea}{machine}",
        abstract=(
            "{subject}公开了一种{basis}{tea}{machine}，包括机架、设置于机架上的{body}、驱动{body}"
            "转动的调速电机以及{heater}。{body}内壁设有{guide}，出料端设有温湿度传感器，控制器根据"
            "检测到的叶温和含水率实时调节加热功率与转速，使器壁温度稳定在{t1}～{t2}℃。{subject}"
            "解决了现有设备受热不均、焦边爆点和红梗红叶的问题，出叶含水率稳定在{w1}%左右，适合"
            "中小茶企连续化生产。"
        ),
        claim=(
            "1.一种{basis}{tea}{machine}，包括机架(1)，其特征在于：所述机架(1)上设置有{body}(2)"
            "和驱动所述{body}(2)转动的调速电机(3)，所述{body}(2)外侧设置有{heater}(4)，所述"
            "{body}(2)内壁固定有{guide}(5)；所述{body}(2)的出料端设置有温湿度传感器(6)，所述"
            "温湿度传感器(6)与控制器(7)电连接，所述控制器(7)根据检测结果调节所述{heater}(4)的"
            "加热功率和所述调速电机(3)的转速。"
        ),
        slots={
            "basis": (
                ("基于物联网的", "IoT-based"),
                ("智能温控型", "temperature-controlled"),
                ("电磁加热式", "electromagnetically heated"),
                ("节能型连续式", "energy-saving continuous"),
                ("微波辅助", "microwave-assisted"),
                ("多段控温", "multi-zone temperature-controlled"),
                ("余热回收式", "waste-heat-recovering"),
            ),
            "tea": (
                ("名优绿茶", "premium green tea"),
                ("扁形茶", "flat green tea"),
                ("卷曲形绿茶", "curled green tea"),
                ("藏茶", "Tibetan dark tea"),
                ("黑茶", "dark tea"),
                ("白茶", "white tea"),
            ),
            "machine": (
                ("滚筒杀青机", "drum fixing machine"),
                ("杀青装置", "fixing device"),
                ("揉捻机", "rolling machine"),
                ("理条机", "strip-shaping machine"),
                ("烘干提香装置", "drying and aroma-enhancing device"),
                ("摊青冷却装置", "spreading and cooling device"),
            ),
            "body": (
                ("加工滚筒", "processing drum"),
                ("加工锅槽", "processing trough"),
                ("网带输送室", "mesh-belt chamber"),
            ),
            "heater": (
                ("电磁加热线圈", "electromagnetic heating coil"),
                ("热风循环系统", "hot-air circulation system"),
                ("微波发生器", "microwave generator"),
                ("燃气加热腔", "gas-fired heating chamber"),
                ("远红外加热管", "far-infrared heating tube"),
            ),
            "guide": (
                ("螺旋导叶板", "spiral guide vanes"),
                ("交错抄板", "staggered lifting plates"),
                ("导流筋条", "flow-guiding ribs"),
            ),
        },
        numbers={"t1": (180, 220), "t2": (240, 300), "w1": (55, 62)},
        application_fields=(
            ("茶叶加工", "Tea processing"),
            ("农产品初加工", "Primary processing of agricultural products"),
            ("智慧农业", "Smart agriculture"),
        ),
        target_products=(
            ("茶叶杀青机", "Tea fixing machines"),
            ("茶叶连续化生产线", "Continuous tea production lines"),
            ("茶叶加工控制系统", "Tea-processing control systems"),
        ),
        title_en="{basis} {machine} for {tea}",
        abstract_en=(
            "{Subject} discloses {a_title}, comprising a frame, a {body} mounted on the frame, a "
            "variable-speed motor driving the {body} and a {heater}. The inner wall of the {body} "
            "carries {guide}, and a temperature and humidity sensor at the outlet lets a "
            "controller adjust heating power and rotation speed in real time, keeping the wall "
            "temperature between {t1} and {t2} °C. Uneven heating, scorched edges and reddened "
            "stalks are avoided, and the moisture content of the processed leaves stays at about "
            "{w1} %, which suits continuous production in small tea factories."
        ),
        claim_en=(
            "1. {A_title}, comprising a frame (1), characterised in that a {body} (2) and a "
            "variable-speed motor (3) driving the {body} (2) are arranged on the frame (1); a "
            "{heater} (4) is arranged outside the {body} (2) and {guide} (5) are fixed on its "
            "inner wall; a temperature and humidity sensor (6) at the outlet end of the {body} (2) "
            "is electrically connected to a controller (7), which adjusts the heating power of the "
            "{heater} (4) and the speed of the motor (3) according to the measured values."
        ),
    ),
    TechTemplate(
        key="tea_process",
        owners=("swaust",),
        kinds=INV,
        ipc_codes=("A23F 3/08", "A23F 3/14", "A23F 3/06"),
        locarno_class=None,
        title="一种{feature}{tea}的{process}加工方法",
        abstract=(
            "{subject}公开了一种{feature}{tea}的{process}加工方法，依次包括鲜叶摊放、{process}、"
            "揉捻或做形、干燥和提香等步骤。其中{process}阶段将环境温度控制在{t1}～{t2}℃、相对湿度"
            "控制在{h1}%以上，持续{m1}～{m2}小时，并按叶温变化分段调整通风量。与传统工艺相比，成品茶"
            "{quality}，批次间品质一致性明显提高，工艺参数可直接移植到中小茶企的现有设备上。"
        ),
        claim=(
            "1.一种{feature}{tea}的{process}加工方法，其特征在于，包括以下步骤：S1，将采摘的鲜叶"
            "摊放至含水率为{w1}%～{w2}%；S2，对摊放叶进行{process}处理，处理温度为{t1}～{t2}℃，"
            "相对湿度不低于{h1}%，处理时间为{m1}～{m2}小时；S3，对步骤S2所得茶叶进行揉捻或做形；"
            "S4，将步骤S3所得茶叶分段干燥至含水率不高于6%，得到成品茶。"
        ),
        slots={
            "feature": ("高香型", "低苦涩", "富含γ-氨基丁酸的", "高茶黄素", "低咖啡因", "花香型"),
            "tea": ("工夫红茶", "藏茶", "乌龙茶", "黄茶", "茯砖茶", "白茶"),
            "process": ("控温控湿发酵", "多段萎凋", "冷热交替做青", "微生物接种渥堆", "低温慢烘"),
            "quality": (
                "香气高锐持久、滋味醇厚回甘",
                "苦涩味明显降低、汤色红亮",
                "花果香显著、叶底匀整",
                "陈香纯正、汤色橙黄透亮",
                "鲜爽度提高、碎茶率降低",
            ),
        },
        numbers={
            "t1": (22, 26), "t2": (28, 32), "h1": (85, 95), "m1": (2, 4), "m2": (5, 8),
            "w1": (60, 64), "w2": (66, 70),
        },
        application_fields=("茶叶加工", "特色茶产品开发", "茶旅融合与品牌茶"),
        target_products=("工夫红茶", "黑茶与藏茶", "功能性茶产品"),
    ),
    TechTemplate(
        key="tea_extract",
        owners=("swaust", "dhut"),
        kinds=INV,
        ipc_codes=("A23F 3/16", "A61K 36/82", "B01D 15/08"),
        locarno_class=None,
        title="一种从{source}中{method}{target}的方法",
        abstract=(
            "{subject}公开了一种从{source}中{method}{target}的方法，包括原料粉碎、{method}、浓缩、"
            "纯化和干燥步骤。以{solvent}为提取溶剂，料液比为1∶{r1}，在{t1}℃下处理{m1}分钟，提取液经"
            "{purify}后浓缩、喷雾干燥，得到{target}产品，纯度可达{p1}%以上。{subject}提高了低值茶"
            "资源的综合利用率，溶剂可循环使用，适合工业化生产。"
        ),
        claim=(
            "1.一种从{source}中{method}{target}的方法，其特征在于，包括以下步骤：(1)将{source}粉碎"
            "至40～80目；(2)以{solvent}为溶剂，按料液比1∶{r1}在{t1}℃下{method}{m1}分钟，得到"
            "提取液；(3)将提取液经{purify}，收集目标组分；(4)将步骤(3)所得组分减压浓缩、干燥，得到"
            "{target}。"
        ),
        slots={
            "source": ("夏秋茶", "茶叶加工副产物", "茶树花", "茶籽饼粕", "碎茶末"),
            "method": ("连续逆流提取", "超声辅助提取", "亚临界水提取", "微波辅助提取", "低温萃取"),
            "target": ("茶多酚", "L-茶氨酸", "茶多糖", "茶皂素", "儿茶素EGCG"),
            "solvent": ("体积分数为50%的乙醇溶液", "去离子水", "柠檬酸缓冲液", "低共熔溶剂"),
            "purify": ("陶瓷膜过滤", "大孔吸附树脂柱层析", "纳滤膜浓缩", "离子交换树脂处理"),
        },
        numbers={"r1": (10, 25), "t1": (40, 70), "m1": (20, 90), "p1": (85, 98)},
        application_fields=("茶资源综合利用", "功能性食品配料", "日化与医药原料"),
        target_products=("茶多酚", "茶氨酸", "天然抗氧化剂"),
    ),
    TechTemplate(
        key="seeder",
        owners=("swaust", "sujin"),
        kinds=INV_UM,
        ipc_codes=("A01C 7/08", "A01C 7/20", "A01C 5/06", "A01B 49/06"),
        locarno_class=None,
        title="一种{crop}{feature}{machine}",
        abstract=(
            "{subject}公开了一种{crop}{feature}{machine}，包括机架、{unit}、种箱、开沟器、覆土镇压轮"
            "以及控制单元。{unit}按设定株距定量排种，排种轴转速由地轮编码器或北斗测速信号闭环控制，"
            "作业速度在{v1}～{v2}km/h范围内变化时排种合格指数保持在{p1}%以上。{subject}结构紧凑、"
            "整机质量轻，适用于{terrain}，降低了漏播率和重播率。"
        ),
        claim=(
            "1.一种{crop}{feature}{machine}，包括机架(1)，其特征在于：所述机架(1)上安装有种箱(2)"
            "和{unit}(3)，所述{unit}(3)的排种口下方设置有开沟器(4)，所述开沟器(4)后方设置有覆土"
            "镇压轮(5)；所述{unit}(3)由驱动电机(6)驱动，所述驱动电机(6)与控制单元(7)电连接，所述"
            "控制单元(7)根据测速单元(8)检测的作业速度调节所述驱动电机(6)的转速。"
        ),
        slots={
            "crop": ("油菜", "玉米", "小麦", "水稻", "大豆", "青稞"),
            "feature": ("气吹式", "电驱", "丘陵山地用", "免耕", "宽幅", "智能变量"),
            "machine": ("精量播种机", "排种装置", "播种施肥一体机", "开沟覆土装置"),
            "unit": ("气力式排种器", "窝眼轮式排种器", "电驱排种器", "勺式排种器"),
            "terrain": (
                "西南丘陵小地块作业", "稻茬田免耕直播", "黏重土壤条件下作业", "大田规模化作业",
            ),
        },
        numbers={"v1": (3, 4), "v2": (6, 9), "p1": (90, 97)},
        application_fields=("农业机械", "粮油作物生产", "丘陵山区农业机械化"),
        target_products=("精量播种机", "播种施肥一体机", "排种器"),
    ),
    TechTemplate(
        key="harvester",
        owners=("swaust",),
        kinds=INV_UM,
        ipc_codes=("A01D 41/12", "A01D 45/00", "A01F 12/44"),
        locarno_class=None,
        title="一种{crop}收获机的{part}",
        abstract=(
            "{subject}公开了一种{crop}收获机的{part}，包括安装架、{core}和液压驱动单元。{core}可根据"
            "作物密度和含水率调整工作参数，配合倾角传感器实现对地面起伏的跟随，作业时{effect}。试验"
            "表明，在{crop}含水率为{w1}%～{w2}%时，总损失率不高于{p1}%，作业效率较现有机型提高约"
            "{p2}%。"
        ),
        claim=(
            "1.一种{crop}收获机的{part}，包括安装架(1)，其特征在于：所述安装架(1)上设置有{core}(2)，"
            "所述{core}(2)由液压马达(3)驱动；所述安装架(1)的前端设置有倾角传感器(4)，所述倾角传感器"
            "(4)和液压马达(3)均与控制器(5)连接，所述控制器(5)根据所述倾角传感器(4)的信号调节所述"
            "{core}(2)的工作参数。"
        ),
        slots={
            "crop": ("油菜", "大豆", "青稞", "小麦", "荞麦"),
            "part": (
                "自适应割台", "清选装置", "防堵输送装置", "低损脱粒装置", "籽粒损失监测装置",
                "茎秆切碎抛撒装置",
            ),
            "core": (
                "浮动仿形机构", "变转速风机与振动筛", "双螺旋喂入机构", "柔性纹杆滚筒",
                "压电式冲击传感阵列",
            ),
            "effect": (
                "减少了夹带损失和堵塞停机", "降低了籽粒破碎率", "显著改善了丘陵地块的适应性",
                "提高了含杂率控制精度",
            ),
        },
        numbers={"w1": (12, 18), "w2": (20, 28), "p1": (2, 5), "p2": (10, 30)},
        application_fields=("农业机械", "粮油作物收获", "丘陵山区农业机械化"),
        target_products=("联合收获机", "割台与清选部件", "收获损失监测仪"),
    ),
    TechTemplate(
        key="greenhouse",
        owners=("swaust", "prut"),
        kinds=INV_UM,
        ipc_codes=("A01G 31/02", "A01G 9/24", "A01G 25/16", "A01G 9/14"),
        locarno_class=None,
        title="一种{scene}{system}",
        abstract=(
            "{subject}公开了一种{scene}{system}，包括栽培单元、储液罐、加压泵、{device}、传感器组及"
            "控制箱。传感器组实时采集基质含水率、EC值、pH值和空气温湿度，控制箱依据作物生长阶段的设定"
            "曲线自动调节供液量与配比，回流液经{device}处理后循环使用，节水节肥{p1}%以上。{subject}"
            "降低了人工管理强度，提高了产量和品质的稳定性。"
        ),
        claim=(
            "1.一种{scene}{system}，包括栽培单元(1)和储液罐(2)，其特征在于：所述储液罐(2)通过加压泵"
            "(3)与所述栽培单元(1)的供液管路(4)连通，所述栽培单元(1)的回液管路(5)上设置有{device}(6)，"
            "所述{device}(6)的出口与所述储液罐(2)连通；所述栽培单元(1)内设置有传感器组(7)，所述"
            "传感器组(7)和所述加压泵(3)均与控制箱(8)电连接。"
        ),
        slots={
            "scene": (
                "用于草莓立体栽培的", "用于叶菜工厂化生产的", "用于育苗温室的", "用于山地日光温室的",
                "用于食用菌出菇房的", "用于茶苗扦插繁育的",
            ),
            "system": (
                "水肥一体化灌溉装置", "潮汐式育苗床", "环境智能调控系统", "营养液循环消毒装置",
                "雾培栽培装置",
            ),
            "device": ("紫外线消毒器", "砂滤与臭氧组合消毒单元", "精密过滤器", "光催化消毒模块"),
        },
        numbers={"p1": (20, 45)},
        application_fields=("设施农业", "植物工厂", "智慧农业"),
        target_products=("水肥一体机", "育苗床", "温室环境控制器"),
    ),
    TechTemplate(
        key="biocontrol",
        owners=("swaust",),
        kinds=INV,
        ipc_codes=("A01N 63/22", "A01P 3/00", "C12N 1/20", "C05F 11/08"),
        locarno_class=None,
        title="一株防治{disease}的{microbe}及其应用",
        abstract=(
            "{subject}公开了一株防治{disease}的{microbe}SW{s1}，该菌株已保藏于中国普通微生物菌种保藏"
            "管理中心，保藏编号为CGMCC No.{acc}。平板对峙试验表明，该菌株对{disease}病原菌的抑菌率达"
            "{p1}%以上；将其发酵液制成{form}后田间施用，防治效果达{p2}%，与常用化学药剂相当。该菌株"
            "还能分泌{metab}，兼具促生作用，可用于制备生物农药或微生物菌肥，减少化学农药用量。"
        ),
        claim=(
            "1.一株{microbe}SW{s1}，其特征在于，所述菌株保藏于中国普通微生物菌种保藏管理中心，保藏"
            "编号为CGMCC No.{acc}。"
        ),
        slots={
            "disease": (
                "茶炭疽病", "水稻纹枯病", "辣椒疫病", "猕猴桃溃疡病", "柑橘绿霉病", "魔芋软腐病",
            ),
            "microbe": (
                "贝莱斯芽孢杆菌", "解淀粉芽孢杆菌", "枯草芽孢杆菌", "甲基营养型芽孢杆菌",
                "短小芽孢杆菌",
            ),
            "form": ("可湿性粉剂", "悬浮剂", "水分散粒剂", "微生物菌剂"),
            "metab": (
                "表面活性素和伊枯草菌素", "吲哚乙酸和铁载体", "几丁质酶与葡聚糖酶", "挥发性抑菌物质",
            ),
        },
        numbers={"s1": (3, 99), "acc": (15000, 28999), "p1": (70, 92), "p2": (65, 85)},
        application_fields=("生物农药", "绿色防控", "微生物肥料"),
        target_products=("生物杀菌剂", "微生物菌剂", "生物有机肥"),
    ),
    TechTemplate(
        key="livestock",
        owners=("swaust",),
        kinds=UM,
        ipc_codes=("A01K 1/01", "A01K 5/02", "A01K 1/00"),
        locarno_class=None,
        title="一种{animal}{device}",
        abstract=(
            "{subject}公开了一种{animal}{device}，包括支架、{part}、驱动机构和控制器。{part}沿圈舍"
            "纵向布置，驱动机构按控制器预设的时间表或传感器信号自动运行，{benefit}。{subject}结构"
            "简单、安装方便，可直接改造现有圈舍，降低了人工劳动强度和圈舍内的氨气浓度。"
        ),
        claim=(
            "1.一种{animal}{device}，包括支架(1)，其特征在于：所述支架(1)上设置有{part}(2)，所述"
            "{part}(2)与驱动机构(3)传动连接，所述驱动机构(3)与控制器(4)电连接，所述控制器(4)连接有"
            "用于检测圈舍环境参数的传感器(5)。"
        ),
        slots={
            "animal": (
                "生猪养殖用", "肉牛养殖用", "蛋鸡笼养用", "山羊舍饲用", "肉兔养殖用", "牦牛冬季补饲用",
            ),
            "device": (
                "自动清粪装置", "精准饲喂装置", "饮水加热装置", "环境监测与通风装置", "粪污固液分离装置",
            ),
            "part": ("刮板组件", "定量下料器", "恒温水槽", "风机与湿帘组件", "螺旋挤压分离机构"),
            "benefit": (
                "减少了饲料浪费", "保证了冬季饮水温度", "使圈舍保持干燥清洁", "实现了按需分群饲喂",
            ),
        },
        application_fields=("畜牧养殖", "养殖废弃物处理", "智慧牧场"),
        target_products=("清粪机", "自动饲喂器", "畜禽舍环境控制器"),
    ),
    TechTemplate(
        key="food_product",
        owners=("swaust",),
        kinds=INV,
        ipc_codes=("A23L 19/00", "A23L 2/38", "A23L 33/105", "A23L 7/10"),
        locarno_class=None,
        title="一种{material}{product}及其制备方法",
        abstract=(
            "{subject}公开了一种{material}{product}及其制备方法。该产品以{material}为主要原料，按"
            "质量份计包括{material}{a}～{b}份、{aux}{c}～{d}份以及适量稳定剂，经{process}等工序制成。"
            "{subject}较好地保留了原料中的{nutrient}，产品{quality}，货架期可达{m}个月，为{material}"
            "的精深加工提供了新途径。"
        ),
        claim=(
            "1.一种{material}{product}，其特征在于，按质量份计，由以下原料制成：{material}{a}～{b}份、"
            "{aux}{c}～{d}份、柠檬酸0.1～0.5份、稳定剂0.2～1份；其制备方法包括{process}。"
        ),
        slots={
            "material": ("青稞", "魔芋", "刺梨", "猕猴桃", "苦荞", "紫薯", "山药"),
            "product": (
                "复合饮料", "冻干脆片", "速溶固体饮料", "高纤代餐粉", "发酵饮品", "低糖果冻",
            ),
            "aux": ("低聚果糖", "赤藓糖醇", "燕麦β-葡聚糖", "菊粉", "蜂蜜"),
            "process": (
                "清洗、护色、打浆、酶解、均质和杀菌",
                "预处理、真空冷冻干燥和分级包装",
                "接种益生菌发酵、调配和灌装",
                "超微粉碎、复配和造粒",
            ),
            "nutrient": (
                "膳食纤维与多酚类物质", "维生素C和SOD活性", "β-葡聚糖", "花青素", "黄酮类物质",
            ),
            "quality": ("口感细腻、色泽自然", "冲调性好、无结块", "酸甜适口、风味独特",
                        "低糖低脂、饱腹感强"),
        },
        numbers={"a": (40, 60), "b": (65, 85), "c": (5, 10), "d": (12, 20), "m": (9, 18)},
        application_fields=("食品加工", "特色农产品深加工", "健康食品"),
        target_products=("功能饮料", "休闲食品", "代餐食品"),
    ),
    TechTemplate(
        key="feed",
        owners=("swaust",),
        kinds=INV,
        ipc_codes=("A23K 10/18", "A23K 10/37", "A23K 50/30", "A23K 50/80"),
        locarno_class=None,
        title="一种利用{waste}制备的{animal}{feed}及其制备方法",
        abstract=(
            "{subject}公开了一种利用{waste}制备的{animal}{feed}及其制备方法。将{waste}经{strain}与"
            "酶制剂协同固态发酵{d}天，降解抗营养因子和粗纤维，再与玉米、豆粕等原料按比例混合制粒。"
            "发酵后粗蛋白含量提高{p1}%，中性洗涤纤维降低{p2}%。饲喂试验表明，该饲料可提高{animal}"
            "日增重并改善肠道健康，同时实现了农副产品废弃物的资源化利用。"
        ),
        claim=(
            "1.一种利用{waste}制备的{animal}{feed}的制备方法，其特征在于，包括以下步骤：(1)将{waste}"
            "干燥粉碎后调节含水率至{w}%；(2)接种{strain}和纤维素酶，在30～37℃下固态发酵{d}天；"
            "(3)将发酵物与玉米、豆粕、预混料按质量比混合，制粒或调制，得到{animal}{feed}。"
        ),
        slots={
            "waste": ("茶渣", "酒糟", "菜籽粕", "果渣", "豆渣", "竹笋加工下脚料"),
            "animal": ("生猪", "草鱼", "肉鸡", "肉兔", "小龙虾", "奶牛"),
            "feed": ("发酵饲料", "功能性饲料添加剂", "颗粒饲料", "全混合日粮"),
            "strain": ("植物乳杆菌", "酿酒酵母", "枯草芽孢杆菌", "黑曲霉"),
        },
        numbers={"d": (3, 10), "p1": (12, 35), "p2": (10, 30), "w": (40, 55)},
        application_fields=("饲料工业", "农业废弃物资源化", "畜禽与水产养殖"),
        target_products=("发酵饲料", "饲料添加剂", "水产饲料"),
    ),
    TechTemplate(
        key="herbal",
        owners=("swaust", "dhut"),
        kinds=INV,
        ipc_codes=("A61K 36/18", "A61P 39/06", "A61P 3/10", "A23L 33/105"),
        locarno_class=None,
        title="一种{herb}{part}提取物及其在{use}中的应用",
        abstract=(
            "{subject}公开了一种{herb}{part}提取物及其在{use}中的应用。以{herb}为原料，经{method}制得"
            "{part}含量不低于{p1}%的提取物。细胞和动物实验表明，该提取物能显著{effect}，且在"
            "{dose}mg/kg剂量下未见明显毒副作用。{subject}为{herb}资源的高值化开发提供了依据。"
        ),
        claim=(
            "1.{herb}{part}提取物在制备{use}中的应用，其特征在于，所述提取物的制备方法包括：将{herb}"
            "粉碎后{method}，所得提取物中{part}的质量含量不低于{p1}%。"
        ),
        slots={
            "herb": ("川芎", "黄精", "金银花", "藤茶", "三七", "石斛", "灵芝"),
            "part": ("总黄酮", "多糖", "皂苷", "多酚"),
            "use": ("降血糖产品", "护肝产品", "抗氧化功能食品", "抗炎药物", "改善睡眠产品"),
            "method": (
                "乙醇回流提取、大孔树脂纯化", "超声辅助水提、醇沉", "酶解辅助提取、膜浓缩",
                "超临界CO2萃取",
            ),
            "effect": (
                "降低模型小鼠空腹血糖", "降低血清ALT、AST水平", "提高SOD和GSH-Px活性",
                "抑制炎症因子TNF-α和IL-6的表达", "延长小鼠睡眠时间",
            ),
        },
        numbers={"p1": (30, 75), "dose": (50, 400)},
        application_fields=("中药现代化", "保健食品", "天然产物开发"),
        target_products=("植物提取物", "保健食品原料", "中药制剂"),
    ),
    TechTemplate(
        key="vital_monitor",
        owners=("dhut", "sujin"),
        kinds=INV_UM,
        ipc_codes=("A61B 5/0205", "A61B 5/00", "A61B 5/11", "G16H 40/67"),
        locarno_class=None,
        title="一种{scene}{signal}{device}",
        abstract=(
            "{subject}公开了一种{scene}{signal}{device}，包括柔性基底、{sensor}、信号调理电路、低功耗"
            "微控制器和无线通信模块。微控制器对采集信号进行滤波和特征提取，在检测到异常时通过无线通信"
            "模块向护理终端推送预警信息；整机功耗不高于{mw}mW，可连续工作{h}小时以上。{subject}佩戴"
            "舒适、抗干扰能力强，提高了长期监测的依从性和数据可靠性。"
        ),
        claim=(
            "1.一种{scene}{signal}{device}，其特征在于，包括柔性基底(1)以及设置于所述柔性基底(1)上的"
            "{sensor}(2)、信号调理电路(3)、微控制器(4)和无线通信模块(5)；所述{sensor}(2)的输出端经"
            "所述信号调理电路(3)与所述微控制器(4)连接，所述微控制器(4)通过所述无线通信模块(5)与护理"
            "终端通信连接。"
        ),
        slots={
            "scene": (
                ("面向居家养老的", "home-care"),
                ("用于新生儿的", "neonatal"),
                ("用于术后病房的", "post-operative"),
                ("基于柔性电子的", "flexible-electronics"),
                ("可穿戴式", "wearable"),
                ("用于康复训练的", "rehabilitation-training"),
            ),
            "signal": (
                ("多生理参数", "multi-parameter physiological"),
                ("心电与呼吸", "ECG and respiration"),
                ("血氧与脉搏", "SpO2 and pulse"),
                ("体温与心率", "body-temperature and heart-rate"),
                ("睡眠呼吸", "sleep-breathing"),
            ),
            "device": (
                ("监测装置", "monitoring device"),
                ("监测贴片", "monitoring patch"),
                ("监护系统", "monitoring system"),
                ("采集终端", "acquisition terminal"),
            ),
            "sensor": (
                ("干电极阵列", "a dry-electrode array"),
                ("光电容积脉搏波传感器", "a photoplethysmography sensor"),
                ("压阻式呼吸传感器", "a piezoresistive respiration sensor"),
                ("数字温度传感器与三轴加速度计", "a digital temperature sensor with an accelerometer"),
            ),
        },
        numbers={"mw": (5, 40), "h": (48, 168)},
        application_fields=(
            ("智慧医疗", "Digital health"),
            ("居家养老", "Home care for the elderly"),
            ("医疗器械", "Medical devices"),
        ),
        target_products=(
            ("可穿戴监护设备", "Wearable monitors"),
            ("远程监护系统", "Remote monitoring systems"),
            ("床旁监护仪", "Bedside monitors"),
        ),
        title_en="{scene} {signal} {device}",
        abstract_en=(
            "{Subject} discloses {a_title}, comprising a flexible substrate, {sensor}, a "
            "signal-conditioning circuit, a low-power microcontroller and a wireless module. The "
            "microcontroller filters the signals and extracts features, and pushes an alert to the "
            "nursing terminal when it detects an abnormality; power consumption does not exceed "
            "{mw} mW, allowing more than {h} hours of continuous operation. The device is "
            "comfortable to wear and robust to interference, improving compliance and data "
            "reliability in long-term monitoring."
        ),
        claim_en=(
            "1. {A_title}, characterised by comprising a flexible substrate (1) and, arranged on "
            "it, {sensor} (2), a signal-conditioning circuit (3), a microcontroller (4) and a "
            "wireless communication module (5); the output of the sensor (2) is connected to the "
            "microcontroller (4) through the signal-conditioning circuit (3), and the "
            "microcontroller (4) communicates with a nursing terminal through the wireless "
            "communication module (5)."
        ),
    ),
    TechTemplate(
        key="rehab",
        owners=("dhut", "sujin"),
        kinds=UM,
        ipc_codes=("A61H 1/02", "A61H 3/00", "A61G 7/05"),
        locarno_class=None,
        title="一种{user}{device}",
        abstract=(
            "{subject}公开了一种{user}{device}，包括底座、{mech}、驱动组件、力传感器和控制面板。{mech}"
            "可根据使用者体型调节，驱动组件在控制面板设定的模式下提供主动、助力或阻抗运动，力传感器"
            "实时检测作用力并在超限时停止运行。{subject}结构紧凑、操作简便，可用于医院和家庭场景，"
            "减轻了护理人员的负担。"
        ),
        claim=(
            "1.一种{user}{device}，包括底座(1)，其特征在于：所述底座(1)上安装有{mech}(2)，所述{mech}"
            "(2)与驱动组件(3)连接，所述{mech}(2)与使用者接触的部位设置有力传感器(4)，所述力传感器(4)"
            "和所述驱动组件(3)均与控制面板(5)电连接。"
        ),
        slots={
            "user": ("用于脑卒中患者的", "老年人用", "儿童用", "骨科术后用", "卧床患者用"),
            "device": (
                "上肢康复训练装置", "助行器", "手指康复训练器", "防褥疮翻身辅助装置",
                "踝关节康复训练器",
            ),
            "mech": ("可伸缩支撑臂", "四连杆机构", "滑轨托架", "气囊组件", "偏心轮摆动机构"),
        },
        application_fields=("康复医疗", "养老护理", "医疗器械"),
        target_products=("康复训练器", "助行器", "护理辅助设备"),
    ),
)

TEMPLATES_BC: Final[tuple[TechTemplate, ...]] = (
    # ---------------------------------------------- B: separation, processing, vehicles
    TechTemplate(
        key="gas_purification",
        owners=("ctiee", "lhiam"),
        kinds=INV_UM,
        ipc_codes=("B01D 53/86", "B01D 53/44", "B01D 53/78", "B01D 46/00"),
        locarno_class=None,
        title="一种{source}{pollutant}{device}",
        abstract=(
            "{subject}公开了一种{source}{pollutant}{device}，包括预处理单元、主处理单元、风机和在线"
            "监测单元。废气经预处理单元去除{pre}后进入主处理单元，在停留时间约{s}秒的条件下完成"
            "{reaction}，净化效率可达{p1}%以上；在线监测单元实时检测出口浓度并反馈调节风量。"
            "{subject}运行能耗低、占地面积小，排放满足现行国家和地方标准。"
        ),
        claim=(
            "1.一种{source}{pollutant}{device}，包括依次连通的预处理单元(1)、主处理单元(2)和风机(3)，"
            "其特征在于：所述主处理单元(2)的出口管道上设置有在线监测单元(4)，所述在线监测单元(4)与"
            "控制器(5)电连接，所述控制器(5)根据所述在线监测单元(4)的检测信号调节所述风机(3)的转速；"
            "所述预处理单元(1)用于去除废气中的{pre}。"
        ),
        slots={
            "source": (
                "用于喷涂车间的", "用于污水处理厂的", "用于锂电池生产的", "用于餐饮油烟的",
                "用于陶瓷窑炉的", "用于垃圾中转站的",
            ),
            "pollutant": ("挥发性有机物", "恶臭气体", "含氟废气", "油烟颗粒物", "含尘烟气"),
            "device": (
                "催化燃烧净化装置", "吸附浓缩装置", "生物滴滤除臭装置", "湿式静电除尘装置",
                "多级喷淋吸收塔",
            ),
            "pre": ("大颗粒粉尘和漆雾", "水汽与油雾", "酸性组分", "粘性颗粒物"),
            "reaction": ("催化氧化分解", "吸附与脱附再生", "生物降解", "荷电捕集"),
        },
        numbers={"s": (1, 8), "p1": (90, 99)},
        application_fields=("大气污染治理", "工业废气处理", "环保装备"),
        target_products=("VOCs治理设备", "除臭设备", "除尘设备"),
    ),
    TechTemplate(
        key="catalyst",
        owners=("lhiam", "ctiee"),
        kinds=INV,
        ipc_codes=("B01J 23/72", "B01J 37/02", "B01J 23/755", "B01D 53/86"),
        locarno_class=None,
        title="一种用于{reaction}的{support}负载{metal}催化剂及其制备方法",
        abstract=(
            "{subject}公开了一种用于{reaction}的{support}负载{metal}催化剂及其制备方法。采用{method}"
            "将{metal}活性组分负载于{support}上，活性组分负载量为{x}wt%，经{t}℃焙烧后得到催化剂。该"
            "催化剂活性组分分散均匀、比表面积大，在{reaction}中表现出较高的活性和稳定性，连续运行{h}"
            "小时活性无明显下降。制备方法工艺简单，原料易得，便于放大生产。"
        ),
        claim=(
            "1.一种用于{reaction}的{support}负载{metal}催化剂的制备方法，其特征在于，包括以下步骤："
            "(1)将{support}干燥后备用；(2)采用{method}将{metal}前驱体负载于所述{support}上，使活性"
            "组分负载量为{x}wt%；(3)将步骤(2)所得产物干燥后在{t}℃下焙烧2～6小时，得到所述催化剂。"
        ),
        slots={
            "reaction": (
                "甲苯催化氧化", "氮氧化物低温选择性还原", "苯酚废水催化湿式氧化", "CO2加氢制甲醇",
                "甲醛室温降解", "糠醛选择性加氢",
            ),
            "support": ("介孔二氧化硅", "氮掺杂碳", "二氧化铈", "改性凹凸棒石", "氧化铝"),
            "metal": ("铜", "镍", "锰铈", "钯", "钴"),
            "method": ("等体积浸渍法", "沉积沉淀法", "溶胶-凝胶法", "水热合成法"),
        },
        numbers={"x": (1, 15), "t": (350, 650), "h": (100, 500)},
        application_fields=("环境催化", "精细化工", "碳减排"),
        target_products=("VOCs催化剂", "脱硝催化剂", "加氢催化剂"),
    ),
    TechTemplate(
        key="welding",
        owners=("sujin", "dhut"),
        kinds=INV_UM,
        ipc_codes=("B23K 37/04", "B23K 9/127", "B25J 9/16", "B23K 37/02"),
        locarno_class=None,
        title="一种{workpiece}{device}",
        abstract=(
            "{subject}公开了一种{workpiece}{device}，包括底座、{key}、焊枪组件和控制系统。工件由夹紧"
            "机构定位后，{key}获取焊缝的位置与形貌信息，控制系统据此实时修正焊枪轨迹和焊接参数，焊缝"
            "跟踪精度可达±0.{mm}mm。{subject}减少了人工示教和返修工作量，提高了焊接一致性和生产节拍。"
        ),
        claim=(
            "1.一种{workpiece}{device}，包括底座(1)，其特征在于：所述底座(1)上设置有用于固定工件的"
            "夹紧机构(2)和{key}(3)，所述底座(1)一侧设置有焊枪组件(4)，所述{key}(3)和所述焊枪组件(4)"
            "均与控制系统(5)连接，所述控制系统(5)根据所述{key}(3)获取的焊缝信息调整所述焊枪组件(4)"
            "的运动轨迹和焊接参数。"
        ),
        slots={
            "workpiece": (
                "用于钢结构箱型梁的", "用于电池托盘的", "用于管道环缝的", "用于工程机械结构件的",
                "用于铝合金车体的",
            ),
            "device": (
                "机器人焊接工作站", "焊缝视觉跟踪装置", "自动变位焊接工装", "激光-电弧复合焊接装置",
                "焊接质量在线检测装置",
            ),
            "key": (
                "线结构光传感器", "双轴变位机", "多自由度工业机器人", "电弧传感模块", "红外热像仪",
            ),
        },
        numbers={"mm": (1, 5)},
        application_fields=("智能制造", "焊接自动化", "钢结构与装备制造"),
        target_products=("焊接机器人工作站", "焊缝跟踪传感器", "焊接工装"),
    ),
    TechTemplate(
        key="gripper",
        owners=("sujin", "dhut"),
        kinds=INV_UM,
        ipc_codes=("B25J 15/08", "B25J 15/06", "B65G 47/91", "B25J 19/02"),
        locarno_class=None,
        title="一种{target}{gripper}",
        abstract=(
            "{subject}公开了一种{target}{gripper}，包括连接法兰、{core}、指部组件和检测单元。指部组件"
            "在{drive}驱动下包络抓取物体，接触面上的检测单元实时反馈抓取力和滑移状态，控制器据此调整"
            "夹持力，避免损伤被抓取物。{subject}适应多种尺寸和形状的物体，单次抓取时间不超过{ms}毫秒，"
            "可与多种工业机器人快换连接。"
        ),
        claim=(
            "1.一种{target}{gripper}，包括连接法兰(1)，其特征在于：所述连接法兰(1)下方设置有{core}(2)"
            "和至少两个指部组件(3)，所述指部组件(3)在{drive}驱动下开合，所述指部组件(3)的接触面上设置"
            "有检测单元(4)，所述检测单元(4)用于检测抓取力和滑移状态并与控制器(5)连接。"
        ),
        slots={
            "target": (
                ("用于果蔬分拣的", "for fruit and vegetable sorting"),
                ("用于电芯搬运的", "for battery cell handling"),
                ("用于异形零件的", "for irregular parts"),
                ("用于软包装袋的", "for flexible packaging bags"),
                ("用于玻璃基板的", "for glass substrates"),
                ("用于药品分拣的", "for pharmaceutical sorting"),
            ),
            "gripper": (
                ("柔性气动夹爪", "soft pneumatic gripper"),
                ("真空吸附末端执行器", "vacuum suction end effector"),
                ("自适应欠驱动手爪", "self-adaptive underactuated gripper"),
                ("磁吸与夹持复合夹具", "combined magnetic and clamping gripper"),
                ("视觉引导抓取装置", "vision-guided grasping device"),
            ),
            "core": (
                ("气腔式柔性手指", "soft fingers with air chambers"),
                ("分区真空吸盘", "a zoned vacuum cup"),
                ("腱绳传动机构", "a tendon-driven mechanism"),
                ("电永磁吸盘", "an electro-permanent magnetic chuck"),
                ("相机与光源组件", "a camera and light-source assembly"),
            ),
            "drive": (
                ("正压气体", "positive air pressure"),
                ("负压", "negative pressure"),
                ("伺服电机", "a servo motor"),
                ("电磁力", "electromagnetic force"),
            ),
        },
        numbers={"ms": (200, 800)},
        application_fields=(
            ("工业机器人", "Industrial robotics"),
            ("智能物流", "Intelligent logistics"),
            ("智能制造", "Smart manufacturing"),
        ),
        target_products=(
            ("机器人末端执行器", "Robot end effectors"),
            ("分拣机器人", "Sorting robots"),
            ("柔性夹爪", "Soft grippers"),
        ),
        title_en="{gripper} {target}",
        abstract_en=(
            "{Subject} discloses {a_title}, comprising a connecting flange, {core}, finger "
            "assemblies and a sensing unit. Driven by {drive}, the finger assemblies envelop and "
            "grasp the object, while the sensing unit on the contact surfaces feeds back grip force "
            "and slip so that the controller can adjust the clamping force and avoid damaging the "
            "object. Objects of various sizes and shapes can be handled, a single grasp takes no "
            "more than {ms} ms, and the device can be quick-changed on different industrial robots."
        ),
        claim_en=(
            "1. {A_title}, comprising a connecting flange (1), characterised in that {core} (2) and "
            "at least two finger assemblies (3) are arranged below the connecting flange (1), the "
            "finger assemblies (3) open and close under {drive}, and a sensing unit (4) for "
            "detecting grip force and slip is arranged on the contact surfaces of the finger "
            "assemblies (3) and connected to a controller (5)."
        ),
    ),
    TechTemplate(
        key="conveyor",
        owners=("sujin",),
        kinds=UM,
        ipc_codes=("B65G 47/24", "B65G 43/08", "B65G 15/00", "B65G 1/137"),
        locarno_class=None,
        title="一种{scene}{device}",
        abstract=(
            "{subject}公开了一种{scene}{device}，包括输送机架、{conv}、检测组件和执行组件。检测组件"
            "识别输送物的位置、尺寸或重量后，控制器驱动执行组件完成{action}，处理能力可达每小时{n}件。"
            "{subject}结构紧凑，减少了人工搬运和分拣差错。"
        ),
        claim=(
            "1.一种{scene}{device}，包括输送机架(1)，其特征在于：所述输送机架(1)上安装有{conv}(2)，"
            "所述{conv}(2)上方设置有检测组件(3)，所述{conv}(2)一侧设置有执行组件(4)，所述检测组件(3)"
            "和所述执行组件(4)均与控制器(5)电连接。"
        ),
        slots={
            "scene": (
                "用于快递包裹的", "用于茶叶包装线的", "用于电池模组产线的", "用于冷链仓储的",
                "用于建材板材的",
            ),
            "device": (
                "自动分拣输送装置", "转向输送机构", "称重剔除装置", "积放式辊道输送线", "自动码垛装置",
            ),
            "conv": ("同步带输送线", "电动滚筒辊道", "模块化网带", "链板输送线"),
            "action": ("转向和分流", "剔除不合格品", "按订单分道", "按层码放"),
        },
        numbers={"n": (1200, 6000)},
        application_fields=("智能物流", "生产线自动化", "仓储装备"),
        target_products=("分拣输送线", "码垛机", "称重剔除机"),
    ),
    TechTemplate(
        key="battery_swap",
        owners=("minjiang",),
        kinds=INV_UM,
        ipc_codes=("B60L 53/80", "B60L 58/26", "B60L 53/16", "H01M 50/249"),
        locarno_class=None,
        title="一种{vehicle}{device}",
        abstract=(
            "{subject}公开了一种{vehicle}{device}，包括{base}、锁止组件、导向定位组件和状态检测单元。"
            "换电时导向定位组件引导电池包进入安装位，锁止组件在驱动机构作用下完成锁紧，状态检测单元"
            "检测到位信号和锁止状态后方允许上电。{subject}单次换电时间不超过{min}分钟，定位误差小于"
            "{mm}mm，提高了换电可靠性和运营效率。"
        ),
        claim=(
            "1.一种{vehicle}{device}，包括{base}(1)，其特征在于：所述{base}(1)上设置有导向定位组件(2)"
            "和锁止组件(3)，所述锁止组件(3)与驱动机构(4)连接；所述{base}(1)上还设置有状态检测单元(5)，"
            "所述状态检测单元(5)用于检测电池包的到位信号和锁止状态，并与整车控制器(6)通信连接。"
        ),
        slots={
            "vehicle": (
                ("电动重卡", "electric heavy truck"),
                ("电动乘用车", "electric passenger car"),
                ("电动两轮车", "electric two-wheeler"),
                ("电动工程机械", "electric construction machine"),
                ("电动船舶", "electric vessel"),
                ("矿用电动车", "electric mining vehicle"),
            ),
            "device": (
                ("换电锁止机构", "battery-swap locking mechanism"),
                ("快速换电装置", "quick battery-swap device"),
                ("电池热管理系统", "battery thermal management system"),
                ("电池包浮动连接器", "floating battery-pack connector"),
                ("底盘电池托架", "chassis battery bracket"),
            ),
            "base": (
                ("车身连接支架", "a body-mounted bracket"),
                ("底盘托架", "a chassis tray"),
                ("电池仓框架", "a battery compartment frame"),
                ("换电平台", "a swapping platform"),
            ),
        },
        numbers={"min": (2, 6), "mm": (1, 3)},
        application_fields=(
            ("新能源汽车", "New-energy vehicles"),
            ("换电运营", "Battery-swap operation"),
            ("电动工程机械", "Electric construction machinery"),
        ),
        target_products=(
            ("换电站", "Battery-swap stations"),
            ("电池包结构件", "Battery-pack structures"),
            ("电池热管理系统", "Battery thermal management systems"),
        ),
        title_en="{device} for an {vehicle}",
        abstract_en=(
            "{Subject} discloses {a_title}, comprising {base}, a locking assembly, a guiding and "
            "positioning assembly and a status detection unit. During a swap the guiding assembly "
            "leads the battery pack into its mounting position, the locking assembly is locked by "
            "its drive mechanism, and power is switched on only after the detection unit confirms "
            "position and lock. A swap takes no more than {min} minutes with a positioning error "
            "below {mm} mm, improving reliability and operating efficiency."
        ),
        claim_en=(
            "1. {A_title}, comprising {base} (1), characterised in that a guiding and positioning "
            "assembly (2) and a locking assembly (3) connected to a drive mechanism (4) are "
            "arranged on it, and a status detection unit (5), which detects whether the battery "
            "pack is in position and locked, communicates with a vehicle controller (6)."
        ),
    ),
    TechTemplate(
        key="waste_sorting",
        owners=("ctiee",),
        kinds=INV_UM,
        ipc_codes=("B03B 9/06", "B02C 18/14", "B09B 3/00", "B07B 1/28"),
        locarno_class=None,
        title="一种{waste}{device}",
        abstract=(
            "{subject}公开了一种{waste}{device}，包括进料单元、{crusher}、{separator}和出料单元。物料经"
            "{crusher}处理至粒径小于{mm}mm后进入{separator}，按材质和粒径分离为多种组分，各组分分别"
            "收集后可直接回用或进一步处理。{subject}分选纯度达到{p}%以上，降低了二次污染，提高了资源"
            "回收率。"
        ),
        claim=(
            "1.一种{waste}{device}，包括进料单元(1)，其特征在于：所述进料单元(1)的出口与{crusher}(2)"
            "的进口连通，所述{crusher}(2)的出口与{separator}(3)连通，所述{separator}(3)设有至少两个"
            "分别用于收集不同组分的出料口(4)。"
        ),
        slots={
            "waste": ("建筑垃圾", "厨余垃圾", "废旧锂电池", "农村生活垃圾", "废塑料", "园林绿化废弃物"),
            "device": ("破碎分选装置", "滚筒筛分装置", "智能分拣系统", "资源化处理设备", "预处理装置"),
            "crusher": ("双轴剪切破碎机", "锤式破碎机", "低温冷冻破碎单元", "撕碎机"),
            "separator": (
                "风选与涡电流分选组合单元", "滚筒筛与磁选组合单元", "近红外光谱分选机", "重介质分选槽",
            ),
        },
        numbers={"mm": (10, 80), "p": (90, 98)},
        application_fields=("固体废物资源化", "城市环卫", "再生资源回收"),
        target_products=("破碎分选线", "垃圾分拣设备", "再生骨料"),
    ),
    TechTemplate(
        key="additive_mfg",
        owners=("lhiam",),
        kinds=INV,
        ipc_codes=("B22F 10/28", "B33Y 10/00", "B33Y 70/00", "C22C 14/00"),
        locarno_class=None,
        title="一种{material}{part}的{process}方法",
        abstract=(
            "{subject}公开了一种{material}{part}的{process}方法，包括原料预处理、模型分层与路径规划、"
            "{process}和后处理步骤。成形过程采用激光功率{w}W、扫描速度{v}mm/s、层厚{um}μm的工艺窗口，"
            "并结合分区变向扫描策略降低残余应力。所得{part}致密度可达99.{p}%，力学性能达到或超过同成分"
            "锻件水平。"
        ),
        claim=(
            "1.一种{material}{part}的{process}方法，其特征在于，包括以下步骤：S1，对{material}原料进行"
            "干燥和筛分；S2，建立{part}的三维模型并进行分层切片和扫描路径规划；S3，按激光功率{w}W、"
            "扫描速度{v}mm/s、层厚{um}μm进行{process}，相邻层扫描方向旋转67°；S4，对成形件进行去应力"
            "退火和表面处理。"
        ),
        slots={
            "material": ("钛合金", "镍基高温合金", "铝合金", "不锈钢", "铜合金", "钨合金"),
            "part": ("点阵结构件", "随形冷却模具", "薄壁构件", "多孔植入体", "换热器芯体"),
            "process": ("激光选区熔化成形", "电子束增材制造", "激光熔覆修复", "电弧增材制造"),
        },
        numbers={"w": (150, 400), "v": (600, 1600), "um": (20, 60), "p": (1, 8)},
        application_fields=("增材制造", "航空航天零部件", "模具制造"),
        target_products=("金属3D打印件", "随形冷却模具", "医用植入体"),
    ),
    # ------------------------------------------------ C: chemistry, water, metallurgy
    TechTemplate(
        key="anaerobic",
        owners=("ctiee",),
        kinds=INV_UM,
        ipc_codes=("C02F 3/28", "C02F 3/30", "C02F 9/00", "C02F 103/20"),
        locarno_class=None,
        title="一种{scene}{process}处理装置",
        abstract=(
            "{subject}公开了一种{scene}{process}处理装置，包括调节池、{reactor}、沉淀区和出水区。"
            "{reactor}内设置{packing}，污水由布水器均匀进入反应区，与颗粒污泥或生物膜充分接触，产生的"
            "沼气经三相分离器收集利用。装置在{t1}～{t2}℃条件下运行，COD去除率可达{p}%以上，剩余污泥"
            "产量少，运行维护简便，适用于分散式污水处理场景。"
        ),
        claim=(
            "1.一种{scene}{process}处理装置，包括依次连通的调节池(1)、{reactor}(2)和沉淀区(3)，其特征"
            "在于：所述{reactor}(2)底部设置有布水器(4)，中部设置有{packing}(5)，顶部设置有三相分离器"
            "(6)；所述三相分离器(6)的集气口与沼气收集管(7)连通，所述沉淀区(3)的出水口与出水区(8)连通。"
        ),
        slots={
            "scene": (
                ("用于农村生活污水的", "rural domestic sewage"),
                ("用于高浓度有机废水的", "high-strength organic wastewater"),
                ("用于养殖废水的", "livestock wastewater"),
                ("用于酒糟废水的", "distillery wastewater"),
                ("用于食品加工废水的", "food-processing wastewater"),
                ("用于垃圾渗滤液的", "landfill leachate"),
            ),
            "process": (
                ("一体化厌氧", "integrated anaerobic"),
                ("厌氧-缺氧-好氧", "anaerobic-anoxic-oxic"),
                ("两相厌氧", "two-phase anaerobic"),
                ("厌氧膜生物反应", "anaerobic membrane bioreactor"),
                ("升流式厌氧污泥床", "upflow anaerobic sludge blanket"),
            ),
            "reactor": (
                ("厌氧反应区", "an anaerobic reaction zone"),
                ("水解酸化区", "a hydrolysis-acidification zone"),
                ("厌氧消化罐", "an anaerobic digestion tank"),
                ("膜组件反应池", "a membrane reactor tank"),
            ),
            "packing": (
                ("组合填料", "Combined packing"),
                ("悬浮球形填料", "Suspended spherical packing"),
                ("蜂窝斜管", "A honeycomb inclined-tube pack"),
                ("生物绳填料", "Biological rope packing"),
            ),
        },
        numbers={"t1": (15, 25), "t2": (30, 38), "p": (80, 95)},
        application_fields=(
            ("农村污水治理", "Rural wastewater treatment"),
            ("工业废水处理", "Industrial wastewater treatment"),
            ("沼气能源化利用", "Biogas recovery"),
        ),
        target_products=(
            ("一体化污水处理设备", "Packaged wastewater treatment plants"),
            ("厌氧反应器", "Anaerobic reactors"),
            ("分散式污水处理站", "Decentralised treatment stations"),
        ),
        title_en="{process} treatment device for {scene}",
        abstract_en=(
            "{Subject} discloses {a_title}, comprising a regulating tank, {reactor}, a settling "
            "zone and an effluent zone. {packing} is installed in the reactor; the wastewater "
            "enters the reaction zone evenly through a distributor and contacts granular sludge or "
            "biofilm, and the biogas produced is collected through a three-phase separator. "
            "Operating at {t1}–{t2} °C, the device removes more than {p} % of COD with little "
            "excess sludge and simple maintenance, making it suitable for decentralised treatment."
        ),
        claim_en=(
            "1. {A_title}, comprising a regulating tank (1), {reactor} (2) and a settling zone (3) "
            "connected in sequence, characterised in that a water distributor (4) is arranged at "
            "the bottom of the reactor (2), a packing layer (5) in its middle and a three-phase "
            "separator (6) at its top; the gas outlet of the three-phase separator (6) is "
            "connected to a biogas collection pipe (7), and the outlet of the settling zone (3) "
            "leads to an effluent zone (8)."
        ),
    ),
    TechTemplate(
        key="advanced_oxidation",
        owners=("ctiee",),
        kinds=INV,
        ipc_codes=("C02F 1/72", "C02F 1/78", "C02F 101/30", "C02F 1/461"),
        locarno_class=None,
        title="一种{water}的{method}深度处理方法",
        abstract=(
            "{subject}公开了一种{water}的{method}深度处理方法，将经生化处理后的{water}调节pH至{ph1}～"
            "{ph2}，送入{reactor}，在{catalyst}作用下产生羟基自由基等活性物种，降解难生物降解有机物。"
            "反应{min}分钟后出水COD降至{cod}mg/L以下，色度去除率大于{p}%。{subject}氧化剂利用率高，"
            "催化剂可长期稳定使用，污泥产生量少。"
        ),
        claim=(
            "1.一种{water}的{method}深度处理方法，其特征在于，包括以下步骤：(1)将生化出水调节pH至"
            "{ph1}～{ph2}；(2)将调节后的废水通入装填有{catalyst}的{reactor}，进行{method}反应，水力停留"
            "时间为{min}分钟；(3)反应出水经沉淀或过滤后排放或回用。"
        ),
        slots={
            "water": (
                "印染废水", "制药废水", "焦化废水", "垃圾渗滤液膜浓缩液", "农药废水", "化工园区尾水",
            ),
            "method": ("臭氧催化氧化", "电催化氧化", "过硫酸盐活化氧化", "电芬顿", "光催化耦合臭氧"),
            "reactor": ("填充床反应器", "三维电极反应器", "连续流管式反应器", "曝气式反应塔"),
            "catalyst": (
                "负载型锰铜氧化物催化剂", "掺硼金刚石电极", "钴铁双金属催化剂", "改性活性炭",
            ),
        },
        numbers={
            "ph1": (3, 6), "ph2": (7, 9), "min": (30, 120), "cod": (30, 80), "p": (85, 98),
        },
        application_fields=("工业废水深度处理", "污水提标改造", "水回用"),
        target_products=("臭氧催化氧化设备", "电催化氧化装置", "水处理催化剂"),
    ),
    TechTemplate(
        key="membrane",
        owners=("ctiee", "lhiam"),
        kinds=INV,
        ipc_codes=("B01D 67/00", "B01D 69/12", "B01D 71/56", "C02F 1/44"),
        locarno_class=None,
        title="一种{property}{membrane}的制备方法",
        abstract=(
            "{subject}公开了一种{property}{membrane}的制备方法：以{base}为基膜，先通过{modify}引入功能"
            "层，再经界面聚合或热处理固化，得到{membrane}。所得膜纯水通量达到{flux}L/(m²·h·bar)，对"
            "目标物截留率不低于{p}%，经{cycles}次污染-清洗循环后通量恢复率仍在90%以上。制备工艺条件"
            "温和，易于连续化生产。"
        ),
        claim=(
            "1.一种{property}{membrane}的制备方法，其特征在于，包括以下步骤：(1)将{base}清洗后浸入"
            "改性溶液中，通过{modify}在其表面形成功能层；(2)将步骤(1)所得膜进行界面聚合或在60～90℃"
            "下热处理；(3)将所得膜在去离子水中浸泡保存，得到所述{membrane}。"
        ),
        slots={
            "property": (
                ("高通量抗污染", "high-flux anti-fouling"),
                ("耐氯", "chlorine-resistant"),
                ("荷正电", "positively charged"),
                ("超亲水", "superhydrophilic"),
                ("耐溶剂", "solvent-resistant"),
                ("高选择性", "highly selective"),
            ),
            "membrane": (
                ("聚酰胺纳滤膜", "polyamide nanofiltration membrane"),
                ("聚偏氟乙烯超滤膜", "PVDF ultrafiltration membrane"),
                ("正渗透复合膜", "forward-osmosis composite membrane"),
                ("陶瓷平板膜", "ceramic flat-sheet membrane"),
                ("聚醚砜中空纤维膜", "polyethersulfone hollow-fibre membrane"),
            ),
            "base": (
                ("聚砜多孔支撑膜", "a polysulfone porous support"),
                ("聚偏氟乙烯基膜", "a PVDF substrate membrane"),
                ("氧化铝陶瓷支撑体", "an alumina ceramic support"),
                ("聚醚砜基膜", "a polyethersulfone substrate"),
            ),
            "modify": (
                ("多巴胺共沉积", "dopamine co-deposition"),
                ("接枝两性离子聚合物", "grafting a zwitterionic polymer"),
                ("掺杂氧化石墨烯纳米片", "doping with graphene oxide nanosheets"),
                ("原位生长金属有机框架", "in-situ growth of a metal-organic framework"),
            ),
        },
        numbers={"flux": (15, 120), "p": (92, 99), "cycles": (5, 20)},
        application_fields=(
            ("膜分离", "Membrane separation"),
            ("饮用水净化", "Drinking-water purification"),
            ("工业废水回用", "Industrial water reuse"),
        ),
        target_products=(
            ("纳滤膜元件", "Nanofiltration elements"),
            ("超滤膜组件", "Ultrafiltration modules"),
            ("净水设备", "Water purifiers"),
        ),
        title_en="Method for preparing a {property} {membrane}",
        abstract_en=(
            "{Subject} discloses a method for preparing a {property} {membrane}: using {base} as "
            "the substrate, a functional layer is introduced by {modify} and then cured by "
            "interfacial polymerisation or heat treatment. The membrane has a pure-water permeance "
            "of {flux} L/(m²·h·bar) and rejects at least {p} % of the target solutes, and its flux "
            "recovery remains above 90 % after {cycles} fouling–cleaning cycles. The process runs "
            "under mild conditions and is easy to scale up to continuous production."
        ),
        claim_en=(
            "1. A method for preparing a {property} {membrane}, characterised by comprising the "
            "following steps: (1) cleaning {base} and immersing it in a modification solution to "
            "form a functional layer on its surface by {modify}; (2) subjecting the membrane "
            "obtained in step (1) to interfacial polymerisation or heat treatment at 60–90 °C; "
            "(3) storing the resulting membrane in deionised water to obtain the {membrane}."
        ),
    ),
    TechTemplate(
        key="sludge",
        owners=("ctiee",),
        kinds=INV_UM,
        ipc_codes=("C02F 11/12", "C02F 11/04", "C02F 11/13"),
        locarno_class=None,
        title="一种{sludge}{process}{device}",
        abstract=(
            "{subject}公开了一种{sludge}{process}{device}，包括污泥储存仓、{pre}、{main}和尾气处理"
            "单元。污泥经{pre}改善脱水和降解性能后送入{main}，处理后含水率由约80%降至{w}%以下，减量化"
            "效果明显，产物可用于土地利用或建材原料。{subject}热能梯级利用，运行成本较传统工艺降低约"
            "{p}%。"
        ),
        claim=(
            "1.一种{sludge}{process}{device}，包括污泥储存仓(1)，其特征在于：所述污泥储存仓(1)的出口"
            "与{pre}(2)连通，所述{pre}(2)的出口通过输送泵(3)与{main}(4)连通，所述{main}(4)的排气口"
            "与尾气处理单元(5)连通。"
        ),
        slots={
            "sludge": ("市政污泥", "造纸污泥", "印染污泥", "餐厨垃圾与污泥", "河湖底泥"),
            "process": ("深度脱水", "低温干化", "高温热水解", "协同处理", "好氧堆肥"),
            "device": ("装置", "系统", "一体化设备"),
            "pre": ("调理搅拌罐", "热水解反应器", "破壁预处理单元", "絮凝调理单元"),
            "main": ("隔膜板框压滤机", "带式低温干化机", "螺旋推进干化机", "槽式发酵仓"),
        },
        numbers={"w": (30, 60), "p": (15, 40)},
        application_fields=("污泥处理处置", "市政环保", "固废资源化"),
        target_products=("污泥脱水设备", "污泥干化机", "有机肥原料"),
    ),
    TechTemplate(
        key="adsorbent",
        owners=("ctiee", "lhiam"),
        kinds=INV,
        ipc_codes=("B01J 20/20", "B01J 20/30", "C02F 1/28", "C02F 101/20"),
        locarno_class=None,
        title="一种{base}{material}吸附剂及其在{pollutant}去除中的应用",
        abstract=(
            "{subject}公开了一种{base}{material}吸附剂及其在{pollutant}去除中的应用。以{raw}为原料，经"
            "{prep}制得{material}，再进行{base}处理得到吸附剂，比表面积可达{s}m²/g。该吸附剂对"
            "{pollutant}的最大吸附容量为{q}mg/g，吸附在{h}小时内达到平衡，再生{n}次后吸附容量保持在"
            "初始值的80%以上。"
        ),
        claim=(
            "1.一种{base}{material}吸附剂的制备方法，其特征在于，包括以下步骤：(1)将{raw}洗涤、干燥、"
            "粉碎后，经{prep}得到{material}；(2)将所述{material}进行{base}处理，洗涤至中性后干燥，"
            "得到所述吸附剂。"
        ),
        slots={
            "base": ("铁锰改性", "巯基功能化", "氨基化", "镧负载", "磁性"),
            "material": ("生物炭", "沸石", "膨润土", "纤维素气凝胶", "介孔碳"),
            "pollutant": (
                "水中六价铬", "水体磷酸盐", "水中镉离子", "四环素类抗生素", "水中砷", "全氟化合物",
            ),
            "raw": ("农作物秸秆", "天然矿物", "竹屑", "废弃茶渣"),
            "prep": ("限氧热解", "酸洗活化", "水热碳化", "冷冻干燥"),
        },
        numbers={"s": (150, 900), "q": (40, 320), "h": (2, 12), "n": (4, 10)},
        application_fields=("水污染治理", "重金属废水处理", "农业面源污染控制"),
        target_products=("吸附材料", "除磷剂", "重金属捕集剂"),
    ),
    TechTemplate(
        key="soil_remediation",
        owners=("ctiee",),
        kinds=INV,
        ipc_codes=("B09C 1/08", "B09C 1/10", "C09K 17/40"),
        locarno_class=None,
        title="一种{contaminant}污染{soil}的{method}修复方法",
        abstract=(
            "{subject}公开了一种{contaminant}污染{soil}的{method}修复方法，包括污染调查与分区、"
            "{agent}施用、养护和效果评估步骤。按土壤干重的{x}%施加{agent}并混匀，养护{d}天后，土壤中"
            "{contaminant}有效态含量降低{p}%以上，修复后土壤满足相应用地标准。{subject}药剂用量少，"
            "对土壤结构扰动小，适合大面积推广。"
        ),
        claim=(
            "1.一种{contaminant}污染{soil}的{method}修复方法，其特征在于，包括以下步骤：(1)对污染区域"
            "进行采样检测并划分修复单元；(2)按土壤干重的{x}%向修复单元施加{agent}，翻耕混匀至深度"
            "20～30cm；(3)保持土壤含水率为田间持水量的60%～70%，养护{d}天；(4)检测修复效果。"
        ),
        slots={
            "contaminant": ("镉", "铅锌复合", "石油烃", "多环芳烃", "砷", "有机氯农药"),
            "soil": ("农田土壤", "矿区土壤", "工业场地土壤", "稻田土壤"),
            "method": ("钝化", "植物-微生物联合", "化学氧化", "原位淋洗", "生物强化"),
            "agent": ("复合钝化剂", "缓释氧化剂", "生物炭基菌剂", "可降解淋洗剂", "矿物调理剂"),
        },
        numbers={"x": (1, 5), "d": (15, 90), "p": (40, 90)},
        application_fields=("土壤污染修复", "耕地安全利用", "矿山生态修复"),
        target_products=("土壤钝化剂", "修复菌剂", "土壤调理剂"),
    ),
    TechTemplate(
        key="aluminium_alloy",
        owners=("lhiam",),
        kinds=INV,
        ipc_codes=("C22C 21/02", "C22C 21/10", "C22F 1/053", "C22F 1/043"),
        locarno_class=None,
        title="一种{feature}{alloy}及其{process}方法",
        abstract=(
            "{subject}公开了一种{feature}{alloy}及其{process}方法。按质量百分比计，该合金包括{e1}{a1}～"
            "{a2}%、{e2}{b1}～{b2}%和微量稀土元素，其余为铝和不可避免的杂质。通过{route}，合金抗拉强度"
            "达到{mpa}MPa，延伸率不低于{el}%。{subject}适用于{use}等领域，兼顾了强度、塑性和工艺性。"
        ),
        claim=(
            "1.一种{feature}{alloy}，其特征在于，按质量百分比计，由以下成分组成：{e1}{a1}～{a2}%，{e2}"
            "{b1}～{b2}%，稀土元素0.05～0.3%，Fe≤0.2%，其余为Al和不可避免的杂质。"
        ),
        slots={
            "feature": ("高强高韧", "耐腐蚀", "高导热", "免热处理", "高强可焊"),
            "alloy": ("铝硅合金", "铝锌镁铜合金", "铝镁合金", "再生铝合金", "压铸铝合金"),
            "process": ("制备", "热处理", "挤压成形", "熔炼"),
            "e1": ("硅", "锌"),
            "e2": ("镁", "铜", "锰"),
            "route": (
                "双级时效处理", "熔体净化与变质处理", "高压压铸与局部挤压", "均匀化退火与热挤压",
            ),
            "use": ("新能源汽车结构件", "轨道交通型材", "电子散热壳体", "一体化压铸车身"),
        },
        numbers={
            "a1": (4, 7), "a2": (8, 11), "b1": (1, 2), "b2": (3, 4), "mpa": (320, 620),
            "el": (6, 14),
        },
        application_fields=("有色金属", "汽车轻量化", "轨道交通"),
        target_products=("铝合金型材", "压铸件", "散热壳体"),
    ),
    TechTemplate(
        key="steel",
        owners=("lhiam",),
        kinds=INV,
        ipc_codes=("C21D 8/02", "C22C 38/04", "C21D 9/46", "C21D 1/18"),
        locarno_class=None,
        title="一种{grade}{product}的{process}工艺",
        abstract=(
            "{subject}公开了一种{grade}{product}的{process}工艺，钢的化学成分按质量百分比为C 0.0{c1}～"
            "0.{c2}%、Mn 1.{mn}%，并采用Nb、Ti微合金化，其余为Fe。工艺包括铁水预处理、转炉冶炼、"
            "炉外精炼、连铸和{process}等步骤，其中终轧温度控制在{t1}～{t2}℃。所得钢板屈服强度不低于"
            "{ys}MPa，-40℃冲击功大于{kv}J，满足{use}的要求。"
        ),
        claim=(
            "1.一种{grade}{product}的{process}工艺，其特征在于，钢的化学成分按质量百分比为：C 0.0{c1}～"
            "0.{c2}%，Si 0.15～0.40%，Mn 1.{mn}%，Nb 0.02～0.05%，Ti 0.01～0.02%，P≤0.015%，"
            "S≤0.005%，其余为Fe和不可避免的杂质；所述工艺包括{process}步骤，终轧温度为{t1}～{t2}℃。"
        ),
        slots={
            "grade": ("低屈强比", "高强度耐候", "低温韧性优良的", "耐磨", "抗氢致开裂"),
            "product": ("桥梁用钢板", "海洋工程用钢", "管线钢", "热轧带钢", "船体结构钢"),
            "process": ("控轧控冷", "淬火-回火", "在线热处理", "两相区轧制"),
            "use": ("大跨度桥梁", "海上风电", "油气长输管道", "工程机械", "极地船舶"),
        },
        numbers={
            "c1": (4, 8), "c2": (10, 16), "mn": (0, 6), "t1": (780, 820), "t2": (840, 880),
            "ys": (345, 690), "kv": (80, 220),
        },
        application_fields=("钢铁冶金", "桥梁与海工装备", "能源管道"),
        target_products=("中厚板", "管线钢", "耐候钢"),
    ),
    TechTemplate(
        key="coating",
        owners=("lhiam",),
        kinds=INV,
        ipc_codes=("C23C 4/134", "C23C 14/06", "C09D 5/08", "C23C 28/00"),
        locarno_class=None,
        title="一种{substrate}表面{coating}及其制备方法",
        abstract=(
            "{subject}公开了一种{substrate}表面{coating}及其制备方法。先对{substrate}进行除油、喷砂或"
            "离子清洗，再采用{method}依次沉积过渡层和功能层，涂层总厚度为{um}μm。所得涂层与基体的结合力"
            "达到{n}N，{performance}。{subject}工艺可控性好，可显著延长零部件的服役寿命。"
        ),
        claim=(
            "1.一种{substrate}表面{coating}的制备方法，其特征在于，包括以下步骤：(1)对{substrate}进行"
            "表面预处理；(2)采用{method}在预处理后的表面沉积过渡层；(3)采用{method}在所述过渡层上沉积"
            "功能层，使涂层总厚度为{um}μm。"
        ),
        slots={
            "substrate": (
                ("钛合金", "titanium alloy"),
                ("不锈钢", "stainless steel"),
                ("镁合金", "magnesium alloy"),
                ("硬质合金刀具", "cemented carbide tool"),
                ("海洋钢结构", "marine steel structure"),
                ("锂电池极耳", "lithium battery tab"),
            ),
            "coating": (
                ("耐磨防腐复合涂层", "wear-resistant anti-corrosion composite coating"),
                ("类金刚石薄膜", "diamond-like carbon film"),
                ("自润滑涂层", "self-lubricating coating"),
                ("热障涂层", "thermal barrier coating"),
                ("石墨烯改性防腐涂层", "graphene-modified anti-corrosion coating"),
                ("超疏水涂层", "superhydrophobic coating"),
            ),
            "method": (
                ("等离子喷涂", "plasma spraying"),
                ("磁控溅射", "magnetron sputtering"),
                ("超音速火焰喷涂", "high-velocity oxy-fuel spraying"),
                ("化学气相沉积", "chemical vapour deposition"),
                ("喷涂-固化", "spraying and curing"),
            ),
            "performance": (
                ("中性盐雾试验超过1000小时无锈蚀",
                 "shows no rust after more than 1000 hours of neutral salt-spray testing"),
                ("摩擦系数低于0.15", "has a friction coefficient below 0.15"),
                ("水接触角大于150°", "has a water contact angle above 150°"),
                ("在1000℃热循环条件下无剥落", "does not spall under thermal cycling at 1000 °C"),
            ),
        },
        numbers={"um": (5, 200), "n": (30, 80)},
        application_fields=(
            ("表面工程", "Surface engineering"),
            ("海洋防腐", "Marine corrosion protection"),
            ("高端装备零部件", "High-end equipment components"),
        ),
        target_products=(
            ("防腐涂层", "Anti-corrosion coatings"),
            ("耐磨涂层刀具", "Coated cutting tools"),
            ("热障涂层部件", "Thermal-barrier-coated parts"),
        ),
        title_en="{coating} on {substrate} surfaces and preparation method thereof",
        abstract_en=(
            "{Subject} discloses a {coating} on {substrate} surfaces and a preparation method "
            "thereof. After degreasing, sand blasting or ion cleaning of the {substrate}, a "
            "transition layer and a functional layer are deposited in turn by {method}, giving a "
            "total thickness of {um} μm. The coating adheres to the substrate with a critical load "
            "of {n} N and {performance}. The process is easy to control and markedly extends the "
            "service life of components."
        ),
        claim_en=(
            "1. A method for preparing a {coating} on {substrate} surfaces, characterised by "
            "comprising the following steps: (1) pre-treating the surface of the {substrate}; (2) "
            "depositing a transition layer on the pre-treated surface by {method}; (3) depositing a "
            "functional layer on the transition layer by {method}, so that the total coating "
            "thickness is {um} μm."
        ),
    ),
    TechTemplate(
        key="polymer_composite",
        owners=("lhiam",),
        kinds=INV,
        ipc_codes=("C08L 23/12", "C08K 3/04", "C08K 7/14", "C08L 67/04"),
        locarno_class=None,
        title="一种{property}{polymer}复合材料及其制备方法",
        abstract=(
            "{subject}公开了一种{property}{polymer}复合材料及其制备方法，按重量份计包括{polymer}{a}～"
            "{b}份、{filler}{c}～{d}份、相容剂3～8份和加工助剂0.5～2份，经高速混合后在双螺杆挤出机中"
            "熔融共混、挤出造粒制得。{filler}在基体中分散均匀并形成有效网络，复合材料{perf}，可用于"
            "{use}。"
        ),
        claim=(
            "1.一种{property}{polymer}复合材料，其特征在于，按重量份计，包括以下组分：{polymer}{a}～"
            "{b}份，{filler}{c}～{d}份，相容剂3～8份，抗氧剂0.2～0.5份，润滑剂0.3～1.5份。"
        ),
        slots={
            "property": ("阻燃", "高导热", "抗静电", "高韧性", "可降解", "耐候"),
            "polymer": ("聚丙烯", "聚乳酸", "聚对苯二甲酸丁二醇酯", "尼龙6", "聚碳酸酯", "聚苯硫醚"),
            "filler": ("改性石墨烯", "氮化硼", "玻璃纤维", "无卤阻燃剂", "竹纤维", "碳纳米管"),
            "perf": (
                "拉伸强度提高30%以上", "导热系数达到2W/(m·K)以上", "阻燃等级达到UL94 V-0级",
                "表面电阻稳定在10⁶～10⁹Ω",
            ),
            "use": ("新能源汽车部件", "电子电器外壳", "一次性餐具", "户外建材", "电池包结构件"),
        },
        numbers={"a": (50, 70), "b": (75, 90), "c": (5, 15), "d": (20, 40)},
        application_fields=("高分子材料", "改性塑料", "汽车与电子"),
        target_products=("改性塑料粒子", "导热塑料", "可降解制品"),
    ),
    TechTemplate(
        key="battery_recycling",
        owners=("lhiam", "minjiang"),
        kinds=INV,
        ipc_codes=("C22B 7/00", "C22B 26/12", "C22B 23/00", "H01M 10/54"),
        locarno_class=None,
        title="一种从{source}中{method}回收{metal}的方法",
        abstract=(
            "{subject}公开了一种从{source}中{method}回收{metal}的方法，包括放电拆解、破碎分选、"
            "{method}、除杂和产品制备步骤。在{t}℃、固液比1∶{r}的条件下处理{h}小时，{metal}的浸出率"
            "达{p}%以上，杂质铝、铜的去除率高；净化液经沉淀或结晶得到电池级产品。{subject}试剂消耗少、"
            "废水排放低，回收产品可直接回用于正极材料制备。"
        ),
        claim=(
            "1.一种从{source}中{method}回收{metal}的方法，其特征在于，包括以下步骤：(1)将{source}"
            "放电、拆解、破碎并分选得到电极粉料；(2)对电极粉料进行{method}处理，处理温度为{t}℃，固液比"
            "为1∶{r}，时间为{h}小时；(3)对所得溶液除杂净化后沉淀或结晶，得到含{metal}的产品。"
        ),
        slots={
            "source": ("废旧三元锂电池", "废旧磷酸铁锂电池", "电池生产废料", "退役动力电池黑粉"),
            "method": ("选择性浸出", "还原浸出", "低共熔溶剂浸出", "电化学浸出", "短流程湿法"),
            "metal": ("锂", "镍钴锰", "锂和铁磷", "钴"),
        },
        numbers={"t": (60, 95), "r": (5, 20), "h": (1, 6), "p": (92, 99)},
        application_fields=("电池回收", "再生资源", "新能源材料"),
        target_products=("电池级碳酸锂", "硫酸镍钴锰", "再生正极材料"),
    ),
)
