"""Trees and graphs inside the catalogue: file-plan classes, locations, record relations.

All walks are iterative and bounded, so a loop written by mistake in the YAML is found and
reported instead of hanging or overflowing the stack.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

MAX_DEPTH = 50
"""The deepest a file plan or location tree may be (a root is level 1). Real file plans have
three to five levels and locations five or six (building, room, cabinet, shelf, box)."""


def depths(parents: Mapping[str, str | None]) -> dict[str, int]:
    """Each node's level (a root, or a node whose parent is missing, is 1), without recursion.

    A node in a loop, or below one, counts up to where the loop closes.
    """
    level: dict[str, int] = {}
    for start in parents:
        chain: list[str] = []
        seen: set[str] = set()
        current: str | None = start
        while current is not None and current not in level and current not in seen and current in parents:
            chain.append(current)
            seen.add(current)
            current = parents.get(current)
        base = level.get(current, 0) if current is not None else 0
        for node in reversed(chain):
            base += 1
            level[node] = base
    return level


def ancestors(code: str, parents: Mapping[str, str | None], limit: int | None = None) -> list[str]:
    """``code``'s parent, grandparent, ... up to the root (stops at a loop or a missing parent),
    or the nearest ``limit`` of them (a breadcrumb trail stays bounded in a too-deep tree)."""
    chain: list[str] = []
    seen = {code}
    current = parents.get(code)
    while current is not None and current not in seen and current in parents:
        if limit is not None and len(chain) >= limit:
            break
        chain.append(current)
        seen.add(current)
        current = parents.get(current)
    return chain


def descendants(code: str, children: Mapping[str, Iterable[str]]) -> list[str]:
    """Every code below ``code``, in sorted depth-first order."""
    found: list[str] = []
    seen = {code}
    stack = sorted(children.get(code, ()), reverse=True)
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        found.append(current)
        stack.extend(sorted(children.get(current, ()), reverse=True))
    return found


def subtree_counts(counts: Mapping[str, int], parents: Mapping[str, str | None]) -> dict[str, int]:
    """Each node's own count plus those of every node below it (a class with its sub-classes,
    a room with its shelves and boxes). Only nodes in ``parents`` are counted; a loop is
    counted once around."""
    totals: dict[str, int] = {}
    for key, count in counts.items():
        current: str | None = key
        seen: set[str] = set()
        while current is not None and current in parents and current not in seen:
            seen.add(current)
            totals[current] = totals.get(current, 0) + count
            current = parents[current]
    return totals


def find_cycles(edges: Mapping[str, Iterable[str]]) -> list[tuple[str, ...]]:
    """Each loop in a directed graph once, as a tuple starting at its smallest member.

    Finds the strongly connected components (iterative Tarjan); a component of more than
    one node, or a node with an edge to itself, is a loop.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    cycles: list[tuple[str, ...]] = []
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work: list[tuple[str, list[str]]] = [(start, sorted(edges.get(start, ())))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, pending = work[-1]
            if pending:
                nxt = pending.pop(0)
                if nxt not in edges:
                    continue
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, sorted(edges.get(nxt, ()))))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in edges.get(node, ()):
                    cycles.append(_ordered_cycle(sorted(component), edges))
    return sorted(cycles)


def _ordered_cycle(members: list[str], edges: Mapping[str, Iterable[str]]) -> tuple[str, ...]:
    """The members in the order the edges visit them, from the smallest, for a readable message."""
    inside = set(members)
    order = [members[0]]
    seen = {members[0]}
    while True:
        following = sorted(n for n in edges.get(order[-1], ()) if n in inside and n not in seen)
        if not following:
            break
        order.append(following[0])
        seen.add(following[0])
    order.extend(m for m in members if m not in seen)
    return tuple(order)
