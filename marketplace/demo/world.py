"""The demo world as plain, frozen data: organisations, their users and a patent portfolio.

`build_world(seed)` is deterministic: the same seed always gives the same world (one
`random.Random(seed)`, no clock, no database). The world is consistent "as of" `DEMO_TODAY`:

- application numbers carry their ZC 0006-2003 check character and the filing year; patent
  numbers are ``ZL`` + the application number; publication numbers are ``CN`` + 9 digits + the
  kind code of the granted document (B invention, U utility model, S design);
- grants follow filing by 2–4 years (inventions) or 6–14 months (utility models, designs);
- legal status follows the terms of D18 (invention 20 years; utility model 10; design 15 if filed
  on or after 2021-06-01, else 10): past its expiry a patent is ``expired``; a few others have
  ``lapsed`` for unpaid fees; a few are ``in_grace`` because this year's fee is overdue;
- about 10 % are co-owned (shares in per cent adding up to 100, the owner included), a handful
  carry encumbrances, and most utility models and designs have an evaluation report.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Final, Literal, NamedTuple, TypeAlias

from marketplace.demo.catalogue import (
    ALL_ORGANISATIONS,
    COURT_CODES,
    EXTERNAL_CO_OWNERS,
    PATENTEES,
    PLEDGEES,
    SMES,
    SUSPENSION_CLAIMANTS,
    TEMPLATES,
    Choice,
    OrgKind,
    OrgSpec,
    PatentKind,
    Role,
    TechTemplate,
)

DEMO_PASSWORD: Final = "kaifang-demo-2026"
DEMO_SEED: Final = 20261121
DEMO_TODAY: Final = date(2026, 11, 21)
PATENT_COUNT: Final = 336

LegalStatusName: TypeAlias = Literal["in_force", "lapsed", "expired"]
FeeStatus: TypeAlias = Literal["paid", "in_grace", "unpaid"]
EncumbranceKind: TypeAlias = Literal["exclusive_licence", "sole_licence", "pledge", "suspension"]
Conclusion: TypeAlias = Literal["favourable", "unfavourable"]
Language: TypeAlias = Literal["zh", "en"]


@dataclass(frozen=True)
class DemoOrganisation:
    key: str
    name: str
    name_en: str
    kind: OrgKind
    uscc: str
    region: str  # GB/T 2260 province-level code, e.g. "310000"
    city: str
    fee_reduction_eligible: bool
    fee_reduction_basis: str | None
    fee_reduction_year: int | None
    industry: str | None
    industry_en: str | None


@dataclass(frozen=True)
class DemoUser:
    email: str
    display_name: str
    role: Role
    organisation_key: str
    locale: str  # "zh" or "en"


class DemoCoOwner(NamedTuple):
    """One patentee of a co-owned patent; unpacks as ``(party, share)``.

    ``party`` is the key of a demo organisation or, for an outside party without an account,
    its name; ``share`` is in per cent.
    """

    party: str
    share: Decimal


@dataclass(frozen=True)
class DemoEncumbrance:
    kind: EncumbranceKind
    pledgee_consent: bool | None  # pledges only
    start: date
    end: date | None
    reference: str  # recordal / registration / case number
    counterparty: str  # licensee, pledgee or the party that obtained the suspension


@dataclass(frozen=True)
class DemoPatent:
    application_number: str
    patent_number: str
    publication_number: str
    jurisdiction: str
    kind: PatentKind
    title: str
    abstract: str
    first_claim: str  # designs: the statement of what is protected
    ipc_codes: tuple[str, ...]  # empty for designs
    locarno_class: str | None  # designs only
    applicants: tuple[str, ...]
    owner_key: str
    co_owners: tuple[DemoCoOwner, ...]  # empty when solely owned; else every owner, owner first
    filing_date: date
    grant_date: date
    publication_date: date  # of the granted document
    legal_status: LegalStatusName
    fee_status: FeeStatus
    encumbrances: tuple[DemoEncumbrance, ...]
    evaluation_report_ref: str | None
    evaluation_conclusion: Conclusion | None
    language: Language
    application_fields: tuple[str, ...]
    target_products: tuple[str, ...]
    template_key: str


@dataclass(frozen=True)
class DemoWorld:
    organisations: tuple[DemoOrganisation, ...]
    users: tuple[DemoUser, ...]
    patents: tuple[DemoPatent, ...]

    def organisation(self, key: str) -> DemoOrganisation:
        for organisation in self.organisations:
            if organisation.key == key:
                return organisation
        raise KeyError(key)

    def users_of(self, key: str) -> tuple[DemoUser, ...]:
        return tuple(user for user in self.users if user.organisation_key == key)

    def patents_of(self, key: str) -> tuple[DemoPatent, ...]:
        return tuple(patent for patent in self.patents if patent.owner_key == key)


def build_world(seed: int = DEMO_SEED) -> DemoWorld:
    """The whole demo world, the same for the same seed."""
    rng = random.Random(seed)
    organisations = tuple(_organisation(spec) for spec in ALL_ORGANISATIONS)
    users = tuple(
        DemoUser(
            email=contact.email,
            display_name=contact.display_name,
            role=contact.role,
            organisation_key=spec.key,
            locale=contact.locale,
        )
        for spec in ALL_ORGANISATIONS
        for contact in spec.contacts
    )
    patents = _PortfolioBuilder(rng).build()
    return DemoWorld(organisations=organisations, users=users, patents=patents)


def _organisation(spec: OrgSpec) -> DemoOrganisation:
    return DemoOrganisation(
        key=spec.key,
        name=spec.name,
        name_en=spec.name_en,
        kind=spec.kind,
        uscc=spec.uscc,
        region=spec.region,
        city=spec.city,
        fee_reduction_eligible=spec.fee_reduction_eligible,
        fee_reduction_basis=spec.fee_reduction_basis,
        fee_reduction_year=DEMO_TODAY.year if spec.fee_reduction_eligible else None,
        industry=spec.industry,
        industry_en=spec.industry_en,
    )


# --------------------------------------------------------------------------------------------
# Numbers and dates
# --------------------------------------------------------------------------------------------

_APPLICATION_WEIGHTS: Final = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
_KIND_DIGIT: Final[dict[PatentKind, str]] = {"invention": "1", "utility_model": "2", "design": "3"}
_KIND_CODE: Final[dict[PatentKind, str]] = {"invention": "B", "utility_model": "U", "design": "S"}
_TERM_YEARS: Final[dict[PatentKind, int]] = {"invention": 20, "utility_model": 10, "design": 15}
_DESIGN_15_YEARS_FROM: Final = date(2021, 6, 1)
_LATEST_GRANT: Final = date(2026, 10, 31)
_GRACE_MONTHS_AGO: Final = date(2026, 5, 21)  # six months before DEMO_TODAY


def _application_check(digits: str) -> str:
    """ZC 0006-2003 check character over the 12 digits (R10.2)."""
    remainder = sum(int(d) * w for d, w in zip(digits, _APPLICATION_WEIGHTS, strict=True)) % 11
    return "X" if remainder == 10 else str(remainder)


def _add_years(day: date, years: int) -> date:
    """The same calendar day `years` later; 29 February rolls to 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _expiry(kind: PatentKind, filing: date) -> date:
    """Last day of the term (D18), counting the filing date as the first day."""
    years = _TERM_YEARS[kind]
    if kind == "design" and filing < _DESIGN_15_YEARS_FROM:
        years = 10
    return _add_years(filing, years) - timedelta(days=1)


# Filing-year weights per kind: most of the portfolio is recent, a few old rights have expired.
_YEAR_WEIGHTS: Final[dict[PatentKind, dict[int, int]]] = {
    "invention": {
        2006: 2,
        2007: 2,
        2008: 2,
        2009: 3,
        2010: 4,
        2011: 5,
        2012: 6,
        2013: 7,
        2014: 8,
        2015: 10,
        2016: 12,
        2017: 13,
        2018: 15,
        2019: 16,
        2020: 16,
        2021: 16,
        2022: 13,
        2023: 8,
        2024: 2,
    },
    "utility_model": {
        2009: 1,
        2010: 1,
        2011: 1,
        2012: 1,
        2013: 1,
        2014: 1,
        2015: 2,
        2016: 3,
        2017: 6,
        2018: 8,
        2019: 12,
        2020: 14,
        2021: 16,
        2022: 16,
        2023: 14,
        2024: 10,
    },
    "design": {
        2010: 1,
        2012: 1,
        2014: 1,
        2015: 1,
        2016: 2,
        2017: 3,
        2018: 5,
        2019: 7,
        2020: 8,
        2021: 10,
        2022: 10,
        2023: 9,
        2024: 7,
    },
}
_GRANT_DELAY_DAYS: Final[dict[PatentKind, tuple[int, int]]] = {
    "invention": (730, 1460),  # two to four years
    "utility_model": (183, 425),  # six to fourteen months
    "design": (183, 425),
}
# Highest serial (7 digits) handed out in the first and last years, interpolated in between.
_SERIAL_RANGE: Final[dict[PatentKind, tuple[int, int]]] = {
    "invention": (210_000, 1_900_000),
    "utility_model": (160_000, 3_000_000),
    "design": (200_000, 900_000),
}
# Publication numbers (thousands) at the start of each year: CN1…, CN2…, CN3… series.
_PUBLICATION_START: Final[dict[PatentKind, dict[int, int]]] = {
    "invention": {
        2006: 100_600, 2007: 101_000, 2008: 101_120, 2009: 101_300, 2010: 101_550,
        2011: 101_980, 2012: 102_300, 2013: 102_850, 2014: 103_500, 2015: 104_300,
        2016: 105_250, 2017: 106_300, 2018: 107_550, 2019: 109_100, 2020: 110_600,
        2021: 112_200, 2022: 113_900, 2023: 115_600, 2024: 117_300, 2025: 119_200,
        2026: 121_000, 2027: 122_800,
    },
    "utility_model": {
        2006: 200_700, 2007: 200_900, 2008: 201_000, 2009: 201_200, 2010: 201_500,
        2011: 201_900, 2012: 202_300, 2013: 202_900, 2014: 203_400, 2015: 204_100,
        2016: 205_000, 2017: 205_900, 2018: 207_000, 2019: 208_100, 2020: 210_100,
        2021: 212_300, 2022: 215_000, 2023: 217_700, 2024: 219_900, 2025: 222_000,
        2026: 224_000, 2027: 226_000,
    },
    "design": {
        2006: 300_200, 2007: 300_400, 2008: 300_700, 2009: 301_000, 2010: 301_200,
        2011: 301_500, 2012: 302_000, 2013: 302_400, 2014: 302_800, 2015: 303_200,
        2016: 303_600, 2017: 304_000, 2018: 304_600, 2019: 305_200, 2020: 305_700,
        2021: 306_400, 2022: 307_100, 2023: 307_900, 2024: 308_600, 2025: 309_400,
        2026: 310_100, 2027: 310_800,
    },
}  # fmt: skip

# Dates that make the terms visible in the demo: an invention filed late in 2006 still in force
# (until December 2026) next to one filed early in 2006 that has expired; utility models on both
# sides of their ten years; designs under the old 10-year and the new 15-year term.
_PINNED_FILINGS: Final[tuple[tuple[PatentKind, date], ...]] = (
    ("invention", date(2006, 12, 8)),
    ("invention", date(2006, 3, 15)),
    ("utility_model", date(2012, 5, 10)),
    ("utility_model", date(2016, 12, 2)),
    ("design", date(2016, 4, 20)),
    ("design", date(2021, 5, 20)),
    ("design", date(2021, 7, 2)),
)

_KIND_SHARES: Final[tuple[tuple[PatentKind, int], ...]] = (
    ("invention", 65),
    ("utility_model", 25),
    ("design", 10),
)
_SUBJECT: Final[dict[PatentKind, tuple[str, str]]] = {
    "invention": ("本发明", "The invention"),
    "utility_model": ("本实用新型", "The utility model"),
    "design": ("本外观设计", "The design"),
}
_TWO_WAY_SPLITS: Final = ((50, 50), (60, 40), (70, 30), (80, 20), (55, 45))
_THREE_WAY_SPLITS: Final = ((40, 30, 30), (50, 25, 25), (34, 33, 33))


@dataclass
class _Draft:
    """A patent while it is being put together; frozen into a `DemoPatent` at the end."""

    kind: PatentKind
    template: TechTemplate
    owner_key: str
    filing_date: date = date.min
    grant_date: date = date.min
    publication_date: date = date.min
    application_number: str = ""
    publication_number: str = ""
    language: Language = "zh"
    title: str = ""
    abstract: str = ""
    first_claim: str = ""
    ipc_codes: tuple[str, ...] = ()
    application_fields: tuple[str, ...] = ()
    target_products: tuple[str, ...] = ()
    co_owners: tuple[DemoCoOwner, ...] = ()
    legal_status: LegalStatusName = "in_force"
    fee_status: FeeStatus = "paid"
    encumbrances: list[DemoEncumbrance] = field(default_factory=list)
    evaluation_report_ref: str | None = None
    evaluation_conclusion: Conclusion | None = None

    @property
    def expiry(self) -> date:
        return _expiry(self.kind, self.filing_date)


class _PortfolioBuilder:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.patentees = {spec.key: spec for spec in PATENTEES}
        self.used_application: set[str] = set()
        self.used_publication: set[str] = set()
        self.used_titles: set[str] = set()
        self.used_references: set[str] = set()

    def build(self) -> tuple[DemoPatent, ...]:
        drafts = self._skeletons()
        for draft, pinned in zip(drafts, self._pinned(drafts), strict=True):
            self._dates(draft, pinned)
            self._numbers(draft)
        self._languages(drafts)
        for draft in drafts:
            self._texts(draft)
            if draft.expiry < DEMO_TODAY:
                draft.legal_status = "expired"
        self._co_ownership(drafts)
        self._lapses_and_grace(drafts)
        self._encumbrances(drafts)
        self._evaluations(drafts)
        order = {key: index for index, key in enumerate(self.patentees)}
        drafts.sort(key=lambda d: (order[d.owner_key], d.filing_date, d.application_number))
        return tuple(self._freeze(draft) for draft in drafts)

    # ---------------------------------------------------------------- skeleton and dates

    def _skeletons(self) -> list[_Draft]:
        """Kinds by quota; templates round-robin within a kind, so each is used about equally."""
        drafts: list[_Draft] = []
        remaining = PATENT_COUNT
        for index, (kind, percent) in enumerate(_KIND_SHARES):
            last = index == len(_KIND_SHARES) - 1
            count = remaining if last else round(PATENT_COUNT * percent / 100)
            remaining -= count
            templates = [t for t in TEMPLATES if kind in t.kinds]
            cycle: list[TechTemplate] = []
            for _ in range(count):
                if not cycle:
                    cycle = list(templates)
                    self.rng.shuffle(cycle)
                template = cycle.pop()
                weights = [3] + [2] * (len(template.owners) - 1)
                owner = self.rng.choices(template.owners, weights=weights)[0]
                drafts.append(_Draft(kind=kind, template=template, owner_key=owner))
        self.rng.shuffle(drafts)
        return drafts

    def _pinned(self, drafts: Sequence[_Draft]) -> list[date | None]:
        pinned: list[date | None] = [None] * len(drafts)
        for kind, day in _PINNED_FILINGS:
            index = next(i for i, d in enumerate(drafts) if d.kind == kind and pinned[i] is None)
            pinned[index] = day
        return pinned

    def _dates(self, draft: _Draft, pinned: date | None) -> None:
        low, high = _GRANT_DELAY_DAYS[draft.kind]
        weights = _YEAR_WEIGHTS[draft.kind]
        while True:
            if pinned is None:
                year = self.rng.choices(list(weights), weights=list(weights.values()))[0]
                filing = date(year, 1, 1) + timedelta(days=self.rng.randrange(365))
            else:
                filing = pinned
            grant = filing + timedelta(days=self.rng.randint(low, high))
            if grant <= _LATEST_GRANT:
                break
        draft.filing_date = filing
        draft.grant_date = grant
        if draft.kind == "invention":
            # The B document shares the number of the A publication, about 18 months in.
            draft.publication_date = filing + timedelta(days=self.rng.randint(300, 548))
        else:
            draft.publication_date = grant

    def _numbers(self, draft: _Draft) -> None:
        year = draft.filing_date.year
        first, last = _SERIAL_RANGE[draft.kind]
        top = first + (last - first) * (year - 2006) // (2024 - 2006)
        fraction = draft.filing_date.timetuple().tm_yday / 366
        while True:
            serial = int(top * fraction) + self.rng.randint(1, max(top // 40, 1))
            digits = f"{year}{_KIND_DIGIT[draft.kind]}{min(serial, 9_999_999):07d}"
            number = f"{digits}.{_application_check(digits)}"
            if number not in self.used_application:
                self.used_application.add(number)
                draft.application_number = number
                break
        table = _PUBLICATION_START[draft.kind]
        published = draft.publication_date
        start, end = table[published.year], table[published.year + 1]
        base = start * 1000 + (end - start) * 1000 * published.timetuple().tm_yday // 366
        while True:
            candidate = f"CN{base + self.rng.randint(0, 9999):09d}{_KIND_CODE[draft.kind]}"
            if candidate not in self.used_publication:
                self.used_publication.add(candidate)
                draft.publication_number = candidate
                break

    # ---------------------------------------------------------------------------- texts

    def _languages(self, drafts: Sequence[_Draft]) -> None:
        """About 15 % of the patents are presented in English (bilingual templates only)."""
        candidates = [i for i, d in enumerate(drafts) if d.template.bilingual]
        quota = min(len(candidates), round(len(drafts) * 0.15))
        for index in self.rng.sample(candidates, quota):
            drafts[index].language = "en"

    def _texts(self, draft: _Draft) -> None:
        template, lang = draft.template, draft.language
        values: dict[str, str] = {}
        for _ in range(200):
            values = {
                name: _choice(self.rng.choice(choices), lang)
                for name, choices in template.slots.items()
            }
            values.update(
                {name: str(self.rng.randint(lo, hi)) for name, (lo, hi) in template.numbers.items()}
            )
            title = _title(template, lang, values)
            if title not in self.used_titles:
                break
        self.used_titles.add(title)
        subject_zh, subject_en = _SUBJECT[draft.kind]
        values["title"] = title
        if lang == "en":
            lowered = _lower_first(title)
            values["title_lc"] = lowered
            values["a_title"] = f"{_article(lowered)} {lowered}"
            values["A_title"] = _upper_first(values["a_title"])
            values["Subject"] = subject_en
            abstract, claim = template.abstract_en, template.claim_en
        else:
            values["subject"] = subject_zh
            abstract, claim = template.abstract, template.claim
        assert abstract is not None and claim is not None  # bilingual checked by _title
        draft.title = title
        draft.abstract = abstract.format_map(values)
        draft.first_claim = claim.format_map(values)
        draft.ipc_codes = self._ipc_codes(template)
        draft.application_fields = self._some(template.application_fields, lang)
        draft.target_products = self._some(template.target_products, lang)

    def _ipc_codes(self, template: TechTemplate) -> tuple[str, ...]:
        if not template.ipc_codes:
            return ()
        main, *others = template.ipc_codes
        extra = self.rng.sample(range(len(others)), self.rng.randint(0, min(2, len(others))))
        return (main, *(others[i] for i in sorted(extra)))

    def _some(self, choices: tuple[Choice, ...], lang: Language) -> tuple[str, ...]:
        count = min(len(choices), self.rng.randint(2, 3))
        picked = sorted(self.rng.sample(range(len(choices)), count))
        return tuple(_choice(choices[i], lang) for i in picked)

    # ---------------------------------------------------------------- rights and burdens

    def _co_ownership(self, drafts: Sequence[_Draft]) -> None:
        """About 10 % co-owned, mostly with another demo patentee, a few with outsiders."""
        for index in sorted(self.rng.sample(range(len(drafts)), round(len(drafts) * 0.10))):
            draft = drafts[index]
            three_way = self.rng.random() < 0.15
            splits = self.rng.choice(_THREE_WAY_SPLITS if three_way else _TWO_WAY_SPLITS)
            others = [key for key in self.patentees if key != draft.owner_key]
            parties = [draft.owner_key, *self.rng.sample(others, len(splits) - 1)]
            if self.rng.random() < 0.12:
                parties[-1] = self.rng.choice(EXTERNAL_CO_OWNERS)
            draft.co_owners = tuple(
                DemoCoOwner(party, Decimal(share))
                for party, share in zip(parties, splits, strict=True)
            )

    def _lapses_and_grace(self, drafts: Sequence[_Draft]) -> None:
        """A few lapsed for unpaid fees; a few inside the six-month grace of this year's fee."""
        solely_in_force = [d for d in drafts if d.legal_status == "in_force" and not d.co_owners]
        lapsable = [d for d in solely_in_force if d.grant_date <= date(2025, 5, 1)]
        for draft in self.rng.sample(lapsable, 8):
            draft.legal_status = "lapsed"
            draft.fee_status = "unpaid"
        overdue = [
            d
            for d in solely_in_force
            if d.legal_status == "in_force"
            and _GRACE_MONTHS_AGO < _anniversary(d.filing_date, DEMO_TODAY.year) <= DEMO_TODAY
            and d.grant_date < _anniversary(d.filing_date, DEMO_TODAY.year)
        ]
        for draft in self.rng.sample(overdue, 6):
            draft.fee_status = "in_grace"

    def _encumbrances(self, drafts: Sequence[_Draft]) -> None:
        free = [
            d
            for d in drafts
            if d.legal_status == "in_force"
            and d.fee_status == "paid"
            and not d.co_owners
            and d.expiry >= date(2029, 1, 1)
        ]
        self.rng.shuffle(free)
        inventions = [d for d in free if d.kind == "invention"]
        licensed = inventions[:5]
        for draft in licensed[:3]:
            self._licence(draft, "exclusive_licence", ended=False)
        self._licence(licensed[3], "sole_licence", ended=False)
        older = [d for d in inventions[5:] if d.grant_date <= date(2019, 6, 30)]
        self._licence(older[0], "exclusive_licence", ended=True)
        rest = [d for d in free if d not in licensed and d is not older[0]]
        for draft, consent in zip(rest[:4], (True, True, False, False), strict=True):
            self._pledge(draft, consent)
        self._suspension(rest[4])

    def _licence(self, draft: _Draft, kind: EncumbranceKind, *, ended: bool) -> None:
        if ended:
            start = self._day_between(max(draft.grant_date, date(2018, 1, 1)), date(2020, 12, 31))
            end = _add_years(start, self.rng.randint(3, 4))
        else:
            start = self._day_between(max(draft.grant_date, date(2022, 1, 1)), date(2026, 6, 30))
            end = min(_add_years(start, self.rng.randint(5, 8)), draft.expiry)
        licensee = self.rng.choice(SMES).name
        reference = self._reference("X", start.year)
        draft.encumbrances.append(DemoEncumbrance(kind, None, start, end, reference, licensee))

    def _pledge(self, draft: _Draft, consent: bool) -> None:
        # Subsisting on DEMO_TODAY: registered within the last two years, for two or three years.
        start = self._day_between(max(draft.grant_date, date(2024, 12, 1)), date(2026, 9, 30))
        end = min(_add_years(start, self.rng.randint(2, 3)), draft.expiry)
        reference = self._reference("Y", start.year)
        pledgee = self.rng.choice(PLEDGEES)
        draft.encumbrances.append(
            DemoEncumbrance("pledge", consent, start, end, reference, pledgee)
        )

    def _suspension(self, draft: _Draft) -> None:
        start = self._day_between(date(2026, 8, 1), date(2026, 10, 31))
        court = COURT_CODES[self.patentees[draft.owner_key].region]
        reference = f"（{start.year}）{court}民初{self.rng.randint(1000, 9999)}号"
        claimant = self.rng.choice(SUSPENSION_CLAIMANTS)
        draft.encumbrances.append(
            DemoEncumbrance("suspension", None, start, None, reference, claimant)
        )

    def _evaluations(self, drafts: Sequence[_Draft]) -> None:
        """Most utility models and designs have a report; a few in force are unfavourable."""
        evaluated: list[_Draft] = []
        for draft in drafts:
            if draft.kind == "invention" or self.rng.random() >= 0.85:
                continue
            year = self.rng.randint(draft.grant_date.year, min(draft.grant_date.year + 2, 2026))
            draft.evaluation_report_ref = self._reference("PE", year, digits=6)
            draft.evaluation_conclusion = "favourable"
            evaluated.append(draft)
        blockable = [d for d in evaluated if d.legal_status == "in_force" and not d.encumbrances]
        for draft in self.rng.sample(blockable, 3):
            draft.evaluation_conclusion = "unfavourable"

    def _reference(self, prefix: str, year: int, digits: int = 0) -> str:
        while True:
            if digits:
                reference = f"{prefix}{year}{self.rng.randint(1, 10**digits - 1):0{digits}d}"
            else:
                reference = f"{prefix}{year}98{self.rng.randint(1, 99_999):07d}"
            if reference not in self.used_references:
                self.used_references.add(reference)
                return reference

    def _day_between(self, first: date, last: date) -> date:
        if last < first:
            last = first
        return first + timedelta(days=self.rng.randint(0, (last - first).days))

    # ------------------------------------------------------------------------- freezing

    def _freeze(self, draft: _Draft) -> DemoPatent:
        names = {key: spec.name for key, spec in self.patentees.items()}
        if draft.co_owners:
            applicants = tuple(names.get(party, party) for party, _ in draft.co_owners)
        else:
            applicants = (names[draft.owner_key],)
        template = draft.template
        return DemoPatent(
            application_number=draft.application_number,
            patent_number=f"ZL{draft.application_number}",
            publication_number=draft.publication_number,
            jurisdiction="CN",
            kind=draft.kind,
            title=draft.title,
            abstract=draft.abstract,
            first_claim=draft.first_claim,
            ipc_codes=draft.ipc_codes,
            locarno_class=template.locarno_class if draft.kind == "design" else None,
            applicants=applicants,
            owner_key=draft.owner_key,
            co_owners=draft.co_owners,
            filing_date=draft.filing_date,
            grant_date=draft.grant_date,
            publication_date=draft.publication_date,
            legal_status=draft.legal_status,
            fee_status=draft.fee_status,
            encumbrances=tuple(draft.encumbrances),
            evaluation_report_ref=draft.evaluation_report_ref,
            evaluation_conclusion=draft.evaluation_conclusion,
            language=draft.language,
            application_fields=draft.application_fields,
            target_products=draft.target_products,
            template_key=template.key,
        )


# --------------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------------


def _choice(choice: Choice, lang: Language) -> str:
    if isinstance(choice, str):
        if lang == "en":
            raise ValueError(f"no English text for slot value {choice!r}")
        return choice
    return choice[0] if lang == "zh" else choice[1]


def _title(template: TechTemplate, lang: Language, values: dict[str, str]) -> str:
    if lang == "zh":
        return template.title.format_map(values)
    if template.title_en is None or template.abstract_en is None or template.claim_en is None:
        raise ValueError(f"template {template.key} has no English patterns")
    return _upper_first(template.title_en.format_map(values))


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym or a name ("IoT", "PVDF")."""
    first_word = text.split(" ", 1)[0]
    if first_word[1:] != first_word[1:].lower():
        return text
    return text[:1].lower() + text[1:]


def _article(text: str) -> str:
    return "an" if text[:1].lower() in "aeiou" else "a"


def _anniversary(day: date, year: int) -> date:
    return _add_years(day, year - day.year)
