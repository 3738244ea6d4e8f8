"""Validates the shipped files and real outputs against docs/schemas/ with a real JSON Schema
validator (python-jsonschema, 2020-12), and checks that the schemas refuse wrong files.

Usage: python3 Tests/schemas/validate.py PARCOURS_BINARY   (from the repository root)
"""
import glob
import json
import re
import subprocess
import sys

import jsonschema
import yaml

parcours = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/parcours"


class Yaml12Loader(yaml.SafeLoader):
    """YAML as Parcours and yaml-language-server read it: only true/false are booleans and
    dates stay text (PyYAML's YAML 1.1 would turn `no` into false and 2017-12-31 into a date)."""


Yaml12Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def schema(name):
    with open(f"docs/schemas/{name}.schema.json", encoding="utf-8") as handle:
        document = json.load(handle)
    jsonschema.Draft202012Validator.check_schema(document)
    return jsonschema.Draft202012Validator(document)


failures = []
checked = 0


def check(validator, value, where, valid=True):
    global checked
    checked += 1
    errors = sorted(validator.iter_errors(value), key=lambda e: list(e.path))
    if valid and errors:
        failures.append(f"{where}: {errors[0].message} at {list(errors[0].path)}")
    if not valid and not errors:
        failures.append(f"{where}: the schema accepts a file it should refuse")


def load(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=Yaml12Loader)


def run(*arguments, stdin=None):
    result = subprocess.run([parcours, *arguments], input=stdin, capture_output=True, text=True, env={"LANG": "C.UTF-8"})
    return result.stdout


rules, vocabulary, catalogue, scheme, case, profile, sources, glossary = (schema(n) for n in ["rules", "vocabulary", "catalogue", "scheme", "case", "profile", "sources", "glossary"])
for path in sorted(glob.glob("Rules/*.yaml")):
    name = path.split("/")[-1]
    validator = {"profile.yaml": vocabulary, "catalogue.yaml": catalogue, "sources.yaml": sources, "glossaire.yaml": glossary}.get(name, rules)
    check(validator, load(path), path)
for path in sorted(glob.glob("Scenarios/*/scheme.yaml")):
    check(scheme, load(path), path)
for path in sorted(glob.glob("Rules/cases/*.yaml") + glob.glob("Scenarios/*/cases/*.yaml")):
    check(case, load(path), path)
# The diagnosis examples are other platforms' formats, read by `import`, not profiles.
diagnoses = {"docs/examples/diagnostic-france-travail.json", "docs/examples/carnet-de-bord.json"}
for path in sorted(set(glob.glob("docs/examples/*.yaml") + glob.glob("docs/examples/*.json")) - diagnoses):
    check(profile, load(path), path)
import_mapping = schema("import-mapping")
for path in sorted(glob.glob("Rules/imports/*.yaml")):
    check(import_mapping, load(path), path)
check(import_mapping, {"format": "france-travail", "label": "x", "source": "x", "themes": [{"code": "23", "set": {"barriers": ["mobilty"]}, "source": "x"}]},
      "mapping setting barriers to mobilty", valid=False)

# Wrong files are refused: a misspelt value, an unknown key, a priority out of range.
check(sources, {"sources": {"x": {"title": "x", "year": 2020, "issuer": "x", "kind": "loi"}}}, "source of kind loi", valid=False)
check(glossary, {"acronyms": {"Caf": "caisse d'allocations familiales"}}, "glossary entry that is no acronym", valid=False)
check(profile, {"age": 22, "barriers": ["chilcare"]}, "profile with chilcare", valid=False)
check(profile, {"permis_b": True}, "profile with an unknown field", valid=False)
check(profile, {"vehicle": "no"}, "profile with vehicle: no", valid=False)
check(rules, {"rules": [{"id": "x", "title": "x", "source": "x", "priority": 2000, "route": "work_first"}]}, "rule with priority 2000", valid=False)
check(rules, {"rules": [{"id": "x", "title": "x", "source": "x", "titel": "x"}]}, "rule with titel", valid=False)
check(rules, {"rules": [{"id": "x", "title": "x", "source": "x", "suggest": [{"stage": "engagement", "why": "x", "partner": "mision_locale"}]}]},
      "rule suggesting mision_locale", valid=False)
check(case, {"name": "x", "profile": {"age": 20}, "expect": {"route": "nowhere"}}, "case expecting route nowhere", valid=False)

# Real outputs follow the output schemas.
recommendation, explanation, batch_line, diff = (schema(n) for n in ["recommendation", "explanation", "batch-line", "diff"])
for path in sorted(glob.glob("docs/examples/*.yaml")):
    check(recommendation, json.loads(run("recommend", path, "--format", "json")), f"recommend {path}")
# An imported diagnosis (its `import` part) and local services (each step's `services`).
check(recommendation, json.loads(run("recommend", "--from", "france-travail", "docs/examples/diagnostic-france-travail.json", "--format", "json")), "recommend --from france-travail")
check(recommendation, json.loads(run("recommend", "--from", "carnet-de-bord", "docs/examples/carnet-de-bord.json", "--format", "json")), "recommend --from carnet-de-bord")
with_department = open("docs/examples/profil-exemple.yaml", encoding="utf-8").read() + "department: 35\n"
services_output = json.loads(run("recommend", "-", "--services", "docs/examples/services-exemple.jsonl", "--format", "json", stdin=with_department))
check(recommendation, services_output, "recommend --services")
if not any(step.get("services") for step in services_output["steps"]):
    failures.append("recommend --services: no step names a service")
sample = run("sample", "--count", "200", "--seed", "7")
for number, line in enumerate(sample.splitlines(), 1):
    check(profile, json.loads(line), f"sample line {number}")
    if number <= 20:
        check(recommendation, json.loads(run("recommend", "-", "--format", "json", stdin=line)), f"recommend sample line {number}")
for number, line in enumerate(run("batch", "--corpus", "-", "--jobs", "1", stdin=sample).splitlines(), 1):
    check(batch_line, json.loads(line), f"batch line {number}")
profile_text = "age: 20\nautonomy: 2\n"
check(explanation, json.loads(run("explain", "-", "--rule", "referent_jeune_mission_locale", "--format", "json", stdin=profile_text)), "explain --rule")
check(explanation, json.loads(run("explain", "-", "--scheme", "sma", "--format", "json", stdin=profile_text)), "explain --scheme")
with open("/tmp/parcours-schema-corpus.jsonl", "w", encoding="utf-8") as handle:
    handle.write(sample)
check(diff, json.loads(run("diff", "--base", "Rules", "--corpus", "/tmp/parcours-schema-corpus.jsonl", "--format", "json")), "diff")

for failure in failures:
    print("schema: " + failure)
print(f"schemas: {checked} documents checked, {len(failures)} failures")
sys.exit(1 if failures else 0)
