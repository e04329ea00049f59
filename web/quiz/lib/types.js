/*
 * Parting Kit: the data shapes the page, the engine worker and Python exchange,
 * written down once for JavaScript (JSDoc typedefs; no code). Python's side of
 * the same shapes is quiz/api_types.py (TypedDicts); `make check-js` runs
 * `tsc --checkJs` over web/quiz/ against these.
 *
 *   #quiz-data (the build, scripts/assessment/quizpage.py) ──> page
 *   page ──PageMessage──> engine-worker.js ──json──> quiz.api / quiz.draft / quiz.you_check
 *   page <──WorkerMessage── engine-worker.js <──dict/str── Python
 *   embed view ──CourseMessage──> the course page (postMessage, ?parent= origin only)
 *
 * When a shape changes, change it here and in quiz/api_types.py together.
 */

// ---- #quiz-data: what the build tells the page ----------------------------------

/**
 * The JSON in <script type="application/json" id="quiz-data">.
 * @typedef {object} QuizData
 * @property {string} lang  the page's language ("ru", "en")
 * @property {Definition} definition  the localized quiz definition (quiz/definition.toml)
 * @property {Record<string, string>} links  section id -> its URL relative to the page
 * @property {RuntimeSettings} runtime  where the engine's files are
 * @property {Record<string, string>} ui  the page's strings in its language ([ui] of the definition)
 * @property {Phrases} phrases  the drafter's phrase blocks in the page's language
 */

/**
 * @typedef {object} RuntimeSettings
 * @property {string} worker  engine-worker.js, relative to the page
 * @property {string} pyodide  the Pyodide folder, relative to the page, with a trailing slash
 * @property {string} wheel  the engine wheel, relative to the page
 * @property {number} [timeout_ms]  how long the engine may show no progress before "failed"
 * @property {boolean} [fetch_modules]  import Pyodide's .mjs files from their fetched text, not by
 *   URL (the SCORM packages: an LMS may label .mjs with any type; lib/worker-modules.js)
 */

/**
 * The quiz definition as the page carries it: sent back to quiz.api.assess
 * untouched, read by the page only for its strings and verdicts.
 * @typedef {object} Definition
 * @property {Record<string, string>} [ui]
 * @property {Record<string, {title: string, summary: string}>} [verdicts]  verdict id -> its texts
 */

/**
 * The drafter's phrase blocks (quiz/phrases.toml, localized by the build); the
 * page hands them back to quiz.draft with every call.
 * @typedef {object} Phrases
 * @property {string} lang
 * @property {Record<string, {label: string, blocks: string[]}>} kinds  verdict -> its message's blocks, in order
 * @property {Record<string, PhraseBlock>} blocks  block id -> its wordings
 * @property {Record<string, string>} texts  the drafter's other strings (file names, notices, legends)
 */

/** @typedef {{label: string, section?: string, variants: string[], fallback?: string[]}} PhraseBlock */

// ---- Page -> worker ----------------------------------------------------------------

/**
 * The first message: where the runtime is (absolute URLs).
 * @typedef {object} InitMessage
 * @property {"init"} type
 * @property {string} pyodide  absolute URL of the Pyodide folder, trailing slash
 * @property {string} wheel  absolute URL of the engine wheel
 * @property {boolean} [fetch_modules]  RuntimeSettings.fetch_modules, when set
 */

/**
 * -> quiz.api.assess(definition, answers)
 * @typedef {object} AssessRequest
 * @property {"assess"} type
 * @property {Definition} definition
 * @property {Record<string, string>} answers  question id -> option id (unanswered ones left out)
 */

/**
 * -> quiz.draft.draft(request)
 * @typedef {object} DraftRequest
 * @property {"draft"} type
 * @property {{phrases: Phrases | undefined, kind: string, fields: Record<string, string>,
 *            choices: Record<string, number>, include?: Record<string, boolean>,
 *            rule?: string, topics?: string[]}} request
 */

/**
 * -> quiz.draft.take_away(text, phrases): the letter cleaned for copying or saving
 * @typedef {object} TakeAwayRequest
 * @property {"take_away"} type
 * @property {string} text
 * @property {Phrases | undefined} phrases
 */

/**
 * -> quiz.you_check.check(text, lang)
 * @typedef {object} CheckRequest
 * @property {"check"} type
 * @property {string} text  the draft as edited
 * @property {string} lang
 */

/**
 * -> quiz.draft.markdown_result(result, draft, phrases, links)
 * @typedef {object} MarkdownRequest
 * @property {"markdown"} type
 * @property {Assessment} result
 * @property {{text: string, lang: string} | null} draft
 * @property {Phrases | undefined} phrases
 * @property {Record<string, string>} links  section id -> absolute URL
 */

/**
 * -> quiz.api.save_answers(definition, answers, saved_on): the answers file to download
 * @typedef {object} SaveAnswersRequest
 * @property {"save_answers"} type
 * @property {Definition} definition
 * @property {Record<string, string>} answers
 * @property {string} saved_on  the reader's date, YYYY-MM-DD
 */

/**
 * -> quiz.api.open_answers(definition, text, size): a saved answers file, checked
 * @typedef {object} OpenAnswersRequest
 * @property {"open_answers"} type
 * @property {Definition} definition
 * @property {string} text  the file's text
 * @property {number} size  the file's size in bytes (a huge file is refused unread)
 */

/**
 * -> quiz.api.compare_answers(definition, saved, answers): what changed since then
 * @typedef {object} CompareAnswersRequest
 * @property {"compare_answers"} type
 * @property {Definition} definition
 * @property {unknown} saved  open_answers' answer
 * @property {Record<string, string>} answers
 */

/**
 * A call into Python as the page's modules make it; engine.js adds the id. Every
 * type must be routed by engine-worker.js's CALLS (tsc checks that).
 * @typedef {AssessRequest | DraftRequest | CheckRequest | TakeAwayRequest | MarkdownRequest
 *   | SaveAnswersRequest | OpenAnswersRequest | CompareAnswersRequest} EngineRequest
 */

/**
 * What the worker receives: the init message, or a call with its id.
 * @typedef {InitMessage | (EngineRequest & {id: number})} PageMessage
 */

// ---- Worker -> page ----------------------------------------------------------------

/**
 * @typedef {object} ProgressMessage
 * @property {"progress"} type
 * @property {"download" | "runtime" | "python" | "engine"} step
 * @property {number} percent  0..100, never going back
 */

/**
 * @typedef {object} ReadyMessage
 * @property {"ready"} type
 * @property {number} ms  from init to ready
 * @property {number} python_ms  from init to Python started
 */

/**
 * The engine cannot start; `message` is a technical detail for the console only.
 * @typedef {object} FailedMessage
 * @property {"failed"} type
 * @property {string} message
 */

/**
 * The answer to one call, by its id: what Python returned (a dict, or the
 * Markdown string), or {error} when Python could not be reached.
 * @typedef {object} ResultMessage
 * @property {"result"} type
 * @property {number} id
 * @property {EngineRequest["type"]} request
 * @property {any} result
 */

/** @typedef {ProgressMessage | ReadyMessage | FailedMessage | ResultMessage} WorkerMessage */

// ---- Python's answers --------------------------------------------------------------

/**
 * What quiz.draft.form says the drafter shows: the fields (the letter's own, then
 * each topic's), the parts with more than one wording, the optional parts.
 * @typedef {object} DraftForm
 * @property {{topic: string, label: string,
 *             fields: {name: string, label: string, hint: string, list: boolean}[]}[]} groups
 * @property {{block: string, label: string, variants: string[]}[]} wordings
 * @property {{id: string, label: string, on: boolean}[]} optional
 */

/** @typedef {"keep" | "last-attempt" | "part-ways"} Verdict */

/**
 * quiz.api.assess on success (quiz/api.py's docstring has every field).
 * @typedef {object} Assessment
 * @property {Verdict} verdict
 * @property {"clear" | "hard-stop" | "exhausted" | "not-exhausted"} rule  which decision rule gave it
 * @property {number} score
 * @property {number} max_score
 * @property {number} threshold
 * @property {boolean} accumulated  no sign flagged, but the score reached the threshold
 * @property {string} headline
 * @property {string} explanation
 * @property {string[]} reasons
 * @property {boolean} provisional  self-check not done yet: the explanation says so
 * @property {FlaggedSign[]} flagged  in definition order
 * @property {PlanStep[]} plan  in reading order
 * @property {Followup} [followup]  keep, yet continuing is impossible: the steps beside the plan
 * @property {Letter} [letter]  the letter this result calls for, if any
 * @property {Chart} chart  the profile chart's data
 */

/** After keep, yet continuing is impossible: @typedef {{heading: string, steps: PlanStep[]}} Followup */

/**
 * The letter a result calls for: its kind, the signs a last attempt speaks of, and
 * whether it is drafted only when the reader asks.
 * @typedef {{kind: "part-ways" | "last-attempt", topics: string[], opt_in: boolean}} Letter
 */

/**
 * @typedef {object} Chart
 * @property {number} score
 * @property {number} max_score
 * @property {number} threshold
 * @property {ChartSign[]} signs  every sign, in definition order
 */

/**
 * @typedef {object} ChartSign
 * @property {string} id
 * @property {string} label
 * @property {string} answer
 * @property {string} answer_label
 * @property {number} weight
 * @property {number} points
 * @property {number} max_points
 * @property {boolean} hard_stop
 * @property {boolean} flagged
 */

/**
 * @typedef {object} FlaggedSign
 * @property {string} id
 * @property {string} section
 * @property {string} page  the guide page's slug
 * @property {string} answer
 * @property {string} answer_label
 * @property {boolean} hard_stop
 * @property {string} text
 * @property {string} short  the sign's name in a few words
 * @property {string} [title]  the section's heading, when the build gave one
 */

/**
 * @typedef {object} PlanStep
 * @property {string} section
 * @property {string} page
 * @property {string} note
 * @property {string} [title]  the plan's own title for the step, else the section's heading
 */

/**
 * An error Python returns instead of a result; kind "engine" is the page's own
 * (no engine to ask), "answers" names the unanswered questions.
 * @typedef {AnswersError | OtherError} EngineError
 */

/**
 * @typedef {object} AnswersError
 * @property {"answers"} kind
 * @property {string} message
 * @property {string[]} questions  the unanswered question ids, in page order
 */

/**
 * @typedef {object} OtherError
 * @property {"engine" | "definition" | "draft" | "saved"} kind
 * @property {string} message
 */

/** @typedef {Assessment | {error: EngineError}} AssessAnswer */

/**
 * quiz.you_check.check's answer, also in a draft's `you`.
 * @typedef {object} YouCheck
 * @property {number} count  every match
 * @property {{start16: number, end16: number, word: string, line: number}[]} matches  offsets in UTF-16
 *   code units, as JavaScript counts; the word as written; its 1-based line
 * @property {string} section  the guide section whose advice the check applies (linked beside the count)
 */

// ---- Embed view -> course page -----------------------------------------------------

/**
 * A result as the course may know it: never the answers.
 * @typedef {object} CourseResult
 * @property {string} verdict
 * @property {number} score
 * @property {number} max_score
 */

/**
 * @typedef {{type: "parting-kit:height", version: 1, height: number}
 *   | ({type: "parting-kit:result", version: 1} & CourseResult)} CourseMessage
 */

export {};
