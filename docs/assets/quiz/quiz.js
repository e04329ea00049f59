/*
 * Parting Kit: glue for the self-assessment page (/quiz/, /en/quiz/).
 *
 * Reads the page's #quiz-data, starts the engine worker at once (the runtime
 * downloads while the reader reads the questions), shows its progress in
 * #quiz-engine, and on submit moves the answers to the worker and the result
 * into #quiz-result. No scoring happens here: weights, rules and texts all come
 * from the Python engine (quiz/) and the page's data. Nothing is stored: no
 * cookies, no storage, no change to the URL.
 *
 * Classic script, loaded with `defer`: the markup below it is already parsed.
 */
(function () {
  "use strict";

  var root = document.querySelector(".pk-quiz");
  var dataNode = document.getElementById("quiz-data");
  var form = document.getElementById("assessment");
  var status = document.getElementById("quiz-engine");
  var output = document.getElementById("quiz-result");
  if (!root || !dataNode || !form || !status || !output) return;

  var data;
  try {
    data = JSON.parse(dataNode.textContent);
  } catch (error) {
    // Without its data the page stays what it is without scripts: a checklist.
    console.warn("[parting-kit] #quiz-data is not valid JSON:", error);
    return;
  }

  var lang = data.lang || root.getAttribute("data-lang") || document.documentElement.lang || "ru";
  var definition = data.definition || {};
  var links = data.links || {};
  var runtime = data.runtime || {};

  // Strings the page needs that the build might not supply (the definition's
  // [ui] table holds the rest): used only when both #quiz-data.ui and
  // definition.ui lack the key.
  var FALLBACK = {
    ru: {
      computing: "Считаем результат…",
      engine_loading: "Загружаем модуль оценки…",
      engine_ready: "Модуль оценки готов.",
      engine_failed: "Не удалось загрузить модуль оценки. Вопросы остаются доступны как список для самопроверки.",
    },
    en: {
      computing: "Working out your result…",
      engine_loading: "Loading the assessment engine…",
      engine_ready: "The assessment engine is ready.",
      engine_failed: "The assessment engine could not be loaded. The questions still work as a printable checklist.",
    },
  };

  function t(key) {
    var sources = [data.ui, definition.ui, FALLBACK[lang] || FALLBACK.en];
    for (var i = 0; i < sources.length; i++) {
      if (sources[i] && typeof sources[i][key] === "string") return sources[i][key];
    }
    return "";
  }

  /** Fill {name} placeholders; "{{" and "}}" stand for literal braces, as in Python. */
  function format(template, values) {
    return template.replace(/\{\{|\}\}|\{(\w+)\}/g, function (match, name) {
      if (match === "{{") return "{";
      if (match === "}}") return "}";
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match;
    });
  }

  function resolve(url) {
    return new URL(url, document.baseURI).href;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // ---- Engine state ----------------------------------------------------------

  var progress = status.querySelector("progress");
  var message = status.querySelector(".pk-quiz__engine-msg");
  if (!message) {
    message = el("span", "pk-quiz__engine-msg");
    status.appendChild(message);
  }

  var worker = null;
  var state = "loading";
  var timer = null;
  var requestId = 0;
  var pending = null; // the id of the submit waiting for its result, if any

  function setState(next, text) {
    state = next;
    status.setAttribute("data-state", next);
    message.textContent = text;
    if (next !== "loading") {
      window.clearTimeout(timer);
      if (progress) progress.hidden = true;
    }
  }

  function setProgress(percent) {
    if (!progress) return;
    var value = Math.max(Number(progress.value) || 0, Math.min(100, Math.round(percent)));
    progress.value = value;
  }

  // The timer restarts with every sign of life from the worker, so a slow but
  // moving download is not cut off; a stall (or a runtime that never starts)
  // ends in "failed" after timeout_ms.
  var timeoutMs = Number(runtime.timeout_ms) > 0 ? Number(runtime.timeout_ms) : 30000;
  function armTimer() {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      fail("no progress for " + timeoutMs + " ms");
    }, timeoutMs);
  }

  function fail(detail) {
    if (state === "failed") return;
    console.warn("[parting-kit] assessment engine failed:", detail);
    if (worker) worker.terminate();
    worker = null;
    setState("failed", t("engine_failed"));
    if (pending !== null) {
      pending = null;
      showError(t("engine_failed"));
      output.focus();
    }
  }

  function onMessage(event) {
    var msg = event.data || {};
    if (state === "failed") return;
    if (msg.type === "progress") {
      setProgress(msg.percent);
      armTimer();
    } else if (msg.type === "ready") {
      setProgress(100);
      setState("ready", t("engine_ready"));
      status.setAttribute("data-ms", String(msg.ms));
    } else if (msg.type === "failed") {
      fail(msg.message);
    } else if (msg.type === "result" && msg.id === pending) {
      pending = null;
      render(msg.result || {});
    }
  }

  function start() {
    status.setAttribute("data-state", "loading");
    message.textContent = t("engine_loading");
    if (typeof Worker === "undefined" || !runtime.worker || !runtime.pyodide || !runtime.wheel) {
      fail("no Worker support or incomplete runtime settings in #quiz-data");
      return;
    }
    try {
      worker = new Worker(resolve(runtime.worker), { type: "module" });
    } catch (error) {
      fail(error && error.message ? error.message : String(error));
      return;
    }
    worker.addEventListener("message", onMessage);
    worker.addEventListener("error", function (event) {
      event.preventDefault(); // reported below, once, as a warning
      fail(event.message || "the engine worker could not start");
    });
    worker.addEventListener("messageerror", function () {
      fail("a message from the engine worker could not be read");
    });
    worker.postMessage({
      type: "init",
      pyodide: resolve(runtime.pyodide),
      wheel: resolve(runtime.wheel),
    });
    armTimer();
  }

  // ---- Answers in ------------------------------------------------------------

  function questionIds() {
    var ids = [];
    var sets = form.querySelectorAll("fieldset[data-question]");
    for (var i = 0; i < sets.length; i++) ids.push(sets[i].getAttribute("data-question"));
    return ids;
  }

  /** The chosen option per answered question; unanswered ones are left out. */
  function collectAnswers() {
    var values = new FormData(form);
    var answers = {};
    questionIds().forEach(function (id) {
      var value = values.get(id);
      if (typeof value === "string") answers[id] = value;
    });
    return answers;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (state === "failed") {
      showError(t("engine_failed"));
      output.focus();
      return;
    }
    requestId += 1;
    pending = requestId;
    showComputing();
    worker.postMessage({
      type: "assess",
      id: requestId,
      definition: definition,
      answers: collectAnswers(),
    });
  });

  // The form's reset button starts over: the old result goes with the answers.
  form.addEventListener("reset", function () {
    pending = null;
    clearInvalid();
    clearOutput();
    output.hidden = true;
  });

  // ---- Result out ------------------------------------------------------------

  function clearOutput() {
    while (output.firstChild) output.removeChild(output.firstChild);
    output.removeAttribute("data-verdict");
    output.removeAttribute("data-error");
    output.removeAttribute("aria-busy");
  }

  function title(text) {
    var heading = el("h2", "pk-quiz__result-title", text);
    heading.id = "quiz-result-title";
    return heading;
  }

  function showComputing() {
    clearOutput();
    output.setAttribute("aria-busy", "true");
    output.appendChild(title(t("computing")));
    // Shown, not focused: focus moves when the result itself is there.
    output.hidden = false;
  }

  function showError(text, items) {
    clearOutput();
    output.setAttribute("data-error", "true");
    output.appendChild(title(t("error_heading") || text));
    var paragraph = el("p", "pk-quiz__error", text);
    output.appendChild(paragraph);
    if (items) output.appendChild(items);
    output.hidden = false;
    return paragraph;
  }

  function href(section, page) {
    // The build gives every linkable section; the fallback follows the URL
    // layout (quiz/ is a sibling of recognize/ and part-ways/ in both languages).
    if (typeof links[section] === "string") return links[section];
    return page ? "../" + page + "/#" + section : "";
  }

  function link(text, section, page) {
    var target = href(section, page);
    if (!target) return el("span", null, text);
    var a = el("a", null, text);
    a.href = target;
    return a;
  }

  function showMissing(error) {
    var ids = Array.isArray(error.questions) ? error.questions : [];
    var list = el("ul", "pk-quiz__missing");
    var first = null;
    ids.forEach(function (id) {
      var set = form.querySelector('fieldset[data-question="' + CSS.escape(id) + '"]');
      if (!set) return;
      set.setAttribute("aria-invalid", "true");
      if (!first) first = set;
      var legend = set.querySelector("legend");
      var item = el("li");
      item.appendChild(el("span", null, legend ? legend.textContent.trim() : id));
      list.appendChild(item);
    });
    var text = format(t("missing_answers"), { count: ids.length }) || error.message;
    var paragraph = showError(text, list.childNodes.length ? list : null);
    if (first) {
      // Focus goes to the question to answer; the message is announced as an alert.
      paragraph.setAttribute("role", "alert");
      focusFieldset(first);
    } else {
      output.focus();
    }
  }

  function focusFieldset(set) {
    // A fieldset is not focusable by itself: focus its first option, which also
    // brings the question into view and lets the reader answer at once.
    var input = set.querySelector("input:not([disabled])");
    set.scrollIntoView({ block: "center" });
    if (input) input.focus({ preventScroll: true });
  }

  function clearInvalid() {
    var marked = form.querySelectorAll('fieldset[aria-invalid="true"]');
    for (var i = 0; i < marked.length; i++) marked[i].removeAttribute("aria-invalid");
  }

  function render(result) {
    clearInvalid();
    output.removeAttribute("data-error");
    if (result.error) {
      if (result.error.kind === "answers" && Array.isArray(result.error.questions)) {
        showMissing(result.error);
      } else {
        console.warn("[parting-kit] the engine refused:", result.error);
        showError(result.error.kind === "engine" ? t("engine_failed") : result.error.message);
        output.focus();
      }
      return;
    }
    clearOutput();
    output.setAttribute("data-verdict", result.verdict);
    output.appendChild(el("p", "pk-quiz__eyebrow", t("result_heading")));
    output.appendChild(title(result.headline));

    var facts = el("dl", "pk-quiz__facts");
    addFact(facts, t("score_label"), format(t("score_format"), result));
    addFact(facts, t("threshold_label"), result.threshold);
    output.appendChild(facts);

    output.appendChild(el("p", "pk-quiz__explanation", result.explanation));
    if (Array.isArray(result.reasons) && result.reasons.length) {
      output.appendChild(el("h3", null, t("why_label")));
      var reasons = el("ul", "pk-quiz__reasons");
      result.reasons.forEach(function (reason) {
        reasons.appendChild(el("li", null, reason));
      });
      output.appendChild(reasons);
    }

    output.appendChild(el("h3", null, t("flagged_heading")));
    var flagged = result.flagged || [];
    if (!flagged.length) {
      output.appendChild(el("p", "pk-quiz__none", t("flagged_none")));
    } else {
      var signs = el("ul", "pk-quiz__flagged");
      flagged.forEach(function (sign) {
        var item = el("li", sign.hard_stop ? "pk-quiz__sign pk-quiz__sign--hard-stop" : "pk-quiz__sign");
        item.appendChild(link(sign.title || sign.text, sign.section, sign.page));
        if (sign.hard_stop) item.appendChild(el("strong", "pk-quiz__badge", t("hard_stop_label")));
        if (sign.answer_label) {
          item.appendChild(el("span", "pk-quiz__answer", t("answer_label") + ": " + sign.answer_label));
        }
        signs.appendChild(item);
      });
      output.appendChild(signs);
    }

    output.appendChild(el("h3", null, t("plan_heading")));
    var plan = el("ol", "pk-quiz__plan");
    (result.plan || []).forEach(function (step) {
      var item = el("li", "pk-quiz__step");
      var head = el("p", "pk-quiz__step-title");
      head.appendChild(link(step.title || t("read_section"), step.section, step.page));
      item.appendChild(head);
      item.appendChild(el("p", "pk-quiz__note", step.note));
      plan.appendChild(item);
    });
    output.appendChild(plan);
    output.hidden = false;
    output.focus();
  }

  function addFact(list, label, value) {
    if (!label) return;
    list.appendChild(el("dt", null, label));
    list.appendChild(el("dd", null, value));
  }

  start();
})();
