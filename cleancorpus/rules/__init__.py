"""Rule data files, one folder per language (``vi``, ``en``): lexicons read by :mod:`cleancorpus.lexicon`."""
