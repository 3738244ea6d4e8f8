// Parcours: the rules workshop's YAML blocks. Finds an item's block (a rule, a fact, a catalogue
// entry) in its file, reads the block into keys and a condition tree the form can show, and
// writes a key or a condition back into the block, leaving the other keys' lines (and their
// comments) as they were. Only the simple YAML the rule files use is read: anything else is said
// to be edited in YAML only. Pure functions, no page access; loaded before atelier.js.
"use strict";

const Blocks = (() => {
  // A condition nested deeper than this is edited in YAML only (the form draws it recursively).
  const maxDepth = 6;
  const indentOf = (text) => text.length - text.trimStart().length;
  const significant = (text) => text.trim() !== "" && !text.trim().startsWith("#");
  const spaces = (n) => " ".repeat(n);

  // A plain or quoted scalar after `key:` or `- `, its inline comment left out; null when it is
  // not a one-line scalar (block scalar, flow mapping, anchor…).
  function scalar(text) {
    const value = text.trim();
    if (value === "") return "";
    if (value.startsWith("\"")) {
      const end = value.lastIndexOf("\"");
      try { return end > 0 && /^\s*(#.*)?$/.test(value.slice(end + 1)) ? JSON.parse(value.slice(0, end + 1)) : null; } catch (error) { return null; }
    }
    if (value.startsWith("'")) {
      const end = value.lastIndexOf("'");
      return end > 0 && /^\s*(#.*)?$/.test(value.slice(end + 1)) ? value.slice(1, end).replace(/''/g, "'") : null;
    }
    if (/^[|>&*!{%@`]/.test(value)) return null;
    return value.replace(/\s+#.*$/, "");
  }

  // Writes a text as a YAML scalar: plain when it reads back the same, double-quoted otherwise.
  function quote(text) {
    const plain = /^[A-Za-z0-9À-ÿ(][^#]*$/.test(text) && !/: |:$|\s$|^(true|false|null|yes|no|on|off|~)$/i.test(text) &&
      !/^[-+]?[0-9.]+$/.test(text) && !/["'\[\]{},]/.test(text[0]);
    return plain ? text : JSON.stringify(text);
  }

  // The lines [start, end) of an item's block: `  - id: X` for a rule, `  X:` for a fact or an
  // entry; the match closest to `hint` (a 1-based line) when there are several; null if absent.
  function locate(content, kind, id, hint) {
    const lines = content.split("\n");
    const header = kind === "rule"
      ? (text) => { const match = /^(\s*)- id:\s*(.*)$/.exec(text); return match && scalar(match[2]) === id; }
      : (text) => indentOf(text) > 0 && text.replace(/\s+#.*$/, "").trim() === id + ":";
    let start = -1;
    lines.forEach((text, index) => {
      if (header(text) && (start < 0 || Math.abs(index + 1 - hint) < Math.abs(start + 1 - hint))) start = index;
    });
    if (start < 0) return null;
    const indent = indentOf(lines[start]);
    let end = start + 1;
    while (end < lines.length && !(significant(lines[end]) && indentOf(lines[end]) <= indent)) end++;
    while (end > start + 1 && !significant(lines[end - 1])) end--;
    return { start, end };
  }

  // ---- Conditions: a leaf {field, op, values}, or a group {group: all|any|not, children}.

  const listOps = ["in", "not in", "includes any", "includes all"];

  function leafOf(text) {
    const name = "([a-z_][a-z0-9_]*)";
    let match;
    if ((match = new RegExp("^" + name + "$").exec(text))) return { field: match[1], op: "", values: [] };
    if ((match = new RegExp("^not\\s+" + name + "$").exec(text))) return { field: match[1], op: "not", values: [] };
    if ((match = new RegExp("^" + name + "\\s+between\\s+(\\S+)\\s+and\\s+(\\S+)$").exec(text))) return { field: match[1], op: "between", values: [match[2], match[3]] };
    if ((match = new RegExp("^" + name + "\\s+(not in|in|includes any|includes all)\\s*\\[([^\\]]*)\\]$").exec(text))) {
      return { field: match[1], op: match[2], values: match[3].split(",").map((value) => value.trim()).filter(Boolean) };
    }
    if ((match = new RegExp("^" + name + "\\s+(is not|is|==|!=|<=|>=|<|>|=|includes|excludes)\\s+([^\\s\\[\\]]+)$").exec(text))) {
      const op = { "is": "=", "==": "=", "is not": "!=" }[match[2]] || match[2];
      return { field: match[1], op, values: [match[3]] };
    }
    return null;
  }

  function leafText(leaf) {
    if (leaf.op === "") return leaf.field;
    if (leaf.op === "not") return "not " + leaf.field;
    if (leaf.op === "between") return leaf.field + " between " + (leaf.values[0] || "") + " and " + (leaf.values[1] || "");
    if (listOps.includes(leaf.op)) return leaf.field + " " + leaf.op + " [" + leaf.values.join(", ") + "]";
    return leaf.field + " " + leaf.op + " " + (leaf.values[0] || "");
  }

  // Reads the lines of a condition (each {text, line}, comments left out, one base indent) into a
  // tree; each leaf notes its line. Null when the YAML is not one the form can draw.
  function conditionOf(lines, depth) {
    if (!lines.length || depth > maxDepth) return null;
    const base = indentOf(lines[0].text);
    if (lines.some((entry) => indentOf(entry.text) < base)) return null;
    const first = lines[0].text.trim();
    if (first.startsWith("- ") || first === "-") {
      const children = [];
      let item = null;
      for (const entry of lines) {
        const text = entry.text;
        if (indentOf(text) === base) {
          if (!text.trim().startsWith("- ")) return null;
          item = [{ text: spaces(base + 2) + text.trim().slice(2), line: entry.line }];
          children.push(item);
        } else if (item) item.push(entry);
      }
      const nodes = children.map((item) => conditionOf(item, depth + 1));
      return nodes.every(Boolean) ? { group: "all", children: nodes, list: true } : null;
    }
    const key = /^(all|any|not):(.*)$/.exec(first);
    if (key) {
      const rest = lines.slice(1);
      if (rest.some((entry) => indentOf(entry.text) === base)) return null;
      if (key[2].trim() !== "") {
        if (rest.length || key[1] !== "not") return null;
        const inner = conditionOf([{ text: spaces(base + 2) + key[2].trim(), line: lines[0].line }], depth + 1);
        return inner ? { group: "not", children: [inner] } : null;
      }
      const inner = conditionOf(rest, depth + 1);
      if (!inner) return null;
      if (key[1] === "not") return { group: "not", children: [inner] };
      return inner.list ? { group: key[1], children: inner.children } : null;
    }
    if (lines.length > 1) return null;
    const text = scalar(first);
    const leaf = text === null ? null : leafOf(text);
    return leaf ? Object.assign(leaf, { line: lines[0].line }) : null;
  }

  // Lines of a condition placed at `indent`: each {text, leaf} (the leaf on that line, if any).
  function conditionLines(node, indent, depth) {
    if (depth > maxDepth) return [];
    if (!node.group) return [{ text: spaces(indent) + leafText(node), leaf: node }];
    if (node.group === "not") {
      // `not` over several conditions (none of them holds) is written `not: any:`.
      const child = node.children.length > 1 ? { group: "any", children: node.children } : node.children[0];
      if (child && !child.group) return [{ text: spaces(indent) + "not: " + leafText(child), leaf: child }];
      return [{ text: spaces(indent) + "not:" }, ...(child ? conditionLines(child, indent + 2, depth + 1) : [])];
    }
    const lines = [{ text: spaces(indent) + node.group + ":" }];
    for (const child of node.children) {
      const inner = conditionLines(child, indent + 4, depth + 1);
      if (!inner.length) continue;
      inner[0] = Object.assign({}, inner[0], { text: spaces(indent + 2) + "- " + inner[0].text.trimStart() });
      lines.push(...inner);
    }
    return lines;
  }

  // The leaves of a tree, in the order they are written (a group's children top to bottom).
  function leaves(node) {
    const found = [];
    const stack = node ? [node] : [];
    while (stack.length) {
      const next = stack.pop();
      if (next.group) for (let index = next.children.length - 1; index >= 0; index--) stack.push(next.children[index]);
      else found.push(next);
    }
    return found;
  }

  // ---- A block: its keys, each with its lines (comments just above a key go with it).

  const conditionKeys = ["when", "requires"];

  // Reads a block's text: {kind, keys: [{name, line, lines, value}], trailer, condition,
  // conditionKey, conditionState: "none" | "form" | "yaml"}. Null when the block is not read.
  function read(text, kind) {
    const lines = text.split("\n");
    if (!lines.length) return null;
    const head = lines[0];
    const keyIndent = kind === "rule" ? indentOf(head) + 2
      : (lines.slice(1).find(significant) !== undefined ? indentOf(lines.slice(1).find(significant)) : indentOf(head) + 2);
    const keys = [];
    let pending = [];
    let start = 1;
    if (kind === "rule") {
      const match = /^\s*- (id):(.*)$/.exec(head);
      if (!match) return null;
      keys.push({ name: "id", line: 0, first: 0, lines: [head], value: scalar(match[2]) });
    } else if (!/^\s*[A-Za-z0-9_]+:\s*(#.*)?$/.test(head)) return null;
    for (let index = start; index < lines.length; index++) {
      const line = lines[index];
      if (!significant(line)) { pending.push(line); continue; }
      const indent = indentOf(line);
      const match = /^\s*([A-Za-z_][A-Za-z0-9_]*):(\s.*|)$/.exec(line);
      if (indent === keyIndent && match) {
        keys.push({ name: match[1], line: index, first: index - pending.length, lines: [...pending, line], value: scalar(match[2]) });
        pending = [];
      } else if (indent > keyIndent && keys.length) {
        const key = keys[keys.length - 1];
        key.lines.push(...pending, line);
        key.value = null;
        pending = [];
      } else return null;
    }
    const block = { kind, head: kind === "rule" ? null : head, keyIndent, keys, trailer: pending, condition: null, conditionState: "none",
      conditionKey: kind === "entry" ? "requires" : "when" };
    const key = keys.find((entry) => conditionKeys.includes(entry.name));
    if (key) {
      block.conditionKey = key.name;
      const own = key.lines.slice(key.line - key.first);
      const at = key.line;
      const inline = scalar(own[0].replace(/^\s*(when|requires):/, ""));
      let condition = null;
      if (own.length === 1) {
        const leaf = inline ? leafOf(inline) : null;
        condition = leaf ? Object.assign(leaf, { line: at }) : null;
      } else if (inline === "") {
        const body = [];
        own.slice(1).forEach((line, offset) => { if (significant(line)) body.push({ text: line.replace(/\s+#.*$/, ""), line: at + 1 + offset }); });
        condition = conditionOf(body, 0);
      }
      block.condition = condition;
      block.conditionState = condition ? "form" : "yaml";
    }
    return block;
  }

  // The block's text again, the key `name` written anew with `lines` (or removed when null; added
  // before `route`/`why`/the end when absent).
  function replaceKey(block, name, lines) {
    const keys = block.keys.slice();
    const index = keys.findIndex((key) => key.name === name);
    const fresh = lines ? { name, lines } : null;
    if (index >= 0) {
      const kept = keys[index].lines.slice(0, keys[index].line - keys[index].first);
      if (fresh) keys[index] = { name, lines: [...kept, ...lines] }; else keys.splice(index, 1);
    } else if (fresh) {
      const before = keys.findIndex((key) => ["route", "referent", "why", "suggest", "thematiques"].includes(key.name));
      keys.splice(before >= 0 ? before : keys.length, 0, fresh);
    }
    return [...(block.head !== null ? [block.head] : []), ...keys.flatMap((key) => key.lines), ...block.trailer].join("\n");
  }

  // A key's line; `plain` writes the value as typed (a number, an identifier), so that a wrong
  // one is reported by the check rather than hidden in quotes.
  function scalarLines(block, name, value, plain) {
    const prefix = block.kind === "rule" && name === "id" ? spaces(block.keyIndent - 2) + "- " : spaces(block.keyIndent);
    return [prefix + name + ": " + (plain ? String(value).replace(/[\n#]/g, " ").trim() : quote(String(value)))];
  }

  function conditionKeyLines(block, condition) {
    const pad = spaces(block.keyIndent);
    if (!condition.group) return [pad + block.conditionKey + ": " + leafText(condition)];
    return [pad + block.conditionKey + ":", ...conditionLines(condition, block.keyIndent + 2, 0).map((entry) => entry.text)];
  }

  return { locate, read, replaceKey, scalarLines, conditionKeyLines, leaves, leafText, quote, scalar, maxDepth, listOps };
})();
