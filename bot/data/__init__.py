"""Word lists of the bot (what people type for a choice)."""
