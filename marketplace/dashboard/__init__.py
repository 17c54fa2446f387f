"""Each role's dashboard: the logged-in home page."""
