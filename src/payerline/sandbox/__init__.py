"""Sandbox payers: simulated payer phone lines built from payer files.

The agent never imports this package; a test enforces it.
"""
