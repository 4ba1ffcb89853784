"""Domain models: call requests, results and transcripts."""
