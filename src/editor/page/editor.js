// mentorcard edit: the form over the teacher's card. Each field keeps the value the page
// read (`base`) and what she typed (`current`); a moment after she stops typing, the changed
// fields are checked (messages beside them, the preview updated) and then saved. A save names
// each field's base, so a field the file changed meanwhile is never overwritten unasked.
'use strict';

const token = document.querySelector('meta[name="mentorcard-token"]').content;
const CHECK_AFTER = 40;
const SAVE_AFTER = 900;

let words = {};
let mentoring = [];
const fields = new Map(); // path → { field, box, read(), write(value) }
const base = {};
const current = {};
const dirty = new Set();
let version = 0;
let exists = true;
let previewShown = -1;
let checkTimer = 0;
let saveTimer = 0;
let saving = null;
let checkSeq = 0;

const say = (id, values = {}) =>
  (words[id] ?? id).replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ''));

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null) node.setAttribute(k, v);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

async function api(path, body) {
  const headers = { 'X-Mentorcard-Token': token };
  const init = body === undefined ? { headers } : {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  };
  try {
    const answer = await fetch(path, init);
    const data = await answer.json().catch(() => ({}));
    return { status: answer.status, data };
  } catch {
    setStatus(say('status.offline'), true);
    return { status: 0, data: {} };
  }
}

function setStatus(text, bad = false) {
  const status = document.getElementById('status');
  status.textContent = text;
  status.classList.toggle('bad', bad);
}

// Two values the same for the form: trailing blanks of a text do not count, nor empty keys.
function norm(v) {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v.replace(/\s+$/, '');
  if (Array.isArray(v)) return v.map(norm);
  if (typeof v === 'object') {
    const out = {};
    for (const k of Object.keys(v).sort()) if (norm(v[k]) !== '') out[k] = norm(v[k]);
    return out;
  }
  return v;
}
const same = (a, b) => JSON.stringify(norm(a)) === JSON.stringify(norm(b));

function grow(area) {
  const lines = area.value.split('\n').length + Math.floor(area.value.length / 90);
  area.rows = Math.max(3, Math.min(24, lines + 1));
}

let uid = 0;
function input(labelText, value, multi = false, attrs = {}) {
  const id = `i${++uid}`;
  const control = multi ? el('textarea', { id, ...attrs }) : el('input', { id, type: 'text', ...attrs });
  control.value = value ?? '';
  if (multi) grow(control);
  return { label: el('label', { for: id, text: labelText }), control };
}

const lines = (text) => text.split('\n').map((l) => l.trim()).filter(Boolean);

// One list of records: items added, removed and moved; `make(value)` draws one item and
// returns its read().
function listEditor(box, values, make, blank) {
  const list = el('div', { class: 'items' });
  const readers = [];
  const draw = (value) => {
    const item = el('div', { class: 'item' });
    const entry = { item, read: make(item, value) };
    const move = (by) => {
      const i = readers.indexOf(entry);
      const j = i + by;
      if (j < 0 || j >= readers.length) return;
      readers.splice(i, 1);
      readers.splice(j, 0, entry);
      if (by < 0) list.insertBefore(item, list.children[j]);
      else list.insertBefore(item, list.children[j].nextSibling);
      edited(box);
    };
    item.append(el('div', { class: 'tools' },
      el('button', { type: 'button', text: say('action.up'), onclick: () => move(-1) }),
      el('button', { type: 'button', text: say('action.down'), onclick: () => move(1) }),
      el('button', { type: 'button', text: say('action.remove'), onclick: () => {
        readers.splice(readers.indexOf(entry), 1);
        item.remove();
        edited(box);
      } })));
    readers.push(entry);
    list.append(item);
  };
  (values ?? []).forEach(draw);
  box.append(list, el('button', { type: 'button', class: 'add', text: say('action.add'), onclick: () => {
    draw(blank());
    list.lastChild.querySelector('input, textarea')?.focus();
  } }));
  return {
    read: () => readers.map((r) => r.read()).filter((v) => !same(v, blank())),
    redraw: (vs) => { readers.length = 0; list.replaceChildren(); (vs ?? []).forEach(draw); },
  };
}

function record(item, keys, value, multiKeys = []) {
  const controls = {};
  for (const key of keys) {
    const { label, control } = input(say(`item.${key}`), value?.[key], multiKeys.includes(key));
    controls[key] = control;
    item.append(label, control);
  }
  return () => Object.fromEntries(keys.map((k) => [k, controls[k].value.trim()]).filter(([, v]) => v));
}

// A citation: as written (a text), or a structured record shown field by field.
function citation(list, item, value) {
  const shown = el('div', { class: 'record' });
  const describe = async (v) => {
    const { data } = await api('/api/cite', { list, item: v });
    shown.textContent = data.record ? `${say('item.record')} ${data.record}` : '';
    return data.fields;
  };
  if (typeof value === 'object' && value !== null) {
    const controls = {};
    for (const [key, v] of Object.entries(value)) {
      const plain = typeof v === 'string' || typeof v === 'number' ||
        (Array.isArray(v) && v.every((x) => typeof x === 'string'));
      const name = words[`key.${key}`] ?? key;
      const { label, control } = input(name, plain ? (Array.isArray(v) ? v.join('; ') : String(v)) : JSON.stringify(v));
      if (!plain) control.readOnly = true;
      controls[key] = { control, v };
      item.append(label, control);
    }
    item.append(shown);
    describe(value);
    const read = () => Object.fromEntries(Object.entries(controls).map(([k, { control, v }]) => {
      if (control.readOnly) return [k, v];
      if (Array.isArray(v)) return [k, control.value.split(';').map((s) => s.trim()).filter(Boolean)];
      if (typeof v === 'number' && /^-?\d+$/.test(control.value.trim())) return [k, Number(control.value)];
      return [k, control.value.trim()];
    }));
    item.addEventListener('input', () => describe(read()));
    return read;
  }
  const { label, control } = input(say('item.citation'), value ?? '', true);
  const split = el('button', { type: 'button', text: say('item.parse'), hidden: '' });
  let parsed = null;
  const update = async () => {
    parsed = await describe(control.value);
    split.hidden = !parsed;
  };
  let timer = 0;
  control.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(update, 250); });
  split.addEventListener('click', () => {
    const box = item.closest('.field');
    const f = fields.get(box.dataset.path);
    const values = f.read().map((v) => (v === control.value.trim() ? parsed : v));
    f.write(values);
    edited(box);
  });
  item.append(label, control, split, shown);
  if (value) update();
  return () => control.value.trim();
}

function makeField(f) {
  const box = el('div', { class: 'field', 'data-path': f.path, 'data-kind': f.kind });
  const hint = el('p', { class: 'hint', text: f.hint });
  const num = f.number ? el('span', { class: 'num', text: `${f.number}.` }) : null;
  const msgs = el('ul', { class: 'msgs' });
  const count = f.criterion ? el('div', { class: 'count' }) : null;
  let read;
  let write;
  const single = (multi, attrs = {}) => {
    const { label, control } = input(f.label, '', multi, attrs);
    box.append(el('div', { class: 'head' }, num ?? '', label), hint, control);
    read = () => (attrs.type === 'number' ? (control.value ? Number(control.value) : null) : control.value);
    write = (v) => { control.value = v ?? ''; if (multi) grow(control); };
  };
  const group = (make, blank) => {
    const legend = el('div', { class: 'legend', id: `l-${f.path}` }, num ?? '', f.label);
    box.setAttribute('role', 'group');
    box.setAttribute('aria-labelledby', legend.id);
    box.append(legend, hint);
    const list = listEditor(box, [], make, blank);
    read = list.read;
    write = (v) => list.redraw(Array.isArray(v) ? v : []);
  };
  switch (f.kind) {
    case 'line': {
      const listId = f.examples.length ? `d-${f.path}` : undefined;
      single(false, { list: listId });
      if (listId) box.append(el('datalist', { id: listId }, ...f.examples.map((e) => el('option', { value: e }))));
      break;
    }
    case 'number': single(false, { type: 'number', min: 1900, max: 2100 }); break;
    case 'text': single(true); break;
    case 'period': {
      single(true);
      const area = box.querySelector('textarea');
      const extra = ['start', 'end'].map((k) => input(say(`period.${k}`), '', false, { type: 'date' }));
      const years = input(say('period.school_years'), '');
      const more = el('details', { class: 'more' }, el('summary', { text: `${say('period.start')}, ${say('period.end')}` }));
      for (const x of [...extra, years]) more.append(x.label, x.control);
      box.append(more);
      read = () => {
        const [start, end] = extra.map((x) => x.control.value);
        const school = years.control.value.split(',').map((s) => s.trim()).filter(Boolean);
        if (!start && !end && !school.length) return area.value;
        return { text: area.value, start, end, school_years: school };
      };
      write = (v) => {
        const o = typeof v === 'object' && v !== null ? v : { text: v ?? '' };
        area.value = o.text ?? '';
        grow(area);
        extra[0].control.value = o.start ?? '';
        extra[1].control.value = o.end ?? '';
        years.control.value = (o.school_years ?? []).join(', ');
        more.open = Boolean(o.start || o.end || o.school_years?.length);
      };
      break;
    }
    case 'authors': group((item, v) => record(item, ['name', 'position', 'organisation'], v), () => ({})); break;
    case 'definitions': group((item, v) => record(item, ['term', 'definition'], v, ['definition']), () => ({})); break;
    case 'participants': group((item, v) => {
      const main = record(item, ['role', 'name'], v);
      const id = `i${++uid}`;
      const select = el('select', { id }, el('option', { value: '' }),
        ...mentoring.map((m) => el('option', { value: m, text: m })));
      if (v?.mentoring && !mentoring.includes(v.mentoring)) select.append(el('option', { value: v.mentoring, text: v.mentoring }));
      select.value = v?.mentoring ?? '';
      const lists = ['shares', 'learns'].map((k) => input(say(`item.${k}`), (v?.[k] ?? []).join('\n'), true));
      item.append(el('label', { for: id, text: say('item.mentoring') }), select);
      for (const x of lists) item.append(x.label, x.control);
      return () => {
        const out = main();
        if (select.value) out.mentoring = select.value;
        const [shares, learns] = lists.map((x) => lines(x.control.value));
        if (shares.length) out.shares = shares;
        if (learns.length) out.learns = learns;
        return out;
      };
    }, () => ({})); break;
    case 'norms': group((item, v) => citation('norms', item, v), () => ''); break;
    case 'materials': {
      group((item, v) => citation('materials', item, v), () => '');
      box.addEventListener('dragover', (e) => e.preventDefault());
      box.addEventListener('drop', async (e) => {
        e.preventDefault();
        const file = e.dataTransfer?.files?.[0];
        if (!file) return;
        const { data } = await api('/api/cite', { list: 'materials', csl: await file.text() });
        if (Array.isArray(data.entries)) { write([...read(), ...data.entries]); edited(box); }
      });
      break;
    }
  }
  box.append(msgs);
  if (count) box.append(count);
  box.addEventListener('input', (e) => {
    if (e.target.tagName === 'TEXTAREA') grow(e.target);
    edited(box);
  });
  box.addEventListener('change', () => edited(box));
  return { field: f, box, msgs, count, read: () => read(), write: (v) => write(v) };
}

function edited(box) {
  const path = box.dataset.path;
  const value = fields.get(path).read();
  current[path] = value;
  if (same(value, base[path])) dirty.delete(path); else dirty.add(path);
  setStatus(dirty.size ? say('status.unsaved') : say('status.saved'));
  clearTimeout(checkTimer);
  clearTimeout(saveTimer);
  checkTimer = setTimeout(check, CHECK_AFTER);
  saveTimer = setTimeout(save, SAVE_AFTER);
}

const changed = () => Object.fromEntries([...dirty].map((p) => [p, current[p]]));

async function check() {
  const seq = ++checkSeq;
  const { status, data } = await api('/api/check', { changes: changed() });
  if (seq !== checkSeq) return; // a newer check is on its way
  if (status === 200) show(data.report);
  if (status === 422) refused(data.refused);
}

async function save() {
  clearTimeout(saveTimer);
  if (saving) { await saving; }
  if (!dirty.size && exists) return;
  const sent = Object.fromEntries([...dirty].map((p) => [p, { base: base[p] ?? null, value: current[p] }]));
  setStatus(say('status.saving'));
  saving = api('/api/save', { changes: sent });
  const { status, data } = await saving;
  saving = null;
  if (status === 200) {
    for (const [p, { value }] of Object.entries(sent)) {
      base[p] = value;
      if (same(current[p], value)) dirty.delete(p);
    }
    version = Math.max(version, data.version);
    exists = true;
    setStatus(dirty.size ? say('status.unsaved') : say('status.saved'));
    show(data.report);
  } else if (status === 409) {
    await resolve(data.conflicts);
    version = Math.max(version, data.version);
    if (dirty.size) save();
  } else if (status === 422) {
    refused(data.refused);
    setStatus(say('status.refused'), true);
  } else if (status) {
    setStatus(data.failure ?? `HTTP ${status}`, true);
  }
}

// The file changed a field she is editing: she decides which text stays.
async function resolve(conflicts) {
  for (const [path, disk] of Object.entries(conflicts)) {
    const f = fields.get(path);
    if (window.confirm(say('conflict.question', { label: f.field.label }))) {
      base[path] = disk;
    } else {
      base[path] = disk;
      current[path] = disk;
      f.write(disk);
      dirty.delete(path);
    }
  }
}

function refused(list) {
  for (const [path, text] of Object.entries(list ?? {})) {
    const f = fields.get(path);
    if (!f) continue;
    f.msgs.replaceChildren(el('li', { class: 'msg error', text }));
    f.box.classList.add('has-error');
  }
}

function message(m) {
  const li = el('li', { class: `msg ${m.severity}` }, m.message);
  for (const h of m.hints ?? []) li.append(el('span', { class: 'how', text: h }));
  return li;
}

function show(report) {
  if (!report) return;
  const summary = document.getElementById('summary');
  if (report.failure) {
    summary.replaceChildren(el('p', { class: 'msg error', text: report.failure }));
    return;
  }
  for (const f of fields.values()) {
    const list = report.fields?.[f.field.path] ?? [];
    f.msgs.replaceChildren(...list.map(message));
    f.box.classList.toggle('has-error', list.some((m) => m.severity === 'error'));
    if (f.count) {
      const n = report.counts?.[f.field.path];
      const max = report.max_chars;
      f.count.textContent = n === undefined ? '' : say(max ? 'count.chars_max' : 'count.chars', { count: n, max });
      f.count.classList.toggle('over', Boolean(max && n > max));
    }
  }
  const lines = [el('p', { text: report.errors ? say('summary.counts', report) : say('summary.ok') })];
  if (report.pages !== undefined && report.pages !== null) {
    const limited = report.min_pages || report.max_pages;
    lines.push(el('p', { text: say(limited ? 'count.pages_limit' : 'count.pages', {
      pages: report.pages, min: report.min_pages ?? 1, max: report.max_pages ?? '∞' }) }));
  }
  if (report.general?.length) {
    lines.push(el('p', { text: say('summary.general') }), el('ul', { class: 'msgs' }, ...report.general.map(message)));
  }
  summary.replaceChildren(...lines);
  summary.classList.toggle('bad', report.errors > 0);
  if (report.preview !== previewShown && report.preview > 0) {
    previewShown = report.preview;
    const frame = document.getElementById('preview');
    const y = frame.contentWindow?.scrollY ?? 0;
    frame.onload = () => frame.contentWindow?.scrollTo(0, y);
    frame.src = `/preview?v=${report.preview}`;
  }
}

// The card as the file has it now: fields she is not editing follow the file.
async function load(first = false) {
  const { status, data } = await api('/api/card');
  if (status !== 200) return;
  const ask = {};
  let updated = false;
  for (const [path, f] of fields) {
    const disk = data.values[path];
    if (!first && same(disk, base[path])) continue;
    updated = true;
    if (!dirty.has(path) || same(disk, current[path])) {
      base[path] = disk;
      current[path] = disk;
      dirty.delete(path);
      f.write(disk);
    } else {
      ask[path] = disk;
    }
  }
  version = data.version;
  exists = data.exists;
  document.getElementById('fields').disabled = !data.readable;
  if (!data.readable) setStatus(say('unreadable'), true);
  else if (first) setStatus(exists ? say('status.saved') : say('status.new'));
  else if (updated) setStatus(say('status.reloaded'));
  show(data.report);
  if (Object.keys(ask).length) { await resolve(ask); if (dirty.size) save(); }
}

async function start() {
  const { data } = await api('/api/form');
  words = data.words ?? {};
  mentoring = data.mentoring ?? [];
  document.getElementById('save').textContent = say('action.save');
  document.getElementById('pdf').textContent = say('action.pdf');
  document.getElementById('lead').textContent = say('page.lead');
  document.getElementById('preview-title').textContent = say('preview.title');
  document.getElementById('preview').title = say('preview.title');
  const holder = document.getElementById('fields');
  let section = '';
  for (const f of data.fields ?? []) {
    if (f.section !== section) {
      section = f.section;
      holder.append(el('h2', { class: 'section', text: say(`section.${section}`) }));
    }
    const made = makeField(f);
    fields.set(f.path, made);
    holder.append(made.box);
  }
  await load(true);
  document.getElementById('save').addEventListener('click', save);
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') { e.preventDefault(); save(); }
  });
  window.addEventListener('beforeunload', (e) => { if (dirty.size) e.preventDefault(); });
  const events = new EventSource('/events');
  events.addEventListener('card', (e) => { if (Number(e.data) > version) load(); });
}

start();
