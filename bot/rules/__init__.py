"""RSI rules: dated parameters, eligibility conditions and the entitlement calculation."""

from bot.rules.entitlement import simulate
from bot.rules.model import Condition, Household, Simulation, Step

__all__ = ["Condition", "Household", "Simulation", "Step", "simulate"]
