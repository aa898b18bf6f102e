"""``python -m bot``: the command line of the domain core."""

import sys

from bot.cli import main

sys.exit(main())
