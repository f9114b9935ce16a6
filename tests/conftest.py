"""Fixtures shared by several test modules."""

from __future__ import annotations

from typing import Any

import pytest
from readmetool import readme_tool


@pytest.fixture(scope="session")
def corpus_workspace(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The sample corpus built once, as `make graph` builds it (``.path / "graph"``), with
    what the build printed (``.built``): the README's examples run in copies of it."""
    return readme_tool().prepare(tmp_path_factory.mktemp("corpus-workspace"))
