"""Streamlit components of the screens (each wraps one browser-side library)."""
