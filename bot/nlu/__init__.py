"""Rasa NLU components of this project. Like ``bot.channels``, this package
imports rasa; nothing else in ``bot`` imports it."""
