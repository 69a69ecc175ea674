"""The privileged helper's side of the core: its steps and results (steps), what a request
and an answer are (protocol), and the client that calls it (client)."""
