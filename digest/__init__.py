"""Article parsing, fact extraction and digest composition.

Plain synchronous Python: no aiogram or aiosqlite here, so every part can be
tested and benchmarked on its own.
"""
