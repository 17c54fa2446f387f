"""Fixtures for the search_index tests: a small hand-written corpus in Chinese and English."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from search_index import PatentDocument, SearchIndex

TEA = PatentDocument(
    id="cn-tea-fixing",
    title="自动化杀青设备",
    abstract=(
        "本发明公开了一种用于绿茶加工的自动化杀青设备，包括滚筒、热风炉和叶温传感器，"
        "控制器根据叶温调节滚筒转速，使茶叶杀青均匀且能耗低。"
    ),
    first_claim="一种自动化杀青设备，其特征在于，包括滚筒、热风炉、叶温传感器和控制器。",
    ipc=("A23F 3/06",),
    patentees=("杭州茶机科技有限公司",),
    kind="invention",
    legal_status="valid",
    declaration_status="announced",
    fee_method="fixed",
    licence_end=date(2030, 12, 31),
    application_fields=("茶叶加工", "农业机械"),
    region="浙江",
    filing_year=2019,
    grant_year=2021,
    fee_amount=20000.0,
    announced_at=datetime(2024, 3, 1),
    language="zh",
)
TEA_ROLLER = PatentDocument(
    id="cn-tea-roller",
    title="茶叶揉捻机",
    abstract="本实用新型涉及茶叶加工机械，揉捻盘带有可调压力的揉捻桶，适用于名优绿茶。",
    ipc=("A23F 3/06",),
    patentees=("杭州茶机科技有限公司", "浙江农林大学"),
    kind="utility_model",
    legal_status="valid",
    declaration_status="announced",
    fee_method="royalty",
    region="浙江",
    filing_year=2020,
    grant_year=2021,
    fee_amount=5000.0,
    announced_at=datetime(2024, 5, 10),
    language="zh",
)
ANAEROBIC = PatentDocument(
    id="cn-anaerobic-reactor",
    title="一种厌氧反应器及污水处理系统",
    abstract=(
        "本实用新型公开了一种厌氧反应器，包括罐体、三相分离器和布水器，"
        "用于高浓度有机废水的厌氧消化处理，产生的沼气可回收利用。"
    ),
    ipc=("C02F 3/28", "C02F 11/04"),
    patentees=("江苏环保装备有限公司",),
    kind="utility_model",
    legal_status="valid",
    declaration_status="announced",
    fee_method="fixed",
    region="江苏",
    filing_year=2018,
    grant_year=2019,
    fee_amount=8000.0,
    announced_at=datetime(2023, 11, 20),
    language="zh",
)
MEMBRANE = PatentDocument(
    id="cn-membrane-cleaning",
    title="一种反渗透膜在线清洗装置",
    abstract="该装置通过反冲洗和化学清洗相结合的方式去除反渗透膜表面的污染物，延长膜的使用寿命。",
    ipc=("B01D 65/02", "C02F 1/44"),
    patentees=("江苏环保装备有限公司",),
    kind="invention",
    legal_status="valid",
    declaration_status="withdrawn",
    fee_method="fixed",
    region="江苏",
    filing_year=2020,
    grant_year=2022,
    announced_at=datetime(2022, 6, 1),
    language="zh",
)
CN_BATTERY = PatentDocument(
    id="cn-battery",
    title="防爆锂离子电池及其制备方法",
    abstract="本发明提供一种防爆锂离子电池，电池壳体上设有泄压阀，隔膜采用陶瓷涂层，提高了电池的安全性。",
    ipc=("H01M 10/0525", "H01M 50/30"),
    patentees=("深圳新能源电池有限公司",),
    kind="invention",
    legal_status="valid",
    declaration_status="announced",
    fee_method="royalty",
    region="广东",
    filing_year=2021,
    grant_year=2023,
    fee_amount=50000.0,
    announced_at=datetime(2024, 1, 15),
    language="zh",
)
EN_BATTERY = PatentDocument(
    id="us-battery",
    title="Lithium-ion battery with a flame-retardant separator",
    abstract=(
        "A rechargeable lithium-ion battery comprises a cathode, an anode and a separator "
        "coated with a flame-retardant ceramic layer, which prevents thermal runaway."
    ),
    first_claim="A battery comprising a ceramic-coated separator between the cathode and anode.",
    ipc=("H01M 10/0525",),
    patentees=("Acme Energy Inc.",),
    kind="invention",
    legal_status="valid",
    declaration_status="announced",
    fee_method="fixed",
    region="上海",
    filing_year=2017,
    grant_year=2020,
    fee_amount=12000.0,
    announced_at=datetime(2023, 8, 1),
    language="en",
)
EN_DIGESTER = PatentDocument(
    id="us-digester",
    title="Anaerobic digester for treating municipal wastewater",
    abstract=(
        "Sludge is mixed by recirculated biogas in an anaerobic digestion tank; "
        "the digested sludge settles and the biogas is collected for energy recovery."
    ),
    ipc=("C02F 3/28",),
    kind="invention",
    legal_status="expired",
    declaration_status="none",
    region="北京",
    filing_year=2012,
    language="en",
)
EN_WASHER = PatentDocument(
    id="us-washer",
    title="Quiet washing machine <script>alert(1)</script> & drum",
    abstract="A washing machine drum with <b>balancing</b> rings reduces vibration & noise.",
    ipc=("D06F 37/20",),
    kind="utility_model",
    legal_status="valid",
    declaration_status="announced",
    region="广东",
    filing_year=2022,
    fee_amount=3000.0,
    announced_at=datetime(2024, 6, 30),
    language="en",
)
TEA_SET = PatentDocument(
    id="cn-tea-set-design",
    title="茶具（青花瓷）",
    abstract="外观设计产品为茶具，设计要点在于青花图案与壶身形状的结合。",
    kind="design",
    legal_status="valid",
    declaration_status="announced",
    region="江西",
    filing_year=2023,
    fee_amount=1000.0,
    announced_at=datetime(2024, 2, 2),
    language="zh",
)

CORPUS: tuple[PatentDocument, ...] = (
    TEA,
    TEA_ROLLER,
    ANAEROBIC,
    MEMBRANE,
    CN_BATTERY,
    EN_BATTERY,
    EN_DIGESTER,
    EN_WASHER,
    TEA_SET,
)


@pytest.fixture
def corpus() -> dict[str, PatentDocument]:
    """The fixture corpus by id."""
    return {doc.id: doc for doc in CORPUS}


@pytest.fixture
def index_path(tmp_path: Path) -> Path:
    return tmp_path / "search-index"


@pytest.fixture
def empty_index(index_path: Path) -> Iterator[SearchIndex]:
    search_index = SearchIndex(index_path)
    search_index.open_or_create()
    yield search_index
    search_index.close()


@pytest.fixture
def index(empty_index: SearchIndex) -> SearchIndex:
    """An index holding the fixture corpus."""
    empty_index.upsert(CORPUS)
    return empty_index


@pytest.fixture
def search_ids(index: SearchIndex) -> Callable[..., list[str]]:
    """``search_ids(query, **options)``: the ids of the hits of ``index.search``, in order."""

    def search(query: str, **options: Any) -> list[str]:
        return [hit.id for hit in index.search(query, **options).hits]

    return search
