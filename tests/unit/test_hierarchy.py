"""The tree walks every check, page and planner relies on, on the odd trees people write."""

from __future__ import annotations

from fonds.hierarchy import MAX_DEPTH, ancestors, depths, descendants, find_cycles, subtree_counts
from fonds.model import Access, Catalogue, Config, FileClass, Location


def test_ancestors_walk_up_to_the_root_nearest_first() -> None:
    parents = {"A": None, "A-1": "A", "A-1-1": "A-1"}
    assert ancestors("A-1-1", parents) == ["A-1", "A"]
    assert ancestors("A", parents) == []


def test_ancestors_stop_at_a_missing_parent_and_at_a_loop() -> None:
    assert ancestors("X", {"X": "GONE"}) == []
    assert ancestors("B", {"A": "B", "B": "C", "C": "A"}) == ["C", "A"]
    assert ancestors("S", {"S": "S"}) == []


def test_ancestors_limit_keeps_a_breadcrumb_short() -> None:
    chain = {f"N{i}": (f"N{i - 1}" if i else None) for i in range(10)}
    assert ancestors("N9", chain, limit=3) == ["N8", "N7", "N6"]


def test_descendants_are_depth_first_in_sorted_order() -> None:
    children = {"A": ["A-2", "A-1"], "A-1": ["A-1-1"]}
    assert descendants("A", children) == ["A-1", "A-1-1", "A-2"]
    assert descendants("A-2", children) == []


def test_descendants_visit_each_node_once_in_a_loop_or_a_diamond() -> None:
    assert descendants("A", {"A": ["B"], "B": ["A"]}) == ["B"]
    assert descendants("A", {"A": ["B", "C"], "B": ["D"], "C": ["D"]}) == ["B", "D", "C"]


def test_depths_count_a_root_or_an_orphan_as_level_one() -> None:
    assert depths({"A": None, "A-1": "A", "O": "GONE"}) == {"A": 1, "A-1": 2, "O": 1}


def test_depths_of_a_loop_and_what_hangs_below_it_are_bounded() -> None:
    levels = depths({"A": "B", "B": "A", "C": "A"})
    assert set(levels) == {"A", "B", "C"}
    assert all(1 <= level <= 3 for level in levels.values())


def test_a_very_deep_tree_is_walked_without_recursion() -> None:
    size = 20 * MAX_DEPTH * 10
    chain = {f"N{i}": (f"N{i - 1}" if i else None) for i in range(size)}
    assert depths(chain)[f"N{size - 1}"] == size
    assert len(ancestors(f"N{size - 1}", chain)) == size - 1
    assert len(descendants("N0", {f"N{i}": [f"N{i + 1}"] for i in range(size - 1)})) == size - 1


def test_find_cycles_names_each_loop_once_from_its_smallest_member() -> None:
    edges = {"C": ["A"], "A": ["B"], "B": ["C"], "D": ["D"], "E": ["A"], "F": []}
    assert find_cycles(edges) == [("A", "B", "C"), ("D",)]


def test_find_cycles_ignores_edges_to_unknown_nodes_and_trees() -> None:
    assert find_cycles({"A": ["GONE"], "B": ["A"]}) == []


def test_subtree_counts_add_everything_below_a_node() -> None:
    parents = {"B": None, "R": "B", "S": "R", "T": "R"}
    assert subtree_counts({"S": 2, "T": 3, "B": 1}, parents) == {"S": 2, "T": 3, "R": 5, "B": 6}


def test_subtree_counts_skip_unknown_nodes_and_count_a_loop_once() -> None:
    assert subtree_counts({"GONE": 4}, {"A": None}) == {}
    assert subtree_counts({"A": 1}, {"A": "B", "B": "A"}) == {"A": 1, "B": 1}


def _catalogue(classes: tuple[FileClass, ...], locations: tuple[Location, ...] = ()) -> Catalogue:
    return Catalogue(
        root=".",
        config=Config(name="t"),
        access=Access(),
        classes={c.code: c for c in classes},
        schedules={},
        items={},
        records={},
        locations={loc.id: loc for loc in locations},
        holds={},
    )


def test_the_catalogue_works_out_its_trees_once() -> None:
    catalogue = _catalogue(
        (FileClass("A", "Top"), FileClass("A-2", "Two", parent="A"), FileClass("A-1", "One", parent="A")),
        (Location("B", "building", "HQ"), Location("R", "room", "Store", parent="B")),
    )
    assert catalogue.class_parents == {"A": None, "A-1": "A", "A-2": "A"}
    assert catalogue.children() == {"A": ("A-1", "A-2")}
    assert catalogue.location_parents == {"B": None, "R": "B"}
    assert catalogue.location_children == {"B": ("R",)}


def test_a_replaced_catalogue_has_its_own_trees() -> None:
    from dataclasses import replace

    catalogue = _catalogue((FileClass("A", "Top"), FileClass("A-1", "One", parent="A")))
    smaller = replace(catalogue, classes={"A": catalogue.classes["A"]})
    assert smaller.children() == {}
    assert smaller.class_parents == {"A": None}
