import sys

from script_agent.cli.main import main

sys.exit(main())
