"""Password hashing with Argon2id (argon2-cffi's recommended parameters) and the password policy:
at least 12 characters (OWASP ASVS 2.1.1) and not guessable by zxcvbn (common passwords,
dictionary words, names, dates, keyboard patterns, repeats, the user's own details)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn

from marketplace.errors import N_, Message

_hasher = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """Verified against when the e-mail is unknown, so both paths cost the same (timing)."""
    return _hasher.hash("dummy password for timing equalisation")

MIN_PASSWORD_LENGTH = 12
#: zxcvbn's score from 0 to 4; 3 is "safely unguessable" against an online attack and a
#: moderate offline one.
MIN_PASSWORD_SCORE = 3
#: zxcvbn's work grows with the length; anything longer is judged on its first 72 characters.
_ZXCVBN_MAX_LENGTH = 72
_WORD_BREAKS = re.compile(r"[\W_]+")


def password_problems(password: str, user_inputs: Iterable[str] = ()) -> list[Message]:
    """Why ``password`` is refused (empty when it is acceptable). ``user_inputs`` are the
    account's own details (e-mail, names), which make a password easier to guess."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return [Message(N_("The password is too short: use at least %(min)s characters."),
                        {"min": MIN_PASSWORD_LENGTH})]
    # Each detail whole and word by word: "chen.jing@lvyuan.example.cn" gives chen, lvyuan...
    inputs = [word for value in user_inputs for word in (value, *_WORD_BREAKS.split(value))
              if word]
    if zxcvbn(password[:_ZXCVBN_MAX_LENGTH], user_inputs=inputs)["score"] < MIN_PASSWORD_SCORE:
        return [Message(N_("This password is too easy to guess: avoid common passwords, single "
                           "words, names, dates, keyboard patterns and repeats. Several "
                           "uncommon words together make a good password."))]
    return []


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when ``password`` matches; always spends one Argon2 verification."""
    try:
        matches = _hasher.verify(password_hash or _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return False
    return matches and password_hash is not None


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)
