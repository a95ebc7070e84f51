"""`nq02 app`: the ASGI application (asgi.py) with its HTTP routes (routes.py) and response headers
(headers.py), run as a child process (server.py); the Streamlit pages are in ui/."""
