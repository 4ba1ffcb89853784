"""The phone line: what the agent perceives, what it does, and the transport between."""
