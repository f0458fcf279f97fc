#!/usr/bin/env node
// Writes the third-party licence notices that the packages ship (the About screen
// shows them): src-tauri/gen/licenses/rust-crates.txt from `cargo metadata` and the
// licence files inside each crate's source (in Cargo's registry), and
// src-tauri/gen/licenses/npm-packages.txt from ui/package-lock.json and the licence
// files in ui/node_modules. Offline: it reads what the build already downloaded.
//
// Usage: node scripts/third-party-notices.mjs [OUT_DIR]
// Which crates: every non-dev dependency, for this machine's target, of the two
// binaries a package installs (reviewdesk-desktop, reviewdesk-cli); the workspace's
// own crates are left out. Which npm packages: the UI's production dependencies and
// Svelte (a devDependency whose runtime is compiled into the built UI), with their
// own dependencies.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const out = resolve(process.argv[2] ?? join(root, "src-tauri/gen/licenses"));
mkdirSync(out, { recursive: true });

const LICENCE_FILE = /^(licen[cs]e|copying|notice|copyright|unlicense|authors)([-._].*)?$/i;

/** The licence files directly in `dir`, by name, with their text. */
function licenceFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => LICENCE_FILE.test(n) && statSync(join(dir, n)).isFile())
    .sort()
    .map((n) => ({ name: n, text: readFileSync(join(dir, n), "utf8").replace(/\r\n/g, "\n").trimEnd() }));
}

/** The notice file: a list of components, then each distinct licence text once
 *  with the components that ship it. */
function notice(title, intro, items) {
  const lines = [title, "=".repeat(title.length), "", ...intro, ""];
  lines.push(`${items.length} components:`, "");
  for (const it of items) lines.push(`  ${it.name} ${it.version} — ${it.licence || "licence not declared"}`);
  const byText = new Map();
  const missing = [];
  for (const it of items) {
    if (it.files.length === 0) missing.push(it);
    for (const f of it.files) {
      const key = createHash("sha256").update(f.text).digest("hex");
      if (!byText.has(key)) byText.set(key, { text: f.text, users: [] });
      byText.get(key).users.push(`${it.name} ${it.version} (${f.name})`);
    }
  }
  if (missing.length > 0) {
    lines.push("", "Components that ship no licence file of their own (their declared licence", "applies; its standard text is among the texts below):", "");
    for (const it of missing) lines.push(`  ${it.name} ${it.version} — ${it.licence || "licence not declared"}`);
  }
  for (const { text, users } of byText.values()) {
    lines.push("", "-".repeat(78), "", "Used by:", ...users.map((u) => `  ${u}`), "", text);
  }
  return lines.join("\n") + "\n";
}

// --- Rust crates ----------------------------------------------------------------
const host = execFileSync("rustc", ["-vV"], { encoding: "utf8" }).match(/^host: (.+)$/m)[1];
const meta = JSON.parse(
  execFileSync("cargo", ["metadata", "--format-version", "1", "--locked", "--filter-platform", host], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  }),
);
const packages = new Map(meta.packages.map((p) => [p.id, p]));
const members = new Set(meta.workspace_members);
const nodes = new Map(meta.resolve.nodes.map((n) => [n.id, n]));
const roots = meta.packages.filter((p) => members.has(p.id) && ["reviewdesk-desktop", "reviewdesk-cli"].includes(p.name));
if (roots.length !== 2) throw new Error("cargo metadata lists no reviewdesk-desktop and reviewdesk-cli");
const seen = new Set();
const stack = roots.map((p) => p.id);
while (stack.length > 0) {
  const id = stack.pop();
  if (seen.has(id)) continue;
  seen.add(id);
  for (const d of nodes.get(id)?.deps ?? []) {
    // Normal and build dependencies (a build script's or proc macro's output can end
    // up in the binary); never dev-dependencies.
    if (d.dep_kinds.some((k) => k.kind !== "dev")) stack.push(d.pkg);
  }
}
const crates = [...seen]
  .filter((id) => !members.has(id))
  .map((id) => packages.get(id))
  .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version))
  .map((p) => ({
    name: p.name,
    version: p.version,
    licence: p.license ?? (p.license_file ? `see ${p.license_file}` : ""),
    files: licenceFiles(dirname(p.manifest_path)),
  }));
writeFileSync(
  join(out, "rust-crates.txt"),
  notice(
    "ReviewDesk: third-party Rust crates",
    [
      "The ReviewDesk programs (reviewdesk-desktop, reviewdesk) are built from these",
      `crates (target ${host}), each under the licence it declares; the licence texts`,
      "they ship follow, each once, with the crates that ship it.",
    ],
    crates,
  ),
);

// --- npm packages -----------------------------------------------------------------
const lock = JSON.parse(readFileSync(join(root, "ui/package-lock.json"), "utf8"));
const manifest = JSON.parse(readFileSync(join(root, "ui/package.json"), "utf8"));
const npmRoots = [...Object.keys(manifest.dependencies ?? {}), "svelte"];
const npmSeen = new Set();
const npmStack = npmRoots.map((n) => `node_modules/${n}`);
while (npmStack.length > 0) {
  const key = npmStack.pop();
  if (npmSeen.has(key)) continue;
  const entry = lock.packages[key];
  if (!entry) throw new Error(`ui/package-lock.json has no ${key}`);
  npmSeen.add(key);
  for (const dep of Object.keys(entry.dependencies ?? {})) {
    // Node's resolution: the nearest node_modules up the tree.
    let base = key;
    let found = null;
    while (found === null) {
      const candidate = `${base}/node_modules/${dep}`;
      if (lock.packages[candidate]) found = candidate;
      else if (!base.includes("/node_modules/")) found = `node_modules/${dep}`;
      else base = base.slice(0, base.lastIndexOf("/node_modules/"));
    }
    if (lock.packages[found] && !lock.packages[found].optional) npmStack.push(found);
  }
}
const npm = [...npmSeen]
  .map((key) => {
    const entry = lock.packages[key];
    const name = key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length);
    return { name, version: entry.version, licence: entry.license ?? "", files: licenceFiles(join(root, "ui", key)) };
  })
  .sort((a, b) => a.name.localeCompare(b.name));
writeFileSync(
  join(out, "npm-packages.txt"),
  notice(
    "ReviewDesk: third-party npm packages",
    [
      "The user interface (built into the reviewdesk-desktop program) contains these",
      "npm packages, each under the licence it declares; the licence texts they ship",
      "follow, each once, with the packages that ship it.",
    ],
    npm,
  ),
);

console.log(`third-party notices: ${crates.length} crates, ${npm.length} npm packages -> ${out}`);
