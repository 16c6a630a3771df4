"""Preparing for the next interview: content, the dated checklist, practice answers."""
