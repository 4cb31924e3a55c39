#!/usr/bin/env python3
"""Properties of the model, over every sample, the seeds in ../shared/seeds and 1,000 documents made by
../shared/bench/make_corpus.py (as text and DOCX; each set skipped with a message when absent):

  checks-like-source  `nos convert` writes each document's model, and `nos check` of the model reports the
                      same findings (rule and message, line numbers left out) as `nos check` of the
                      document, except the rules about the source's surface that a cleaned model cannot
                      carry (SURFACE_RULES, the one list of them).
  schema              every model in tests/golden/parse validates against schemas/nos-model.schema.json
                      (with Python's jsonschema; skipped with a message when it is not installed).

Each property first shows that it can fail: a model with an item taken out must not check like its
source, and tests/golden/check/models/bad-shape.yaml must not validate.

Usage: tests/model_checks/run.py --nos build/nos [--generated N]
Prints what differed and exits 1 if anything did.
"""
import argparse
import pathlib
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


def convert(nos, source, out):
    """Every document under `source` to a model under `out`, mirrored; the relative paths converted."""
    includes = [a for pattern in DOCUMENTS for a in ("--include", pattern)]
    r = subprocess.run([nos, "convert", source, "--out-dir", out, "-q", *includes], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"nos convert {source}: exit {r.returncode}: {r.stderr.strip()[:500]}")
    return sorted(p.relative_to(out).with_suffix("") for p in pathlib.Path(out).rglob("*.yaml"))


def differences(nos, source, models):
    """Lines saying where the models' findings differ from the documents' (empty when none)."""
    source, models = pathlib.Path(source).absolute(), pathlib.Path(models).absolute()
    by_document = nostest.findings(nos, source, ignore_rules=SURFACE_RULES | SUITE_RULES)
    by_model = nostest.findings(nos, models, ignore_rules=SURFACE_RULES | SUITE_RULES)
    out = []
    # Paths are printed relative to the working directory when under it.
    documents = {pathlib.Path(p).absolute().relative_to(source).with_suffix(""): f for p, f in by_document.items()}
    checked = {pathlib.Path(p).absolute().relative_to(models).with_suffix(""): f for p, f in by_model.items()}
    for name in sorted(documents.keys() | checked.keys()):
        a, b = set(documents.get(name, [])), set(checked.get(name, []))
        out += [f"{name}: only in the source: {rule}: {message}" for rule, message in sorted(a - b)]
        out += [f"{name}: only in the model:  {rule}: {message}" for rule, message in sorted(b - a)]
    return out


def checks_like_source(nos, name, source, tmp):
    models = pathlib.Path(tmp) / f"{name}-models"
    converted = convert(nos, source, models)
    found = differences(nos, source, models)
    for line in found[:40]:
        print(f"FAIL {name}: {line}")
    print(f"checks-like-source: {name}: {len(converted)} models, {len(found)} findings differ")
    return not found


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
        ok = checks_like_source(args.nos, "samples", ROOT / "samples", tmp) and ok
        seeds = nostest.SHARED / "seeds"
        if seeds.is_dir():
            ok = checks_like_source(args.nos, "seeds", seeds, tmp) and ok
        else:
            print(f"checks-like-source: seeds skipped ({seeds} not found)")
        generator = nostest.SHARED / "bench/make_corpus.py"
        if not generator.is_file():
            print(f"checks-like-source: generated documents skipped ({generator} not found)")
        elif args.generated > 0:
            corpus = pathlib.Path(tmp) / "generated"
            subprocess.run([sys.executable, generator, "--n", str(args.generated), "--seed", "13", "--out", corpus,
                            "-j", "2"], check=True, stdout=subprocess.DEVNULL)
            ok = checks_like_source(args.nos, "generated", corpus, tmp) and ok
        ok = schema(tmp) and ok
    print("model checks: every property holds" if ok else "model checks: a property does not hold")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
