"""Corrections (``build --corrections``): each kind changes the graph as asked, survives
rebuilds (incremental and full), is logged and explained; an entry matching nothing warns,
a bad file is an error naming it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from reportgraph import api
from reportgraph.cli import cli
from reportgraph.corrections import load_corrections
from reportgraph.ontology import ID, RG

GOLDEN = Path(__file__).parent / "fixtures" / "golden" / "report.txt"
README = Path(__file__).parent.parent / "README.md"
# events of the golden fixture (keys: document, class and offset, so stable)
SAID = ID["event/c869ee389301"]  # "spokesman Somchai Wongsa said"
ARREST = ID["event/55ddc0f7a3c6"]  # "Thai police arrested 12 Laotian refugees"
HELD = ID["event/7333beda688c"]  # "the refugees were held in Klong Prem Prison"
HRW = ID["organization/human-rights-watch"]
UN = ID["organization/united-nations"]
UNHCR = ID["organization/united-nations-high-commissioner-for-refugees"]
HRW_SAID = ID["event/dd530320d6d3"]  # "Human Rights Watch (HRW) said", undated
POLICE = ID["organization/thai-police"]
REFUGEES = ID["group/refugees"]
CORRECTIONS = """\
drop_events:
  - event/c869ee389301
roles:
  - event: id:event/55ddc0f7a3c6
    agent: [Thailand]
    affected: [refugees]
    note: the police act for the state
classes:
  - event: event/7333beda688c
    class: Repatriation
  - entity: Thai police
    class: Group
    note: the officers who made the arrest
dates:
  - event: event/dd530320d6d3
    date: 2004-03
    note: said in the bulletin of March 2004
names:
  - entity: refugees
    label: Laotian refugees
    note: the twelve of the arrest
links:
  - [HRW, partOf, United Nations]
drop_links:
  - subject: Human Rights Watch
    predicate: relatedTo
    object: organization/united-nations-high-commissioner-for-refugees
    note: HRW urged UNHCR; that is no standing relation
"""


def _build(out: Path, *extra: str) -> Result:
    result = CliRunner().invoke(cli, ["build", str(GOLDEN), "--out", str(out), "-j", "1", *extra])
    assert result.exit_code == 0, result.output
    return result


def _graph(out: Path) -> Graph:
    return Graph().parse(out / "graph.ttl")


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A plain build, a corrected one, and the corrected one built again twice (reusing
    its extraction, then with --full)."""
    root = tmp_path_factory.mktemp("corrections")
    fixes = root / "corrections.yaml"
    fixes.write_text(CORRECTIONS, encoding="utf-8")
    plain, fixed = root / "plain", root / "fixed"
    _build(plain)
    first = _build(fixed, "--corrections", str(fixes))
    (root / "first.ttl").write_bytes((fixed / "graph.ttl").read_bytes())
    assert "warning" not in first.stderr, first.stderr
    _build(fixed, "--corrections", str(fixes))
    (root / "second.ttl").write_bytes((fixed / "graph.ttl").read_bytes())
    _build(fixed, "--corrections", str(fixes), "--full")
    return {"plain": plain, "fixed": fixed, "file": fixes, "root": root}


def test_drop_events_removes_the_event_and_what_points_at_it(builds: dict[str, Path]) -> None:
    plain, fixed = _graph(builds["plain"]), _graph(builds["fixed"])
    assert (SAID, RDF.type, RG.Statement) in plain
    assert not list(fixed.triples((SAID, None, None)))
    assert not list(fixed.triples((None, None, SAID)))


def test_roles_set_who_acted_and_who_was_acted_on(builds: dict[str, Path]) -> None:
    plain, fixed = _graph(builds["plain"]), _graph(builds["fixed"])
    assert set(plain.objects(ARREST, RG.agent)) == {ID["organization/thai-police"]}
    assert set(fixed.objects(ARREST, RG.agent)) == {ID["country/thailand"]}
    assert set(fixed.objects(ARREST, RG.affected)) == {ID["group/refugees"]}
    assert ID["organization/thai-police"] not in set(fixed.objects(ARREST, RG.actor))
    label = str(fixed.value(ARREST, RDFS.label))
    assert label == "Thailand arrested Laotian refugees"  # the (corrected) labels of its roles


def test_classes_change_the_event_class(builds: dict[str, Path]) -> None:
    plain, fixed = _graph(builds["plain"]), _graph(builds["fixed"])
    assert set(plain.objects(HELD, RDF.type)) == {RG.Arrest}
    assert set(fixed.objects(HELD, RDF.type)) == {RG.Repatriation}


def test_classes_change_an_entitys_class_and_keep_its_iri(builds: dict[str, Path]) -> None:
    plain, fixed = _graph(builds["plain"]), _graph(builds["fixed"])
    assert set(plain.objects(POLICE, RDF.type)) == {RG.Organization}
    assert set(fixed.objects(POLICE, RDF.type)) == {RG.Group}
    assert str(fixed.value(POLICE, RDFS.label)) == "Thai police"


def test_dates_set_an_events_date(builds: dict[str, Path]) -> None:
    plain, fixed = _graph(builds["plain"]), _graph(builds["fixed"])
    assert plain.value(HRW_SAID, RG.date) == Literal("2004", datatype=XSD.gYear)  # the year
    assert fixed.value(HRW_SAID, RG.date) == Literal("2004-03", datatype=XSD.gYearMonth)


def test_names_relabel_an_entity_keep_the_old_name_and_its_iri(builds: dict[str, Path]) -> None:
    plain, fixed = _graph(builds["plain"]), _graph(builds["fixed"])
    old = str(plain.value(REFUGEES, RDFS.label))
    assert old.lower() == "refugees"  # how the text names them first, capitals and all
    assert set(map(str, fixed.objects(REFUGEES, RDFS.label))) == {"Laotian refugees"}
    assert old in set(map(str, fixed.objects(REFUGEES, SKOS.altLabel)))
    assert str(plain.value(HELD, RDFS.label)) == f"held in {old}"
    assert str(fixed.value(HELD, RDFS.label)) == "held in Laotian refugees"  # events follow


def test_corrected_nodes_say_so_and_the_view_shows_it(builds: dict[str, Path]) -> None:
    plain, fixed = _graph(builds["plain"]), _graph(builds["fixed"])
    assert not list(plain.triples((None, RG.correction, None)))
    marks = {(s, str(o)) for s, _, o in fixed.triples((None, RG.correction, None))}
    assert (ARREST, "the police act for the state") in marks
    assert (HELD, "event/7333beda688c: class Arrest -> Repatriation") in marks  # no note
    assert (HRW_SAID, "said in the bulletin of March 2004") in marks
    assert (REFUGEES, "the twelve of the arrest") in marks
    assert (HRW, "HRW urged UNHCR; that is no standing relation") in marks  # a dropped link
    assert not [s for s, _ in marks if s == SAID]  # a dropped event is gone, marks and all
    page = (builds["fixed"] / "index.html").read_text("utf-8")
    nodes = json.loads(re.findall(r"^var RG_NODES = (.*);$", page, re.M)[0])
    arrest = next(n for n in nodes if n["id"] == str(ARREST))
    assert arrest["fix"] == ["the police act for the state"]
    assert not [n for n in nodes if "fix" in n and n["id"] == str(ID["place/bangkok"])]


def test_links_are_added_and_dropped(builds: dict[str, Path]) -> None:
    plain, fixed = _graph(builds["plain"]), _graph(builds["fixed"])
    assert (HRW, RG.partOf, UN) not in plain and (HRW, RG.partOf, UN) in fixed
    assert (HRW, RG.relatedTo, UNHCR) in plain and (HRW, RG.relatedTo, UNHCR) not in fixed


def test_corrections_survive_rebuilds_byte_for_byte(builds: dict[str, Path]) -> None:
    first = (builds["root"] / "first.ttl").read_bytes()
    assert first == (builds["root"] / "second.ttl").read_bytes()  # reusing the extraction
    assert first == (builds["fixed"] / "graph.ttl").read_bytes()  # --full


def test_resolution_json_records_what_and_why(builds: dict[str, Path]) -> None:
    log = json.loads((builds["fixed"] / "resolution.json").read_text("utf-8"))
    entries = {c["entry"]: c for c in log["corrections"]}
    assert list(entries) == [
        "corrections.yaml: names[0]",
        "corrections.yaml: drop_events[0]",
        "corrections.yaml: roles[0]",
        "corrections.yaml: classes[0]",
        "corrections.yaml: classes[1]",
        "corrections.yaml: dates[0]",
        "corrections.yaml: links[0]",
        "corrections.yaml: drop_links[0]",
    ]
    roles = entries["corrections.yaml: roles[0]"]
    assert roles["note"] == "the police act for the state"
    assert "organization/thai-police" in roles["entities"]  # the one it took the role from
    assert "corrections" not in json.loads((builds["plain"] / "resolution.json").read_text("utf-8"))


def test_explain_shows_the_corrections_that_touched_an_entity(builds: dict[str, Path]) -> None:
    result = CliRunner().invoke(cli, ["explain", "HRW", "--graph", str(builds["fixed"])])
    assert result.exit_code == 0, result.output
    # the dropped statement is the spokesman's, in a clause of its own: it names no HRW
    assert "corrections (3):" in result.output
    assert "dropped event" not in result.output
    spokesman = CliRunner().invoke(
        cli, ["explain", "Somchai Wongsa", "--graph", str(builds["fixed"])]
    )
    assert "dropped event/c869ee389301 (Statement 'Somchai Wongsa said')" in spokesman.output
    assert (
        "event/dd530320d6d3: date 2004 -> 2004-03  <- corrections.yaml: dates[0]"
        "  (said in the bulletin of March 2004)" in result.output
    )
    assert (
        "added link organization/human-rights-watch partOf organization/united-nations"
        "  <- corrections.yaml: links[0]" in result.output
    )
    assert "<- corrections.yaml: drop_links[0]  (HRW urged UNHCR" in result.output
    renamed = CliRunner().invoke(cli, ["explain", "Refugees", "--graph", str(builds["fixed"])])
    assert renamed.output.startswith("Laotian refugees  (Group, id:group/refugees)")
    assert re.search(r"group/refugees: name '[Rr]efugees' -> 'Laotian refugees'", renamed.output)


def test_an_entry_matching_nothing_warns_and_the_build_goes_on(tmp_path: Path) -> None:
    fixes = tmp_path / "fixes.toml"
    fixes.write_text(
        'drop_events = ["event/000000000000"]\n'
        'drop_links = [["China", "relatedTo", "North Korea"]]\n'
        'links = [["HRW", "partOf", "United Nations"]]\n'
        'names = [{entity = "Nobody", label = "X"},\n'
        '  {entity = "HRW", label = "Human Rights Watch"}]\n'
        'classes = [{entity = "Thailand", class = "Country"}]\n',
        encoding="utf-8",
    )
    result = _build(tmp_path / "out", "--corrections", str(fixes))
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: fixes")]
    assert warnings == [
        "warning: fixes.toml: names[0] matches nothing: no entity named 'Nobody'",
        "warning: fixes.toml: names[1] matches nothing: "
        "organization/human-rights-watch is named 'Human Rights Watch' already",
        "warning: fixes.toml: drop_events[0] matches nothing: no event event/000000000000",
        "warning: fixes.toml: classes[0] matches nothing: country/thailand is a Country already",
        "warning: fixes.toml: drop_links[0] matches nothing: no entity named 'China'",
    ]
    assert (HRW, RG.partOf, UN) in _graph(tmp_path / "out")  # the entry that matched applied


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("c.yaml", "roles: 3\n", "'roles' must be a list"),
        ("c.yaml", "links:\n  - [a, knows, b]\n", "links[0]: 'knows' is not a relation"),
        ("c.yaml", "classes:\n  - {event: event/x, class: Party}\n", "classes[0]: 'class'"),
        ("c.yaml", "roles:\n  - {event: event/x}\n", "roles[0]: give 'agent:'"),
        ("c.yaml", "rename: []\n", "unknown key 'rename'"),
        ("c.yaml", "a: [\n", "not valid YAML"),
        ("c.yaml", "a: &x [1]\nb: *x\n", "aliases"),
        ("c.toml", "links = [\n", "not valid TOML"),
        ("c.yaml", "dates:\n  - {event: event/x, date: 2004-13}\n", "dates[0]: 'date' must be"),
        ("c.yaml", "dates:\n  - {event: event/x, date: 2004-02-30}\n", "not valid YAML: day is"),
        ("c.yaml", "dates:\n  - {event: event/x, date: [2004]}\n", "dates[0]: 'date' must be"),
        ("c.yaml", "dates:\n  - {event: event/x}\n", "dates[0]: give 'date:'"),
        ("c.yaml", "names:\n  - {entity: HRW}\n", "names[0]: 'label' must be the new name"),
        ("c.yaml", "names:\n  - [HRW, Watch]\n", "names[0]: expected a mapping with 'entity:'"),
        ("c.yaml", "classes:\n  - {entity: HRW, class: Arrest}\n", "an entity's 'class'"),
        ("c.yaml", "\udcff", "not UTF-8"),
    ],
)
def test_a_bad_file_is_an_error_naming_it(
    tmp_path: Path, name: str, text: str, problem: str
) -> None:
    fixes = tmp_path / name
    fixes.write_bytes(text.encode("utf-8", "surrogateescape"))
    result = CliRunner().invoke(
        cli, ["build", str(GOLDEN), "--out", str(tmp_path / "out"), "--corrections", str(fixes)]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {fixes}: ")
    assert problem in result.stderr
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_dates_are_read_as_the_graph_writes_them(tmp_path: Path) -> None:
    """YAML reads an unquoted 2004-03-05 as a date and 2004 as a number; null is undated."""
    fixes = tmp_path / "dates.yaml"
    fixes.write_text(
        "dates:\n"
        + "".join(f"  - {{event: event/x, date: {d}}}\n" for d in ("2004-03-05", "2004", "2004-03"))
        + "  - {event: event/x, date: null}\n  - {event: event/x, date: '2004-03-05'}\n",
        encoding="utf-8",
    )
    dates = [e.date for e in load_corrections(fixes).entries]
    assert dates == ["2004-03-05", "2004", "2004-03", None, "2004-03-05"]


def test_the_python_api_takes_a_corrections_file(builds: dict[str, Path]) -> None:
    ds = api.build([GOLDEN], corrections=builds["file"])
    assert not list(ds.quads((SAID, None, None, None)))
    assert list(ds.quads((HRW, RG.partOf, UN, None)))


def test_allow_update_points_to_corrections(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _build(out)
    update = f"INSERT DATA {{ GRAPH <{ID}graph/report.txt> {{ <{HRW}> <{RG.partOf}> <{UN}> }} }}"
    result = CliRunner().invoke(cli, ["query", update, "--graph", str(out), "--allow-update"])
    assert result.exit_code == 0, result.output
    assert "--corrections" in result.stderr
    rebuilt = _build(out)
    assert "--corrections" in rebuilt.stderr
    readme = README.read_text("utf-8")
    section = readme[readme.index("`--allow-update` takes the build lock") :][:1500]
    assert "--corrections" in section
