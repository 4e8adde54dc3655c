"""The bot's texts in Russian and Kazakh: `<language>/bot.ftl`, loaded by `digest.locale`."""
