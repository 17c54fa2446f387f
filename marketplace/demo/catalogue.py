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
    _sme(
        1,
        "雅安青岚茶业有限公司",
        "Ya'an Qinglan Tea Co., Ltd.",
        "511803",
        "MA62T8KU",
        "510000",
        "雅安",
        _TEA,
        "杨晓梅",
        eligible=True,
    ),
    _sme(
        2,
        "贵州梵岭茶业有限公司",
        "Guizhou Fanling Tea Co., Ltd.",
        "520603",
        "MA6DKR41",
        "520000",
        "铜仁",
        _TEA,
        "吴承泽",
        eligible=True,
    ),
    _sme(
        3,
        "常州清源水务工程有限公司",
        "Changzhou Qingyuan Water Engineering Co., Ltd.",
        "320411",
        "75143928",
        "320000",
        "常州",
        _WATER,
        "周立诚",
        eligible=False,
    ),
    _sme(
        4,
        "南宁绿源环保科技有限公司",
        "Nanning Lvyuan Environmental Technology Co., Ltd.",
        "450103",
        "MA5L2HJ9",
        "450000",
        "南宁",
        ("农村污水治理", "Rural wastewater treatment"),
        "韦光明",
        eligible=True,
    ),
    _sme(
        5,
        "合肥锂航新能源科技有限公司",
        "Hefei Lihang New Energy Technology Co., Ltd.",
        "340111",
        "MA2TG6P0",
        "340000",
        "合肥",
        _BATTERY,
        "许文博",
        eligible=False,
        locale="en",
    ),
    _sme(
        6,
        "赣州锐锂材料科技有限公司",
        "Ganzhou Ruili Materials Technology Co., Ltd.",
        "360703",
        "MA39BW5E",
        "360000",
        "赣州",
        ("电池材料与回收", "Battery materials and recycling"),
        "钟永辉",
        eligible=True,
    ),
    _sme(
        7,
        "潍坊沃野农业机械有限公司",
        "Weifang Woye Agricultural Machinery Co., Ltd.",
        "370786",
        "69381045",
        "370000",
        "潍坊",
        _AGRI_MACHINERY,
        "孙德厚",
        eligible=True,
    ),
    _sme(
        8,
        "洛阳金穗农机装备有限公司",
        "Luoyang Jinsui Agricultural Equipment Co., Ltd.",
        "410311",
        "MA44N7CX",
        "410000",
        "洛阳",
        _AGRI_MACHINERY,
        "马俊峰",
        eligible=True,
    ),
    _sme(
        9,
        "深圳安澜医疗器械有限公司",
        "Shenzhen Anlan Medical Devices Co., Ltd.",
        "440305",
        "MA5F3Q8R",
        "440000",
        "深圳",
        _MEDICAL,
        "陈思远",
        eligible=False,
        locale="en",
    ),
    _sme(
        10,
        "长沙普济医疗科技有限公司",
        "Changsha Puji Medical Technology Co., Ltd.",
        "430104",
        "MA4R1K2Y",
        "430000",
        "长沙",
        ("康复医疗器械", "Rehabilitation devices"),
        "谭丽君",
        eligible=True,
    ),
    _sme(
        11,
        "宁波敏锐智能装备有限公司",
        "Ningbo Minrui Intelligent Equipment Co., Ltd.",
        "330212",
        "MA2GP5L6",
        "330000",
        "宁波",
        _SMART_MFG,
        "应佳辉",
        eligible=True,
    ),
    _sme(
        12,
        "东莞联创精密机械有限公司",
        "Dongguan Lianchuang Precision Machinery Co., Ltd.",
        "441900",
        "77308512",
        "440000",
        "东莞",
        ("精密加工", "Precision machining"),
        "叶国栋",
        eligible=False,
    ),
    _sme(
        13,
        "漯河禾香食品有限公司",
        "Luohe Hexiang Foods Co., Ltd.",
        "411102",
        "MA3X7Y0B",
        "410000",
        "漯河",
        _FOOD,
        "赵春燕",
        eligible=True,
    ),
    _sme(
        14,
        "重庆味源食品科技有限公司",
        "Chongqing Weiyuan Food Technology Co., Ltd.",
        "500113",
        "MA5UBC37",
        "500000",
        "重庆",
        _FOOD,
        "冉小川",
        eligible=True,
    ),
    _sme(
        15,
        "绍兴越锦纺织印染有限公司",
        "Shaoxing Yuejin Textile Printing and Dyeing Co., Ltd.",
        "330603",
        "14582096",
        "330000",
        "绍兴",
        _TEXTILE,
        "沈建华",
        eligible=False,
    ),
    _sme(
        16,
        "南通蓝海家纺有限公司",
        "Nantong Lanhai Home Textiles Co., Ltd.",
        "320612",
        "MA1PRE44",
        "320000",
        "南通",
        ("家用纺织品", "Home textiles"),
        "曹雅琴",
        eligible=True,
    ),
    _sme(
        17,
        "唐山燕石新型建材有限公司",
        "Tangshan Yanshi New Building Materials Co., Ltd.",
        "130203",
        "MA0D8LT2",
        "130000",
        "唐山",
        _BUILDING,
        "高振宇",
        eligible=True,
    ),
    _sme(
        18,
        "西安秦筑装配式建筑科技有限公司",
        "Xi'an Qinzhu Prefabricated Building Technology Co., Ltd.",
        "610116",
        "MA6WH9N5",
        "610000",
        "西安",
        _BUILDING,
        "雷鸣",
        eligible=True,
    ),
    _sme(
        19,
        "昆明滇绿生物科技有限公司",
        "Kunming Dianlv Biotechnology Co., Ltd.",
        "530114",
        "MA6P0A1D",
        "530000",
        "昆明",
        ("生物农药与微生物肥料", "Bio-pesticides and microbial fertilisers"),
        "段丽萍",
        eligible=True,
    ),
    _sme(
        20,
        "哈尔滨北辰热能设备有限公司",
        "Harbin Beichen Thermal Equipment Co., Ltd.",
        "230109",
        "MA1BQ3JX",
        "230000",
        "哈尔滨",
        ("清洁供暖", "Clean heating"),
        "于海涛",
        eligible=True,
    ),
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
                ("理条机", "strip-shaping machine"),
                ("烘干提香装置", "drying and aroma-enhancing device"),
                ("连续烘焙机", "continuous roasting machine"),
                ("炒干机", "pan-drying machine"),
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
            "t1": (22, 26),
            "t2": (28, 32),
            "h1": (85, 95),
            "m1": (2, 4),
            "m2": (5, 8),
            "w1": (60, 64),
            "w2": (66, 70),
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
                "西南丘陵小地块作业",
                "稻茬田免耕直播",
                "黏重土壤条件下作业",
                "大田规模化作业",
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
                "自适应割台",
                "清选装置",
                "防堵输送装置",
                "低损脱粒装置",
                "茎秆切碎抛撒装置",
            ),
            "core": (
                "浮动仿形机构",
                "变转速执行机构",
                "柔性作业部件",
                "自适应调节机构",
            ),
            "effect": (
                "减少了夹带损失和堵塞停机",
                "降低了籽粒破碎率",
                "显著改善了丘陵地块的适应性",
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
                "用于草莓立体栽培的",
                "用于叶菜工厂化生产的",
                "用于育苗温室的",
                "用于山地日光温室的",
                "用于食用菌出菇房的",
                "用于茶苗扦插繁育的",
            ),
            "system": (
                "水肥一体化灌溉装置",
                "潮汐式育苗床",
                "环境智能调控系统",
                "营养液循环消毒装置",
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
            "管理中心，保藏编号为CGMCC No.{acc}。平板对峙试验表明，该菌株对{disease}病原菌的抑"
            "菌率达{p1}%以上；将其发酵液制成{form}后田间施用，防治效果达{p2}%，与常用化学药剂相当。该菌株"
            "还能分泌{metab}，兼具促生作用，可用于制备生物农药或微生物菌肥，减少化学农药用量。"
        ),
        claim=(
            "1.一株{microbe}SW{s1}，其特征在于，所述菌株保藏于中国普通微生物菌种保藏管理中心，保藏"
            "编号为CGMCC No.{acc}。"
        ),
        slots={
            "disease": (
                "茶炭疽病",
                "水稻纹枯病",
                "辣椒疫病",
                "猕猴桃溃疡病",
                "柑橘绿霉病",
                "魔芋软腐病",
            ),
            "microbe": (
                "贝莱斯芽孢杆菌",
                "解淀粉芽孢杆菌",
                "枯草芽孢杆菌",
                "甲基营养型芽孢杆菌",
                "短小芽孢杆菌",
            ),
            "form": ("可湿性粉剂", "悬浮剂", "水分散粒剂", "微生物菌剂"),
            "metab": (
                "表面活性素和伊枯草菌素",
                "吲哚乙酸和铁载体",
                "几丁质酶与葡聚糖酶",
                "挥发性抑菌物质",
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
            "{subject}公开了一种{animal}{device}，包括支架、工作部件、驱动机构和控制器。工作部件沿圈舍纵向布置，驱动机构按控制器预设的时间表或传感器信号自动运行，{benefit}。{subject}结构简单、安装方便，可直接改造现有圈舍，降低了人工劳动强度和圈舍内的氨气浓度。"
        ),
        claim=(
            "1.一种{animal}{device}，包括支架(1)，其特征在于：所述支架(1)上设置有工作部件(2)，所述工作部件(2)与驱动机构(3)传动连接，所述驱动机构(3)与控制器(4)电连接，所述控制器(4)连接有用于检测圈舍环境参数的传感器(5)。"
        ),
        slots={
            "animal": (
                "生猪养殖用",
                "肉牛养殖用",
                "蛋鸡笼养用",
                "山羊舍饲用",
                "肉兔养殖用",
                "牦牛养殖用",
            ),
            "device": (
                "刮板式自动清粪装置",
                "螺旋定量饲喂装置",
                "恒温饮水装置",
                "风机湿帘通风装置",
                "螺旋挤压式粪污分离装置",
            ),
            "benefit": (
                "实现了无人值守运行",
                "运行平稳、故障率低",
                "可按养殖规模灵活扩展",
                "减少了人工巡检次数",
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
                "复合饮料",
                "冻干脆片",
                "速溶固体饮料",
                "高纤代餐粉",
                "发酵饮品",
                "低糖果冻",
            ),
            "aux": ("低聚果糖", "赤藓糖醇", "燕麦β-葡聚糖", "菊粉", "蜂蜜"),
            "process": (
                "清洗、护色、打浆、酶解、均质和杀菌",
                "预处理、真空冷冻干燥和分级包装",
                "接种益生菌发酵、调配和灌装",
                "超微粉碎、复配和造粒",
            ),
            "nutrient": (
                "膳食纤维与多酚类物质",
                "维生素C和SOD活性",
                "β-葡聚糖",
                "花青素",
                "黄酮类物质",
            ),
            "quality": (
                "口感细腻、色泽自然",
                "冲调性好、无结块",
                "酸甜适口、风味独特",
                "低糖低脂、饱腹感强",
            ),
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
                "乙醇回流提取、大孔树脂纯化",
                "超声辅助水提、醇沉",
                "酶解辅助提取、膜浓缩",
                "超临界CO2萃取",
            ),
            "effect": (
                "降低模型小鼠空腹血糖",
                "降低血清ALT、AST水平",
                "提高SOD和GSH-Px活性",
                "抑制炎症因子TNF-α和IL-6的表达",
                "延长小鼠睡眠时间",
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
                (
                    "数字温度传感器与三轴加速度计",
                    "a digital temperature sensor with an accelerometer",
                ),
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
                "上肢康复训练装置",
                "助行器",
                "手指康复训练器",
                "防褥疮翻身辅助装置",
                "踝关节康复训练器",
            ),
            "mech": (
                "可调节支撑臂",
                "连杆传动机构",
                "滑轨调节机构",
                "柔性气动驱动组件",
                "摆动驱动机构",
            ),
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
        title="一种{source}{device}",
        abstract=(
            "{subject}公开了一种{source}{device}，包括预处理单元、主处理单元、风机和在线监测单元。废气经预处理单元去除{pre}后进入主处理单元，在停留时间约{s}秒的条件下完成污染物的分解或捕集，净化效率可达{p1}%以上；在线监测单元实时检测出口浓度并反馈调节风量。{subject}运行能耗低、占地面积小，排放满足现行国家和地方标准。"
        ),
        claim=(
            "1.一种{source}{device}，包括依次连通的预处理单元(1)、主处理单元(2)和风机(3)，"
            "其特征在于：所述主处理单元(2)的出口管道上设置有在线监测单元(4)，所述在线监测单元(4)与"
            "控制器(5)电连接，所述控制器(5)根据所述在线监测单元(4)的检测信号调节所述风机(3)的转速；"
            "所述预处理单元(1)用于去除废气中的{pre}。"
        ),
        slots={
            "source": (
                "喷涂车间挥发性有机物",
                "污水处理厂恶臭气体",
                "锂电池生产含氟废气",
                "餐饮油烟",
                "陶瓷窑炉含尘烟气",
                "垃圾中转站恶臭气体",
                "化工园区VOCs",
            ),
            "device": (
                "组合式净化装置",
                "多级净化系统",
                "吸附浓缩净化装置",
                "喷淋洗涤净化塔",
                "低温等离子协同净化装置",
            ),
            "pre": ("大颗粒粉尘和漆雾", "水汽与油雾", "酸性组分", "粘性颗粒物"),
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
                "甲苯催化氧化",
                "氮氧化物低温选择性还原",
                "苯酚废水催化湿式氧化",
                "CO2加氢制甲醇",
                "甲醛室温降解",
                "糠醛选择性加氢",
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
                "用于钢结构箱型梁的",
                "用于电池托盘的",
                "用于管道环缝的",
                "用于工程机械结构件的",
                "用于铝合金车体的",
            ),
            "device": (
                "机器人焊接工作站",
                "焊缝视觉跟踪装置",
                "自动焊接装置",
                "激光-电弧复合焊接装置",
                "焊接质量在线检测装置",
            ),
            "key": (
                "线结构光传感器",
                "激光视觉传感器",
                "电弧传感模块",
                "红外热像仪",
                "双目相机",
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
            "grasp the object, while the sensing unit on the contact surfaces feeds back grip "
            "force and slip so that the controller can adjust the clamping force and avoid "
            "damaging the object. Objects of various sizes and shapes can be handled, a single "
            "grasp takes no more than {ms} ms, and the device can be quick-changed on different "
            "industrial robots."
        ),
        claim_en=(
            "1. {A_title}, comprising a connecting flange (1), characterised in that {core} (2) "
            "and at least two finger assemblies (3) are arranged below the connecting flange (1), "
            "the finger assemblies (3) open and close under {drive}, and a sensing unit (4) for "
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
            "{subject}公开了一种{scene}{device}，包括输送机架、{conv}、检测组件和执行组件。检测组件识别输送物的位置、尺寸或重量后，控制器驱动执行组件完成转向、分流、剔除或码放等动作，处理能力可达每小时{n}件。{subject}结构紧凑，减少了人工搬运和分拣差错。"
        ),
        claim=(
            "1.一种{scene}{device}，包括输送机架(1)，其特征在于：所述输送机架(1)上安装有{conv}(2)，"
            "所述{conv}(2)上方设置有检测组件(3)，所述{conv}(2)一侧设置有执行组件(4)，所述检测组件(3)"
            "和所述执行组件(4)均与控制器(5)电连接。"
        ),
        slots={
            "scene": (
                "用于快递包裹的",
                "用于茶叶包装线的",
                "用于电池模组产线的",
                "用于冷链仓储的",
                "用于建材板材的",
            ),
            "device": (
                "自动分拣输送装置",
                "转向输送机构",
                "称重剔除装置",
                "积放式辊道输送线",
                "自动码垛装置",
            ),
            "conv": ("同步带输送线", "电动滚筒辊道", "模块化网带", "链板输送线"),
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
                ("电池包快换结构", "quick-change battery-pack structure"),
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
            "waste": (
                "建筑垃圾",
                "厨余垃圾",
                "废旧锂电池",
                "农村生活垃圾",
                "废塑料",
                "园林绿化废弃物",
            ),
            "device": (
                "破碎分选装置",
                "滚筒筛分装置",
                "智能分拣系统",
                "资源化处理设备",
                "预处理装置",
            ),
            "crusher": ("双轴剪切破碎机", "锤式破碎机", "低温冷冻破碎单元", "撕碎机"),
            "separator": (
                "风选与涡电流分选组合单元",
                "滚筒筛与磁选组合单元",
                "近红外光谱分选机",
                "重介质分选槽",
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
                "印染废水",
                "制药废水",
                "焦化废水",
                "垃圾渗滤液膜浓缩液",
                "农药废水",
                "化工园区尾水",
            ),
            "method": (
                "臭氧催化氧化",
                "电催化氧化",
                "过硫酸盐活化氧化",
                "电芬顿",
                "光催化耦合臭氧",
            ),
            "reactor": ("填充床反应器", "三维电极反应器", "连续流管式反应器", "曝气式反应塔"),
            "catalyst": (
                "负载型锰铜氧化物催化剂",
                "掺硼金刚石电极",
                "钴铁双金属催化剂",
                "改性活性炭",
            ),
        },
        numbers={
            "ph1": (3, 6),
            "ph2": (7, 9),
            "min": (30, 120),
            "cod": (30, 80),
            "p": (85, 98),
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
                "水中六价铬",
                "水体磷酸盐",
                "水中镉离子",
                "四环素类抗生素",
                "水中砷",
                "全氟化合物",
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
            "alloy": (
                "铝合金",
                "变形铝合金",
                "铸造铝合金",
                "再生铝合金",
                "压铸铝合金",
            ),
            "process": ("制备", "热处理", "挤压成形", "熔炼"),
            "e1": ("硅", "锌"),
            "e2": ("镁", "铜", "锰"),
            "route": (
                "双级时效处理",
                "熔体净化与变质处理",
                "高压压铸与局部挤压",
                "均匀化退火与热挤压",
            ),
            "use": ("新能源汽车结构件", "轨道交通型材", "电子散热壳体", "一体化压铸车身"),
        },
        numbers={
            "a1": (4, 7),
            "a2": (8, 11),
            "b1": (1, 2),
            "b2": (3, 4),
            "mpa": (320, 620),
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
            "{subject}公开了一种{grade}{product}的{process}工艺，钢的化学成分按质量百分比为C 0.0{c"
            "1}～0.{c2}%、Mn 1.{mn}%，并采用Nb、Ti微合金化，其余为Fe。工艺包括铁水预处理、转炉"
            "冶炼、炉外精炼、连铸和{process}等步骤，其中终轧温度控制在{t1}～{t2}℃。所得钢板屈服强度不低于"
            "{ys}MPa，-40℃冲击功大于{kv}J，满足{use}的要求。"
        ),
        claim=(
            "1.一种{grade}{product}的{process}工艺，其特征在于，钢的化学成分按质量百分比为：C 0.0{c"
            "1}～0.{c2}%，Si 0.15～0.40%，Mn 1.{mn}%，Nb 0.02～0.05%，Ti 0.01～0.02%，P≤0.015%，"
            "S≤0.005%，其余为Fe和不可避免的杂质；所述工艺包括{process}步骤，终轧温度为{t1}～{t2}℃。"
        ),
        slots={
            "grade": ("低屈强比", "高强度耐候", "低温韧性优良的", "耐磨", "抗氢致开裂"),
            "product": ("桥梁用钢板", "海洋工程用钢", "管线钢", "热轧带钢", "船体结构钢"),
            "process": ("控轧控冷", "淬火-回火", "在线热处理", "两相区轧制"),
            "use": ("大跨度桥梁", "海上风电", "油气长输管道", "工程机械", "极地船舶"),
        },
        numbers={
            "c1": (4, 8),
            "c2": (10, 16),
            "mn": (0, 6),
            "t1": (780, 820),
            "t2": (840, 880),
            "ys": (345, 690),
            "kv": (80, 220),
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
                (
                    "中性盐雾试验超过1000小时无锈蚀",
                    "shows no rust after more than 1000 hours of neutral salt-spray testing",
                ),
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
            "depositing a transition layer on the pre-treated surface by {method}; (3) depositing "
            "a functional layer on the transition layer by {method}, so that the total coating "
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
            "polymer": (
                "聚丙烯",
                "聚乳酸",
                "聚对苯二甲酸丁二醇酯",
                "尼龙6",
                "聚碳酸酯",
                "聚苯硫醚",
            ),
            "filler": ("改性石墨烯", "氮化硼", "玻璃纤维", "无卤阻燃剂", "竹纤维", "碳纳米管"),
            "perf": (
                "拉伸强度提高30%以上",
                "导热系数达到2W/(m·K)以上",
                "阻燃等级达到UL94 V-0级",
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
            "source": (
                "废旧三元锂电池",
                "电池生产废料",
                "退役动力电池黑粉",
                "废旧钴酸锂电池",
            ),
            "method": ("选择性浸出", "还原浸出", "低共熔溶剂浸出", "电化学浸出", "短流程湿法"),
            "metal": (
                "锂",
                "镍钴锰",
                "有价金属",
                "钴",
                "锂和镍",
            ),
        },
        numbers={"t": (60, 95), "r": (5, 20), "h": (1, 6), "p": (92, 99)},
        application_fields=("电池回收", "再生资源", "新能源材料"),
        target_products=("电池级碳酸锂", "硫酸镍钴锰", "再生正极材料"),
    ),
)

TEMPLATES_DEF: Final[tuple[TechTemplate, ...]] = (
    # --------------------------------------------------------------------- D: textiles
    TechTemplate(
        key="functional_fibre",
        owners=("lhiam",),
        kinds=INV,
        ipc_codes=("D01F 6/62", "D01F 1/10", "D01D 5/08", "D01F 8/14"),
        locarno_class=None,
        title="一种{function}{fibre}及其制备方法",
        abstract=(
            "{subject}公开了一种{function}{fibre}及其制备方法。将{additive}与载体树脂制成功能母粒，"
            "按{x}%的添加量与纤维级切片共混后进行{spin}，经拉伸、定型得到{fibre}。所得纤维断裂强度不低于"
            "{cn}cN/dtex，经{w}次标准洗涤后功能性能仍保持良好。{subject}功能助剂分散均匀、可纺性好，"
            "适用于{use}。"
        ),
        claim=(
            "1.一种{function}{fibre}的制备方法，其特征在于，包括以下步骤：(1)将{additive}与载体树脂"
            "熔融共混，制备功能母粒；(2)按{x}%的添加量将所述功能母粒与纤维级切片共混并干燥；(3)进行"
            "{spin}，再经拉伸和热定型得到{function}{fibre}。"
        ),
        slots={
            "function": ("抗菌", "阻燃", "远红外保暖", "凉感", "抗紫外", "吸湿排汗"),
            "fibre": ("聚酯纤维", "锦纶长丝", "再生纤维素纤维", "皮芯复合纤维", "聚乳酸纤维"),
            "additive": (
                "纳米氧化锌",
                "磷系阻燃剂",
                "远红外陶瓷粉",
                "云母凉感粉",
                "纳米二氧化钛",
                "银系抗菌剂",
            ),
            "spin": ("熔融纺丝", "皮芯复合纺丝", "湿法纺丝"),
            "use": ("运动服饰", "家纺面料", "医用纺织品", "户外服装", "内衣面料"),
        },
        numbers={"x": (2, 8), "cn": (3, 5), "w": (30, 50)},
        application_fields=("功能纺织品", "化纤生产", "家用纺织品"),
        target_products=("功能纤维", "功能母粒", "功能面料"),
    ),
    TechTemplate(
        key="textile_finishing",
        owners=("lhiam",),
        kinds=INV,
        ipc_codes=("D06M 15/564", "D06M 16/00", "D06M 11/83", "D06M 101/32"),
        locarno_class=None,
        title="一种{fabric}的{finish}整理方法",
        abstract=(
            "{subject}公开了一种{fabric}的{finish}整理方法，采用{agent}配制整理液，织物经二浸二轧"
            "（轧余率约{r}%）后在{t1}℃预烘、{t2}℃焙烘。整理后的织物{effect}，手感和透气性基本不受影响，"
            "经{w}次水洗后性能保持率在80%以上。{subject}不使用含氟化合物和甲醛类助剂，生产过程环保。"
        ),
        claim=(
            "1.一种{fabric}的{finish}整理方法，其特征在于，包括以下步骤：(1)以{agent}为主要成分配制"
            "整理液；(2)将{fabric}在所述整理液中二浸二轧，轧余率为{r}%；(3)在{t1}℃下预烘后于{t2}℃下"
            "焙烘1～3分钟。"
        ),
        slots={
            "fabric": (
                "涤棉混纺织物",
                "真丝织物",
                "羊毛织物",
                "锦纶面料",
                "苎麻织物",
                "莱赛尔织物",
            ),
            "finish": ("无氟拒水", "抗菌防臭", "防皱免烫", "阻燃", "防紫外", "亲水柔软"),
            "agent": (
                "改性有机硅乳液",
                "壳聚糖季铵盐",
                "水性聚氨酯交联剂",
                "植物多酚提取液",
                "磷氮协效阻燃剂",
            ),
            "effect": (
                "拒水等级达到4级",
                "对金黄色葡萄球菌的抑菌率大于99%",
                "折皱回复角提高40%以上",
                "极限氧指数达到28%以上",
                "紫外线防护系数UPF大于50",
            ),
        },
        numbers={"r": (60, 80), "t1": (90, 110), "t2": (150, 180), "w": (20, 50)},
        application_fields=("纺织印染", "功能面料", "绿色制造"),
        target_products=("拒水面料", "抗菌家纺", "免烫衬衫面料"),
    ),
    # ------------------------------------------------------------------ E: construction
    TechTemplate(
        key="prefab_building",
        owners=("prut",),
        kinds=INV_UM,
        ipc_codes=("E04B 1/38", "E04B 1/61", "E04B 1/58", "E04G 21/14", "E04B 1/98"),
        locarno_class=None,
        title="一种{element}{joint}{kind}",
        abstract=(
            "{subject}公开了一种{element}{joint}{kind}，包括{part1}、{part2}和紧固组件。{part1}预埋"
            "或焊接于构件端部，现场安装时通过{part2}对位并由紧固组件锁紧，无需或仅需少量湿作业即可完成"
            "连接，连接部位承载力不低于构件本身。{subject}施工速度快，安装误差可调，并具有良好的抗震"
            "和耗能能力。"
        ),
        claim=(
            "1.一种{element}{joint}{kind}，包括相互连接的第一构件(1)和第二构件(2)，其特征在于：所述"
            "第一构件(1)的端部固定有{part1}(3)，所述第二构件(2)的端部设置有与所述{part1}(3)对应的"
            "{part2}(4)，所述{part1}(3)与所述{part2}(4)通过紧固组件(5)可拆卸连接。"
        ),
        slots={
            "element": (
                "装配式混凝土剪力墙",
                "装配式钢结构梁柱",
                "叠合楼板",
                "预制外墙板",
                "模块化建筑单元",
                "装配式轻钢龙骨",
            ),
            "joint": ("干式连接", "抗震耗能", "套筒灌浆", "螺栓快速", "榫卯式"),
            "kind": ("连接结构", "节点", "连接装置"),
            "part1": ("预埋钢连接件", "端板", "灌浆套筒", "企口连接槽"),
            "part2": ("可调定位销", "耗能阻尼片", "高强螺栓组", "楔形卡块"),
        },
        application_fields=("装配式建筑", "建筑工业化", "抗震加固"),
        target_products=("预制构件", "连接件", "模块化建筑"),
    ),
    TechTemplate(
        key="sponge_city",
        owners=("prut", "ctiee"),
        kinds=UM,
        ipc_codes=("E03F 5/10", "E02D 17/20", "E03B 3/02", "E01C 11/22"),
        locarno_class=None,
        title="一种{scene}{device}",
        abstract=(
            "{subject}公开了一种{scene}{device}，由{layer1}、{layer2}和排水组件组成。降雨时雨水经"
            "{layer1}下渗，在{layer2}中滞留、过滤，超出部分经排水组件有组织排出，年径流总量控制率可达"
            "{p}%以上。{subject}构造简单、可就地取材，兼顾防冲刷、蓄水和景观功能，降低了后期维护成本。"
        ),
        claim=(
            "1.一种{scene}{device}，包括自上而下依次设置的{layer1}(1)和{layer2}(2)，其特征在于：所述"
            "{layer2}(2)底部铺设有防渗土工膜(3)，所述{layer2}(2)内设置有排水组件(4)，所述排水组件(4)"
            "的出口与市政排水管网或回用水池(5)连通。"
        ),
        slots={
            "scene": (
                "用于海绵城市道路的",
                "用于山区公路边坡的",
                "用于老旧小区改造的",
                "用于公园绿地的",
                "用于尾矿库坝体的",
            ),
            "device": (
                "生态护坡结构",
                "雨水收集回用装置",
                "透水铺装结构",
                "下沉式绿地溢流装置",
                "排水沟渗滤结构",
            ),
            "layer1": ("植被层", "透水混凝土面层", "生态袋层", "碎石过滤层"),
            "layer2": ("蓄水模块层", "改良种植土层", "砾石储水层", "土工格室层"),
        },
        numbers={"p": (70, 90)},
        application_fields=("海绵城市", "生态修复", "市政工程"),
        target_products=("透水铺装", "雨水模块", "生态护坡材料"),
    ),
    TechTemplate(
        key="concrete",
        owners=("lhiam", "prut"),
        kinds=INV,
        ipc_codes=("C04B 28/04", "C04B 18/04", "C04B 111/20", "C04B 16/06"),
        locarno_class=None,
        title="一种掺{waste}的{property}{concrete}及其制备方法",
        abstract=(
            "{subject}公开了一种掺{waste}的{property}{concrete}及其制备方法，按质量份计包括水泥{a}～"
            "{b}份、{waste}{c}～{d}份、{admix}、减水剂和水。{waste}经{treat}后取代部分水泥或天然骨料，"
            "配合{admix}优化孔结构，所得{concrete}28天抗压强度达到{mpa}MPa，{perf}。{subject}实现了"
            "工业固废的资源化利用，降低了碳排放和成本。"
        ),
        claim=(
            "1.一种掺{waste}的{property}{concrete}，其特征在于，按质量份计，由以下原料制成：水泥{a}～"
            "{b}份，{waste}{c}～{d}份，{admix}10～40份，减水剂3～8份，水140～180份；其中所述{waste}"
            "经{treat}处理。"
        ),
        slots={
            "waste": ("钢渣", "建筑再生骨料", "粉煤灰", "磷石膏", "尾矿砂", "赤泥"),
            "property": ("低碳", "高抗渗", "早强", "抗冻", "自密实", "高耐久"),
            "concrete": ("混凝土", "砂浆", "胶凝材料"),
            "admix": ("硅灰", "聚丙烯纤维", "纳米二氧化硅", "引气剂", "矿粉"),
            "treat": ("陈化与磁选", "机械活化", "煅烧改性", "强化破碎整形"),
            "perf": (
                "氯离子扩散系数显著降低",
                "抗冻等级达到F300",
                "流动性和间隙通过性良好",
                "干燥收缩率明显降低",
            ),
        },
        numbers={
            "a": (200, 300),
            "b": (320, 420),
            "c": (80, 150),
            "d": (160, 260),
            "mpa": (35, 70),
        },
        application_fields=("建筑材料", "固废资源化", "基础设施建设"),
        target_products=("商品混凝土", "干混砂浆", "低碳胶凝材料"),
    ),
    # ------------------------------------------------- F: engineering, lighting, heating
    TechTemplate(
        key="heat_pump",
        owners=("dhut", "sujin"),
        kinds=INV_UM,
        ipc_codes=("F25B 30/02", "F24D 15/04", "F24D 3/18", "F24F 11/46"),
        locarno_class=None,
        title="一种{scene}{device}",
        abstract=(
            "{subject}公开了一种{scene}{device}，包括压缩机、{hx}、节流装置、蒸发器和控制器。系统采用"
            "{cycle}，在环境温度低至-{tmin}℃时仍能稳定制取{tw}℃以上的热水或热风，制热性能系数（COP）"
            "达到{cop1}.{cop2}以上；控制器根据蒸发器翅片温度与环境湿度智能判断除霜时机，减少无效除霜。"
            "{subject}节能效果显著，可替代燃煤锅炉。"
        ),
        claim=(
            "1.一种{scene}{device}，包括通过管路依次连接形成循环回路的压缩机(1)、{hx}(2)、节流装置(3)"
            "和蒸发器(4)，其特征在于：所述蒸发器(4)的翅片上设置有温度传感器(5)，所述蒸发器(4)附近"
            "设置有湿度传感器(6)，所述温度传感器(5)、所述湿度传感器(6)和所述压缩机(1)均与控制器(7)"
            "电连接，所述控制器(7)用于根据检测信号控制除霜。"
        ),
        slots={
            "scene": (
                ("用于北方农村清洁供暖的", "for clean heating in northern rural areas"),
                ("用于烟叶烘烤的", "for tobacco curing"),
                ("用于数据中心余热回收的", "for data-centre waste-heat recovery"),
                ("超低温环境用", "for ultra-low ambient temperatures"),
                ("用于工业废水余热回收的", "for heat recovery from industrial wastewater"),
            ),
            "device": (
                ("空气源热泵机组", "air-source heat pump unit"),
                ("复叠式热泵系统", "cascade heat pump system"),
                ("热泵烘干系统", "heat pump drying system"),
                ("相变蓄热热泵装置", "phase-change heat-storage heat pump"),
                ("热泵除霜控制装置", "heat pump defrosting control device"),
            ),
            "hx": (
                ("板式冷凝器", "a plate condenser"),
                ("套管式换热器", "a tube-in-tube heat exchanger"),
                ("微通道冷凝器", "a microchannel condenser"),
                ("相变蓄热换热器", "a phase-change heat-storage exchanger"),
            ),
            "cycle": (
                ("补气增焓循环", "an enhanced vapour-injection cycle"),
                ("复叠式循环", "a cascade cycle"),
                ("二氧化碳跨临界循环", "a transcritical CO2 cycle"),
                ("双级压缩循环", "a two-stage compression cycle"),
            ),
        },
        numbers={"tmin": (15, 35), "tw": (45, 75), "cop1": (2, 3), "cop2": (0, 9)},
        application_fields=(
            ("清洁供暖", "Clean heating"),
            ("农产品烘干", "Agricultural drying"),
            ("余热回收", "Waste-heat recovery"),
        ),
        target_products=(
            ("空气源热泵", "Air-source heat pumps"),
            ("热泵烘干机", "Heat pump dryers"),
            ("热泵热水机组", "Heat pump water heaters"),
        ),
        title_en="{device} {scene}",
        abstract_en=(
            "{Subject} discloses {a_title}, comprising a compressor, {hx}, a throttling device, an "
            "evaporator and a controller. Using {cycle}, the system still delivers hot water or "
            "hot air above {tw} °C at ambient temperatures as low as −{tmin} °C, with a "
            "coefficient of performance (COP) above {cop1}.{cop2}; the controller decides when to "
            "defrost from the fin temperature of the evaporator and the ambient humidity, avoiding "
            "unnecessary defrosting. The energy savings are substantial and the system can replace "
            "coal-fired boilers."
        ),
        claim_en=(
            "1. {A_title}, comprising a compressor (1), {hx} (2), a throttling device (3) and an "
            "evaporator (4) connected by pipes into a circuit, characterised in that a temperature "
            "sensor (5) is arranged on the fins of the evaporator (4) and a humidity sensor (6) "
            "near it, and the sensors (5, 6) and the compressor (1) are electrically connected to "
            "a controller (7) which controls defrosting according to the detected signals."
        ),
    ),
    TechTemplate(
        key="led_lighting",
        owners=("prut", "sujin"),
        kinds=UM,
        ipc_codes=("F21V 29/50", "F21S 8/08", "H05B 45/10", "F21S 9/03"),
        locarno_class=None,
        title="一种{feature}{lamp}",
        abstract=(
            "{subject}公开了一种{feature}{lamp}，包括灯体、LED光源模组、{optic}、{cooling}和驱动电源。"
            "LED光源模组贴装于{cooling}上，热量经灯体外壁快速散出，结温降低约{t}℃；驱动电源支持"
            "{ctrl}，可按环境照度和时段自动调节亮度。{subject}光效高、寿命长，维护时可单独更换光源模组。"
        ),
        claim=(
            "1.一种{feature}{lamp}，包括灯体(1)，其特征在于：所述灯体(1)内设置有{cooling}(2)，所述"
            "{cooling}(2)上贴装有LED光源模组(3)，所述LED光源模组(3)的出光侧设置有{optic}(4)，所述"
            "灯体(1)内还设置有与所述LED光源模组(3)电连接的驱动电源(5)。"
        ),
        slots={
            "feature": ("模组化散热", "智能调光", "太阳能", "防眩光", "全光谱", "高防护等级"),
            "lamp": ("LED路灯", "LED隧道灯", "植物生长灯", "LED投光灯", "教室护眼灯", "工矿灯"),
            "optic": ("二次配光透镜", "微棱镜扩散板", "防眩格栅", "偏光透镜"),
            "cooling": ("铝挤散热器", "热管散热组件", "鳍片式散热基板", "均温板"),
            "ctrl": ("0-10V调光", "PWM调光", "无线组网控制", "光照度感应控制"),
        },
        numbers={"t": (8, 20)},
        application_fields=("半导体照明", "智慧路灯", "设施农业补光"),
        target_products=("LED路灯", "植物生长灯", "教育照明灯具"),
    ),
    TechTemplate(
        key="dryer",
        owners=("swaust", "sujin"),
        kinds=INV_UM,
        ipc_codes=("F26B 9/06", "F26B 21/00", "F26B 3/28", "F26B 23/00"),
        locarno_class=None,
        title="一种{energy}{product}{device}",
        abstract=(
            "{subject}公开了一种{energy}{product}{device}，包括干燥室、物料架、热源单元、循环风机和排湿装置。干燥室内按{product}的干燥特性分段控制温度和湿度，热风经导流板均匀流过各层物料架，排湿装置在湿度超过设定值时自动排湿并回收余热。{product}干燥时间缩短约{p}%，成品色泽和有效成分保持良好。"
        ),
        claim=(
            "1.一种{energy}{product}{device}，包括干燥室(1)，其特征在于：所述干燥室(1)内设置有多层物料架(2)和导流板(3)，所述干燥室(1)的进风口与热源单元(4)连通，所述干燥室(1)内设置有循环风机(5)，所述干燥室(1)顶部设置有排湿装置(6)，所述排湿装置(6)与余热回收器(7)连接。"
        ),
        slots={
            "energy": ("太阳能-热泵联合", "生物质热风", "光伏直驱", "余热回收式", "微波真空"),
            "product": ("花椒", "辣椒", "香菇", "中药材", "茶叶", "猕猴桃片"),
            "device": ("烘干房", "干燥装置", "烘干设备"),
        },
        numbers={"p": (20, 45)},
        application_fields=("农产品干燥", "中药材加工", "节能装备"),
        target_products=("烘干房", "热风干燥机", "微波干燥设备"),
    ),
    TechTemplate(
        key="mechanical_part",
        owners=("sujin",),
        kinds=UM,
        ipc_codes=("F16H 1/32", "F16H 1/28", "F16H 57/04", "F16H 49/00"),
        locarno_class=None,
        title="一种{scene}{part}",
        abstract=(
            "{subject}公开了一种{scene}{part}，包括壳体、输入轴、{core}、输出法兰、密封组件和{aux}。{core}安装于壳体内，由{aux}保证运行稳定，密封组件采用双唇口结构，防止润滑脂泄漏和杂质进入。{subject}传动背隙小、结构紧凑、拆装方便，使用寿命较现有产品提高约{p}%。"
        ),
        claim=(
            "1.一种{scene}{part}，包括壳体(1)和输入轴(2)，其特征在于：所述壳体(1)内安装有与所述输入轴(2)传动连接的{core}(3)，所述{core}(3)的输出端连接有输出法兰(4)，所述壳体(1)与所述输出法兰(4)之间设置有双唇口密封组件(5)，所述壳体(1)上设置有{aux}(6)。"
        ),
        slots={
            "scene": ("工业机器人用", "农机用", "新能源汽车用", "高压水处理系统用", "风电齿轮箱用"),
            "part": (
                "精密减速器",
                "中空旋转减速器",
                "低背隙减速器",
                "大速比减速器",
                "紧凑型减速器",
            ),
            "core": (
                "行星齿轮传动组件",
                "摆线针轮传动组件",
                "谐波传动组件",
                "交叉滚子轴承输出组件",
            ),
            "aux": (
                "润滑油路",
                "预紧调节件",
                "温度传感器",
                "密封防尘盖",
            ),
        },
        numbers={"p": (20, 60)},
        application_fields=("通用机械", "精密传动", "机器人"),
        target_products=("精密减速器", "机器人关节模组", "传动部件"),
    ),
)

TEMPLATES_G: Final[tuple[TechTemplate, ...]] = (
    # ---------------------------------------------- G: computing, measurement, control
    TechTemplate(
        key="defect_detection",
        owners=("dhut", "sujin"),
        kinds=INV,
        ipc_codes=("G06T 7/0004", "G06N 3/08", "G06V 10/82", "G06N 3/0464"),
        locarno_class=None,
        title="一种基于{model}的{product}{defect}检测方法",
        abstract=(
            "{subject}公开了一种基于{model}的{product}{defect}检测方法，包括：采集{product}图像并进行"
            "预处理；构建检测模型，在骨干网络中引入{module}以增强对小目标和弱纹理缺陷的特征表达；利用"
            "标注样本训练模型，并对检测结果进行缺陷定位、分类和等级评定。实验表明，该方法的平均精度"
            "均值（mAP）达到{map}%，单张图像推理时间约{ms}ms，满足产线实时检测要求。"
        ),
        claim=(
            "1.一种基于{model}的{product}{defect}检测方法，其特征在于，包括以下步骤：S1，采集{product}"
            "的图像并进行去噪和归一化处理；S2，构建基于{model}的检测模型，所述检测模型的骨干网络中引入"
            "{module}；S3，利用标注的缺陷样本训练所述检测模型；S4，将待检图像输入训练后的检测模型，"
            "输出缺陷的位置、类别和置信度。"
        ),
        slots={
            "model": (
                ("改进YOLO网络", "an improved YOLO network"),
                ("注意力机制", "attention mechanisms"),
                ("小样本学习", "few-shot learning"),
                ("无监督异常检测", "unsupervised anomaly detection"),
                ("多尺度特征融合", "multi-scale feature fusion"),
                ("知识蒸馏", "knowledge distillation"),
            ),
            "product": (
                ("锂电池极片", "lithium battery electrode"),
                ("光伏组件", "photovoltaic module"),
                ("钢材表面", "steel strip"),
                ("纺织面料", "textile fabric"),
                ("PCB电路板", "printed circuit board"),
                ("茶叶", "tea leaf"),
            ),
            "defect": (
                ("表面缺陷", "surface defect"),
                ("瑕疵", "flaw"),
                ("微小缺陷", "micro-defect"),
                ("外观缺陷", "appearance defect"),
            ),
            "module": (
                ("坐标注意力模块", "a coordinate-attention module"),
                ("可变形卷积", "deformable convolutions"),
                ("双向特征金字塔", "a bidirectional feature pyramid"),
                ("Transformer编码器", "a Transformer encoder"),
            ),
        },
        numbers={"map": (88, 98), "ms": (8, 40)},
        application_fields=(
            ("工业视觉检测", "Industrial machine vision"),
            ("智能制造", "Smart manufacturing"),
            ("质量控制", "Quality control"),
        ),
        target_products=(
            ("视觉检测设备", "Vision inspection systems"),
            ("缺陷检测软件", "Defect detection software"),
            ("智能质检工作站", "Automated inspection stations"),
        ),
        title_en="{product} {defect} detection method based on {model}",
        abstract_en=(
            "{Subject} discloses a {product} {defect} detection method based on {model}, "
            "comprising: acquiring and pre-processing images of the {product}; building a "
            "detection model whose backbone includes {module} to strengthen the features of small "
            "and weakly textured defects; training the model on annotated samples; and locating, "
            "classifying and grading the detected defects. Experiments show a mean average "
            "precision (mAP) of {map} % and an inference time of about {ms} ms per image, meeting "
            "the real-time needs of production lines."
        ),
        claim_en=(
            "1. A {product} {defect} detection method based on {model}, characterised by "
            "comprising the following steps: S1, acquiring images of the {product} and denoising "
            "and normalising them; S2, building a detection model based on {model}, with {module} "
            "introduced into its backbone network; S3, training the detection model on annotated "
            "defect samples; S4, feeding the image to be inspected into the trained model and "
            "outputting the location, category and confidence of each defect."
        ),
    ),
    TechTemplate(
        key="medical_imaging",
        owners=("dhut",),
        kinds=INV,
        ipc_codes=("G06T 7/11", "G16H 30/40", "G06N 3/0464", "G16H 50/20"),
        locarno_class=None,
        title="一种基于{net}的{target}{task}方法",
        abstract=(
            "{subject}公开了一种基于{net}的{target}{task}方法，包括图像获取与标准化、感兴趣区域提取、"
            "模型构建与训练、结果后处理与可视化等步骤。模型融合{feat}，并采用{loss}缓解类别不平衡问题。"
            "在多中心数据集上的测试结果表明，Dice系数达到0.{dice}，受试者工作特征曲线下面积（AUC）为"
            "0.{auc}，可为临床医生提供客观、可复现的辅助参考。"
        ),
        claim=(
            "1.一种基于{net}的{target}{task}方法，其特征在于，包括以下步骤：S1，获取{target}并进行重"
            "采样和灰度标准化；S2，提取感兴趣区域；S3，构建融合{feat}的模型，并以{loss}为目标函数进行"
            "训练；S4，将待处理图像输入训练后的模型，得到{task}结果。"
        ),
        slots={
            "net": (
                ("深度学习", "deep learning"),
                ("U型卷积网络", "a U-shaped convolutional network"),
                ("视觉Transformer", "a vision Transformer"),
                ("多模态融合网络", "a multimodal fusion network"),
                ("半监督学习", "semi-supervised learning"),
            ),
            "target": (
                ("肺结节CT图像", "pulmonary nodule CT image"),
                ("肝脏肿瘤CT图像", "liver tumour CT image"),
                ("乳腺超声图像", "breast ultrasound image"),
                ("眼底彩照", "colour fundus photograph"),
                ("甲状腺超声图像", "thyroid ultrasound image"),
                ("冠状动脉CTA图像", "coronary CTA image"),
                ("前列腺MRI图像", "prostate MRI image"),
            ),
            "task": (
                ("分割", "segmentation"),
                ("辅助诊断", "computer-aided diagnosis"),
                ("良恶性分类", "benign-malignant classification"),
            ),
            "feat": (
                ("多尺度上下文信息", "multi-scale context"),
                ("边界注意力", "boundary attention"),
                ("临床文本特征", "clinical text features"),
                ("时序影像特征", "temporal imaging features"),
            ),
            "loss": (
                ("Dice与Focal联合损失函数", "a combined Dice and focal loss"),
                ("类别加权交叉熵", "class-weighted cross-entropy"),
                ("边界感知损失", "a boundary-aware loss"),
                ("一致性正则约束", "a consistency regularisation term"),
            ),
        },
        numbers={"dice": (82, 93), "auc": (88, 97)},
        application_fields=(
            ("医学影像人工智能", "Medical imaging AI"),
            ("智慧医疗", "Digital health"),
            ("临床辅助诊断", "Clinical decision support"),
        ),
        target_products=(
            ("影像辅助诊断软件", "Diagnostic imaging software"),
            ("医学影像工作站", "Imaging workstations"),
            ("筛查一体机", "Screening systems"),
        ),
        title_en="{target} {task} method based on {net}",
        abstract_en=(
            "{Subject} discloses a {target} {task} method based on {net}, comprising image "
            "acquisition and standardisation, region-of-interest extraction, construction and "
            "training of the model, and post-processing and visualisation of the results. The "
            "model fuses {feat} and uses {loss} to alleviate class imbalance. On a multi-centre "
            "dataset it reaches a Dice coefficient of 0.{dice} and an area under the ROC curve "
            "(AUC) of 0.{auc}, giving clinicians an objective and reproducible reference."
        ),
        claim_en=(
            "1. A {target} {task} method based on {net}, characterised by comprising the following "
            "steps: S1, acquiring the {target} and resampling and normalising its grey levels; S2, "
            "extracting a region of interest; S3, building a model that fuses {feat} and training "
            "it with {loss} as the objective function; S4, feeding the image to be processed into "
            "the trained model to obtain the {task} result."
        ),
    ),
    TechTemplate(
        key="agri_iot",
        owners=("swaust", "prut"),
        kinds=INV,
        ipc_codes=("G06Q 50/02", "H04W 4/38", "G08C 17/02", "A01G 25/16"),
        locarno_class=None,
        title="一种基于{tech}的{target}{system}",
        abstract=(
            "{subject}公开了一种基于{tech}的{target}{system}，在{target}中布设{sensor}等感知节点，数据经"
            "{net}上传至云平台；云平台对多源数据进行清洗、融合和时空分析，结合生长模型生成预警和管理"
            "建议，并推送至用户终端。{subject}降低了人工巡检成本，使水肥药等投入减少约{p}%，提高了生产"
            "管理的精细化水平。"
        ),
        claim=(
            "1.一种基于{tech}的{target}{system}，其特征在于，包括：S1，在{target}中布设感知节点，采集"
            "环境和生产数据；S2，通过{net}将数据上传至云平台；S3，云平台对数据进行清洗和融合，输入预先"
            "建立的生长模型，计算风险等级；S4，当风险等级超过阈值时，向用户终端推送预警信息和管理建议。"
        ),
        slots={
            "tech": ("物联网", "北斗定位", "LoRa无线传感网", "边缘计算", "数字孪生", "多源遥感"),
            "target": ("茶园", "果园", "设施大棚", "稻田", "中药材基地", "水产养殖池塘"),
            "system": ("智能监测系统及方法", "环境预警方法", "生产管理决策方法", "远程运维方法"),
            "sensor": (
                "环境传感器、摄像头和气象站",
                "多参数传感器和视频监控",
                "低功耗无线传感节点",
                "多光谱相机与环境传感器",
            ),
            "net": ("NB-IoT网络", "LoRa网关", "4G/5G网络", "北斗短报文"),
        },
        numbers={"p": (10, 30)},
        application_fields=("智慧农业", "农业物联网", "数字乡村"),
        target_products=("农业物联网平台", "环境监测站", "病虫害预警系统"),
    ),
    TechTemplate(
        key="rapid_detection",
        owners=("ctiee", "swaust", "dhut"),
        kinds=INV,
        ipc_codes=("G01N 21/64", "G01N 27/327", "G01N 33/02", "G01N 33/18"),
        locarno_class=None,
        title="一种{sample}中{analyte}的{method}检测方法",
        abstract=(
            "{subject}公开了一种{sample}中{analyte}的{method}检测方法，以{material}构建传感界面，"
            "{analyte}与识别单元特异性结合后引起信号变化，根据信号强度与浓度的线性关系实现定量检测。"
            "方法检出限为0.{lod}μg/L，线性范围宽，加标回收率为{r1}%～{r2}%，单个样品检测时间不超过"
            "{min}分钟，适用于现场快速筛查。"
        ),
        claim=(
            "1.一种{sample}中{analyte}的{method}检测方法，其特征在于，包括以下步骤：(1)制备基于"
            "{material}的传感材料；(2)对{sample}样品进行提取和净化，得到待测液；(3)将待测液与所述传感"
            "材料作用后测定信号强度；(4)根据预先建立的标准曲线计算{analyte}的含量。"
        ),
        slots={
            "sample": ("茶叶", "蔬菜", "饮用水", "土壤浸提液", "水产品", "牛奶"),
            "analyte": (
                "有机磷农药残留",
                "重金属铅",
                "亚硝酸盐",
                "抗生素残留",
                "双酚A",
                "黄曲霉毒素B1",
            ),
            "method": ("荧光探针", "电化学传感", "表面增强拉曼", "免疫层析", "比色"),
            "material": (
                "碳量子点",
                "金纳米颗粒",
                "金属有机框架",
                "分子印迹聚合物",
                "适配体修饰电极",
            ),
        },
        numbers={"lod": (1, 9), "r1": (85, 92), "r2": (102, 110), "min": (5, 30)},
        application_fields=("食品安全检测", "环境监测", "现场快检"),
        target_products=("快检试剂盒", "便携式检测仪", "传感芯片"),
    ),
    TechTemplate(
        key="structural_monitoring",
        owners=("prut",),
        kinds=INV_UM,
        ipc_codes=("G01M 5/00", "G01B 7/16", "G01D 21/02", "E01D 22/00"),
        locarno_class=None,
        title="一种{structure}{target}{device}",
        abstract=(
            "{subject}公开了一种{structure}{target}{device}，包括{sensor}、数据采集模块、太阳能供电模块"
            "和远程监控平台。{sensor}按测点布置于结构关键部位，采集数据经边缘端预处理后上传平台，平台"
            "基于阈值和趋势模型自动识别异常并分级报警。应变测量分辨率可达{res}με，可在无人值守条件下"
            "长期运行。"
        ),
        claim=(
            "1.一种{structure}{target}{device}，其特征在于，包括{sensor}(1)、数据采集模块(2)、供电模块"
            "(3)和远程监控平台(4)；所述{sensor}(1)固定于被测结构的关键部位，其输出端与所述数据采集"
            "模块(2)连接，所述数据采集模块(2)通过无线通信单元(5)与所述远程监控平台(4)通信连接。"
        ),
        slots={
            "structure": ("桥梁", "隧道", "高层建筑", "输电铁塔", "高边坡", "古建筑木结构"),
            "target": ("健康监测", "形变监测", "裂缝监测", "振动监测"),
            "device": ("装置", "系统", "传感器"),
            "sensor": (
                "光纤光栅应变传感器",
                "振弦式应变计",
                "MEMS倾角传感器",
                "分布式光纤传感器",
                "三向加速度传感器",
            ),
        },
        numbers={"res": (1, 5)},
        application_fields=("结构健康监测", "智慧交通基础设施", "防灾减灾"),
        target_products=("监测传感器", "监测预警平台", "数据采集仪"),
    ),
    TechTemplate(
        key="battery_state",
        owners=("minjiang", "dhut"),
        kinds=INV,
        ipc_codes=("G01R 31/367", "G01R 31/392", "G01R 31/382", "H02J 7/0048"),
        locarno_class=None,
        title="一种基于{algo}的{battery}{state}估计方法",
        abstract=(
            "{subject}公开了一种基于{algo}的{battery}{state}估计方法，包括：采集电池电压、电流和温度"
            "数据；构建{model}并辨识其参数；基于{algo}对{state}进行在线估计，并根据温度和老化程度修正"
            "模型参数。在{cond}工况下验证，估计误差不超过{err}%，算法计算量适中，可嵌入电池管理系统"
            "运行。"
        ),
        claim=(
            "1.一种基于{algo}的{battery}{state}估计方法，其特征在于，包括以下步骤：S1，实时采集"
            "{battery}的端电压、电流和温度；S2，建立{model}并在线辨识模型参数；S3，基于{algo}计算"
            "{state}的估计值；S4，根据温度和循环次数对模型参数进行修正，并输出修正后的{state}估计值。"
        ),
        slots={
            "algo": (
                ("自适应卡尔曼滤波", "adaptive Kalman filtering"),
                ("长短期记忆网络", "a long short-term memory network"),
                ("电化学-热耦合模型", "an electrochemical-thermal coupled model"),
                ("增量容量分析", "incremental capacity analysis"),
                ("迁移学习", "transfer learning"),
                ("数据驱动与模型融合", "fused data-driven and model-based estimation"),
            ),
            "battery": (
                ("锂离子电池", "lithium-ion battery"),
                ("储能电站电池簇", "energy-storage battery cluster"),
                ("磷酸铁锂电池", "lithium iron phosphate battery"),
                ("钠离子电池", "sodium-ion battery"),
                ("动力电池组", "traction battery pack"),
            ),
            "state": (
                ("荷电状态", "state-of-charge"),
                ("健康状态", "state-of-health"),
                ("剩余使用寿命", "remaining-useful-life"),
            ),
            "model": (
                ("二阶RC等效电路模型", "a second-order RC equivalent-circuit model"),
                ("简化电化学模型", "a simplified electrochemical model"),
                ("数据驱动特征模型", "a data-driven feature model"),
            ),
            "cond": (
                ("动态应力测试", "dynamic stress test"),
                ("城市道路循环", "urban driving cycle"),
                ("储能调频", "frequency-regulation"),
                ("低温", "low-temperature"),
            ),
        },
        numbers={"err": (1, 3)},
        application_fields=(
            ("电池管理系统", "Battery management systems"),
            ("储能电站运维", "Energy-storage operation and maintenance"),
            ("新能源汽车", "New-energy vehicles"),
        ),
        target_products=(
            ("电池管理系统", "Battery management systems"),
            ("储能能量管理系统", "Energy management systems"),
            ("电池健康诊断软件", "Battery health diagnostics"),
        ),
        title_en="{battery} {state} estimation method based on {algo}",
        abstract_en=(
            "{Subject} discloses a {battery} {state} estimation method based on {algo}, "
            "comprising: collecting voltage, current and temperature data of the battery; building "
            "{model} and identifying its parameters; estimating the {state} online using {algo}; "
            "and correcting the model parameters for temperature and ageing. Validated under "
            "{cond} conditions, the estimation error does not exceed {err} %, and the "
            "computational load is small enough for the method to run in a battery management "
            "system."
        ),
        claim_en=(
            "1. A {battery} {state} estimation method based on {algo}, characterised by comprising "
            "the following steps: S1, collecting the terminal voltage, current and temperature of "
            "the {battery} in real time; S2, building {model} and identifying its parameters "
            "online; S3, calculating an estimate of the {state} based on {algo}; S4, correcting "
            "the model parameters according to temperature and cycle count and outputting the "
            "corrected {state} estimate."
        ),
    ),
    TechTemplate(
        key="factory_control",
        owners=("sujin", "dhut"),
        kinds=INV,
        ipc_codes=("G05B 19/418", "G05B 13/04", "G05B 23/02", "G06Q 10/06"),
        locarno_class=None,
        title="一种面向{industry}的{function}方法及系统",
        abstract=(
            "{subject}公开了一种面向{industry}的{function}方法及系统，通过工业网关采集设备运行、工艺和"
            "质量数据，构建产线数字孪生模型；采用{algo}求解{function}问题，并将结果下发至制造执行系统和"
            "可编程控制器执行。应用表明，设备综合效率提升约{p1}%，单位产品能耗降低约{p2}%。"
        ),
        claim=(
            "1.一种面向{industry}的{function}方法，其特征在于，包括以下步骤：S1，通过工业网关采集设备"
            "状态数据、工艺参数和质量检测数据；S2，基于所采集的数据建立产线数字孪生模型；S3，采用"
            "{algo}求解{function}模型，得到优化方案；S4，将所述优化方案下发至制造执行系统和现场控制器"
            "执行，并根据执行反馈更新所述数字孪生模型。"
        ),
        slots={
            "industry": (
                "离散制造车间",
                "茶叶加工生产线",
                "电池模组产线",
                "注塑车间",
                "纺织印染车间",
                "食品包装产线",
            ),
            "function": (
                "生产排程优化",
                "设备预测性维护",
                "能耗优化调度",
                "工艺参数自适应控制",
                "质量追溯",
            ),
            "algo": (
                "改进遗传算法",
                "深度强化学习",
                "模型预测控制",
                "图神经网络",
                "粒子群优化算法",
            ),
        },
        numbers={"p1": (5, 20), "p2": (5, 18)},
        application_fields=("智能制造", "工业互联网", "数字化车间"),
        target_products=("制造执行系统", "设备运维平台", "能源管理系统"),
    ),
    TechTemplate(
        key="data_security",
        owners=("prut",),
        kinds=INV,
        ipc_codes=("G06F 21/62", "H04L 9/32", "G06F 16/27", "H04L 9/40"),
        locarno_class=None,
        title="一种面向{scene}的{tech}{function}方法",
        abstract=(
            "{subject}公开了一种面向{scene}的{tech}{function}方法，包括参与方注册、密钥生成与分发、"
            "数据保护处理、授权验证和审计追溯等步骤。通过{tech}保证数据在{function}过程中“可用不可见”，"
            "并将操作记录写入不可篡改的日志，实现全流程可追溯。与现有方案相比，通信开销降低约{p}%，"
            "可支持{n}个以上节点并发访问。"
        ),
        claim=(
            "1.一种面向{scene}的{tech}{function}方法，其特征在于，包括以下步骤：S1，数据提供方和数据"
            "使用方在管理节点注册并获取身份凭证；S2，基于{tech}生成密钥或模型参数并对数据进行保护处理；"
            "S3，数据使用方发起请求，管理节点验证其权限；S4，验证通过后执行{function}操作，并将操作"
            "记录写入不可篡改的日志。"
        ),
        slots={
            "scene": ("医疗数据", "电力物联网", "政务数据", "供应链金融", "科技成果转化", "车联网"),
            "tech": ("区块链", "联邦学习", "同态加密", "零知识证明", "属性基加密"),
            "function": ("隐私保护共享", "访问控制", "身份认证", "可信存证"),
        },
        numbers={"p": (15, 45), "n": (100, 2000)},
        application_fields=("数据安全", "隐私计算", "可信数字基础设施"),
        target_products=("隐私计算平台", "区块链存证系统", "身份认证网关"),
    ),
)

TEMPLATES_H: Final[tuple[TechTemplate, ...]] = (
    # ------------------------------------------------ H: batteries, power, communication
    TechTemplate(
        key="electrolyte",
        owners=("minjiang", "lhiam"),
        kinds=INV,
        ipc_codes=("H01M 10/0567", "H01M 10/0525", "H01M 10/42"),
        locarno_class=None,
        title="一种含{additive}的{feature}{battery}电解液及{battery}",
        abstract=(
            "{subject}公开了一种含{additive}的{feature}{battery}电解液及{battery}。该电解液包括电解质盐、"
            "有机溶剂和添加剂，添加剂包括质量分数为{x}%的{additive}及{co}。{additive}在正负极表面优先"
            "分解，形成薄而致密的界面膜，抑制电解液的持续分解和过渡金属溶出。采用该电解液的电池在{cond}"
            "条件下循环{n}次后容量保持率达{p}%以上。"
        ),
        claim=(
            "1.一种{feature}{battery}电解液，包括电解质盐、有机溶剂和添加剂，其特征在于：所述添加剂包括"
            "{additive}和{co}，以所述电解液的总质量为100%计，所述{additive}的质量分数为{x}%，所述{co}"
            "的质量分数为0.5%～2%。"
        ),
        slots={
            "additive": (
                ("氟代碳酸乙烯酯", "fluoroethylene carbonate"),
                ("二氟磷酸锂", "lithium difluorophosphate"),
                ("硫酸乙烯酯", "ethylene sulfate"),
                ("三(三甲基硅基)磷酸酯", "tris(trimethylsilyl) phosphate"),
                ("双氟磺酰亚胺锂", "lithium bis(fluorosulfonyl)imide"),
                ("环状磷腈", "cyclic phosphazene"),
            ),
            "feature": (
                ("高电压", "high-voltage"),
                ("宽温域", "wide-temperature"),
                ("阻燃", "flame-retardant"),
                ("快充型", "fast-charging"),
                ("长循环", "long-cycle-life"),
                ("低温型", "low-temperature"),
            ),
            "battery": (
                ("锂离子电池", "lithium-ion battery"),
                ("钠离子电池", "sodium-ion battery"),
                ("锂金属电池", "lithium-metal battery"),
            ),
            "co": (
                ("碳酸亚乙烯酯", "vinylene carbonate"),
                ("1,3-丙烷磺酸内酯", "1,3-propane sultone"),
                ("己二腈", "adiponitrile"),
                ("二氟草酸硼酸锂", "lithium difluoro(oxalato)borate"),
            ),
            "cond": (
                ("4.5V高电压", "4.5 V high-voltage"),
                ("45℃高温", "45 °C high-temperature"),
                ("-20℃低温", "−20 °C low-temperature"),
                ("3C快充", "3C fast-charging"),
            ),
        },
        numbers={"x": (1, 5), "n": (500, 3000), "p": (80, 95)},
        application_fields=(
            ("锂离子电池", "Lithium-ion batteries"),
            ("储能", "Energy storage"),
            ("新能源汽车", "New-energy vehicles"),
        ),
        target_products=(
            ("电解液", "Electrolytes"),
            ("电解液添加剂", "Electrolyte additives"),
            ("动力与储能电池", "Traction and storage cells"),
        ),
        title_en="{feature} {battery} electrolyte containing {additive}, and {battery}",
        abstract_en=(
            "{Subject} discloses a {feature} {battery} electrolyte containing {additive}, and a "
            "{battery}. The electrolyte comprises an electrolyte salt, an organic solvent and "
            "additives, including {x} wt% of {additive} together with {co}. The {additive} "
            "decomposes preferentially on the electrode surfaces to form a thin, dense interphase "
            "that suppresses continuous electrolyte decomposition and transition-metal "
            "dissolution. Cells using the electrolyte retain more than {p} % of their capacity "
            "after {n} cycles under {cond} conditions."
        ),
        claim_en=(
            "1. A {feature} {battery} electrolyte comprising an electrolyte salt, an organic "
            "solvent and additives, characterised in that the additives comprise {additive} and "
            "{co}, the mass fraction of {additive} being {x} % and that of {co} being 0.5 %–2 % of "
            "the total mass of the electrolyte."
        ),
    ),
    TechTemplate(
        key="cathode",
        owners=("lhiam", "minjiang"),
        kinds=INV,
        ipc_codes=("H01M 4/525", "H01M 4/36", "H01M 4/505", "H01M 4/62"),
        locarno_class=None,
        title="一种{material}的{modification}方法",
        abstract=(
            "{subject}公开了一种{material}的{modification}方法：将前驱体与锂源（或钠源）按比例混合，"
            "加入含{element}的{agent}，经{step}后得到改性材料。{element}在颗粒表面或晶格中均匀分布，"
            "稳定了材料结构，抑制了循环过程中的相变、微裂纹和副反应。改性后材料在1C倍率下循环{n}次的"
            "容量保持率由约{p0}%提高至{p}%，首次放电比容量达到{cap}mAh/g。"
        ),
        claim=(
            "1.一种{material}的{modification}方法，其特征在于，包括以下步骤：(1)将前驱体与锂源按摩尔比"
            "1∶(1.02～1.08)混合；(2)向混合物中加入含{element}的{agent}，{element}的加入量为前驱体质量"
            "的0.1%～1.0%；(3)将所得混合物经{step}处理，得到改性的{material}。"
        ),
        slots={
            "material": (
                ("高镍三元正极材料", "high-nickel ternary cathode material"),
                ("富锂锰基正极材料", "lithium-rich manganese-based cathode material"),
                ("磷酸锰铁锂正极材料", "lithium manganese iron phosphate cathode material"),
                ("钴酸锂正极材料", "lithium cobalt oxide cathode material"),
                ("层状氧化物钠电正极材料", "layered-oxide sodium-ion cathode material"),
                ("镍锰酸锂正极材料", "lithium nickel manganese oxide cathode material"),
            ),
            "modification": (
                ("包覆改性", "coating modification"),
                ("体相掺杂", "bulk doping"),
                ("表面重构", "surface reconstruction"),
                ("单晶化制备", "single-crystal synthesis"),
                ("快离子导体包覆", "fast-ion-conductor coating"),
                ("梯度掺杂", "gradient doping"),
            ),
            "element": (
                ("铝", "aluminium"),
                ("锆", "zirconium"),
                ("钛", "titanium"),
                ("硼", "boron"),
                ("钨", "tungsten"),
                ("镁", "magnesium"),
            ),
            "agent": (
                ("纳米氧化物", "a nano-oxide"),
                ("有机金属盐", "an organometallic salt"),
                ("磷酸盐", "a phosphate"),
                ("氟化物", "a fluoride"),
            ),
            "step": (
                ("高温固相烧结", "high-temperature solid-state sintering"),
                ("湿法包覆与二次烧结", "wet coating and secondary sintering"),
                ("喷雾干燥与煅烧", "spray drying and calcination"),
                ("原子层沉积", "atomic layer deposition"),
            ),
        },
        numbers={"n": (200, 1000), "p0": (70, 80), "p": (88, 96), "cap": (140, 215)},
        application_fields=(
            ("锂电池正极材料", "Cathode materials"),
            ("动力电池", "Traction batteries"),
            ("消费电子电池", "Consumer-electronics batteries"),
        ),
        target_products=(
            ("三元正极材料", "NCM cathode materials"),
            ("磷酸盐正极材料", "Phosphate cathode materials"),
            ("钠离子电池正极", "Sodium-ion cathodes"),
        ),
        title_en="{modification} method for {material}",
        abstract_en=(
            "{Subject} discloses a {modification} method for a {material}: a precursor is mixed "
            "with a lithium (or sodium) source in proportion, {agent} containing {element} is "
            "added, and the modified material is obtained by {step}. The {element} is evenly "
            "distributed on the particle surface or in the lattice, stabilising the structure and "
            "suppressing phase transitions, micro-cracks and side reactions during cycling. After "
            "{n} cycles at 1C the capacity retention rises from about {p0} % to {p} %, and the "
            "initial discharge capacity reaches {cap} mAh/g."
        ),
        claim_en=(
            "1. A {modification} method for a {material}, characterised by comprising the "
            "following steps: (1) mixing a precursor with a lithium source at a molar ratio of "
            "1 : (1.02–1.08); (2) adding {agent} containing {element} to the mixture in an amount "
            "of 0.1 %–1.0 % of the mass of the precursor; (3) treating the resulting mixture by "
            "{step} to obtain the modified {material}."
        ),
    ),
    TechTemplate(
        key="next_gen_battery",
        owners=("lhiam", "minjiang"),
        kinds=INV,
        ipc_codes=("H01M 10/0562", "H01M 10/054", "H01M 4/583", "H01M 10/0565"),
        locarno_class=None,
        title="一种{feature}{material}及其在{battery}中的应用",
        abstract=(
            "{subject}公开了一种{feature}{material}及其在{battery}中的应用。以廉价前驱体为原料，经{route}制得{material}，其{metric}。将其用于{battery}，在{c}C倍率下循环{n}次后容量保持率超过{p}%。{subject}原料来源广泛，制备过程易于放大，有助于提升电池的安全性和能量密度。"
        ),
        claim=(
            "1.一种{feature}{material}的制备方法，其特征在于，包括以下步骤：(1)按化学计量比称取前驱体原料；(2)将原料经{route}处理；(3)将所得产物在惰性气氛中冷却、研磨和筛分，得到所述{material}。"
        ),
        slots={
            "feature": ("高离子电导率", "低成本", "高首效", "空气稳定的", "高倍率"),
            "material": (
                "硫化物固态电解质",
                "硬碳负极材料",
                "聚合物复合固态电解质",
                "普鲁士蓝类正极材料",
                "卤化物固态电解质",
                "人造SEI保护层材料",
            ),
            "battery": ("全固态锂电池", "钠离子电池", "锂金属电池", "半固态电池"),
            "route": (
                "高能球磨与热处理",
                "高温固相反应",
                "溶液法合成",
                "共沉淀与煅烧",
            ),
            "metric": (
                "结构稳定性显著提高",
                "界面相容性良好",
                "倍率性能优异",
                "空气与湿热稳定性明显改善",
            ),
        },
        numbers={"c": (1, 5), "n": (300, 2000), "p": (80, 95)},
        application_fields=("固态电池", "钠离子电池", "下一代储能技术"),
        target_products=("固态电解质", "硬碳负极", "半固态电芯"),
    ),
    TechTemplate(
        key="pack_thermal",
        owners=("minjiang",),
        kinds=INV_UM,
        ipc_codes=("H01M 10/613", "H01M 10/6556", "H01M 50/209", "H01M 10/625"),
        locarno_class=None,
        title="一种{app}{pack}{thermal}",
        abstract=(
            "{subject}公开了一种{app}{pack}{thermal}，包括{body}、{channel}、进出液接头和温度采集单元。"
            "冷却介质经{channel}均匀流过各电芯底部或侧面，温度采集单元实时监测电芯温度，电池管理系统"
            "据此调节冷却流量。电芯最大温差控制在{dt}℃以内，单体发生热失控时可阻断热量向相邻电芯蔓延。"
            "{subject}结构轻量化，成组效率高。"
        ),
        claim=(
            "1.一种{app}{pack}{thermal}，包括{body}(1)，其特征在于：所述{body}(1)内设置有{channel}(2)，"
            "所述{channel}(2)的两端分别与进液接头(3)和出液接头(4)连通；所述{body}(1)与电芯(5)接触的"
            "一侧设置有导热垫(6)，所述导热垫(6)内嵌有温度采集单元(7)。"
        ),
        slots={
            "app": ("储能", "电动汽车", "电动船舶", "通信基站备用", "工商业储能柜"),
            "pack": ("电池包的", "电池模组的", "电池簇的"),
            "thermal": (
                "液冷板",
                "浸没式冷却系统",
                "相变材料热管理结构",
                "防热失控隔热结构",
                "均温冷却装置",
            ),
            "body": ("铝合金基板", "箱体框架", "隔热支架", "密封壳体"),
            "channel": ("蛇形流道", "并联微通道", "仿生分形流道", "浸没腔体"),
        },
        numbers={"dt": (2, 5)},
        application_fields=("储能系统", "电池热管理", "新能源汽车"),
        target_products=("液冷板", "储能电池柜", "电池包"),
    ),
    TechTemplate(
        key="storage_dispatch",
        owners=("minjiang", "prut"),
        kinds=INV,
        ipc_codes=("H02J 3/32", "H02J 3/38", "H02J 7/00", "G06Q 50/06"),
        locarno_class=None,
        title="一种{scene}{storage}{control}方法",
        abstract=(
            "{subject}公开了一种{scene}{storage}{control}方法，获取负荷、新能源出力和电价预测数据，以"
            "{objective}为目标、以电池荷电状态、充放电功率和电网约束为条件建立优化模型，采用{algo}求解"
            "各储能单元的充放电计划，并在运行中滚动修正。仿真和实测结果表明，该方法使{metric}，同时"
            "延长了电池使用寿命。"
        ),
        claim=(
            "1.一种{scene}{storage}{control}方法，其特征在于，包括以下步骤：S1，获取负荷功率、新能源"
            "出力和分时电价的预测数据；S2，以{objective}为目标函数，以荷电状态、充放电功率和并网功率为"
            "约束条件，建立优化模型；S3，采用{algo}求解所述优化模型，得到储能单元的充放电计划；S4，"
            "根据实时量测数据滚动修正所述充放电计划。"
        ),
        slots={
            "scene": ("光伏电站配套", "工业园区", "风电场", "微电网", "充电站", "农村配电台区"),
            "storage": ("储能系统的", "混合储能的", "共享储能的"),
            "control": (
                "功率分配",
                "削峰填谷优化调度",
                "一次调频控制",
                "荷电状态均衡控制",
                "容量配置",
            ),
            "objective": ("运行成本最小", "新能源消纳率最大", "并网功率波动最小", "综合收益最大"),
            "algo": ("模型预测控制", "混合整数线性规划", "改进粒子群算法", "深度强化学习"),
            "metric": (
                "弃光率降低约8个百分点",
                "峰谷差降低20%以上",
                "频率偏差显著减小",
                "年收益提高约15%",
            ),
        },
        application_fields=("新型电力系统", "储能运营", "微电网"),
        target_products=("储能能量管理系统", "微电网控制器", "调度软件"),
    ),
    TechTemplate(
        key="power_converter",
        owners=("prut",),
        kinds=INV,
        ipc_codes=("H02M 3/335", "H02M 7/5387", "H02M 1/00"),
        locarno_class=None,
        title="一种{feature}{converter}及其控制方法",
        abstract=(
            "{subject}公开了一种{feature}{converter}及其控制方法，变换器包括{topo}、高频变压器和控制"
            "单元。控制单元采用{ctrl}，在宽负载范围内实现开关管的零电压开通，输出电压纹波小于{rip}%。"
            "样机在{kw}kW功率等级下峰值效率达到9{eff}.{eff2}%，功率密度明显高于同类产品。"
        ),
        claim=(
            "1.一种{feature}{converter}，包括依次连接的{topo}(1)、高频变压器(2)和整流滤波电路(3)，其"
            "特征在于：还包括控制单元(4)，所述控制单元(4)采集输入电压、输出电压和输出电流，并采用"
            "{ctrl}生成所述{topo}(1)中开关管的驱动信号。"
        ),
        slots={
            "feature": ("宽电压范围", "高效率", "双向", "软开关", "高功率密度", "模块化"),
            "converter": (
                "LLC谐振变换器",
                "隔离型DC-DC变换器",
                "车载充电机",
                "光伏微型逆变器",
                "双有源桥变换器",
            ),
            "topo": ("全桥逆变电路", "交错并联Boost电路", "三电平拓扑", "半桥逆变电路"),
            "ctrl": ("变频与移相混合控制", "双闭环PI控制", "模型预测控制", "自适应死区控制"),
        },
        numbers={"rip": (1, 3), "kw": (1, 60), "eff": (6, 8), "eff2": (0, 9)},
        application_fields=("电力电子", "新能源发电", "电动汽车充电"),
        target_products=("DC-DC电源模块", "车载充电机", "微型逆变器"),
    ),
    TechTemplate(
        key="wireless_network",
        owners=("prut",),
        kinds=INV,
        ipc_codes=("H04W 72/04", "H04W 84/18", "H04W 52/02", "H04W 4/70"),
        locarno_class=None,
        title="一种{scene}{network}{function}方法",
        abstract=(
            "{subject}公开了一种{scene}{network}{function}方法。节点周期性上报信道状态、剩余能量和业务"
            "负载，汇聚节点（或基站）据此建立以{obj}为目标的优化模型，采用{algo}求解{function}方案并"
            "下发执行。与现有方法相比，{metric}，网络生存时间延长约{p}%。"
        ),
        claim=(
            "1.一种{scene}{network}{function}方法，其特征在于，包括以下步骤：S1，各节点周期性采集并"
            "上报信道状态信息、剩余能量和业务负载；S2，汇聚节点建立以{obj}为目标的优化模型；S3，采用"
            "{algo}求解所述优化模型，得到{function}方案；S4，将所述方案下发至各节点执行，并根据反馈"
            "进行迭代更新。"
        ),
        slots={
            "scene": (
                ("面向工业物联网的", "in the industrial Internet of Things"),
                ("面向车联网的", "in vehicular networks"),
                ("面向无人机集群的", "in UAV swarms"),
                ("面向智慧农业的", "in smart agriculture"),
                ("面向低轨卫星的", "in low-Earth-orbit satellite systems"),
                ("面向矿井巷道的", "in underground mine tunnels"),
            ),
            "network": (
                ("无线传感网络", "wireless sensor network"),
                ("自组织网络", "self-organising network"),
                ("5G专网", "private 5G network"),
                ("边缘计算网络", "edge-computing network"),
            ),
            "function": (
                ("资源分配", "resource allocation"),
                ("节能路由", "energy-efficient routing"),
                ("时间同步", "time synchronisation"),
                ("任务卸载", "task offloading"),
                ("干扰协调", "interference coordination"),
            ),
            "obj": (
                ("时延与能耗加权和最小", "the minimum weighted sum of delay and energy"),
                ("吞吐量最大", "maximum throughput"),
                ("公平性最优", "optimal fairness"),
                ("可靠性最高", "maximum reliability"),
            ),
            "algo": (
                ("多智能体强化学习", "multi-agent reinforcement learning"),
                ("拉格朗日对偶分解", "Lagrangian dual decomposition"),
                ("博弈论", "game theory"),
                ("启发式贪婪算法", "a heuristic greedy algorithm"),
            ),
            "metric": (
                ("平均端到端时延降低约30%", "average end-to-end delay falls by about 30 %"),
                ("系统吞吐量提升约25%", "system throughput rises by about 25 %"),
                ("丢包率显著下降", "packet loss drops markedly"),
                ("同步误差降至微秒级", "synchronisation error falls to microseconds"),
            ),
        },
        numbers={"p": (15, 60)},
        application_fields=(
            ("无线通信", "Wireless communication"),
            ("工业物联网", "Industrial IoT"),
            ("边缘计算", "Edge computing"),
        ),
        target_products=(
            ("物联网网关", "IoT gateways"),
            ("无线传感节点", "Wireless sensor nodes"),
            ("专网通信设备", "Private-network equipment"),
        ),
        title_en="Method of {function} for {network}s {scene}",
        abstract_en=(
            "{Subject} discloses a method of {function} for {network}s {scene}. Nodes periodically "
            "report channel state, residual energy and traffic load; the sink node (or base "
            "station) builds an optimisation model whose objective is {obj}, solves it for the "
            "{function} scheme using {algo}, and distributes the scheme for execution. Compared "
            "with existing methods, {metric}, and network lifetime is extended by about {p} %."
        ),
        claim_en=(
            "1. A method of {function} for {network}s {scene}, characterised by comprising the "
            "following steps: S1, each node periodically collecting and reporting channel state "
            "information, residual energy and traffic load; S2, the sink node building an "
            "optimisation model whose objective is {obj}; S3, solving the model using {algo} to "
            "obtain the {function} scheme; S4, distributing the scheme to the nodes for execution "
            "and updating it iteratively according to their feedback."
        ),
    ),
    TechTemplate(
        key="antenna",
        owners=("prut",),
        kinds=INV_UM,
        ipc_codes=("H01Q 1/38", "H01Q 1/52", "H01Q 21/00", "H01Q 1/22"),
        locarno_class=None,
        title="一种{feature}{antenna}",
        abstract=(
            "{subject}公开了一种{feature}{antenna}，包括介质基板、辐射贴片、{feed}和接地板。辐射贴片上"
            "开设{slot}，配合{feed}激励多个谐振模式，扩展了工作带宽；接地板上设置{decouple}，抑制单元间"
            "互耦。天线在{f1}～{f2}GHz频段内回波损耗小于-10dB，增益达到{g}dBi，结构简单、易于批量加工。"
        ),
        claim=(
            "1.一种{feature}{antenna}，包括自上而下层叠设置的辐射贴片(1)、介质基板(2)和接地板(3)，其"
            "特征在于：所述辐射贴片(1)上开设有{slot}(4)，所述介质基板(2)上设置有{feed}(5)，所述接地板"
            "(3)上设置有{decouple}(6)。"
        ),
        slots={
            "feature": (
                ("宽带", "broadband"),
                ("双极化", "dual-polarised"),
                ("低剖面", "low-profile"),
                ("高隔离度", "high-isolation"),
                ("圆极化", "circularly polarised"),
                ("可重构", "reconfigurable"),
                ("柔性", "flexible"),
            ),
            "antenna": (
                ("微带天线", "microstrip antenna"),
                ("毫米波阵列天线", "millimetre-wave array antenna"),
                ("5G基站天线单元", "5G base-station antenna element"),
                ("物联网终端天线", "IoT terminal antenna"),
                ("北斗导航天线", "BeiDou navigation antenna"),
                ("RFID标签天线", "RFID tag antenna"),
            ),
            "feed": (
                ("微带线耦合馈电结构", "a microstrip coupled feed"),
                ("探针馈电结构", "a probe feed"),
                ("缝隙耦合馈电网络", "an aperture-coupled feed network"),
                ("共面波导馈电结构", "a coplanar-waveguide feed"),
            ),
            "slot": (
                ("U形槽", "A U-shaped slot"),
                ("十字形缝隙", "A cross-shaped slot"),
                ("分形槽", "A fractal slot"),
                ("弧形槽", "An arc-shaped slot"),
            ),
            "decouple": (
                ("电磁带隙结构", "an electromagnetic band-gap structure"),
                ("缺陷地结构", "a defected ground structure"),
                ("中和线", "a neutralisation line"),
                ("寄生枝节", "a parasitic stub array"),
            ),
        },
        numbers={"f1": (2, 5), "f2": (6, 9), "g": (3, 12)},
        application_fields=(
            ("无线通信", "Wireless communication"),
            ("卫星导航", "Satellite navigation"),
            ("物联网终端", "IoT devices"),
        ),
        target_products=(
            ("基站天线", "Base-station antennas"),
            ("终端天线", "Terminal antennas"),
            ("RFID标签", "RFID tags"),
        ),
        title_en="{feature} {antenna}",
        abstract_en=(
            "{Subject} discloses {a_title}, comprising a dielectric substrate, a radiating patch, "
            "{feed} and a ground plane. {slot} cut in the patch works with the feed to excite "
            "several resonant modes and widen the bandwidth, while {decouple} on the ground plane "
            "suppresses mutual coupling between elements. The return loss is below −10 dB across "
            "{f1}–{f2} GHz and the gain reaches {g} dBi; the structure is simple and easy to "
            "mass-produce."
        ),
        claim_en=(
            "1. {A_title}, comprising a radiating patch (1), a dielectric substrate (2) and a "
            "ground plane (3) stacked from top to bottom, characterised in that a slot (4) is "
            "formed in the radiating patch (1), {feed} (5) is arranged on the dielectric substrate "
            "(2), and {decouple} (6) is arranged on the ground plane (3)."
        ),
    ),
    TechTemplate(
        key="pv_mount",
        owners=("minjiang", "prut"),
        kinds=UM,
        ipc_codes=("H02S 20/30", "H02S 40/10", "H02S 20/10", "H02S 40/42"),
        locarno_class=None,
        title="一种{scene}{device}",
        abstract=(
            "{subject}公开了一种{scene}{device}，包括立柱、{frame}、{mech}和控制箱。{frame}安装于立柱"
            "顶部并承载光伏组件，{mech}在控制箱控制下按太阳位置、风速或积灰情况动作，使组件保持较高的"
            "发电效率。{subject}提高了土地复合利用率，安装方便，发电量提升约{p}%。"
        ),
        claim=(
            "1.一种{scene}{device}，包括立柱(1)，其特征在于：所述立柱(1)顶部安装有{frame}(2)，所述"
            "{frame}(2)上安装有光伏组件(3)，所述{frame}(2)上设置有{mech}(4)，所述{mech}(4)与控制箱(5)"
            "电连接。"
        ),
        slots={
            "scene": ("农光互补", "渔光互补", "屋顶分布式", "山地光伏电站", "光伏车棚", "茶光互补"),
            "device": (
                "光伏支架",
                "平单轴跟踪支架",
                "光伏组件清洗装置",
                "组件散热装置",
                "柔性支架",
            ),
            "frame": ("桁架式横梁", "预应力索结构", "铝合金导轨", "可调斜撑"),
            "mech": ("推杆驱动机构", "回转减速机", "毛刷行走机构", "喷淋降温组件"),
        },
        numbers={"p": (3, 18)},
        application_fields=("光伏发电", "农光互补", "分布式能源"),
        target_products=("光伏支架", "跟踪系统", "清洗机器人"),
    ),
    TechTemplate(
        key="motor",
        owners=("sujin",),
        kinds=INV_UM,
        ipc_codes=("H02K 1/27", "H02K 9/19", "H02K 5/20"),
        locarno_class=None,
        title="一种{scene}{motor}{part}",
        abstract=(
            "{subject}公开了一种{scene}{motor}{part}，包括{c1}和{c2}。通过优化磁路和转子通风散热路径，降低了转矩脉动、铁损和磁钢温升，电机峰值功率密度达到{kw}kW/kg，额定工况效率超过9{e}%。{subject}结构紧凑，机械强度高，制造工艺成熟，便于批量生产。"
        ),
        claim=(
            "1.一种{scene}{motor}{part}，包括{c1}(1)，其特征在于：所述{c1}(1)上设置有{c2}(2)，所述{c2}(2)沿周向均匀分布，所述{c1}(1)中心设置有与转轴(3)配合的轴孔(4)。"
        ),
        slots={
            "scene": ("新能源汽车用", "工业机器人关节用", "电动农机用", "无人机用", "压缩机用"),
            "motor": ("永磁同步电机的", "轴向磁通电机的", "无刷直流电机的", "开关磁阻电机的"),
            "part": (
                "转子结构",
                "转子组件",
                "转子冲片结构",
            ),
            "c1": (
                "转子铁芯与V形磁钢",
                "转子铁芯与双层U形磁钢",
                "分段斜极转子铁芯",
                "表贴式磁钢与碳纤维护套",
            ),
            "c2": (
                "隔磁桥",
                "辅助减重孔",
                "磁钢定位凸台",
                "轴向通风孔",
            ),
        },
        numbers={"kw": (2, 6), "e": (2, 7)},
        application_fields=("电机驱动", "新能源汽车", "机器人"),
        target_products=("驱动电机", "关节电机", "永磁转子"),
    ),
)

# --------------------------------------------------------------------------------------------
# Designs: product name + variant; the "abstract" is the brief description (简要说明) and the
# "first claim" the statement of what is protected (designs have no claims).
# --------------------------------------------------------------------------------------------

_DESIGN_POINTS: Final[tuple[Choice, ...]] = (
    ("产品的形状", "the shape of the product"),
    ("形状与图案的结合", "the combination of shape and pattern"),
    ("形状与色彩的结合", "the combination of shape and colour"),
    ("形状、图案与色彩的结合", "the combination of shape, pattern and colour"),
)
_DESIGN_VIEWS: Final[tuple[Choice, ...]] = (
    ("立体图1", "perspective view 1"),
    ("立体图", "perspective view"),
    ("主视图", "front view"),
)
_DESIGN_ABSTRACT: Final = (
    "1.本外观设计产品的名称：{title}。2.本外观设计产品的用途：{use}。3.本外观设计产品的设计要点："
    "在于{point}。4.最能表明设计要点的图片或照片：{view}。"
)
_DESIGN_CLAIM: Final = (
    "本外观设计请求保护{title}的外观设计，设计要点在于{point}，保护范围以图片或照片中表示的该产品"
    "的外观设计为准。"
)
_DESIGN_ABSTRACT_EN: Final = (
    "1. Name of the product: {title}. 2. Use of the product: {use}. 3. Design features: {point}. "
    "4. View best showing the design features: {view}."
)
_DESIGN_CLAIM_EN: Final = (
    "Protection is sought for the design of the {title_lc} as shown in the drawings or "
    "photographs, its design features lying in {point}."
)


def _design(
    key: str,
    owners: tuple[str, ...],
    locarno: str,
    products: tuple[Choice, ...],
    variants: tuple[Choice, ...],
    uses: tuple[Choice, ...],
    fields: tuple[Choice, ...],
    targets: tuple[Choice, ...],
    *,
    bilingual: bool = False,
) -> TechTemplate:
    return TechTemplate(
        key=key,
        owners=owners,
        kinds=DES,
        ipc_codes=(),
        locarno_class=locarno,
        title="{product}（{variant}）",
        abstract=_DESIGN_ABSTRACT,
        claim=_DESIGN_CLAIM,
        slots={
            "product": products,
            "variant": variants,
            "use": uses,
            "point": _DESIGN_POINTS,
            "view": _DESIGN_VIEWS,
        },
        application_fields=fields,
        target_products=targets,
        title_en="{product} ({variant})" if bilingual else None,
        abstract_en=_DESIGN_ABSTRACT_EN if bilingual else None,
        claim_en=_DESIGN_CLAIM_EN if bilingual else None,
    )


TEMPLATES_DESIGN: Final[tuple[TechTemplate, ...]] = (
    _design(
        "design_tea_machine",
        ("swaust", "sujin"),
        "31-00",
        ("茶叶杀青机", "茶叶揉捻机", "茶叶理条机", "茶叶烘干机", "茶叶色选机", "茶叶提香机"),
        ("滚筒式", "连续式", "小型", "智能型", "双层", "台式"),
        ("用于茶叶初制加工", "用于名优茶加工"),
        ("茶叶加工", "农产品加工装备"),
        ("茶叶加工机械",),
    ),
    _design(
        "design_tea_package",
        ("swaust",),
        "09-03",
        ("茶叶罐", "茶叶包装盒", "礼品茶盒", "茶饼包装盒", "袋泡茶包装盒"),
        ("熊猫图案", "竹韵", "蜀山", "方形", "抽屉式", "圆筒形"),
        ("用于茶叶的包装和储存", "用于茶叶礼品包装"),
        ("茶叶包装", "文创包装"),
        ("茶叶包装", "礼品盒"),
    ),
    _design(
        "design_battery",
        ("minjiang",),
        "13-02",
        (
            ("储能电池柜", "energy storage battery cabinet"),
            ("电池包", "battery pack"),
            ("便携式储能电源", "portable power station"),
            ("电池模组外壳", "battery module housing"),
            ("家用储能一体机", "home energy storage unit"),
        ),
        (
            ("户外型", "outdoor"),
            ("液冷", "liquid-cooled"),
            ("壁挂式", "wall-mounted"),
            ("堆叠式", "stackable"),
            ("大容量", "high-capacity"),
            ("轻量化", "lightweight"),
        ),
        (
            ("用于储能电站和工商业储能", "for energy-storage stations and commercial storage"),
            ("用于电动汽车和家庭储能的电能存储", "for storing electricity in vehicles and homes"),
        ),
        (("储能", "Energy storage"), ("新能源汽车", "New-energy vehicles")),
        (("储能设备", "Energy storage equipment"), ("电池包", "Battery packs")),
        bilingual=True,
    ),
    _design(
        "design_charger",
        ("minjiang",),
        "13-03",
        ("充电桩", "换电柜", "充电模块", "储能变流器", "光储充一体机"),
        ("落地式", "壁挂式", "双枪", "智能型", "一体式"),
        ("用于电动汽车充电", "用于电能变换与分配"),
        ("充换电设施", "新能源汽车"),
        ("充电桩", "换电柜"),
    ),
    _design(
        "design_street_lamp",
        ("prut", "sujin"),
        "26-03",
        (
            ("路灯", "street lamp"),
            ("隧道灯", "tunnel light"),
            ("庭院灯", "garden lamp"),
            ("投光灯", "floodlight"),
            ("太阳能路灯", "solar street lamp"),
        ),
        (
            ("模组化", "modular"),
            ("智能型", "smart"),
            ("大功率", "high-power"),
            ("防眩光", "anti-glare"),
            ("一体化", "integrated"),
        ),
        (
            ("用于道路和公共场所照明", "for lighting roads and public spaces"),
            ("用于隧道和园区照明", "for lighting tunnels and campuses"),
        ),
        (("公共照明", "Public lighting"), ("智慧城市", "Smart cities")),
        (("LED路灯", "LED street lamps"), ("景观照明灯具", "Landscape luminaires")),
        bilingual=True,
    ),
    _design(
        "design_lamp",
        ("prut",),
        "26-05",
        ("植物生长灯", "面板灯", "教室灯", "吸顶灯", "护眼台灯"),
        ("全光谱", "护眼", "超薄", "智能调光", "可折叠"),
        ("用于室内照明", "用于植物补光"),
        ("室内照明", "设施农业补光"),
        ("LED灯具",),
    ),
    _design(
        "design_medical",
        ("dhut", "sujin"),
        "24-01",
        ("多参数监护仪", "输液泵", "医用雾化器", "康复训练仪", "超声诊断仪", "注射泵"),
        ("便携式", "床旁", "触屏", "儿童型", "掌上型"),
        ("用于医院和家庭的医疗监护与治疗", "用于康复训练和护理"),
        ("医疗器械", "智慧医疗"),
        ("医疗设备外观",),
    ),
    _design(
        "design_machine_tool",
        ("sujin",),
        "15-09",
        ("激光切割机", "数控加工中心", "数控车床", "折弯机", "雕铣机"),
        ("龙门式", "五轴", "立式", "卧式", "桌面型"),
        ("用于金属零件的切削或成形加工", "用于板材切割"),
        ("机床", "智能制造"),
        ("数控机床",),
    ),
    _design(
        "design_farm_machine",
        ("swaust", "sujin"),
        "15-03",
        ("微耕机", "采茶机", "旋耕机", "施肥机", "播种机", "田园管理机"),
        ("手扶式", "电动", "履带式", "多功能", "单人"),
        ("用于丘陵山区农田作业", "用于茶园和果园管理"),
        ("农业机械", "丘陵山区农业"),
        ("小型农机",),
    ),
    _design(
        "design_water_equipment",
        ("ctiee",),
        "23-01",
        ("净水器", "一体化污水处理设备", "雨水净化器", "户用污水净化槽", "加药装置"),
        ("立式", "埋地式", "模块化", "太阳能", "壁挂式"),
        ("用于生活污水或雨水的净化处理", "用于饮用水净化"),
        ("水处理", "农村环境整治"),
        ("水处理设备",),
    ),
    _design(
        "design_air_unit",
        ("dhut", "sujin"),
        "23-04",
        ("空气源热泵", "新风机", "除湿机", "空调室外机", "热泵烘干机"),
        ("超低温", "壁挂式", "变频", "商用", "一体式"),
        ("用于室内供暖、通风或除湿", "用于农产品烘干"),
        ("暖通空调", "清洁供暖"),
        ("热泵与新风设备",),
    ),
    _design(
        "design_iot_device",
        ("prut",),
        "14-03",
        ("物联网网关", "无线数据采集终端", "5G小基站", "LoRa中继器", "北斗定位终端"),
        ("工业级", "户外型", "导轨式", "便携式", "太阳能供电"),
        ("用于无线数据传输", "用于远程监测数据采集"),
        ("物联网", "无线通信"),
        ("通信终端",),
    ),
    _design(
        "design_instrument",
        ("ctiee", "prut", "minjiang"),
        "10-04",
        ("水质检测仪", "土壤墒情监测仪", "气体检测仪", "电池内阻测试仪", "农残快检仪"),
        ("手持式", "便携式", "台式", "在线式", "多参数"),
        ("用于现场检测和监测", "用于实验室分析"),
        ("检测仪器", "环境监测"),
        ("检测仪器",),
    ),
)

TEMPLATES: Final[tuple[TechTemplate, ...]] = (
    *TEMPLATES_A,
    *TEMPLATES_BC,
    *TEMPLATES_DEF,
    *TEMPLATES_G,
    *TEMPLATES_H,
    *TEMPLATES_DESIGN,
)
