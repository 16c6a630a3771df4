"""What Next Round knows about a job search, feature by feature, in plain Python: the
follow-up rules, interviews, the pipeline, the self-check, the notes and interview prep."""
