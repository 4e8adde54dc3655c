"""`python -m bot` is `kzdigest`."""

from bot.cli import main

raise SystemExit(main())
