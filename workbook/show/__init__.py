"""Showing results in notebooks and exported pages: tables (and the stamp), charts, filters."""
