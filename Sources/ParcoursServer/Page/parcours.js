// Parcours: the counsellors' page. Builds the form from /api/v1/vocabulary, asks
// /api/v1/recommend at each answer, and shows the next steps. Nothing is kept: no cookie,
// no storage; the profile lives in this page only.
"use strict";

const state = { vocabulary: null, token: null, last: null, sequence: 0, timer: null };
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

async function api(path, options) {
  const headers = Object.assign({}, (options && options.headers) || {});
  if (state.token) headers["Authorization"] = "Bearer " + state.token;
  // The page is French: its errors too, whatever the browser's languages.
  headers["Accept-Language"] = "fr";
  const response = await fetch(path, Object.assign({}, options, { headers, cache: "no-store", credentials: "omit" }));
  if (response.status === 401) { $("token-box").hidden = false; throw new Error("Ce serveur demande un jeton d'accès."); }
  const body = await response.json();
  return { ok: response.ok, status: response.status, body };
}

// ---- The form, from the vocabulary

// How each widget is drawn in the diagnosis, read back, set from an answer and offered as
// quick answers. The server decides which widget a field uses (`widget` in
// /api/v1/vocabulary, from the field's type): this table is the one place that draws them.
const widgets = {
  "number": {
    control(field, id, question) {
      return [el("label", { for: id, text: field.label }), question,
        el("input", { id, name: field.name, type: "number", min: field.min, max: field.max, inputmode: "numeric", "aria-describedby": id + "-q" })];
    },
    read(form, field) {
      const input = form.querySelector(`input[name="${field.name}"]`);
      if (input.value !== "" && Number.isInteger(Number(input.value))) return Number(input.value);
    },
    set(form, field, value) { form.querySelector(`input[name="${field.name}"]`).value = value; },
    answers(field, question, box) {
      const input = el("input", { type: "number", min: field.min, max: field.max, "aria-label": question.label });
      const button = el("button", { type: "button", text: "Répondre" });
      button.addEventListener("click", () => { if (input.value !== "") setAnswer(field.name, Number(input.value)); });
      box.append(input, button);
    },
  },
  "yes-no": {
    control(field, id, question) {
      const group = el("div", { class: "choices", role: "radiogroup", "aria-labelledby": id + "-l", "aria-describedby": id + "-q" });
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
      const input = form.querySelector(`input[name="${field.name}"][value="${value ? "true" : "false"}"]`);
      if (input) input.checked = true;
    },
    answers(field, question, box) {
      for (const [value, label] of [[true, "Oui"], [false, "Non"]]) {
        const button = el("button", { type: "button", text: label, "aria-label": question.label + " : " + label });
        button.addEventListener("click", () => setAnswer(field.name, value));
        box.append(button);
      }
    },
  },
  "choice": {
    control(field, id, question) {
      const select = el("select", { id, name: field.name, "aria-describedby": id + "-q" }, el("option", { value: "", text: "— inconnu —" }));
      for (const value of field.values) select.append(el("option", { value: value.id, text: value.label }));
      return [el("label", { for: id, text: field.label }), question, select];
    },
    read(form, field) {
      const select = form.querySelector(`select[name="${field.name}"]`);
      if (select.value !== "") return select.value;
    },
    set(form, field, value) { form.querySelector(`select[name="${field.name}"]`).value = value; },
    answers(field, question, box) {
      for (const value of field.values) {
        const button = el("button", { type: "button", text: value.label, "aria-label": question.label + " : " + value.label });
        button.addEventListener("click", () => setAnswer(field.name, value.id));
        box.append(button);
      }
    },
  },
  "multi-choice": {
    control(field, id, question) {
      const group = el("fieldset", { class: "choices", "aria-describedby": id + "-q" }, el("legend", { class: "visually-plain", text: field.label }));
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
      for (const box of form.querySelectorAll(`input[name="${field.name}"]`)) box.checked = box.dataset.none ? value.length === 0 : value.includes(box.value);
    },
    answers(field, question, box) {
      const button = el("button", { type: "button", text: "Aucun" });
      button.addEventListener("click", () => setAnswer(field.name, []));
      box.append(button, el("span", { class: "why", text: "ou cochez les valeurs dans le diagnostic" }));
    },
  },
};

// The widget a field uses (a widget this page does not know is asked as a choice).
function widget(field) {
  return widgets[field.widget] || widgets.choice;
}

function fieldControl(field) {
  const id = "f-" + field.name;
  const wrap = el("div", { class: "field", "data-field": field.name });
  const question = el("span", { class: "question", id: id + "-q", text: field.question });
  wrap.append(...widget(field).control(field, id, question));
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
  const form = $("profile");
  for (const field of state.vocabulary.fields) {
    const value = widget(field).read(form, field);
    if (value !== undefined) profile[field.name] = value;
  }
  return profile;
}

function setAnswer(name, value) {
  const field = state.vocabulary.fields.find((f) => f.name === name);
  if (!field) return;
  widget(field).set($("profile"), field, value);
  schedule(0);
}

// ---- Asking and showing

function schedule(delay) {
  clearTimeout(state.timer);
  state.timer = setTimeout(recommend, delay === undefined ? 250 : delay);
}

async function recommend() {
  const sequence = ++state.sequence;
  const profile = readProfile();
  $("status").textContent = "Calcul…";
  try {
    const answer = await api("/api/v1/recommend", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(profile) });
    if (sequence !== state.sequence) return;
    if (!answer.ok) { showErrors(answer.body); return; }
    $("errors").replaceChildren();
    state.last = answer.body;
    render(answer.body);
    $("status").textContent = "Recommandation à jour (" + Object.keys(profile).length + " réponses).";
  } catch (error) {
    if (sequence === state.sequence) $("status").textContent = error.message;
  }
}

function showErrors(problem) {
  const list = el("ul", {}, (problem.errors || []).map((error) => el("li", { text: error.message + (error.hint ? " — " + error.hint : "") })));
  $("errors").replaceChildren(el("div", { class: "errors" }, el("strong", { text: "Le profil n'est pas lisible : " + problem.detail }), list));
  $("status").textContent = "";
}

function why(rule) {
  const details = el("details", { class: "explain" }, el("summary", { text: "pourquoi ?" }));
  details.addEventListener("toggle", async () => {
    if (!details.open || details.dataset.loaded) return;
    details.dataset.loaded = "1";
    try {
      const answer = await api("/api/v1/explain/rule/" + encodeURIComponent(rule), { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(readProfile()) });
      details.append(answer.ok ? tree(answer.body.condition) : el("p", { text: answer.body.detail }),
        el("p", { class: "rule-id", text: "Règle " + rule + (answer.ok ? " — source : " + answer.body.source : "") }));
    } catch (error) { details.append(el("p", { text: error.message })); }
  });
  return details;
}

function tree(node) {
  const words = { true: "vrai", false: "faux", unknown: "inconnu" };
  const label = node.condition + " : " + words[node.value] + (node.missing.length ? " (manque : " + node.missing.join(", ") + ")" : "");
  const value = node.value === "true" ? "yes" : node.value === "false" ? "no" : "unknown";
  return el("ul", { class: "tree" }, el("li", { class: value, text: label }, node.children.length ? node.children.map(tree) : null));
}

function answerControls(question) {
  const field = state.vocabulary.fields.find((f) => f.name === question.field);
  const box = el("div", { class: "answer-options" });
  if (field) widget(field).answers(field, question, box);
  return box;
}

function render(result) {
  const parts = [el("h2", { class: "print-only", text: "Vos prochaines étapes — le " + new Date().toLocaleDateString("fr-FR") })];
  const next = result.next_actions || result.steps.slice(0, 5);
  parts.push(el("div", { class: "card next" }, el("h3", { text: "Prochaines actions" }),
    next.length ? el("ol", {}, next.map((step) => el("li", {}, el("strong", { text: step.label }), " ",
      step.urgent ? el("span", { class: "badge", text: "urgent" }) : el("span", { class: "kind", text: stageLabel(step.stage) }),
      el("p", { class: "why", text: step.why }))))
      : el("p", { text: "Aucune action ne se dégage encore : répondez aux questions ci-dessous." })));
  const decision = (title, item, empty) => el("div", { class: "card decision" }, el("h3", { text: title }),
    item ? [el("strong", { text: item.label }), el("p", { class: "why", text: item.why }), el("p", { class: "rule-id", text: "Règle " + item.rule }), why(item.rule)]
      : el("p", { text: empty }));
  parts.push(decision("Parcours proposé", result.route, "Aucun parcours ne se dégage encore."));
  parts.push(decision("Référent", result.referent_detail, "Aucun référent ne se dégage encore."));
  if (result.questions.length) {
    const ordered = result.questions.filter((q) => q.changes.length).concat(result.questions.filter((q) => !q.changes.length));
    parts.push(el("div", { class: "card questions" }, el("h3", { text: "Questions à poser" }),
      ordered.map((question) => el("div", { class: "question-item", "data-question": question.field },
        el("span", { text: question.question }),
        question.changes.length ? el("span", { class: "badge", text: "peut changer " + question.changes.map((c) => c === "route" ? "le parcours" : "le référent").join(" et ") }) : null,
        answerControls(question)))));
  }
  const stages = [];
  for (const step of result.steps) {
    let stage = stages.find((s) => s.id === step.stage);
    if (!stage) { stage = { id: step.stage, label: step.stage_label || step.stage, steps: [] }; stages.push(stage); }
    stage.steps.push(step);
  }
  if (stages.length) {
    parts.push(el("div", { class: "card plan" }, el("h3", { text: "Plan par étape" }), stages.map((stage) => el("div", { class: "stage" },
      el("h4", { text: stageLabel(stage.id) }), el("ul", {}, stage.steps.map((step) => el("li", {},
        el("strong", { text: step.label }), " ", el("span", { class: "kind", text: kindLabel(step.kind) }),
        el("p", { class: "why", text: step.why }), services(step.services),
        el("span", { class: "rule-id", text: "Règle " + step.rule }), why(step.rule))))))));
  }
  const schemes = result.schemes.filter((s) => s.status !== "not_eligible" || s.enrolled);
  if (schemes.length) {
    parts.push(el("div", { class: "card schemes" }, el("h3", { text: "Dispositifs à discuter" }), schemes.map((scheme) => el("div", { class: "scheme" },
      el("strong", { text: scheme.name }), " — ", el("span", { text: scheme.enrolled ? "déjà entré·e" : scheme.status === "eligible" ? "éligible" : "à vérifier" }),
      el("ul", {}, scheme.criteria.filter((c) => c.status !== "passed").map((c) => el("li", { text: c.label + (c.status === "undetermined" ? " (à demander)" : " (non rempli)") })))))));
  }
  parts.push(el("p", { class: "rule-id", text: "Règles en vigueur le " + result.ruleset.date + " — empreinte " + result.ruleset.fingerprint.slice(0, 19) + "…" }));
  $("result").replaceChildren(...parts);
}

// A step's nearby services, when the server has a data·inclusion export (serve --services).
function services(list) {
  if (!list) return null;
  if (!list.length) return el("p", { class: "why", text: "Aucun service proche dans l'annuaire du serveur." });
  return el("ul", { class: "services" }, list.map((s) => el("li", {},
    el("strong", { text: s.nom }), s.structure ? " (" + s.structure + ")" : "",
    el("span", { class: "why", text: [s.adresse, [s.code_postal, s.commune].filter(Boolean).join(" ")].filter(Boolean).join(", ") }),
    s.telephone ? el("a", { href: "tel:" + s.telephone, text: s.telephone }) : null,
    s.horaires_accueil ? el("span", { class: "why", text: "Horaires : " + s.horaires_accueil }) : null)));
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
    for (const [name, value] of Object.entries(profile)) setAnswer(name, value);
    const item = (i) => (i.label || i.code) + (i.line ? " (ligne " + i.line + ")" : "");
    const lines = [el("p", { text: "Importé : " + imported.applied.length + " élément(s) repris dans le diagnostic ci-dessous." })];
    if (imported.unmapped.length) lines.push(el("p", { class: "warn", text: "Non repris (aucune correspondance) : " + imported.unmapped.map(item).join(" ; ") }));
    if (imported.unaddressed.length) lines.push(el("p", { class: "warn", text: "Non abordés, à vérifier avec la personne : " + imported.unaddressed.map(item).join(" ; ") }));
    for (const conflict of imported.conflicts) lines.push(el("p", { class: "warn", text: "Désaccord sur " + conflict.field + " : laissé inconnu." }));
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
  $("clear").addEventListener("click", () => { $("profile").reset(); schedule(0); });
  $("import").addEventListener("click", importDiagnosis);
  $("print").addEventListener("click", () => window.print());
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
    $("ruleset").textContent = "Règles en vigueur le " + answer.body.date + " (empreinte " + answer.body.fingerprint.slice(7, 19) + "…)";
    buildForm(answer.body);
    schedule(0);
  } catch (error) {
    $("status").textContent = error.message;
  }
}

document.addEventListener("DOMContentLoaded", start);
