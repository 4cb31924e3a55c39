#!/usr/bin/env python3
"""nos fix on YAML models, nos fix with .nos.yaml, and the quote style .nos.yaml sets.

Every text sample is parsed to a model (as `nos parse` writes it: flow items, double-quoted scalars),
defects are added to it (a doubled space in an item, a stray space after a heading, a straight quote
in a curly document, a number skipped in the ids), and the same model is written again as a person
would edit it (block style, plain and single-quoted scalars, a comment, CRLF line ends). For each:
  * `nos fix --unsafe` exits 0, and `nos check` afterwards reports none of the rules it fixed;
  * no word of the model is lost: the values, keys and their order are those of the input, with
    numbers, quote characters and white space set aside;
  * only the fixed scalars change: cut out of their lines, every line is byte for byte what it was,
    line ends included;
  * the fixed file loads with PyYAML and with nos (yaml-cpp), and a second `nos fix --unsafe` changes
    nothing.
Then `.nos.yaml` with nos fix (a rule turned off is not fixed, ignore_findings apply, --config and
--no-config), and `mixed-quotes: {style: curly|straight}` on a text export, a model and a DOCX: nos
check reports the quotes of the other style, and nos fix makes them the set style.

Usage: model.py --nos build-test/nos
"""
import argparse
import json
import pathlib
import re
import subprocess
import sys
import tempfile

import yaml

REPO = pathlib.Path(__file__).resolve().parents[2]
QUOTES = "'\"\u2018\u2019\u201c\u201d"


def run(nos, *args, cwd=None):
    return subprocess.run([nos, *map(str, args)], capture_output=True, cwd=cwd)


def findings(nos, *args):
    r = run(nos, "check", "--format", "json", *args)
    return {d["rule"] for d in json.loads(r.stdout)["findings"]}


def words(values):
    text = re.sub("[" + QUOTES + "]", "", " ".join(values))
    return [re.sub(r"\d+", "#", w) for w in text.split()]


def scalars(node, out):
    """The scalar nodes of a composed YAML tree, keys and values, in document order."""
    if isinstance(node, yaml.ScalarNode):
        out.append(node)
    elif isinstance(node, yaml.SequenceNode):
        for n in node.value:
            scalars(n, out)
    else:
        for k, v in node.value:
            scalars(k, out)
            scalars(v, out)
    return out


def cut(lines, spans):
    """The lines with the [start, end) column spans of each line cut out."""
    out = list(lines)
    for line, start, end in sorted(spans, reverse=True):
        out[line] = out[line][:start] + "\0" + out[line][end:]
    return out


def only_scalars_changed(name, old, new, failures):
    """Every byte outside the scalars whose value changed is as it was; no word is lost."""
    a, b = scalars(yaml.compose(old), []), scalars(yaml.compose(new), [])
    if len(a) != len(b):
        failures.append(f"{name}: the fix changed the model's shape ({len(a)} scalars, now {len(b)})")
        return
    if words(n.value for n in a) != words(n.value for n in b):
        failures.append(f"{name}: words changed")
    old_lines, new_lines = re.split(r"(?<=\n)", old), re.split(r"(?<=\n)", new)
    if len(old_lines) != len(new_lines):
        failures.append(f"{name}: the number of lines changed")
        return
    changed = [(m, n) for m, n in zip(a, b) if m.value != n.value]
    spans = lambda nodes: [(x.start_mark.line, x.start_mark.column, x.end_mark.column) for x in nodes
                           if x.start_mark.line == x.end_mark.line]
    if cut(old_lines, spans(m for m, _ in changed)) != cut(new_lines, spans(n for _, n in changed)):
        failures.append(f"{name}: bytes outside the fixed scalars changed")


def defects(model_text):
    """The model as nos parse wrote it, with a doubled space, a stray space, a straight quote and a gap."""
    text = re.sub(r'(text: "\w+) ', r"\1  ", model_text, count=1)
    text = re.sub(r'(heading: "[^"]*)"', r'\1 "', text, count=1)
    if "\u2019" in text:
        text = re.sub(r"(text: \"[^\"]*?\w)\u2019(\w)", r"\1'\2", text, count=1)
    ids = re.findall(r'\{id: "([A-Z]+)(\d+)", label: "([A-Z]*)\d+', text)
    if len(ids) >= 3:
        letters, number, label = ids[2]
        text = text.replace(f'{{id: "{letters}{number}", label: "{label}{number}',
                            f'{{id: "{letters}{int(number) + 5}", label: "{label}{int(number) + 5}', 1)
    return text


def hand_written(model_text):
    """The same model as a person might keep it: block style, plain scalars, a comment, CRLF."""
    data = yaml.safe_load(model_text)

    class Dumper(yaml.SafeDumper):  # a value over several lines on one, double-quoted: nos fix rewrites one line
        pass
    Dumper.add_representer(str, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v, style='"' if "\n" in v else None))
    text = yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=10**6, default_flow_style=False)
    return ("# kept by hand\n" + text).replace("\n", "\r\n")


def check_model(nos, path, failures):
    name, old = path.name, path.read_bytes()
    r = run(nos, "fix", "--unsafe", path)
    if r.returncode != 0:
        failures.append(f"{name}: nos fix --unsafe exited {r.returncode}: {r.stderr.decode()[:300]}")
        return set()
    fixed = set(re.findall(r": fixed: .*\[([a-z-]+)\]$", r.stdout.decode(), re.M))
    left = findings(nos, path) & fixed
    if left:
        failures.append(f"{name}: nos check still reports {sorted(left)} after the fix")
    new = path.read_bytes()
    only_scalars_changed(name, old.decode(), new.decode(), failures)
    if run(nos, "fix", "--unsafe", path).returncode != 0 or path.read_bytes() != new:
        failures.append(f"{name}: a second nos fix --unsafe changed the model again")
    return fixed


def config_cases(nos, tmp, failures):
    """.nos.yaml: a rule turned off, ignore_findings, --config and --no-config."""
    folder = tmp / "configured"
    folder.mkdir()
    (folder / ".git").mkdir()  # the search for .nos.yaml stops here
    draft = folder / "draft.txt"
    text = (REPO / "samples/hospitality-PPLHSL12.txt").read_text()
    urn = json.loads(run(nos, "parse", REPO / "samples/hospitality-PPLHSL12.txt", "--format", "json").stdout)["urn"]
    draft.write_text(re.sub(r"\n(P1\.?\s+\w+) ", r"\n\1  ", text, count=1))
    dry = lambda *args: run(nos, "fix", "--dry-run", *args, draft).stdout.decode()
    if "[whitespace]" not in dry():
        failures.append("the doubled space is not found without a config")
    (folder / ".nos.yaml").write_text("rules:\n  whitespace: off\n")
    if "[whitespace]" in dry():
        failures.append("a rule .nos.yaml turns off is fixed")
    if "[whitespace]" not in dry("--no-config"):
        failures.append("--no-config still reads .nos.yaml")
    other = tmp / "other.yaml"
    other.write_text("rules:\n  whitespace: on\n")
    if "[whitespace]" not in dry("--config", other):
        failures.append("--config is not used instead of the nearest .nos.yaml")
    (folder / ".nos.yaml").write_text(f'ignore_findings:\n  {urn}:\n    "*": [whitespace]\n')
    if "[whitespace]" in dry():
        failures.append("a finding ignore_findings suppresses is fixed")
    (folder / ".nos.yaml").write_text("ignore: [draft.txt]\n")
    if "[whitespace]" in dry():
        failures.append("a file .nos.yaml ignores is fixed")
    (folder / ".nos.yaml").write_text("rules:\n  mixed-quotes: {style: curvy}\n")
    r = run(nos, "fix", draft)
    if r.returncode != 2 or b"must be one of majority, curly, straight" not in r.stderr:
        failures.append(f"a bad style is not refused: {r.returncode} {r.stderr.decode()[:200]}")


def quote_marks(data):
    text = data if isinstance(data, str) else data.decode()
    return {"straight": len(re.findall("['\"]", text)), "curly": len(re.findall("[\u2018\u2019\u201c\u201d]", text))}


def style_cases(nos, tmp, failures):
    """mixed-quotes {style}: reported and fixed both ways, in a text export, a model and a DOCX."""
    folder = tmp / "styled"
    folder.mkdir()
    (folder / ".git").mkdir()
    config = folder / ".nos.yaml"
    sample = REPO / "samples/earlyyears-SCDCCLD0418.txt"
    model = run(nos, "parse", sample).stdout.decode()
    docx = REPO / "samples/docx/earlyyears-SCDCCLD0418.docx"
    docx_reported = 0
    for style, wrong in (("straight", "curly"), ("curly", "straight")):
        config.write_text(f"rules:\n  mixed-quotes: {{style: {style}}}\n")
        files = {"draft.txt": sample.read_bytes(), "model.yaml": model.encode(), "draft.docx": docx.read_bytes()}
        for name, data in files.items():
            path = folder / name
            path.write_bytes(data)
            before = findings(nos, path)
            r = run(nos, "fix", path)
            after = findings(nos, path)
            if r.returncode != 0 or "mixed-quotes" in after:
                failures.append(f"{name} ({style}): nos fix left mixed-quotes: {r.stdout.decode()[:300]}")
            if name == "draft.txt":
                if "mixed-quotes" not in before:
                    failures.append(f"{name} ({style}): {wrong} quotes are not reported")
                if quote_marks(path.read_bytes())[wrong]:
                    failures.append(f"{name} ({style}): {wrong} quotes are left")
            if name == "model.yaml":
                # The document's text, not the parser's notes on it (structure's reasons quote labels).
                root = yaml.compose(path.read_text())
                text = [v for k, v in root.value if k.value != "structure"]
                values = [n.value for node in text for n in scalars(node, [])]
                if quote_marks(" ".join(values))[wrong]:
                    failures.append(f"{name} ({style}): {wrong} quotes are left in the values")
            if name == "draft.docx" and "mixed-quotes" in before and path.read_bytes() == data:
                failures.append(f"{name} ({style}): the {wrong} quotes reported are not fixed")
            docx_reported += name == "draft.docx" and "mixed-quotes" in before
    if not docx_reported:
        failures.append("the DOCX has no quote of either style to fix")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--nos", required=True)
    nos = parser.parse_args().nos
    failures, files, rules = [], 0, set()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        for sample in sorted((REPO / "samples").glob("*.txt")):
            parsed = run(nos, "parse", sample)
            if parsed.returncode != 0:
                continue
            broken = defects(parsed.stdout.decode())
            for stem, text in ((sample.stem, broken), (sample.stem + "-hand", hand_written(broken))):
                path = tmp / f"{stem}.yaml"
                path.write_bytes(text.encode())
                files += 1
                rules |= check_model(nos, path, failures)
        for rule in ("whitespace", "numbering-gap", "mixed-quotes"):
            if rule not in rules:
                failures.append(f"no model had a {rule} fix")
        config_cases(nos, tmp, failures)
        style_cases(nos, tmp, failures)
    for f in failures:
        print("FAIL:", f)
    print(f"fix_model: {files} models, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
