"""The views each screen shows, built from a snapshot of the tables it reads."""
