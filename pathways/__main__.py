"""The command line: ``python -m pathways COMMAND``; see ``cli.py``."""

import sys

from pathways.cli import main

sys.exit(main())
