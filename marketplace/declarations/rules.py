"""Pure rules of open-licence declarations (DOMAIN D1–D8; R2.1–R2.4, R3.3–R3.12, R6.3–R6.4).

Plain data in, plain data out: no Flask, no database, no settings module (settings arrive as a
`PreExamPolicy`). Every user-facing text is a `Message` marked with `N_`.

* `content_problems`: field validation of what a patentee writes (bad input is refused before
  anything is stored): amounts, rates, dates, lengths, HTML.
* `pre_examine`: the office's pre-examination (D2–D7): **every** failure at once, each a
  `Finding` with its rule, a code, what is wrong and what to do; fee caps (D6) are warnings.
* `TRANSITIONS` / `next_status`: the declaration's life as a transition table.
* `in_force_on` / `licensable_on`: when the announced terms bind (D8, R1.5, R3.10).
* `build_snapshot`: the frozen, hashed terms announced (D8).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final, Protocol

from marketplace.calendar import add_years
from marketplace.declarations.estimator import FeeCaps, fee_cap_warnings
from marketplace.declarations.terms import FeeMethod, FeeTerms, RoyaltyBase
from marketplace.declarations.wording import advertising_terms_in, vague_fee_terms_in
from marketplace.errors import N_, Amount, InvalidStateTransition, Message
from marketplace.fees.rules import PatentKind
from marketplace.patents.models import AnnualFeeState, EncumbranceKind
from marketplace.patents.rules import EvaluationConclusion, LegalStatus

# -------------------------------------------------------------------------------------------------
# States and transitions
# -------------------------------------------------------------------------------------------------


class DeclarationStatus(enum.StrEnum):
    """Where a declaration stands. A draft whose co-owner consents are outstanding is shown as
    "awaiting consent" (`display_status`); it is still a draft."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    ANNOUNCED = "announced"
    REFUSED = "refused"
    WITHDRAWAL_REQUESTED = "withdrawal_requested"
    WITHDRAWN = "withdrawn"


AWAITING_CONSENT: Final = "awaiting_consent"


class Transition(enum.StrEnum):
    SUBMIT = "submit"
    ANNOUNCE = "announce"
    REFUSE = "refuse"
    REVISE = "revise"
    REQUEST_WITHDRAWAL = "request_withdrawal"
    ANNOUNCE_WITHDRAWAL = "announce_withdrawal"
    REFUSE_WITHDRAWAL = "refuse_withdrawal"


S = DeclarationStatus
T = Transition
TRANSITIONS: Final[Mapping[tuple[DeclarationStatus, Transition], DeclarationStatus]] = {
    (S.DRAFT, T.SUBMIT): S.SUBMITTED,
    (S.SUBMITTED, T.ANNOUNCE): S.ANNOUNCED,  # R3.7: notice of announcement
    (S.SUBMITTED, T.REFUSE): S.REFUSED,  # R3.7: notice of refusal to announce
    (S.REFUSED, T.REVISE): S.DRAFT,
    (S.ANNOUNCED, T.REQUEST_WITHDRAWAL): S.WITHDRAWAL_REQUESTED,  # R3.10
    (S.WITHDRAWAL_REQUESTED, T.ANNOUNCE_WITHDRAWAL): S.WITHDRAWN,  # Law Art. 50(2)
    (S.WITHDRAWAL_REQUESTED, T.REFUSE_WITHDRAWAL): S.ANNOUNCED,
}

# Terms can be written only before submission or after a refusal; announced terms never change
# (D8): to change them the patentee withdraws and declares anew.
EDITABLE: Final = frozenset({S.DRAFT, S.REFUSED})
# An announced declaration binds until its withdrawal is announced (Law Art. 50(2)).
PUBLIC: Final = frozenset({S.ANNOUNCED, S.WITHDRAWAL_REQUESTED, S.WITHDRAWN})
# Announced and not withdrawn by announcement: the declaration is in force.
IN_FORCE: Final = frozenset({S.ANNOUNCED, S.WITHDRAWAL_REQUESTED})
# States in which the patent has a declaration under way or in force (one at a time, D1).
OPEN: Final = frozenset({S.DRAFT, S.SUBMITTED, S.REFUSED, S.ANNOUNCED, S.WITHDRAWAL_REQUESTED})

_STATUS_NAMES: Final[Mapping[DeclarationStatus, str]] = {
    S.DRAFT: N_("draft"),
    S.SUBMITTED: N_("submitted"),
    S.ANNOUNCED: N_("announced"),
    S.REFUSED: N_("refused"),
    S.WITHDRAWAL_REQUESTED: N_("withdrawal requested"),
    S.WITHDRAWN: N_("withdrawn"),
}
_TRANSITION_NAMES: Final[Mapping[Transition, str]] = {
    T.SUBMIT: N_("submit"),
    T.ANNOUNCE: N_("announce"),
    T.REFUSE: N_("refuse"),
    T.REVISE: N_("revise"),
    T.REQUEST_WITHDRAWAL: N_("request withdrawal of"),
    T.ANNOUNCE_WITHDRAWAL: N_("announce the withdrawal of"),
    T.REFUSE_WITHDRAWAL: N_("refuse the withdrawal of"),
}


def next_status(current: DeclarationStatus, transition: Transition) -> DeclarationStatus:
    """The state ``transition`` leads to from ``current``; any pair not in `TRANSITIONS` raises
    `InvalidStateTransition` (draft → submitted → announced / refused; refused → draft;
    announced → withdrawal requested → withdrawn, or back to announced)."""
    try:
        return TRANSITIONS[(current, transition)]
    except KeyError:
        raise InvalidStateTransition(
            Message(
                N_("Cannot %(action)s a declaration that is %(status)s."),
                {
                    "action": Message(_TRANSITION_NAMES[transition]),
                    "status": Message(_STATUS_NAMES[current]),
                },
            )
        ) from None


def status_name(status: DeclarationStatus) -> Message:
    return Message(_STATUS_NAMES[status])


# -------------------------------------------------------------------------------------------------
# Content
# -------------------------------------------------------------------------------------------------


class MaturityStage(enum.StrEnum):
    """How far the technology has got (the users' "maturity" field)."""

    LABORATORY = "laboratory"  # 实验室阶段
    SMALL_SCALE = "small_scale"  # 小试
    PILOT = "pilot"  # 中试
    INDUSTRIALISED = "industrialised"  # 已产业化


@dataclass(frozen=True)
class DeclarationContent:
    """What the patentee declares besides the patent itself (R2.2, R3.3; the users' fields).

    ``fee_terms`` is ``None`` until a method is chosen; money is integer fen.
    ``payment_terms`` says when and how the fee is paid; ``know_how`` what know-how or technical
    support comes with the licence, optionally priced by ``know_how_price_fen``.
    """

    fee_terms: FeeTerms | None = None
    payment_terms: str = ""
    licence_start: dt.date | None = None
    licence_end: dt.date | None = None
    application_fields: tuple[str, ...] = ()
    target_products: tuple[str, ...] = ()
    maturity_stage: MaturityStage | None = None
    advantages: str = ""
    know_how: str = ""
    know_how_price_fen: int | None = None
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""

    def texts(self) -> dict[str, Sequence[str]]:
        """The free texts a reader sees, by field (for the advertising check, D5)."""
        return {
            "payment_terms": (self.payment_terms,),
            "application_fields": self.application_fields,
            "target_products": self.target_products,
            "advantages": (self.advantages,),
            "know_how": (self.know_how,),
        }


# Field limits: generous for real text, far below anything that would burden the pages.
TEXT_LIMITS: Final[Mapping[str, int]] = {
    "payment_terms": 1000,
    "advantages": 2000,
    "know_how": 2000,
    "contact_name": 100,
    "contact_phone": 40,
    "contact_email": 254,
}
LIST_LIMITS: Final[Mapping[str, tuple[int, int]]] = {  # (items, characters per item)
    "application_fields": (10, 100),
    "target_products": (10, 100),
}
NOTE_LIMIT: Final = 2000  # refusal notes, withdrawal reasons, false-materials notes
NAME_LIMIT: Final = 100  # signatories
MAX_FEN: Final = 10**13  # RMB 100 billion: above any real fee, within 64-bit columns
MAX_RATE: Final = Decimal(100)
RATE_PLACES: Final = 4
MAX_LICENCE_YEARS: Final = 30

# Fields each method uses; anything else set is an error (R6.4 and `FeeTerms`).
_AMOUNT_FIELDS: Final = ("lump_sum_fen", "annual_fee_fen", "entry_fee_fen", "per_unit_fen",
                         "min_annual_fen")
_REQUIRED: Final[Mapping[FeeMethod, tuple[str, ...]]] = {
    FeeMethod.LUMP_SUM: ("lump_sum_fen",),
    FeeMethod.ANNUAL_FIXED: ("annual_fee_fen",),
    FeeMethod.ROYALTY_SALES: ("royalty_rate_percent",),
    FeeMethod.ROYALTY_PROFIT: ("royalty_rate_percent",),
    FeeMethod.PER_UNIT: ("per_unit_fen",),
    FeeMethod.ENTRY_PLUS_ROYALTY: ("entry_fee_fen", "royalty_base"),
    FeeMethod.FREE: (),
}
_OPTIONAL: Final[Mapping[FeeMethod, tuple[str, ...]]] = {
    FeeMethod.ROYALTY_SALES: ("min_annual_fen",),
}
_TERM_FIELDS: Final = ("lump_sum_fen", "annual_fee_fen", "entry_fee_fen", "royalty_base",
                       "royalty_rate_percent", "per_unit_fen", "min_annual_fen")
# Tags, comments and doctypes: `<b>`, `</p>`, `<script ...>`, `<!-- -->`. A lone "<" (温度<50℃)
# is ordinary text.
_HTML: Final = re.compile(r"<\s*/?\s*[a-zA-Z!?][^<>]*>|&#?\w+;|javascript:", re.IGNORECASE)
_PHONE: Final = re.compile(r"[0-9+()\- ]{5,40}")
_EMAIL: Final = re.compile(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+")


def fields_used(method: FeeMethod, base: RoyaltyBase | None = None) -> tuple[str, ...]:
    """The `FeeTerms` fields ``method`` uses (with ``base`` for an entry fee plus royalty)."""
    used = _REQUIRED[method] + _OPTIONAL.get(method, ())
    if method is FeeMethod.ENTRY_PLUS_ROYALTY:
        used += ("per_unit_fen",) if base is RoyaltyBase.UNITS else ("royalty_rate_percent",)
    return used


def missing_standard(terms: FeeTerms) -> tuple[str, ...]:
    """The fields of the standard that ``terms`` leaves empty (D5)."""
    return tuple(name for name in fields_used(terms.method, terms.royalty_base)
                 if name not in _OPTIONAL.get(terms.method, ())
                 and getattr(terms, name) is None)


def html_problem(text: str) -> Message | None:
    """HTML or script in a text field is refused (text is shown as written, never as markup)."""
    match = _HTML.search(text)
    if match is None:
        return None
    return Message(N_("Remove the HTML or script: write plain text (found %(found)s)."),
                   {"found": match.group(0)[:40]})


def text_problems(text: str, limit: int) -> list[Message]:
    """Length and HTML problems of one free text."""
    problems: list[Message] = []
    if len(text) > limit:
        problems.append(Message(N_("At most %(max)s characters (this has %(count)s)."),
                                {"max": limit, "count": len(text)}))
    html = html_problem(text)
    if html:
        problems.append(html)
    return problems


def _amount_problems(name: str, value: int | None) -> list[Message]:
    if value is None:
        return []
    if value < 0:
        return [Message(N_("A fee cannot be negative."))]
    if value == 0 and name != "min_annual_fen":
        return [Message(N_("Give an amount above zero, or choose the method “free”."))]
    if value > MAX_FEN:
        return [Message(N_("At most %(max)s yuan."), {"max": f"{MAX_FEN // 100:,}"})]
    return []


def _rate_problems(rate: Decimal | None) -> list[Message]:
    if rate is None:
        return []
    if not rate.is_finite():
        return [Message(N_("Give the rate as a number of per cent."))]
    if rate <= 0:
        return [Message(N_("A royalty rate must be above 0 %."))]
    if rate > MAX_RATE:
        return [Message(N_("A royalty rate cannot exceed 100 %% (this is %(rate)s %%)."),
                        {"rate": str(rate)})]
    exponent = rate.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > RATE_PLACES:
        return [Message(N_("At most %(places)s decimal places."), {"places": RATE_PLACES})]
    return []


def fee_terms_problems(terms: FeeTerms) -> dict[str, list[Message]]:
    """Field problems of the fee terms: negative or zero amounts, rates outside (0, 100] %,
    fields the method does not use (R6.4). A *missing* standard is a pre-examination finding
    (D5), not a field problem: a draft may be incomplete."""
    problems: dict[str, list[Message]] = {}
    for name in _AMOUNT_FIELDS:
        found = _amount_problems(name, getattr(terms, name))
        if found:
            problems[name] = found
    rate = _rate_problems(terms.royalty_rate_percent)
    if rate:
        problems["royalty_rate_percent"] = rate
    if terms.method is FeeMethod.ENTRY_PLUS_ROYALTY and terms.royalty_base is None \
            and (terms.royalty_rate_percent is not None or terms.per_unit_fen is not None):
        problems.setdefault("royalty_base", []).append(
            Message(N_("Say what the royalty is paid on.")))
    used = set(fields_used(terms.method, terms.royalty_base))
    for name in _TERM_FIELDS:
        if name not in used and getattr(terms, name) is not None:
            problems.setdefault(name, []).append(
                Message(N_("Not part of the fee method chosen; leave it empty.")))
    return problems


def content_problems(content: DeclarationContent) -> dict[str, list[Message]]:
    """Everything wrong with the fields as written, keyed by field (empty when all is well).

    Refused outright, so that bad input changes nothing: a negative fee, a rate of 0 % or above
    100 %, a licence period ending before it starts, texts above their limits, HTML or script
    in any text, a know-how price without know-how, a malformed phone number or e-mail.
    """
    problems: dict[str, list[Message]] = {}
    if content.fee_terms is not None:
        problems.update(fee_terms_problems(content.fee_terms))
    for name, limit in TEXT_LIMITS.items():
        found = text_problems(getattr(content, name), limit)
        if found:
            problems[name] = found
    for name, (items, limit) in LIST_LIMITS.items():
        values: tuple[str, ...] = getattr(content, name)
        found = []
        if len(values) > items:
            found.append(Message(N_("At most %(max)s entries (this has %(count)s)."),
                                 {"max": items, "count": len(values)}))
        for value in values:
            found.extend(text_problems(value, limit))
        if found:
            problems[name] = found
    if content.licence_start and content.licence_end \
            and content.licence_end < content.licence_start:
        problems["licence_end"] = [Message(N_("The licence period ends before it starts."))]
    price = content.know_how_price_fen
    if price is not None:
        if price < 0:
            problems["know_how_price_fen"] = [Message(N_("A price cannot be negative."))]
        elif price > MAX_FEN:
            problems["know_how_price_fen"] = [
                Message(N_("At most %(max)s yuan."), {"max": f"{MAX_FEN // 100:,}"})]
        elif not content.know_how.strip():
            problems["know_how_price_fen"] = [
                Message(N_("Describe the know-how or support the price is for."))]
    if content.contact_phone and not _PHONE.fullmatch(content.contact_phone):
        problems.setdefault("contact_phone", []).append(
            Message(N_("Digits, spaces, +, - and brackets only.")))
    if content.contact_email and not _EMAIL.fullmatch(content.contact_email):
        problems.setdefault("contact_email", []).append(
            Message(N_("Not an e-mail address.")))
    return problems


def licence_end_from_years(start: dt.date, years: int) -> dt.date:
    """The last day of a period of ``years`` years from ``start`` (start counts, R2.10)."""
    return add_years(start, years) - dt.timedelta(days=1)


# -------------------------------------------------------------------------------------------------
# Pre-examination
# -------------------------------------------------------------------------------------------------


class Severity(enum.StrEnum):
    REFUSAL = "refusal"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    """One reason a declaration cannot (or, as a warning, perhaps should not) be announced.

    ``rule`` is the DOMAIN decision (``"D3"``), ``code`` a stable identifier for programs,
    ``field`` the input or fact it concerns, ``message`` what is wrong (with the legal basis)
    and ``action`` what to do about it.
    """

    rule: str
    code: str
    field: str
    message: Message
    action: Message
    severity: Severity = Severity.REFUSAL

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "code": self.code,
            "field": self.field,
            "severity": self.severity.value,
            "message": self.message.to_dict(),
            "action": self.action.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        return cls(rule=str(data["rule"]), code=str(data["code"]), field=str(data["field"]),
                   message=Message.from_dict(data["message"]),
                   action=Message.from_dict(data["action"]),
                   severity=Severity(data.get("severity", Severity.REFUSAL)))


@dataclass(frozen=True)
class PreExamination:
    """The result of the checks on ``checked_on``: refusals block announcement, warnings do not."""

    checked_on: dt.date
    findings: tuple[Finding, ...] = ()

    @property
    def refusals(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.REFUSAL)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    @property
    def passed(self) -> bool:
        return not self.refusals

    def by_field(self) -> dict[str, list[Message]]:
        """Refusals keyed by field, each as "[rule] what is wrong — what to do"."""
        out: dict[str, list[Message]] = {}
        for finding in self.refusals:
            out.setdefault(finding.field, []).append(finding_text(finding))
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"checked_on": self.checked_on.isoformat(),
                "findings": [f.to_dict() for f in self.findings]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PreExamination:
        return cls(checked_on=dt.date.fromisoformat(str(data["checked_on"])),
                   findings=tuple(Finding.from_dict(f) for f in data.get("findings", ())))


def finding_text(finding: Finding) -> Message:
    """``[D5] <what is wrong> <what to do>`` as one message."""
    return Message("[%(rule)s] %(message)s %(action)s",
                   {"rule": finding.rule, "message": finding.message, "action": finding.action})


@dataclass(frozen=True)
class PreExamPolicy:
    """The settings of D3, D4 and D6 (BLOCK_DURING_FEE_GRACE, REQUIRE_FAVOURABLE_EVALUATION,
    FEE_CAP_FIXED_CNY, FEE_CAP_NET_SALES_PCT, FEE_CAP_PROFIT_PCT), passed in rather than read."""

    block_during_fee_grace: bool = True
    require_favourable_evaluation: bool = True
    caps: FeeCaps = field(default_factory=lambda: FeeCaps(
        fixed_cny=Decimal("20000000"), net_sales_pct=Decimal("20"), profit_pct=Decimal("40")))

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> PreExamPolicy:
        return cls(
            block_during_fee_grace=bool(settings["BLOCK_DURING_FEE_GRACE"]),
            require_favourable_evaluation=bool(settings["REQUIRE_FAVOURABLE_EVALUATION"]),
            caps=FeeCaps.from_settings(settings),
        )


@dataclass(frozen=True, slots=True)
class EncumbranceFacts:
    kind: EncumbranceKind
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    pledgee_consent: bool | None = None
    reference: str | None = None

    def in_force_on(self, day: dt.date) -> bool:
        """Started (or no start recorded) and not yet ended on ``day``."""
        started = self.start_date is None or self.start_date <= day
        return started and (self.end_date is None or day <= self.end_date)


@dataclass(frozen=True)
class PatentFacts:
    """What pre-examination needs to know about the patent, as in the register."""

    jurisdiction: str
    patent_number: str | None
    kind: PatentKind | None
    legal_status: LegalStatus
    grant_date: dt.date | None
    expiry_date: dt.date | None
    fee_state: AnnualFeeState
    evaluation_report_ref: str | None = None
    evaluation_conclusion: EvaluationConclusion | None = None
    encumbrances: tuple[EncumbranceFacts, ...] = ()


@dataclass(frozen=True)
class ConsentFacts:
    """Co-owners whose consent is needed (every patentee but the declaring one, D2) and the
    ones who have given it."""

    required: tuple[str, ...] = ()
    given: frozenset[str] = field(default_factory=frozenset)

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(name for name in self.required if name not in self.given)


def _refusal(rule: str, code: str, field_name: str, message: Message, action: Message) -> Finding:
    return Finding(rule, code, field_name, message, action)


def eligibility_findings(patent: PatentFacts, day: dt.date,
                         policy: PreExamPolicy) -> list[Finding]:
    """D3 and D4: may this patent be declared on ``day``?

    D3 (Regs Arts. 85(1), 86; R2.1, R2.4, R3.5): a Chinese patent, granted and announced, in
    force; no exclusive or sole licence within its term; no suspension (ownership dispute,
    preservation); annual fee paid (inside the 6-month grace window it is blocked while
    ``block_during_fee_grace``); a pledge only with the pledgee's consent.
    D4 (Law Art. 50(1); R1.3, R3.6): utility models and designs need an evaluation report,
    whose conclusion must be favourable while ``require_favourable_evaluation``.
    """
    found: list[Finding] = []
    if patent.jurisdiction != "CN":
        found.append(_refusal(
            "D3", "not_cn_patent", "patent",
            Message(N_("Only Chinese patents can be declared for an open licence (Law "
                       "Art. 50).")),
            Message(N_("Declare patents granted by CNIPA only."))))
    if patent.legal_status is LegalStatus.PENDING or patent.grant_date is None \
            or patent.grant_date > day:
        found.append(_refusal(
            "D3", "not_granted", "patent",
            Message(N_("The patent has not been granted and announced (Regs Art. 85(1)).")),
            Message(N_("Declare it after the grant has been announced."))))
    elif patent.legal_status is not LegalStatus.IN_FORCE or (
            patent.expiry_date is not None and patent.expiry_date < day):
        found.append(_refusal(
            "D3", "not_in_force", "patent",
            Message(N_("The patent is not in force (CNIPA FAQ Q1: only patents in force).")),
            Message(N_("Only patents in force can be declared; check the legal status in the "
                       "register."))))
    for encumbrance in patent.encumbrances:
        if not encumbrance.in_force_on(day):
            continue
        reference = {"reference": encumbrance.reference or "—"}
        if encumbrance.kind in (EncumbranceKind.EXCLUSIVE_LICENCE,
                                EncumbranceKind.SOLE_LICENCE):
            found.append(_refusal(
                "D3", "exclusive_licence_in_force", "patent",
                Message(N_("An exclusive or sole licence (%(reference)s) is within its term "
                           "(Regs Art. 86(1))."), reference),
                Message(N_("Declare after that licence has ended, or record its end date in "
                           "the register."))))
        elif encumbrance.kind is EncumbranceKind.SUSPENSION:
            found.append(_refusal(
                "D3", "suspended", "patent",
                Message(N_("Procedures on the patent are suspended (%(reference)s: ownership "
                           "dispute or preservation, Regs Art. 86(2))."), reference),
                Message(N_("Declare after the suspension has been lifted."))))
        elif encumbrance.kind is EncumbranceKind.PLEDGE and encumbrance.pledgee_consent \
                is not True:
            found.append(_refusal(
                "D3", "pledged_without_consent", "patent",
                Message(N_("The patent is pledged (%(reference)s) and the pledgee has not "
                           "consented to an open licence (Regs Art. 86(4))."), reference),
                Message(N_("Obtain the pledgee's written consent and record it with the "
                           "pledge."))))
    if patent.fee_state is AnnualFeeState.UNPAID:
        found.append(_refusal(
            "D3", "annual_fee_unpaid", "patent",
            Message(N_("The annual fee has not been paid (Regs Art. 86(3)).")),
            Message(N_("Pay the annual fee, then declare."))))
    elif patent.fee_state is AnnualFeeState.IN_GRACE and policy.block_during_fee_grace:
        found.append(_refusal(
            "D3", "annual_fee_in_grace", "patent",
            Message(N_("The annual fee is overdue and the patent is in its 6-month grace "
                       "period (Regs Arts. 86(3), 115).")),
            Message(N_("Pay the annual fee and the late fee, then declare."))))
    if patent.kind in (PatentKind.UTILITY_MODEL, PatentKind.DESIGN):
        if not patent.evaluation_report_ref:
            found.append(_refusal(
                "D4", "evaluation_report_missing", "patent",
                Message(N_("A utility model or design needs a patent right evaluation report "
                           "(Law Art. 50(1)).")),
                Message(N_("Request the evaluation report from CNIPA and record its number "
                           "with the patent."))))
        elif policy.require_favourable_evaluation and patent.evaluation_conclusion \
                is not EvaluationConclusion.FAVOURABLE:
            code = ("evaluation_unfavourable" if patent.evaluation_conclusion
                    is EvaluationConclusion.UNFAVOURABLE else "evaluation_conclusion_missing")
            found.append(_refusal(
                "D4", code, "patent",
                Message(N_("The evaluation report must conclude that the patent meets the "
                           "grant conditions (CNIPA processing conditions).")),
                Message(N_("Record a favourable evaluation report with the patent; an "
                           "unfavourable one bars the declaration."))))
    return found


def consent_findings(consents: ConsentFacts) -> list[Finding]:
    """D2 (R3.3, R3.6(b), R4.10): every co-owner consents to the declaration."""
    return [
        _refusal("D2", "co_owner_consent_missing", "consents",
                 Message(N_("Co-owner %(name)s has not consented to the declaration "
                            "(all patentees must agree)."), {"name": name}),
                 Message(N_("Ask %(name)s to consent on the consent page, or record its "
                            "written consent there."), {"name": name}))
        for name in consents.missing
    ]


_FIELD_NAMES: Final[Mapping[str, str]] = {
    "payment_terms": N_("payment terms"),
    "application_fields": N_("application fields"),
    "target_products": N_("target products"),
    "advantages": N_("advantages"),
    "know_how": N_("know-how and support"),
}


def _quoted(terms: Sequence[str]) -> str:
    return "、".join(f"“{t}”" for t in terms)


def content_findings(content: DeclarationContent, patent: PatentFacts,
                     day: dt.date) -> list[Finding]:
    """D5 and D7: the declaration states a clear fee method and standard, a licence period that
    ends by the patent's expiry, and no advertising language.

    D5 (Regs Art. 85(2)–(3), Law Art. 50(1); R2.2, R2.3): the patent number, a fee method and a
    complete standard, no negotiation words or ranges ("面议", "to be agreed", "1-5万"), a
    licence period, and no commercial advertising in any text. D7 (R3.12): the period ends no
    later than the patent's expiry, after it starts, and not in the past.
    """
    found: list[Finding] = []
    if not patent.patent_number:
        found.append(_refusal(
            "D5", "patent_number_missing", "patent",
            Message(N_("The patent number is missing (Regs Art. 85(2)(1)).")),
            Message(N_("Record the patent number (ZL + application number) in the register."))))
    terms = content.fee_terms
    if terms is None:
        found.append(_refusal(
            "D5", "fee_method_missing", "fee_method",
            Message(N_("No fee method is given (Law Art. 50(1), Regs Art. 85(2)(3)).")),
            Message(N_("Choose how the licence fee is paid: lump sum, annual fee, royalty, per "
                       "unit, entry fee plus royalty, or free."))))
    else:
        for name in missing_standard(terms):
            found.append(_refusal(
                "D5", "fee_standard_missing", name,
                Message(N_("The fee standard is incomplete: this amount or rate is missing "
                           "(Law Art. 50(1)).")),
                Message(N_("Give one exact figure.")))
            )
    vague = vague_fee_terms_in(content.payment_terms)
    if vague:
        found.append(_refusal(
            "D5", "fee_vague", "payment_terms",
            Message(N_("The fee is not stated clearly: %(terms)s (a fee to be negotiated or a "
                       "range is not a standard, Law Art. 50(1), Regs Art. 85(3))."),
                    {"terms": _quoted(vague)}),
            Message(N_("State one exact amount or rate; negotiated terms can be offered as an "
                       "ordinary licence instead."))))
    for name, texts in content.texts().items():
        terms_found: list[str] = []
        for text in texts:
            terms_found.extend(t for t in advertising_terms_in(text) if t not in terms_found)
        if terms_found:
            found.append(_refusal(
                "D5", "advertising_language", name,
                Message(N_("The %(field)s contain advertising language: %(terms)s (Regs "
                           "Art. 85(3))."),
                        {"field": Message(_FIELD_NAMES[name]), "terms": _quoted(terms_found)}),
                Message(N_("Describe the technology in factual, verifiable terms without "
                           "superlatives or rankings."))))
    found.extend(period_findings(content.licence_start, content.licence_end,
                                 patent.expiry_date, day))
    return found


def period_findings(start: dt.date | None, end: dt.date | None, expiry: dt.date | None,
                    day: dt.date) -> list[Finding]:
    """D5 (a licence period is stated, Regs Art. 85(2)(4)) and D7 (R3.12: it ends by expiry)."""
    if start is None or end is None:
        return [_refusal(
            "D5", "licence_period_missing", "licence_start" if start is None else "licence_end",
            Message(N_("The licence period is not stated (Regs Art. 85(2)(4)).")),
            Message(N_("Give the first and last day of the licence period, or its length in "
                       "years."))),
        ]
    found: list[Finding] = []
    if end < start:
        found.append(_refusal(
            "D7", "licence_end_before_start", "licence_end",
            Message(N_("The licence period ends before it starts.")),
            Message(N_("Correct the dates."))))
    if expiry is not None and end > expiry:
        found.append(_refusal(
            "D7", "licence_end_after_expiry", "licence_end",
            Message(N_("The licence period ends on %(end)s, after the patent expires on "
                       "%(expiry)s."), {"end": end.isoformat(), "expiry": expiry.isoformat()}),
            Message(N_("End the licence period on %(expiry)s or earlier."),
                    {"expiry": expiry.isoformat()})))
    if end < day:
        found.append(_refusal(
            "D7", "licence_period_over", "licence_end",
            Message(N_("The licence period ended on %(end)s."), {"end": end.isoformat()}),
            Message(N_("Give a licence period that has not ended."))))
    return found


def licence_years(start: dt.date | None, end: dt.date | None) -> Decimal | None:
    """The licence period in years (days / 365.25, to 0.01), for the fee caps over a period."""
    if start is None or end is None or end < start:
        return None
    return (Decimal((end - start).days + 1) / Decimal("365.25")).quantize(Decimal("0.01"))


def fee_cap_findings(content: DeclarationContent, policy: PreExamPolicy) -> list[Finding]:
    """D6 (R6.3, 国知发运字〔2024〕19号): a fixed fee above RMB 20 M, or a royalty above 20 % of
    net sales or 40 % of profit, is *generally* not expected: warnings, never refusals. The
    reading of the caps is the estimator's (`estimator.fee_cap_warnings`), so the estimate and
    the pre-examination warn alike."""
    terms = content.fee_terms
    if terms is None:
        return []
    years = licence_years(content.licence_start, content.licence_end)
    return [
        Finding("D6", "fee_above_cap", "fee_method", warning,
                Message(N_("Check the figure: it may be announced, but licensees will compare "
                           "it with the national guidance.")),
                Severity.WARNING)
        for warning in fee_cap_warnings(terms, policy.caps, licence_years=years)
    ]


def pre_examine(patent: PatentFacts, content: DeclarationContent, consents: ConsentFacts,
                day: dt.date, policy: PreExamPolicy) -> PreExamination:
    """Every check of D2–D7 at once, as on ``day`` (R3.7: a failure of Regs Art. 85 or 86 is a
    refusal to announce): eligibility (D3, D4), consents (D2), content and period (D5, D7),
    then the fee-cap warnings (D6)."""
    findings = [
        *eligibility_findings(patent, day, policy),
        *consent_findings(consents),
        *content_findings(content, patent, day),
        *fee_cap_findings(content, policy),
    ]
    return PreExamination(checked_on=day, findings=tuple(findings))


# -------------------------------------------------------------------------------------------------
# Co-owners
# -------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CoOwnerFacts:
    name: str
    organisation_id: int | None


def co_owners_to_consent(declarant_id: int, declarant_name: str,
                         co_owners: Sequence[CoOwnerFacts]) -> tuple[CoOwnerFacts, ...]:
    """Every patentee other than the declaring one must consent (D2); the declarant is
    recognised by its organisation or, when the register has no link, by its name."""
    return tuple(
        c for c in co_owners
        if c.organisation_id != declarant_id
        and not (c.organisation_id is None and c.name.strip() == declarant_name.strip())
    )


# -------------------------------------------------------------------------------------------------
# When announced terms bind
# -------------------------------------------------------------------------------------------------


class AnnouncedDates(Protocol):
    """The dates of a declaration that say when it binds (a `Declaration` has them)."""

    @property
    def announcement_date(self) -> dt.date | None: ...

    @property
    def withdrawal_date(self) -> dt.date | None: ...

    @property
    def licence_start(self) -> dt.date | None: ...

    @property
    def licence_end(self) -> dt.date | None: ...


def in_force_on(declaration: AnnouncedDates, day: dt.date) -> bool:
    """The open licence is in force on ``day``: announced on or before it, and its withdrawal
    not announced on or before it (Law Art. 50; R1.4, R3.10: a withdrawal takes effect from the
    date of its announcement). The fee ledger's "declaration in force on the due date" (D11)."""
    announced = declaration.announcement_date
    withdrawn = declaration.withdrawal_date
    return announced is not None and announced <= day and (withdrawn is None or day < withdrawn)


def licensable_on(declaration: AnnouncedDates, day: dt.date) -> bool:
    """A new open licence may be taken on ``day`` (Law Art. 51(1)): the declaration is in force
    (`in_force_on`) and ``day`` lies within the declared licence period. From the withdrawal's
    announcement date no new licence can be taken; licences taken before keep their frozen
    terms (Law Art. 50(2), D8)."""
    start, end = declaration.licence_start, declaration.licence_end
    return (in_force_on(declaration, day) and start is not None and end is not None
            and start <= day <= end)


# -------------------------------------------------------------------------------------------------
# Announcement: numbers and the frozen snapshot
# -------------------------------------------------------------------------------------------------

DECLARATION_SERIES: Final = "KF-OL"
WITHDRAWAL_SERIES: Final = "KF-OLW"


def announcement_number(series: str, year: int, sequence: int) -> str:
    """Human-readable, stable public number: ``KF-OL-2026-000123`` (sequence per year)."""
    return f"{series}-{year}-{sequence:06d}"


def headline_fee_fen(terms: FeeTerms | None) -> int | None:
    """The one amount that sorts and summarises terms: the lump sum, annual fee, entry fee,
    per-unit fee or minimum annual royalty; 0 for free terms; ``None`` for a bare rate."""
    if terms is None:
        return None
    if terms.method is FeeMethod.FREE:
        return 0
    for value in (terms.lump_sum_fen, terms.annual_fee_fen, terms.entry_fee_fen,
                  terms.per_unit_fen, terms.min_annual_fen):
        if value is not None:
            return int(value)
    return None


def _amount(fen: int | None) -> Amount:
    return Amount(fen or 0)


def _rate_text(rate: Decimal | None) -> str:
    return "?" if rate is None else f"{rate.normalize():f}"


def terms_summary(terms: FeeTerms | None) -> Message:
    """The fee method and standard in one line ("3.5 % of net sales, at least RMB 20,000.00 a
    year"; the amounts are `Amount`s), for lists, the register and exports. Missing figures
    show as "?", a missing amount as 0."""
    if terms is None:
        return Message(N_("No fee method chosen yet"))
    method = terms.method
    if method is FeeMethod.FREE:
        return Message(N_("Free licence"))
    if method is FeeMethod.LUMP_SUM:
        return Message(N_("Lump sum of %(amount)s"), {"amount": _amount(terms.lump_sum_fen)})
    if method is FeeMethod.ANNUAL_FIXED:
        return Message(N_("%(amount)s a year"), {"amount": _amount(terms.annual_fee_fen)})
    if method is FeeMethod.PER_UNIT:
        return Message(N_("%(amount)s per unit"), {"amount": _amount(terms.per_unit_fen)})
    royalty = _royalty_summary(terms)
    if method is FeeMethod.ENTRY_PLUS_ROYALTY:
        return Message(N_("Entry fee of %(entry)s plus %(royalty)s"),
                       {"entry": _amount(terms.entry_fee_fen), "royalty": royalty})
    if terms.min_annual_fen is not None:
        return Message(N_("%(royalty)s, at least %(minimum)s a year"),
                       {"royalty": royalty, "minimum": _amount(terms.min_annual_fen)})
    return royalty


def _royalty_summary(terms: FeeTerms) -> Message:
    if terms.base is RoyaltyBase.UNITS:
        return Message(N_("%(amount)s per unit"), {"amount": _amount(terms.per_unit_fen)})
    if terms.base is RoyaltyBase.PROFIT:
        return Message(N_("%(rate)s %% of profit"),
                       {"rate": _rate_text(terms.royalty_rate_percent)})
    if terms.base is RoyaltyBase.NET_SALES:
        return Message(N_("%(rate)s %% of net sales"),
                       {"rate": _rate_text(terms.royalty_rate_percent)})
    return Message(N_("a royalty on a base not yet chosen"))


@dataclass(frozen=True)
class SnapshotPatent:
    patent_number: str | None
    application_number: str | None
    title: str
    kind: PatentKind | None
    ipc_codes: tuple[str, ...]
    locarno_class: str | None
    expiry_date: dt.date | None


def build_snapshot(*, declaration_id: int, number: str, announced_on: dt.date,
                   patent: SnapshotPatent, patentees: Sequence[str],
                   content: DeclarationContent) -> dict[str, Any]:
    """The terms as announced, JSON-ready (dates ISO, rates as strings), hashed with
    ``terms.content_hash`` and never changed afterwards (D8). Holds what Regs Art. 85(2)
    requires (patent number, all patentees, fee method and standard, licence period) and the
    other matters declared; the licence is offered within the territory of China (R3.6(c))."""
    if content.fee_terms is None or content.licence_start is None \
            or content.licence_end is None:
        raise ValueError("only complete terms are announced")
    return {
        "declaration_id": declaration_id,
        "announcement_number": number,
        "announcement_date": announced_on.isoformat(),
        "patent": patent.patent_number,
        "application_number": patent.application_number,
        "title": patent.title,
        "kind": patent.kind.value if patent.kind else None,
        "ipc_codes": list(patent.ipc_codes),
        "locarno_class": patent.locarno_class,
        "patent_expiry": patent.expiry_date.isoformat() if patent.expiry_date else None,
        "patentees": list(patentees),
        "territory": "CN",
        "fee_terms": content.fee_terms.to_dict(),
        "payment_terms": content.payment_terms,
        "licence_start": content.licence_start.isoformat(),
        "licence_end": content.licence_end.isoformat(),
        "application_fields": list(content.application_fields),
        "target_products": list(content.target_products),
        "maturity_stage": content.maturity_stage.value if content.maturity_stage else None,
        "advantages": content.advantages,
        "know_how": content.know_how,
        "know_how_price_fen": content.know_how_price_fen,
        "contact": {"name": content.contact_name, "phone": content.contact_phone,
                    "email": content.contact_email},
    }
