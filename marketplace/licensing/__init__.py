"""Open licences: taking by notice and payment, record-filing, royalties, negotiated licences."""
