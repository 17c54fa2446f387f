"""Annual-fee rules: fee table, due dates, reductions, late fees and the fee ledger."""
