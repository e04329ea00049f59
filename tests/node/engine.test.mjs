// The scoring engine inside Pyodide (the interpreter the reader's browser runs),
// checked against the shared vectors the CPython tests use, through the one entry
// the page's worker uses: quiz.api.call(request type, its data as JSON), after a
// "start" that hands over the definition (and the phrases) once.
//
// Run: `node --test tests/node` (tests/test_node_engine.py does, under `make test`).
// The engine comes from the repo's quiz/ folder (mounted with mountNodeFS), or,
// when PK_QUIZ_WHEEL names a wheel, from that wheel on sys.path, the way
// web/quiz/engine-worker.js does it. PK_CPYTHON_RESULTS may name a JSON
// file of {vector name: full CPython result}: each must match to the last field.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const readJSON = (path) => JSON.parse(readFileSync(path, "utf8"));

const VECTORS = readJSON(join(ROOT, "tests", "quiz", "vectors.json"));
const DRAFT_VECTORS_PATH = join(ROOT, "tests", "quiz", "draft_vectors.json");
// Part of the project like vectors.json: a missing or empty file fails, never skips.
if (!existsSync(DRAFT_VECTORS_PATH)) {
  throw new Error(`${DRAFT_VECTORS_PATH} is missing: restore tests/quiz/draft_vectors.json from git`);
}
const DRAFT_VECTORS = readJSON(DRAFT_VECTORS_PATH);
const CPYTHON = process.env.PK_CPYTHON_RESULTS ? readJSON(process.env.PK_CPYTHON_RESULTS) : null;
const WHEEL = process.env.PK_QUIZ_WHEEL || "";

let pyodide;
let definitionJS; // quiz/definition.toml read with tomllib inside Pyodide, as JSON the page would carry
let apiCall; // quiz.api.call

/**
 * One request the way the worker sends it: its data crosses as JSON text (decoded
 * by json.loads in Python: null is None, as in CPython), the answer comes back as
 * plain JS.
 */
function request(type, data) {
  const result = apiCall(type, JSON.stringify(data));
  if (!(result instanceof pyodide.ffi.PyProxy)) return result;
  try {
    return result.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false });
  } finally {
    result.destroy();
  }
}

/** A session started as the page starts it: the definition (and phrases) once. */
function start(phrases = null, lang = null) {
  const started = request("start", { definition: definitionJS, phrases, lang, links: {} });
  assert.equal(started.error, undefined, JSON.stringify(started.error));
}

/** The fields vectors.json fixes, from a full result. */
function summary(result) {
  return {
    verdict: result.verdict,
    score: result.score,
    flagged: result.flagged.map((sign) => sign.id),
    plan: result.plan.map((step) => step.section),
  };
}

before(async () => {
  pyodide = await loadPyodide({ stdout: () => {}, stderr: () => {} });
  if (WHEEL) {
    // As engine-worker.js does: the wheel is imported from directly (zipimport).
    pyodide.FS.writeFile("/lib/parting_kit_quiz.whl", new Uint8Array(readFileSync(WHEEL)));
    pyodide.runPython("import sys\nsys.path.insert(0, '/lib/parting_kit_quiz.whl')");
  } else {
    pyodide.FS.mkdirTree("/repo/quiz");
    pyodide.mountNodeFS("/repo/quiz", join(ROOT, "quiz"));
    pyodide.runPython("import sys; sys.path.insert(0, '/repo')");
  }
  const api = pyodide.pyimport("quiz.api");
  // An attribute proxy is borrowed from its module proxy: copy it to outlive it.
  apiCall = api.call.copy();
  api.destroy();
  definitionJS = JSON.parse(pyodide.runPython(`
import importlib.resources, json, tomllib
json.dumps(tomllib.loads(importlib.resources.files("quiz").joinpath("definition.toml").read_text("utf-8")))
`));
});

after(() => {
  if (apiCall) apiCall.destroy();
});

test("runs the engine on the Python the browser gets", () => {
  const version = pyodide.runPython("import sys; '%d.%d' % sys.version_info[:2]");
  const expected = readJSON(join(ROOT, "node_modules", "pyodide", "pyodide-lock.json")).info.python;
  assert.ok(expected.startsWith(`${version}.`), `Pyodide runs Python ${version}, lock file says ${expected}`);
  const origin = pyodide.runPython("import quiz; quiz.__file__");
  // From the wheel as the site ships it, quiz/__init__ is bytecode (wheel.compile_wheel).
  assert.match(origin, WHEEL ? /^\/lib\/parting_kit_quiz\.whl\/quiz\/__init__\.pyc$/ : /^\/repo\/quiz\/__init__\.py$/);
});

describe("vectors.json", () => {
  before(() => start());
  for (const vector of VECTORS) {
    test(vector.name, () => {
      // As the page does: the definition crossed once, then only the answers.
      const result = request("assess", { answers: vector.answers });
      assert.equal(result.error, undefined, JSON.stringify(result.error));
      assert.deepEqual(summary(result), vector.expected);
      if (CPYTHON) {
        assert.ok(vector.name in CPYTHON, `no CPython result for ${vector.name}`);
        assert.deepEqual(result, CPYTHON[vector.name]);
      }
    });
  }
});

test("unanswered questions come back as an answers error naming them", () => {
  start();
  const answers = { ...VECTORS[0].answers };
  delete answers.exhausted;
  delete answers.schedule;
  const result = request("assess", { answers });
  assert.equal(result.error.kind, "answers");
  assert.deepEqual([...result.error.questions].sort(), ["exhausted", "schedule"]);
  assert.match(result.error.message, /schedule/);
});

// A hostile saved-answers file nested thousands of levels deep: json.loads would
// recurse until Pyodide's WebAssembly stack overflows, a fatal error that takes
// the engine down. quiz.saved refuses it before parsing, with the reader's message,
// and the same interpreter then opens a good file and scores it.
function nested(depth, kind) {
  const opening = { arrays: ["["], objects: ['{"a":'], mixed: ["[", '{"a":'] }[kind];
  const levels = Array.from({ length: depth }, (_, i) => opening[i % opening.length]);
  return levels.join("") + "1" + levels.reverse().map((level) => (level === "[" ? "]" : "}")).join("");
}

describe("deeply nested saved-answers files", () => {
  before(() => start());
  for (const depth of [100, 1_000, 5_000, 20_000, 100_000]) {
    for (const kind of ["arrays", "objects", "mixed"]) {
      test(`${kind}, ${depth} levels: refused, and the engine still works`, () => {
        const text = nested(depth, kind);
        const refused = request("open_answers", { text });
        assert.equal(refused.error?.kind, "saved", JSON.stringify(refused));
        // A file within the size limit is refused for its depth; a larger one for its size first.
        const maxBytes = pyodide.runPython("import quiz.saved; quiz.saved.MAX_BYTES");
        assert.equal(refused.error.key, Buffer.byteLength(text) > maxBytes ? "saved_too_big" : "saved_too_deep");
        if (refused.error.key === "saved_too_deep") {
          assert.ok(refused.error.message.startsWith(definitionJS.ui.saved_too_deep.split("{")[0]));
        }
        const good = request("save_answers", { answers: VECTORS[0].answers, saved_on: "2026-12-01" });
        const opened = request("open_answers", { text: good.text });
        assert.deepEqual(opened.answers, VECTORS[0].answers);
        assert.deepEqual(summary(request("assess", { answers: opened.answers })), VECTORS[0].expected);
      });
    }
  }
});

// The drafter's vectors, replayed the way tests/quiz/test_draft.py's vector_cases()
// makes them: a "check" in a session of the vector's language, and a "draft" in a
// session started with the phrases the quiz page of that language carries
// (translated at build time; PK_DRAFT_PHRASES names a JSON file of {lang: phrases},
// which tests/test_node_engine.py writes), every argument crossing as JSON.
function draftPhrases() {
  if (!process.env.PK_DRAFT_PHRASES) {
    throw new Error("PK_DRAFT_PHRASES is not set: run these tests through `pytest tests/test_node_engine.py`, " +
      "which writes the drafter's phrases as the quiz pages carry them");
  }
  return readJSON(process.env.PK_DRAFT_PHRASES);
}
const DRAFT_CALLS = {
  check(vector) {
    start(draftPhrases()[vector.lang], vector.lang);
    return request("check", { text: vector.input.text });
  },
  draft(vector) {
    const phrases = draftPhrases()[vector.lang];
    assert.ok(phrases, `no drafter phrases for '${vector.lang}' in PK_DRAFT_PHRASES`);
    start(phrases, vector.lang);
    const { form, ...made } = request("draft", vector.input);
    assert.ok(form && Array.isArray(form.groups), "a draft answer carries the form to show");
    return made;
  },
};

describe("draft_vectors.json", () => {
  test("holds vectors", () => {
    assert.ok(Array.isArray(DRAFT_VECTORS) && DRAFT_VECTORS.length > 0,
      "tests/quiz/draft_vectors.json has no vectors: restore it from git");
  });
  for (const vector of DRAFT_VECTORS) {
    test(vector.name, () => {
      const call = DRAFT_CALLS[vector.fn];
      assert.ok(call, `unknown fn '${vector.fn}' (expected ${Object.keys(DRAFT_CALLS).join(" or ")})`);
      assert.deepEqual(call(vector), vector.expected);
    });
  }
});
