// Parcours: the counsellors' page. Opens with an interview: one question at a time, in the
// order the engine gives them (`questions` of /api/v1/recommend; the page does not re-decide
// it), the answer updated at each reply. The full form, built from /api/v1/vocabulary, is one
// click away and holds the same profile. Nothing is kept: no cookie, no storage.
"use strict";

const state = {
  vocabulary: null, token: null, last: null, lastText: "", sequence: 0, timer: null,
  skipped: new Set(), history: [], open: new Set(), failed: false,
};
const $ = (id) => document.getElementById(id);

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "text") node.textContent = value; else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) if (child) node.append(child);
  return node;
}

// ---- French typography: the page's one place for plurals and dates.
const fr = {
  count(n, singular, plural) { return n + "\u00a0" + (n <= 1 ? singular : (plural || singular + "s")); },
  date(iso) {
    const months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
    const [y, m, d] = (iso || "").split("-").map(Number);
    if (!y || !m || !d || m > 12) return iso || "";
    return (d === 1 ? "1er" : String(d)) + "\u00a0" + months[m - 1] + "\u00a0" + y;
  },
};

async function api(path, options) {
  const headers = Object.assign({}, (options && options.headers) || {});
  if (state.token) headers["Authorization"] = "Bearer " + state.token;
  // The page is French: its errors too, whatever the browser's languages.
  headers["Accept-Language"] = "fr";
  const response = await fetch(path, Object.assign({}, options, { headers, cache: "no-store", credentials: "omit" }));
  if (response.status === 401) { $("token-box").hidden = false; throw new Error("Ce serveur demande un jeton d'accès."); }
  const type = response.headers.get("Content-Type") || "";
  const body = type.includes("json") ? await response.json() : await response.text();
  return { ok: response.ok, status: response.status, body };
}

const post = (path, profile) => api(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(profile) });

// ---- Widgets: how each field is drawn in the form, read back, set, and asked in the interview.
// The server decides which widget a field uses (`widget` in /api/v1/vocabulary).

// A number as typed: an integer, or the text itself so that the server says what is wrong
// (« 2.5 » is not dropped); undefined when empty.
function typedNumber(input) {
  if (input.validity && input.validity.badInput) return "?";
  if (input.value === "") return undefined;
  const number = Number(input.value);
  return Number.isFinite(number) ? number : input.value;
}

const widgets = {
  "number": {
    control(field, id, question) {
      return [el("label", { for: id, text: field.label }), question,
        el("input", { id, name: field.name, type: "number", min: field.min, max: field.max, step: 1, inputmode: "numeric", "aria-describedby": id + "-q " + id + "-e" })];
    },
    read(form, field) { return typedNumber(form.querySelector(`input[name="${field.name}"]`)); },
    set(form, field, value) { form.querySelector(`input[name="${field.name}"]`).value = value === undefined ? "" : value; },
    ask(field, box, answer) {
      const input = el("input", { id: "ask-input", type: "number", min: field.min, max: field.max, step: 1, inputmode: "numeric", "aria-labelledby": "ask-question", "aria-describedby": "ask-hint ask-error" });
      const submit = el("button", { type: "submit", text: "Valider" });
      const form = el("form", { class: "ask-number", novalidate: true },
        input, submit,
        el("p", { id: "ask-hint", class: "hint", text: "De " + field.min + " à " + field.max + "." }));
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        const value = typedNumber(input);
        const problem = value === undefined ? "Saisissez un nombre, ou « Je ne sais pas »."
          : !Number.isInteger(value) ? "Un nombre entier est attendu."
          : value < field.min || value > field.max ? "Entre " + field.min + " et " + field.max + "." : null;
        input.setAttribute("aria-invalid", problem ? "true" : "false");
        $("ask-error").textContent = problem || "";
        if (!problem) answer(value);
      });
      box.append(form);
      return input;
    },
  },
  "yes-no": {
    control(field, id, question) {
      const group = el("div", { class: "choices", role: "radiogroup", "aria-labelledby": id + "-l", "aria-describedby": id + "-q " + id + "-e" });
      for (const [value, label] of [["", "Inconnu"], ["true", "Oui"], ["false", "Non"]]) {
        const input = el("input", { type: "radio", name: field.name, id: id + "-" + (value || "unknown"), value, checked: value === "" });
        group.append(el("label", { for: input.id }, input, " " + label));
      }
      return [el("span", { class: "label", id: id + "-l", text: field.label }), question, group];
    },
    read(form, field) {
      const checked = form.querySelector(`input[name="${field.name}"]:checked`);
      if (checked && checked.value !== "") return checked.value === "true";
    },
    set(form, field, value) {
      const input = form.querySelector(`input[name="${field.name}"][value="${value === undefined ? "" : value ? "true" : "false"}"]`);
      if (input) input.checked = true;
    },
    ask(field, box, answer) {
      const buttons = [[true, "Oui"], [false, "Non"]].map(([value, label]) => {
        const button = el("button", { type: "button", text: label });
        button.addEventListener("click", () => answer(value));
        return button;
      });
      box.append(el("div", { class: "ask-buttons" }, buttons));
      return buttons[0];
    },
  },
  "choice": {
    control(field, id, question) {
      const select = el("select", { id, name: field.name, "aria-describedby": id + "-q " + id + "-e" }, el("option", { value: "", text: "— inconnu —" }));
      for (const value of field.values) select.append(el("option", { value: value.id, text: value.label }));
      return [el("label", { for: id, text: field.label }), question, select];
    },
    read(form, field) {
      const select = form.querySelector(`select[name="${field.name}"]`);
      if (select.value !== "") return select.value;
    },
    set(form, field, value) { form.querySelector(`select[name="${field.name}"]`).value = value === undefined ? "" : value; },
    ask(field, box, answer) {
      const buttons = field.values.map((value) => {
        const button = el("button", { type: "button", text: value.label });
        button.addEventListener("click", () => answer(value.id));
        return button;
      });
      box.append(el("div", { class: "ask-buttons ask-list" }, buttons));
      return buttons[0];
    },
  },
  "multi-choice": {
    control(field, id, question) {
      const group = el("fieldset", { class: "choices", "aria-describedby": id + "-q " + id + "-e" }, el("legend", { text: field.label }));
      for (const value of field.values) {
        const input = el("input", { type: "checkbox", name: field.name, id: id + "-" + value.id, value: value.id });
        group.append(el("label", { for: input.id }, input, " " + value.label));
      }
      const none = el("input", { type: "checkbox", name: field.name, id: id + "-none", value: "", "data-none": "1" });
      group.append(el("label", { for: none.id }, none, " Aucun"));
      return [question, group];
    },
    read(form, field) {
      const boxes = [...form.querySelectorAll(`input[name="${field.name}"]`)];
      const none = boxes.find((box) => box.dataset.none);
      const values = boxes.filter((box) => box.checked && !box.dataset.none).map((box) => box.value);
      if (values.length) return values;
      if (none && none.checked) return [];
    },
    set(form, field, value) {
      for (const box of form.querySelectorAll(`input[name="${field.name}"]`)) {
        box.checked = value === undefined ? false : box.dataset.none ? value.length === 0 : value.includes(box.value);
      }
    },
    ask(field, box, answer) {
      const boxes = field.values.map((value) => el("input", { type: "checkbox", id: "ask-" + value.id, value: value.id }));
      const form = el("form", { class: "ask-multi", novalidate: true },
        el("fieldset", {}, el("legend", { class: "visually-hidden", text: field.label + " (plusieurs réponses possibles)" }),
          field.values.map((value, index) => el("label", { for: boxes[index].id }, boxes[index], " " + value.label))),
        el("div", { class: "ask-buttons" }, el("button", { type: "submit", text: "Valider" }), el("button", { type: "button", class: "secondary", "data-none": "1", text: "Aucun" })));
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        const values = boxes.filter((b) => b.checked).map((b) => b.value);
        if (values.length) answer(values); else $("ask-error").textContent = "Cochez au moins une réponse, ou « Aucun ».";
      });
      form.querySelector("[data-none]").addEventListener("click", () => answer([]));
      box.append(form);
      return boxes[0];
    },
  },
};

// The widget a field uses (a widget this page does not know is asked as a choice).
const widget = (field) => widgets[field.widget] || widgets.choice;
const fieldNamed = (name) => state.vocabulary.fields.find((f) => f.name === name);

// ---- The full form, from the vocabulary

function fieldControl(field) {
  const id = "f-" + field.name;
  const wrap = el("div", { class: "field", "data-field": field.name });
  const question = el("span", { class: "question", id: id + "-q", text: field.question });
  wrap.append(...widget(field).control(field, id, question), el("p", { class: "field-error", id: id + "-e" }));
  return wrap;
}

function buildForm(vocabulary) {
  const form = $("profile");
  form.replaceChildren();
  for (const group of vocabulary.groups) {
    const fields = vocabulary.fields.filter((field) => field.group === group.id);
    if (!fields.length) continue;
    form.append(el("fieldset", { class: "group" }, el("legend", { text: group.label }), fields.map(fieldControl)));
  }
}

function readProfile() {
  const profile = {};
  for (const field of state.vocabulary.fields) {
    const value = widget(field).read($("profile"), field);
    if (value !== undefined) profile[field.name] = value;
  }
  return profile;
}

function setValue(name, value) {
  const field = fieldNamed(name);
  if (field) widget(field).set($("profile"), field, value);
}

// ---- The interview: the engine's first question not yet answered nor set aside.

function currentQuestion() {
  if (!state.last) return null;
  const profile = readProfile();
  return state.last.questions.find((q) => !state.skipped.has(q.field) && !(q.field in profile)) || null;
}

function answer(name, value) {
  setValue(name, value);
  state.history.push(name);
  schedule(0, true);
}

function skip(name) {
  state.skipped.add(name);
  state.history.push(name);
  showQuestion(true);
}

function back() {
  const name = state.history.pop();
  if (!name) return;
  state.skipped.delete(name);
  setValue(name, undefined);
  schedule(0, true);
}

// Draws the current question; `focus` moves the focus to its first answer (after a reply, so
// that the keyboard stays in the interview).
function showQuestion(focus) {
  const box = $("question-box");
  const question = currentQuestion();
  const profile = readProfile();
  const answered = Object.keys(profile).length;
  const left = state.last ? state.last.questions.filter((q) => !state.skipped.has(q.field) && !(q.field in profile)).length : 0;
  $("progress").textContent = fr.count(answered, "réponse") + (state.skipped.size ? " · " + fr.count(state.skipped.size, "question laissée", "questions laissées") + " de côté" : "")
    + (question ? " · " + fr.count(left, "question reste", "questions restent") + " à poser" : "");
  const backButton = el("button", { type: "button", class: "secondary", id: "back", text: "Retour", disabled: state.history.length === 0 });
  backButton.addEventListener("click", back);
  if (!question) {
    box.replaceChildren(el("p", { class: "done", text: state.last ? "Plus de question : la réponse tient compte de tout ce qui a été dit." : "Chargement…" }),
      el("div", { class: "ask-buttons" }, backButton));
    if (focus) box.focus();
    return;
  }
  const field = fieldNamed(question.field);
  const body = el("div", { class: "ask" });
  box.replaceChildren(...[
    el("p", { class: "ask-label", id: "ask-label", text: field ? field.label : question.label }),
    el("p", { class: "ask-question", id: "ask-question", text: question.question }),
    question.changes.length ? el("p", { class: "badge", text: "Peut changer " + question.changes.map((c) => c === "route" ? "le parcours" : "le référent").join(" et ") }) : null,
    body, el("p", { class: "field-error", id: "ask-error", "aria-live": "assertive" }),
    el("div", { class: "ask-buttons ask-nav" }, backButton, (() => {
      const unknown = el("button", { type: "button", class: "secondary", text: "Je ne sais pas" });
      unknown.addEventListener("click", () => skip(question.field));
      return unknown;
    })())].filter(Boolean));
  body.setAttribute("role", "group");
  body.setAttribute("aria-labelledby", "ask-question");
  const first = field ? widget(field).ask(field, body, (value) => answer(question.field, value)) : null;
  if (focus && first) first.focus();
}

// ---- Asking the server and showing the answer

function schedule(delay, focusQuestion) {
  clearTimeout(state.timer);
  state.timer = setTimeout(() => recommend(focusQuestion), delay === undefined ? 250 : delay);
}

async function recommend(focusQuestion) {
  const sequence = ++state.sequence;
  const profile = readProfile();
  $("status").textContent = "Calcul…";
  try {
    const answer = await post("/api/v1/recommend", profile);
    if (sequence !== state.sequence) return;
    if (!answer.ok) { showErrors(answer.body); return; }
    clearErrors();
    state.last = answer.body;
    const text = JSON.stringify(answer.body);
    // The same answer is not drawn again: an open « pourquoi ? » stays open, the focus stays.
    if (text !== state.lastText) { state.lastText = text; render(answer.body); document.body.classList.remove("printing-sheet"); }
    $("status").textContent = "Réponse à jour (" + fr.count(Object.keys(profile).length, "réponse") + ").";
    showQuestion(focusQuestion);
  } catch (error) {
    if (sequence === state.sequence) $("status").textContent = error.message;
  }
}

function clearErrors() {
  state.failed = false;
  $("errors").replaceChildren();
  $("result").classList.remove("stale");
  $("result").removeAttribute("aria-hidden");
  for (const input of document.querySelectorAll("[aria-invalid=true]")) input.setAttribute("aria-invalid", "false");
  for (const message of document.querySelectorAll("#profile .field-error")) message.textContent = "";
}

// A field's error in the page's words: its French label, what is expected.
function fieldMessage(error, field) {
  if (!field) return error.message;
  if (error.code === "out-of-range") return field.label + " : entre " + field.min + " et " + field.max + ".";
  if (error.code === "type-mismatch" && field.widget === "number") return field.label + " : un nombre entier est attendu.";
  return field.label + " : " + error.message.split(field.name).join("« " + field.label + " »");
}

// Errors are shown at their field; the previous answer is greyed and said to be out of date;
// the focus stays where it was.
function showErrors(problem) {
  clearErrors();
  state.failed = true;
  const items = [];
  for (const error of problem.errors || []) {
    const field = error.field ? fieldNamed(error.field) : null;
    const message = fieldMessage(error, field);
    items.push(el("li", {}, field ? el("a", { href: "#f-" + field.name, text: message }) : message));
    if (!field) continue;
    const wrap = $("profile").querySelector(`[data-field="${field.name}"]`);
    if (wrap) {
      for (const input of wrap.querySelectorAll("input, select")) input.setAttribute("aria-invalid", "true");
      wrap.querySelector(".field-error").textContent = message;
    }
  }
  $("full").hidden = false;
  $("full-toggle").setAttribute("aria-expanded", "true");
  $("full-toggle").textContent = "Masquer le formulaire complet";
  $("errors").replaceChildren(el("div", { class: "errors" },
    el("p", {}, el("strong", { text: "Le profil a " + fr.count(items.length, "erreur") + " : corrigez le champ signalé." })), el("ul", {}, items),
    el("p", { text: "La réponse ci-dessous date d'avant l'erreur." })));
  if (state.last) { $("result").classList.add("stale"); }
  $("status").textContent = "";
}

// « pourquoi ? »: the rule's conditions in French sentences (explain, from the server).
function why(rule, key) {
  const details = el("details", { class: "explain", "data-key": key }, el("summary", { text: "pourquoi ?" }));
  const load = async () => {
    if (!details.open) { state.open.delete(key); return; }
    state.open.add(key);
    if (details.dataset.loaded) return;
    details.dataset.loaded = "1";
    try {
      const answer = await post("/api/v1/explain/rule/" + encodeURIComponent(rule), readProfile());
      details.append(answer.ok ? el("div", { class: "because" }, el("p", { text: "Règle « " + answer.body.title + " » : " + answer.body.verdict + "." }), tree(answer.body.condition),
        el("p", { class: "source", text: "Source : " + answer.body.source }))
        : el("p", { text: answer.body.detail }));
    } catch (error) { details.append(el("p", { text: error.message })); }
  };
  details.addEventListener("toggle", load);
  if (state.open.has(key)) details.open = true;
  return details;
}

function tree(node) {
  const value = node.value === "true" ? "yes" : node.value === "false" ? "no" : "unknown";
  return el("ul", { class: "tree" }, el("li", { class: value }, el("span", { text: node.condition + " — " + node.value_label }),
    node.children.length ? node.children.map(tree) : null));
}

function render(result) {
  const parts = [];
  // What the printed sheet leaves out (violence, justice): said at the top, to be given orally.
  const kept = result.kept_off_paper || [];
  if (kept.length) {
    parts.push(el("div", { class: "card kept", role: "note" }, el("h3", { text: "Hors de la fiche imprimée" }),
      el("p", { text: kept.map((item) => item.label).join(", ") + " : à dire de vive voix. Une fiche lue par d'autres (au domicile, au travail) peut exposer la personne ou la mettre en danger ; la fiche imprimée n'en dit rien." })));
  }
  const next = result.next_actions || result.steps.slice(0, 5);
  parts.push(el("div", { class: "card next" }, el("h3", { text: "Prochaines actions" }),
    next.length ? el("ol", {}, next.map((step) => el("li", {}, el("strong", { text: step.label }), " ",
      step.urgent ? el("span", { class: "badge", text: "urgent" }) : el("span", { class: "kind", text: stageLabel(step.stage) }),
      el("p", { class: "why", text: step.why }))))
      : el("p", { text: "Aucune action ne se dégage encore : répondez aux questions de l'entretien." })));
  const decision = (title, item, empty, key) => el("div", { class: "card decision" }, el("h3", { text: title }),
    item ? [el("strong", { text: item.label }), el("p", { class: "why", text: item.why }), why(item.rule, key)]
      : el("p", { text: empty }));
  parts.push(decision("Parcours proposé", result.route, "Aucun parcours ne se dégage encore.", "route"));
  // Every référent the rules give, one per role (insertion, justice), as the command line shows them.
  const referents = result.referents || [];
  parts.push(el("div", { class: "card decision" }, el("h3", { text: referents.length > 1 ? "Référents" : "Référent" }),
    referents.length ? referents.map((item) => el("div", {},
      el("strong", { text: (item.role === "justice" ? "Justice : " : "Insertion : ") + item.label }),
      el("p", { class: "why", text: item.why }), why(item.rule, "referent-" + item.role)))
      : el("p", { text: "Aucun référent ne se dégage encore." })));
  const stages = [];
  for (const step of result.steps) {
    let stage = stages.find((s) => s.id === step.stage);
    if (!stage) { stage = { id: step.stage, steps: [] }; stages.push(stage); }
    stage.steps.push(step);
  }
  if (stages.length) {
    const nearby = result.steps.some((step) => step.services && step.services.length);
    parts.push(el("div", { class: "card plan" }, el("h3", { text: "Plan par étape" }), stages.map((stage) => el("div", { class: "stage" },
      el("h4", { text: stageLabel(stage.id) }), el("ul", {}, stage.steps.map((step) => el("li", {},
        el("strong", { text: step.label }), " ", el("span", { class: "kind", text: kindLabel(step.kind) }),
        el("p", { class: "why", text: step.why }), services(step.services), why(step.rule, "step-" + step.id)))))),
      result.steps.some((step) => step.services) && !nearby ? el("p", { class: "why", text: "Aucun service proche dans l'annuaire du serveur pour ces étapes." }) : null));
  }
  const open = result.schemes.filter((s) => s.status === "eligible" || s.enrolled || s.chosen);
  const toCheck = result.schemes.filter((s) => s.status === "undetermined" && !s.enrolled && !s.chosen);
  if (open.length || toCheck.length) {
    parts.push(el("div", { class: "card schemes" }, el("h3", { text: "Dispositifs" }),
      open.length ? open.map((scheme) => el("p", { class: "scheme" }, el("strong", { text: scheme.name }), " — " + (scheme.enrolled ? "déjà dans le dispositif" : scheme.chosen ? "choisi" : "éligible")))
        : el("p", { text: "Aucun dispositif n'est acquis pour l'instant." }),
      toCheck.length ? el("details", { class: "to-check" }, el("summary", { text: fr.count(toCheck.length, "dispositif") + " à vérifier" }),
        el("ul", {}, toCheck.map((scheme) => el("li", { text: scheme.name })))) : null));
  }
  $("result").replaceChildren(...parts);
  $("live").replaceChildren(...liveSummary(result));
}

// Below the question on a phone, beside it on a desktop: the first action, one tap from the answer.
function liveSummary(result) {
  const next = (result.next_actions || [])[0];
  const route = result.route ? "Parcours : " + result.route.label + ". " : "";
  return [route + (next ? "Première action : " + next.label + ". " : "Pas encore d'action. "), el("a", { href: "#answer", class: "to-answer", text: "Voir la réponse" })];
}

// A step's nearby services, when the server has a data·inclusion export (serve --services).
function services(list) {
  if (!list || !list.length) return null;
  return el("ul", { class: "services" }, list.map((s) => el("li", {},
    el("strong", { text: s.nom }), s.structure ? " (" + s.structure + ")" : "",
    el("span", { class: "why", text: [s.adresse, [s.code_postal, s.commune].filter(Boolean).join(" ")].filter(Boolean).join(", ") }),
    s.telephone ? el("a", { href: "tel:" + s.telephone, text: s.telephone }) : null,
    s.horaires_accueil ? el("span", { class: "why", text: "Horaires : " + s.horaires_accueil }) : null)));
}

// « Imprimer la fiche » prints the person's sheet (POST /api/v1/fiche) and nothing of this
// page: its content replaces #sheet-print, the only thing the print style shows.
async function printSheet() {
  try {
    const answer = await post("/api/v1/fiche", readProfile());
    if (!answer.ok) { showErrors(answer.body); return; }
    const sheet = new DOMParser().parseFromString(answer.body, "text/html").querySelector("main");
    $("sheet-print").replaceChildren(...(sheet ? [...sheet.childNodes] : []));
    document.body.classList.add("printing-sheet");
    window.print();
  } catch (error) { $("status").textContent = error.message; }
}

// ---- Importing a diagnosis from another platform: the server maps it (Rules/imports/),
// the page fills the form with the profile and says what was not used.

async function importDiagnosis() {
  const format = $("import-format").value;
  const text = $("import-text").value;
  const report = $("import-report");
  if (!text.trim()) { report.replaceChildren(el("p", { text: "Collez d'abord le diagnostic." })); return; }
  try {
    const answer = await api("/api/v1/recommend/" + encodeURIComponent(format), { method: "POST", headers: { "Content-Type": "application/json" }, body: text });
    if (!answer.ok) {
      const list = el("ul", {}, (answer.body.errors || []).map((error) => el("li", { text: "ligne " + error.line + " : " + error.message + (error.hint ? " — " + error.hint : "") })));
      report.replaceChildren(el("div", { class: "errors" }, el("strong", { text: "Diagnostic illisible : " + answer.body.detail }), list));
      return;
    }
    const imported = answer.body.import;
    const profile = JSON.parse(imported.profile);
    $("profile").reset();
    for (const [name, value] of Object.entries(profile)) setValue(name, value);
    schedule(0);
    const item = (i) => (i.label || i.code) + (i.line ? " (ligne " + i.line + ")" : "");
    const lines = [el("p", { text: "Importé : " + fr.count(imported.applied.length, "élément repris", "éléments repris") + " dans le formulaire." })];
    if (imported.unmapped.length) lines.push(el("p", { class: "warn", text: "Non repris (aucune correspondance) : " + imported.unmapped.map(item).join(" ; ") }));
    if (imported.unaddressed.length) lines.push(el("p", { class: "warn", text: "Non abordés, à vérifier avec la personne : " + imported.unaddressed.map(item).join(" ; ") }));
    for (const conflict of imported.conflicts) {
      const field = fieldNamed(conflict.field);
      lines.push(el("p", { class: "warn", text: "Désaccord sur « " + (field ? field.label : conflict.field) + " » : laissé inconnu." }));
    }
    report.replaceChildren(...lines);
    $("import-text").value = "";
  } catch (error) {
    report.replaceChildren(el("p", { text: error.message }));
  }
}

// Stage labels come from the catalogue (/api/v1/catalogue), as the rule set names them.
const stageNames = {};
const stageLabel = (id) => stageNames[id] || id;
const kindLabel = (kind) => ({ partner: "partenaire", immersion: "immersion", action: "action" }[kind] || kind);

// ---- Start

function toggleFull() {
  const full = $("full");
  full.hidden = !full.hidden;
  $("full-toggle").setAttribute("aria-expanded", String(!full.hidden));
  $("full-toggle").textContent = full.hidden ? "Voir le formulaire complet" : "Masquer le formulaire complet";
  if (!full.hidden) $("full-title").scrollIntoView();
}

async function start() {
  $("token").addEventListener("change", () => { state.token = $("token").value || null; load(); });
  $("profile").addEventListener("input", () => schedule());
  $("profile").addEventListener("change", (event) => {
    const box = event.target;
    if (box.type === "checkbox") {
      const siblings = $("profile").querySelectorAll(`input[name="${box.name}"]`);
      if (box.dataset.none && box.checked) for (const other of siblings) if (!other.dataset.none) other.checked = false;
      if (!box.dataset.none && box.checked) for (const other of siblings) if (other.dataset.none) other.checked = false;
    }
    schedule();
  });
  $("full-toggle").addEventListener("click", toggleFull);
  $("clear").addEventListener("click", () => {
    $("profile").reset(); state.skipped.clear(); state.history = []; state.open.clear(); schedule(0, true);
  });
  $("import").addEventListener("click", importDiagnosis);
  $("print").addEventListener("click", printSheet);
  $("copy").addEventListener("click", async () => {
    if (!state.last) return;
    try { await navigator.clipboard.writeText(JSON.stringify(state.last, null, 2)); $("status").textContent = "JSON copié."; }
    catch (error) { $("status").textContent = "Copie impossible dans ce navigateur."; }
  });
  await load();
}

async function load() {
  try {
    const answer = await api("/api/v1/vocabulary");
    const catalogue = await api("/api/v1/catalogue");
    for (const stage of catalogue.body.stages || []) stageNames[stage.id] = stage.label;
    state.vocabulary = answer.body;
    $("ruleset").textContent = "Règles en vigueur le " + fr.date(answer.body.date) + " (empreinte " + answer.body.fingerprint.slice(7, 19) + "…)";
    buildForm(answer.body);
    schedule(0);
  } catch (error) {
    $("status").textContent = error.message;
  }
}

document.addEventListener("DOMContentLoaded", start);
