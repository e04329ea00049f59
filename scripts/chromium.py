"""The Chromium every browser run uses (tests, benchmark, audits): where it is, and
the flags that keep it quiet on a closed network.

`make test` installs Debian's chromium when /usr/bin/chromium is missing; Playwright
cannot download its own browsers here, so every run launches this one. Without the
background-networking flags Chromium keeps trying to reach its vendor's services.
"""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
