"""HTML forms for declarations: terms, consents, decisions, withdrawal, the royalty estimate.

Field names follow `DeclarationContent` and `FeeTerms` (``lump_sum_fen``, ``licence_end`` ...),
so a service's errors land next to their fields. Money is typed in yuan and held in fen.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    DecimalField,
    Field,
    FieldList,
    FormField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    widgets,
)
from wtforms import Form as SubForm
from wtforms.validators import (
    DataRequired,
    InputRequired,
    NumberRange,
    Optional,
    ValidationError,
)

from marketplace.declarations import rules
from marketplace.declarations.estimator import (
    Coefficient,
    EstimateInput,
    EstimationMethod,
    PriorFee,
    ValuationApproach,
)
from marketplace.declarations.models import ConsentPurpose
from marketplace.declarations.rules import DeclarationContent, MaturityStage
from marketplace.declarations.terms import FeeMethod, FeeTerms, RoyaltyBase
from marketplace.declarations.wording import vague_fee_terms_in
from marketplace.web.forms import Form, choices, confirm_field

FEE_METHOD_NAMES = {
    FeeMethod.LUMP_SUM: _l("Lump sum"),
    FeeMethod.ANNUAL_FIXED: _l("Annual fixed fee"),
    FeeMethod.ROYALTY_SALES: _l("Royalty on net sales"),
    FeeMethod.ROYALTY_PROFIT: _l("Royalty on profit"),
    FeeMethod.PER_UNIT: _l("Fee per unit"),
    FeeMethod.ENTRY_PLUS_ROYALTY: _l("Entry fee plus royalty"),
    FeeMethod.FREE: _l("Free licence"),
}
ROYALTY_BASE_NAMES = {
    RoyaltyBase.NET_SALES: _l("a percentage of net sales"),
    RoyaltyBase.PROFIT: _l("a percentage of profit"),
    RoyaltyBase.UNITS: _l("a fee per unit"),
}
MATURITY_NAMES = {
    MaturityStage.LABORATORY: _l("Laboratory"),
    MaturityStage.SMALL_SCALE: _l("Small-scale trial"),
    MaturityStage.PILOT: _l("Pilot production"),
    MaturityStage.INDUSTRIALISED: _l("Industrialised"),
}
STATUS_NAMES = {
    "draft": _l("Draft"),
    rules.AWAITING_CONSENT: _l("Awaiting consent"),
    "submitted": _l("Submitted"),
    "announced": _l("Announced"),
    "refused": _l("Refused"),
    "withdrawal_requested": _l("Withdrawal requested"),
    "withdrawn": _l("Withdrawn"),
}
PURPOSE_NAMES = {
    ConsentPurpose.DECLARE: _l("to declare"),
    ConsentPurpose.WITHDRAW: _l("to withdraw"),
}

# Which fee fields each method shows (the page hides the others; the server ignores them).
FEE_FIELD_METHODS: dict[str, tuple[FeeMethod, ...]] = {
    "lump_sum_fen": (FeeMethod.LUMP_SUM,),
    "annual_fee_fen": (FeeMethod.ANNUAL_FIXED,),
    "entry_fee_fen": (FeeMethod.ENTRY_PLUS_ROYALTY,),
    "royalty_base": (FeeMethod.ENTRY_PLUS_ROYALTY,),
    "royalty_rate_percent": (FeeMethod.ROYALTY_SALES, FeeMethod.ROYALTY_PROFIT,
                             FeeMethod.ENTRY_PLUS_ROYALTY),
    "per_unit_fen": (FeeMethod.PER_UNIT, FeeMethod.ENTRY_PLUS_ROYALTY),
    "min_annual_fen": (FeeMethod.ROYALTY_SALES,),
}


def yuan_text(fen: int | None) -> str:
    """Fen as the yuan a user types: 5000000 → "50000", 1250 → "12.50"."""
    if fen is None:
        return ""
    amount = Decimal(fen) / 100
    return f"{amount:f}" if fen % 100 else f"{fen // 100}"


class YuanField(StringField):  # type: ignore[misc]
    """An amount typed in yuan ("50000", "5,000.50", "¥12"); ``data`` is integer fen.

    Words or ranges ("面议", "1-5万") get the D5 explanation rather than "not a number"."""

    def process_formdata(self, valuelist: Sequence[str]) -> None:
        self.data = None
        raw = (valuelist[0] if valuelist else "").strip()
        if not raw:
            return
        cleaned = raw.replace(",", "").replace("，", "").replace("¥", "").replace("￥", "")
        cleaned = cleaned.removesuffix("元").strip()
        try:
            amount = Decimal(cleaned)
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite():
            if vague_fee_terms_in(raw):
                raise ValueError(_("Give one exact amount: “面议”, “negotiable” and ranges "
                                   "are not a fee standard (D5)."))
            raise ValueError(_("Enter an amount in yuan, for example 50000 or 12.50."))
        if amount != amount.quantize(Decimal("0.01")):
            raise ValueError(_("At most two decimal places (fen)."))
        self.data = int(amount * 100)

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        return yuan_text(self.data)


class PercentField(StringField):  # type: ignore[misc]
    """A rate typed in per cent ("3.5" or "3.5%"); ``data`` is a `Decimal` number of per cent."""

    def process_formdata(self, valuelist: Sequence[str]) -> None:
        self.data = None
        raw = (valuelist[0] if valuelist else "").strip()
        if not raw:
            return
        try:
            rate = Decimal(raw.rstrip("%％").strip())
        except InvalidOperation:
            rate = None
        if rate is None or not rate.is_finite():
            if vague_fee_terms_in(raw):
                raise ValueError(_("Give one exact rate: ranges and “negotiable” are not a fee "
                                   "standard (D5)."))
            raise ValueError(_("Enter a percentage, for example 3.5."))
        self.data = rate

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        return "" if self.data is None else f"{self.data.normalize():f}"


class LinesField(TextAreaField):  # type: ignore[misc]
    """One entry per line (or separated by ；/;); ``data`` is a tuple of trimmed entries."""

    def process_formdata(self, valuelist: Sequence[str]) -> None:
        raw = valuelist[0] if valuelist else ""
        parts = raw.replace("；", "\n").replace(";", "\n").splitlines()
        self.data = tuple(p.strip() for p in parts if p.strip())

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        return "\n".join(self.data or ())


def _optional_choices(names: dict[Any, Any]) -> list[Any]:
    return choices([("", _l("— choose —")), *((str(k), v) for k, v in names.items())])


class TermsFields(Form):
    """The terms of a declaration (R2.2, R6.4) and the commercial fields users ask for."""

    fee_method = SelectField(_l("Fee method"), choices=_optional_choices(FEE_METHOD_NAMES),
                             validators=[Optional()])
    lump_sum_fen = YuanField(_l("Lump sum (yuan)"))
    annual_fee_fen = YuanField(_l("Fee per year (yuan)"))
    entry_fee_fen = YuanField(_l("Entry fee (yuan)"))
    royalty_base = SelectField(_l("Royalty after the entry fee"),
                               choices=_optional_choices(ROYALTY_BASE_NAMES),
                               validators=[Optional()])
    royalty_rate_percent = PercentField(_l("Royalty rate (%)"))
    per_unit_fen = YuanField(_l("Fee per unit (yuan)"))
    min_annual_fen = YuanField(_l("Minimum royalty per year (yuan, optional)"))
    payment_terms = TextAreaField(_l("When and how the fee is paid"),
                                  description=_l("For example: within 30 days of the written "
                                                 "notice; royalties reported quarterly."))
    licence_start = DateField(_l("Licence period: first day"), validators=[Optional()])
    licence_end = DateField(_l("Licence period: last day"), validators=[Optional()])
    licence_years = IntegerField(
        _l("…or length in years"), validators=[Optional(), NumberRange(
            min=1, max=rules.MAX_LICENCE_YEARS)],
        description=_l("Instead of the last day; the period then ends the day before the "
                       "anniversary. It may not run past the patent's expiry (D7)."))
    application_fields = LinesField(_l("Application fields (one per line)"))
    target_products = LinesField(_l("Target products (one per line)"))
    maturity_stage = SelectField(_l("Maturity"), choices=_optional_choices(MATURITY_NAMES),
                                 validators=[Optional()])
    advantages = TextAreaField(_l("Advantages over existing solutions"),
                               description=_l("Factual and verifiable: no superlatives or "
                                              "rankings (Regs Art. 85(3))."))
    know_how = TextAreaField(_l("Know-how and technical support offered with the licence"))
    know_how_price_fen = YuanField(_l("Price of the know-how or support (yuan, optional)"))
    contact_name = StringField(_l("Contact person"))
    contact_phone = StringField(_l("Contact phone"))
    contact_email = StringField(_l("Contact e-mail"))

    def validate_licence_years(self, field: Field) -> None:
        if field.data is None:
            return
        if self.licence_end.data is not None:
            raise ValidationError(_("Give the last day or the number of years, not both."))
        if self.licence_start.data is None:
            raise ValidationError(_("Give the first day too."))

    def content(self) -> DeclarationContent:
        """The content as typed; only the chosen method's fee fields are kept."""
        terms = None
        if self.fee_method.data:
            method = FeeMethod(self.fee_method.data)
            base = RoyaltyBase(self.royalty_base.data) if self.royalty_base.data else None
            values: dict[str, Any] = {name: getattr(self, name).data
                                      for name in rules.fields_used(method, base)}
            if "royalty_base" in values:
                values["royalty_base"] = base
            terms = FeeTerms(method, **values)
        end = self.licence_end.data
        if self.licence_years.data is not None and self.licence_start.data is not None:
            end = rules.licence_end_from_years(self.licence_start.data, self.licence_years.data)
        stage = MaturityStage(self.maturity_stage.data) if self.maturity_stage.data else None
        return DeclarationContent(
            fee_terms=terms, payment_terms=(self.payment_terms.data or "").strip(),
            licence_start=self.licence_start.data, licence_end=end,
            application_fields=self.application_fields.data or (),
            target_products=self.target_products.data or (), maturity_stage=stage,
            advantages=(self.advantages.data or "").strip(),
            know_how=(self.know_how.data or "").strip(),
            know_how_price_fen=self.know_how_price_fen.data,
            contact_name=(self.contact_name.data or "").strip(),
            contact_phone=(self.contact_phone.data or "").strip(),
            contact_email=(self.contact_email.data or "").strip(),
        )

    @staticmethod
    def data_from(content: DeclarationContent) -> dict[str, Any]:
        """Initial values for editing ``content``."""
        terms = content.fee_terms
        data: dict[str, Any] = {
            "fee_method": terms.method.value if terms else "",
            "royalty_base": terms.royalty_base.value if terms and terms.royalty_base else "",
            "maturity_stage": content.maturity_stage.value if content.maturity_stage else "",
        }
        for name in ("lump_sum_fen", "annual_fee_fen", "entry_fee_fen", "royalty_rate_percent",
                     "per_unit_fen", "min_annual_fen"):
            data[name] = getattr(terms, name) if terms else None
        for name in ("payment_terms", "licence_start", "licence_end", "application_fields",
                     "target_products", "advantages", "know_how", "know_how_price_fen",
                     "contact_name", "contact_phone", "contact_email"):
            data[name] = getattr(content, name)
        return data


class DeclarationForm(TermsFields):
    submit = SubmitField(_l("Save draft"))


class MultiCheckboxField(SelectMultipleField):  # type: ignore[misc]
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class BulkDeclarationForm(TermsFields):
    """Several patents of the portfolio, declared with the same terms (D1: one each)."""

    patent_ids = MultiCheckboxField(_l("Patents"), coerce=int,
                                    validators=[DataRequired(_l("Choose at least one patent."))])
    submit = SubmitField(_l("Save drafts"))


class ActionForm(Form):
    """A button that posts (CSRF only): submit, request consents, give consent."""

    purpose = HiddenField()
    submit = SubmitField(_l("Confirm"))


class SubmitDeclarationForm(Form):
    confirm = confirm_field(_l("The terms above are correct: submit them to the office. Once "
                               "announced they are frozen and can only be withdrawn."))
    submit = SubmitField(_l("Submit to the office"))


class WrittenConsentForm(Form):
    purpose = HiddenField()
    co_owner_name = SelectField(_l("Co-owner"), validators=[InputRequired()])
    signatory = StringField(_l("Signed by"), validators=[InputRequired()])
    signed_on = DateField(_l("Signed on"), validators=[InputRequired()])
    submit = SubmitField(_l("Record the written consent"))


class DecisionForm(Form):
    """The office announces or refuses (R3.7); a refusal names its reasons."""

    decision = RadioField(_l("Decision"), choices=choices([
        ("announce", _l("Announce")), ("refuse", _l("Refuse"))]), validators=[InputRequired()])
    finding_codes = MultiCheckboxField(_l("Reasons found by pre-examination"))
    note = TextAreaField(_l("Note to the patentee"))
    confirm = confirm_field(_l("I confirm this decision. An announcement is published on the "
                               "public register at once with its terms frozen; a refusal is "
                               "sent to the patentee with its reasons."))
    submit = SubmitField(_l("Decide"))


class WithdrawalRequestForm(Form):
    reason = TextAreaField(_l("Reason for withdrawing"),
                           description=_l("A legitimate reason, without conditions (CNIPA FAQ "
                                          "Q25)."))
    confirm = confirm_field(_l("I understand that once the withdrawal is announced no new "
                               "licence can be taken; licences already taken keep their effect "
                               "(Patent Law Art. 50)."))
    submit = SubmitField(_l("Request withdrawal"))


class WithdrawalDecisionForm(Form):
    decision = RadioField(_l("Decision"), choices=choices([
        ("announce", _l("Announce the withdrawal")), ("refuse", _l("Refuse the withdrawal"))]),
        validators=[InputRequired()])
    note = TextAreaField(_l("Note to the patentee (required to refuse)"))
    confirm = confirm_field(_l("I confirm this decision; an announced withdrawal is published "
                               "on the public register at once."))
    submit = SubmitField(_l("Decide"))


class FalseMaterialsForm(Form):
    flagged_on = DateField(_l("Found on"), validators=[InputRequired()])
    note = TextAreaField(_l("What was false"))
    submit = SubmitField(_l("Flag as obtained by false materials"))


# --- The royalty estimate -------------------------------------------------------------------------

ESTIMATION_METHOD_NAMES = {m: _l(m.label) for m in EstimationMethod}
APPROACH_NAMES = {a: _l(a.label) for a in ValuationApproach}
ROWS = 3


class PriorFeeRow(SubForm):  # type: ignore[misc]
    amount = DecimalField(_l("Fee (yuan)"), validators=[Optional()])
    years = DecimalField(_l("Years it paid for"), validators=[Optional()])


class CoefficientRow(SubForm):  # type: ignore[misc]
    label = StringField(_l("Coefficient"))
    value = DecimalField(_l("Value"), validators=[Optional()])
    source = StringField(_l("Where it comes from"))


class EstimateForm(Form):
    """The estimator's inputs (DOMAIN §6): every figure is the user's, with its source."""

    method = SelectField(_l("Estimation method"),
                         choices=choices((m.value, n) for m, n in ESTIMATION_METHOD_NAMES.items()))
    licence_years = DecimalField(_l("Licence period (years)"), validators=[InputRequired()])
    basis_source = StringField(_l("Source of the calculation base"))
    annual_net_sales = DecimalField(_l("Expected annual net sales (yuan)"),
                                    validators=[Optional()])
    profit_margin_pct = DecimalField(_l("Profit margin (%)"), validators=[Optional()])
    annual_units = IntegerField(_l("Units a year"), validators=[Optional()])
    contribution_share_pct = DecimalField(_l("The patent's contribution share (%)"),
                                          validators=[Optional()])
    reference_rate_pct = DecimalField(_l("Reference royalty rate (%)"), validators=[Optional()])
    rate_source = StringField(_l("Source of the royalty rate"))
    valuation_approach = SelectField(_l("Valuation approach"),
                                     choices=_optional_choices(APPROACH_NAMES),
                                     validators=[Optional()])
    valuation = DecimalField(_l("Valuation (yuan)"), validators=[Optional()])
    licence_share_pct = DecimalField(_l("The licence's share of the value (%)"),
                                     validators=[Optional()])
    entry_fee_share_pct = DecimalField(_l("The entry fee's share of the lump sum (%)"),
                                       validators=[Optional()])
    prior_fees = FieldList(FormField(PriorFeeRow), min_entries=ROWS, max_entries=ROWS)
    coefficients = FieldList(FormField(CoefficientRow), min_entries=ROWS, max_entries=ROWS)
    submit = SubmitField(_l("Estimate"))

    def inputs(self) -> EstimateInput:
        # Rows are FormFields: their sub-fields are reached through ``.form`` (a FormField has
        # its own ``label``).
        prior = tuple(PriorFee(row.form.amount.data, row.form.years.data)
                      for row in self.prior_fees
                      if row.form.amount.data is not None or row.form.years.data is not None)
        coefficients = tuple(
            Coefficient(row.form.label.data or "", row.form.value.data,
                        row.form.source.data or "")
            for row in self.coefficients
            if row.form.value.data is not None or (row.form.label.data or "").strip())
        approach = self.valuation_approach.data
        return EstimateInput(
            method=EstimationMethod(self.method.data),
            licence_years=self.licence_years.data,
            basis_source=self.basis_source.data or "",
            annual_net_sales=self.annual_net_sales.data,
            profit_margin_pct=self.profit_margin_pct.data,
            annual_units=self.annual_units.data,
            contribution_share_pct=self.contribution_share_pct.data,
            prior_fees=prior,
            reference_rate_pct=self.reference_rate_pct.data,
            rate_source=self.rate_source.data or "",
            valuation_approach=ValuationApproach(approach) if approach else None,
            valuation=self.valuation.data,
            licence_share_pct=self.licence_share_pct.data,
            coefficients=coefficients,
            entry_fee_share_pct=self.entry_fee_share_pct.data,
        )


def estimate_form_data(inputs: EstimateInput) -> dict[str, Any]:
    """Initial values showing the stored estimate's inputs again."""
    data = {name: getattr(inputs, name) for name in (
        "licence_years", "basis_source", "annual_net_sales", "profit_margin_pct",
        "annual_units", "contribution_share_pct", "reference_rate_pct", "rate_source",
        "valuation", "licence_share_pct", "entry_fee_share_pct")}
    data["method"] = inputs.method.value
    data["valuation_approach"] = inputs.valuation_approach.value \
        if inputs.valuation_approach else ""
    data["prior_fees"] = [{"amount": p.amount, "years": p.years} for p in inputs.prior_fees]
    data["coefficients"] = [{"label": c.label, "value": c.value, "source": c.source}
                            for c in inputs.coefficients]
    return data


class ApplyEstimateForm(Form):
    method = HiddenField(validators=[InputRequired()])
    submit = SubmitField(_l("Use these terms"))
