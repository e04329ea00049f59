/*
 * Parting Kit offline bundle: the self-assessment engine opened from file://.
 *
 * Copied by scripts/products/bundle.py into the bundle only (never into the hosted site)
 * and loaded on the quiz pages as a plain script BEFORE the iframe-worker shim,
 * which replaces window.Worker on file:// (for Material's search): the engine
 * needs the browser's own Worker, so it is kept here first.
 *
 * A worker cannot start from a file:// URL, a module worker not even from a
 * blob: URL there, and the runtime cannot be fetched from file:// either. So the
 * page loads offline-runtime.js (a classic script the bundle generates: the
 * Pyodide files, gzipped and base64-encoded, and the engine worker's source)
 * and starts a classic worker from a blob: URL.
 * In that worker, offline-worker-prelude.js answers the runtime's fetches and
 * imports from the embedded bytes; the rest is the hosted site's own
 * engine-worker.js, so both speak the same protocol.
 *
 * quiz.js asks for the engine through window.PartingKitOfflineEngine (when it is
 * there) and gets a Worker-like object: postMessage, addEventListener for
 * "message", "error" and "messageerror", terminate. Messages posted before the
 * worker exists wait, in order, until the runtime script has loaded.
 */
(function () {
  "use strict";

  var NativeWorker = window.Worker;
  var script = document.currentScript;
  if (typeof NativeWorker !== "function" || !script) return;
  var runtimeSrc = new URL("offline-runtime.js", script.src).href;

  /** Load offline-runtime.js once; resolve with what it defines. */
  var runtime = null;
  function loadRuntime() {
    if (runtime) return runtime;
    runtime = new Promise(function (resolve, reject) {
      if (window.partingKitOfflineRuntime) return resolve(window.partingKitOfflineRuntime);
      var tag = document.createElement("script");
      tag.src = runtimeSrc;
      tag.async = true;
      tag.onload = function () {
        if (window.partingKitOfflineRuntime) resolve(window.partingKitOfflineRuntime);
        else reject(new Error(runtimeSrc + " loaded but defined no runtime"));
      };
      tag.onerror = function () {
        reject(new Error("could not load " + runtimeSrc));
      };
      document.head.appendChild(tag);
    });
    return runtime;
  }

  function OfflineEngine() {
    var target = new EventTarget();
    var worker = null;
    var url = null;
    var queue = [];
    var ended = false;

    function fail(message) {
      if (ended) return;
      target.dispatchEvent(new ErrorEvent("error", { message: message, cancelable: true }));
    }

    loadRuntime().then(function (rt) {
      if (ended) return;
      // The worker's source: the embedded files, then prelude + engine worker.
      url = URL.createObjectURL(
        new Blob(["const __pkFiles = ", JSON.stringify(rt.files), ";\n", rt.worker], { type: "text/javascript" }),
      );
      // A classic worker: Chromium refuses module workers on a file:// page, even
      // from a blob: URL (measured); import() of blob: modules works in either.
      worker = new NativeWorker(url);
      worker.addEventListener("message", function (event) {
        target.dispatchEvent(new MessageEvent("message", { data: event.data }));
      });
      worker.addEventListener("messageerror", function () {
        target.dispatchEvent(new MessageEvent("messageerror"));
      });
      worker.addEventListener("error", function (event) {
        event.preventDefault(); // quiz.js reports it
        fail(event.message || "the offline engine worker could not start");
      });
      queue.forEach(function (message) {
        worker.postMessage(message);
      });
      queue = null;
    }).catch(function (error) {
      fail(error && error.message ? error.message : String(error));
    });

    target.postMessage = function (message) {
      if (ended) return;
      if (worker) worker.postMessage(message);
      else queue.push(message);
    };
    target.terminate = function () {
      ended = true;
      if (worker) worker.terminate();
      if (url) URL.revokeObjectURL(url);
      worker = null;
    };
    return target;
  }

  window.PartingKitOfflineEngine = OfflineEngine;
})();
