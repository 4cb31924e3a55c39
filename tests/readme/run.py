#!/usr/bin/env python3
"""The README's claims, tried against the nos binary. The README is read at run time, so an edit that
makes one of these claims false fails here:

- every `nos` command in the sh blocks of "Commands" and "CI integration" runs as shown, in a folder
  holding files of the names it uses (copies of samples/), and exits as EXPECTED_EXIT says (0 otherwise);
  the options of each synopsis are in the command's --help; `nos diff`'s sample output is its output;
- the exit codes table: each code is provoked, by every command its row names; --fail-on, fail_on,
  --max-warnings, the usage errors, --version, the completions and the colour variables as described;
- nos parse's -o onto special files and source.path; nos convert's tree, summary and report; the
  extensions nos check and nos convert take from a folder;
- the formats tables: each format read is read from a sample of it, told by content, its findings
  located as shown; each "not read" that this test can make is refused with a one-line error, exit
  code 2, saying what the file is;
- the text encodings and line ends listed read as the UTF-8 text does; mixed bytes are refused;
- the Limits table: each option is in `nos parse --help` and `nos check --help`, and the cheap limits
  are exceeded to give the documented message;
- the `--format` table: a file that could not be read is named in every format as described;
- the configuration example loads, every option whose range is given is accepted inside it and
  refused outside it, an unknown key is refused with a suggestion, a bad byte is named;
- the rule catalogue is `nos rules`: the same ids, severities and summaries;
- the CI examples are valid YAML and name the action's inputs and the hook that exist.
"""
import argparse
import json
import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile

import yaml

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
import nostest  # noqa: E402 - tests/ is not a package

sys.path.insert(0, str(nostest.ROOT / "scripts"))
import minimal_pdf  # noqa: E402 - scripts/ is not a package

ROOT = nostest.ROOT
SAMPLE = "hospitality-PPLHSL12"

# The exit code each README example must give when it is not 0, and why (the README's own rule).
EXPECTED_EXIT = {
    "nos check standards/": (1, "the samples in standards/ have errors (construction-COSVR611 has no URN)"),
    "nos check draft.docx model.yaml --format json": (1, "two documents with one URN: a duplicate-urn error"),
    "nos check --fix drafts/": (1, "errors are left after the safe fixes"),
    "nos check --format sarif -o nos.sarif standards/": (1, "findings in standards/"),
    "nos check --format github standards/": (1, "findings in standards/"),
    "nos check --format junit -o nos.xml standards/": (1, "findings in standards/"),
    "nos diff PPLHSL12-v4.docx PPLHSL12-v5.docx": (1, "the versions differ: 1 when something changed"),
    "nos diff old.txt new.yaml --format json": (1, "the versions differ"),
    "nos diff old.docx new.docx --format markdown > review.md": (1, "the versions differ"),
    "nos fix draft.txt --diff": (1, "--diff found something to fix"),
    "nos fix drafts/*.txt --dry-run --rules whitespace,mixed-quotes": (1, "--dry-run found something to fix"),
    "nos lsp": (1, "standard input ends without 'shutdown': the protocol's exit code 1"),
}

failures = []


def fail(what):
    failures.append(what)
    print(f"FAIL {what}", flush=True)


def check(ok, what):
    if not ok:
        fail(what)
    return ok


# ---------------------------------------------------------------------------------------------------
# Reading the README


def sections(text):
    """{heading: body} for every ## and ### heading (a ### body is also part of its ##'s)."""
    out, stack = {}, []
    for line in text.splitlines(keepends=True):
        m = re.match(r"(#{2,3}) (.*)", line)
        if m and not line.startswith("# "):
            level = len(m.group(1))
            stack = [s for s in stack if s[0] < level] + [(level, m.group(2).strip())]
            for _, name in stack:
                out.setdefault(name, "")
            continue
        for _, name in stack:
            out[name] += line
    return out


def code_blocks(body, lang):
    """The code blocks of a language, indented ones (in a list) too."""
    return re.findall(r"^ *```" + lang + r"\n(.*?)^ *```", body, re.S | re.M)


def tables(body):
    """Every table as a list of rows (lists of cells), header row first, separator left out."""
    out, rows = [], []
    for line in body.splitlines() + [""]:
        if line.startswith("|"):
            cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            if not all(re.fullmatch(r"-+", c) for c in cells):
                rows.append(cells)
        elif rows:
            out.append(rows)
            rows = []
    return out


def table_with(body, header):
    for t in tables(body):
        if t[0][: len(header)] == header:
            return t
    raise SystemExit(f"README: no table with the header {header}")


def commands(block):
    """The `nos` command lines of an sh block, comments removed, continuation lines joined."""
    out = []
    for line in block.splitlines():
        text = re.sub(r"\s+#\s.*$", "", line).rstrip()
        if line.startswith(" ") and out:
            out[-1] += " " + text.strip()
        elif re.search(r"(^|\| )nos ", text):
            out.append(text)
    return out


def is_synopsis(cmd):
    """A synopsis (`nos parse FILE [-o OUT] …`) names placeholders in capitals and options in brackets."""
    return re.search(r"\b[A-Z]{2,}\b", cmd) is not None and "[" in cmd


# ---------------------------------------------------------------------------------------------------
# Running nos


def run(nos, *args, cwd=None, input=None, env=None):
    return subprocess.run([str(nos), *map(str, args)], cwd=cwd, input=input, capture_output=True,
                          timeout=120, env=env)


def help_text(nos, cmd):
    return run(nos, cmd, "--help").stdout.decode()


def one_error_line(r, path, what):
    err = r.stderr.decode(errors="replace")
    return (check(r.returncode == 2, f"{what}: exit {r.returncode}, not 2 ({err.strip()[:200]})")
            and check(err.count("\n") == 1 and err.startswith(f"nos: error: {path}: "),
                      f"{what}: not one line 'nos: error: {path}: …': {err[:300]!r}"))


def model_without_source(nos, path):
    r = run(nos, "parse", "--format", "json", path)
    if r.returncode != 0:
        return None, r.stderr.decode(errors="replace").strip()
    m = json.loads(r.stdout)
    m.pop("source", None)
    return m, ""


# ---------------------------------------------------------------------------------------------------
# The folder the examples run in: files of the names the README uses


def make_example_folder(nos, where):
    where.mkdir(parents=True)
    (where / "samples").symlink_to(ROOT / "samples")
    (where / "tests").symlink_to(ROOT / "tests")
    s = ROOT / "samples"
    (where / "standards").mkdir()
    for name in ("construction-COSVR611", "retail-INSRET014", "water-EUSWWT05"):
        shutil.copy(s / f"{name}.txt", where / "standards")
    shutil.copy(s / "docx" / f"{SAMPLE}.docx", where / "standards")
    for name in ("draft.txt", "export.txt", "buffer.txt", "old.txt"):
        shutil.copy(s / f"{SAMPLE}.txt", where / name)
    (where / "drafts").mkdir()
    for name in ("earlyyears-SCDCCLD0418", "retail-INSRET014"):
        shutil.copy(s / f"{name}.txt", where / "drafts")
    (where / "legacy" / "a").mkdir(parents=True)
    shutil.copy(s / "docx" / "cleaning-ASTCS104.docx", where / "legacy")
    shutil.copy(s / "docx" / f"{SAMPLE}.docx", where / "legacy" / "a")
    shutil.copy(s / "events-CCSEV09.txt", where / "legacy" / "a")
    for name in ("draft.docx", "PPLHSL12-v4.docx", "old.docx"):
        shutil.copy(s / "docx" / f"{SAMPLE}.docx", where / name)
    # Version 5 of the DOCX: a word added to its scope.
    with zipfile.ZipFile(s / "docx" / f"{SAMPLE}.docx") as z:
        parts = {i: z.read(i.filename) for i in z.infolist()}
    for name in ("PPLHSL12-v5.docx", "new.docx"):
        with zipfile.ZipFile(where / name, "w", zipfile.ZIP_DEFLATED) as z:
            for info, data in parts.items():
                if info.filename == "word/document.xml":
                    data = data.replace(b"approved suppliers", b"approved local suppliers")
                z.writestr(info, data)
    for target, source in (("model.yaml", s / f"{SAMPLE}.txt"),
                           ("new.yaml", ROOT / "tests/golden/diff" / f"{SAMPLE}-v5.txt")):
        r = run(nos, "parse", source, "-o", where / target)
        assert r.returncode == 0, r.stderr


def try_examples(nos, readme, tmp):
    """Every `nos` example of Commands and CI integration runs as shown and exits as expected."""
    secs = sections(readme)
    env = dict(os.environ, PATH=f"{pathlib.Path(nos).resolve().parent}:{os.environ['PATH']}", NO_COLOR="1")
    seen = set()
    blocks = [(name, b) for name in ("Commands", "CI integration") for b in code_blocks(secs[name], "sh")]
    for i, (name, block) in enumerate(blocks):
        where = tmp / f"examples-{i}"
        make_example_folder(nos, where)
        for cmd in commands(block):
            if is_synopsis(cmd):
                sub = cmd.split()[1]
                helptext = help_text(nos, sub)
                for opt in re.findall(r"(?<![\w-])(--?[a-zA-Z][\w-]*)", cmd):
                    check(re.search(rf"(^|[\s,]){re.escape(opt)}\b", helptext, re.M),
                          f"README synopsis '{cmd[:60]}…': {opt} is not in `nos {sub} --help`")
                continue
            seen.add(cmd)
            r = subprocess.run(["bash", "-c", cmd], cwd=where, env=env, capture_output=True, timeout=120,
                               stdin=subprocess.DEVNULL)
            want, why = EXPECTED_EXIT.get(cmd, (0, "the command succeeds"))
            check(r.returncode == want,
                  f"README example `{cmd}` ({name}): exit {r.returncode}, expected {want} ({why}): "
                  f"{r.stderr.decode(errors='replace').strip()[:300]}")
            check(b"internal error" not in r.stderr, f"README example `{cmd}`: internal error")
    for cmd in sorted(set(EXPECTED_EXIT) - seen):
        fail(f"EXPECTED_EXIT names `{cmd}`, which is no longer a README example")
    print(f"ok: {len(seen)} README examples run as shown", flush=True)

    # nos diff's sample output: the lines shown (the elided ones aside) are its output, in order.
    shown = [b for b in code_blocks(secs["nos diff"], "text") if b.startswith("$ nos diff")]
    if check(len(shown) == 1, "README: no `$ nos diff` sample output"):
        cmd, *lines = shown[0].splitlines()
        r = subprocess.run(["bash", "-c", cmd[2:]], cwd=ROOT, env=env, capture_output=True)
        out = r.stdout.decode().splitlines()
        at = 0
        for line in lines:
            if line.strip() == "…":
                continue
            try:
                at = out.index(line, at) + 1
            except ValueError:
                fail(f"README `{cmd}`: the line {line!r} is not in its output (in order)")
                break


# ---------------------------------------------------------------------------------------------------
# Exit codes


def try_exit_codes(nos, readme, tmp):
    table = table_with(sections(readme)["Exit codes"], ["Code", "Meaning"])
    documented = {int(row[0]): row[1] for row in table[1:]}
    d = tmp / "exit"
    d.mkdir()
    s = ROOT / "samples"
    bad_docx = d / "broken.docx"
    bad_docx.write_bytes(b"PK\x03\x04 not a zip at all")
    clean = d / "clean.txt"
    shutil.copy(s / f"{SAMPLE}.txt", clean)
    unsafe = d / "unsafe.txt"
    # A numbering gap: its fix, a renumbering, is unsafe, so it is left.
    unsafe.write_text(re.sub(r"(?m)^(\t?P?)3(\W)", r"\g<1>9\2", (s / f"{SAMPLE}.txt").read_text(encoding="utf-8"),
                             count=1), encoding="utf-8")
    cases = {
        0: [("check", ["check", "--fail-on", "error", s / "retail-INSRET014.txt"])],
        1: [("check", ["check", s / "construction-COSVR611.txt"]),
            ("convert", ["convert", s / "retail-INSRET014.txt", bad_docx, "--out-dir", d / "out1", "--quiet"]),
            ("diff", ["diff", s / f"{SAMPLE}.txt", ROOT / "tests/golden/diff" / f"{SAMPLE}-v5.txt"]),
            ("fix", ["fix", "--dry-run", unsafe])],
        2: [("usage error", ["check", "--no-such-option", clean]),
            ("input", ["parse", d / "missing.txt"]),
            ("grammar", ["parse", "--grammar", bad_docx, clean]),
            ("config", ["check", "--config", bad_docx, clean])],
    }
    for code, meaning in documented.items():
        if code == 130:
            check(interrupted_convert(nos, d) == 130, "exit code 130: an interrupted nos convert does not exit 130")
            continue
        if not check(code in cases, f"README exit code {code} ({meaning}): no case provokes it here"):
            continue
        if code == 1:
            named = set(re.findall(r"`(\w+)`:", meaning))
            check(named == {c for c, _ in cases[1]}, f"exit code 1 names {sorted(named)}; cases for "
                  f"{sorted(c for c, _ in cases[1])}")
        for what, args in cases[code]:
            r = run(nos, *args, cwd=d)
            check(r.returncode == code, f"exit code {code} ({what}): `nos {' '.join(map(str, args))}` exits "
                  f"{r.returncode}: {r.stderr.decode(errors='replace').strip()[:200]}")
    for code in cases:
        check(code in documented, f"exit code {code} is given but not in the README's table")
    print(f"ok: exit codes {sorted(documented)}", flush=True)


def interrupted_convert(nos, d):
    """nos convert stopped by SIGINT once it has written its first model."""
    src, out = d / "many", d / "many-out"
    src.mkdir()
    text = (ROOT / "samples" / f"{SAMPLE}.txt").read_bytes()
    for i in range(400):
        (src / f"s{i:03}.txt").write_bytes(text)
    p = subprocess.Popen([str(nos), "convert", src, "--out-dir", out, "-j", "1", "--quiet"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 30
    while time.time() < deadline and p.poll() is None and not (out.is_dir() and any(out.glob("*.yaml"))):
        time.sleep(0.01)
    p.send_signal(signal.SIGINT)
    return p.wait(timeout=60)


def try_cli(nos, readme, tmp):
    """The usage error, version, completions, colour and failing severity as the README gives them."""
    secs = sections(readme)
    m = re.search(r"`(nos chek x\.txt)` says `([^`]*)`", secs["nos help / nos completion"])
    if check(m, "README: the mistyped command's example is gone"):
        r = run(nos, *m.group(1).split()[1:])
        check(r.returncode == 2 and r.stderr.decode().strip() == m.group(2).replace("\n", " "),
              f"`{m.group(1)}`: exit {r.returncode}, {r.stderr.decode().strip()!r}, not {m.group(2)!r}")
    r = run(nos, "check", "--formt", "json", ROOT / "samples" / f"{SAMPLE}.txt")
    check(r.returncode == 2 and "--format" in r.stderr.decode() and r.stderr.decode().count("\n") == 1,
          f"a mistyped option does not name the nearest one on one line: {r.stderr.decode()[:300]!r}")
    m = re.search(r"nos --version +# (nos \d+\.\d+\.\d+) \(commit [0-9a-f]+\)", secs["Install"])
    if check(m, "README: the --version example is gone"):
        version = run(nos, "--version").stdout.decode().strip()
        check(re.fullmatch(r"nos \d+\.\d+\.\d+ \(commit [0-9a-f]{12}\)", version),
              f"nos --version says {version!r}, not the README's form {m.group(0).split('# ')[1]!r}")
    for shell in re.findall(r"^nos completion (\w+) >", secs["Install"], re.M):
        r = run(nos, "completion", shell)
        check(r.returncode == 0 and len(r.stdout) > 100, f"nos completion {shell}: exit {r.returncode}")
    # "Colour only on a terminal, never with NO_COLOR set. FORCE_COLOR (any value but 0) forces colour".
    sample = ROOT / "samples" / f"{SAMPLE}.txt"
    plain = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    for extra, coloured in (({}, False), ({"FORCE_COLOR": "1"}, True), ({"FORCE_COLOR": "0"}, False)):
        out = run(nos, "check", sample, env=dict(plain, **extra)).stdout
        check((b"\x1b[" in out) == coloured, f"nos check through a pipe with {extra or 'no colour variable'}: "
              f"{'no ' if coloured else ''}colour")
    check(b"\x1b[" in run(nos, "check", "--color", "always", sample).stdout, "--color always: no colour")
    # Exit 0 when nothing is at or above the failing severity and there are no more warnings than
    # --max-warnings; 1 otherwise. The sample has two warnings and no error.
    for args, want in ((["--max-warnings", "2"], 0), (["--max-warnings", "1"], 1), (["--fail-on", "warning"], 1),
                       ([], 0)):
        r = run(nos, "check", *args, sample)
        check(r.returncode == want, f"nos check {' '.join(args)} (2 warnings): exit {r.returncode}, not {want}")
    d = tmp / "fail_on"
    d.mkdir()
    shutil.copy(sample, d)
    (d / ".nos.yaml").write_text("fail_on: warning\n", encoding="utf-8")
    for args, want in (([], 1), (["--fail-on", "error"], 0)):
        r = run(nos, "check", *args, sample.name, cwd=d)
        check(r.returncode == want, f"fail_on: warning in .nos.yaml, nos check {' '.join(args)}: exit "
              f"{r.returncode}, not {want}")
    print("ok: usage errors, version, completions, colour, failing severity", flush=True)


def try_parse_outputs(nos, readme, tmp):
    """-o onto a directory, a FIFO nobody reads and /dev/null; source.path of a name that is not UTF-8."""
    body = sections(readme)["nos parse"]
    d = tmp / "outputs"
    (d / "dir").mkdir(parents=True)
    os.mkfifo(d / "fifo")
    sample = ROOT / "samples" / f"{SAMPLE}.txt"
    for target, key in (("dir", "is a directory"), ("fifo", "is a FIFO that nobody reads")):
        m = re.search(rf"`({key}[^`]*)`", body)
        if check(m, f"nos parse: the README no longer says `{key}…`"):
            r = run(nos, "parse", sample, "-o", target, cwd=d)
            check(r.returncode == 2 and r.stderr.decode().strip() == f"nos: error: {target}: {m.group(1)}",
                  f"nos parse -o {target}: exit {r.returncode}, {r.stderr.decode().strip()!r}")
    r = run(nos, "parse", sample, "-o", "/dev/null")
    check(r.returncode == 0 and pathlib.Path("/dev/null").is_char_device(), "nos parse -o /dev/null")
    check("with any byte that is not UTF-8 replaced by U+FFFD" in body, "README: the source.path claim is gone")
    name = b"caf\xe9.txt"
    shutil.copy(sample, os.path.join(bytes(d), name))
    r = subprocess.run([bytes(nos), b"parse", b"--format", b"json", name], cwd=d, capture_output=True)
    check(r.returncode == 0 and json.loads(r.stdout)["source"]["path"] == "caf\ufffd.txt",
          f"nos parse of a name not UTF-8: exit {r.returncode}, {r.stdout[:200]!r}")
    print("ok: nos parse's outputs and source.path", flush=True)


def try_convert(nos, readme, tmp):
    """nos convert's mirrored tree, source.path, summary line and report entries as the README shows them."""
    body = sections(readme)["nos convert"]
    d = tmp / "convert"
    (d / "legacy" / "a" / "b").mkdir(parents=True)
    shutil.copy(ROOT / "samples" / "docx" / f"{SAMPLE}.docx", d / "legacy" / "a" / "b" / "SCDHSC0390.docx")
    (d / "legacy" / "broken.docx").write_bytes(b"PK\x03\x04 truncated")
    r = run(nos, "convert", "legacy", "--out-dir", "models", "--report", "report.json", cwd=d)
    check(r.returncode == 1, f"nos convert with a failed input: exit {r.returncode}, not 1")
    check("`legacy/a/b/SCDHSC0390.docx` to\n  `models/a/b/SCDHSC0390.yaml`" in body
          and (d / "models/a/b/SCDHSC0390.yaml").is_file(), "nos convert does not mirror legacy/a/b as shown")
    model = yaml.safe_load((d / "models/a/b/SCDHSC0390.yaml").read_text(encoding="utf-8"))
    check(model["source"]["path"] == "a/b/SCDHSC0390.docx" and "(`a/b/SCDHSC0390.docx`)" in body,
          f"nos convert: source.path is {model['source']['path']!r}, not relative to SRC")
    err = r.stderr.decode().strip().splitlines()
    shown = re.search(r"`(nos convert: \d+ converted.*?)`", body, re.S).group(1).replace("\n", " ")
    pattern = re.sub(r"\d+(\\\.\d+)?", r"\\d+(\\.\\d+)?", re.escape(shown))
    check(err and re.fullmatch(pattern, err[-1]), f"nos convert's summary {err[-1:]} is not of the form {shown!r}")
    check(any(line.startswith("nos: error: legacy/broken.docx: ") for line in err),
          f"nos convert: the failed input is not `nos: error: PATH: reason`: {err}")
    report = json.loads((d / "report.json").read_text(encoding="utf-8"))
    shown = json.loads(code_blocks(body, "json")[0])
    entries = {e["status"]: e for e in report["inputs"]}
    converted, failed = entries.get("converted", {}), entries.get("failed", {})
    check(set(converted) == set(shown) and set(converted["items"]) == set(shown["items"])
          and set(converted["diagnostics"]) == set(shown["diagnostics"]),
          f"nos convert --report: a converted entry is {converted}, the README shows {shown}")
    check(set(failed) == {"path", "status", "output", "error", "ms"}, f"nos convert --report: a failed entry "
          f"is {failed}, not path, status, output, error and ms")
    print("ok: nos convert's tree, source.path, summary and report", flush=True)


def try_walks(nos, readme, tmp):
    """The extensions nos check and nos convert take from a folder (any case), hidden entries left out."""
    secs = sections(readme)
    d = tmp / "walk"
    (d / "tree" / ".hidden").mkdir(parents=True)
    s = ROOT / "samples"
    twins = {"txt": s / f"{SAMPLE}.txt", "docx": s / "docx" / f"{SAMPLE}.docx", "doc": s / "doc" / f"{SAMPLE}.doc",
             "odt": s / "odt" / f"{SAMPLE}.odt", "rtf": s / "rtf" / f"{SAMPLE}.rtf",
             "html": s / "html" / f"{SAMPLE}.html", "htm": s / "html" / f"{SAMPLE}.html",
             "pdf": s / "pdf" / f"{SAMPLE}.pdf"}
    for i, (ext, source) in enumerate(twins.items()):
        shutil.copy(source, d / "tree" / f"n{i}.{ext.upper() if i % 2 else ext}")
    run(nos, "parse", twins["txt"], "-o", d / "tree" / "model.yaml")
    shutil.copy(d / "tree" / "model.yaml", d / "tree" / "model2.yml")
    (d / "tree" / "other.yaml").write_text("name: not a model\n", encoding="utf-8")
    (d / "tree" / "notes.md").write_text("# notes\n", encoding="utf-8")
    shutil.copy(twins["txt"], d / "tree" / ".hidden" / "h.txt")

    def taken(exts, cmd):
        helped = re.findall(r"\*\.(\w+)", help_text(nos, cmd).split("Positionals:")[1].split("Options:")[0])
        check(helped == exts, f"nos {cmd} --help lists {helped}, the README {exts}")
        return {p.name for p in (d / "tree").iterdir() if p.is_file() and p.suffix.lower().lstrip(".") in exts
                and p.name != "other.yaml"}
    listed = re.search(r"nos check standards/ +# every (.*) below it", secs["nos check"]).group(1)
    junit = run(nos, "check", "--format", "junit", "tree", cwd=d).stdout.decode()  # one test suite a file
    checked = {pathlib.Path(name).name for name in re.findall(r'<testsuite name="([^"]*)"', junit)}
    want = taken(re.findall(r"\*\.(\w+)", listed), "check")
    check(checked == want, f"nos check tree/ checked {sorted(checked)}, the README's {listed!r}: {sorted(want)}")
    listed = re.search(r"Only (`\*\.txt`.*?) \(any case\) are taken", secs["nos convert"], re.S).group(1)
    r = run(nos, "convert", "tree", "--out-dir", "models", "--report", "report.json", "--quiet", cwd=d)
    converted = {pathlib.Path(e["path"]).name for e in json.loads((d / "report.json").read_text())["inputs"]}
    want = taken(re.findall(r"\*\.(\w+)", listed), "convert")
    check(converted == want, f"nos convert tree/ took {sorted(converted)}, the README's {listed!r}: {sorted(want)}")
    print("ok: the files nos check and nos convert take from a folder", flush=True)


# ---------------------------------------------------------------------------------------------------
# Formats and encodings


SAMPLES_OF = {"Text export": "*.txt", "DOCX": "docx/*.docx", "ODT": "odt/*.odt", "RTF": "rtf/*.rtf",
              "HTML": "html/*.html", "Word 97–2003 `.doc`": "doc/*.doc", "PDF": "pdf/*.pdf"}


def refused_files(d):
    """Files the formats tables say are refused: {name: (bytes, the README's words, what the error says)}."""
    def zipped(entries):
        p = d / "zip.tmp"
        with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in entries.items():
                z.writestr(name, data)
        return p.read_bytes()

    def ole2(stream):  # the head of a compound file naming one stream: what the formats are told by
        return bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504) + stream.encode("utf-16-le") + bytes(64)
    return {
        "image.png": (b"\x89PNG\r\n\x1a\n" + bytes(32), "Images", "PNG image"),
        "image.jpg": (b"\xff\xd8\xff\xe0" + bytes(32), "Images", "JPEG image"),
        "archive.gz": (b"\x1f\x8b\x08\x00" + bytes(32), "archives", "gzip"),
        "archive.zip": (zipped({"notes.txt": "hello"}), "archives", "not a Word document"),
        "book.xlsx": (zipped({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<w/>"}), "Excel", "Excel"),
        "book.xls": (ole2("Workbook"), "Excel", "Excel"),
        "slides.pptx": (zipped({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>"}),
                        "PowerPoint", "PowerPoint"),
        "slides.ppt": (ole2("PowerPoint Document"), "PowerPoint", "PowerPoint"),
        "sheet.ods": (zipped({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}),
                      "the ODF text mimetype", "spreadsheet"),
        "locked.docx": (ole2("EncryptedPackage"), "password-protected files", "password"),
        "scan.pdf": (minimal_pdf.pdf_bytes([[], []], image_only=True), "scanned PDF", "OCR"),
        "locked.pdf": (minimal_pdf.pdf_bytes([[(50, 50, "P1 text")]], encrypt=True), "password-protected files",
                       "password"),
        "cyrillic.rtf": (b"{\\rtf1\\ansi\\ansicpg1251 \\'c0\\par}", "`\\ansicpg` other than 1252 is refused",
                         "1251"),
        "koi8.html": (b"<!DOCTYPE html><html><head><meta charset=\"koi8-r\"></head><body><p>x</p></body></html>",
                      "other charsets are refused", "koi8-r"),
    }


def try_formats(nos, readme, tmp):
    body = sections(readme)["Input formats"]
    table = table_with(body, ["Format", "Told by", "What is read", "What is not read"])
    d = tmp / "formats"
    d.mkdir()
    rows = [row[0] for row in table[1:]]
    for row in rows:
        if row.startswith("Images"):
            continue
        key = next((k for k in SAMPLES_OF if row.startswith(k)), None)
        if not check(key, f"formats table: no sample for the row {row!r}"):
            continue
        found = nostest.samples(SAMPLES_OF[key])
        if not check(found, f"formats table: samples/{SAMPLES_OF[key]} is empty"):
            continue
        sample = found[0]
        # Told by content, not by extension: the same model from a copy with no extension.
        blind = d / f"{sample.stem}-{key[:4].strip()}"
        shutil.copy(sample, blind)
        a, err = model_without_source(nos, sample)
        b, err2 = model_without_source(nos, blind)
        if check(a is not None, f"formats table: {row}: {sample.name} not read: {err}"):
            check(a == b, f"formats table: {row}: {sample.name} without its extension reads differently: {err2}"
                  f" {nostest.first_difference(a, b) if b else ''}")
            check(a.get("urn") or a.get("performance_criteria"), f"formats table: {row}: {sample.name}: empty model")
    refusals = refused_files(d)
    for name, (data, claim, what) in refusals.items():
        check(claim in body, f"formats: the case for {claim!r} is no longer in the README")
        (d / name).write_bytes(data)
        r = run(nos, "parse", name, cwd=d)
        if one_error_line(r, name, f"formats: {name} ({claim}: refused)"):
            check(what.lower() in r.stderr.decode().lower(), f"formats: {name}: the error does not say what the "
                  f"file is ({what}): {r.stderr.decode().strip()!r}")
    r = run(nos, "parse", "scan.pdf", cwd=d)
    m = re.search(r"a scanned PDF is refused: `([^`]*)`", body)
    if check(m, "README: the scanned PDF's message is gone"):
        check(r.stderr.decode().strip() == f"nos: error: scan.pdf: {m.group(1)}",
              f"formats: scan.pdf: {r.stderr.decode().strip()!r} is not the README's {m.group(1)!r}")
    print(f"ok: {len(rows)} rows of the formats table, {len(refusals)} refusals", flush=True)


def try_locations(nos, readme):
    """Findings are located as the first formats table and the text after it show, in each format."""
    body = sections(readme)["Input formats"]
    table = table_with(body, ["Format", "Read", "Not read", "Locations"])
    shown = [re.search(r"`(file\.\w+:[^`]*)`", row[3]).group(1) for row in table[1:]]
    shown += re.findall(r"`(file\.odt:[^`]*)`", body)
    check(len(shown) == 4, f"formats: the locations shown are {shown}")
    for place in shown:
        ext = re.match(r"file\.(\w+)", place).group(1)
        sample = nostest.samples(f"{ext}/earlyyears-*.{ext}" if ext != "txt" else "earlyyears-*.txt")[0]
        pattern = re.sub(r"\d+", r"\\d+", re.escape(place)).replace(re.escape(f"file.{ext}"), re.escape(str(sample)))
        out = run(nos, "check", sample).stdout.decode()
        check(re.search(rf"^{pattern}: (error|warning|info): ", out, re.M),
              f"formats: no finding of {sample.name} is located as {place!r}: {out[:300]!r}")
    print(f"ok: findings located as shown in {len(shown)} formats", flush=True)


def try_encodings(nos, readme, tmp):
    """UTF-8 with and without BOM, UTF-16 with BOM, Windows-1252, LF, CRLF, CR read alike; mixed refused."""
    body = sections(readme)["Input formats"]
    listed = "UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1252; LF, CRLF, CR"
    check(body.count(listed) == 2, f"formats tables: the text encodings are no longer {listed!r}")
    d = tmp / "encodings"
    d.mkdir()
    # A sample with characters outside ASCII that Windows-1252 has (curly quotes, an accent).
    text = (ROOT / "samples" / f"{SAMPLE}.txt").read_text(encoding="utf-8")
    text = text.replace("food", "café food", 1).replace("'", "’")
    assert "é" in text
    (d / "utf8.txt").write_text(text, encoding="utf-8")
    want, err = model_without_source(nos, d / "utf8.txt")
    assert want is not None, err
    variants = {
        "utf8-bom.txt": b"\xef\xbb\xbf" + text.encode(),
        "utf16le-bom.txt": text.encode("utf-16"),
        "utf16be-bom.txt": b"\xfe\xff" + text.encode("utf-16-be"),
        "cp1252.txt": text.encode("cp1252"),
        "crlf.txt": text.replace("\n", "\r\n").encode(),
        "cr.txt": text.replace("\n", "\r").encode(),
    }
    for name, data in variants.items():
        (d / name).write_bytes(data)
        got, err = model_without_source(nos, d / name)
        if check(got is not None, f"encodings: {name} not read: {err}"):
            check(got == want, f"encodings: {name}: {nostest.first_difference(want, got)}")
    # "A file of damaged or mixed UTF-8 … in either order is refused with the line and byte".
    check(re.search(r"mixed UTF-8 \(a valid multi-byte sequence and a bad\s+byte anywhere in the file, in "
                    r"either order\) is refused", readme), "README: the mixed-bytes claim is gone")
    lines = text.split("\n")
    for name, before, after in (("mixed-1252-first.txt", b"caf\xe9", "café".encode()),
                                ("mixed-utf8-first.txt", "café".encode(), b"caf\xe9")):
        data = "\n".join(lines[:3]).encode() + b"\n" + before + b"\n" + "\n".join(lines[3:6]).encode() + b"\n" \
            + after + b"\n"
        (d / name).write_bytes(data)
        r = run(nos, "parse", name, cwd=d)
        if one_error_line(r, name, f"encodings: {name} (mixed bytes are refused)"):
            check(re.search(r"line \d+", r.stderr.decode()), f"encodings: {name}: the error names no line")
    # HTML: "not UTF-8 without a charset reads as Windows-1252".
    check("not UTF-8 without a charset reads as Windows-1252" in body, "README: the HTML charset claim is gone")
    (d / "page.html").write_bytes(b"<!DOCTYPE html><html><body><p>Overview</p><p>caf\xe9 \x93food\x94</p>"
                                  b"</body></html>")
    r = run(nos, "parse", "--format", "json", d / "page.html")
    check(r.returncode == 0 and "caf\u00e9 \u201cfood\u201d" in r.stdout.decode(),
          f"HTML without a charset, not UTF-8, is not read as Windows-1252: {r.stdout.decode()[:300]!r}")
    print(f"ok: {len(variants) + 1} encodings and line ends, mixed bytes refused", flush=True)


# ---------------------------------------------------------------------------------------------------
# Limits


READING_COMMANDS = ("parse", "check", "convert", "diff", "export", "fix")


def try_limits(nos, readme, tmp):
    body = sections(readme)["Limits"]
    table = table_with(body, ["Limit", "Default", "Option", "Error when exceeded"])
    helps = {cmd: help_text(nos, cmd) for cmd in READING_COMMANDS}
    options = set()
    for row in table[1:]:
        for opt in re.findall(r"`(--[a-z-]+)", row[2]):
            options.add(opt)
            for cmd, text in helps.items():
                check(re.search(rf"^\s*{opt}\b", text, re.M), f"Limits: {opt} is not in `nos {cmd} --help`")
    messages = {row[0]: (row[1], row[3]) for row in table[1:]}
    d = tmp / "limits"
    d.mkdir()

    tried = []

    def expect(limit, args, files, which=0, value=None):
        """nos ARGS gives `nos: error: PATH: MESSAGE`, MESSAGE the README's WHICHth for LIMIT (with VALUE for
        the default when ARGS set the limit; "…" stands for the rest, N and B for numbers)."""
        tried.append(limit)
        if not check(limit in messages, f"Limits: no row {limit!r}"):
            return
        for name, data in files.items():
            if isinstance(data, bytes):
                (d / name).write_bytes(data)
            else:  # a size: a sparse file
                (d / name).write_bytes(b"")
                os.truncate(d / name, data)
        default, cell = messages[limit]
        documented = re.findall(r"`([^`]*)`", cell)[which]
        message = re.sub(r"^LINE:COL: ", "", documented.replace(default, value) if value else documented)
        pattern = re.sub(r"\b[NB]\b", r"\\d+", re.escape(message)).replace("…", ".*")
        r = run(nos, *args, cwd=d)
        err = r.stderr.decode(errors="replace").strip()
        check(r.returncode == 2 and re.fullmatch(rf"nos: error: [^:]+(:\d+:\d+)?: {pattern}", err),
              f"Limits: {limit}: `nos {' '.join(map(str, args))}` gives exit {r.returncode}, {err[:300]!r}, "
              f"not the README's {documented!r}")

    expect("input file (any document format, or a YAML model for `check`)", ["parse", "big.txt"],
           {"big.txt": 65 * 2**20})
    expect("one text line", ["parse", "long.txt"], {"long.txt": b"Overview\n" + b"x" * (2**20 + 1) + b"\n"})
    zip_path = d / "entries.docx"
    with zipfile.ZipFile(zip_path, "w") as z:
        for i in range(10001):
            z.writestr(f"e{i}", b"")
    expect("entries in a DOCX", ["parse", "entries.docx"], {})
    deep = b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>" \
        + b"<w:p>" * 300 + b"</w:p>" * 300 + b"</w:body></w:document>"
    with zipfile.ZipFile(d / "deep.docx", "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", deep)
    expect("XML nesting in a DOCX part", ["parse", "deep.docx"], {})
    with zipfile.ZipFile(d / "bomb.docx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<" + b" " * (65 * 2**20))
    expect("one inflated DOCX part", ["parse", "bomb.docx"], {})
    with zipfile.ZipFile(d / "bomb.odt", "w") as z:  # the mimetype stored first, as ODF requires
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", b"<" + b" " * (65 * 2**20), zipfile.ZIP_DEFLATED)
    expect("one inflated ODT part", ["parse", "bomb.odt"], {})
    expect("pages in a PDF", ["parse", "pages.pdf"], {"pages.pdf": minimal_pdf.pdf_bytes([[]] * 5001)})
    expect("grammar file", ["parse", "--grammar", "big-grammar.yaml", ROOT / "samples" / f"{SAMPLE}.txt"],
           {"big-grammar.yaml": b"# " + b"x" * (2**20) + b"\n"})
    expect("`.nos.yaml`", ["check", "--config", "big.nos.yaml", ROOT / "samples" / f"{SAMPLE}.txt"],
           {"big.nos.yaml": b"# " + b"x" * (2**20) + b"\n"})
    expect("YAML nesting (grammar, config, model)", ["check", "--config", "nested.nos.yaml",
                                                     ROOT / "samples" / f"{SAMPLE}.txt"],
           {"nested.nos.yaml": b"rules: " + b"[" * 2100 + b"]" * 2100 + b"\n"})
    laughs = "a0: &a0 [\"" + "x" * 1000 + "\"]\n" + "".join(
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 6))
    expect("a YAML model, grammar or config with its aliases expanded (the bytes of every string reached, an "
           "alias counted each time it is used, plus 16 bytes a node)",
           ["check", "--config", "laughs.nos.yaml", ROOT / "samples" / f"{SAMPLE}.txt"],
           {"laughs.nos.yaml": laughs.encode()})
    chain = "a0: &a0 [x]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}]\n" for i in range(1, 1100))
    expect("nesting of a YAML model, grammar or config with its aliases expanded",
           ["check", "--config", "chain.nos.yaml", ROOT / "samples" / f"{SAMPLE}.txt"],
           {"chain.nos.yaml": chain.encode()})
    nesting = "nesting of ODT elements, RTF groups, HTML elements"
    with zipfile.ZipFile(d / "deep.odt", "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
                   'office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
                   '<office:text>' + "<text:span>" * 300 + "x" + "</text:span>" * 300
                   + "</office:text></office:body></office:document-content>")
    expect(nesting, ["parse", "deep.odt"], {}, 0)
    expect(nesting, ["parse", "deep.rtf"], {"deep.rtf": b"{\\rtf1\\ansi " + b"{" * 300 + b"x" + b"}" * 300 + b"}"}, 1)
    expect(nesting, ["parse", "deep.html"],
           {"deep.html": b"<!DOCTYPE html><html><body>" + b"<div>" * 300 + b"x" + b"</div>" * 300}, 2)
    rendered = "text an ODT, RTF, HTML or `.doc` renders to, and an HTML page itself"
    expect(rendered, ["parse", "--max-part-size", "1", "big.rtf"],
           {"big.rtf": b"{\\rtf1\\ansi " + b"word " * 300000 + b"\\par}"}, 1, "1 MiB")
    expect(rendered, ["parse", "--max-part-size", "1", "big.html"],
           {"big.html": b"<!DOCTYPE html><html><body><p>" + b"word " * 300000}, 4, "1 MiB")
    # The caps that cut a report: one too-many-findings finding per cut, the exit code as without the cut.
    caps = table_with(body, ["Limit", "Default", "Option", "Finding when exceeded"])
    sample = ROOT / "samples" / "earlyyears-SCDCCLD0418.txt"  # 3 missing-section, 2 missing-label, 7 in all
    uncut = run(nos, "check", sample).returncode
    for _, default, option, finding in caps[1:]:
        opt = re.match(r"`(--[a-z-]+) N`", option).group(1)
        message = re.findall(r"`([^`]*)`", finding)[0].replace(f"{opt} {default.replace(',', '')})", f"{opt} 1)")
        pattern = re.sub(r"\bN\b", r"\\d+", re.escape(message).replace("RULE", "[a-z-]+"))
        r = run(nos, "check", opt, "1", sample)
        out = r.stdout.decode()
        check(re.search(rf"^\S+: (error|warning|info): {pattern} \[too-many-findings\]$", out, re.M)
              and r.returncode == uncut, f"Limits: {opt} 1 gives exit {r.returncode} (uncut {uncut}) and no "
              f"finding {message!r}: {out[-600:]!r}")
    print(f"ok: Limits: {len(options)} options in --help, {len(set(tried))} of {len(messages)} limits exceeded",
          flush=True)


# ---------------------------------------------------------------------------------------------------
# An unreadable file in every --format


def try_unreadable_in_formats(nos, readme, tmp):
    table = table_with(sections(readme)["nos check"], ["`--format`", "What"])
    d = tmp / "unreadable"
    d.mkdir()
    shutil.copy(ROOT / "samples" / "retail-INSRET014.txt", d / "good.txt")
    (d / "bad.docx").write_bytes(b"PK\x03\x04 truncated")
    described = {row[0].strip("`"): row[1] for row in table[1:]}
    for fmt, what in described.items():
        r = run(nos, "check", "--format", fmt, "good.txt", "bad.docx", cwd=d)
        out = r.stdout.decode()
        check(r.returncode == 2, f"--format {fmt}: an unreadable file gives exit {r.returncode}, not 2")
        if fmt == "json":
            report = json.loads(out)
            keys = re.search(r"an array of `\{([^}]*)\}`", what).group(1).split(", ")
            good = [f for f in report["findings"] if f["path"] == "good.txt"]
            check(good and all(sorted(f) == sorted(keys) for f in good) and set(report) == {"findings", "properties"}
                  and report["properties"]["nosConfigs"] == ["built-in defaults"],
                  f"--format json: not {{findings: [{{{', '.join(keys)}}}], properties: {{nosConfigs}}}}: {good}")
            entries = [f for f in report["findings"] if f["path"] == "bad.docx"]
            check(len(entries) == 1 and entries[0]["rule"] == "unreadable" and entries[0]["severity"] == "error"
                  and entries[0]["line"] is None and "rule: \"unreadable\"" in what,
                  f"--format json: the unreadable file is not an entry as the README says: {entries}")
        elif fmt == "sarif":
            run_ = json.loads(out)["runs"][0]
            check(run_["properties"]["nosConfigs"] == ["built-in defaults"] and "`built-in defaults` for none" in what,
                  f"--format sarif: properties.nosConfigs is {run_.get('properties')}, not the built-in defaults")
            notes = run_.get("invocations", [{}])[0].get("toolExecutionNotifications", [])
            check(len(notes) == 1 and notes[0]["level"] == "error"
                  and run_["invocations"][0]["executionSuccessful"] is False
                  and "toolExecutionNotifications" in what,
                  f"--format sarif: the unreadable file is not a tool execution notification: {notes}")
        elif fmt == "github":
            check(re.search(r"^::error file=bad\.docx,title=unreadable::.+", out, re.M)
                  and "title=unreadable" in what, f"--format github: no unreadable annotation: {out[:300]!r}")
        elif fmt == "junit":
            check('<error type="unreadable"' in out and re.search(r'errors="1"', out)
                  and 'type="unreadable"' in what, f"--format junit: no unreadable error: {out[:400]!r}")
        else:
            fail(f"--format {fmt}: the README describes a format this test does not try")
    r = run(nos, "check", "good.txt", "bad.docx", cwd=d)
    check(re.search(r"; 1 could not be read$", r.stdout.decode().strip()), "the text summary does not say "
          f"'…; 1 could not be read': {r.stdout.decode().strip()[-200:]!r}")
    print(f"ok: an unreadable file named in {len(described) + 1} formats", flush=True)


# ---------------------------------------------------------------------------------------------------
# Configuration


def try_config(nos, readme, tmp):
    body = sections(readme)["Configuration (.nos.yaml)"]
    d = tmp / "config"
    (d / "grammars").mkdir(parents=True)
    shutil.copy(ROOT / "grammars" / "nos.yaml", d / "grammars")
    shutil.copy(ROOT / "samples" / "retail-INSRET014.txt", d / "a.txt")
    examples = code_blocks(body, "yaml")
    check(len(examples) == 1, f"Configuration: {len(examples)} YAML examples, expected 1")
    example = examples[0]
    keys = set(yaml.safe_load(example))
    (d / ".nos.yaml").write_text(example, encoding="utf-8")
    run(nos, "check", "--write-baseline", "nos-baseline.json", "a.txt", cwd=d)
    r = run(nos, "check", "a.txt", cwd=d)
    check(r.returncode in (0, 1), f"Configuration: the README's example does not load: {r.stderr.decode()[:300]}")
    r = run(nos, "check", "--verbose", "a.txt", cwd=d)
    check(".nos.yaml" in r.stderr.decode(), "Configuration: --verbose does not name the .nos.yaml used")

    # Every value the example's comments list for a rule and for fail_on.
    settings = re.search(r"^rules: +# (.*)$", example, re.M).group(1).split(" | ")
    fail_on = re.search(r"^fail_on: .*# (.*)$", example, re.M).group(1).replace(" (default)", "").split(" | ")
    check(len(settings) == 6 and len(fail_on) == 3, f"Configuration: the example's comments list {settings}, "
          f"{fail_on}")
    for text in [f"rules: {{whitespace: {v}}}" for v in settings if "{" not in v] + [
            "rules: {whitespace: {severity: info, enabled: true}}"] + [f"fail_on: {v}" for v in fail_on]:
        (d / "value.nos.yaml").write_text(text + "\n", encoding="utf-8")
        r = run(nos, "check", "--config", "value.nos.yaml", "a.txt", cwd=d)
        check(r.returncode in (0, 1), f"Configuration: `{text}` refused: {r.stderr.decode()[:200]}")
    # Every option whose range the README gives: inside accepted, outside refused (exit 2).
    catalogue = json.loads(run(nos, "rules", "--format", "json").stdout)
    opts = re.search(r"option out of its range \((.*?)\), and a string", body, re.S).group(1)
    named = re.findall(r"`(\w+)`(?: and `(\w+)`)? ([\d.]+) to ([\d.]+|10[⁰¹²³⁴⁵⁶⁷⁸⁹]+)", opts)
    check(len(named) >= 6, f"Configuration: the option ranges are no longer read from the README: {opts!r}")
    for first, second, low, high in named:
        for opt in filter(None, (first, second)):
            rule = next((r["id"] for r in catalogue if opt in json.dumps(r.get("options", {}))), None)
            if not check(rule, f"Configuration: no rule of `nos rules --format json` has the option {opt}"):
                continue
            lo = float(low)
            for value, ok in ((low, True), (lo - 1 if lo >= 1 else -0.5, False)):
                (d / "opt.nos.yaml").write_text(f"rules:\n  {rule}: {{{opt}: {value}}}\n", encoding="utf-8")
                r = run(nos, "check", "--config", "opt.nos.yaml", "a.txt", cwd=d)
                err = r.stderr.decode()
                if ok:
                    check(r.returncode in (0, 1), f"Configuration: {rule}: {{{opt}: {value}}} refused: {err[:200]}")
                else:
                    check(r.returncode == 2 and opt in err,
                          f"Configuration: {rule}: {{{opt}: {value}}} is not refused naming {opt}: {err[:200]}")
    # An unknown key, with its line and a suggestion.
    (d / "typo.nos.yaml").write_text("fail_on: warning\nrulez: {whitespace: off}\n", encoding="utf-8")
    r = run(nos, "check", "--config", "typo.nos.yaml", "a.txt", cwd=d)
    err = r.stderr.decode()
    check(r.returncode == 2 and "typo.nos.yaml:2:" in err and "rulez" in err and "'rules'" in err,
          f"Configuration: an unknown key is not refused with its line and a suggestion: {err[:300]!r}")
    # A string that is not UTF-8: PATH:LINE:COL: not valid UTF-8; save the file as UTF-8.
    m = re.search(r"`\.nos\.yaml:\d+:\d+: ([^`]*)`", body)
    if check(m, "Configuration: the non-UTF-8 message is gone from the README"):
        (d / "bytes.nos.yaml").write_bytes(b"ignore_findings:\n  SCDHSC0390:\n    P1: [caf\xe9]\n")
        r = run(nos, "check", "--format", "json", "--config", "bytes.nos.yaml", "a.txt", cwd=d)
        err = r.stderr.decode(errors="replace").strip()
        check(r.returncode == 2 and err == f"nos: error: bytes.nos.yaml:3:13: {m.group(1)}",
              f"Configuration: a bad byte gives {err!r}, exit {r.returncode}, not the README's {m.group(1)!r}")
    # nos check --init writes a commented default that loads, and never overwrites one.
    init = d / "init"
    init.mkdir()
    shutil.copy(d / "a.txt", init)
    r = run(nos, "check", "--init", cwd=init)
    check(r.returncode == 0 and (init / ".nos.yaml").is_file(), f"nos check --init: {r.stderr.decode()[:200]}")
    first = (init / ".nos.yaml").read_bytes()
    check(run(nos, "check", "a.txt", cwd=init).returncode in (0, 1), "the --init config does not load")
    (init / ".nos.yaml").write_text("fail_on: info\n", encoding="utf-8")
    r = run(nos, "check", "--init", cwd=init)
    check(r.returncode != 0 and (init / ".nos.yaml").read_text() == "fail_on: info\n",
          "nos check --init overwrote an existing .nos.yaml")
    check(b"#" in first, "nos check --init: the default is not commented")
    print(f"ok: Configuration example ({len(keys)} keys), {len(named)} option ranges, errors", flush=True)


# ---------------------------------------------------------------------------------------------------
# Rules, CI


def try_rules(nos, readme):
    table = table_with(sections(readme)["Rules"], ["Rule", "Default", "Finds"])
    readme_rules = {row[0].strip("`"): (row[1], row[2]) for row in table[1:]}
    catalogue = {r["id"]: (r["severity"], r["summary"]) for r in
                 json.loads(run(nos, "rules", "--format", "json").stdout)}
    for rule in sorted(set(readme_rules) | set(catalogue)):
        if not check(rule in readme_rules and rule in catalogue,
                     f"rule {rule}: only in {'the README' if rule in readme_rules else '`nos rules`'}"):
            continue
        # The README's summary is `nos rules`' (its code spans aside), and may add a remark in parentheses.
        severity, summary = readme_rules[rule]
        summary = re.sub(r" \([^()]*\)$", "", summary.replace("`", ""))
        check((severity, summary) == catalogue[rule],
              f"rule {rule}: README says {readme_rules[rule]}, `nos rules` says {catalogue[rule]}")
    check(list(readme_rules) == list(catalogue), "Rules: the README's table is not in the order of `nos rules`")
    print(f"ok: {len(readme_rules)} rules in the README are `nos rules`", flush=True)


def try_ci(nos, readme):
    body = sections(readme)["CI integration"]
    docs = [yaml.safe_load(b) for b in code_blocks(body, "yaml")]
    check(len(docs) == 2, f"CI integration: {len(docs)} YAML examples, expected the workflow and pre-commit")
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    inputs = action["inputs"]
    workflow = next((x for x in docs if "jobs" in x), None)
    if check(workflow, "CI integration: no GitHub workflow"):
        steps = [s for job in workflow["jobs"].values() for s in job["steps"] if "nos@" in s.get("uses", "")]
        check(len(steps) == 1 and set(steps[0].get("with", {})) <= set(inputs),
              f"CI integration: the workflow's inputs are not action.yml's: {steps}")
    # "Its inputs: `paths` (…, default `.`), `fail-on` (…; default `error`) …"
    listed = re.search(r"Its inputs: (.*?)\. Its steps", body, re.S).group(1)
    names = re.findall(r"`([a-z-]+)` \(", listed)
    check(set(names) == set(inputs), f"CI integration: the README lists inputs {names}, action.yml has "
          f"{sorted(inputs)}")
    for name, default in re.findall(r"`([a-z-]+)` \([^()]*?default `([^`]*)`", listed):
        check(str(inputs.get(name, {}).get("default")) == default,
              f"CI integration: input {name}: README default {default!r}, action.yml {inputs.get(name)}")
    precommit = next((x for x in docs if "repos" in x), None)
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    if check(precommit, "CI integration: no pre-commit configuration"):
        ids = {h["id"] for repo in precommit["repos"] for h in repo["hooks"]}
        check(ids <= {h["id"] for h in hooks}, f"CI integration: hooks {ids} not in .pre-commit-hooks.yaml")
    for hook in hooks:
        entry = hook["entry"].split()
        helptext = help_text(nos, entry[1])
        for opt in entry[2:]:
            check(opt in helptext, f".pre-commit-hooks.yaml: {opt} is not in `nos {entry[1]} --help`")
    # The VS Code task is JSON whose command is a nos check the examples' options allow.
    editors = sections(readme)["Editors"]
    for block in code_blocks(editors, "json"):
        task = json.loads(block)
        cmd = task["command"].split()
        helptext = help_text(nos, cmd[1])
        for opt in (c for c in cmd if c.startswith("-")):
            check(opt in helptext, f"Editors: the VS Code task's {opt} is not in `nos {cmd[1]} --help`")
    print("ok: CI examples are valid and name what exists", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--nos", required=True)
    ap.add_argument("--readme", default=str(ROOT / "README.md"))
    args = ap.parse_args()
    nos = pathlib.Path(args.nos).resolve()
    readme = pathlib.Path(args.readme).read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="nos-readme-") as t:
        tmp = pathlib.Path(t)
        try_rules(nos, readme)
        try_ci(nos, readme)
        try_exit_codes(nos, readme, tmp)
        try_cli(nos, readme, tmp)
        try_parse_outputs(nos, readme, tmp)
        try_convert(nos, readme, tmp)
        try_walks(nos, readme, tmp)
        try_formats(nos, readme, tmp)
        try_locations(nos, readme)
        try_encodings(nos, readme, tmp)
        try_unreadable_in_formats(nos, readme, tmp)
        try_config(nos, readme, tmp)
        try_limits(nos, readme, tmp)
        try_examples(nos, readme, tmp)
    if failures:
        print(f"{len(failures)} README claims do not hold", file=sys.stderr)
        return 1
    print("every README claim tried holds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
