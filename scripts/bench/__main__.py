"""`python -m scripts.bench`: run the benchmark (see bench.py)."""

import sys

from .bench import main

sys.exit(main())
