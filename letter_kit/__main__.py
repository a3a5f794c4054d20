"""``python -m letter_kit``: the same as the ``letterkit`` command."""

import sys

from .cli import main

sys.exit(main())
