"""The notes sent after an interview: drafting, checking, people, sending."""
