"""reportgraph: an offline knowledge-graph builder for reports about people, power and law.

The Python API mirrors the CLI: ``build`` reads documents into an rdflib ``Dataset``,
``load_graph`` opens a built graph folder, ``run_query`` answers SPARQL over it.
"""

from reportgraph.api import build, build_to_folder, load_graph, run_query
from reportgraph.errors import ReportgraphError

__all__ = ["ReportgraphError", "build", "build_to_folder", "load_graph", "run_query"]
__version__ = "0.1.0"
