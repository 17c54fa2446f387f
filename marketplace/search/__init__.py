"""The app side of search: the outbox that keeps the index in step with the database."""
