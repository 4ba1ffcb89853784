"""The call agent: a sans-IO state machine from line events to actions.

It navigates IVRs (with an IVR map when one exists, by ear otherwise), waits
through hold, talks with representatives and assembles per-claim results
with evidence. It never imports the sandbox.
"""
