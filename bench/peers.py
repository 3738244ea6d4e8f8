"""Runs the same generated decisions as Parcours in peer rule engines, through their Python
bindings, checks that every engine returns the same matches as Parcours on every profile, and
prints each engine's profiles per second and the ratio to Parcours (one core each).

Usage: python peers.py WORK_DIR PARCOURS_PROFILES_PER_SECOND
WORK_DIR holds decisions.json, profiles.jsonl and parcours-matches.txt (written by parcours-bench).
"""
import json
import sys
import time

work, parcours_rate = sys.argv[1], float(sys.argv[2])
decisions = json.load(open(f"{work}/decisions.json"))
profiles = [json.loads(line) for line in open(f"{work}/profiles.jsonl")]
expected = [set(filter(None, line.rstrip("\n").split(","))) for line in open(f"{work}/parcours-matches.txt")]
assert len(expected) == len(profiles), "profiles and Parcours matches differ in length"
fields = sorted({c["field"] for d in decisions for c in d["conditions"]})


def reference(profile):
    """Plain Python evaluation of the decisions, as a third opinion."""
    hits = set()
    for d in decisions:
        ok = True
        for c in d["conditions"]:
            v, op, x = profile[c["field"]], c["op"], c["operand"]
            if op == "ge": ok = v >= x
            elif op == "le": ok = v <= x
            elif op == "between": ok = x[0] <= v <= x[1]
            elif op == "in": ok = v in x
            elif op == "eq": ok = v == x
            elif op == "includes": ok = x in v
            if not ok: break
        if ok: hits.add(d["id"])
    return hits


def zen_table(rules):
    def cell(c):
        op, x = c["op"], c["operand"]
        if op == "ge": return f">= {x}"
        if op == "le": return f"<= {x}"
        if op == "between": return f"[{x[0]}..{x[1]}]"
        if op == "in": return ", ".join(json.dumps(v) for v in x)
        if op == "eq": return "true" if x else "false"
        if op == "includes": return f"contains($, {json.dumps(x)})"
        raise ValueError(op)
    inputs = [{"id": f"i_{f}", "name": f, "field": f} for f in fields]
    rows = []
    for d in rules:
        row = {"_id": d["id"], "o_rule": json.dumps(d["id"])}
        for f in fields: row[f"i_{f}"] = ""
        for c in d["conditions"]: row[f"i_{c['field']}"] = cell(c)
        rows.append(row)
    return {"nodes": [
        {"id": "in", "type": "inputNode", "name": "Request", "position": {"x": 0, "y": 0}},
        {"id": "dt", "type": "decisionTableNode", "name": "decisions", "position": {"x": 0, "y": 0},
         "content": {"hitPolicy": "collect", "inputs": inputs, "outputs": [{"id": "o_rule", "name": "rule", "field": "rule"}], "rules": rows}},
        {"id": "out", "type": "outputNode", "name": "Response", "position": {"x": 0, "y": 0}}],
        "edges": [{"id": "e1", "sourceId": "in", "targetId": "dt", "type": "edge"},
                  {"id": "e2", "sourceId": "dt", "targetId": "out", "type": "edge"}]}


def run_zen():
    import zen
    engine = zen.ZenEngine({"loader": {"type": "static", "content": {"d.json": zen_table(decisions)}}})
    def evaluate(p):
        return {r["rule"] for r in engine.evaluate("d.json", p)["result"]}
    tiny = zen.ZenEngine({"loader": {"type": "static", "content": {"t.json": zen_table(decisions[:1])}}})
    # Inputs prepared before timing: only the fields the decisions read.
    prepare = lambda p: {f: p[f] for f in fields}
    return evaluate, lambda p: tiny.evaluate("t.json", p), prepare


def run_clips():
    import clips
    env = clips.Environment()
    slots = " ".join(f"(multislot {f})" if isinstance(profiles[0][f], list) else f"(slot {f})" for f in fields)
    env.build(f"(deftemplate profile {slots})")
    collected = []
    env.define_function(collected.append, "hit")
    def pattern(c, i):
        f, op, x = c["field"], c["op"], c["operand"]
        if op == "ge": return f"({f} ?v{i}&:(>= ?v{i} {x}))"
        if op == "le": return f"({f} ?v{i}&:(<= ?v{i} {x}))"
        if op == "between": return f"({f} ?v{i}&:(and (>= ?v{i} {x[0]}) (<= ?v{i} {x[1]})))"
        if op == "in": return f"({f} {'|'.join(x)})"
        if op == "eq": return f"({f} {'TRUE' if x else 'FALSE'})"
        if op == "includes": return f"({f} $? {x} $?)"
        raise ValueError(op)
    for d in decisions:
        constraints = " ".join(pattern(c, i) for i, c in enumerate(d["conditions"]))
        env.build(f"(defrule {d['id']} (profile {constraints}) => (hit {d['id']}))")
    template = env.find_template("profile")
    def convert(p):
        out = {}
        for f in fields:
            v = p[f]
            if isinstance(v, bool): out[f] = clips.Symbol("TRUE" if v else "FALSE")
            elif isinstance(v, str): out[f] = clips.Symbol(v)
            elif isinstance(v, list): out[f] = [clips.Symbol(s) for s in v]
            else: out[f] = v
        return out
    def evaluate(p):
        collected.clear()
        env.reset()
        template.assert_fact(**p)
        env.run()
        return {str(rule) for rule in collected}
    tiny = clips.Environment()
    tiny.build("(deftemplate p (slot a))")
    tiny_template = tiny.find_template("p")
    def fixed(_):
        tiny.reset()
        tiny_template.assert_fact(a=1)
        tiny.run()
    return evaluate, fixed, convert


def measure(name, setup):
    try:
        evaluate, fixed, prepare = setup()
    except Exception as error:  # an engine that cannot be installed is reported, not fatal
        print(f"  {name:<24} unavailable: {error}")
        return
    inputs = [prepare(p) for p in profiles]  # engine-native values, in memory, before timing
    found = []
    start = time.perf_counter()
    for p in inputs:
        found.append(evaluate(p))
    elapsed = time.perf_counter() - start
    mismatches = sum(1 for got, want in zip(found, expected) if got != want)
    rate = len(profiles) / elapsed
    start = time.perf_counter()
    for _ in range(2000): fixed(inputs[0])
    overhead = (time.perf_counter() - start) / 2000 * 1e6
    agree = "all agree" if mismatches == 0 else f"{mismatches} DISAGREE"
    print(f"  {name:<24} {rate:>10,.0f} profiles/s   Parcours is {parcours_rate / rate:>6.0f}x faster   "
          f"fixed cost per call {overhead:5.1f} µs   matches: {agree}")
    return mismatches


print(f"Peer engines on the same {len(decisions)} generated decisions, {len(profiles):,} profiles, one core, every match collected")
wrong = sum(1 for p, want in zip(profiles, expected) if reference(p) != want)
print(f"  {'plain Python (reference)':<24} matches: {'all agree' if wrong == 0 else f'{wrong} DISAGREE'} with Parcours")
results = [measure("GoRules ZEN (table)", run_zen), measure("CLIPS (clipspy)", run_clips)]
print(f"  {'Parcours (compiled)':<24} {parcours_rate:>10,.0f} profiles/s")
sys.exit(1 if wrong or any(r for r in results if r) else 0)
