"""The line filters and the segment features as they were before their pre-checks (main at
2551ac7), kept verbatim (only the imports point here) as the reference that
``tests/test_line_prechecks.py`` compares the fast versions with: every decision must stay the same.
"""
