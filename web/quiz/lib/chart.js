/*
 * Parting Kit: the result's profile chart, figure[data-chart="profile"] in
 * #quiz-result (CONTRACT.md "Additions"). Lays out what quiz.api.assess returned
 * as `chart` (every sign with the reader's answer, its weight and points, the
 * flag and hard-stop marks, the score against the threshold) as an inline SVG,
 * with a table of the same numbers beside it for screen readers. Numbers, marks
 * and labels all come from Python and the page's strings; this module decides
 * nothing, it only draws. Colours are CSS classes (lib/chart.css): both schemes,
 * forced colours and print each get theirs there.
 */

import { el } from "./dom.js";
import { format } from "./text.js";

/**
 * @typedef {object} ChartSign
 * @property {string} id  The sign's question id.
 * @property {string} label  Its short name, in the page's language.
 * @property {string} answer  The option id the reader chose.
 * @property {string} answer_label  That option's label.
 * @property {number} weight
 * @property {number} points  weight × the answer's value.
 * @property {number} max_points  weight × the top answer's value.
 * @property {boolean} hard_stop
 * @property {boolean} flagged
 */

/**
 * @typedef {object} Chart
 * @property {number} score
 * @property {number} max_score
 * @property {number} threshold
 * @property {ChartSign[]} signs  In the definition's order.
 */

const SVG_NS = "http://www.w3.org/2000/svg";
// viewBox units; the SVG scales to its column. Narrow enough that the 12-unit
// text stays readable on a 320 px screen; each sign takes a label line over its bar.
const WIDTH = 360;
const ROW = 36;
const LABEL_Y = 13;
const BAR_Y = 19;
const BAR_H = 11;
const GAP = 10;

/**
 * An SVG element with attributes and optional text.
 * @param {string} tag
 * @param {Record<string, string | number>} attrs
 * @param {string} [text]
 * @returns {SVGElement}
 */
function svg(tag, attrs, text) {
  const node = /** @type {SVGElement} */ (document.createElementNS(SVG_NS, tag));
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * One labelled bar: the label line (name left, value right), then the track and
 * the bar over it, both as wide as their share of `scale`.
 * @param {SVGElement} group
 * @param {number} top
 * @param {{label: string, value: string, bold: boolean, points: number, max: number,
 *          scale: number, barClass: string, sign?: string}} row
 */
function bar(group, top, row) {
  const unit = WIDTH / row.scale;
  group.appendChild(svg("text", { x: 0, y: top + LABEL_Y,
    class: row.bold ? "pk-chart__label pk-chart__label--flagged" : "pk-chart__label" }, row.label));
  group.appendChild(svg("text", { x: WIDTH, y: top + LABEL_Y, "text-anchor": "end", class: "pk-chart__value" },
    row.value));
  group.appendChild(svg("rect", { x: 0, y: top + BAR_Y, width: row.max * unit, height: BAR_H, rx: 2,
    class: "pk-chart__track" }));
  const filled = svg("rect", { x: 0, y: top + BAR_Y, width: row.points * unit, height: BAR_H, rx: 2,
    class: row.barClass, "data-points": row.points, "data-max-points": row.max });
  if (row.sign) filled.setAttribute("data-sign", row.sign);
  group.appendChild(filled);
}

/**
 * The picture: one bar per sign on a common scale, then the score against the
 * threshold. Hidden from assistive technology: the table says the same.
 * @param {Chart} chart
 * @param {(key: string) => string} t
 * @returns {SVGElement}
 */
function drawing(chart, t) {
  const widest = Math.max(1, ...chart.signs.map((s) => s.max_points));
  const top = chart.signs.length * ROW + GAP;
  const height = top + ROW + 4;
  const root = svg("svg", { viewBox: `0 0 ${WIDTH} ${height}`, width: WIDTH, height,
    "aria-hidden": "true", class: "pk-chart__svg" });
  chart.signs.forEach((sign, i) => {
    const mark = sign.hard_stop ? ` · ${t("hard_stop_label")}` : "";
    bar(root, i * ROW, {
      label: sign.label + mark, value: `${sign.answer_label} · ${sign.points}/${sign.max_points}`,
      bold: sign.flagged, points: sign.points, max: sign.max_points, scale: widest, sign: sign.id,
      barClass: "pk-chart__bar" + (sign.flagged ? " pk-chart__bar--flagged" : "")
        + (sign.hard_stop && sign.flagged ? " pk-chart__bar--hard-stop" : ""),
    });
  });
  bar(root, top, {
    label: `${t("chart_total")}: ${format(t("score_format"), chart)}`,
    value: `${t("threshold_label")}: ${chart.threshold}`, bold: true,
    points: chart.score, max: chart.max_score, scale: Math.max(1, chart.max_score),
    barClass: "pk-chart__bar pk-chart__bar--total",
  });
  const x = (chart.threshold / Math.max(1, chart.max_score)) * WIDTH;
  root.appendChild(svg("line", { x1: x, x2: x, y1: top + BAR_Y - 4, y2: top + BAR_Y + BAR_H + 4,
    class: "pk-chart__threshold", "data-threshold": chart.threshold }));
  return root;
}

/**
 * The same numbers as a table, for screen readers.
 * @param {Chart} chart
 * @param {(key: string) => string} t
 * @returns {HTMLTableElement}
 */
function table(chart, t) {
  const tableEl = el("table", "pk-chart__table");
  // The figure is named by its figcaption; the table gets a name of its own, so a
  // screen reader hears each once (not one sentence three times).
  tableEl.appendChild(el("caption", null, t("chart_table_caption")));
  const head = tableEl.createTHead().insertRow();
  for (const key of ["chart_sign", "answer_label", "chart_weight", "chart_points"]) {
    const th = el("th", null, t(key));
    th.scope = "col";
    head.appendChild(th);
  }
  const body = tableEl.createTBody();
  for (const sign of chart.signs) {
    const row = body.insertRow();
    row.setAttribute("data-sign", sign.id);
    const th = el("th", null, sign.hard_stop ? `${sign.label} (${t("hard_stop_label")})` : sign.label);
    th.scope = "row";
    row.appendChild(th);
    row.appendChild(el("td", null, sign.answer_label));
    row.appendChild(el("td", null, sign.weight));
    row.appendChild(el("td", null, format(t("score_format"), { score: sign.points, max_score: sign.max_points })));
  }
  const foot = tableEl.createTFoot();
  for (const [key, value] of [["chart_total", format(t("score_format"), chart)],
                              ["threshold_label", String(chart.threshold)]]) {
    const row = foot.insertRow();
    const th = el("th", null, t(key));
    th.scope = "row";
    th.colSpan = 3;
    row.appendChild(th);
    row.appendChild(el("td", null, value));
  }
  return tableEl;
}

/**
 * The chart's figure, or null when the engine sent no chart data.
 * @param {Chart | undefined} chart
 * @param {(key: string) => string} t
 * @returns {HTMLElement | null}
 */
export function profileChart(chart, t) {
  if (!chart || !Array.isArray(chart.signs) || !chart.signs.length) return null;
  const figure = el("figure", "pk-chart");
  figure.setAttribute("data-chart", "profile");
  figure.appendChild(el("figcaption", null, t("chart_caption")));
  figure.appendChild(drawing(chart, t));
  figure.appendChild(table(chart, t));
  return figure;
}
