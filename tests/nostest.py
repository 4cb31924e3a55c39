"""What the Python test suites share: where the repository and ../shared are, running nos for JSON, the
samples, and describing how two results differ."""
import json
import pathlib
import re
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def run_json(nos, *args, exits=(0,)):
    """nos ARGS... standard output as JSON; RuntimeError naming the command when it exits otherwise."""
    r = subprocess.run([str(nos), *map(str, args)], capture_output=True, text=True)
    if r.returncode not in exits:
        raise RuntimeError(f"nos {' '.join(map(str, args))}: exit {r.returncode}: {r.stderr.strip()[:500]}")
    return json.loads(r.stdout)


def model(nos, path):
    """The model `nos parse` writes of a document, as JSON."""
    return run_json(nos, "parse", "--format", "json", path)


PLACE = re.compile(r"\b(?:page \d+, )?(?:line|paragraph) \d+")


def findings(nos, *paths, ignore_rules=()):
    """`nos check --no-config PATHS` as {path: [(rule, message, line, column)]} for every file with findings,
    line and column None for a finding about the whole file. Places in messages ("first at line 8", "at page 1, line 3",
    "at paragraph 8") are left out: a model's lines are not its source's."""
    out = {}
    for f in run_json(nos, "check", "--no-config", "-j", "2", *paths, "--format", "json", exits=(0, 1))["findings"]:
        if f["rule"] not in ignore_rules:
            out.setdefault(f["path"], []).append((f["rule"], re.sub(PLACE, "<place>", f["message"]), f["line"],
                                                 f["column"]))
    return out


def samples(*patterns):
    """The sample files matching the globs (relative to samples/), sorted."""
    return sorted(p for pattern in patterns for p in (ROOT / "samples").glob(pattern))


def first_difference(a, b, where="model", names=("the first", "the second")):
    """Where two JSON values first differ, or None when they are equal."""
    if type(a) is not type(b):
        return f"{where}: {a!r} != {b!r}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{where}.{k}: only in {names[0] if k in a else names[1]}"
            d = first_difference(a[k], b[k], f"{where}.{k}", names)
            if d:
                return d
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{where}[{i}]", names)
            if d:
                return d
        return None if len(a) == len(b) else f"{where}: {len(a)} entries in {names[0]}, {len(b)} in {names[1]}"
    return None if a == b else f"{where}: {a!r} != {b!r}"
