"""Every chart of the app, drawn one way: Altair charts turned into small Vega-Lite specs."""
