#!/usr/bin/env python3
"""Converts Natural Earth's 1:110m land (world-atlas's land-110m.json, TopoJSON) into the compact
outline both clients draw: resources/map/land-110m.json. Run once; the output is committed.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    scripts/make-world-map.py package/land-110m.json > resources/map/land-110m.json

Output: {"source", "licence", "scale": 100, "polygons": [[ring, ...], ...]}; a ring is a flat
array of integers [lng0, lat0, lng1, lat1, ...] in hundredths of a degree (about 1 km, finer
than the 110 m-scale data), closed (the last point is the first). In each polygon the first ring
is the outline and the others are holes: draw with the even-odd rule.
"""
import json
import sys


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


def main():
    topology = json.load(open(sys.argv[1]))
    arcs = decode_arcs(topology)
    polygons = []
    for geometry in topology["objects"]["land"]["geometries"]:
        shapes = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for shape in shapes:
            polygon = []
            for indices in shape:
                flat = []
                for lng, lat in ring_of(arcs, indices):
                    point = [round(lng * 100), round(lat * 100)]
                    if flat[-2:] != point:  # rounding may merge neighbours
                        flat.extend(point)
                if len(flat) >= 8:
                    polygon.append(flat)
            if polygon:
                polygons.append(polygon)
    out = {
        "source": "Natural Earth 1:110m land (naturalearthdata.com), from world-atlas 2.0.2",
        "licence": "Natural Earth: public domain. world-atlas: ISC, Copyright 2013-2019 "
                   "Michael Bostock. See resources/map/LICENSE.",
        "scale": 100,
        "polygons": polygons,
    }
    json.dump(out, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


main()
