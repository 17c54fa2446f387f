"""Technology needs of SMEs, their matching patents, saved searches and alerts both ways."""
