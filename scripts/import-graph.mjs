// The import graph of src/, read with the TypeScript parser: which file imports which (value or
// type-only), folded to top-level folders. `npm run layers` prints the folder graph and checks it
// against the layer order below; test/architecture.test.ts asserts the same rules.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SRC = join(ROOT, "src");

/** Top-level folders of src/ from the bottom up: a folder imports only folders before it. */
export const LAYERS = [
  "input",
  "core",
  "frontier",
  "hardware",
  "workload",
  "replay",
  "report",
  "optimize",
  "scenario",
  "sweep",
  "cli",
  "bench",
  "index.ts",
];

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : e.name.endsWith(".ts")
        ? [join(dir, e.name)]
        : [],
  );
}

/** Every relative import of every file: {from, to, typeOnly}, paths relative to src/. */
export function importEdges() {
  const edges = [];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, "utf8");
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false);
    for (const st of sf.statements) {
      let spec;
      let typeOnly = false;
      if (ts.isImportDeclaration(st)) {
        spec = st.moduleSpecifier.text;
        const clause = st.importClause;
        const named = clause?.namedBindings;
        typeOnly =
          clause !== undefined &&
          (clause.isTypeOnly ||
            (clause.name === undefined &&
              named !== undefined &&
              ts.isNamedImports(named) &&
              named.elements.length > 0 &&
              named.elements.every((e) => e.isTypeOnly)));
      } else if (ts.isExportDeclaration(st) && st.moduleSpecifier) {
        spec = st.moduleSpecifier.text;
        typeOnly = st.isTypeOnly;
      }
      if (spec === undefined || !spec.startsWith(".")) continue;
      const target = normalize(join(dirname(file), spec)).replace(/\.js$/, ".ts");
      edges.push({ from: relative(SRC, file), to: relative(SRC, target), typeOnly });
    }
  }
  return edges;
}

export const folderOf = (path) => path.split("/")[0];

/** Folder -> folder edges with counts of value and type-only imports. */
export function folderGraph(edges = importEdges()) {
  const graph = new Map();
  for (const e of edges) {
    const a = folderOf(e.from);
    const b = folderOf(e.to);
    if (a === b) continue;
    const key = `${a} -> ${b}`;
    const c = graph.get(key) ?? { from: a, to: b, value: 0, type: 0 };
    c[e.typeOnly ? "type" : "value"]++;
    graph.set(key, c);
  }
  return [...graph.values()].sort(
    (x, y) =>
      LAYERS.indexOf(y.from) - LAYERS.indexOf(x.from) ||
      LAYERS.indexOf(y.to) - LAYERS.indexOf(x.to),
  );
}

/** Folder edges that do not point down the layer order (type-only imports included). */
export function upwardEdges(graph = folderGraph()) {
  return graph.filter((g) => !(LAYERS.indexOf(g.to) < LAYERS.indexOf(g.from)));
}

/** Cycles among files over value imports (strongly connected components of size > 1). */
export function fileCycles(edges = importEdges()) {
  const succ = new Map();
  for (const e of edges) {
    if (e.typeOnly) continue;
    if (!succ.has(e.from)) succ.set(e.from, []);
    succ.get(e.from).push(e.to);
  }
  const index = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const out = [];
  let next = 0;
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    on.add(v);
    for (const w of succ.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const scc = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of succ.keys()) if (!index.has(v)) visit(v);
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const edges = importEdges();
  const graph = folderGraph(edges);
  console.log("src/ folder imports (value + type-only), top layer first:");
  for (const g of graph) console.log(`  ${g.from} -> ${g.to}: ${g.value} + ${g.type}`);
  const up = upwardEdges(graph);
  const cycles = fileCycles(edges);
  console.log(`layer order (bottom up): ${LAYERS.join(" < ")}`);
  console.log(`imports pointing up: ${up.length}; file cycles (value imports): ${cycles.length}`);
  for (const g of up) console.log(`  UP ${g.from} -> ${g.to}`);
  for (const c of cycles) console.log(`  CYCLE ${c.join(" <-> ")}`);
  process.exitCode = up.length + cycles.length > 0 ? 1 : 0;
}
