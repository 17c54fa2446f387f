"""The public register: announced open-licence declarations and withdrawals, open data (CSV,
JSON, Atom) and the public statistics. Read-only; no login (R3.8, R8.6)."""
