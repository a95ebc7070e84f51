"""Streamlit user interface (Vietnamese)."""
