"""`python -m app.cli`: the same as `nq02`."""

import sys

from app.cli.commands import main

sys.exit(main())
