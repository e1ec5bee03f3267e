// The form: one collapsible card per segment (nested as the view nests them), each with its
// fields, its findings, and buttons to move, remove, add inside and add options. Cards are kept
// by path between renders, so open/closed state, scroll position and focus survive an answer.
import { confirmDialog, h, replace, uniqueId } from '/kit/dom.js';
import { plural, reconcile, severityPill } from './dom.js';
import { createRow, fieldModels, updateRow } from './fields.js';
import { pickerList } from './add-option.js';
import { optionsFor } from './schemas.js';

/** "input · tail", "match · ** · stdout", "processor (logs) · content_modifier", "label · @X". */
export function segmentTitle(s) {
  const kind = s.kind === 'processor' && s.argument ? `processor (${s.argument})` : s.kind;
  const nameProp = (s.properties || []).find((p) => /^(name|@type)$/i.test(p.key));
  const parts = [s.kind === 'processor' ? null : s.argument, s.plugin || (nameProp && !s.argument ? nameProp.value : null)];
  const rest = parts.filter((p) => p && p !== s.kind);
  return [kind, ...rest].join(' · ');
}

const flatten = (segments, out = []) => {
  for (const s of segments) {
    out.push(s);
    flatten(s.children || [], out);
  }
  return out;
};

/** Renders `view`'s segments into `list`; ctx: state, actions, busy, edit, addInside, showLine. */
export function renderSegments(list, view, ctx) {
  const all = flatten(view.segments || []);
  const models = new Map();
  const claimed = new Set();
  for (const s of all) {
    const rows = fieldModels(s, optionsFor(s), ctx.state.drafts.get(s.path));
    models.set(s.path, rows);
    for (const r of rows) claimed.add(r.path.toLowerCase());
  }
  const fieldFindings = new Map();
  const segFindings = new Map();
  const within = new Map();
  for (const f of view.findings || []) {
    if (!f.path) continue;
    const lower = f.path.toLowerCase();
    const owner = all.filter((s) => lower === s.path.toLowerCase() || lower.startsWith(`${s.path.toLowerCase()}/`)).pop();
    for (const s of all) if (lower === s.path.toLowerCase() || lower.startsWith(`${s.path.toLowerCase()}/`)) push(within, s.path, f);
    // "needs 'path'" belongs next to the empty required field it names
    const named = owner && f.code === 'missing-key' && lower === owner.path.toLowerCase()
      ? models.get(owner.path).find((r) => !r.present && f.message.includes(`'${r.key}'`))
      : null;
    if (named) push(fieldFindings, named.path.toLowerCase(), f);
    else if (claimed.has(lower)) push(fieldFindings, lower, f);
    else if (owner) push(segFindings, owner.path, f);
  }
  const index = { models, fieldFindings, segFindings, within, all, view };
  renderLevel(list, view.segments || [], '', ctx, index);
  list.classList.toggle('segs-empty', !all.length);
  const moved = ctx.state.focusMove;
  if (moved) {
    ctx.state.focusMove = null;
    const box = moved.parent === '' ? list : list.querySelector(`.seg[data-path="${CSS.escape(moved.parent)}"] > .seg-body > .seg-children`);
    const card = box && Array.from(box.children).filter((c) => c._seg && c._seg.kind === moved.kind)[moved.index];
    if (card) {
      const button = card.querySelector(`.seg-head [data-testid="${moved.button}"]`);
      (button && !button.disabled ? button : card._parts.toggle).focus();
    }
  }
  const req = ctx.state.focusRequest;
  if (req) {
    ctx.state.focusRequest = null;
    const row = findRow(list, req.section, req.key);
    if (row) focusRow(list, row);
  }
}

function push(map, key, value) {
  if (!map.has(key)) map.set(key, []);
  map.get(key).push(value);
}

function renderLevel(container, segments, parentPath, ctx, index) {
  reconcile(
    container,
    segments,
    (s) => s.path,
    () => createCard(ctx),
    (card, s) => updateCard(card, s, segments, parentPath, ctx, index),
  );
}

function createCard(ctx) {
  const bodyId = uniqueId('seg');
  const title = h('span', { class: 'seg-title', id: `${bodyId}-title` });
  const toggle = h(
    'button',
    { type: 'button', class: 'seg-toggle', 'aria-expanded': 'true', 'aria-controls': bodyId, 'data-testid': 'segment-toggle' },
    h('span', { class: 'seg-chevron', 'aria-hidden': 'true' }),
    title,
  );
  const card = h('section', { class: 'seg', 'data-testid': 'segment', 'aria-labelledby': title.id });
  const tool = (label, testid, onclick, text) =>
    h('button', { type: 'button', class: 'btn btn-small', 'aria-label': label, title: label, 'data-testid': testid, onclick }, text || label);
  const moveMenu = h('div', { class: 'menu-body', role: 'group', 'aria-label': 'Destinations' });
  const moveTo = h('details', { class: 'menu seg-moveto' }, h('summary', { class: 'btn btn-small', 'data-testid': 'move-to' }, 'Move to…'), moveMenu);
  moveTo.addEventListener('toggle', () => moveTo.open && fillMoveMenu(card, moveMenu, ctx));
  const picker = h('div', { class: 'seg-picker' });
  const addOption = h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'add-option', 'aria-expanded': 'false', onclick: () => togglePicker(card, ctx) }, '+ Add option');
  card.append(
    h(
      'div',
      { class: 'seg-head' },
      toggle,
      h('span', { class: 'seg-badges' }),
      h('button', { type: 'button', class: 'seg-line link-button', 'data-testid': 'segment-line', onclick: () => ctx.showLine(card._seg.line) }),
      h(
        'div',
        { class: 'seg-tools' },
        tool('Move up', 'move-up', () => move(card, -1, ctx), '↑'),
        tool('Move down', 'move-down', () => move(card, 1, ctx), '↓'),
        moveTo,
        tool('Add inside…', 'add-inside', () => ctx.addInside(card._seg)),
        tool('Remove', 'remove-segment', () => removeSegment(card, ctx)),
      ),
    ),
    h(
      'div',
      { class: 'seg-body', id: bodyId },
      h('ul', { class: 'seg-msgs', 'data-testid': 'segment-messages' }),
      h('div', { class: 'seg-fields' }),
      h('div', { class: 'seg-add' }, addOption, picker),
      h('div', { class: 'seg-children' }),
    ),
  );
  toggle.addEventListener('click', () => setExpanded(card, toggle.getAttribute('aria-expanded') !== 'true'));
  card._parts = { toggle, title, picker, addOption, moveTo };
  return card;
}

function updateCard(card, s, siblings, parentPath, ctx, index) {
  card._seg = s;
  card._parent = parentPath;
  card._index = index;
  card.dataset.path = s.path;
  card.dataset.kind = s.kind;
  card.dataset.plugin = s.plugin || '';
  const { title, picker, addOption, moveTo } = card._parts;
  title.textContent = segmentTitle(s);
  const [head, body] = card.children;
  const [, badges, line, tools] = head.children;
  const inside = index.within.get(s.path) || [];
  const errors = inside.filter((f) => f.severity === 'error').length;
  const warnings = inside.filter((f) => f.severity === 'warning').length;
  replace(
    badges,
    errors ? h('span', { class: 'pill pill-bad' }, plural(errors, 'error')) : null,
    warnings ? h('span', { class: 'pill pill-warn' }, plural(warnings, 'warning')) : null,
  );
  line.textContent = s.line ? `line ${s.line}` : '';
  line.hidden = !s.line;
  line.setAttribute('aria-label', `Show line ${s.line} in the text`);

  const sameKind = siblings.filter((x) => x.kind === s.kind);
  const at = sameKind.indexOf(s);
  card._at = at;
  const [up, down, , addInside, remove] = tools.children;
  const name = title.textContent;
  up.setAttribute('aria-label', `Move ${name} up`);
  down.setAttribute('aria-label', `Move ${name} down`);
  addInside.setAttribute('aria-label', `Add inside ${name}`);
  remove.setAttribute('aria-label', `Remove ${name}`);
  for (const el of [up, down, moveTo]) el.hidden = !s.movable;
  up.disabled = at <= 0;
  down.disabled = at < 0 || at >= sameKind.length - 1;
  moveTo.hidden = !s.movable || destinations(s, parentPath, index).length === 0;
  addInside.hidden = !(s.childKinds || []).length;

  const [msgs, fields, , children] = body.children;
  msgs.replaceChildren(
    ...(index.segFindings.get(s.path) || []).map((f) =>
      h('li', { class: `fld-msg fld-msg-${f.severity}`, 'data-testid': 'segment-message', 'data-code': f.code }, severityPill(f.severity), ' ', f.message),
    ),
  );
  const rows = index.models.get(s.path) || [];
  const actions = {
    setSoon: ctx.setSoon,
    setNow: ctx.setNow,
    remove: (seg, model) => removeOption(seg, model, ctx),
  };
  reconcile(
    fields,
    rows,
    (m) => m.id,
    () => createRow(actions),
    (row, m) => updateRow(row, m, s, index.fieldFindings.get(m.path.toLowerCase()) || [], ctx.busy),
  );
  if (picker.firstChild && !picker.contains(document.activeElement)) closePicker(card);
  renderLevel(children, s.children || [], s.path, ctx, index);
}

export function setExpanded(card, expanded) {
  const { toggle } = card._parts;
  toggle.setAttribute('aria-expanded', String(expanded));
  card.children[1].hidden = !expanded;
  card.classList.toggle('seg-collapsed', !expanded);
}

/** Expands or collapses every card. */
export function setAllExpanded(list, expanded) {
  for (const card of list.querySelectorAll('.seg')) setExpanded(card, expanded);
}

function move(card, delta, ctx) {
  const s = card._seg;
  const at = card._at;
  ctx.state.focusMove = { kind: s.kind, parent: card._parent, index: at + delta, button: delta < 0 ? 'move-up' : 'move-down' };
  ctx.edit([{ op: 'move-section', section: s.path, parent: card._parent, index: at + delta }]);
}

function destinations(s, parentPath, index) {
  const out = [];
  if (parentPath !== '' && (index.view.kinds || []).includes(s.kind)) out.push({ path: '', title: 'Top level', children: index.view.segments || [] });
  for (const c of index.all) {
    if (c.path === parentPath || c.path === s.path || c.path.startsWith(`${s.path}/`)) continue;
    if ((c.childKinds || []).includes(s.kind)) out.push({ path: c.path, title: segmentTitle(c), children: c.children || [] });
  }
  return out;
}

function fillMoveMenu(card, menu, ctx) {
  const s = card._seg;
  const list = destinations(s, card._parent, card._index);
  menu.replaceChildren(
    ...list.map((d) =>
      h(
        'button',
        {
          type: 'button',
          class: 'menu-item',
          'data-testid': 'move-destination',
          'data-path': d.path,
          onclick: () => {
            card._parts.moveTo.open = false;
            const index = d.children.filter((x) => x.kind === s.kind).length;
            ctx.edit([{ op: 'move-section', section: s.path, parent: d.path, index }]);
          },
        },
        d.title,
      ),
    ),
  );
}

async function removeSegment(card, ctx) {
  const s = card._seg;
  const ok = await confirmDialog({
    title: 'Remove this section?',
    message: `“${segmentTitle(s)}” and everything inside it will be removed from the text.`,
    confirmLabel: 'Remove',
    danger: true,
  });
  if (ok) ctx.edit([{ op: 'remove-section', section: s.path }]);
}

function removeOption(s, model, ctx) {
  if (!model.present) {
    const drafts = (ctx.state.drafts.get(s.path) || []).filter((n) => n.toLowerCase() !== model.key.toLowerCase());
    ctx.state.drafts.set(s.path, drafts);
    ctx.rerender();
    return;
  }
  ctx.edit([{ op: 'unset', section: s.path, key: model.key }]);
}

function closePicker(card) {
  card._parts.picker.replaceChildren();
  card._parts.addOption.setAttribute('aria-expanded', 'false');
}

function togglePicker(card, ctx) {
  const { picker, addOption } = card._parts;
  if (picker.firstChild) {
    closePicker(card);
    return;
  }
  const s = card._seg;
  const { options } = optionsFor(s);
  const present = new Set((card._index.models.get(s.path) || []).map((m) => m.key.toLowerCase()));
  const items = options.filter((o) => !present.has(String(o.name).toLowerCase()));
  const list = pickerList({
    items,
    label: `Add an option to ${segmentTitle(s)}`,
    allowCustom: true,
    testid: 'option-picker',
    itemTestid: 'option-item',
    onCancel: () => {
      closePicker(card);
      addOption.focus();
    },
    onPick: (item) => {
      closePicker(card);
      ctx.state.focusRequest = { section: s.path, key: item.name };
      if (item.default != null && item.default !== '' && !item.custom) {
        ctx.edit([{ op: 'set', section: s.path, key: item.name, value: String(item.default) }]);
      } else {
        ctx.state.drafts.set(s.path, [...(ctx.state.drafts.get(s.path) || []), item.name]);
        ctx.rerender();
      }
    },
  });
  picker.replaceChildren(list.element);
  addOption.setAttribute('aria-expanded', 'true');
  list.focus();
}

function findRow(list, section, key) {
  const card = Array.from(list.querySelectorAll('.seg')).find((c) => c.dataset.path === section);
  if (!card) return null;
  return Array.from(card.querySelector('.seg-fields').children).find((r) => r.dataset.key.toLowerCase() === key.toLowerCase()) || null;
}

function focusRow(list, row) {
  for (let card = row.closest('.seg'); card; card = card.parentElement.closest('.seg')) setExpanded(card, true);
  row.scrollIntoView({ block: 'center' });
  const control = row.querySelector('.fld-input');
  if (control) control.focus({ preventScroll: true });
}

/**
 * Shows what a finding's path points at: the field (focused) or else the deepest card (its
 * toggle focused). Returns whether something was found.
 */
export function revealPath(list, path) {
  if (!path) return false;
  const lower = path.toLowerCase();
  const row = Array.from(list.querySelectorAll('.fld')).find((r) => (r.dataset.path || '').toLowerCase() === lower);
  if (row) {
    focusRow(list, row);
    return true;
  }
  const card = Array.from(list.querySelectorAll('.seg'))
    .filter((c) => lower === c.dataset.path.toLowerCase() || lower.startsWith(`${c.dataset.path.toLowerCase()}/`))
    .pop();
  if (!card) return false;
  for (let c = card; c; c = c.parentElement.closest('.seg')) setExpanded(c, true);
  card.scrollIntoView({ block: 'start' });
  card._parts.toggle.focus({ preventScroll: true });
  return true;
}
