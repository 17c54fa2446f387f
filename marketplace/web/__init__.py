"""Cross-cutting HTTP plumbing and the site's own pages (home, language switch, health)."""
