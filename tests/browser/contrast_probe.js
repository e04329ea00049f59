/*
 * Contrast probe for tests/browser/test_a11y_states.py, evaluated in the page
 * through the DevTools protocol (so the site's Content-Security-Policy does not
 * apply to it). It reads computed styles and never changes what the page shows;
 * it only tags the elements it will measure (data-pk-probe="<n>").
 *
 * window.__pkProbe.collect(scope, known) tags the rendered interactive elements
 * under `scope`, one per style signature (same tag, classes and attributes along
 * the ancestor chain style the same) not in `known`, and describes them.
 * window.__pkProbe.measure(target) measures element n (or "active": the focused
 * element) in whatever state it is in now:
 *   texts:   each visible text (or a form field's own value): colour, the
 *            background behind it, the WCAG contrast ratio, whether it is large;
 *   icons:   an icon-only control (an <svg>, no text): its fill vs background;
 *   control: a radio or checkbox: its accent colour vs background;
 *   ring:    the focus indicator (outline, else box-shadow), its colour vs what
 *            is next to it, and whether it is visible at all.
 * Colours are read by painting them on a 1x1 canvas, so every CSS colour syntax
 * (rgb(), color(srgb ...), color-mix() results) reads the same way.
 */
(() => {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });

  /** Any CSS colour as [r, g, b, a] with r, g, b in 0..255 and a in 0..1. */
  function rgba(css) {
    if (!css || css === "transparent" || css === "none") return [0, 0, 0, 0];
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = "rgba(0, 0, 0, 0)";
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  }

  /** `top` painted over the opaque colour `under`. */
  function over(top, under) {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)).concat([1]);
  }

  function luminance(c) {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }

  function ratio(a, b) {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
  }

  function hex(c) {
    return "#" + c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");
  }

  /** The opaque colour behind `node`: its own background and its ancestors'. */
  function background(node) {
    const layers = [];
    let images = false;
    for (let n = node; n && n.nodeType === 1; n = n.parentElement) {
      const cs = getComputedStyle(n);
      if (cs.backgroundImage && cs.backgroundImage !== "none") images = true;
      const c = rgba(cs.backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let colour = [255, 255, 255, 1]; // the canvas, when nothing is opaque
    for (let i = layers.length - 1; i >= 0; i--) colour = over(layers[i], colour);
    return { colour, images };
  }

  function opacity(node) {
    let o = 1;
    for (let n = node; n && n.nodeType === 1; n = n.parentElement) o *= Number(getComputedStyle(n).opacity);
    return o;
  }

  /** Laid out and not hidden; `seen` also asks that it is not fully transparent. */
  function rendered(node, seen = true) {
    if (!node.checkVisibility({ visibilityProperty: true })) return false;
    const r = node.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && (!seen || opacity(node) > 0.05);
  }

  function describe(el) {
    const label = (el.getAttribute("aria-label") || el.textContent || el.value || "").trim().replace(/\s+/g, " ");
    const cls = typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\s+/).join(".") : "";
    return `<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${cls}> ${JSON.stringify(label.slice(0, 40))}`;
  }

  function large(cs) {
    const size = parseFloat(cs.fontSize);
    return size >= 24 || (Number(cs.fontWeight) >= 700 && size >= 18.66);
  }

  function textSample(holder, fgCss, text) {
    const cs = getComputedStyle(holder);
    const bg = background(holder);
    const fgRaw = rgba(fgCss || cs.color);
    const fg = over([fgRaw[0], fgRaw[1], fgRaw[2], fgRaw[3] * opacity(holder)], bg.colour);
    return { text: text.trim().slice(0, 30), fg: hex(fg), bg: hex(bg.colour), ratio: ratio(fg, bg.colour),
             large: large(cs), bgImage: bg.images, holder: describe(holder) };
  }

  const FIELD = /^(TEXTAREA|SELECT)$/;
  const TEXT_INPUT = /^(text|search|email|url|tel|number|password|)$/;

  function texts(el) {
    if (FIELD.test(el.tagName) || (el.tagName === "INPUT" && TEXT_INPUT.test(el.type))) {
      return [textSample(el, null, el.value || el.placeholder || el.tagName)];
    }
    const seen = new Map();
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const holder = t.parentElement;
      if (!t.data.trim() || !holder || seen.has(holder) || !rendered(holder)) continue;
      seen.set(holder, textSample(holder, null, t.data));
    }
    return [...seen.values()];
  }

  function icons(el) {
    return [...el.querySelectorAll("svg")].filter((svg) => rendered(svg)).map((svg) => {
      const bg = background(svg.parentElement);
      const fill = rgba(getComputedStyle(svg).fill);
      const fg = over([fill[0], fill[1], fill[2], fill[3] * opacity(svg)], bg.colour);
      return { fg: hex(fg), bg: hex(bg.colour), ratio: ratio(fg, bg.colour), holder: describe(svg) };
    });
  }

  function control(el) {
    if (el.tagName !== "INPUT" || !/^(radio|checkbox)$/.test(el.type) || !rendered(el)) return null;
    const accent = getComputedStyle(el).accentColor;
    if (accent === "auto") return { accent: "auto", ratio: null };
    const bg = background(el.parentElement);
    const c = over(rgba(accent), bg.colour);
    return { accent: hex(c), bg: hex(bg.colour), ratio: ratio(c, bg.colour) };
  }

  /** The focus indicator as drawn now: an outline, else a box-shadow, else null. */
  function ring(focused) {
    // A visually hidden input (Material's palette toggle) shows focus on its label.
    // Its ring is drawn on the label right after it (`.md-option:focus-visible + label`).
    const next = focused.nextElementSibling;
    const labels = rendered(focused) ? [] : [next, ...(focused.labels || [])]
      .filter((l) => l && l.tagName === "LABEL" && rendered(l));
    const el = labels.length ? labels[0] : focused;
    const cs = getComputedStyle(el);
    if (!rendered(el)) return { kind: "invisible", ratio: 0 };
    const width = parseFloat(cs.outlineWidth) || 0;
    if (cs.outlineStyle !== "none" && width > 0) {
      // An outline drawn outside the border sits on the parent's background.
      const inside = parseFloat(cs.outlineOffset) + width <= 0;
      const bg = background(inside ? el : el.parentElement).colour;
      const c = over(rgba(cs.outlineColor), bg);
      return { kind: "outline", style: cs.outlineStyle, width, colour: hex(c), bg: hex(bg), ratio: ratio(c, bg) };
    }
    if (cs.boxShadow && cs.boxShadow !== "none") {
      const m = cs.boxShadow.match(/(rgba?\([^)]*\)|#[0-9a-f]+|color\([^)]*\))/i);
      const bg = background(el.parentElement).colour;
      const c = over(rgba(m ? m[1] : "transparent"), bg);
      return { kind: "box-shadow", colour: hex(c), bg: hex(bg), ratio: ratio(c, bg) };
    }
    return null;
  }

  const INTERACTIVE = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, label[for], ' +
    '[tabindex]:not([tabindex="-1"]), #quiz-result';
  // Attributes no stylesheet here selects on (names, targets, script hooks): two
  // elements differing only in these look the same. data-* hooks the CSS does use stay.
  const STYLED_DATA = /^data-(verdict|state|error|chart|kind|md-(?!state).*)$/;
  const UNSTYLED = /^(id|href|for|name|value|title|tabindex|style|src|alt|download|target|rel|aria-.*)$/;

  /** What decides an element's style: tag, classes and attributes, up to <body>. */
  function signature(el) {
    const parts = [];
    for (let n = el; n && n !== document.body; n = n.parentElement) {
      const attrs = [...n.attributes]
        .filter((a) => !UNSTYLED.test(a.name) && (!a.name.startsWith("data-") || STYLED_DATA.test(a.name)))
        .map((a) => `${a.name}=${a.value}`);
      parts.push(`${n.tagName}[${attrs.sort().join(",")}]`);
    }
    return parts.join("<");
  }

  function target(which) {
    return which === "active" ? document.activeElement : document.querySelector(`[data-pk-probe="${which}"]`);
  }

  window.__pkProbe = {
    collect(scope, known = []) {
      const found = [];
      const signatures = new Set(known);
      document.querySelectorAll("[data-pk-probe]").forEach((n) => n.removeAttribute("data-pk-probe"));
      document.querySelectorAll(scope).forEach((root) => {
        root.querySelectorAll(INTERACTIVE).forEach((el) => {
          // Transparent ones count (a heading's permalink shows on hover and focus).
          if (el.hasAttribute("data-pk-probe") || !rendered(el, false)) return;
          const sig = signature(el);
          if (signatures.has(sig)) return;
          signatures.add(sig);
          el.setAttribute("data-pk-probe", String(found.length));
          found.push({ n: found.length, what: describe(el), signature: sig,
                       disableable: "disabled" in el && !el.disabled });
        });
      });
      return found;
    },
    /** Scroll element n to the middle of the viewport; the centre of its first box (a
        link may wrap onto two lines), where a pointer hovering it would be. */
    centre(which) {
      const el = target(which);
      el.scrollIntoView({ block: "center", inline: "nearest" });
      const r = el.getClientRects()[0] || el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    },
    measure(which) {
      const el = target(which);
      if (!el || el === document.body) return null;
      // Transitions jump to their end: the state as it settles, not a frame of the fade.
      document.getAnimations().forEach((a) => { try { a.finish(); } catch (e) { /* an endless one */ } });
      const t = texts(el);
      return { what: describe(el), texts: t, icons: t.length ? [] : icons(el), control: control(el), ring: ring(el),
               focusVisible: el.matches(":focus-visible") || el.classList.contains("focus-visible"),
               hover: el.matches(":hover"), focus: el.matches(":focus"), disabled: el.matches(":disabled") };
    },
  };
  return true;
})()
