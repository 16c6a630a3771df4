"""The interview self-check: its content, the reading, the plan and saved checks."""
