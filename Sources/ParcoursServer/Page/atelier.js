// Parcours: the rules workshop (/atelier). Shows the rules as policy staff think of them
// (GET /api/v1/workshop: facts, rules by route and référent, catalogue, schemes, in French),
// and opens a rule, a fact or a catalogue entry as a form beside its YAML block (atelier-blocks.js
// reads and writes the block; an edit rewrites that block only). The draft (the changed files)
// is sent to /api/v1/drafts/check as one types, then to /impact and /replay; the change file that
// `parcours apply` reads is built here and downloaded, and a draft is saved to and reopened from
// such a file. Nothing is written on the server; nothing is kept: no cookie, no storage.
"use strict";

const state = { token: null, workshop: null, fields: [], groups: [], drafts: [], item: null, range: null, block: null, condition: null,
  sequence: 0, timer: null, draft: null, results: null };
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
    if (answer.status !== 503 || attempt >= 20) return answer;
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

// ---- The draft: the changed files, over the files in force.

const baseFile = (path) => state.workshop.files.find((file) => file.path === path);
const contentOf = (path) => { const draft = state.drafts.find((file) => file.path === path); return draft ? draft.content : (baseFile(path) || { content: "" }).content; };

function setContent(path, content) {
  const index = state.drafts.findIndex((file) => file.path === path);
  const base = baseFile(path);
  if (base && base.content === content) { if (index >= 0) state.drafts.splice(index, 1); return; }
  if (index >= 0) state.drafts[index].content = content; else state.drafts.push({ path, content });
}

// Every item the workshop lists: {key, kind, id, label, file, line}.
function allItems() {
  const w = state.workshop;
  return [
    ...w.facts.map((fact) => ({ key: "fact:" + fact.id, kind: "fact", id: fact.id, label: fact.label, file: fact.file, line: fact.line })),
    ...w.rules.map((rule) => ({ key: "rule:" + rule.id, kind: "rule", id: rule.id, label: rule.title, file: rule.file, line: rule.line })),
    ...w.entries.filter((entry) => entry.file).map((entry) => ({ key: "entry:" + entry.id, kind: "entry", id: entry.id, label: entry.name, file: entry.file, line: entry.line })),
  ];
}

const blockText = (content, range) => content.split("\n").slice(range.start, range.end).join("\n");

// The items whose block differs from the rules in force (or cannot be found in the draft).
function changedItems() {
  const changed = [];
  for (const draft of state.drafts) {
    const base = baseFile(draft.path);
    for (const entry of allItems().filter((candidate) => candidate.file === draft.path)) {
      const before = base && Blocks.locate(base.content, entry.kind, entry.id, entry.line);
      const after = Blocks.locate(draft.content, entry.kind, entry.id, entry.line);
      if (!before || !after || blockText(base.content, before) !== blockText(draft.content, after)) changed.push(entry);
    }
  }
  return changed;
}

function showDraft() {
  const items = changedItems();
  fill("draft-files", state.drafts.length
    ? el("p", {}, el("strong", { text: "Brouillon\u00a0: " }), count(state.drafts.length, "fichier changé", "fichiers changés") + " (" + state.drafts.map((file) => file.path).join(", ") + ")" +
      (items.length ? "\u00a0; " + items.map((entry) => "« " + entry.label + " »").join(", ") : ""))
    : el("p", { class: "hint", text: "Brouillon vide\u00a0: ce sont les règles en vigueur." }));
  $("save").disabled = state.drafts.length === 0;
}

// ---- The item editor: a rule, a fact or a catalogue entry as a form, its YAML block beside it.

const kindNames = { fact: "Fait", rule: "Règle", entry: "Entrée du catalogue" };
const opLabels = { "": "est vrai (oui)", "not": "est faux (non)", "=": "égal à", "!=": "différent de", "in": "parmi", "not in": "hors de",
  "<": "inférieur à", "<=": "au plus", ">": "supérieur à", ">=": "au moins", "between": "entre (bornes comprises)",
  "includes": "contient", "excludes": "ne contient pas", "includes any": "contient au moins une de", "includes all": "contient toutes" };
const groupLabels = { all: "toutes", any: "au moins une", not: "aucune" };
const scalarKeys = {
  fact: [["label", "Libellé"], ["source", "Source"]],
  rule: [["title", "Titre"], ["why", "Pourquoi (lu par la conseillère ou le conseiller)"], ["source", "Source"], ["priority", "Priorité (0 à 1000)"]],
  entry: [["name", "Nom"], ["description", "Description"], ["source", "Source"]],
};
const longKeys = ["source", "why", "description"];

const fieldOf = (name) => state.fields.find((field) => field.name === name);
const isFact = (name) => state.workshop.facts.some((fact) => fact.id === name);
function typeOf(name) {
  const field = fieldOf(name);
  return field ? field.type : isFact(name) ? "fact" : "unknown";
}
function opsOf(name) {
  const type = typeOf(name);
  if (type === "fact") return ["", "not"];
  return state.workshop.operators[type] || Object.keys(opLabels);
}
const arity = (op) => op === "" || op === "not" ? 0 : op === "between" ? 2 : Blocks.listOps.includes(op) ? -1 : 1;
function defaultValue(name) {
  const field = fieldOf(name);
  if (!field) return "";
  if (field.values && field.values.length) return field.values[0].id;
  if (field.type === "boolean") return "true";
  return field.min !== undefined ? String(field.min) : "";
}
function fitValues(leaf) {
  const n = arity(leaf.op);
  if (n === 0) leaf.values = [];
  else if (n === 1) leaf.values = [leaf.values[0] || defaultValue(leaf.field)];
  else if (n === 2) leaf.values = [leaf.values[0] || defaultValue(leaf.field), leaf.values[1] || defaultValue(leaf.field)];
  else if (!leaf.values.length) leaf.values = [defaultValue(leaf.field)].filter(Boolean);
}
function newLeaf(like) {
  const name = like && !like.group ? like.field : state.fields[0].name;
  const leaf = { field: name, op: opsOf(name)[0], values: [] };
  fitValues(leaf);
  return leaf;
}

function chooseItem() {
  const entry = allItems().find((candidate) => candidate.key === $("item").value);
  state.item = entry || null;
  state.range = null;
  state.block = null;
  state.condition = null;
  if (entry) {
    const range = Blocks.locate(contentOf(entry.file), entry.kind, entry.id, entry.line);
    if (range) {
      state.range = range;
      const text = blockText(contentOf(entry.file), range);
      $("yaml").value = text;
      readBlock(text);
    }
  }
  $("yaml-where").textContent = state.range ? entry.file + ", lignes " + (state.range.start + 1) + " à " + state.range.end : "";
  renderForm();
  clearResults();
  schedule();
}

function readBlock(text) {
  state.block = Blocks.read(text, state.item.kind);
  state.condition = state.block && state.block.conditionState === "form" ? state.block.condition : null;
  numberLeaves();
}

function numberLeaves() { Blocks.leaves(state.condition).forEach((leaf, index) => { leaf.uid = index; }); }

// The block's new text from the form (or the YAML area) goes into the file of the draft.
function applyBlock(text, fromForm) {
  clearResults();
  const content = contentOf(state.item.file).split("\n");
  const lines = text.split("\n");
  content.splice(state.range.start, state.range.end - state.range.start, ...lines);
  state.range = { start: state.range.start, end: state.range.start + lines.length };
  setContent(state.item.file, content.join("\n"));
  $("yaml-where").textContent = state.item.file + ", lignes " + (state.range.start + 1) + " à " + state.range.end;
  if (fromForm) {
    $("yaml").value = text;
    const kept = state.condition;
    state.block = Blocks.read(text, state.item.kind);
    // The form keeps its tree; the lines of its leaves come from the block just written.
    const read = state.block && state.block.condition ? Blocks.leaves(state.block.condition) : [];
    Blocks.leaves(kept).forEach((leaf, index) => { leaf.line = read[index] ? read[index].line : undefined; });
    state.condition = kept;
  } else {
    readBlock(text);
    renderForm();
  }
  showDraft();
  schedule();
}

function setKey(name, value, plain) {
  if (!state.block) return;
  const lines = value === "" && ["route", "referent"].includes(name) ? null : Blocks.scalarLines(state.block, name, value, plain);
  applyBlock(Blocks.replaceKey(state.block, name, lines), true);
}

// A group left without conditions goes (and the condition itself when nothing is left).
function pruneEmptyGroups() {
  for (let changed = true; changed && state.condition;) {
    changed = false;
    if (state.condition.group && !state.condition.children.length) { state.condition = null; return; }
    const stack = [state.condition];
    while (stack.length) {
      const node = stack.pop();
      if (!node.group) continue;
      const kept = node.children.filter((child) => !child.group || child.children.length);
      if (kept.length !== node.children.length) { node.children.splice(0, node.children.length, ...kept); changed = true; }
      stack.push(...node.children);
    }
  }
}

function writeCondition(redraw, focus) {
  if (!state.block) return;
  pruneEmptyGroups();
  numberLeaves();
  const lines = state.condition ? Blocks.conditionKeyLines(state.block, state.condition) : null;
  applyBlock(Blocks.replaceKey(state.block, state.block.conditionKey, lines), true);
  if (redraw) renderForm();
  if (focus && $(focus)) $(focus).focus();
}

function errorLine(id) { return el("p", { id: id + "-error", class: "field-error" }); }

function scalarField(name, label) {
  const key = state.block.keys.find((entry) => entry.name === name);
  const id = "f-" + name;
  if (key && key.value === null) return el("p", { class: "hint", id }, el("strong", { text: label + "\u00a0: " }), "écrit sur plusieurs lignes, modifiable dans le YAML.");
  const value = key ? key.value : "";
  const long = longKeys.includes(name);
  const input = el(long ? "textarea" : "input", { id, rows: long ? "2" : null, type: long ? null : "text", autocomplete: "off",
    inputmode: name === "priority" ? "numeric" : null, "aria-describedby": id + "-error" });
  input.value = value;
  input.addEventListener("input", () => setKey(name, input.value, name === "priority"));
  return el("div", { class: "field" }, el("label", { for: id, text: label }), input, errorLine(id));
}

function selectField(name, label, options, empty) {
  const key = state.block.keys.find((entry) => entry.name === name);
  const id = "f-" + name;
  const current = key && key.value !== null ? key.value : "";
  const select = el("select", { id, "aria-describedby": id + "-error" },
    el("option", { value: "", text: empty }),
    options.map((option) => el("option", { value: option.id, text: option.label })));
  if (current && !options.some((option) => option.id === current)) select.append(el("option", { value: current, text: current + " (inconnu)" }));
  select.value = current;
  select.addEventListener("change", () => setKey(name, select.value, true));
  return el("div", { class: "field" }, el("label", { for: id, text: label }), select, errorLine(id));
}

function fieldSelect(leaf, id) {
  const groups = state.groups.map((group) => el("optgroup", { label: group.label },
    state.fields.filter((field) => field.group === group.id).map((field) => el("option", { value: field.name, text: field.label }))));
  const facts = el("optgroup", { label: "Faits" }, state.workshop.facts.map((fact) => el("option", { value: fact.id, text: fact.label })));
  const select = el("select", { id }, groups, facts);
  if (typeOf(leaf.field) === "unknown") select.append(el("option", { value: leaf.field, text: leaf.field + " (champ inconnu)" }));
  select.value = leaf.field;
  return select;
}

function valueChoices(leaf) {
  const field = fieldOf(leaf.field);
  if (field && field.values && field.values.length) return field.values.map((value) => ({ id: value.id, label: value.label }));
  if (field && field.type === "boolean") return [{ id: "true", label: "oui" }, { id: "false", label: "non" }];
  return null;
}

function valueInput(leaf, position, id, label) {
  const choices = valueChoices(leaf);
  const current = leaf.values[position] || "";
  let input;
  if (choices) {
    input = el("select", { id, "aria-describedby": id.replace(/-value2?$/, "") + "-error" }, choices.map((choice) => el("option", { value: choice.id, text: choice.label })));
    if (current && !choices.some((choice) => choice.id === current)) input.append(el("option", { value: current, text: current + " (valeur inconnue)" }));
    input.addEventListener("change", () => { leaf.values[position] = input.value; writeCondition(false); });
  } else {
    input = el("input", { id, type: "text", inputmode: "numeric", autocomplete: "off", class: "short", "aria-describedby": id.replace(/-value2?$/, "") + "-error" });
    input.addEventListener("input", () => { leaf.values[position] = input.value.trim(); writeCondition(false); });
  }
  input.value = current;
  return el("div", { class: "field inline" }, el("label", { for: id, text: label }), input);
}

function leafNode(leaf, parent) {
  const id = "leaf-" + leaf.uid;
  const field = fieldSelect(leaf, id + "-field");
  field.addEventListener("change", () => {
    leaf.field = field.value;
    if (!opsOf(leaf.field).includes(leaf.op)) leaf.op = opsOf(leaf.field)[0];
    leaf.values = [];
    fitValues(leaf);
    writeCondition(true, id + "-field");
  });
  const op = el("select", { id: id + "-op" }, opsOf(leaf.field).map((name) => el("option", { value: name, text: opLabels[name] || name })));
  if (!opsOf(leaf.field).includes(leaf.op)) op.append(el("option", { value: leaf.op, text: leaf.op + " (inadapté à ce champ)" }));
  op.value = leaf.op;
  op.addEventListener("change", () => { leaf.op = op.value; fitValues(leaf); writeCondition(true, id + "-op"); });
  const parts = [el("div", { class: "field inline" }, el("label", { for: id + "-field", text: "Champ" }), field),
    el("div", { class: "field inline" }, el("label", { for: id + "-op", text: "Comparaison" }), op)];
  const n = arity(leaf.op);
  if (n === 1) parts.push(valueInput(leaf, 0, id + "-value", "Valeur"));
  if (n === 2) parts.push(valueInput(leaf, 0, id + "-value", "De"), valueInput(leaf, 1, id + "-value2", "À"));
  if (n === -1) {
    const choices = valueChoices(leaf) || [];
    const unknown = leaf.values.filter((value) => !choices.some((choice) => choice.id === value)).map((value) => ({ id: value, label: value + " (valeur inconnue)" }));
    parts.push(el("fieldset", { class: "values", id: id + "-values", "aria-describedby": id + "-error" }, el("legend", { text: "Valeurs" }),
      [...choices, ...unknown].map((choice, index) => {
        const box = el("input", { type: "checkbox", id: id + "-value" + (index ? "-" + index : ""), value: choice.id, checked: leaf.values.includes(choice.id) });
        box.addEventListener("change", () => {
          const chosen = Array.from(document.querySelectorAll("#" + id + "-values input:checked")).map((input) => input.value);
          leaf.values = chosen;
          writeCondition(false);
        });
        return el("label", { class: "check", for: box.id }, box, " " + choice.label);
      })));
  }
  const remove = el("button", { type: "button", class: "secondary small", text: "Retirer" });
  remove.addEventListener("click", () => {
    if (parent) parent.children.splice(parent.children.indexOf(leaf), 1); else state.condition = null;
    writeCondition(true, "condition-title");
  });
  return el("div", { class: "leaf", role: "group", "aria-label": "Comparaison " + (leaf.uid + 1) }, ...parts, remove, errorLine(id));
}

let groupCount = 0;
function groupNode(group, parent, depth) {
  const id = "group-" + (groupCount++);
  const type = el("select", { id: id + "-type" }, ["all", "any", "not"].map((name) => el("option", { value: name, text: groupLabels[name] })));
  type.value = group.group;
  type.addEventListener("change", () => { group.group = type.value; writeCondition(true, id + "-type"); });
  const children = group.children.map((child) => conditionNode(child, group, depth + 1));
  const addLeaf = el("button", { type: "button", class: "secondary small", text: "Ajouter une comparaison" });
  addLeaf.addEventListener("click", () => { group.children.push(newLeaf(group.children[group.children.length - 1])); writeCondition(true, "leaf-" + (Blocks.leaves(state.condition).length - 1) + "-field"); });
  const addGroup = depth + 2 < Blocks.maxDepth ? el("button", { type: "button", class: "secondary small", text: "Ajouter un groupe" }) : null;
  if (addGroup) addGroup.addEventListener("click", () => { group.children.push({ group: "any", children: [newLeaf()] }); writeCondition(true); });
  const remove = el("button", { type: "button", class: "secondary small", text: "Retirer le groupe" });
  remove.addEventListener("click", () => {
    if (parent) parent.children.splice(parent.children.indexOf(group), 1); else state.condition = null;
    writeCondition(true, "condition-title");
  });
  return el("fieldset", { class: "group" }, el("legend", {}, el("label", { for: id + "-type", class: "legend", text: "Conditions à remplir\u00a0: " }), type),
    ...children, el("div", { class: "actions" }, addLeaf, addGroup, remove));
}

function conditionNode(node, parent, depth) {
  return node.group ? groupNode(node, parent, depth) : leafNode(node, parent);
}

function conditionPart() {
  const title = state.item.kind === "entry" ? "Seulement si" : "Quand";
  const parts = [el("h4", { id: "condition-title", tabindex: "-1", text: title })];
  if (state.block.conditionState === "yaml" && !state.condition) {
    parts.push(el("p", { class: "hint", id: "condition-yaml", text: "Cette condition s'écrit dans le YAML seulement (trop complexe pour le formulaire)\u00a0: modifiez-la à côté." }));
  } else if (!state.condition) {
    const add = el("button", { type: "button", id: "condition-add", class: "secondary small", text: "Ajouter une condition" });
    add.addEventListener("click", () => { state.condition = newLeaf(); writeCondition(true, "leaf-0-field"); });
    parts.push(el("p", { class: "hint", text: "Toujours vraie." }), add);
  } else {
    numberLeaves();
    groupCount = 0;
    parts.push(conditionNode(state.condition, null, 0));
    if (!state.condition.group) {
      const combine = el("button", { type: "button", class: "secondary small", text: "Combiner avec une autre comparaison" });
      combine.addEventListener("click", () => { state.condition = { group: "all", children: [state.condition, newLeaf(state.condition)] }; writeCondition(true, "leaf-1-field"); });
      parts.push(combine);
    }
  }
  return el("div", { class: "condition" }, parts);
}

function renderForm() {
  if (!state.item || !state.block) {
    fill("item-form", el("p", { class: "hint", text: state.item ? "Ce bloc ne se lit pas dans le formulaire\u00a0: modifiez-le dans le YAML." : "" }));
    return;
  }
  const kind = state.item.kind;
  const parts = [el("p", { class: "where", text: kindNames[kind] + " " + state.item.id })];
  for (const [name, label] of scalarKeys[kind]) parts.push(scalarField(name, label));
  if (kind === "rule") {
    const partners = state.workshop.entries.filter((entry) => entry.kind === "partner").map((entry) => ({ id: entry.id, label: entry.name }));
    parts.push(el("h4", { text: "Ce que la règle décide" }),
      selectField("route", "Parcours", state.workshop.routes.map((route) => ({ id: route.id, label: route.label })), "aucun parcours"),
      selectField("referent", "Référent", partners, "aucun référent"));
    const rule = state.workshop.rules.find((candidate) => candidate.id === state.item.id);
    if (rule && rule.suggestions.length) parts.push(el("p", {}, el("strong", { text: "Propose\u00a0: " }), rule.suggestions.join(", ") + " (les propositions se modifient dans le YAML)."));
  }
  parts.push(conditionPart());
  fill("item-form", parts);
}

// ---- Checking as one types.

function schedule() {
  clearTimeout(state.timer);
  state.timer = setTimeout(evaluate, 400);
}

function clearResults() {
  state.draft = null;
  state.results = null;
  for (const id of ["check", "impact", "replay", "yaml-findings"]) $(id).replaceChildren();
  for (const node of document.querySelectorAll("#item-form .field-error")) node.textContent = "";
  for (const node of document.querySelectorAll("#item-form [aria-invalid]")) node.removeAttribute("aria-invalid");
  $("yaml").removeAttribute("aria-invalid");
  $("download").disabled = true;
  $("download-note").textContent = "";
}

async function evaluate() {
  const sequence = ++state.sequence;
  clearResults();
  showDraft();
  if (!state.drafts.length) { $("check").textContent = "Aucun changement\u00a0: ce sont les règles en vigueur."; return; }
  const draft = { files: state.drafts.map((file) => ({ path: file.path, content: file.content })) };
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
    $("replay").textContent = "Rejeu des cas avec le brouillon… (le téléchargement attend ce résultat)";
    const replay = await postDraft("replay", draft);
    if (sequence !== state.sequence) return;
    showReplay(replay);
    state.draft = draft;
    state.results = { impact: impact.ok ? impact.body : null, replay: replay.ok ? replay.body : null };
    const failing = replay.ok ? replay.body.cases.filter((entry) => !entry.passed).length : 0;
    $("download-note").textContent = failing
      ? "Attention\u00a0: " + count(failing, "cas rejoué échoue", "cas rejoués échouent") + " avec ce brouillon ; le fichier le dit en tête, et parcours replay le montrera après parcours apply."
      : "";
    $("download").disabled = false;
  } catch (error) {
    if (sequence === state.sequence) $("errors").replaceChildren(el("p", { class: "errors", text: error.message }));
  }
}

// The form control a line of the block stands for: a leaf's value (or field) or a key's input.
function controlAt(line) {
  const leaf = Blocks.leaves(state.condition).find((candidate) => candidate.line === line);
  if (leaf) {
    const id = "leaf-" + leaf.uid;
    return { error: id + "-error", input: $(id + "-value") ? id + "-value" : id + "-field" };
  }
  const key = state.block && state.block.keys.find((entry) => entry.line === line);
  if (key && $("f-" + key.name + "-error")) return { error: "f-" + key.name + "-error", input: "f-" + key.name };
  return null;
}

// Findings in the item's block go to their field when one matches, and always to the YAML area
// with their line; the others (other files, other items) below the form. True when the draft loads.
function showCheck(report) {
  const general = [];
  const inBlock = [];
  for (const diagnostic of report.diagnostics || []) {
    const text = (diagnostic.severity === "error" ? "Erreur\u00a0: " : "Attention\u00a0: ") + diagnostic.message + (diagnostic.hint ? " (" + diagnostic.hint + ")" : "");
    const line = state.item && state.range && diagnostic.file === state.item.file ? diagnostic.line - 1 - state.range.start : -1;
    if (line >= 0 && line < state.range.end - state.range.start) {
      inBlock.push(el("li", { text: "Ligne " + diagnostic.line + "\u00a0: " + text }));
      const control = controlAt(line);
      if (control) {
        const error = $(control.error);
        error.textContent = (error.textContent ? error.textContent + " " : "") + text;
        if (diagnostic.severity === "error" && $(control.input)) $(control.input).setAttribute("aria-invalid", "true");
      }
      if (diagnostic.severity === "error") $("yaml").setAttribute("aria-invalid", "true");
    } else if (diagnostic.severity === "error" || state.drafts.some((file) => file.path === diagnostic.file)) {
      general.push(el("li", { text: diagnostic.file + ", ligne " + diagnostic.line + "\u00a0: " + text }));
    }
  }
  fill("yaml-findings", inBlock.length ? el("ul", {}, inBlock) : null);
  const loads = report.ok === true;
  fill("check",
    el("p", { class: loads ? null : "field-error", text: loads ? "Le brouillon se charge sans erreur." : "Le brouillon ne se charge pas\u00a0: corrigez ce qui est signalé." }),
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
    impact.changed === 0 ? el("p", { class: "hint", text: "Aucun profil du corpus de référence ne change\u00a0: soit aucune règle n'utilise ce que vous avez changé (voyez « Règles, par parcours » plus bas), soit le corpus ne renseigne pas ses champs." }) : null,
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
  const items = changedItems();
  const said = items.map((entry) => kindNames[entry.kind].toLowerCase() + " " + entry.id).join(", ");
  const summary = $("summary").value.trim() || ("Modifié\u00a0: " + items.map((entry) => "« " + entry.label + " »").join(", "));
  const comments = ["# Fichier de changement de l'atelier Parcours : parcours apply CE_FICHIER --rules DOSSIER_DES_REGLES, puis parcours check et parcours replay (les cas rejoués).",
    "# Éléments changés : " + (said || "aucun") + "."];
  const impact = state.draft && state.results && state.results.impact;
  if (impact) comments.push("# Impact : " + impact.summary);
  const replay = state.draft && state.results && state.results.replay;
  if (replay) {
    comments.push("# Cas : " + replay.summary);
    for (const entry of replay.cases.filter((item) => !item.passed)) comments.push("#   échoue : " + entry.name + " (" + entry.file + ")");
  }
  if (!state.draft) comments.push("# Brouillon non vérifié ou qui ne se charge pas : à rouvrir dans l'atelier avant de l'appliquer.");
  return comments.map((text) => text.replace(/\n/g, " ")).join("\n") + "\n" +
    "summary: " + JSON.stringify(summary) + "\n" +
    "files:\n" +
    state.drafts.map((file) =>
      "  - path: " + JSON.stringify(file.path) + "\n" +
      "    base: " + baseFile(file.path).sha256 + "\n" +
      "    content: " + yamlBlock(file.content, 6) + "\n").join("");
}

function offer(text, name) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/yaml" }));
  const link = el("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function download() {
  if (!state.draft) return;
  const items = changedItems();
  offer(changeFile(), "changement-" + (items.length === 1 ? items[0].id : "atelier") + ".yaml");
}

// The draft, as it is (checked or not), in the change file's form: it is reopened below.
function save() {
  if (state.drafts.length) offer(changeFile(), "brouillon-atelier.yaml");
}

// Reads back a change file this page wrote: summary, and each file's path, base and content
// (a literal block `|`, `|-`, `|+` indented by 6, or a JSON string). Throws a French message.
function readChangeFile(text) {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const found = { summary: "", files: [] };
  let current = null;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    let match;
    if ((match = /^summary:\s*(.*)$/.exec(line))) found.summary = Blocks.scalar(match[1]) || "";
    else if ((match = /^ {2}- path:\s*(.*)$/.exec(line))) { current = { path: Blocks.scalar(match[1]), base: "", content: null }; found.files.push(current); }
    else if (current && (match = /^ {4}base:\s*(.*)$/.exec(line))) current.base = Blocks.scalar(match[1]);
    else if (current && (match = /^ {4}content:\s*(.*)$/.exec(line))) {
      const header = match[1].trim();
      if (/^\|[-+]?$/.test(header)) {
        const body = [];
        while (index + 1 < lines.length && (lines[index + 1] === "" || lines[index + 1].startsWith("      "))) body.push(lines[++index].slice(6));
        if (header === "|+") current.content = body.join("\n") + "\n";
        else {
          while (body.length && body[body.length - 1] === "") body.pop();
          current.content = body.join("\n") + (header === "|" ? "\n" : "");
        }
      } else {
        try { current.content = JSON.parse(header); } catch (error) { throw new Error("Le contenu de " + current.path + " ne se lit pas."); }
      }
    }
  }
  if (!found.files.length || found.files.some((file) => !file.path || file.content === null)) throw new Error("Ce fichier n'est pas un brouillon ni un fichier de changement de l'atelier.");
  for (const file of found.files) {
    const base = baseFile(file.path);
    if (!base) throw new Error("Le brouillon change " + file.path + ", que l'atelier ne connaît pas.");
    if (base.sha256 !== file.base) throw new Error("Le brouillon a été fait sur une autre version de " + file.path + " que celle en vigueur\u00a0: il ne peut pas être rouvert ici.");
  }
  return found;
}

async function reopen() {
  const input = $("open");
  const file = input.files && input.files[0];
  if (!file) return;
  try {
    const found = readChangeFile(await file.text());
    state.drafts = [];
    for (const entry of found.files) setContent(entry.path, entry.content);
    $("summary").value = found.summary;
    const items = changedItems();
    fill("reopened", el("p", { text: "Brouillon rouvert\u00a0: " + count(state.drafts.length, "fichier changé", "fichiers changés") +
      (items.length ? " (" + items.map((entry) => "« " + entry.label + " »").join(", ") + ")" : "") + "." }));
    if (items.length) $("item").value = items[0].key;
    chooseItem();
  } catch (error) {
    fill("reopened", el("p", { class: "field-error", text: error.message }));
  }
  input.value = "";
}

function resetDraft() {
  state.drafts = [];
  $("summary").value = "";
  $("reopened").replaceChildren();
  chooseItem();
}

// ---- Start.

async function load() {
  $("errors").replaceChildren();
  try {
    const [workshop, vocabulary] = await Promise.all([api("/api/v1/workshop"), api("/api/v1/vocabulary")]);
    if (!workshop.ok) throw new Error(problemText(workshop.body));
    if (!vocabulary.ok) throw new Error(problemText(vocabulary.body));
    state.workshop = workshop.body;
    state.fields = vocabulary.body.fields;
    state.groups = vocabulary.body.groups;
    showRules();
    const items = allItems();
    $("item").replaceChildren(...["fact", "rule", "entry"].map((kind) => el("optgroup", { label: { fact: "Faits", rule: "Règles", entry: "Catalogue" }[kind] },
      items.filter((entry) => entry.kind === kind).map((entry) => el("option", { value: entry.key, text: entry.label + " (" + entry.id + ")" })))));
    if (items.some((entry) => entry.key === "fact:eligible_iae_niveau_1")) $("item").value = "fact:eligible_iae_niveau_1";
    chooseItem();
  } catch (error) {
    $("errors").replaceChildren(el("p", { class: "errors", text: error.message }));
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("item").addEventListener("change", chooseItem);
  $("yaml").addEventListener("input", () => { if (state.item && state.range) applyBlock($("yaml").value, false); });
  $("download").addEventListener("click", download);
  $("save").addEventListener("click", save);
  $("open").addEventListener("change", reopen);
  $("reset").addEventListener("click", resetDraft);
  $("token").addEventListener("change", () => { state.token = $("token").value || null; load(); });
  load();
});
