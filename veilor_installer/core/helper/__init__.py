"""The privileged helper's protocol: its steps and results, and the client that calls it."""
