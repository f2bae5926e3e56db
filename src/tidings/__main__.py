"""`python -m tidings` runs the command line."""

from .cli.main import main

main(prog_name="tidings")
