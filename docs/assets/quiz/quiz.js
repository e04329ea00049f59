/*
 * Parting Kit: glue for the self-assessment page (/quiz/, /en/quiz/).
 *
 * Reads the page's #quiz-data, starts the engine worker at once (the runtime
 * downloads while the reader reads the questions), shows its progress in
 * #quiz-engine, and on submit moves the answers to the worker and the result
 * into #quiz-result. After a part-ways or last-attempt result it adds the
 * draft message (#quiz-draft): the reader's fields go to quiz.draft in the
 * worker, the edited text to quiz.you_check, and the "download my result"
 * document comes from quiz.draft.markdown_result.
 *
 * No scoring, drafting or checking happens here: weights, rules and texts all
 * come from the Python engine (quiz/) and the page's data. Everything the reader
 * types is handled as text (textContent, never markup). Nothing is stored: no
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
  var calls = {}; // id -> callback, for the draft's calls into the engine

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
    var waiting = calls;
    calls = {};
    Object.keys(waiting).forEach(function (id) {
      waiting[id]({ error: { kind: "engine", message: detail } });
    });
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
    } else if (msg.type === "result" && Object.prototype.hasOwnProperty.call(calls, msg.id)) {
      var callback = calls[msg.id];
      delete calls[msg.id];
      callback(msg.result === undefined || msg.result === null ? {} : msg.result);
    } else if (msg.type === "result" && msg.id === pending) {
      pending = null;
      render(msg.result || {});
    }
  }

  /**
   * Send one request to the engine (message without its id); `callback` gets
   * Python's answer, or {error: {kind: "engine"}} when there is no engine.
   */
  function callEngine(message, callback) {
    if (!worker || state === "failed") {
      window.setTimeout(function () {
        callback({ error: { kind: "engine", message: "the engine is not running" } });
      }, 0);
      return;
    }
    requestId += 1;
    message.id = requestId;
    calls[requestId] = callback;
    worker.postMessage(message);
  }

  function start() {
    status.setAttribute("data-state", "loading");
    message.textContent = t("engine_loading");
    if (typeof Worker === "undefined" || !runtime.worker || !runtime.pyodide || !runtime.wheel) {
      fail("no Worker support or incomplete runtime settings in #quiz-data");
      return;
    }
    try {
      // The offline bundle (scripts/publish/bundle.py) supplies a Worker-like engine for file://.
      worker = typeof window.PartingKitOfflineEngine === "function"
        ? window.PartingKitOfflineEngine(runtime)
        : new Worker(resolve(runtime.worker), { type: "module" });
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
    closeDraft();
    root.classList.remove("pk-quiz--result");
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
    // Score before verdict: embed.js reads all three when data-verdict appears.
    output.setAttribute("data-score", String(result.score));
    output.setAttribute("data-max-score", String(result.max_score));
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
    root.classList.add("pk-quiz--result");
    if (Object.prototype.hasOwnProperty.call(DRAFT_LIST_FIELD, result.verdict) && data.phrases) {
      output.appendChild(openDraft(result));
    }
    output.hidden = false;
    output.focus();
  }

  // ---- Draft message ---------------------------------------------------------
  //
  // The reader's details go to quiz.draft.draft() and the message comes back as
  // text for an editable textarea. Every edit is checked by quiz.you_check.check()
  // (debounced); its offsets (UTF-16, as JavaScript counts) mark each "you" in a
  // mirror of the text built from text nodes and <mark> elements. Once the reader
  // has edited the text by hand, the fields no longer overwrite it: a button
  // rebuilds it from the fields on request.

  // The kinds of message, by verdict, and the list field each one asks for.
  var DRAFT_LIST_FIELD = { "part-ways": "referrals", "last-attempt": "extra_requests" };
  var DRAFT_DEBOUNCE_MS = 150;
  var FILE_TXT = { ru: "pismo-chernovik.txt", en: "draft-message.txt" };
  var FILE_MD = { ru: "rezultat-samoocenki.md", en: "self-assessment-result.md" };

  var drafter = null; // the draft on show, or null

  function closeDraft() {
    if (!drafter) return;
    window.clearTimeout(drafter.fieldTimer);
    window.clearTimeout(drafter.checkTimer);
    drafter = null;
  }

  function draftLang() {
    return (data.phrases && data.phrases.lang) || lang;
  }

  function openDraft(result) {
    closeDraft();
    var d = {
      kind: result.verdict,
      result: result,
      inputs: {},
      choices: {}, // block id -> the variant chosen (the first when absent)
      edited: false,
      draftSeq: 0,
      checkSeq: 0,
      fieldTimer: null,
      checkTimer: null,
    };
    drafter = d;

    var section = el("section", "pk-draft");
    section.id = "quiz-draft";
    section.setAttribute("aria-labelledby", "quiz-draft-title");
    section.setAttribute("data-kind", d.kind);
    section.setAttribute("aria-busy", "true");
    d.section = section;
    var heading = el("h3", "pk-draft__title", t("draft_heading"));
    heading.id = "quiz-draft-title";
    section.appendChild(heading);
    section.appendChild(el("p", "pk-draft__intro", t("draft_intro")));

    // The reader's details.
    var fields = el("fieldset", "pk-draft__fields");
    fields.appendChild(el("legend", null, t("draft_fields_legend")));
    ["client_name", "project", "sender_name", DRAFT_LIST_FIELD[d.kind]].forEach(function (name) {
      var multi = name === DRAFT_LIST_FIELD[d.kind];
      var id = "quiz-draft-" + name.replace(/_/g, "-");
      var wrap = el("div", "pk-draft__field");
      var label = el("label", null, t("draft_" + name));
      label.htmlFor = id;
      var input = el(multi ? "textarea" : "input", "pk-draft__input");
      if (multi) {
        input.rows = 3;
      } else {
        input.type = "text";
      }
      input.id = id;
      // Nothing the reader types is remembered by the browser either.
      input.setAttribute("autocomplete", "off");
      input.setAttribute("data-field", name);
      input.addEventListener("input", function () {
        if (d.edited) return; // the reader's own text wins; the rebuild button is there
        window.clearTimeout(d.fieldTimer);
        d.fieldTimer = window.setTimeout(function () {
          requestDraft(d);
        }, DRAFT_DEBOUNCE_MS);
      });
      d.inputs[name] = input;
      wrap.appendChild(label);
      wrap.appendChild(input);
      fields.appendChild(wrap);
    });
    section.appendChild(fields);

    // The wording: for each part of the message that has alternatives, which one.
    var wording = wordingPicker(d);
    if (wording) section.appendChild(wording);

    // The message itself, editable.
    var textWrap = el("div", "pk-draft__field pk-draft__field--text");
    var textLabel = el("label", null, t("draft_text_label"));
    textLabel.htmlFor = "quiz-draft-text";
    d.text = el("textarea", "pk-draft__text");
    d.text.id = "quiz-draft-text";
    d.text.rows = 14;
    d.text.setAttribute("autocomplete", "off");
    d.text.setAttribute("aria-describedby", "quiz-draft-you");
    d.text.addEventListener("input", function () {
      if (!d.edited) {
        d.edited = true;
        window.clearTimeout(d.fieldTimer);
        d.rebuild.hidden = false;
      }
      window.clearTimeout(d.checkTimer);
      d.checkTimer = window.setTimeout(function () {
        requestCheck(d);
      }, DRAFT_DEBOUNCE_MS);
    });
    textWrap.appendChild(textLabel);
    textWrap.appendChild(d.text);
    section.appendChild(textWrap);

    d.rebuild = el("button", "md-button pk-draft__rebuild", t("draft_rebuild"));
    d.rebuild.type = "button";
    d.rebuild.hidden = true;
    d.rebuild.addEventListener("click", function () {
      d.edited = false;
      d.rebuild.hidden = true;
      d.text.focus();
      requestDraft(d);
    });
    section.appendChild(d.rebuild);

    // The "you" check: the count (announced), the guide's advice, the marked text.
    var you = el("p", "pk-draft__you");
    d.count = el("span", "pk-draft__count");
    d.count.id = "quiz-draft-you";
    d.count.setAttribute("role", "status");
    d.count.setAttribute("aria-live", "polite");
    you.appendChild(d.count);
    you.appendChild(document.createTextNode(" "));
    you.appendChild(link(t("draft_you_link"), "avoid-you", "part-ways"));
    section.appendChild(you);

    var check = el("div", "pk-draft__check");
    check.setAttribute("role", "group");
    check.setAttribute("aria-labelledby", "quiz-draft-check-label");
    var checkLabel = el("p", "pk-draft__check-label", t("draft_check_label"));
    checkLabel.id = "quiz-draft-check-label";
    d.mirror = el("div", "pk-draft__mirror");
    d.mirror.id = "quiz-draft-mirror";
    check.appendChild(checkLabel);
    check.appendChild(d.mirror);
    section.appendChild(check);

    // What to do with it.
    var actions = el("div", "pk-draft__actions");
    [
      ["copy", t("draft_copy"), function () { copyDraft(d); }],
      ["txt", t("draft_download_txt"), function () { downloadText(d); }],
      ["md", t("draft_download_md"), function () { downloadMarkdown(d); }],
      ["print", t("draft_print"), function () { window.print(); }],
    ].forEach(function (spec) {
      var button = el("button", "md-button pk-draft__action", spec[1]);
      button.type = "button";
      button.setAttribute("data-action", spec[0]);
      button.addEventListener("click", spec[2]);
      actions.appendChild(button);
    });
    section.appendChild(actions);
    d.notice = el("p", "pk-draft__notice");
    d.notice.setAttribute("role", "status");
    d.notice.setAttribute("aria-live", "polite");
    section.appendChild(d.notice);

    requestDraft(d);
    return section;
  }

  /**
   * A <select> per block of this kind of message that has more than one variant,
   * in message order; choosing rebuilds the draft (unless the reader has edited
   * it: then the rebuild button does). Null when no block has a choice.
   */
  function wordingPicker(d) {
    var phrases = data.phrases || {};
    var kind = (phrases.kinds || {})[d.kind];
    var blocks = phrases.blocks || {};
    if (!kind || !Array.isArray(kind.blocks)) return null;
    var wording = el("fieldset", "pk-draft__fields pk-draft__wording");
    wording.appendChild(el("legend", null, t("draft_wording_legend")));
    var count = 0;
    kind.blocks.forEach(function (blockId) {
      var block = blocks[blockId];
      if (!block || !Array.isArray(block.variants) || block.variants.length < 2) return;
      var id = "quiz-draft-variant-" + blockId;
      var wrap = el("div", "pk-draft__field");
      var label = el("label", null, block.label);
      label.htmlFor = id;
      var select = el("select", "pk-draft__input");
      select.id = id;
      select.setAttribute("data-block", blockId);
      block.variants.forEach(function (text, i) {
        var option = el("option", null, i + 1 + ". " + variantPreview(text));
        option.value = String(i);
        select.appendChild(option);
      });
      select.addEventListener("change", function () {
        d.choices[blockId] = Number(select.value);
        if (!d.edited) requestDraft(d);
      });
      wrap.appendChild(label);
      wrap.appendChild(select);
      wording.appendChild(wrap);
      count += 1;
    });
    return count ? wording : null;
  }

  /** A variant as one short line: slots as "…", line breaks as " / ". */
  function variantPreview(text) {
    var line = String(text).replace(/\{[a-z_]+\}/g, "…").replace(/\s*\n\s*/g, " / ");
    return line.length > 90 ? line.slice(0, 89) + "…" : line;
  }

  function draftFields(d) {
    var fields = {};
    Object.keys(d.inputs).forEach(function (name) {
      fields[name] = d.inputs[name].value;
    });
    return fields;
  }

  function requestDraft(d) {
    d.draftSeq += 1;
    var seq = d.draftSeq;
    callEngine({
      type: "draft",
      request: { phrases: data.phrases, kind: d.kind, fields: draftFields(d), choices: d.choices },
    }, function (answer) {
      if (drafter !== d || seq !== d.draftSeq) return; // gone, or a newer one is coming
      d.section.removeAttribute("aria-busy");
      if (answer.error || typeof answer.text !== "string") {
        console.warn("[parting-kit] the draft could not be made:", answer.error);
        setNotice(d, t("draft_failed"));
        return;
      }
      if (d.edited) return; // typed into meanwhile: the reader's text stays
      d.text.value = answer.text;
      d.section.setAttribute("data-state", "ready");
      d.checkSeq += 1; // an older check of other text must not overwrite this one
      showCheck(d, answer.you, answer.text);
    });
  }

  function requestCheck(d) {
    d.checkSeq += 1;
    var seq = d.checkSeq;
    var text = d.text.value;
    callEngine({ type: "check", text: text, lang: draftLang() }, function (answer) {
      if (drafter !== d || seq !== d.checkSeq) return;
      if (answer.error) {
        console.warn("[parting-kit] the text could not be checked:", answer.error);
        return;
      }
      showCheck(d, answer, text);
    });
  }

  /** The count and the mirror of `text` with each match in a <mark>; all as text nodes. */
  function showCheck(d, you, text) {
    var matches = you && Array.isArray(you.matches) ? you.matches : [];
    var count = you && typeof you.count === "number" ? you.count : matches.length;
    // Announced only when it changes, not on every keystroke.
    if (d.count.getAttribute("data-count") !== String(count)) {
      d.count.setAttribute("data-count", String(count));
      d.count.textContent = format(t("draft_you_count"), { count: count });
    }
    d.section.setAttribute("data-you", String(count));
    while (d.mirror.firstChild) d.mirror.removeChild(d.mirror.firstChild);
    var at = 0;
    matches.forEach(function (match) {
      var start = match.start16;
      var end = match.end16;
      if (typeof start !== "number" || typeof end !== "number" || start < at || end <= start || end > text.length) {
        return;
      }
      if (start > at) d.mirror.appendChild(document.createTextNode(text.slice(at, start)));
      d.mirror.appendChild(el("mark", "pk-draft__mark", text.slice(start, end)));
      at = end;
    });
    if (at < text.length) d.mirror.appendChild(document.createTextNode(text.slice(at)));
  }

  function setNotice(d, text) {
    // Cleared first, so the same message twice is announced twice.
    d.notice.textContent = "";
    window.setTimeout(function () {
      d.notice.textContent = text;
    }, 50);
  }

  function copyDraft(d) {
    var text = d.text.value;
    function manual() {
      d.text.focus();
      d.text.select();
      setNotice(d, t("draft_copy_failed"));
    }
    if (navigator.clipboard && typeof navigator.clipboard.writeText === "function") {
      navigator.clipboard.writeText(text).then(function () {
        setNotice(d, t("draft_copied"));
      }, manual);
    } else {
      manual();
    }
  }

  /** Save `text` as a file: a Blob behind a temporary object URL, revoked afterwards. */
  function saveFile(name, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = name;
    anchor.hidden = true;
    document.body.appendChild(anchor);
    anchor.click();
    anchor.parentNode.removeChild(anchor);
    window.setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 1000);
  }

  function downloadText(d) {
    saveFile(FILE_TXT[draftLang()] || FILE_TXT.en, d.text.value, "text/plain;charset=utf-8");
  }

  function downloadMarkdown(d) {
    // Absolute links: the file is read away from the site.
    var absolute = {};
    Object.keys(links).forEach(function (section) {
      if (typeof links[section] === "string") absolute[section] = resolve(links[section]);
    });
    callEngine({
      type: "markdown",
      result: d.result,
      draft: { text: d.text.value, lang: draftLang() },
      lang: lang,
      links: absolute,
    }, function (answer) {
      if (drafter !== d) return;
      if (typeof answer !== "string") {
        console.warn("[parting-kit] the result document could not be made:", answer && answer.error);
        setNotice(d, t("draft_failed"));
        return;
      }
      saveFile(FILE_MD[lang] || FILE_MD.en, answer, "text/markdown;charset=utf-8");
    });
  }

  function addFact(list, label, value) {
    if (!label) return;
    list.appendChild(el("dt", null, label));
    list.appendChild(el("dd", null, value));
  }

  start();
})();
