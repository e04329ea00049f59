// Run by scripts/bench/measure.py (timeline()) in a measured page and in each of its
// workers, once the engine is ready: this global's time origin, its User Timing marks
// ("parting-kit:<step>", the engine's own; PyScript's page marks none) and every
// resource it fetched (start of the request, end of the response), in its own times.
() => ({
  origin: performance.timeOrigin,
  navigation: (() => {
    const nav = performance.getEntriesByType("navigation")[0];
    return nav ? { responseEnd: nav.responseEnd, domInteractive: nav.domInteractive } : null;
  })(),
  marks: performance.getEntriesByType("mark").map((m) => ({ name: m.name, at: m.startTime })),
  resources: performance.getEntriesByType("resource").map((r) => ({
    name: r.name,
    start: r.startTime,
    end: r.responseEnd,
    transfer: r.transferSize,
    encoded: r.encodedBodySize,
  })),
})
