"""``python -m quiz``: run the self-assessment in the terminal (see quiz.cli)."""

import sys

from quiz.cli import main

if __name__ == "__main__":
    sys.exit(main())
