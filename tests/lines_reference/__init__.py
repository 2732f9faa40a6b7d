"""The line filters and the segment features as they were before their pre-checks (main at
2551ac7), kept verbatim (only the imports point here) as the reference that
``tests/test_line_prechecks.py`` compares the fast versions with: every decision must stay the same.

Deliberate behaviour changes made since are applied to the copies too and marked where they are
(whitespace.py: ASCII spaces other than the plain one, 4c674fd).
"""
