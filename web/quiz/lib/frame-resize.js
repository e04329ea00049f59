/*
 * Parting Kit: the resize conventions course platforms already listen for, so a
 * course author needs no script of their own. embed.js calls the returned
 * function with each new content height, beside its own "parting-kit:height"
 * message; everything goes through its `post`, i.e. to the ?parent= origin only,
 * and only messages from that parent, at that origin, are listened to.
 *
 *  - Canvas: {subject: "lti.frameResize", height} on each change.
 *  - H5P's host-side resizer (h5p-resizer.js), the way H5P's own frames speak it:
 *    {context: "h5p", action: "hello"} until the page answers "hello"; then each
 *    change is "prepareResize" {scrollHeight, clientHeight}, the page answers
 *    "resizePrepared" (having set the frame to clientHeight) and the frame sends
 *    "resize" {scrollHeight}. The page's "resize" (its window changed size) asks
 *    again; its "ready" (its script came after the frame) restarts the handshake.
 */

/**
 * @param {string} origin the validated ?parent= origin
 * @param {(message: object) => void} post posts to that origin
 * @returns {(height: number) => void} call with each new content height
 */
export function resizeConventions(origin, post) {
  let height = 0;
  let h5p = false; // the page answered "hello": it runs H5P's resizer

  function h5pStep() {
    if (!h5p) {
      post({ context: "h5p", action: "hello" });
    } else if (height > 0) {
      // The content's own height is both: the frame shows it all, no inner scrolling.
      post({ context: "h5p", action: "prepareResize", scrollHeight: height, clientHeight: height });
    }
  }

  window.addEventListener("message", (event) => {
    if (event.source !== window.parent || event.origin !== origin) return;
    const data = event.data;
    if (!data || typeof data !== "object" || data.context !== "h5p") return;
    if (data.action === "hello") {
      h5p = true;
      h5pStep();
    } else if (data.action === "ready") {
      h5p = false;
      h5pStep();
    } else if (data.action === "resizePrepared" && h5p) {
      post({ context: "h5p", action: "resize", scrollHeight: height });
    } else if (data.action === "resize" && h5p) {
      h5pStep();
    }
  });
  h5pStep();

  return (next) => {
    height = next;
    post({ subject: "lti.frameResize", height: next });
    h5pStep();
  };
}
