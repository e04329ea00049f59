/*
 * Parting Kit: the data shapes the page, the engine worker and Python exchange,
 * written down once for JavaScript (JSDoc typedefs; no code). Python's side of
 * the same shapes is quiz/api_types.py (TypedDicts); `make check-js` runs
 * `tsc --checkJs` over web/quiz/ against these.
 *
 *   #quiz-data (the build, scripts/assessment/quizdata.py) ──> page
 *   page ──PageMessage──> engine-worker.js ──json──> quiz.api.call ──> quiz.session.Session
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
 * @property {string[]} [requests]  the request types Python answers (quiz.api.REQUESTS)
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
 * The session the page starts once (quiz.api.start): everything Python keeps for
 * this page, so that no later request carries it again.
 * @typedef {object} SessionData
 * @property {Definition} definition  the localized definition, parsed once in Python
 * @property {Phrases | null} phrases  the drafter's phrases in the page's language
 * @property {string} lang  the page's language
 * @property {Record<string, string>} links  section id -> absolute URL (the "my result" document's links)
 */

/**
 * The first message: where the runtime is (absolute URLs) and the session to start.
 * @typedef {object} InitMessage
 * @property {"init"} type
 * @property {string} pyodide  absolute URL of the Pyodide folder, trailing slash
 * @property {string} wheel  absolute URL of the engine wheel
 * @property {boolean} [fetch_modules]  RuntimeSettings.fetch_modules, when set
 * @property {SessionData} session
 */

/**
 * Each request's own data, by request type: the arguments of its method of
 * quiz.session.Session (the list of types: quiz.api.REQUESTS, in RuntimeSettings.requests).
 * @typedef {object} RequestData
 * @property {{answers: Record<string, string>}} assess  question id -> option id (unanswered left out)
 * @property {{kind: string, fields: Record<string, string>, choices: Record<string, number>,
 *             include?: Record<string, boolean>, rule?: string, topics?: string[]}} draft
 * @property {{text: string}} check  the letter as edited
 * @property {{text: string}} take_away  the letter, to clean for copying or saving
 * @property {{result: Assessment, draft: {text: string, lang: string} | null}} markdown
 * @property {{answers: Record<string, string>, saved_on: string}} save_answers  saved_on: YYYY-MM-DD
 * @property {{text: string, size: number}} open_answers  size in bytes (a huge file is refused unread)
 * @property {{saved: unknown, answers: Record<string, string>}} compare_answers  saved: open_answers' answer
 */

/**
 * A request with its id (engine.js adds it).
 * @typedef {{type: "request", id: number, request: keyof RequestData, data: object}} RequestMessage
 */

/** What the worker receives: the init message, or a request. @typedef {InitMessage | RequestMessage} PageMessage */

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
 * @property {keyof RequestData} request
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
