"""Annual fees: the rules (``rules``), the calculator, the persisted ledger with its history and
payments (``refresh``, ``services``), statements, pages, API and the ``marketplace fees`` CLI."""
