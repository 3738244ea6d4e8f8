#!/usr/bin/env python3
"""Writes a copy of Rules/ with N generated route rules added (for load and check figures).
Rules of one priority give one route (so the set loads without conflicts, yet every pair
of the same priority must be considered); priorities avoid the shipped rules' (1 to 100).
With --conflicting, every generated rule has priority 101 and the routes alternate: the pairs that
overlap are conflicts (a rule set that must be refused, and refused quickly).
Usage: python3 bench/big-rules.py N OUT_DIR [--conflicting]"""
import random, shutil, sys, os
n, out = int(sys.argv[1]), sys.argv[2]
conflicting = "--conflicting" in sys.argv[3:]
here = os.path.dirname(os.path.abspath(__file__))
shutil.rmtree(out, ignore_errors=True)
shutil.copytree(os.path.join(here, "..", "Rules"), out)
rng = random.Random(n)
routes = ["work_first", "immersion", "lift_barriers_first", "training", "self_directed", "business_creation"]
fields = [("age", 16, 64), ("autonomy", 1, 5), ("months_unemployed", 0, 60), ("children_under_6", 0, 3), ("family_quotient", 300, 2000)]
with open(os.path.join(out, "zz-generated.yaml"), "w") as f:
    f.write("rules:\n")
    for i in range(n):
        parts = []
        for name, low, high in rng.sample(fields, 3):
            a = rng.randint(low, high); b = rng.randint(low, high)
            parts.append(f"{name} between {min(a, b)} and {max(a, b)}")
        priority = 101 if conflicting else rng.randint(101, 140)
        route = routes[i % len(routes)] if conflicting else routes[priority % len(routes)]
        f.write(f"  - id: g{i:05d}\n    title: g{i}\n    source: \"généré\"\n    priority: {priority}\n")
        f.write("    when:\n      all:\n" + "".join(f"        - {p}\n" for p in parts))
        f.write(f"    route: {route}\n    why: \"généré\"\n")
