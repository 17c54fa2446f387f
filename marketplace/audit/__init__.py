"""The append-only audit trail of legal events."""
