"""Pure rules for organisations: the unified social credit code (统一社会信用代码, GB 32100-2015).

No Flask, no database: plain strings in, normalised strings or `UsccError` (a `ValueError`
carrying a translatable `Message`) out.
"""

from __future__ import annotations

import unicodedata

from marketplace.errors import N_, Message, MessageError

__all__ = ["USCC_ALPHABET", "USCC_LENGTH", "UsccError", "uscc_check_char", "validate_uscc"]

#: The 31 characters a code may use: digits and capital letters without I, O, Z, S and V.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_LENGTH = 18
_VALUES = {char: value for value, char in enumerate(USCC_ALPHABET)}
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_MODULUS = len(USCC_ALPHABET)
#: Positions 3–8 (1-based) are the registering authority's administrative-division code: six digits.
_DIVISION = slice(2, 8)


class UsccError(MessageError):
    """A malformed unified social credit code; ``detail`` says what is wrong, translatably."""


def uscc_check_char(first17: str) -> str:
    """The check character of a code's first 17 characters.

    The value of the character at position i (its index in `USCC_ALPHABET`) is weighted by
    3^(i−1) mod 31: 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28. The check
    value is 31 − (sum mod 31), with 31 written as 0.
    """
    if len(first17) != USCC_LENGTH - 1 or any(char not in _VALUES for char in first17):
        raise UsccError(
            Message(
                N_("Expected 17 characters from %(alphabet)s, got %(text)s."),
                {"alphabet": USCC_ALPHABET, "text": repr(first17)},
            )
        )
    total = sum(_VALUES[char] * weight for char, weight in zip(first17, _WEIGHTS, strict=True))
    return USCC_ALPHABET[(_MODULUS - total % _MODULUS) % _MODULUS]


def validate_uscc(code: str) -> str:
    """Return the unified social credit code normalised (trimmed, full-width folded, upper-case).

    Raises `UsccError` with a sentence saying what is wrong: the length, a character outside
    the code's alphabet (I, O, Z, S and V are never used), a non-digit in the
    administrative-division code (positions 3–8), or the check character (position 18).
    """
    normalised = unicodedata.normalize("NFKC", code).strip().upper()
    if len(normalised) != USCC_LENGTH:
        raise UsccError(
            Message(
                N_(
                    "A unified social credit code has %(length)s characters; %(code)s has "
                    "%(count)s."
                ),
                {"length": USCC_LENGTH, "code": repr(normalised), "count": len(normalised)},
            )
        )
    for position, char in enumerate(normalised, start=1):
        if char not in _VALUES:
            raise UsccError(
                Message(
                    N_(
                        "Character %(position)s (%(char)s) cannot appear in a unified social "
                        "credit code: only digits and capital letters other than I, O, Z, S and V."
                    ),
                    {"position": position, "char": repr(char)},
                )
            )
    if not normalised[_DIVISION].isdigit():
        raise UsccError(
            Message(
                N_(
                    "Characters 3 to 8 of a unified social credit code are the "
                    "administrative-division code and must be digits, not %(division)s."
                ),
                {"division": repr(normalised[_DIVISION])},
            )
        )
    expected = uscc_check_char(normalised[:-1])
    if normalised[-1] != expected:
        raise UsccError(
            Message(
                N_(
                    "The last character of unified social credit code %(code)s should be "
                    "%(expected)s, not %(found)s: the code is mistyped."
                ),
                {"code": normalised, "expected": expected, "found": normalised[-1]},
            )
        )
    return normalised
