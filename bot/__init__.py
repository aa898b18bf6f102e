"""Assistente RSI domain core: rules, calendar, documents (pure Python, no Rasa)."""
