"""Streamlit-side helpers: session state, caching, figures and page parts.

Figure builders (``dashboard/figures*.py``) return plotly figures and never
import Streamlit, so they are tested directly.
"""
