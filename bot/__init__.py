"""The Telegram bot, the scheduler and the command line: everything that runs."""
