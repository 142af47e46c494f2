#!/usr/bin/env python3
"""Drive taplo's language server over stdio, as an editor would, and check what it offers.

Opens examples/policies/voice_agent.toml and checks that the editor underlines nothing in it,
that hover on `push_credential_sid` shows that key's description from the policy schema, that
completion inside `[voice]` offers `incoming`, `outgoing`, `push_credential_sid` and
`endpoint_id`, and that `incomming` typed in its place is underlined. The schema is found as taplo
finds it: the document's `#:schema` line, else the `.taplo.toml` rule whose `include` matches.

    python3 .ci/taplo_lsp.py [--root DIR] [--timeout SECONDS] [--log] -- taplo lsp stdio

Everything after `--` is the server's command line (wrap it in `unshare --net` to prove that
nothing is fetched). Exits 0 when every check passes, 1 when one fails, 2 on a protocol error or
time-out; the server is killed either way. Standard library only.
"""

import argparse
import fnmatch
import json
import os
import queue
import subprocess
import sys
import threading
import time
import tomllib
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse
from urllib.request import pathname2url

DOCUMENT = "examples/policies/voice_agent.toml"
HOVER_KEY = "push_credential_sid"
TABLE = "voice"
COMPLETION_KEYS = ["incoming", "outgoing", "push_credential_sid", "endpoint_id"]
TYPO = ("incoming", "incomming")

# taplo asks for its settings under this section (its default, Even Better TOML's). No schema
# catalogs: offline, the schema comes from .taplo.toml or the `#:schema` line alone.
CONFIGURATION_SECTION = "evenBetterToml"
SETTINGS = {
    "schema": {"enabled": True, "catalogs": [], "associations": {}, "links": False},
    "taplo": {"configFile": {"enabled": True}},
}


class Failure(Exception):
    """A check that did not pass: exit 1."""


class ProtocolError(Exception):
    """The server misbehaved, died or was too slow: exit 2."""


def file_uri(path):
    return "file://" + pathname2url(str(path))


def utf16_len(text):
    return len(text.encode("utf-16-le")) // 2


class Server:
    """A language server child process, spoken to in JSON-RPC with Content-Length frames."""

    def __init__(self, command, cwd, deadline):
        self.deadline = deadline
        self.process = subprocess.Popen(
            command,
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.messages = queue.Queue()
        self.stderr = []
        self.next_id = 1
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _read_stdout(self):
        stream = self.process.stdout
        try:
            while True:
                length = None
                while True:
                    line = stream.readline()
                    if not line:
                        return
                    line = line.strip()
                    if not line:
                        break
                    name, _, value = line.decode("ascii").partition(":")
                    if name.lower() == "content-length":
                        length = int(value)
                if length is None:
                    raise ProtocolError("a message without Content-Length")
                self.messages.put(json.loads(stream.read(length)))
        except (OSError, ValueError, ProtocolError) as error:  # for whoever waits next
            self.messages.put(error)
        finally:
            self.messages.put(None)

    def _read_stderr(self):
        for line in self.process.stderr:
            self.stderr.append(line.decode("utf-8", "replace").rstrip())

    def send(self, message):
        message["jsonrpc"] = "2.0"
        body = json.dumps(message).encode("utf-8")
        try:
            self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.process.stdin.flush()
        except (BrokenPipeError, OSError) as error:
            raise ProtocolError(f"the server closed its input: {error}") from error

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def request(self, method, params):
        """Sends a request and waits for its response, answering the server's own requests."""
        request_id = self.next_id
        self.next_id += 1
        self.send({"id": request_id, "method": method, "params": params})
        response = self.wait(lambda m: m.get("id") == request_id and "method" not in m, method)
        if "error" in response:
            raise ProtocolError(f"{method} failed: {response['error']}")
        return response.get("result")

    def wait(self, wanted, what, quiet=None):
        """Reads messages until `wanted` matches one, answering the server's requests meanwhile.

        With `quiet`, returns None once that many seconds pass with no message that matches.
        """
        while True:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                raise ProtocolError(f"timed out waiting for {what}")
            try:
                message = self.messages.get(timeout=min(remaining, quiet or remaining))
            except queue.Empty:
                if quiet is not None and remaining > quiet:
                    return None
                raise ProtocolError(f"timed out waiting for {what}") from None
            if message is None:
                raise ProtocolError(f"the server exited while waiting for {what}")
            if isinstance(message, Exception):
                raise ProtocolError(f"unreadable message from the server: {message}")
            if "method" in message and "id" in message:
                self.answer(message)
            if wanted(message):
                return message

    def answer(self, request):
        method = request["method"]
        if method == "workspace/configuration":
            items = request["params"]["items"]
            result = [
                SETTINGS if i.get("section") == CONFIGURATION_SECTION else None for i in items
            ]
        else:
            # client/registerCapability, window/workDoneProgress/create and the like.
            result = None
        self.send({"id": request["id"], "result": result})

    def diagnostics(self, uri, quiet=1.0):
        """The diagnostics for `uri` once the server has settled: it publishes a document's
        syntax errors first and its schema errors after, so the last of a burst counts."""
        what = "the diagnostics of " + uri
        last = self.wait(lambda m: is_diagnostics(m, uri), what)
        while (message := self.wait(lambda m: is_diagnostics(m, uri), what, quiet)) is not None:
            last = message
        return last["params"]["diagnostics"]

    def errors(self, uri, within=15.0):
        """The first errors published for `uri` within that many seconds, or none."""
        end = time.monotonic() + within
        while (left := end - time.monotonic()) > 0:
            message = self.wait(lambda m: is_diagnostics(m, uri), "errors in " + uri, left)
            if message is None:
                break
            if found := errors_in(message["params"]["diagnostics"]):
                return found
        return []

    def close(self):
        """Asks the server to shut down, then kills it if it lingers."""
        if self.process.poll() is None:
            try:
                self.send({"id": 0, "method": "shutdown", "params": None})
                self.wait(lambda m: m.get("id") == 0 and "method" not in m, "shutdown")
                self.notify("exit", None)
                self.process.wait(timeout=2)
            except (ProtocolError, subprocess.TimeoutExpired):
                pass
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def schema_path(root, document, text):
    """The schema taplo will use for `document`: its `#:schema` line, else the .taplo.toml rule."""
    for line in text.splitlines():
        if line.startswith("#:schema "):
            target = line[len("#:schema ") :].strip()
            url = urlparse(urljoin(file_uri(document), target))
            if url.scheme != "file":
                raise Failure(f"{document}: `#:schema {target}` is not a local file")
            return Path(unquote(url.path))
        if line.strip() and not line.startswith("#"):
            break
    config = tomllib.loads((root / ".taplo.toml").read_text())
    relative = document.relative_to(root).as_posix()
    found = config.get("schema", {}).get("path")
    for rule in config.get("rule", []):
        includes = rule.get("include", ["**/*.toml"])
        excludes = rule.get("exclude", [])
        if any(fnmatch.fnmatch(relative, g) for g in includes) and not any(
            fnmatch.fnmatch(relative, g) for g in excludes
        ):
            found = rule.get("schema", {}).get("path", found)
    if found is None:
        raise Failure(f"neither a `#:schema` line nor .taplo.toml gives {relative} a schema")
    return root / found


def descriptions_of(schema, key):
    """Every `description` the schema gives a property named `key`, following local `$ref`s."""

    def resolve(node):
        seen = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            if not ref.startswith("#") or ref in seen:
                break
            seen.add(ref)
            target = schema
            for part in filter(None, ref[1:].split("/")):
                part = part.replace("~1", "/").replace("~0", "~")
                target = target[int(part)] if isinstance(target, list) else target[part]
            if "description" in node:
                return node
            node = target
        return node

    found = []

    def walk(node):
        if isinstance(node, dict):
            properties = node.get("properties")
            if isinstance(properties, dict) and key in properties:
                description = resolve(properties[key]).get("description")
                if isinstance(description, str) and description not in found:
                    found.append(description)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return found


def key_position(lines, table, key):
    """Line and UTF-16 column of `key` at the start of an entry in `[table]`."""
    current = None
    for number, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("["):
            current = stripped.strip("[]").split("]")[0].strip()
        elif current == table and stripped.split("=")[0].strip() == key:
            return number, utf16_len(line[: line.index(key)])
    raise Failure(f"{DOCUMENT} has no `{key} = ...` in [{table}]")


def is_diagnostics(message, uri):
    return message.get("method") == "textDocument/publishDiagnostics" and (
        message["params"]["uri"] == uri
    )


def errors_in(diagnostics):
    """The errors and warnings: what an editor underlines (severity 1 or 2; absent is an error)."""
    return [d for d in diagnostics if d.get("severity", 1) <= 2]


def hover_text(result):
    if not result:
        return ""
    contents = result.get("contents")
    if isinstance(contents, dict):
        return contents.get("value", "")
    if isinstance(contents, list):
        return "\n".join(c if isinstance(c, str) else c.get("value", "") for c in contents)
    return contents or ""


def check(server, root):
    document = root / DOCUMENT
    text = document.read_text()
    lines = text.splitlines()
    schema_file = schema_path(root, document, text)
    try:
        schema = json.loads(schema_file.read_text())
    except (OSError, json.JSONDecodeError) as error:
        raise Failure(f"cannot read the schema {schema_file}: {error}") from error
    expected = descriptions_of(schema, HOVER_KEY)
    if not expected:
        raise Failure(f"{schema_file} gives `{HOVER_KEY}` no description")

    info = server.request(
        "initialize",
        {
            "processId": os.getpid(),
            "clientInfo": {"name": "capability-ci"},
            "rootUri": file_uri(root),
            "workspaceFolders": [{"uri": file_uri(root), "name": root.name}],
            "initializationOptions": {"configurationSection": CONFIGURATION_SECTION},
            "capabilities": {
                "workspace": {"configuration": True, "workspaceFolders": True},
                "textDocument": {
                    "hover": {"contentFormat": ["markdown", "plaintext"]},
                    "completion": {"completionItem": {"snippetSupport": True}},
                    "publishDiagnostics": {},
                },
            },
        },
    )
    server_info = (info or {}).get("serverInfo", {})
    print(f"server: {server_info.get('name')} {server_info.get('version')}")
    server.notify("initialized", {})
    # taplo loads .taplo.toml once the client has answered its workspace/configuration.
    server.wait(lambda m: m.get("method") == "workspace/configuration", "workspace/configuration")

    uri = file_uri(document)
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "toml", "version": 1, "text": text}},
    )
    failures = []
    underlined = errors_in(server.diagnostics(uri))
    if underlined:
        failures.append(f"the editor underlines {DOCUMENT}: {underlined[0]['message']}")

    line, column = key_position(lines, TABLE, HOVER_KEY)
    hover = server.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": {"line": line, "character": column + 1}},
    )
    shown = hover_text(hover)
    print(f"hover on {HOVER_KEY} ({line + 1}:{column + 2}): {json.dumps(shown)}")
    if not any(description in shown for description in expected):
        failures.append(
            f"hover on `{HOVER_KEY}` does not show its description {json.dumps(expected[0])}"
        )

    # The cursor at the end of a key being typed in [voice]: taplo offers every key of the
    # table there, those already written too (on an empty line it leaves those out).
    line, column = key_position(lines, TABLE, COMPLETION_KEYS[0])
    position = {"line": line, "character": column + utf16_len(COMPLETION_KEYS[0])}
    completion = server.request(
        "textDocument/completion",
        {"textDocument": {"uri": uri}, "position": position, "context": {"triggerKind": 1}},
    )
    items = completion.get("items", []) if isinstance(completion, dict) else completion or []
    labels = [item["label"] for item in items]
    print(f"completion in [{TABLE}] ({line + 1}:{position['character'] + 1}): {labels}")
    missing = [key for key in COMPLETION_KEYS if key not in labels]
    if missing:
        failures.append(f"completion in [{TABLE}] does not offer {', '.join(missing)}")

    # A misspelt key, typed in: the editor's red squiggle, on that line.
    key, typo = TYPO
    line, column = key_position(lines, TABLE, key)
    changed = lines[:line] + [lines[line].replace(key, typo, 1)] + lines[line + 1 :]
    server.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"text": "\n".join(changed) + "\n"}],
        },
    )
    # taplo underlines the key, or the table's header when the error is the table's.
    underlined = [
        d
        for d in server.errors(uri)
        if typo in d["message"] or d["range"]["start"]["line"] <= line <= d["range"]["end"]["line"]
    ]
    print(f"diagnostics on `{typo}` ({line + 1}): {[d['message'] for d in underlined][:1]}")
    if not underlined:
        failures.append(f"`{typo} = ...` in [{TABLE}] is not underlined")

    if failures:
        raise Failure("; ".join(failures))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--log", action="store_true", help="print the server's log")
    parser.add_argument("command", nargs="+", help="the server's command line, after --")
    args = parser.parse_args()
    root = args.root.resolve()

    server = Server(args.command, root, time.monotonic() + args.timeout)
    try:
        check(server, root)
    except Failure as failure:
        print(f"error: {failure}", file=sys.stderr)
        status = 1
    except ProtocolError as error:
        print(f"error: {error}", file=sys.stderr)
        status = 2
    else:
        print("taplo lsp: diagnostics, hover and completion as expected")
        status = 0
    finally:
        server.close()
    if (status or args.log) and server.stderr:
        print("the server's log:", file=sys.stderr)
        for line in server.stderr[-40:]:
            print(f"  {line}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
