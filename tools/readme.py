"""Write (or check) the README's example outputs from real runs, so they cannot drift.

A fenced block of README.md after an HTML comment naming its commands is what they print:

    <!-- run: reportgraph stats -->
    ```
    $ reportgraph stats
    documents  5
    ...
    ```

A marker may name several commands, one a line (`<!-- run:`, the commands, `-->`), each
shown after a `$` with its output. A fenced block after `<!-- file: NAME -->` is written to
NAME before the commands of the next run block (the file the README shows is the file used).

Every run block starts in a fresh copy of one workspace: corpus/ copied, tests/ and
training/ linked, and `reportgraph build corpus --out graph` run once, as `make graph` runs
it; that command, first in a block, shows what it printed then. `reportgraph` commands run
in this process through click (the model loads once); other commands (`cat`, `head`,
`echo >> file`) run in bash in the workspace, with no REPORTGRAPH_* variable set. The
workspace's path is taken out of the output; nothing else varies between runs of these
commands (no timings or dates are shown: keep such output out of marked blocks).

    python tools/readme.py            # rewrite README.md (make readme)
    python tools/readme.py --check    # exit 1 and show a diff where a block differs
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BASE = "reportgraph build corpus --out graph"
LINKED = ("tests", "training", "ontology")  # read by examples, never written
MARKER = re.compile(r"^<!-- (run|file):[ \n](.*?)-->\n", re.S | re.M)
FENCE = re.compile(r"```[a-z]*\n(.*?)^```\n", re.S | re.M)


@dataclass(frozen=True)
class Block:
    kind: str  # "run" or "file"
    argument: str  # the commands (run) or the file name (file)
    start: int  # where the block's text starts and ends in the README
    end: int
    text: str


@dataclass(frozen=True)
class Workspace:
    """A folder where BASE has run, and what it printed."""

    path: Path
    built: str


def blocks(readme: str) -> list[Block]:
    """Every marked block, in order; a marker not followed by a fenced block is an error."""
    found = []
    for marker in MARKER.finditer(readme):
        fence = FENCE.match(readme, marker.end())
        if not fence:
            line = readme.count("\n", 0, marker.start()) + 1
            raise SystemExit(f"README.md:{line}: a marker must be followed by a ``` block")
        kind, argument = marker.group(1), marker.group(2).strip()
        found.append(Block(kind, argument, fence.start(1), fence.end(1), fence.group(1)))
    return found


def prepare(folder: Path) -> Workspace:
    """A workspace in ``folder`` where the sample corpus is built as ``make graph`` builds it."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "corpus", folder / "corpus")
    for name in LINKED:
        (folder / name).symlink_to(ROOT / name)
    return Workspace(folder, _reportgraph(BASE, folder))


def render(block: Block, base: Workspace, scratch: Path, files: list[Block]) -> str:
    """What the block's commands print, each after its ``$`` line, run in a fresh copy of
    ``base`` holding ``files`` (the ``file`` blocks since the last run block)."""
    here = scratch / "w"
    if here.exists():
        shutil.rmtree(here)
    shutil.copytree(base.path, here, symlinks=True)
    for name, text in ((f.argument, f.text) for f in files):
        (here / name).parent.mkdir(parents=True, exist_ok=True)
        (here / name).write_text(text, encoding="utf-8")
    out = []
    for i, command in enumerate(c for c in block.argument.splitlines() if c.strip()):
        printed = base.built if i == 0 and command == BASE else _run(command, here)
        out.append(f"$ {command}\n{printed}")
    return "".join(out)


def regenerate(readme: str, base: Workspace, scratch: Path) -> str:
    """The README with every run block rewritten from real runs."""
    parts, last, files = [], 0, []
    for block in blocks(readme):
        if block.kind == "file":
            files.append(block)
            continue
        parts += [readme[last : block.start], render(block, base, scratch, files)]
        last, files = block.end, []
    return "".join(parts) + readme[last:]


def _run(command: str, here: Path) -> str:
    if command.startswith("reportgraph "):
        return _reportgraph(command, here)
    env = {k: v for k, v in os.environ.items() if not k.startswith("REPORTGRAPH_")}
    done = subprocess.run(
        ["bash", "-c", command], cwd=here, env=env, capture_output=True, text=True, timeout=120
    )
    return _clean(done.stdout + done.stderr, here)


def _reportgraph(command: str, here: Path) -> str:
    """A ``reportgraph`` command in this process; stdout and stderr as a terminal shows them."""
    from click.testing import CliRunner

    from reportgraph.cli import cli

    words = shlex.split(command, comments=True)
    if set(words) & {"|", ">", ">>", "<", "&&", ";"}:
        raise SystemExit(f"{command!r}: a reportgraph command here takes no pipe or redirect")
    unset = {k: None for k in os.environ if k.startswith("REPORTGRAPH_")}  # the defaults
    with contextlib.chdir(here):
        result = CliRunner(env=unset).invoke(cli, words[1:], catch_exceptions=False)
    return _clean(result.output, here)


def _clean(text: str, here: Path) -> str:
    """The workspace's own path out, so output is the same wherever it ran; click draws
    the progress bar only on a terminal, so its last frame stands for its label."""
    text = text.replace(f"{here}/", "").replace(str(here), ".")
    text = re.sub(r"^reading$", "reading  [" + "#" * 30 + "]  100%", text, flags=re.M)
    return text if not text or text.endswith("\n") else text + "\n"


def differences(readme: str, regenerated: str) -> str:
    """A unified diff of the README against what its commands print now ("" when none)."""
    return "".join(
        difflib.unified_diff(
            readme.splitlines(keepends=True),
            regenerated.splitlines(keepends=True),
            "README.md",
            "README.md, regenerated",
        )
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare; write nothing")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    readme = README.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="readme-") as tmp:
        base = prepare(Path(tmp) / "base")
        regenerated = regenerate(readme, base, Path(tmp))
    if args.check:
        diff = differences(readme, regenerated)
        print(diff or "README.md: every marked block is what its commands print")
        return 1 if diff else 0
    README.write_text(regenerated, encoding="utf-8")
    print(f"README.md: {sum(b.kind == 'run' for b in blocks(readme))} blocks written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
