"""payerline: an AI phone agent that calls health-insurance payers for billing teams."""

__version__ = "0.1.0"
