"""Thin wiring: each page module has ``register(app, data)``."""
