#!/usr/bin/env python3
"""nos lsp driven by a scripted client, as an editor drives it: a broken draft gets its findings where
nos check puts them, a clean document and a closed one get none, an edit re-checks, a YAML model is checked
like its source, a finding's quick fix mends it, and bad messages get protocol errors without ending the
server.

    tests/lsp/client.py --nos build-test/nos
"""
import argparse
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parents[2]
BROKEN = "Performance criteria\nYou must be able to:\nP1 do one thing\nP3 do another\n"


class Client:
    def __init__(self, nos, cwd):
        self.proc = subprocess.Popen([nos, "lsp"], cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 1

    def send(self, message):
        body = json.dumps(message).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def receive(self):
        length = None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise SystemExit("lsp: the server closed its output")
            line = line.strip()
            if not line:
                break
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        return json.loads(self.proc.stdout.read(length))

    def request(self, method, params):
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        self.next_id += 1
        return self.receive()

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def diagnostics(self, uri):
        message = self.receive()
        assert message.get("method") == "textDocument/publishDiagnostics", message
        assert message["params"]["uri"] == uri, message
        return message["params"]["diagnostics"]


def check(condition, what):
    if not condition:
        raise SystemExit(f"lsp: {what}")


def problem_matcher():
    """The README's VS Code problem matcher takes every finding line of nos check's text output."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```json\n(.*?)```", readme, re.S) if "problemMatcher" in b)
    pattern = json.loads(block)["problemMatcher"]["pattern"]
    regexp = re.compile(pattern["regexp"])
    seen = set()
    for golden in ("samples.text", "pdf.text"):
        for line in (REPO / "tests/golden/check" / golden).read_text(encoding="utf-8").splitlines():
            if not re.search(r": (error|warning|info): .* \[[a-z0-9-]+\]$", line):
                continue
            m = regexp.match(line)
            check(m, f"the problem matcher misses: {line}")
            check(line.startswith(m.group(pattern["file"]) + ":"), f"wrong file in: {line}")
            seen.add("line" if m.group(pattern["line"]) else "docx" if ":para " in line else "page" if ":page " in line
                     else "document")
    check(seen == {"line", "docx", "page", "document"}, f"the goldens no longer show every kind: {seen}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--nos", required=True)
    nos = os.path.abspath(parser.parse_args().nos)
    problem_matcher()
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        clean = (REPO / "samples/agriculture-LANHOR23.txt").read_text(encoding="utf-8")
        model = subprocess.run([nos, "parse", str(REPO / "samples/agriculture-LANHOR23.txt")],
                               capture_output=True, text=True, check=True).stdout
        (work / "other.yaml").write_text("name: not a standard\n")
        client = Client(nos, work)

        reply = client.request("shutdown", None)
        check(reply["error"]["code"] == -32002, f"a request before initialize: {reply}")
        reply = client.request("initialize", {"capabilities": {}, "rootUri": (work).as_uri()})
        check(reply["result"]["capabilities"]["textDocumentSync"]["change"] == 1, f"initialize: {reply}")
        check(reply["result"]["capabilities"]["positionEncoding"] == "utf-16", "utf-16 unless offered utf-32")
        client.notify("initialized", {})

        # A broken draft: the numbering gap where nos check puts it (line 4, 0-based 3), as an error.
        draft = (work / "draft.txt").as_uri()
        client.notify("textDocument/didOpen",
                      {"textDocument": {"uri": draft, "languageId": "plaintext", "version": 1, "text": BROKEN}})
        found = client.diagnostics(draft)
        expected = subprocess.run([nos, "check", "--format", "json", "-"], input=BROKEN, capture_output=True,
                                  text=True, cwd=work).stdout
        rules = sorted(f["rule"] for f in json.loads(expected)["findings"])
        check(sorted(d["code"] for d in found) == rules, f"draft: {found} against nos check's {rules}")
        gap = next(d for d in found if d["code"] == "numbering-gap")
        check(gap["range"]["start"]["line"] == 3 and gap["severity"] in (1, 2) and gap["source"] == "nos",
              f"numbering-gap: {gap}")

        # The draft mended in the editor: re-checked, nothing left but what the clean text has.
        client.notify("textDocument/didChange",
                      {"textDocument": {"uri": draft, "version": 2}, "contentChanges": [{"text": clean}]})
        check(client.diagnostics(draft) == [], "the mended draft still has findings")

        # A quick fix: the doubled space's code action, applied as the editor would, leaves no finding.
        lines = BROKEN.replace("P1 do one thing", "P1 do  one thing").split("\n")
        client.notify("textDocument/didChange", {"textDocument": {"uri": draft, "version": 3},
                                                 "contentChanges": [{"text": "\n".join(lines)}]})
        found = client.diagnostics(draft)
        check(any(d["code"] == "whitespace" for d in found), f"no whitespace finding: {found}")
        reply = client.request("textDocument/codeAction", {"textDocument": {"uri": draft},
                                                          "range": {"start": {"line": 2, "character": 0},
                                                                    "end": {"line": 2, "character": 0}},
                                                          "context": {"diagnostics": found}})
        fixes = [a for a in reply["result"] if a["diagnostics"][0]["code"] == "whitespace"]
        check(len(fixes) == 1 and fixes[0]["kind"] == "quickfix" and fixes[0]["isPreferred"],
              f"code actions: {reply}")
        for edit in fixes[0]["edit"]["changes"][draft]:
            r = edit["range"]
            check(r["start"]["line"] == r["end"]["line"] == 2, f"edit: {edit}")
            line = lines[2]
            lines[2] = line[:r["start"]["character"]] + edit["newText"] + line[r["end"]["character"]:]
        check(lines[2] == "P1 do one thing", f"the fixed line reads {lines[2]!r}")
        client.notify("textDocument/didChange", {"textDocument": {"uri": draft, "version": 4},
                                                 "contentChanges": [{"text": "\n".join(lines)}]})
        check(not any(d["code"] == "whitespace" for d in client.diagnostics(draft)), "the fix did not mend it")

        # An unsafe quick fix's title says what it does: the label of a section placed by its position.
        guessed = "ABC01\nServe customers\nServing customers well matters to every business.\n" + BROKEN
        client.notify("textDocument/didChange", {"textDocument": {"uri": draft, "version": 5},
                                                 "contentChanges": [{"text": guessed}]})
        found = client.diagnostics(draft)
        reply = client.request("textDocument/codeAction", {"textDocument": {"uri": draft},
                                                          "range": {"start": {"line": 2, "character": 0},
                                                                    "end": {"line": 2, "character": 0}},
                                                          "context": {"diagnostics": found}})
        titles = [a["title"] for a in reply["result"] if a["diagnostics"][0]["code"] == "missing-label"]
        check(titles == ["Add the label 'Overview' before the section (unsafe: where the section starts is a "
                         "guess)"], f"the missing label's code action: {titles}")

        # A model of a clean document: no findings; the same model broken: its schema error.
        yaml_uri = (work / "model.yaml").as_uri()
        client.notify("textDocument/didOpen",
                      {"textDocument": {"uri": yaml_uri, "languageId": "yaml", "version": 1, "text": model}})
        check(client.diagnostics(yaml_uri) == [], "a clean model has findings")
        broken_model = re.sub(r"^urn: .*$", "urn: 12", model, count=1, flags=re.M)
        client.notify("textDocument/didChange", {"textDocument": {"uri": yaml_uri, "version": 2},
                                                 "contentChanges": [{"text": broken_model}]})
        check(client.diagnostics(yaml_uri) != [], "a model whose URN is a number has no findings")

        # Other YAML in the repository is passed over.
        other = (work / "other.yaml").as_uri()
        client.notify("textDocument/didOpen", {"textDocument": {"uri": other, "languageId": "yaml", "version": 1,
                                                                "text": "name: not a standard\n"}})
        check(client.diagnostics(other) == [], "a YAML file that is not a model has findings")

        # Closing clears the document's findings.
        client.notify("textDocument/didClose", {"textDocument": {"uri": draft}})
        check(client.diagnostics(draft) == [], "closing does not clear")

        # Bad messages: protocol errors, and the server goes on.
        client.send_raw(b"Content-Length: 5\r\n\r\n{oops")
        check(client.receive()["error"]["code"] == -32700, "bad JSON")
        reply = client.request("textDocument/hover", {})
        check(reply["error"]["code"] == -32601, f"an unknown method: {reply}")

        check(client.request("shutdown", None)["result"] is None, "shutdown")
        client.notify("exit", None)
        check(client.proc.wait(timeout=10) == 0, "exit after shutdown is not 0")
    print("lsp: ok")


if __name__ == "__main__":
    main()
