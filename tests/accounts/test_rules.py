"""Pure tests of the unified social credit code rule (GB 32100-2015)."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

from marketplace.accounts import rules
from marketplace.accounts.rules import USCC_ALPHABET, UsccError, uscc_check_char, validate_uscc
from marketplace.errors import Message

WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def test_alphabet_and_weights() -> None:
    assert len(USCC_ALPHABET) == 31
    assert not set("IOZSV") & set(USCC_ALPHABET)
    # The weights are 3^(i-1) mod 31.
    assert tuple(pow(3, i, 31) for i in range(17)) == WEIGHTS


def test_check_character_by_hand_digit() -> None:
    # 914403001922038216: the weighted sum of the first 17 characters is 831;
    # 831 mod 31 = 25; 31 - 25 = 6.
    products = [9, 3, 36, 108, 0, 78, 0, 0, 20, 261, 50, 26, 0, 72, 80, 60, 28]
    assert sum(products) == 831
    assert 31 - 831 % 31 == 6
    assert uscc_check_char("91440300192203821") == "6"


def test_check_character_by_hand_letter() -> None:
    # 91440300708461136T: sum 966; 966 mod 31 = 5; 31 - 5 = 26, and character 26 is T.
    products = [9, 3, 36, 108, 0, 78, 0, 0, 140, 0, 200, 52, 48, 24, 10, 90, 168]
    assert sum(products) == 966
    assert USCC_ALPHABET[31 - 966 % 31] == "T"
    assert uscc_check_char("91440300708461136") == "T"


def test_check_value_31_is_written_0() -> None:
    # A weighted sum divisible by 31 gives 31 - 0 = 31, which is written 0.
    assert uscc_check_char("0" * 17) == "0"


@pytest.mark.parametrize(
    "code",
    [
        # Published codes; each agrees with the algorithm (two are worked by hand above).
        "914403001922038216",
        "91440300708461136T",
        "91110108551385082Q",
        "911100001000080343",
        "91110000100010433L",
        "12100000400000624D",
    ],
)
def test_valid_codes(code: str) -> None:
    assert validate_uscc(code) == code


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        (" 91440300708461136t ", "91440300708461136T"),
        ("９１４４０３００７０８４６１１３６Ｔ", "91440300708461136T"),  # full-width input
    ],
)
def test_normalisation(raw: str, normalised: str) -> None:
    assert validate_uscc(raw) == normalised


@pytest.mark.parametrize(
    ("code", "message"),
    [
        # The guess in the brief: its check character is 6, not J.
        ("91440300192203821J", "should be 6, not J"),
        ("91440300708461136A", "should be T, not A"),
        ("914403001922038217", "should be 6, not 7"),
        ("9144030019220382", "has 16"),
        ("9144030019220382166", "has 19"),
        ("", "has 0"),
        ("91440300I92203821 6", "has 19"),
        ("91440300I922038216", r"Character 9 \('I'\)"),
        ("9144030019220382O6", r"Character 17 \('O'\)"),
        ("91440300192203821S", r"Character 18 \('S'\)"),
        ("914403001922038-16", r"Character 16 \('-'\)"),
        ("91A40300192203821 ", "has 17"),
        ("91A403001922038216", "administrative-division code"),
    ],
)
def test_invalid_codes(code: str, message: str) -> None:
    with pytest.raises(UsccError, match=message) as caught:
        validate_uscc(code)
    # A ValueError whose text is a template marked for translation, with its values apart.
    assert isinstance(caught.value, ValueError)
    assert caught.value.detail.template in MARKED
    assert str(caught.value) == str(caught.value.detail)


def test_check_char_input_is_checked() -> None:
    with pytest.raises(UsccError, match="17 characters") as caught:
        uscc_check_char("9144")
    assert caught.value.detail.template in MARKED


MARKED = {
    message
    for _, message, _, _ in extract_from_file(
        "python", str(Path(rules.__file__)), keywords={"N_": None}
    )
}


def test_wrong_check_character_message() -> None:
    with pytest.raises(UsccError) as caught:
        validate_uscc("91440300192203821j")
    assert caught.value.detail == Message(
        "The last character of unified social credit code %(code)s should be %(expected)s, "
        "not %(found)s: the code is mistyped.",
        {"code": "91440300192203821J", "expected": "6", "found": "J"},
    )
    assert str(caught.value) == (
        "The last character of unified social credit code 91440300192203821J should be 6, "
        "not J: the code is mistyped."
    )
