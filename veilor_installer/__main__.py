from veilor_installer.cli import main

raise SystemExit(main())
