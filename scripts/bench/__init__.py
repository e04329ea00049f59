"""`make bench`: speed and weight against PyScript, measured in Chromium."""
