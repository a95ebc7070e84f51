"""What the running system keeps and guards, shared by the web app and the command line: the process-wide
index and ingestion queue (engine.py, jobs.py), users and sessions (auth.py, throttle.py, ratelimit.py), each
user's conversations (history.py), who has reported (coverage.py) and the bundled model server (llm_server.py)."""
