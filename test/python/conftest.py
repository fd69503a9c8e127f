"""The suite runs against the installed wheel (scripts/python-test.sh), from test/python."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
