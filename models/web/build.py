#!/usr/bin/env python3
"""Builds world-110m.svg, the offline base map of the newsgraph web app.

Source: the npm package world-atlas 2.0.2 (countries-110m.json, Natural Earth
1:110m Admin 0 boundaries, public domain; packaging under the ISC licence).
Run from this folder:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 build.py package/countries-110m.json > world-110m.svg

The TopoJSON arcs are decoded (delta + quantisation) and projected
equirectangularly onto a 720x360 box, the same projection the web app uses to
place points (x = (lon + 180) * 2, y = (90 - lat) * 2). A ring is broken where
it jumps across the antimeridian so no line streaks across the map.
"""
import json
import sys

W, H = 720.0, 360.0


def main(path):
    topo = json.load(open(path))
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indices):
        points = []
        for i in indices:
            arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
            points.extend(arc if not points else arc[1:])
        return points

    def project(lon, lat):
        return (lon + 180.0) / 360.0 * W, (90.0 - lat) / 180.0 * H

    paths = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        polygons = []
        if geometry.get("type") == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry.get("type") == "MultiPolygon":
            polygons = geometry["arcs"]
        d = []
        for polygon in polygons:
            for indices in polygon:
                previous = None
                for lon, lat in ring(indices):
                    x, y = project(lon, lat)
                    jump = previous is not None and abs(lon - previous) > 180
                    d.append(("M" if previous is None or jump else "L") + f"{x:.1f},{y:.1f}")
                    previous = lon
                d.append("Z")
        if d:
            name = geometry.get("properties", {}).get("name", "")
            name = name.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
            paths.append(f'<path d="{"".join(d)}"><title>{name}</title></path>')
    print(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W:.0f} {H:.0f}" width="{W:.0f}" height="{H:.0f}">')
    print('<g fill="#dfe6d8" stroke="#8a9a8a" stroke-width="0.4">')
    print("\n".join(paths))
    print("</g></svg>")


if __name__ == "__main__":
    main(sys.argv[1])
