"""Next Round: the domain of the app, in plain Python.

Nothing in this package imports streamlit, so every rule, score and file format can be tested
without a browser and used from the command line (``python -m nextround``).
"""

__version__ = "0.1.0"
