"""Where the user's tables live and how they are kept: the schema, typed CSV files written
crash-safely, backups, import and export. Nothing here knows about interviews or notes."""
