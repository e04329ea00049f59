/*
 * Overflow probe for tests/browser/test_a11y_states.py (evaluated through the
 * DevTools protocol; reads layout only). window.__pkOverflow(scope) lists what
 * sticks out of its container under `scope`, and the page itself when it
 * scrolls sideways.
 *
 * An element's container is its nearest ancestor with a visible edge (a border,
 * a background, a shadow) or one that clips: what a reader sees as the box it
 * sits in. Without one, the viewport. So a code block that bleeds into the
 * page's margin on a phone (Material's design) is fine; a fieldset drawn past
 * the result card's border is not. Every rendered element and every line of text
 * must lie inside its container's border. Left alone: containers that scroll
 * sideways on purpose (overflow-x: auto/scroll, e.g. code blocks), text cut with
 * an ellipsis on purpose, and what is taken out of the flow (fixed/absolute:
 * Material's off-canvas drawer, the skip link).
 */
(() => {
  const SLACK = 1; // px: sub-pixel rounding

  function describe(node) {
    const el = node.nodeType === 1 ? node : node.parentElement;
    const cls = typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\s+/).join(".") : "";
    const text = (node.textContent || "").trim().replace(/\s+/g, " ").slice(0, 30);
    return `${node.nodeType === 1 ? "" : "text in "}<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${cls}> ` +
      JSON.stringify(text);
  }

  function visibleEdge(cs) {
    const border = ["Left", "Right"].some((side) => parseFloat(cs[`border${side}Width`]) > 0 &&
                                                   cs[`border${side}Style`] !== "none");
    const paint = !/rgba\(0, 0, 0, 0\)|transparent/.test(cs.backgroundColor) || cs.backgroundImage !== "none";
    return border || paint || cs.boxShadow !== "none";
  }

  /** The box a reader sees `node` in (for text: its own element, if that has an
      edge), with its inner left/right edges; box null means the viewport. */
  function container(node) {
    // An element sits in an ancestor; a text sits in its own element already.
    const start = node.parentElement;
    for (let n = start; n && n !== document.documentElement; n = n.parentElement) {
      const cs = getComputedStyle(n);
      if (cs.display === "contents") continue;
      if (visibleEdge(cs) || cs.overflowX !== "visible") {
        const r = n.getBoundingClientRect();
        return { box: n, cs, left: r.left + parseFloat(cs.borderLeftWidth), right: r.right - parseFloat(cs.borderRightWidth) };
      }
    }
    return { box: null, cs: null, left: 0, right: document.documentElement.clientWidth };
  }

  function outOfFlow(el) {
    for (let n = el; n && n !== document.body; n = n.parentElement) {
      const p = getComputedStyle(n).position;
      if (p === "fixed" || p === "absolute") return true;
    }
    return false;
  }

  function ellipsis(el, stop) {
    for (let n = el; n && n !== stop; n = n.parentElement) {
      if (getComputedStyle(n).textOverflow === "ellipsis") return true;
    }
    return false;
  }

  function check(node, el, rects, found) {
    const c = container(node);
    if (c.cs && /^(auto|scroll)$/.test(c.cs.overflowX)) return; // scrolls sideways by design
    if (ellipsis(el, c.box)) return;
    for (const r of rects) {
      if (r.width === 0) continue;
      const over = Math.max(r.right - c.right, c.left - r.left);
      if (over > SLACK) {
        const where = c.box ? describe(c.box) : "the viewport";
        found.push(`${describe(node)} sticks out of ${where} by ${Math.round(over)} px ` +
                   `(${Math.round(r.left)}..${Math.round(r.right)} px in ${Math.round(c.left)}..${Math.round(c.right)} px)`);
        return;
      }
    }
  }

  window.__pkOverflow = (scope) => {
    const found = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + SLACK) {
      found.push(`the page scrolls sideways: ${root.scrollWidth} px of content in ${root.clientWidth} px`);
    }
    document.querySelectorAll(scope).forEach((top) => {
      const walker = document.createTreeWalker(top, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let node = walker.currentNode; node; node = walker.nextNode()) {
        const el = node.nodeType === 1 ? node : node.parentElement;
        if (!el || (el.closest("svg") && el.tagName.toLowerCase() !== "svg")) continue;
        if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true }) || outOfFlow(el)) continue;
        if (node.nodeType === 1) {
          if (getComputedStyle(el).display === "contents") continue;
          check(node, el, [el.getBoundingClientRect()], found);
        } else if (node.data.trim()) {
          const range = document.createRange();
          range.selectNodeContents(node);
          check(node, el, [...range.getClientRects()], found);
        }
      }
    });
    return found;
  };
  return true;
})()
