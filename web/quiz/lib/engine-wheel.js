/*
 * Parting Kit: the engine wheel, checked against the site's own lock file.
 *
 * The build registers the wheel in a pyodide-lock.json written beside it, with
 * pyodide-build's `pyodide lockfile add-wheels` (scripts/assessment/wheel.py
 * lock_wheel): file name and sha256. The worker fetches that lock (Pyodide also
 * reads its ABI info) and then the wheel with the lock's sha256 as the request's
 * `integrity`, as Pyodide's own package loader does: the browser checks the bytes
 * and refuses a wheel that differs, so it is never imported. Subresource integrity,
 * unlike SubtleCrypto, works on a plain-http host too; the offline bundle's fetch
 * (bundle_assets/offline-worker-prelude.js) checks the same `integrity` itself.
 */

import { describe } from "./text.js";
import { mark } from "./worker-timeline.js";

/** The lock file's name, in the wheel's (versioned) folder. */
export const LOCK_NAME = "pyodide-lock.json";

/**
 * The site's lock file, from the wheel's folder.
 * @param {string} wheelURL  the wheel's absolute URL
 * @returns {Promise<{info: Record<string, string>, packages: Record<string, {file_name: string, sha256: string}>}>}
 */
export async function fetchLock(wheelURL) {
  const url = new URL(LOCK_NAME, wheelURL).href;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${LOCK_NAME}: HTTP ${response.status} for ${url}`);
  return response.json();
}

/**
 * The wheel's bytes, once the browser has checked them against the lock's sha256.
 * @param {string} wheelURL  the wheel's absolute URL
 * @param {{packages?: Record<string, {file_name: string, sha256: string}>}} lock  the site's lock file
 * @returns {Promise<ArrayBuffer>}
 */
export async function fetchWheel(wheelURL, lock) {
  const name = decodeURIComponent(new URL(wheelURL).pathname.split("/").pop() || "");
  const entry = Object.values(lock.packages || {}).find((pkg) => pkg.file_name === name);
  if (!entry || !/^[0-9a-f]{64}$/.test(entry.sha256)) {
    throw new Error(`${LOCK_NAME} has no sha256 for the engine wheel ${name}: rebuild the site`);
  }
  const bytes = (entry.sha256.match(/../g) || []).map((hex) => parseInt(hex, 16));
  const integrity = `sha256-${btoa(String.fromCharCode(...bytes))}`;
  let response;
  try {
    response = await fetch(wheelURL, { integrity });
  } catch (error) {
    // A fetch with integrity fails as a whole, for a wrong hash as for a lost download.
    throw new Error(`engine wheel ${name}: refused, its sha256 is not the one in ${LOCK_NAME} `
      + `(${entry.sha256}) or the download failed: ${describe(error)}`);
  }
  if (!response.ok) throw new Error(`engine wheel ${name}: HTTP ${response.status} for ${wheelURL}`);
  const wheel = await response.arrayBuffer();
  mark("wheel-verified");
  return wheel;
}
