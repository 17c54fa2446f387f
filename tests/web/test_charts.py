"""Server-drawn charts: valid inline SVG without scripts, labelled, with the expected series,
and the same figures as a table beside them (the statistics and office fee pages)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from decimal import Decimal

from flask.testing import FlaskClient
from sqlmodel import Session

from marketplace.accounts.models import Role
from marketplace.declarations.rules import DeclarationStatus
from marketplace.fees.models import AnnualFee
from marketplace.fees.rules import FeeStatus, GeneralCode, OpenLicenceCode, ReductionKind
from marketplace.web.charts import Chart, ChartKind, Series
from tests.conftest import Auth
from tests.factories import make_declaration, make_organisation, make_patent, make_user

SVG = "{http://www.w3.org/2000/svg}"


def _texts(root: ET.Element) -> list[str]:
    return [t.strip() for t in root.itertext() if t.strip()]


def test_a_chart_is_valid_svg_without_scripts_and_titled() -> None:
    chart = Chart(key="t", title="Fees by year", kind=ChartKind.STACKED_BAR,
                  labels=("2025", "2026*"),
                  series=(Series("Paid", (120_000.0, None)),
                          Series("Projected", (None, 90_000.0))), money=True)
    markup = str(chart.svg())
    root = ET.fromstring(markup)  # well-formed XML, one <svg> element
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img" and root.get("aria-label") == "Fees by year"
    assert "<script" not in markup and "<?xml" not in markup and "<!--" not in markup
    texts = _texts(root)
    assert "Paid" in texts and "Projected" in texts and "2026*" in texts
    # Money is drawn in yuan: RMB 1,200 for 120,000 fen.
    assert any(t.startswith("1200") or t.startswith("1,200") for t in texts)
    assert chart.rows() == [("2025", [120_000.0, None]), ("2026*", [None, 90_000.0])]


def test_statistics_page_draws_declarations_and_licences_with_tables(
        client: FlaskClient, session: Session) -> None:
    patentee = make_user(session, Role.PATENTEE)
    make_declaration(session, make_patent(session, patentee), DeclarationStatus.ANNOUNCED,
                     announced_on=dt.date(2025, 5, 1))
    make_declaration(session, make_patent(session, patentee), DeclarationStatus.ANNOUNCED,
                     announced_on=dt.date(2026, 5, 1))
    session.commit()
    html = client.get("/statistics", headers={"Accept-Language": "en"}).get_data(as_text=True)
    figure = html[html.index('id="chart-declarations-by-year"'):]
    figure = figure[:figure.index("</figure>")]
    assert "<svg" in figure
    assert 'aria-label="Declarations announced and withdrawn by year"' in figure
    # The page's own tables sit beside the charts, folded.
    tables = html[html.index('id="chart-declarations-by-method"'):html.index('id="stats-licences"')]
    assert "<details" in tables and "Show the figures as a table" in tables
    assert "<tr><td>2025</td><td>1</td><td>0</td></tr>" in tables
    assert "<tr><td>2026</td><td>1</td><td>0</td></tr>" in tables
    assert 'id="chart-declarations-by-method"' in html
    # No licence yet: the chart says so instead of drawing an empty frame.
    licences = html[html.index('id="chart-licences-by-year"'):]
    assert "No figures yet." in licences[:licences.index("</figure>")]
    assert "<script" not in html.split("</header>")[-1].split("<footer")[0]


def test_office_fee_page_leaves_out_empty_rows_and_columns(client: FlaskClient, auth: Auth,
                                                           session: Session) -> None:
    """Two fees (2025 paid 900, 2030 not yet due 1,200): the rows of other years and the
    all-zero columns (late fees, repayable savings, reductions) are not shown."""
    owner = make_organisation(session)
    for due, status, paid in ((dt.date(2025, 3, 10), FeeStatus.PAID, 90_000),
                              (dt.date(2030, 3, 10), FeeStatus.NOT_YET_DUE, 0)):
        patent = make_patent(session, owner)
        session.add(AnnualFee(
            patent_id=patent.id or 0, fee_year=8, due_date=due, full_fen=90_000 + (
                30_000 if status is FeeStatus.NOT_YET_DUE else 0),
            general_payable_fen=90_000, payable_fen=90_000 + (
                30_000 if status is FeeStatus.NOT_YET_DUE else 0),
            reduction_kind=ReductionKind.NONE, reduction_fen=0, reason_code="none",
            general_code=GeneralCode.OUTSIDE_WINDOW, general_rate=Decimal("1"),
            open_licence_code=OpenLicenceCode.NO_DECLARATION, status=status, paid_fen=paid))
    office = make_user(session, Role.OFFICE)
    session.commit()
    auth.login(office)
    client.get("/lang/en")
    html = client.get("/office/fees").get_data(as_text=True)
    start = html.index('class="office-totals compact"')
    table = html[start:html.index("</table>", start)]
    headings = table[table.index("<thead>"):table.index("</thead>")]
    assert "Full fees" in headings and "Paid" in headings and "Fees due" in headings
    assert "Late fees" not in headings and "Repayable savings" not in headings
    assert "General reductions" not in headings
    assert table.count('<th scope="row">') == 2
    assert '<th scope="row">2030*</th>' in table
    assert "* Projected" in html
    figure = html[html.index('id="chart-office-fees"'):html.index("</figure>")]
    assert "<svg" in figure and "Show the figures as a table" in figure
    # The chart's table in yuan: 2025 fees due 900.00, paid 900.00.
    assert ('<th scope="row">2025</th><td class="num">900.00</td><td class="num">0.00</td>'
            '<td class="num">0.00</td>') in figure


def test_many_years_are_labelled_every_few_years_only() -> None:
    """35 years of the office's totals: labels written for some years only, never overlapping;
    the table keeps every year."""
    years = tuple(str(y) for y in range(2008, 2043))
    chart = Chart(key="y", title="Fees", kind=ChartKind.BAR, labels=years,
                  series=(Series("Fees due", tuple(float(i) for i in range(35))),))
    root = ET.fromstring(str(chart.svg()))
    drawn = {(t.text or "").strip() for t in root.iter(f"{SVG}text")}
    written = [y for y in years if y in drawn]
    assert "2008" in written and 3 <= len(written) <= 8
    assert [label for label, _cells in chart.rows()] == list(years)
