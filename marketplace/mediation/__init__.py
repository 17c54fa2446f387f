"""Mediation of open-licence disputes: cases, acceptance, mediators, deadlines, outcomes, files."""
