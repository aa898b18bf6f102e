"""Custom Rasa input channels. Only Rasa loads these; the rest of `bot` never imports them."""
