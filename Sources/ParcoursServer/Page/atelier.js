// Parcours: the rules workshop (/atelier). Shows the rules as policy staff think of them
// (GET /api/v1/workshop: facts, rules by route and référent, catalogue, schemes, in French),
// and lets one change a number in a fact's condition: the fact's file, with that number
// replaced in that fact's block only, is sent as a draft to /api/v1/drafts/check, /impact and
// /replay; the change file that `parcours apply` reads is built here and downloaded. Nothing is
// written on the server; nothing is kept: no cookie, no storage.
"use strict";

const state = { token: null, workshop: null, labels: {}, fact: null, numbers: [], sequence: 0, timer: null, draft: null, results: null };
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

const count = (n, singular, plural) => n + "\u00a0" + (n <= 1 ? singular : (plural || singular + "s"));
// « 1 personne change », « 3 personnes changent ».
const people = (n, singular, plural) => count(n, "personne") + " " + (n <= 1 ? singular : plural);
// Replaces the children of element `id`, leaving out the parts that are not there (null).
const fill = (id, ...children) => $(id).replaceChildren(...children.flat().filter(Boolean));

async function api(path, options) {
  const headers = Object.assign({}, (options && options.headers) || {});
  if (state.token) headers["Authorization"] = "Bearer " + state.token;
  headers["Accept-Language"] = "fr";
  const response = await fetch(path, Object.assign({}, options, { headers, cache: "no-store", credentials: "omit" }));
  if (response.status === 401) { $("token-box").hidden = false; throw new Error("Ce serveur demande un jeton d'accès."); }
  const type = response.headers.get("Content-Type") || "";
  const body = type.includes("json") ? await response.json() : await response.text();
  return { ok: response.ok, status: response.status, body };
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// One draft is evaluated at a time server-wide: a 503 is tried again after Retry-After.
async function postDraft(name, draft) {
  for (let attempt = 0; ; attempt++) {
    const answer = await api("/api/v1/drafts/" + name, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(draft) });
    if (answer.status !== 503 || attempt >= 5) return answer;
    await pause(1000);
  }
}

function problemText(body) {
  if (body && typeof body === "object") return [body.title || body.detail, body.hint].filter(Boolean).join(" — ");
  return String(body || "réponse inattendue du serveur");
}

// ---- Reading the rules.

function item(title, ...parts) { return el("div", { class: "item" }, el("h3", { text: title }), ...parts); }
function line(label, text) { return text ? el("p", {}, el("strong", { text: label + "\u00a0: " }), text) : null; }
function source(text) { return text ? el("p", { class: "source", text: "Source\u00a0: " + text }) : null; }

function caseList(indices) {
  const cases = state.workshop.cases;
  if (!indices.length) return el("p", { class: "where", text: "Aucun cas rejoué ne l'exerce." });
  return el("details", {}, el("summary", { text: count(indices.length, "cas rejoué") }),
    el("ul", {}, indices.map((index) => el("li", { class: cases[index].passed ? null : "failed",
      text: cases[index].name + (cases[index].passed ? "" : " (échoue avec les règles en vigueur)") }))));
}

function ruleItem(rule) {
  return item(rule.title,
    line("Quand", rule.when),
    line("Parcours", rule.route_label), line("Référent", rule.referent),
    rule.suggestions.length ? line("Propose", rule.suggestions.join(", ")) : null,
    el("p", { class: "where", text: "Priorité " + rule.priority + " · " + rule.id + " · " + rule.file + ", ligne " + rule.line }),
    source(rule.source), caseList(rule.cases));
}

function group(title, children) {
  return el("details", {}, el("summary", { text: title }), children);
}

function showRules() {
  const w = state.workshop;
  $("facts").replaceChildren(...w.facts.map((fact) => item(fact.label, line("Quand", fact.when),
    el("p", { class: "where", text: fact.id + " · " + fact.file + ", ligne " + fact.line }), source(fact.source))));
  const byRoute = w.routes.map((route) => ({ route, rules: w.rules.filter((rule) => rule.route === route.id) }));
  const others = w.rules.filter((rule) => !rule.route && !rule.referent);
  fill("routes",
    ...byRoute.filter((entry) => entry.rules.length).map((entry) =>
      group(entry.route.label + " (" + count(entry.rules.length, "règle") + ")", [el("p", { class: "hint", text: entry.route.description }), ...entry.rules.map(ruleItem)])),
    others.length ? group("Étapes proposées sans parcours (" + count(others.length, "règle") + ")", others.map(ruleItem)) : null);
  const referents = [];
  for (const rule of w.rules) if (rule.referent && !referents.includes(rule.referent)) referents.push(rule.referent);
  referents.sort((a, b) => a.localeCompare(b, "fr"));
  $("referents").replaceChildren(...referents.map((name) => {
    const rules = w.rules.filter((rule) => rule.referent === name);
    return group(name + " (" + count(rules.length, "règle") + ")", rules.map(ruleItem));
  }));
  const kinds = { partner: "Partenaires", immersion: "Immersions", action: "Actions" };
  const kindList = [];
  for (const entry of w.entries) if (!kindList.includes(entry.kind)) kindList.push(entry.kind);
  $("entries").replaceChildren(...kindList.map((kind) => {
    const entries = w.entries.filter((entry) => entry.kind === kind);
    return group((kinds[kind] || kind) + " (" + entries.length + ")", entries.map((entry) => item(entry.name,
      el("p", { text: entry.description }), entry.requires !== "toujours" ? line("Seulement si", entry.requires) : null,
      el("p", { class: "where", text: entry.id }), source(entry.source))));
  }));
  $("schemes").replaceChildren(...w.schemes.map((scheme) => group(scheme.name, [
    el("p", { text: scheme.summary }),
    el("ul", {}, scheme.criteria.map((criterion) => el("li", {}, el("strong", { text: criterion.label + "\u00a0: " }), criterion.when))),
    source(scheme.source), caseList(scheme.cases)])));
  $("ruleset").textContent = "Règles en vigueur le " + w.date + " · empreinte " + w.fingerprint.slice(0, 19) + "…";
}

// ---- The threshold editor: a fact's block in its file, the numbers of its condition.

const operators = { "<=": "au plus", ">=": "au moins", "<": "moins de", ">": "plus de", "==": "égal à", "=": "égal à", "!=": "différent de" };
const indentOf = (text) => text.length - text.trimStart().length;
const significant = (text) => text.trim() !== "" && !text.trim().startsWith("#");

// The lines [start, end) of fact `id`'s block, and the numbers of its `when:` part.
function factNumbers(content, id) {
  const lines = content.split("\n");
  const start = lines.findIndex((text) => indentOf(text) > 0 && text.trim() === id + ":");
  if (start < 0) return [];
  const indent = indentOf(lines[start]);
  let end = start + 1;
  while (end < lines.length && !(significant(lines[end]) && indentOf(lines[end]) <= indent)) end++;
  const numbers = [];
  let inWhen = false, whenIndent = 0;
  for (let index = start + 1; index < end; index++) {
    const text = lines[index];
    if (significant(text) && inWhen && indentOf(text) <= whenIndent) inWhen = false;
    if (/^\s*when:/.test(text)) { inWhen = true; whenIndent = indentOf(text); }
    if (!inWhen) continue;
    const code = text.split("#")[0];
    for (const match of code.matchAll(/([a-z_][a-z0-9_]*)\s*(<=|>=|==|!=|<|>|=)\s*(-?\d+)(?![\w.])/g)) {
      const at = match.index + match[0].length - match[3].length;
      numbers.push({ line: index, column: at, field: match[1], operator: match[2], original: match[3] });
    }
  }
  return numbers;
}

function chooseFact() {
  const w = state.workshop;
  const fact = w.facts.find((entry) => entry.id === $("fact").value);
  const file = fact && w.files.find((entry) => entry.path === fact.file);
  state.fact = fact && file ? { fact, file } : null;
  state.numbers = state.fact ? factNumbers(file.content, fact.id) : [];
  $("fact-when").textContent = fact ? "Aujourd'hui\u00a0: " + fact.when : "";
  $("numbers").replaceChildren(...state.numbers.map((number, index) => {
    const id = "number-" + index;
    const field = state.labels[number.field] || number.field;
    const input = el("input", { id, type: "text", inputmode: "numeric", autocomplete: "off", value: number.original, "aria-describedby": id + "-was " + id + "-error" });
    input.addEventListener("input", schedule);
    return el("div", { class: "number" },
      el("label", { for: id, text: field + " (" + number.field + ")\u00a0: " + (operators[number.operator] || number.operator) }),
      input,
      el("p", { id: id + "-was", class: "was", text: "En vigueur\u00a0: " + number.operator + " " + number.original }),
      el("p", { id: id + "-error", class: "field-error" }));
  }));
  $("summary").value = "";
  clearResults();
}

function clearResults() {
  state.draft = null;
  state.results = null;
  for (const id of ["check", "impact", "replay"]) $(id).replaceChildren();
  for (const node of document.querySelectorAll("#numbers .field-error")) node.textContent = "";
  for (const node of document.querySelectorAll("#numbers input")) node.setAttribute("aria-invalid", "false");
  $("download").disabled = true;
}

// The fact's file with each number replaced as typed, in the fact's block only.
function draftContent() {
  const lines = state.fact.file.content.split("\n");
  const edits = state.numbers.map((number, index) => ({ number, value: $("number-" + index).value.trim() }))
    .filter((edit) => edit.value !== edit.number.original)
    .sort((a, b) => b.number.line - a.number.line || b.number.column - a.number.column);
  for (const { number, value } of edits) {
    const text = lines[number.line];
    lines[number.line] = text.slice(0, number.column) + value + text.slice(number.column + number.original.length);
  }
  return { changed: edits.length > 0, content: lines.join("\n") };
}

function schedule() {
  clearTimeout(state.timer);
  state.timer = setTimeout(evaluate, 400);
}

async function evaluate() {
  const sequence = ++state.sequence;
  clearResults();
  if (!state.fact) return;
  const { changed, content } = draftContent();
  if (!changed) { $("check").textContent = "Aucun changement\u00a0: ce sont les règles en vigueur."; return; }
  const draft = { files: [{ path: state.fact.file.path, content }] };
  $("check").textContent = "Vérification du brouillon…";
  try {
    const check = await postDraft("check", draft);
    if (sequence !== state.sequence) return;
    if (!check.ok) { $("check").replaceChildren(el("p", { class: "field-error", text: problemText(check.body) })); return; }
    const loads = showCheck(check.body);
    if (!loads) return;
    $("impact").textContent = "Mesure de l'impact sur le corpus de référence…";
    const impact = await postDraft("impact", draft);
    if (sequence !== state.sequence) return;
    showImpact(impact);
    const replay = await postDraft("replay", draft);
    if (sequence !== state.sequence) return;
    showReplay(replay);
    state.draft = draft;
    state.results = { impact: impact.ok ? impact.body : null, replay: replay.ok ? replay.body : null };
    $("download").disabled = false;
  } catch (error) {
    if (sequence === state.sequence) $("errors").replaceChildren(el("p", { class: "errors", text: error.message }));
  }
}

// Findings on a number's line go to its field; the others below the form. True when the draft loads.
function showCheck(report) {
  const general = [];
  for (const diagnostic of report.diagnostics || []) {
    const text = (diagnostic.severity === "error" ? "Erreur\u00a0: " : "Attention\u00a0: ") + diagnostic.message + (diagnostic.hint ? " (" + diagnostic.hint + ")" : "");
    const index = diagnostic.file === state.fact.file.path ? state.numbers.findIndex((number) => number.line + 1 === diagnostic.line) : -1;
    if (index >= 0) {
      const error = $("number-" + index + "-error");
      error.textContent = (error.textContent ? error.textContent + " " : "") + text;
      if (diagnostic.severity === "error") $("number-" + index).setAttribute("aria-invalid", "true");
    } else if (diagnostic.severity === "error" || diagnostic.file === state.fact.file.path) {
      general.push(el("li", { text: diagnostic.file + ", ligne " + diagnostic.line + "\u00a0: " + text }));
    }
  }
  const loads = report.ok === true;
  fill("check",
    el("p", { class: loads ? null : "field-error", text: loads ? "Le brouillon se charge sans erreur." : "Le brouillon ne se charge pas\u00a0: corrigez la valeur signalée." }),
    general.length ? el("ul", {}, general) : null);
  return loads;
}

function showImpact(answer) {
  if (!answer.ok) { $("impact").replaceChildren(el("p", { class: "field-error", text: problemText(answer.body) })); return; }
  const impact = answer.body;
  const list = (title, changes) => changes.length
    ? el("div", {}, el("h4", { text: title }), el("ul", {}, changes.slice(0, 8).map((change) => el("li", { text: change.text }))))
    : null;
  fill("impact",
    el("h3", { text: "Qui le changement concerne" }),
    el("p", { id: "impact-figure", class: "figure", text: count(impact.changed, "personne") + " sur " + impact.profiles + " (" + impact.share + ") " + (impact.changed > 1 ? "changent" : "change") + " de recommandation" }),
    impact.changed === 0 ? el("p", { class: "hint", text: "Aucun profil du corpus de référence ne change\u00a0: vérifiez que le corpus renseigne les champs de ce fait." }) : null,
    el("p", { text: impact.summary }),
    el("ul", {},
      el("li", { text: people(impact.counts.routes, "change", "changent") + " de parcours" }),
      el("li", { text: people(impact.counts.referents, "change", "changent") + " de référent" }),
      el("li", { text: people(impact.counts.next_actions, "voit ses", "voient leurs") + " étapes changer" }),
      el("li", { text: people(impact.counts.schemes, "voit", "voient") + " l'avis sur un dispositif changer" })),
    list("Parcours", impact.routes), list("Référents", impact.referents), list("Étapes", impact.next_actions), list("Dispositifs", impact.schemes),
    impact.causes.length ? el("div", {}, el("h4", { text: "Règles en cause" }), el("ul", {}, impact.causes.map((cause) => el("li", { text: cause.text })))) : null,
    impact.examples.length ? el("details", {}, el("summary", { text: "Exemples avant/après (" + impact.examples.length + ")" }),
      el("ul", {}, impact.examples.map((example) => el("li", { text: example.text })))) : null);
}

function showReplay(answer) {
  if (!answer.ok) { $("replay").replaceChildren(el("p", { class: "field-error", text: problemText(answer.body) })); return; }
  const failing = answer.body.cases.filter((entry) => !entry.passed);
  fill("replay",
    el("h3", { text: "Cas rejoués" }),
    el("p", { id: "replay-figure", class: failing.length ? "figure failed" : "figure", text: answer.body.summary }),
    failing.length ? el("ul", {}, failing.map((entry) => el("li", {}, el("strong", { text: entry.name }),
      el("span", { text: " (" + entry.file + ")" }),
      el("ul", {}, entry.failures.flatMap((failure) => failure.mismatches.map((mismatch) => el("li", { text: failure.step + "\u00a0: " + mismatch.text }))))))) : null);
}

// ---- The change file: one YAML document that `parcours apply` reads.

function yamlBlock(content, indent) {
  const pad = " ".repeat(indent);
  const first = content.split("\n")[0];
  if (first.startsWith(" ") || content === "") return JSON.stringify(content);
  const chomping = content.endsWith("\n\n") ? "+" : content.endsWith("\n") ? "" : "-";
  const body = (content.endsWith("\n") ? content.slice(0, -1) : content).split("\n").map((text) => text === "" ? "" : pad + text).join("\n");
  return "|" + chomping + "\n" + body;
}

function changeFile() {
  const fact = state.fact.fact;
  const changes = state.numbers.map((number, index) => ({ number, value: $("number-" + index).value.trim() })).filter((edit) => edit.value !== edit.number.original);
  const said = changes.map((edit) => edit.number.field + " " + edit.number.operator + " " + edit.number.original + " → " + edit.value).join(", ");
  const summary = $("summary").value.trim() || ("« " + fact.label + " » : " + said);
  const comments = ["# Fichier de changement de l'atelier Parcours : parcours apply CE_FICHIER --rules DOSSIER_DES_REGLES, puis parcours check.",
    "# Fait changé : " + fact.id + " (" + said + ")."];
  const impact = state.results && state.results.impact;
  if (impact) comments.push("# Impact : " + impact.summary);
  const replay = state.results && state.results.replay;
  if (replay) {
    comments.push("# Cas : " + replay.summary);
    for (const entry of replay.cases.filter((item) => !item.passed)) comments.push("#   échoue : " + entry.name + " (" + entry.file + ")");
  }
  return comments.map((text) => text.replace(/\n/g, " ")).join("\n") + "\n" +
    "summary: " + JSON.stringify(summary) + "\n" +
    "files:\n" +
    "  - path: " + JSON.stringify(state.fact.file.path) + "\n" +
    "    base: " + state.fact.file.sha256 + "\n" +
    "    content: " + yamlBlock(state.draft.files[0].content, 6) + "\n";
}

function download() {
  if (!state.draft) return;
  const url = URL.createObjectURL(new Blob([changeFile()], { type: "application/yaml" }));
  const link = el("a", { href: url, download: "changement-" + state.fact.fact.id + ".yaml" });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ---- Start.

async function load() {
  $("errors").replaceChildren();
  try {
    const [workshop, vocabulary] = await Promise.all([api("/api/v1/workshop"), api("/api/v1/vocabulary")]);
    if (!workshop.ok) throw new Error(problemText(workshop.body));
    state.workshop = workshop.body;
    state.labels = {};
    if (vocabulary.ok) for (const field of vocabulary.body.fields) state.labels[field.name] = field.label;
    showRules();
    const editable = state.workshop.facts.filter((fact) => {
      const file = state.workshop.files.find((entry) => entry.path === fact.file);
      return file && factNumbers(file.content, fact.id).length > 0;
    });
    $("fact").replaceChildren(...editable.map((fact) => el("option", { value: fact.id, text: fact.label + " (" + fact.id + ")" })));
    if (editable.some((fact) => fact.id === "eligible_iae_niveau_1")) $("fact").value = "eligible_iae_niveau_1";
    chooseFact();
  } catch (error) {
    $("errors").replaceChildren(el("p", { class: "errors", text: error.message }));
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("fact").addEventListener("change", chooseFact);
  $("download").addEventListener("click", download);
  $("reset").addEventListener("click", chooseFact);
  $("token").addEventListener("change", () => { state.token = $("token").value || null; load(); });
  load();
});
