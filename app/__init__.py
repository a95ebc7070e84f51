"""The Editorial Group's tools on top of ingest/, by concern: answer/ (questions), check/ (drafts), service/
(what the running system keeps and guards), web/ (`nq02 app`: Streamlit pages and HTTP routes), cli/ (`nq02`)."""
