"""`python -m scripts.publish.scorm [--lang <code>] [--edition 1.2|2004]`: the SCORM
packages' command line at the address CONTRACT.md names (course authors and outside
tests run it). The packages themselves are made from the finished site by
scripts/products/scorm.py, where everything about them lives."""

from __future__ import annotations

import sys

from ..products.scorm import main

if __name__ == "__main__":
    sys.exit(main())
