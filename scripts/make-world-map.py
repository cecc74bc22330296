#!/usr/bin/env python3
"""Converts Natural Earth's 1:110m land (world-atlas's land-110m.json, TopoJSON) into the compact
outline both clients draw: resources/map/land-110m.json. Run once; the output is committed.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    scripts/make-world-map.py package/land-110m.json > resources/map/land-110m.json
    scripts/make-world-map.py --check resources/map/land-110m.json   # only the check below

Output: {"source", "licence", "scale": 100, "polygons": [[ring, ...], ...]}; a ring is a flat
array of integers [lng0, lat0, lng1, lat1, ...] in hundredths of a degree (about 1 km, finer
than the 110 m-scale data), closed (the last point is the first). In each polygon the first ring
is the outline and the others are holes: draw with the even-odd rule.

Every ring is a plain polygon in longitude and latitude, inside [-180, 180] x [-90, 90], so a
client draws it as it is. In the source, the rings that cross the antimeridian (Fiji, Chukotka,
Wrangel Island) jump from +180 to -180, and Antarctica's ring goes once around the South Pole:
drawn as they are, both would be lines across the world. Here such a ring is cut at ±180 (the
crossing points at exactly ±180, the latitude interpolated) into rings on either side, and a ring
around a pole is closed along the map's edge (along ±180 down to the pole, then along the pole).
The output is checked before it is written: no ring steps more than 180 degrees in longitude.
"""
import json
import sys

SCALE = 100
HALF_TURN = 180 * SCALE  # the antimeridian, in output units
TURN = 2 * HALF_TURN
POLE = 90 * SCALE


def decode_arcs(topology):
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_of(arcs, indices):
    ring = []
    for index in indices:
        points = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(points if not ring else points[1:])
    return ring


def without_repeats(points):
    """The points without consecutive duplicates (rounding may merge neighbours)."""
    out = []
    for point in points:
        if not out or out[-1] != point:
            out.append(point)
    return out


def signed_area(ring):
    """Twice the signed area of a closed ring: positive when counter-clockwise (x east, y north)."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))


def unwrapped(ring):
    """The ring with continuous longitudes: each step is taken the short way round, so a jump
    from +180 to -180 continues beyond +180 instead. A ring around a pole ends a turn away from
    where it starts."""
    out = [ring[0]]
    for x, y in ring[1:]:
        previous = out[-1][0]
        while x - previous > HALF_TURN:
            x -= TURN
        while previous - x > HALF_TURN:
            x += TURN
        out.append((x, y))
    return out


def closed_around_pole(ring):
    """An unwrapped ring that goes once around a pole, closed along the pole: from its end down
    (or up) to the pole, along the pole back to its start's longitude (in steps of a quarter
    turn, so that no step is longer than half a turn), and up to its start."""
    pole = -POLE if sum(y for _, y in ring) < 0 else POLE
    start, end = ring[0][0], ring[-1][0]
    along = [(end + (start - end) * k // 4, pole) for k in range(5)]
    return ring + along + [ring[0]]


def crossing(p, q, line):
    """The point where the segment p-q crosses the meridian x = line."""
    (x0, y0), (x1, y1) = p, q
    return (line, round(y0 + (y1 - y0) * (line - x0) / (x1 - x0)))


def cut(ring, line):
    """Cuts a closed ring at the meridian x = line into closed rings on either side of it.

    The crossing points are put in; the ring then falls into chains, each from one point on the
    line to the next, all on one side. The chains of one side are joined into rings along the
    line: from where a chain comes back to the line, to the nearest start of a chain of that side
    in the direction that keeps the inside on the same hand as the ring's own orientation."""
    points = [ring[0]]
    for p, q in zip(ring, ring[1:]):
        if (p[0] - line) * (q[0] - line) < 0:
            points.append(crossing(p, q, line))
        points.append(q)
    points = points[:-1]  # open
    first = next(i for i, (x, _) in enumerate(points) if x == line)
    points = points[first:] + points[:first + 1]  # from a point on the line, back to it
    chains = []
    chain = [points[0]]
    for point in points[1:]:
        chain.append(point)
        if point[0] == line:
            if len(chain) == 2:
                raise SystemExit(f"a ring runs along the cut at {line}: not handled")
            side = 1 if chain[1][0] > line else -1
            chains.append((side, chain))
            chain = [point]
    counter_clockwise = signed_area(ring) > 0
    pieces = []
    for side in (-1, 1):
        # Along the line, from the end of a chain to the start of the next: south (-1) or north.
        heading = -side if counter_clockwise else side
        waiting = [c for s, c in chains if s == side]
        while waiting:
            piece_start = waiting.pop(0)
            piece = list(piece_start)
            while True:
                end = piece[-1][1]
                candidates = [c for c in waiting + [piece_start] if (c[0][1] - end) * heading >= 0]
                if not candidates:
                    raise SystemExit(f"a ring cut at {line} does not close")
                following = min(candidates, key=lambda c: abs(c[0][1] - end))
                if following is piece_start:
                    piece.append(piece_start[0])
                    break
                waiting.remove(following)
                piece.extend(following)
            pieces.append(without_repeats(piece))
    return pieces


def inside_the_world(ring):
    """An unwrapped closed ring as closed rings within [-180, 180], each cut at the antimeridian
    it crosses and moved by whole turns."""
    xs = [x for x, _ in ring]
    low, high = min(xs), max(xs)
    lines = [line for line in range(HALF_TURN - TURN * 4, TURN * 4, TURN) if low < line < high]
    if lines:
        return [inner for piece in cut(ring, lines[0]) for inner in inside_the_world(piece)]
    shift = -TURN * ((low + HALF_TURN) // TURN)
    return [[(x + shift, y) for x, y in ring]]


def plain_rings(ring):
    """A closed ring from the source as plain closed rings inside the world (see the top)."""
    ring = unwrapped(ring)
    if ring[-1][0] != ring[0][0]:  # around a pole
        ring = closed_around_pole(ring)
    pieces = inside_the_world(ring)
    total = sum(signed_area(piece) for piece in pieces)
    if abs(total - signed_area(ring)) > 1e-4 * abs(signed_area(ring)) + 4 * TURN:
        raise SystemExit("cutting a ring changed its area")
    return pieces


def contains(ring, point):
    """Whether the point is inside the closed ring (even-odd)."""
    px, py = point
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        if (y0 > py) != (y1 > py) and px < x0 + (x1 - x0) * (py - y0) / (y1 - y0):
            inside = not inside
    return inside


def plain_polygons(rings):
    """A polygon (outline, holes) from the source as polygons inside the world: its outline may
    become several; each hole goes with the piece it is in."""
    outlines = plain_rings(rings[0])
    holes = [[] for _ in outlines]
    for ring in rings[1:]:
        hole = plain_rings(ring)
        if len(hole) != 1:
            raise SystemExit("a hole crosses the antimeridian: not handled")
        owner = next((i for i, outline in enumerate(outlines) if contains(outline, hole[0][0])),
                     None)
        if owner is None:
            raise SystemExit("a hole is in none of its outline's pieces")
        holes[owner].append(hole[0])
    return [[outline] + inner for outline, inner in zip(outlines, holes)]


def check(polygons):
    """Fails unless every ring is closed, inside the world and never steps more than half a turn
    in longitude (which a client would draw as a line across the world)."""
    for polygon in polygons:
        for flat in polygon:
            ring = list(zip(flat[::2], flat[1::2]))
            if len(ring) < 4 or ring[0] != ring[-1]:
                raise SystemExit(f"a ring is not closed: {ring[:3]}...")
            for (x0, _), (x1, y1) in zip(ring, ring[1:]):
                if abs(x1) > HALF_TURN or abs(y1) > POLE:
                    raise SystemExit(f"a point is outside the world: {(x1, y1)}")
                if abs(x1 - x0) > HALF_TURN:
                    raise SystemExit(f"a ring steps {abs(x1 - x0) / SCALE} degrees at {(x1, y1)}")


def main():
    if sys.argv[1] == "--check":
        check(json.load(open(sys.argv[2]))["polygons"])
        return
    topology = json.load(open(sys.argv[1]))
    arcs = decode_arcs(topology)
    polygons = []
    for geometry in topology["objects"]["land"]["geometries"]:
        shapes = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for shape in shapes:
            rings = []
            for indices in shape:
                ring = without_repeats([(round(lng * SCALE), round(lat * SCALE))
                                        for lng, lat in ring_of(arcs, indices)])
                if len(ring) >= 4:
                    rings.append(ring)
            if rings:
                for polygon in plain_polygons(rings):
                    polygons.append([[v for point in ring for v in point] for ring in polygon])
    check(polygons)
    out = {
        "source": "Natural Earth 1:110m land (naturalearthdata.com), from world-atlas 2.0.2",
        "licence": "Natural Earth: public domain. world-atlas: ISC, Copyright 2013-2019 "
                   "Michael Bostock. See resources/map/LICENSE.",
        "scale": SCALE,
        "polygons": polygons,
    }
    json.dump(out, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
