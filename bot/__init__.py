"""The edges of whosaid: settings, rendering, the command line and the Telegram bot."""
