/*
 * Parting Kit: small DOM helpers for the page modules. Everything the reader
 * types or Python returns goes in as text (textContent), never as markup.
 */

/**
 * A new element with an optional class and text content.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string | null} [className]
 * @param {unknown} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/**
 * An absolute URL for a link the build wrote relative to the page.
 * @param {string} url
 * @returns {string}
 */
export function resolve(url) {
  return new URL(url, document.baseURI).href;
}

/**
 * Remove every child of `node`.
 * @param {Node} node
 */
export function empty(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}
