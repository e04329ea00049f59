// Sets Pyodide up under Node the way engine-worker.js does and runs exercise.py (scripts/assessment/stdlib_measure.py, run_engine).
import { readFileSync } from "node:fs";
const [pyodideMjs, stdlib, wheel, input] = process.argv.slice(2);
const { loadPyodide } = await import(pyodideMjs);
const stderr = [];
const pyodide = await loadPyodide({ stdLibURL: stdlib, stdout: () => {}, stderr: (l) => stderr.push(l) });
try {
  pyodide.FS.writeFile("/lib/parting_kit_quiz.whl", new Uint8Array(readFileSync(wheel)));
  pyodide.runPython("import sys\nsys.path.insert(0, '/lib/parting_kit_quiz.whl')");
  pyodide.globals.set("INPUT", readFileSync(input, "utf8"));
  process.stdout.write(pyodide.runPython(readFileSync(input + ".py", "utf8")));
} catch (error) {
  process.stderr.write(String(error) + "\n" + stderr.join("\n"));
  process.exit(1);
}
