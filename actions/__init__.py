"""Rasa action server package: one module per journey, thin adapters over bot/.

`rasa run actions` imports every module of this package and registers the
actions and form validations it finds.
"""
