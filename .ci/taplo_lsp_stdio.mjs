// taplo's language server on standard input and output, from the npm package @taplo/lsp: the
// WebAssembly build that VS Code's Even Better TOML runs as its bundled server. That package
// is a library (the @taplo/cli build has no `taplo lsp`), so this gives it the environment
// and the Content-Length framing that a native `taplo lsp stdio` has.
//
//     node .ci/taplo_lsp_stdio.mjs NODE_MODULES_DIR
//
// It has no network: every fetch fails, so taplo's schema catalogs can't be loaded even in
// the moment before the client's settings (with no catalogs) reach it.
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";

const modules = process.argv[2];
if (!modules) {
  process.stderr.write("usage: node taplo_lsp_stdio.mjs NODE_MODULES_DIR\n");
  process.exit(2);
}
const { TaploLsp } = createRequire(path.join(path.resolve(modules), "/"))("@taplo/lsp");

globalThis.fetch = async (request) => {
  throw new Error(`no network here: not fetching ${request?.url ?? request}`);
};

function send(message) {
  const body = Buffer.from(JSON.stringify(message), "utf8");
  process.stdout.write(`Content-Length: ${body.length}\r\n\r\n`);
  process.stdout.write(body);
}

const taplo = await TaploLsp.initialize(
  {
    cwd: () => process.cwd(),
    envVar: (name) => process.env[name],
    envVars: () => Object.entries(process.env),
    findConfigFile: (from) =>
      [".taplo.toml", "taplo.toml"].map((name) => path.join(from, name)).find(fs.existsSync),
    glob: (pattern) => {
      // The server doesn't list files; say so should a later version start to.
      process.stderr.write(`taplo_lsp_stdio: glob ${pattern} is not supported\n`);
      return [];
    },
    isAbsolute: (p) => path.isAbsolute(p),
    now: () => new Date(),
    readFile: (p) => fsp.readFile(p),
    writeFile: (p, bytes) => fsp.writeFile(p, bytes),
    stderr: process.stderr,
    stdErrAtty: () => false,
    stdin: process.stdin,
    // Standard output carries the protocol alone.
    stdout: process.stderr,
    urlToFilePath: (url) => decodeURIComponent(url).slice("file://".length),
  },
  { onMessage: send },
);

let pending = Buffer.alloc(0);
process.stdin.on("data", (chunk) => {
  pending = Buffer.concat([pending, chunk]);
  for (;;) {
    const end = pending.indexOf("\r\n\r\n");
    if (end < 0) return;
    const length = /content-length:\s*(\d+)/i.exec(pending.subarray(0, end).toString("ascii"));
    if (!length) {
      process.stderr.write("taplo_lsp_stdio: a message without Content-Length\n");
      process.exit(2);
    }
    const start = end + 4;
    const stop = start + Number(length[1]);
    if (pending.length < stop) return;
    const message = JSON.parse(pending.subarray(start, stop).toString("utf8"));
    pending = pending.subarray(stop);
    if (message.method === "exit") process.exit(0);
    taplo.send(message);
  }
});
process.stdin.on("end", () => process.exit(0));
