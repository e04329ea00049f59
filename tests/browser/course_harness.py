"""Course pages on another origin that frame the embed view, as a course author's page,
a Canvas-like page and a page running H5P's resizer do: each records every message it
receives (window.received). Used by tests/browser/test_embed.py and, for the same
checks behind nginx, tests/deploy/."""

from __future__ import annotations


def course_page(title: str, on_message: str = "", *, sized: bool = True, extra: str = "") -> str:
    """A course page on another origin: it records every message it receives
    (window.received), runs `on_message` for each, frames ?src=, then `extra`."""
    width = '\nframe.style.width = "100%";' if sized else ""  # H5P's resizer sets the width itself
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body>
<h1>{title}</h1>
<script>
window.received = [];
window.addEventListener("message", function (event) {{
  var frame = document.getElementById("frame");
  window.received.push({{origin: event.origin, fromFrame: event.source === frame.contentWindow, data: event.data}});
{on_message}}});
var frame = document.createElement("iframe");
frame.id = "frame";
frame.title = "Self-assessment";{width}
frame.style.height = "400px";
frame.style.border = "0";
frame.src = new URLSearchParams(location.search).get("src");
document.body.appendChild(frame);
</script>
{extra}</body></html>
"""


# The course page: sizes the frame from the height messages as a course author's page would.
HARNESS = course_page(
    "Course page",
    """  if (event.data && event.data.type === "parting-kit:height") frame.style.height = event.data.height + "px";
""",
)


# A Canvas-like course page: Canvas sizes an embedded frame from its
# {subject: "lti.frameResize", height} message (the frame found by event.source).
CANVAS = course_page(
    "Canvas-like page",
    """  var data = typeof event.data === "string" ? JSON.parse(event.data) : event.data;
  if (!data || data.subject !== "lti.frameResize" || event.source !== frame.contentWindow) return;
  var height = Math.max(1, Number(data.height));
  frame.height = height;
  frame.style.height = height + "px";
""",
)

# A page with H5P's resizer. The npm package h5p-standalone bundles only H5P's
# frame side (its preinstall script also refuses npm), so this harness follows
# H5P's own host-side script, h5p-resizer.js (h5p-php-library, js/), step by
# step: answer "hello" (and re-ask on window resize), on "prepareResize" set the
# frame to the reported clientHeight and answer "resizePrepared" unless nothing
# would change, on "resize" set it to scrollHeight; every answer goes to the
# sender's own origin.
H5P = course_page(
    "H5P page",
    sized=False,
    extra="""<script>
(function () {
  var handlers = {
    hello: function (iframe, data, respond) {
      iframe.style.width = "100%";
      iframe.getBoundingClientRect();
      var onResize = function () {
        if (iframe.contentWindow) respond("resize");
        else window.removeEventListener("resize", onResize);
      };
      window.addEventListener("resize", onResize, false);
      respond("hello");
    },
    prepareResize: function (iframe, data, respond) {
      if (iframe.clientHeight !== data.scrollHeight || data.scrollHeight !== data.clientHeight) {
        iframe.style.height = data.clientHeight + "px";
        respond("resizePrepared");
      }
    },
    resize: function (iframe, data) {
      iframe.style.height = data.scrollHeight + "px";
    },
  };
  window.addEventListener("message", function (event) {
    if (!event.data || event.data.context !== "h5p") return;
    var iframes = document.getElementsByTagName("iframe"), iframe;
    for (var i = 0; i < iframes.length; i++) {
      if (iframes[i].contentWindow === event.source) { iframe = iframes[i]; break; }
    }
    if (!iframe || !handlers[event.data.action]) return;
    handlers[event.data.action](iframe, event.data, function (action, data) {
      data = data || {};
      data.action = action;
      data.context = "h5p";
      event.source.postMessage(data, event.origin);
    });
  }, false);
})();
</script>
""",
)
