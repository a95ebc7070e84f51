"""The Editorial Group's tools on top of ingest/: answering, the CLI and the Streamlit app."""
