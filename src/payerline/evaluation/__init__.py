"""The evaluation harness: seeded scenario mixes, expected results, scoring and runs.

The eval measures the agent against sandbox payers. It is not core call code:
the runner may read the wall clock to report how long a run took.
"""
