"""tools/readme.py, the script that writes and checks the README's example outputs, loaded
for the tests (it is a repository script, not package code)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).parent.parent / "tools" / "readme.py"


def readme_tool() -> ModuleType:
    if "readme" not in sys.modules:
        spec = importlib.util.spec_from_file_location("readme", SCRIPT)
        assert spec and spec.loader
        sys.modules["readme"] = module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return sys.modules["readme"]
