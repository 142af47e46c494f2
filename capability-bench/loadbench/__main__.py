"""python3 capability-bench/loadbench [OPTIONS]: the load driver; load.sh runs it."""
import os
import sys

if not __package__:
    # Run as a folder (not with -m): the package is then imported from the folder's parent.
    sys.path[0] = os.path.dirname(os.path.abspath(sys.path[0]))

from loadbench.driver import main  # noqa: E402

sys.exit(main(sys.argv[1:]))
