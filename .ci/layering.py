#!/usr/bin/env python3
"""The layering of a crate's src/: no two modules import each other, no format folder
(capability/, access/, taskrouter/) imports another, and the shared folders (jwt/, toml/,
values/) import no format. An import through the root's re-exports (`use crate::AccessPolicy`)
counts as one of the module that defines the item. Exits 1, listing each break, when there is
one.

    python3 .ci/layering.py capability-runtime/src capability-cli/src
"""
import itertools
import os
import re
import sys

FORMATS = ("capability", "access", "taskrouter")
SHARED = ("jwt", "toml", "values")


def modules(src):
    """Each module's path (`access::read`) and its text, comments and tests left out."""
    out = {}
    for folder, _, names in os.walk(src):
        for name in names:
            if not name.endswith(".rs"):
                continue
            rel = os.path.relpath(os.path.join(folder, name), src)[:-3]
            path = re.sub(r"(::)?mod$", "", rel.replace(os.sep, "::"))
            text = open(os.path.join(folder, name), encoding="utf-8").read()
            text = re.sub(r"//[^\n]*", "", text)
            cut = text.find("#[cfg(test)]")
            out["" if path in ("lib", "main") else path] = text if cut < 0 else text[:cut]
    return out


def use_paths(tree):
    """The paths of a use tree such as `a::{b, c::{d, e}}`."""
    tree = re.sub(r"\s+", "", tree)
    m = re.match(r"^(.*?)\{(.*)\}$", tree)
    if not m:
        return [tree]
    prefix, inner, parts, depth, part = m.group(1), m.group(2), [], 0, ""
    for ch in inner:
        depth += ch == "{"
        depth -= ch == "}"
        if ch == "," and depth == 0:
            parts.append(part)
            part = ""
        else:
            part += ch
    parts.append(part)
    return [prefix + p for part in parts if part for p in use_paths(part)]


def dependencies(mods):
    """For each module, the modules it imports."""
    reexported = {}
    for m in re.finditer(r"pub use (?:crate::)?([^;]+);", mods[""]):
        for path in use_paths(m.group(1)):
            segments = re.sub(r"as\w+$", "", path).split("::")
            reexported[segments[-1]] = segments[:-1]

    def resolve(segments):
        for n in range(len(segments), 0, -1):
            if "::".join(segments[:n]) in mods:
                return "::".join(segments[:n])
        if segments and reexported.get(segments[0]):
            return resolve(reexported[segments[0]] + segments[1:])
        return None

    deps = {}
    for mod, text in mods.items():
        here = mod.split("::") if mod else []
        paths = []
        for m in re.finditer(r"\buse\s+crate::([^;]+);", text):
            paths += use_paths(m.group(1))
        for m in re.finditer(r"\buse\s+super::([^;]+);", text):
            paths += ["::".join(here[:-1] + [p]) for p in use_paths(m.group(1))]
        for m in re.finditer(r"\buse\s+self::([^;]+);", text):
            paths += ["::".join(here + [p]) for p in use_paths(m.group(1))]
        paths += re.findall(r"\bcrate::(\w+(?:::\w+)*)", text)
        paths += ["::".join(here[:-1] + [p]) for p in re.findall(r"(?<!use )\bsuper::(\w+(?:::\w+)*)", text)]
        found = set()
        for path in paths:
            segments = [s for s in re.sub(r"as\w+$", "", path).split("::") if s and s != "self"]
            target = resolve(segments) if segments else None
            if target and target != mod:
                found.add(target)
        deps[mod] = found
    return deps


def breaks(src):
    mods = modules(src)
    deps = dependencies(mods)
    out = []
    for a, b in itertools.combinations(sorted(mods), 2):
        if b in deps[a] and a in deps[b]:
            out.append(f"{src}: {a} and {b} import each other")
    for a in sorted(mods):
        top = a.split("::")[0]
        for b in sorted(deps[a]):
            other = b.split("::")[0]
            if top in FORMATS and other in FORMATS and other != top:
                out.append(f"{src}: {a} imports {b}, of another format")
            if top in SHARED and other in FORMATS:
                out.append(f"{src}: {a}, shared by the formats, imports {b}")
    return out


if __name__ == "__main__":
    found = [line for src in sys.argv[1:] for line in breaks(src)]
    for line in found:
        print(line)
    print(f"layering: {len(found)} breaks in {', '.join(sys.argv[1:])}")
    sys.exit(1 if found else 0)
