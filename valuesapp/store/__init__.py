"""Where the person's words are kept: SQLModel tables, the engine, sessions and migrations."""
