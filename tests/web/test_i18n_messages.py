"""The rules' messages reach the user in the user's language: the import report, the import
form, the registration form and the API's error bodies."""

from __future__ import annotations

import io

import pytest
from flask.testing import FlaskClient
from sqlmodel import Session

from marketplace.accounts.models import Role
from tests.conftest import Auth
from tests.factories import app_number_with_check, make_user, registration_form, uscc_with_check

GOOD = app_number_with_check("202110123456")
BAD_BASE = "202110123457"
BAD_CHECK = app_number_with_check(BAD_BASE)[-1]
WRONG_CHECK = "3" if BAD_CHECK != "3" else "4"
CSV = (
    "application_number,kind,title,filing_date,grant_date,ipc\n"
    f"{GOOD},invention,一种茶叶杀青方法,2021-03-01,2023-05-06,A23F 3/06\n"
    f"{BAD_BASE}.{WRONG_CHECK},invention,校验位错误,2021-03-02,2023-05-06,A23F 3/06\n"
    f"{app_number_with_check('202110123458')},utility_model,类型不符,2021-03-03,,\n"
).encode()
CHECK_DIGIT_ZH = (
    f"校验位应为{BAD_CHECK}，而不是{WRONG_CHECK}（{BAD_BASE}.{BAD_CHECK}）"
)
CHECK_DIGIT_EN = (
    f"check digit should be {BAD_CHECK}, not {WRONG_CHECK} ({BAD_BASE}.{BAD_CHECK})"
)
# The cross-check's message holds the patent types as messages of their own.
KIND_ZH = (
    f"申请号{app_number_with_check('202110123458')}的申请种类号为1，表示发明，"
    "但专利类型为实用新型"
)

VALID_USCC = uscc_with_check("91330100MA2B00001")
USCC_CHECK = VALID_USCC[-1]
WRONG_USCC_CHECK = "0" if USCC_CHECK != "0" else "1"
BAD_USCC = VALID_USCC[:-1] + WRONG_USCC_CHECK
USCC_ZH = (
    f"统一社会信用代码{BAD_USCC}的校验码（第18位）应为{USCC_CHECK}，而不是{WRONG_USCC_CHECK}"
)
USCC_EN = (
    f"The last character of unified social credit code {BAD_USCC} should be {USCC_CHECK}, "
    f"not {WRONG_USCC_CHECK}"
)


def _upload(client: FlaskClient, path: str, language: str, data: bytes = CSV,
            name: str = "p.csv") -> tuple[int, str, object]:
    response = client.post(path, data={"file": (io.BytesIO(data), name)},
                           headers={"Accept-Language": language})
    return response.status_code, response.get_data(as_text=True), response.get_json(silent=True)


def test_import_report_in_chinese(client: FlaskClient, auth: Auth, session: Session) -> None:
    auth.login(make_user(session, Role.PATENTEE))
    _, html, _ = _upload(client, "/portfolio/import", "zh-CN,zh;q=0.9")
    report = html.split('id="import-errors"')[1].split("</table>")[0]
    assert f'<td class="row">3</td><td>application_number</td><td>{CHECK_DIGIT_ZH}</td>' in report
    assert f'<td class="row">4</td><td>kind</td><td>{KIND_ZH}</td>' in report
    assert "check digit" not in report and "invention" not in report


def test_import_report_in_english(client: FlaskClient, auth: Auth, session: Session) -> None:
    auth.login(make_user(session, Role.PATENTEE))
    _, html, _ = _upload(client, "/portfolio/import", "en")
    report = html.split('id="import-errors"')[1].split("</table>")[0]
    assert f"<td>{CHECK_DIGIT_EN}</td>" in report
    assert "an invention, but the patent type is utility model" in report


def test_unreadable_import_file_in_chinese(client: FlaskClient, auth: Auth,
                                           session: Session) -> None:
    auth.login(make_user(session, Role.PATENTEE))
    _, html, _ = _upload(client, "/portfolio/import", "zh", data=b"title,abstract\nx,y\n")
    assert "文件缺少号码列" in html
    assert "The file has no number column" not in html


@pytest.mark.parametrize(("language", "expected", "absent"), [
    ("zh-CN", USCC_ZH, "The last character"),
    ("en", USCC_EN, USCC_ZH),
])
def test_registration_form_shows_the_uscc_error_next_to_the_field(
        client: FlaskClient, language: str, expected: str, absent: str) -> None:
    html = client.post("/register", data=registration_form(uscc=BAD_USCC),
                       headers={"Accept-Language": language}).get_data(as_text=True)
    field_block = html.split('id="uscc"')[1].split("</div>")[0]
    assert expected in field_block
    assert absent not in html


def test_registration_api_error_in_the_request_language(client: FlaskClient) -> None:
    body = {
        "organisation": {"name": "杭州绿源茶业有限公司", "kind": "enterprise", "uscc": BAD_USCC,
                         "region": "330000"},
        "user": {"email": "chen@lvyuan.example.cn", "password": "a long password",
                 "display_name": "陈静", "role": "sme"},
    }
    zh = client.post("/api/v1/registrations", json=body, headers={"Accept-Language": "zh"})
    en = client.post("/api/v1/registrations", json=body, headers={"Accept-Language": "en"})
    assert zh.status_code == en.status_code == 422
    assert zh.json is not None and en.json is not None
    assert zh.json["errors"]["uscc"][0].startswith(USCC_ZH)
    assert en.json["errors"]["uscc"][0].startswith(USCC_EN)


def test_api_import_errors_in_the_request_language(client: FlaskClient, auth: Auth,
                                                   session: Session) -> None:
    auth.login(make_user(session, Role.PATENTEE))
    status, _, zh = _upload(client, "/api/v1/portfolio/import", "zh-CN,zh;q=0.9")
    assert status == 422
    assert isinstance(zh, dict)
    assert zh["code"] == "validation_failed"
    assert zh["errors"] == {
        "rows": [
            {"row": 3, "column": "application_number", "field": "application_number",
             "message": CHECK_DIGIT_ZH},
            {"row": 4, "column": "kind", "field": "kind", "message": KIND_ZH},
        ],
        "rows_omitted": 0,
    }
    assert "Nothing was imported" not in zh["message"]

    status, _, en = _upload(client, "/api/v1/portfolio/import", "en")
    assert status == 422
    assert isinstance(en, dict)
    assert en["errors"]["rows"][0]["message"] == CHECK_DIGIT_EN
    assert en["message"] == "Nothing was imported: some rows are invalid."


def test_api_unreadable_file_in_the_request_language(client: FlaskClient, auth: Auth,
                                                     session: Session) -> None:
    auth.login(make_user(session, Role.PATENTEE))
    status, _, zh = _upload(client, "/api/v1/portfolio/import", "zh", data=b"",
                            name="p.csv")
    assert status == 422
    assert isinstance(zh, dict)
    assert zh["errors"] == {"file": ["文件为空。"]}


def test_api_import_report_keeps_english_messages(client: FlaskClient, auth: Auth,
                                                  session: Session) -> None:
    # The 200 report's row messages stay English (the API's contract, as before).
    auth.login(make_user(session, Role.PATENTEE))
    response = client.post("/api/v1/portfolio/import?skip_invalid=true",
                           data={"file": (io.BytesIO(CSV), "p.csv")},
                           headers={"Accept-Language": "zh"})
    assert response.status_code == 200
    assert response.json is not None
    assert response.json["errors"][0]["message"] == CHECK_DIGIT_EN
