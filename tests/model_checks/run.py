#!/usr/bin/env python3
"""Properties of the model, over every sample, the seeds in ../shared/seeds, the real documents in
../shared/real and 1,000 documents made by ../shared/bench/make_corpus.py (as text and DOCX; each set
skipped with a message when absent):

  checks-like-source  `nos convert` writes each document's model, and `nos check` of the model reports the
                      same findings (rule, message with line numbers left out, and the source line: for a
                      model's finding the line the model records for the piece it points at, where it
                      records one) as `nos check` of the document, except the rules about the source's
                      surface that a cleaned model cannot carry (SURFACE_RULES, the one list of them).
  round-trip          emit -> load -> emit: `nos parse` of each model `nos convert` wrote (YAML and JSON)
                      writes that model again, byte for byte (a quarter of the generated models).
  schema              every model in tests/golden/parse validates against schemas/nos-model.schema.json
                      (with Python's jsonschema; skipped with a message when it is not installed).

Each property first shows that it can fail: a model with an item taken out must not check like its
source, a model that nos did not write (a plain scalar) must not come back the same, and
tests/golden/check/models/bad-shape.yaml must not validate.

Usage: tests/model_checks/run.py --nos build/nos [--generated N]
Prints what differed and exits 1 if anything did.
"""
import argparse
import concurrent.futures
import pathlib
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
import nostest  # noqa: E402

ROOT = nostest.ROOT

# Rules about the source's surface, which the model (cleaned text) cannot carry. The one list of them.
SURFACE_RULES = {"whitespace", "conversion-artifact", "bidi-control", "mixed-quotes"}
# The suite rules' messages name the other file, a model for a model; tests/suite checks them.
SUITE_RULES = {"duplicate-urn", "duplicate-original-urn", "dangling-link", "cross-duplicate-criterion",
               "cross-near-duplicate-criterion", "suite-metadata-outlier"}
DOCUMENTS = ["*.txt", "*.docx", "*.pdf", "*.odt", "*.rtf", "*.html", "*.doc"]


def convert(nos, source, out, form="yaml"):
    """Every document under `source` to a model under `out`, mirrored; the relative paths converted."""
    includes = [a for pattern in DOCUMENTS for a in ("--include", pattern)]
    r = subprocess.run([nos, "convert", source, "--out-dir", out, "-q", "--format", form, *includes],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"nos convert {source}: exit {r.returncode}: {r.stderr.strip()[:500]}")
    return sorted(p.relative_to(out).with_suffix("") for p in pathlib.Path(out).rglob(f"*.{form}"))


# The `line` a model records for the piece on one YAML line: at the end of a flow mapping (an item, a
# label, a glossary entry), or as a key of the block mapping that the line opens (a group, a structure entry).
FLOW_LINE = re.compile(r"\bline: (\d+)(?:, column: \d+)?(?:, location: \{[^{}]*\})?\}$")
KEY_LINE = re.compile(r"line: (\d+)$")


def recorded_line(lines, n, column):
    """The source line that the model records for the piece at its YAML line `n` and `column`; None for a
    piece it records no line for (the title, prose, a section as a whole, which a finding points at by the
    first entry of its list) and for a finding about the whole model."""
    if n is None or not 0 < n <= len(lines):
        return None
    text = lines[n - 1]
    if m := FLOW_LINE.search(text):
        return int(m.group(1))
    keys = len(text) - len(text.lstrip()) + 2  # the indent of the mapping's keys
    if not text.lstrip().startswith("- ") or column <= keys:
        return None
    for following in lines[n:]:
        indent = len(following) - len(following.lstrip())
        if indent < keys:
            break
        if indent == keys and (m := KEY_LINE.fullmatch(following.strip())):
            return int(m.group(1))
    return None


def unmatched(a, b):
    """The findings (rule, message, line) of `a` that none of `b` matches, and those of `b` that none of `a`
    does. A line of None (the model records none for the piece) matches any line."""
    rest = list(b)
    only_a = []
    for f in sorted(a, key=lambda f: f[2] is None):  # placed findings first, matched exactly
        match = next((g for g in rest if g == f), None) or next(
            (g for g in rest if g[:2] == f[:2] and None in (f[2], g[2])), None)
        if match:
            rest.remove(match)
        else:
            only_a.append(f)
    return only_a, rest


def differences(nos, source, models):
    """Lines saying where the models' findings differ from the documents' (empty when none): by rule, message
    (line numbers left out) and the source line, which for a model's finding is the one the model records
    for the piece it points at."""
    source, models = pathlib.Path(source).absolute(), pathlib.Path(models).absolute()
    by_document = {path: [(rule, message, line) for rule, message, line, _ in found] for path, found in
                   nostest.findings(nos, source, ignore_rules=SURFACE_RULES | SUITE_RULES).items()}
    by_model = nostest.findings(nos, models, ignore_rules=SURFACE_RULES | SUITE_RULES)
    out = []
    # Paths are printed relative to the working directory when under it.
    documents = {pathlib.Path(p).absolute().relative_to(source).with_suffix(""): f for p, f in by_document.items()}
    checked = {}
    for path, found in by_model.items():
        lines = pathlib.Path(path).read_text(encoding="utf-8").splitlines()
        checked[pathlib.Path(path).absolute().relative_to(models).with_suffix("")] = [
            (rule, message, recorded_line(lines, line, column)) for rule, message, line, column in found]
    place = lambda line: f"line {line}" if line is not None else "the document"  # noqa: E731
    for name in sorted(documents.keys() | checked.keys()):
        a, b = unmatched(documents.get(name, []), checked.get(name, []))
        out += [f"{name}: only in the source: {rule}: {message} ({place(line)})" for rule, message, line in sorted(a, key=str)]
        out += [f"{name}: only in the model:  {rule}: {message} ({place(line)})" for rule, message, line in sorted(b, key=str)]
    return out


def checks_like_source(nos, name, source, tmp):
    models = pathlib.Path(tmp) / f"{name}-models"
    converted = convert(nos, source, models)
    found = differences(nos, source, models)
    for line in found[:40]:
        print(f"FAIL {name}: {line}")
    print(f"checks-like-source: {name}: {len(converted)} models, {len(found)} findings differ")
    return not found


def written_again(nos, model):
    """None when `nos parse MODEL` writes the model's bytes again, else what it says or where it differs."""
    form = model.suffix[1:]
    r = subprocess.run([nos, "parse", model, "--format", form], capture_output=True)
    if r.returncode != 0:
        return f"exit {r.returncode}: {r.stderr.decode(errors='replace').strip()[:300]}"
    if r.stdout == model.read_bytes():
        return None
    before, after = model.read_bytes().splitlines(), r.stdout.splitlines()
    for n, (a, b) in enumerate(zip(before, after), 1):
        if a != b:
            return f"line {n}: {a.decode(errors='replace')[:150]!r} came back as {b.decode(errors='replace')[:150]!r}"
    return f"{len(before)} lines came back as {len(after)}" if len(before) != len(after) else "line ends differ"


def round_trip(nos, name, source, tmp, every=1):
    """emit -> load -> emit: every model of `source` (every `every`-th, for a big corpus), as YAML and as
    JSON, comes back byte for byte."""
    models = [pathlib.Path(tmp) / f"{name}-round-trip-{form}" for form in ("yaml", "json")]
    paths = [out / f"{rel}.{form}" for out, form in zip(models, ("yaml", "json")) for rel in
             convert(nos, source, out, form)][::every]
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        found = [(p, d) for p, d in zip(paths, pool.map(lambda p: written_again(nos, p), paths)) if d]
    for path, difference in found[:40]:
        print(f"FAIL round-trip: {name}: {path.relative_to(tmp)}: {difference}")
    print(f"round-trip: {name}: {len(paths)} models, {len(found)} not written again the same")
    return not found


def round_trip_can_fail(nos, tmp):
    """A model that nos did not write (a plain scalar, no `line`) is not written again the same."""
    model = pathlib.Path(tmp) / "by-hand.yaml"
    model.write_text("schema: nos/1\ntitle: A plain scalar\n", encoding="utf-8")
    if written_again(nos, model):
        return True
    print("FAIL round-trip: a model written by hand came back byte for byte")
    return False


def can_fail(nos, tmp):
    """A model with its first performance criterion taken out must not check like its source."""
    source = pathlib.Path(tmp) / "broken"
    source.mkdir()
    sample = ROOT / "samples/hospitality-PPLHSL12.txt"
    (source / sample.name).write_bytes(sample.read_bytes())
    models = pathlib.Path(tmp) / "broken-models"
    convert(nos, source, models)
    model = models / (sample.stem + ".yaml")
    lines = model.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if line.lstrip().startswith('- {id: "P1",'))
    model.write_text("".join(lines[:first] + lines[first + 1:]), encoding="utf-8")
    if differences(nos, source, models):
        return True
    print("FAIL checks-like-source: a model with P1 taken out still checks like its source")
    return False


def schema(tmp):
    try:
        import jsonschema
        import yaml
    except ImportError:
        print("schema: skipped (python3-jsonschema or python3-yaml not installed)")
        return True
    import json
    validator = jsonschema.Draft7Validator(json.loads((ROOT / "schemas/nos-model.schema.json").read_text()))

    def problems(path):
        text = path.read_text(encoding="utf-8")
        text = text[: text.rfind("exit=")] if "\nexit=" in text else text  # golden.sh's last line
        return [f"{'.'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(yaml.safe_load(text))]

    if not problems(ROOT / "tests/golden/check/models/bad-shape.yaml"):
        print("FAIL schema: bad-shape.yaml validates")
        return False
    failed = 0
    golden = sorted((ROOT / "tests/golden/parse").glob("*.yaml"))
    for path in golden:
        for p in problems(path)[:5]:
            print(f"FAIL schema: {path.relative_to(ROOT)}: {p}")
            failed += 1
    print(f"schema: {len(golden)} golden models, {failed} problems")
    return not failed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nos", required=True)
    ap.add_argument("--generated", type=int, default=1000, help="documents to generate (0: none)")
    args = ap.parse_args()
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        ok = can_fail(args.nos, tmp) and ok
        ok = round_trip_can_fail(args.nos, tmp) and ok
        ok = checks_like_source(args.nos, "samples", ROOT / "samples", tmp) and ok
        ok = round_trip(args.nos, "samples", ROOT / "samples", tmp) and ok
        seeds = nostest.SHARED / "seeds"
        if seeds.is_dir():
            ok = checks_like_source(args.nos, "seeds", seeds, tmp) and ok
            ok = round_trip(args.nos, "seeds", seeds, tmp) and ok
        else:
            print(f"checks-like-source, round-trip: seeds skipped ({seeds} not found)")
        real = nostest.SHARED / "real"
        if real.is_dir():
            ok = checks_like_source(args.nos, "real", real, tmp) and ok
            ok = round_trip(args.nos, "real", real, tmp) and ok
        else:
            print(f"round-trip: real documents skipped ({real} not found)")
        generator = nostest.SHARED / "bench/make_corpus.py"
        if not generator.is_file():
            print(f"checks-like-source: generated documents skipped ({generator} not found)")
        elif args.generated > 0:
            corpus = pathlib.Path(tmp) / "generated"
            subprocess.run([sys.executable, generator, "--n", str(args.generated), "--seed", "13", "--out", corpus,
                            "-j", "2"], check=True, stdout=subprocess.DEVNULL)
            ok = checks_like_source(args.nos, "generated", corpus, tmp) and ok
            # One `nos parse` process per model: a quarter of the generated models keeps the suite's time.
            ok = round_trip(args.nos, "generated", corpus, tmp, every=4) and ok
        ok = schema(tmp) and ok
    print("model checks: every property holds" if ok else "model checks: a property does not hold")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
