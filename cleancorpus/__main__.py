"""``python -m cleancorpus``: see :mod:`cleancorpus.cli`."""

from cleancorpus.cli import main

raise SystemExit(main())
