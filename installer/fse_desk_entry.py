"""The bundle's entry point: the same ``main`` as ``fse-desk`` from a wheel or a checkout."""

import sys

from main import main

sys.exit(main())
