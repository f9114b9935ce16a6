"""``oxigraph:DIR``: a persistent on-disk store (pyoxigraph, RocksDB), loaded once with
the bulk loader and queried many times.

Besides each document's named graph, the store's default graph holds their union as a
set (the build's ``graph.ttl``), which is what a query without ``GRAPH`` sees, as in the
in-memory Dataset. Oxigraph's own union of named graphs is a bag: a label said by 300
documents would join 300 times, and a query over popular entities would multiply rows.

Parameters reach a query through pyoxigraph's own substitutions (SEP-0007), never by
editing its text. Under SEP-0007 a parameter must be a variable the query's SELECT
returns; the named queries are written so.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, URIRef
from rdflib.term import Identifier

from reportgraph.errors import GraphError, QueryError, QuerySyntaxError
from reportgraph.ontology import PREFIXES
from reportgraph.stores.base import Answer, Store, cut
from reportgraph.stores.terms import quads_to_dataset, to_oxigraph, triples_to_graph
from reportgraph.triples import NamedGraphs

UNION_FILE = "graph.ttl"  # what a build writes beside graph.trig: every fact, merged
STAMP_FILE = "reportgraph-source"  # in the store's folder: the graph.trig it holds
GRAPHS_FILE = "reportgraph-graphs"  # in the store's folder: a hash of each named graph held
_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


class OxigraphStore(Store):
    parses_itself = True  # Store.query reads queries only: an update is a syntax error

    def __init__(self, folder: Path) -> None:
        self.spec = f"oxigraph:{folder}"
        self.folder = Path(folder)
        if not self.folder.is_dir():
            raise GraphError(
                f"no oxigraph store in {folder}: run `reportgraph load --store {self.spec}` first"
            )
        try:
            self._store: ox.Store | None = ox.Store.read_only(str(self.folder))
        except OSError as exc:
            raise GraphError(f"{folder}: cannot open the oxigraph store: {exc}") from exc

    def dataset(self) -> Dataset:
        named = (q for q in self._open() if not isinstance(q.graph_name, ox.DefaultGraph))
        return quads_to_dataset(named)

    def execute(
        self,
        text: str,
        bindings: dict[str, Identifier],
        *,
        timeout: float | None,
        limit: int | None,
        allow_network: bool,
    ) -> Answer:
        from reportgraph.sparql import guarded

        store = self._open()
        substitutions = {ox.Variable(name): to_oxigraph(term) for name, term in bindings.items()}

        def work() -> Answer:
            try:
                result = store.query(
                    text,
                    prefixes=_PREFIXES,
                    use_default_graph_as_union=False,  # the default graph is the union
                    substitutions=substitutions or None,
                )
                return oxigraph_answer(result, limit)
            except SyntaxError as exc:
                raise QuerySyntaxError(_message(str(exc), bindings)) from exc
            except (RuntimeError, ValueError, OSError) as exc:
                raise QueryError(_message(str(exc), bindings)) from exc

        return guarded(work, timeout, allow_network)

    def _open(self) -> ox.Store:
        if self._store is None:
            raise GraphError(f"{self.spec}: the store is closed")
        return self._store

    def close(self) -> None:
        self._store = None  # pyoxigraph closes the database when the object goes


class FolderStore(OxigraphStore):
    """The store a build wrote beside its ``graph.trig``: queries run on Oxigraph; the whole
    graph (for views, exports, SHACL) is read from ``graph.trig``, because Oxigraph keeps a
    literal's value but not always its datatype (``"5"^^xsd:nonNegativeInteger`` comes
    back as ``xsd:integer``)."""

    def __init__(self, folder: Path, graph_file: Path) -> None:
        super().__init__(folder)
        self.graph_file = graph_file

    def dataset(self) -> Dataset:
        from reportgraph.store import load_graph

        return load_graph(self.graph_file)


def oxigraph_answer(result: object, limit: int | None) -> Answer:
    """pyoxigraph's result (solutions, boolean or triples) as an ``Answer``."""
    if isinstance(result, ox.QueryBoolean):
        return Answer(kind="ask", boolean=bool(result))
    if isinstance(result, ox.QueryTriples):
        return Answer(kind="graph", graph=triples_to_graph(result))
    assert isinstance(result, ox.QuerySolutions)
    columns = [variable.value for variable in result.variables]
    read = [
        tuple(solution[index] for index in range(len(columns)))
        for solution in itertools.islice(result, limit + 1 if limit else None)
    ]
    rows, truncated = cut(read, limit)
    return Answer(kind="select", columns=columns, rows=rows, truncated=truncated)


def _message(problem: str, bindings: dict[str, Identifier]) -> str:
    text = " ".join(problem.split())
    if "SELECT projection" in text and bindings:
        return (
            f"on an oxigraph store a parameter must be a variable the query returns "
            f"(SELECT ... ?{' ?'.join(sorted(bindings))}): {text}"
        )
    return f"query failed: {text}"


def load_oxigraph(folder: Path, graph_file: Path) -> tuple[int, int]:
    """Bulk-load ``graph_file`` (TriG) into a fresh store at ``folder``, replacing what was
    there only once the new one is whole (made in a folder beside, then renamed); returns
    the named graphs and quads loaded."""
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}-new-"))
    try:
        loaded = make_oxigraph(staging / "store", graph_file)
        swap_in(staging / "store", folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return loaded


def swap_in(new: Path, folder: Path) -> None:
    """Put the store ``new`` at ``folder``: the old one is moved aside, then removed."""
    old = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}-old-")) / "store"
    if folder.exists():
        folder.rename(old)
    new.rename(folder)
    shutil.rmtree(old.parent, ignore_errors=True)


def make_oxigraph(folder: Path, graph_file: Path) -> tuple[int, int]:
    """A new store at ``folder`` (which must not exist) holding ``graph_file`` (TriG), its
    named graphs and, in the default graph, their union: the ``graph.ttl`` beside it when
    there is one (a build writes both), else made by Oxigraph. Nothing goes through
    rdflib: pyoxigraph's bulk loader parses the files. Returns (named graphs, quads)."""
    store = ox.Store(str(folder))
    try:
        bulk_load(store, graph_file, ox.RdfFormat.TRIG)
        merged = graph_file.with_name(UNION_FILE)
        if merged.is_file():
            bulk_load(store, merged, ox.RdfFormat.TURTLE, ox.DefaultGraph())
        else:
            store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        store.optimize()
        answer = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        count = int(next(iter(answer))[0].value)  # type: ignore[call-overload, index]
        graphs = sum(1 for _ in store.named_graphs())
    except (SyntaxError, OSError, ValueError) as exc:
        raise GraphError(f"{graph_file}: cannot load into oxigraph: {exc}") from exc
    finally:
        del store
    (folder / STAMP_FILE).write_text(stamp(graph_file), encoding="utf-8")
    return graphs, count


# Text given to Oxigraph's bulk loader at a time. Its memory grows with what it is given:
# a 350 MB TriG (10,000 documents) loaded whole took 1.8 GB, in slices of 16 MB 0.37 GB.
SLICE_BYTES = 16 << 20


def bulk_load(
    store: ox.Store, path: Path, fmt: ox.RdfFormat, to_graph: ox.DefaultGraph | None = None
) -> None:
    """Load a TriG or Turtle file that reportgraph wrote (``turtle``: prefix lines, a blank
    line, then blocks that each end a line: "}" closes a named graph, a blank line parts
    two subjects) in slices of whole blocks, each with the prefix lines (blank nodes keep
    their labels, so one spread over two slices stays one). Anything else is loaded
    whole."""
    with path.open("rb") as handle:
        head = b""
        for line in handle:
            if line == b"\n":
                break
            if not line.startswith(b"@prefix "):  # not a file of ours: read no further
                store.bulk_load(path=str(path), format=fmt, to_graph=to_graph)
                return
            head += line
        head += b"\n"
        end = b"}\n" if fmt == ox.RdfFormat.TRIG else b"\n"
        part: list[bytes] = []
        size = 0
        for line in handle:
            part.append(line)
            size += len(line)
            if size >= SLICE_BYTES and line == end:
                store.bulk_load(head + b"".join(part), format=fmt, to_graph=to_graph)
                part, size = [], 0
        if part:
            store.bulk_load(head + b"".join(part), format=fmt, to_graph=to_graph)


@dataclass
class StoreDelta:
    """What an update in place changed in the default graph (the union): the triples it
    now states that it did not, and those it no longer states."""

    added: list[ox.Triple] = field(default_factory=list)
    removed: list[ox.Triple] = field(default_factory=list)


def update_oxigraph(
    previous: Path,
    folder: Path,
    graphs: NamedGraphs,
    before: dict[str, str],
    hashes: dict[str, str],
) -> StoreDelta | None:
    """A copy of the store at ``previous`` (a RocksDB checkpoint: hard links, no copying)
    made at ``folder``, in which only the named graphs whose hash changed (``before``: the
    hashes of the graphs ``previous`` holds, ``hashes``: of ``graphs``, which need hold
    only the changed ones) are replaced and the default graph (their union) is mended to
    match: the quads a bulk load of the same graphs gives, for one document's work. None
    when ``previous`` cannot be opened or a changed graph holds blank nodes (a load would
    rename them): then the caller loads the store anew."""
    changed = sorted(name for name, digest in hashes.items() if before.get(name) != digest)
    gone = sorted(set(before) - set(hashes))
    new = [t for name in changed for t in graphs[URIRef(name)]]
    if any(isinstance(term, BNode) for triple in new for term in triple):
        return None
    try:
        source = ox.Store(str(previous))
        try:
            source.backup(str(folder))
        finally:
            del source
        store = ox.Store(str(folder))
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return None
    delta = StoreDelta()
    try:
        old: set[tuple[Any, Any, Any]] = set()
        for name in changed + gone:
            node = ox.NamedNode(name)
            for q in store.quads_for_pattern(None, None, None, node):
                old.add((q.subject, q.predicate, q.object))
            store.remove_graph(node)
        default = ox.DefaultGraph()
        quads, seen = [], set()
        for name in changed:
            node = ox.NamedNode(name)
            for s, p, o in graphs[URIRef(name)]:
                triple = (to_oxigraph(s), to_oxigraph(p), to_oxigraph(o))
                quads.append(ox.Quad(*triple, node))
                if triple not in seen:
                    seen.add(triple)
                    if ox.Quad(*triple, default) not in store:
                        delta.added.append(ox.Triple(*triple))
                        quads.append(ox.Quad(*triple, default))
        store.extend(quads)
        for s, p, o in old:  # a fact no named graph states any more leaves the union
            if all(isinstance(q.graph_name, ox.DefaultGraph)
                   for q in store.quads_for_pattern(s, p, o)):  # fmt: skip
                store.remove(ox.Quad(s, p, o, default))
                delta.removed.append(ox.Triple(s, p, o))
        store.flush()
    finally:
        del store
    return delta


def graph_hashes(blocks: dict[str, str]) -> dict[str, str]:
    """Each named graph's hash, from its TriG block (see ``turtle.trig_blocks``)."""
    return {n: block_hash(b.encode("utf-8")) for n, b in blocks.items()}


def block_hash(block: bytes) -> str:
    """A named graph's hash: its TriG block's, encoded."""
    return hashlib.sha256(block).hexdigest()[:32]


def write_hashes(folder: Path, hashes: dict[str, str]) -> None:
    (folder / GRAPHS_FILE).write_text(json.dumps(hashes, sort_keys=True), encoding="utf-8")


def read_hashes(folder: Path) -> dict[str, str]:
    """The hashes of the named graphs the store at ``folder`` holds; {} when unknown."""
    try:
        found = json.loads((folder / GRAPHS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def stamp(graph_file: Path, sha256: str | None = None) -> str:
    """What says which ``graph.trig`` a store was loaded from: its size, modification time
    and SHA-256 (a build renames the file it loaded into place, so all three stay);
    ``sha256`` when the writer of the file worked it out already."""
    info = graph_file.stat()
    digest = sha256 if sha256 is not None else _sha256(graph_file)
    return json.dumps({"size": info.st_size, "mtime_ns": info.st_mtime_ns, "sha256": digest})


def is_fresh(folder: Path, graph_file: Path) -> bool:
    """Whether the store at ``folder`` was loaded from ``graph_file`` as it is now. A copy
    of the folder that kept the file's time is known at once; one that did not (``cp``
    without ``-p``) is read through once to compare its bytes."""
    try:
        loaded = json.loads((folder / STAMP_FILE).read_text(encoding="utf-8"))
        info = graph_file.stat()
        if (loaded["size"], loaded["mtime_ns"]) == (info.st_size, info.st_mtime_ns):
            return True
        return loaded["size"] == info.st_size and loaded["sha256"] == _sha256(graph_file)
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
