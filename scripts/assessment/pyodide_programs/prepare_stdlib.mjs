// Starts Pyodide under Node and runs a program on a zip: prepare_stdlib.py for
// scripts/assessment/stdlib.py (_prepare), compile_wheel.py for scripts/assessment/wheel.py.
import { readFileSync, writeFileSync } from "node:fs";
const [pyodideMjs, inZip, job, outZip, code] = process.argv.slice(2);
const { loadPyodide } = await import(pyodideMjs);
const pyodide = await loadPyodide({
  env: { PYTHONNODEBUGRANGES: "1" },
  stdout: () => {},
  stderr: (l) => process.stderr.write(l + "\n"),
});
// With PYTHONNODEBUGRANGES honoured, compiled code has lines but no columns.
if (pyodide.runPython("[*compile('x', 's', 'eval').co_positions()][-1][2] is not None")) {
  throw new Error("Pyodide ignored PYTHONNODEBUGRANGES: the bytecode would carry column ranges");
}
pyodide.FS.writeFile("/in.zip", new Uint8Array(readFileSync(inZip)));
pyodide.FS.writeFile("/job.json", readFileSync(job));
process.stdout.write(pyodide.runPython(readFileSync(code, "utf8")));
writeFileSync(outZip, pyodide.FS.readFile("/out.zip"));
