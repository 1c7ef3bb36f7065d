"""Run the command line as ``python -m skillmatch``."""

from skillmatch.cli import main

main()
