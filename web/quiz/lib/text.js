/*
 * Parting Kit: small text helpers shared by the page, the worker and the embed
 * scripts. No DOM, no state, no decisions.
 */

/**
 * Fill {name} placeholders; "{{" and "}}" stand for literal braces, as in Python's
 * str.format, so the templates in the catalogues read the same on both sides.
 * @param {string} template
 * @param {Record<string, unknown>} values
 * @returns {string}
 */
export function format(template, values) {
  return template.replace(/\{\{|\}\}|\{(\w+)\}/g, (match, name) => {
    if (match === "{{") return "{";
    if (match === "}}") return "}";
    return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match;
  });
}

/**
 * An error as one line for the console: its message, or the value itself.
 * @param {unknown} error
 * @returns {string}
 */
export function describe(error) {
  return error && /** @type {Error} */ (error).message ? /** @type {Error} */ (error).message : String(error);
}

/**
 * A warning in the console, marked as ours. Never shown to the reader.
 * @param {...unknown} parts
 */
export function warn(...parts) {
  console.warn("[parting-kit]", ...parts);
}
