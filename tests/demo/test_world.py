"""The demo world: deterministic, internally consistent, and accepted by the register's rules.

Check characters and patent terms are recomputed here by hand, independently of the generator.
"""

from __future__ import annotations

import calendar
import re
import string
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import pytest

from marketplace.demo import catalogue
from marketplace.demo.world import (
    DEMO_PASSWORD,
    DEMO_TODAY,
    DemoPatent,
    DemoWorld,
    build_world,
)

TODAY = date(2026, 11, 21)


@pytest.fixture(scope="module")
def world() -> DemoWorld:
    return build_world()


# --------------------------------------------------------------------------------------------
# Independent, hand-written checks
# --------------------------------------------------------------------------------------------


def application_check(twelve_digits: str) -> str:
    """ZC 0006-2003: weights 2..9 then 2..5 over the 12 digits, mod 11, 10 written as X."""
    weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
    total = 0
    for position, digit in enumerate(twelve_digits):
        total += int(digit) * weights[position]
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def uscc_is_valid(code: str) -> bool:
    """GB 32100-2015: weight of position i is 3**i mod 31; check = (31 − Σ mod 31) mod 31."""
    if len(code) != 18 or any(ch not in USCC_ALPHABET for ch in code):
        return False
    total = sum(USCC_ALPHABET.index(ch) * pow(3, i, 31) for i, ch in enumerate(code[:17]))
    return USCC_ALPHABET[(31 - total % 31) % 31] == code[17]


def org_code_is_valid(nine: str) -> bool:
    """GB 11714-1997 organisation code inside the USCC (positions 9–17)."""
    values = [int(ch, 36) for ch in nine[:8]]
    total = sum(v * w for v, w in zip(values, [3, 7, 9, 10, 5, 8, 4, 2], strict=True))
    check = 11 - total % 11
    expected = "X" if check == 10 else "0" if check == 11 else str(check)
    return nine[8] == expected


def last_day_of_term(patent: DemoPatent) -> date:
    """Invention 20 years, utility model 10, design 15 (10 if filed before 2021-06-01)."""
    if patent.kind == "invention":
        years = 20
    elif patent.kind == "utility_model":
        years = 10
    else:
        years = 15 if patent.filing_date >= date(2021, 6, 1) else 10
    return anniversary(patent.filing_date, patent.filing_date.year + years) - timedelta(days=1)


def anniversary(day: date, year: int) -> date:
    """The same month and day in `year`; 29 February becomes 28 February in common years."""
    if (day.month, day.day) == (2, 29) and not calendar.isleap(year):
        return date(year, 2, 28)
    return date(year, day.month, day.day)


def test_hand_written_checks_agree_with_published_examples() -> None:
    # DOMAIN R10.2: numbers verified against real records, and the worked example.
    assert application_check("200610080778") == "3"
    assert application_check("200620138175") == "X"
    assert application_check("200630120144") == "7"
    assert application_check("201310699744") == "2"
    assert application_check("202110123456") == "7"
    assert not uscc_is_valid("12310000425027815A")


# --------------------------------------------------------------------------------------------
# Determinism and size
# --------------------------------------------------------------------------------------------


def test_same_seed_gives_the_same_world(world: DemoWorld) -> None:
    assert build_world() == world
    assert build_world(7) == build_world(7)


def test_another_seed_gives_other_patents(world: DemoWorld) -> None:
    other = build_world(7)
    assert other.organisations == world.organisations
    assert {p.title for p in other.patents} != {p.title for p in world.patents}


def test_demo_constants() -> None:
    assert DEMO_PASSWORD == "kaifang-demo-2026"
    assert DEMO_TODAY == TODAY


def test_counts(world: DemoWorld) -> None:
    kinds = Counter(org.kind for org in world.organisations)
    assert kinds["university"] + kinds["research_institute"] >= 5
    patentee_keys = {p.owner_key for p in world.patents}
    patentee_companies = [
        org for org in world.organisations if org.kind == "enterprise" and org.key in patentee_keys
    ]
    assert len(patentee_companies) == 2
    roles = Counter(user.role for user in world.users)
    sme_orgs = {u.organisation_key for u in world.users if u.role == "sme"}
    assert len(sme_orgs) == 20
    assert roles["mediator"] >= 1 and roles["office"] >= 1
    assert len(world.patents) >= 320
    assert {p.kind for p in world.patents} == {"invention", "utility_model", "design"}
    sections = {code[0] for p in world.patents for code in p.ipc_codes}
    assert len(sections) >= 6


def test_kind_mix_is_about_65_25_10(world: DemoWorld) -> None:
    share = {k: n / len(world.patents) for k, n in Counter(p.kind for p in world.patents).items()}
    assert 0.60 <= share["invention"] <= 0.70
    assert 0.20 <= share["utility_model"] <= 0.30
    assert 0.07 <= share["design"] <= 0.13


def test_patents_are_spread_over_the_seven_patentees(world: DemoWorld) -> None:
    patentees = {u.organisation_key for u in world.users if u.role == "patentee"}
    assert len(patentees) == 7
    per_owner = Counter(p.owner_key for p in world.patents)
    assert set(per_owner) == patentees
    assert min(per_owner.values()) >= 20
    for key in patentees:
        assert {p.kind for p in world.patents_of(key)} >= {"invention", "utility_model"}


# --------------------------------------------------------------------------------------------
# Organisations and users
# --------------------------------------------------------------------------------------------


def test_unified_social_credit_codes_are_valid_and_unique(world: DemoWorld) -> None:
    codes = [org.uscc for org in world.organisations]
    assert len(set(codes)) == len(codes)
    for org in world.organisations:
        assert uscc_is_valid(org.uscc), org
        assert org_code_is_valid(org.uscc[8:17]), org
        if org.kind in ("university", "research_institute"):
            assert org.uscc.startswith("12")
        if org.kind == "enterprise":
            assert org.uscc.startswith("91")


def test_organisations_have_regions_and_fee_reduction(world: DemoWorld) -> None:
    for org in world.organisations:
        assert re.fullmatch(r"[1-8]\d0000", org.region), org
        assert org.name and org.name_en
        if org.kind in ("university", "research_institute"):
            assert org.fee_reduction_eligible
            assert org.fee_reduction_basis == "事业单位"
        if org.fee_reduction_eligible:
            assert org.fee_reduction_basis and org.fee_reduction_year == TODAY.year
        else:
            assert org.fee_reduction_basis is None and org.fee_reduction_year is None
    smes = {u.organisation_key for u in world.users if u.role == "sme"}
    industries = {world.organisation(key).industry for key in smes}
    assert len(industries) >= 8
    assert len({world.organisation(key).region for key in smes}) >= 12


def test_users_and_logins(world: DemoWorld) -> None:
    emails = [u.email for u in world.users]
    assert len(set(emails)) == len(emails)
    for user in world.users:
        assert re.fullmatch(r"(patentee|sme|mediator|office)\d+@demo\.kaifang\.cn", user.email)
        assert user.email.startswith(user.role)
        assert user.display_name
        assert user.locale in ("zh", "en")
    kind_for_role = {
        "patentee": {"university", "research_institute", "enterprise"},
        "sme": {"enterprise"},
        "mediator": {"mediation_body"},
        "office": {"authority"},
    }
    for user in world.users:
        assert world.organisation(user.organisation_key).kind in kind_for_role[user.role]
    by_email = {u.email: u for u in world.users}
    for number in range(1, 8):
        assert f"patentee{number}@demo.kaifang.cn" in by_email
    for number in range(1, 21):
        assert by_email[f"sme{number}@demo.kaifang.cn"].role == "sme"
    assert len(world.users_of("mediation")) >= 1


# --------------------------------------------------------------------------------------------
# Patent numbers and dates
# --------------------------------------------------------------------------------------------

KIND_DIGIT = {"invention": "1", "utility_model": "2", "design": "3"}
KIND_CODE = {"invention": "B", "utility_model": "U", "design": "S"}


def test_application_numbers_carry_valid_check_characters(world: DemoWorld) -> None:
    for patent in world.patents:
        number = patent.application_number
        assert re.fullmatch(r"\d{12}\.[0-9X]", number), number
        assert application_check(number[:12]) == number[-1], number
        assert number[4] == KIND_DIGIT[patent.kind], number
        assert patent.patent_number == "ZL" + number


def test_application_year_is_the_filing_year(world: DemoWorld) -> None:
    for patent in world.patents:
        assert int(patent.application_number[:4]) == patent.filing_date.year


def test_numbers_are_unique(world: DemoWorld) -> None:
    applications = [p.application_number for p in world.patents]
    publications = [p.publication_number for p in world.patents]
    assert len(set(applications)) == len(applications)
    assert len(set(publications)) == len(publications)


def test_publication_numbers_match_the_kind(world: DemoWorld) -> None:
    for patent in world.patents:
        number = patent.publication_number
        assert re.fullmatch(r"CN[123]\d{8}[BUS]", number), number
        assert number[2] == KIND_DIGIT[patent.kind]
        assert number[-1] == KIND_CODE[patent.kind]


def test_dates(world: DemoWorld) -> None:
    for patent in world.patents:
        assert date(2006, 1, 1) <= patent.filing_date <= date(2024, 12, 31)
        assert patent.grant_date < TODAY
        delay = (patent.grant_date - patent.filing_date).days
        if patent.kind == "invention":
            assert 730 <= delay <= 4 * 366, patent.application_number
            assert patent.filing_date < patent.publication_date < patent.grant_date
        else:
            assert 182 <= delay <= 14 * 31, patent.application_number
            assert patent.publication_date == patent.grant_date


# --------------------------------------------------------------------------------------------
# Status, fees and burdens
# --------------------------------------------------------------------------------------------


def test_statuses_are_consistent_with_the_terms(world: DemoWorld) -> None:
    for patent in world.patents:
        if last_day_of_term(patent) < TODAY:
            assert patent.legal_status == "expired", patent.application_number
        else:
            assert patent.legal_status in ("in_force", "lapsed"), patent.application_number
    statuses = Counter(p.legal_status for p in world.patents)
    assert statuses["in_force"] >= 0.85 * len(world.patents)
    assert 1 <= statuses["lapsed"] <= 15
    assert 1 <= statuses["expired"] <= 30


def test_terms_are_shown_by_old_patents(world: DemoWorld) -> None:
    filed_2006 = [p for p in world.patents if p.kind == "invention" and p.filing_date.year == 2006]
    assert {p.legal_status for p in filed_2006} >= {"in_force", "expired"}
    old_designs = [p for p in world.patents if p.kind == "design" and p.legal_status == "expired"]
    assert old_designs and all(p.filing_date < date(2021, 6, 1) for p in old_designs)
    assert any(p.kind == "utility_model" and p.legal_status == "expired" for p in world.patents)


def test_fee_status_follows_the_legal_status(world: DemoWorld) -> None:
    for patent in world.patents:
        if patent.legal_status == "lapsed":
            assert patent.fee_status == "unpaid"
        elif patent.fee_status == "in_grace":
            assert patent.legal_status == "in_force"
            # This year's fee fell due within the last six months and after the grant.
            due = anniversary(patent.filing_date, TODAY.year)
            assert TODAY - timedelta(days=184) <= due <= TODAY
            assert patent.grant_date < due
        else:
            assert patent.fee_status == "paid"
    assert 1 <= sum(p.fee_status == "in_grace" for p in world.patents) <= 10


def test_co_owned_patents_have_shares_adding_up_to_100(world: DemoWorld) -> None:
    organisation_keys = {org.key for org in world.organisations}
    co_owned = [p for p in world.patents if p.co_owners]
    assert 0.07 * len(world.patents) <= len(co_owned) <= 0.13 * len(world.patents)
    for patent in co_owned:
        assert sum((share for _, share in patent.co_owners), Decimal(0)) == Decimal(100)
        assert all(isinstance(share, Decimal) and share > 0 for _, share in patent.co_owners)
        parties = [party for party, _ in patent.co_owners]
        assert parties[0] == patent.owner_key
        assert len(set(parties)) == len(parties)
        for party in parties:
            assert party in organisation_keys or party in catalogue.EXTERNAL_CO_OWNERS
        assert len(patent.applicants) == len(parties)
    assert any(p.co_owners[-1].party in catalogue.EXTERNAL_CO_OWNERS for p in co_owned)
    for patent in world.patents:
        if not patent.co_owners:
            assert patent.applicants == (world.organisation(patent.owner_key).name,)


def test_encumbrances(world: DemoWorld) -> None:
    burdens = [(p, e) for p in world.patents for e in p.encumbrances]
    for patent, burden in burdens:
        assert patent.legal_status == "in_force"
        assert burden.start <= TODAY
        assert burden.end is None or burden.end <= last_day_of_term(patent)
        assert burden.reference and burden.counterparty
        assert (burden.pledgee_consent is None) == (burden.kind != "pledge")

    def in_force(kind: str) -> list[bool | None]:
        return [
            e.pledgee_consent
            for _, e in burdens
            if e.kind == kind and e.start <= TODAY and (e.end is None or e.end >= TODAY)
        ]

    assert len(in_force("exclusive_licence")) == 3
    assert len(in_force("sole_licence")) >= 1
    assert set(in_force("pledge")) == {True, False}
    assert len(in_force("suspension")) == 1
    ended = [e for _, e in burdens if e.end is not None and e.end < TODAY]
    assert ended, "one licence has ended: it no longer bars a declaration"


def test_evaluation_reports(world: DemoWorld) -> None:
    references = []
    for patent in world.patents:
        assert (patent.evaluation_report_ref is None) == (patent.evaluation_conclusion is None)
        if patent.kind == "invention":
            assert patent.evaluation_report_ref is None
        elif patent.evaluation_report_ref is not None:
            assert re.fullmatch(r"PE20\d{8}", patent.evaluation_report_ref)
            assert int(patent.evaluation_report_ref[2:6]) >= patent.grant_date.year
            references.append(patent.evaluation_report_ref)
    assert len(set(references)) == len(references)
    others = [p for p in world.patents if p.kind != "invention"]
    assert len(references) >= 0.75 * len(others)
    unfavourable = [p for p in others if p.evaluation_conclusion == "unfavourable"]
    assert 2 <= len(unfavourable) <= 5


# --------------------------------------------------------------------------------------------
# Texts and classification
# --------------------------------------------------------------------------------------------

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_titles_are_distinct(world: DemoWorld) -> None:
    titles = [p.title for p in world.patents]
    assert len(set(titles)) >= 0.95 * len(titles)


def test_texts_are_filled_in_their_language(world: DemoWorld) -> None:
    english = [p for p in world.patents if p.language == "en"]
    assert 0.10 * len(world.patents) <= len(english) <= 0.20 * len(world.patents)
    for patent in world.patents:
        texts = (patent.title, patent.abstract, patent.first_claim)
        assert all(texts) and not any("{" in t or "}" in t for t in texts)
        assert patent.application_fields and patent.target_products
        if patent.language == "en":
            assert not any(CJK.search(t) for t in (*texts, *patent.application_fields))
        else:
            assert patent.language == "zh"
            assert all(CJK.search(t) for t in texts)
        if patent.kind != "design":
            assert patent.first_claim.startswith("1.")


def test_classification(world: DemoWorld) -> None:
    ipc = re.compile(r"[A-H]\d{2}[A-Z] \d{1,4}/\d{2,6}")
    for patent in world.patents:
        if patent.kind == "design":
            assert patent.ipc_codes == ()
            assert patent.locarno_class and re.fullmatch(r"\d{2}-\d{2}", patent.locarno_class)
        else:
            assert patent.locarno_class is None
            assert patent.ipc_codes and all(ipc.fullmatch(code) for code in patent.ipc_codes)
            assert len(set(patent.ipc_codes)) == len(patent.ipc_codes)


def test_co_owners_unpack_as_party_and_share(world: DemoWorld) -> None:
    patent = next(p for p in world.patents if p.co_owners)
    for party, share in patent.co_owners:
        assert isinstance(party, str) and isinstance(share, Decimal)


# --------------------------------------------------------------------------------------------
# The catalogue
# --------------------------------------------------------------------------------------------

GENERATED_SLOTS = {"subject", "title"}
GENERATED_SLOTS_EN = {"Subject", "title", "title_lc", "a_title", "A_title"}


def _fields(pattern: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(pattern) if name}


def test_catalogue_templates_are_complete() -> None:
    templates = catalogue.TEMPLATES
    assert len(templates) >= 40
    assert len({t.key for t in templates}) == len(templates)
    patentees = {spec.key for spec in catalogue.PATENTEES}
    for t in templates:
        known = set(t.slots) | set(t.numbers)
        assert t.kinds and set(t.owners) <= patentees, t.key
        assert _fields(t.title) <= known, t.key
        assert _fields(t.abstract) | _fields(t.claim) <= known | GENERATED_SLOTS, t.key
        assert all(lo <= hi for lo, hi in t.numbers.values()), t.key
        assert all(choices for choices in t.slots.values()), t.key
        if "design" in t.kinds:
            assert t.kinds == ("design",) and t.locarno_class and not t.ipc_codes
        else:
            assert t.ipc_codes and t.locarno_class is None
        if t.bilingual:
            assert t.title_en and t.abstract_en and t.claim_en, t.key
            assert _fields(t.title_en) <= known, t.key
            english = _fields(t.abstract_en) | _fields(t.claim_en)
            assert english <= known | GENERATED_SLOTS_EN, t.key
            values = [c for choices in t.slots.values() for c in choices]
            values += [*t.application_fields, *t.target_products]
            assert all(isinstance(v, tuple) and len(v) == 2 for v in values), t.key
    assert sum(t.bilingual for t in templates) >= 10
    assert len({code[0] for t in templates for code in t.ipc_codes}) >= 7


def test_catalogue_organisations() -> None:
    specs = catalogue.ALL_ORGANISATIONS
    assert len({s.key for s in specs}) == len(specs)
    assert len(catalogue.PATENTEES) == 7 and len(catalogue.SMES) == 20
    for spec in specs:
        assert uscc_is_valid(spec.uscc), spec.key
        assert spec.contacts


# --------------------------------------------------------------------------------------------
# The register's own rules accept the world
# --------------------------------------------------------------------------------------------


def test_register_rules_accept_every_patent(world: DemoWorld) -> None:
    from marketplace.fees.rules import PatentKind, patent_term_expiry
    from marketplace.patents import rules

    for patent in world.patents:
        kind = PatentKind(patent.kind)
        application = rules.parse_cn_application_number(patent.application_number)
        assert application.normalised == patent.application_number
        assert rules.parse_cn_patent_number(patent.patent_number).normalised == (
            patent.patent_number
        )
        publication = rules.parse_cn_publication_number(patent.publication_number)
        assert not publication.is_legacy
        assert rules.cross_check(kind, patent.filing_date, application, publication) == []
        for code in patent.ipc_codes:
            assert rules.normalise_ipc(code).text == code
        if patent.locarno_class is not None:
            assert rules.normalise_locarno(patent.locarno_class).text == patent.locarno_class
        assert patent_term_expiry(kind, patent.filing_date) == last_day_of_term(patent)
