/*
 * Parting Kit: the engine worker's runtime downloads. Starts the two large
 * runtime files' downloads as soon as the worker knows where they are, and wraps
 * the worker's own fetch so Pyodide's requests for them are served from those
 * (their gzipped copies, inflated here as they stream in), follows those
 * downloads for the page's progress bar, and turns a failed or cut-off download
 * into a failed start (Pyodide itself would wait forever on it).
 */

import { describe } from "./text.js";
import { mark } from "./worker-timeline.js";

/** @typedef {import("./types.js").WorkerMessage} WorkerMessage */

// The two large files Pyodide fetches, which the site ships gzipped (scripts/
// precompress.py): the worker downloads `file` instead and inflates it, so they
// are small on any host, compressing or not. They are also what the progress bar
// follows (pyodide.asm.mjs comes in by import() beside them); `weight` is their
// share of the bar until a response states its own length.
export const PACKED = {
  "pyodide.asm.wasm": { file: "pyodide.asm.wasm.gz", type: "application/wasm", weight: 3_400_000 },
  "python_stdlib.zip": { file: "python_stdlib.zip.gz", type: "application/zip", weight: 550_000 },
};
// Percent of the bar reached at each later step.
export const STEP_PERCENT = { runtime: 70, python: 95, engine: 100 };

/**
 * Serve Pyodide's fetches of the PACKED files from their gzipped copies, follow
 * those downloads for the progress bar, and notice a failed one (Pyodide itself
 * would hang on it).
 *
 * Wraps this worker's own `fetch`: a PACKED file comes back as a Response
 * streaming its inflated bytes with its own Content-Type, as it downloads (the
 * wasm still compiles while it streams in); the wasm comes back as the host's own
 * response when the host already inflated it (compilesFromResponse). Everything
 * else goes through untouched.
 * @param {string} indexURL  the Pyodide folder's absolute URL (trailing slash)
 * @param {(message: import("./types.js").WorkerMessage) => void} post  to the page
 */
export function watchDownloads(indexURL, post) {
  const nativeFetch = self.fetch.bind(self);
  const files = new Map(); // name -> {loaded, total, complete}
  let lastPercent = -1;
  let reject;
  const failed = new Promise((_, no) => {
    reject = no;
  });
  failed.catch(() => {});

  function report() {
    let loaded = 0;
    let total = 0;
    for (const [name, { weight }] of Object.entries(PACKED)) {
      const file = files.get(name);
      const size = file && file.total ? file.total : weight;
      total += size;
      loaded += file ? Math.min(file.loaded, size) : 0;
    }
    const complete = [...files.values()].filter((f) => f.complete).length;
    if (complete === Object.keys(PACKED).length) {
      post({ type: "progress", step: "runtime", percent: STEP_PERCENT.runtime });
      return;
    }
    const percent = Math.floor((STEP_PERCENT.runtime * loaded) / total);
    if (percent > lastPercent) {
      lastPercent = percent;
      post({ type: "progress", step: "download", percent });
    }
  }

  /** The response's body, counted into the progress bar as it arrives. */
  function counted(name, response) {
    // A response the host compressed on top states that length: use the weight then.
    const length = response.headers.get("Content-Encoding")
      ? 0
      : Number(response.headers.get("Content-Length")) || 0;
    const file = { loaded: 0, total: length, complete: false };
    files.set(name, file);
    const reader = response.body.getReader();
    return new ReadableStream({
      async pull(controller) {
        let chunk;
        try {
          chunk = await reader.read();
        } catch (error) {
          // Cut off halfway: Pyodide would wait forever on this one too.
          reject(new Error(`${name}: download interrupted: ${describe(error)}`));
          controller.error(error);
          return;
        }
        if (chunk.done) {
          mark(`${name}-received`);
          file.complete = true;
          file.total = file.loaded;
          report();
          controller.close();
        } else {
          file.loaded += chunk.value.byteLength;
          report();
          controller.enqueue(chunk.value);
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });
  }

  /**
   * The file's own bytes from its gzipped stream: inflated here, unless the host
   * already did (a server that sends .gz files with Content-Encoding: gzip); a
   * stream that cannot be inflated fails the start-up instead of hanging it.
   */
  async function inflated(name, stream) {
    const reader = stream.getReader();
    const head = [];
    let size = 0;
    while (size < 2) {
      const { done, value } = await reader.read();
      if (done) break;
      head.push(value);
      size += value.byteLength;
    }
    const first = new Uint8Array(size);
    head.reduce((at, chunk) => (first.set(chunk, at), at + chunk.byteLength), 0);
    const whole = new ReadableStream({
      start(controller) {
        if (size) controller.enqueue(first);
      },
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });
    const gzip = first[0] === 0x1f && first[1] === 0x8b;
    if (!gzip) return whole;
    const out = whole.pipeThrough(new DecompressionStream("gzip")).getReader();
    return new ReadableStream({
      async pull(controller) {
        try {
          const { done, value } = await out.read();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (error) {
          reject(new Error(`${name}: the gzipped copy cannot be inflated: ${describe(error)}`));
          controller.error(error);
        }
      },
      cancel(reason) {
        return out.cancel(reason);
      },
    });
  }

  /**
   * Whether Pyodide can be handed the host's own response for the wasm: the host
   * inflated it (Content-Encoding, scripts/deploy/) and labelled it
   * application/wasm, and its first bytes are wasm's. Then Pyodide compiles it with
   * WebAssembly.instantiateStreaming straight from that response, and Chromium keeps
   * the optimised code for a response fetched from a URL: a repeat visit skips most
   * of the compile (a Response built here has no URL, so it never gets that cache).
   * The check reads a copy (clone), which also feeds the progress bar; a host that
   * sends the .gz as stored (GitHub Pages, the offline bundle) falls back to inflating.
   */
  async function compilesFromResponse(name, response) {
    if (name !== "pyodide.asm.wasm" || !response.headers.get("Content-Type")?.startsWith("application/wasm")) {
      return false;
    }
    const copy = counted(name, response.clone()).getReader();
    const first = await copy.read().catch(() => /** @type {ReadableStreamReadResult<Uint8Array>} */ ({ done: true, value: undefined }));
    const magic = first.value && first.value.length >= 4 ? [...first.value.subarray(0, 4)] : [];
    if (magic.join() !== "0,97,115,109") {
      // "\0asm" is missing (e.g. gzip bytes labelled as wasm): inflate the original instead.
      copy.cancel().catch(() => {});
      return false;
    }
    // Read the copy to its end: progress, and a cut-off download fails the start.
    (async () => {
      while (!(await copy.read()).done);
    })().catch(() => {});
    return true;
  }

  /** Download one PACKED file and turn it into the Response Pyodide gets for its name. */
  function download(name) {
    const packed = new URL(PACKED[name].file, indexURL).href;
    return nativeFetch(packed).then(
      async (response) => {
        if (!response.ok) {
          const error = new Error(`${PACKED[name].file}: HTTP ${response.status} for ${packed}`);
          reject(error);
          throw error;
        }
        const streamed = await compilesFromResponse(name, response);
        // Which path the wasm took, for the tests and the benchmark (user timing).
        if (name === "pyodide.asm.wasm") performance.mark(`parting-kit:wasm-${streamed ? "streamed" : "inflated"}`);
        if (streamed) return response;
        const body = await inflated(name, counted(name, response));
        return new Response(body, { status: 200, headers: { "Content-Type": PACKED[name].type } });
      },
      (error) => {
        reject(new Error(`${PACKED[name].file}: ${describe(error)} (${packed})`));
        throw error;
      },
    );
  }

  // Both downloads start now, as the worker starts, rather than once Pyodide's
  // loader is imported and configured: Pyodide's requests for them take these.
  /** @type {Map<string, Promise<Response>>} name -> the download not yet taken */
  const started = new Map(Object.keys(PACKED).map((name) => [name, download(name)]));
  for (const response of started.values()) response.catch(() => {}); // reported through `failed`

  self.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), indexURL);
    const name = url.href.startsWith(indexURL) ? url.href.slice(indexURL.length) : "";
    if (!(name in PACKED)) return nativeFetch(input, init);
    const response = started.get(name) || download(name);
    started.delete(name);
    return response;
  };

  return {
    failed,
    // Once Pyodide is up, later fetches need no watching.
    done() {
      self.fetch = nativeFetch;
    },
  };
}
