"""build --executor dask://HOST:PORT: extraction on a Dask cluster (a LocalCluster on
127.0.0.1 here) writes the same bytes as a local build, one document's failure is still a
problem naming the file, and a bad executor is one clear line."""

from __future__ import annotations

import shutil
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgraph import cluster, extractone
from reportgraph.batch import extract_all
from reportgraph.cli import cli
from reportgraph.errors import ReportgraphError
from reportgraph.guard import TimedOut

distributed = pytest.importorskip("distributed")
# A scheduler without a dashboard still serves its health routes, on 8787 when free: the
# second cluster here finds it taken and says so.
pytestmark = pytest.mark.filterwarnings("ignore:Port 8787 is already in use")

FIXTURES = Path(__file__).parent / "fixtures"
OUTPUTS = ("graph.trig", "graph.ttl", "resolution.json", "index.html")
SENTENCE = "Police in Yanji arrested 12 North Korean refugees on 3 March 2002."


def _executor(address: str) -> str:
    return address.replace("tcp://", "dask://")


@pytest.fixture(scope="module")
def processes() -> Iterator[str]:
    """Two worker processes, as `dask worker` runs them: results travel pickled."""
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        worker_dashboard_address=None,
    ) as local:
        yield _executor(local.scheduler_address)


@pytest.fixture(scope="module")
def threads() -> Iterator[str]:
    """Workers in this process, so that the tests' own extractors reach them."""
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=2,
        processes=False,
        protocol="tcp://",  # dask://HOST:PORT is TCP; in-process workers default to inproc
        host="127.0.0.1",
        dashboard_address=None,
        worker_dashboard_address=None,
    ) as local:
        yield _executor(local.scheduler_address)


def _small_corpus(folder: Path) -> Path:
    """The small fixtures in three formats, and one page with no text (a problem)."""
    folder.mkdir()
    for source in [
        *sorted((FIXTURES / "claims").glob("*.txt")),
        *sorted((FIXTURES / "protect").glob("*.txt")),
        FIXTURES / "ingest" / "page.html",
        FIXTURES / "ingest" / "notes.md",
        FIXTURES / "ingest" / "scripts_only.html",
    ]:
        shutil.copy(source, folder / source.name)
    return folder


def _written(out: Path) -> dict[str, bytes]:
    files = {name: (out / name).read_bytes() for name in OUTPUTS}
    pages = sorted((out / "documents").iterdir())
    return files | {f"documents/{page.name}": page.read_bytes() for page in pages}


def test_a_cluster_build_writes_what_a_local_build_writes(tmp_path: Path, processes: str) -> None:
    docs = _small_corpus(tmp_path / "docs")
    runner = CliRunner()
    local = runner.invoke(cli, ["build", str(docs), "--out", str(tmp_path / "local"), "-j", "1"])
    assert local.exit_code == 0, local.output
    remote = runner.invoke(
        cli, ["build", str(docs), "--out", str(tmp_path / "dask"), "--executor", processes]
    )
    assert remote.exit_code == 0, remote.output
    assert _written(tmp_path / "dask") == _written(tmp_path / "local")
    assert remote.stdout == local.stdout.replace(str(tmp_path / "local"), str(tmp_path / "dask"))
    assert "scripts_only.html: no text" in remote.stderr  # the broken page, named; the rest built


def _fake_extract(document, _pipeline):  # type: ignore[no-untyped-def]
    """No model; a file name makes it fail or never end."""
    from reportgraph.model import Annotated

    if document.file_name.startswith("boom"):
        raise KeyError("a library's own error")
    if document.file_name.startswith("slow"):
        while True:
            pass
    return Annotated(document=document)


def _docs(folder: Path, names: list[str]) -> list[Path]:
    folder.mkdir()
    for name in names:
        (folder / name).write_text(SENTENCE + "\n", encoding="utf-8")
    return [folder / name for name in names]


def test_problems_come_back_from_the_cluster_as_from_one_process(
    tmp_path: Path, threads: str
) -> None:
    names = ["a.txt", "boom.txt", "c.md", "slow.txt", "e.pdf", "f.txt"]
    paths = _docs(tmp_path / "docs", names)
    (tmp_path / "docs" / "e.pdf").write_bytes(b"%PDF-1.4 truncated")
    shutil.copy(paths[0], tmp_path / "a.txt")  # a second a.txt
    paths.append(tmp_path / "a.txt")
    kwargs = {"extractor": _fake_extract, "budget": 1.0}
    here = extract_all(paths, [], jobs=1, **kwargs)
    started = time.monotonic()
    there = extract_all(paths, [], executor=threads, **kwargs)
    assert time.monotonic() - started < 15  # slow.txt was stopped at its budget
    assert [str(p) for p in there.problems] == [str(p) for p in here.problems]
    assert len(here.problems) == 4  # boom, slow, e.pdf, the second a.txt
    assert "took longer than 1 s" in str(here.problems[1])
    assert [a.document for a in there.annotated] == [a.document for a in here.annotated]


def test_a_worker_that_extracts_differently_stops_the_build(
    tmp_path: Path, threads: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _docs(tmp_path / "docs", ["a.txt"])
    monkeypatch.setattr(cluster, "_worker_version", lambda names: "another")
    with pytest.raises(ReportgraphError, match="install the same reportgraph, model and Python"):
        extract_all(paths, [], executor=threads, extractor=_fake_extract)


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["build", *args])
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("ray://127.0.0.1:10001", "unknown executor 'ray://127.0.0.1:10001': use local or dask://"),
        ("127.0.0.1:8786", "unknown executor '127.0.0.1:8786'"),
        ("dask://127.0.0.1:port", "executor 'dask://127.0.0.1:port': the port is not a number"),
        ("dask://127.0.0.1:8786/graph", "executor 'dask://127.0.0.1:8786/graph': expected dask"),
    ],
)
def test_a_bad_executor_is_one_line(tmp_path: Path, spec: str, message: str) -> None:
    code, output = _invoke(str(FIXTURES / "claims"), "--out", str(tmp_path), "--executor", spec)
    assert code == 1
    assert output.startswith(f"Error: {message}") and output.count("\n") == 1, output
    assert not any(tmp_path.iterdir())  # nothing read, nothing written


def test_an_unreachable_scheduler_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1.0)
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    spec = f"dask://127.0.0.1:{port}"
    code, output = _invoke(str(FIXTURES / "claims"), "--out", str(tmp_path), "--executor", spec)
    assert code == 1
    assert output == (
        f"Error: cannot reach the Dask scheduler at tcp://127.0.0.1:{port} within 1 s; "
        "is `dask scheduler` running there?\n"
    )
    assert "Traceback" not in output


def test_without_the_packages_the_error_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    code, output = _invoke(
        str(FIXTURES / "claims"), "--out", str(tmp_path), "--executor", "dask://127.0.0.1:8786"
    )
    assert (code, output) == (
        1,
        "Error: --executor dask:// needs the packages dask and distributed: "
        "pip install 'reportgraph[dask]'\n",
    )


def test_jobs_and_a_cluster_do_not_mix(tmp_path: Path) -> None:
    code, output = _invoke(
        str(FIXTURES / "claims"), "--out", str(tmp_path), "--executor", "dask://h:1", "-j", "2"
    )
    assert code == 2 and "--jobs counts local processes" in output


def test_the_time_budget_holds_in_a_thread_and_never_escapes_it() -> None:
    """Dask runs tasks in threads, where SIGALRM cannot go: the budget is kept there by an
    asynchronous exception, which never fires after its block, however close the call."""
    outcomes: list[str] = []

    def work() -> None:
        try:
            with extractone._deadline(0.2):
                while True:
                    pass
        except TimedOut:
            outcomes.append("stopped")
        for _ in range(200):  # blocks that end right at their limit
            try:
                with extractone._deadline(0.001):
                    sum(range(2_000))
            except TimedOut:
                pass
        try:
            time.sleep(0.05)  # time for a late exception to arrive, were one pending
            sum(range(100_000))
        except TimedOut:
            outcomes.append("escaped")
        outcomes.append("done")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(20)
    assert outcomes == ["stopped", "done"]


def _dying_extract(document, _pipeline):  # type: ignore[no-untyped-def]
    """Kills its worker process on one file, as the OOM killer or a crash in C would."""
    import os

    from reportgraph.model import Annotated

    if document.file_name.startswith("dies"):
        os._exit(9)
    return Annotated(document=document)


def test_a_dead_worker_names_its_document_and_the_rest_are_built(tmp_path: Path) -> None:
    import cloudpickle
    import dask

    paths = _docs(tmp_path / "docs", ["a.txt", "dies.txt", "c.txt", "d.txt"])
    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers cannot import tests
    try:
        with (
            dask.config.set({"distributed.scheduler.allowed-failures": 0}),
            distributed.LocalCluster(
                n_workers=1,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
            ) as local,
        ):
            done = extract_all(
                paths, [], executor=_executor(local.scheduler_address), extractor=_dying_extract
            )
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert [a.document.file_name for a in done.annotated] == ["a.txt", "c.txt", "d.txt"]
    assert [str(p) for p in done.problems] == [f"{paths[1]}: {extractone.DIED}"]
