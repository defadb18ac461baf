"""The Telegram front end: python-telegram-bot v22 handlers over the whosaid searcher."""
