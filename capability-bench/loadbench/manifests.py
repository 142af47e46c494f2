"""--check-manifests: the peers' manifests parse and pin exact versions (no network)."""
import json
import os
import re
import shutil
import sys

from . import call

# package.json and package-lock.json parse; direct dependencies are exact versions, and the
# lock's root entry lists the same ones. Run by node, which reads JSON as npm does.
NODE_CHECK = r'''
    const fs = require("fs");
    const [pkgPath, lockPath] = process.argv.slice(1);
    const pkg = JSON.parse(fs.readFileSync(pkgPath, "utf8"));
    const lock = JSON.parse(fs.readFileSync(lockPath, "utf8"));
    const problems = [];
    const deps = pkg.dependencies || {};
    for (const [name, version] of Object.entries(deps)) {
      if (!/^\d+\.\d+\.\d+$/.test(version)) problems.push(`package.json: ${name} is not pinned exactly: ${version}`);
      const locked = (lock.packages || {})["node_modules/" + name];
      if (!locked) problems.push(`package-lock.json: ${name} is missing`);
      else if (locked.version !== version) problems.push(`package-lock.json: ${name} is ${locked.version}, package.json says ${version}`);
    }
    for (const name of ["express", "twilio"]) if (!deps[name]) problems.push(`package.json: no ${name}`);
    const root = (lock.packages || {})[""] || {};
    if (JSON.stringify(root.dependencies || {}) !== JSON.stringify(deps)) problems.push("package-lock.json: root dependencies differ from package.json (run npm install)");
    if (!(lock.lockfileVersion >= 2)) problems.push("package-lock.json: lockfileVersion < 2");
    for (const [path, entry] of Object.entries(lock.packages || {})) {
      if (path !== "" && !entry.link && !entry.integrity) problems.push(`package-lock.json: ${path} has no integrity`);
    }
    if (problems.length) { console.error(problems.join("\n")); process.exit(1); }
    console.log(`node manifests ok: ${Object.keys(lock.packages).length - 1} locked packages`);
  '''

PIN = re.compile(r"([A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?)==([0-9A-Za-z.+!_-]+)")
REQUIRED = ("flask", "twilio", "gunicorn")


def check_node(pkg, lock):
    if shutil.which("node"):
        return call(["node", "-e", NODE_CHECK, pkg, lock]) == 0
    print("check-manifests: node is not installed, parsing the JSON with python3 only",
          file=sys.stderr)
    ok = True
    for path in (pkg, lock):
        try:
            json.load(open(path, encoding="utf-8"))
        except (OSError, ValueError) as e:
            print(f"check-manifests: {path}: {e}", file=sys.stderr)
            ok = False
    return ok


def requirement_problems(text):
    """(pinned lines, problems) of a requirements.txt: every line past comments and blanks is
    name==version, and flask, twilio and gunicorn are among the names."""
    pinned, problems, names = 0, [], set()
    for line in text.split("\n"):
        line = line.removesuffix("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        pin = PIN.fullmatch(line)
        if pin:
            pinned += 1
            names.add(pin.group(1).lower())
        else:
            problems.append(f"requirements.txt: not name==version: {line}")
    problems += [f"requirements.txt: no {name}" for name in REQUIRED if name not in names]
    return pinned, problems


def check(peers_src):
    """Both peers' manifests; the exit code of --check-manifests."""
    node = os.path.join(peers_src, "node")
    ok = check_node(os.path.join(node, "package.json"), os.path.join(node, "package-lock.json"))
    req = os.path.join(peers_src, "python", "requirements.txt")
    try:
        text = open(req, encoding="utf-8").read()
    except OSError as e:
        print(f"requirements.txt: {e.strerror}: {req}", file=sys.stderr)
        return 1
    pinned, problems = requirement_problems(text)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f"python manifest ok: {pinned} pinned packages")
    return 0 if ok else 1
