"""Open-licence declarations: terms, co-owner consents, pre-examination, announcement."""
