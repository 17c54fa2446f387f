"""The app side of search: the outbox that keeps the index in step with the database, need
matching (one ranking for every caller), batch runs and their evaluation."""
