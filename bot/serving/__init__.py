"""Serving the assistant: the Rasa and action servers, their doors and their logs."""
