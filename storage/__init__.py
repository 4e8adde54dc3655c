"""SQLite storage: one aiosqlite connection, numbered migrations, small repositories."""

from storage.database import Database

__all__ = ["Database"]
