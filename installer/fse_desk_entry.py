"""The bundle's entry point: the same ``main`` as ``fse-desk`` from a wheel or a checkout."""

import sys

from fse_desk_ui.__main__ import main

sys.exit(main())
