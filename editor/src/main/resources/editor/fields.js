// One labelled field per option of a segment: a select for enumerations and booleans, a text
// input otherwise. Rows are updated in place, and a control that has focus or an unanswered value
// is never overwritten, so typing goes on undisturbed while the server answers.
import { h, replace, uniqueId } from '/kit/dom.js';
import { severityPill } from './dom.js';
import { enumValues, isBoolean } from './schemas.js';

const BOOLEAN_SPELLINGS = [
  ['true', 'false'],
  ['on', 'off'],
  ['yes', 'no'],
];

/**
 * The rows of a segment: options set in the file (in file order), then required options that are
 * absent, then drafts (picked from the list, no value yet).
 */
export function fieldModels(segment, schema, drafts) {
  const rows = [];
  const seen = new Map();
  const props = segment.properties || [];
  const lastIndex = new Map();
  props.forEach((p, i) => lastIndex.set(p.key.toLowerCase(), i));
  props.forEach((p, i) => {
    const lower = p.key.toLowerCase();
    const n = seen.get(lower) || 0;
    seen.set(lower, n + 1);
    const option = schema.byName.get(lower) || null;
    const value = typeof p.value === 'string' ? p.value : JSON.stringify(p.value);
    const last = lastIndex.get(lower) === i;
    rows.push({
      id: `${lower}#${n}`,
      key: p.key,
      value: value == null ? '' : value,
      path: p.path,
      line: p.line,
      option,
      required: !!(option && option.required),
      present: true,
      structured: !!p.structured,
      readOnly: !!p.structured || !last,
      note: p.structured ? 'A nested value: edit it in the text.' : last ? null : 'Set again further down; edit this one in the text.',
    });
  });
  const missing = (option, draft) => ({
    id: `${option.name.toLowerCase()}#0`,
    key: option.name,
    value: '',
    path: `${segment.path}/${option.name}`,
    option,
    required: !!option.required,
    present: false,
    draft,
    structured: false,
    readOnly: false,
  });
  for (const option of schema.options) {
    if (option.required && !seen.has(option.name.toLowerCase())) {
      seen.set(option.name.toLowerCase(), 1);
      rows.push(missing(option, false));
    }
  }
  for (const name of drafts || []) {
    if (seen.has(name.toLowerCase())) continue;
    seen.set(name.toLowerCase(), 1);
    rows.push(missing(schema.byName.get(name.toLowerCase()) || { name }, true));
  }
  return rows;
}

function controlSpec(model) {
  if (model.structured) return { kind: 'textarea' };
  const values = enumValues(model.option);
  if (values) return { kind: 'select', values: values.map(String) };
  if (isBoolean(model.option)) {
    const spelling = BOOLEAN_SPELLINGS.find((pair) => pair.includes(String(model.value).toLowerCase())) || BOOLEAN_SPELLINGS[0];
    return { kind: 'select', values: spelling };
  }
  return { kind: 'input' };
}

function makeControl(spec, id) {
  const common = { id, class: 'fld-input', 'data-testid': 'field-input' };
  if (spec.kind === 'textarea') return h('textarea', { ...common, rows: 3, readOnly: true, spellcheck: 'false' });
  if (spec.kind === 'select') return h('select', common);
  return h('input', { ...common, type: 'text', spellcheck: 'false', autocomplete: 'off' });
}

function fillSelect(select, values, current) {
  const list = [...values];
  if (current !== '' && !list.includes(current)) list.unshift(current);
  const want = ['', ...list].join('\u0000');
  if (select.dataset.options === want) return false;
  const keep = select.value;
  replace(select, h('option', { value: '' }, '—'), list.map((v) => h('option', { value: v }, v)));
  select.dataset.options = want;
  select.value = keep;
  return true;
}

/** A new row; `actions` has setSoon(section, key, control), setNow(…), remove(model). */
export function createRow(actions) {
  const id = uniqueId('opt');
  const label = h('label', { for: id, class: 'fld-name' });
  const row = h(
    'div',
    { class: 'fld', 'data-testid': 'field' },
    h('div', { class: 'fld-label' }, label, h('span', { class: 'fld-req', 'aria-hidden': 'true' }), h('span', { class: 'fld-meta muted' })),
    h('div', { class: 'fld-ctl' }),
    h('small', { class: 'hint fld-help', id: `${id}-help` }),
    h('ul', { class: 'fld-msgs', id: `${id}-msgs`, 'data-testid': 'field-messages' }),
  );
  row._id = id;
  row._actions = actions;
  return row;
}

function wire(row, control) {
  const target = () => [row._segment.path, row._model.key, control];
  if (control.tagName === 'INPUT') {
    control.addEventListener('input', () => !control.readOnly && row._actions.setSoon(...target()));
    control.addEventListener('blur', () => !control.readOnly && row._actions.setNow(...target()));
  }
  control.addEventListener('change', () => !control.readOnly && row._actions.setNow(...target()));
  control.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && control.tagName === 'INPUT') row._actions.setNow(...target());
  });
}

/** Brings a row up to date with its model and its findings. */
export function updateRow(row, model, segment, findings, busy) {
  row._model = model;
  row._segment = segment;
  row.dataset.path = model.path;
  row.dataset.key = model.key;
  row.classList.toggle('fld-missing', !model.present);
  row.classList.toggle('fld-required', model.required);
  const [labelBox, ctlBox, help, msgs] = row.children;
  const [label, req, meta] = labelBox.children;
  label.textContent = model.key;
  req.textContent = model.required ? 'required' : '';
  const option = model.option || {};
  meta.textContent = [option.type, option.default != null && option.default !== '' ? `default ${option.default}` : null]
    .filter(Boolean)
    .join(' · ');

  const spec = controlSpec(model);
  const sig = `${spec.kind}|${(spec.values || []).join(',')}`;
  let control = ctlBox.querySelector('.fld-input');
  const focused = control && document.activeElement === control;
  if (!control || (row.dataset.sig !== sig && !focused)) {
    const fresh = makeControl(spec, row._id);
    wire(row, fresh);
    if (control) control.replaceWith(fresh);
    else ctlBox.prepend(fresh);
    control = fresh;
    row.dataset.sig = sig;
    control.dataset.synced = '\u0000';
  }
  control.dataset.path = model.path;
  control.dataset.key = model.key;
  const refilled = spec.kind === 'select' && row.dataset.sig === sig && fillSelect(control, spec.values, model.value);
  const keepTyping = document.activeElement === control || busy(segment.path, model.key);
  if (!keepTyping && (refilled || control.dataset.synced !== model.value)) {
    control.value = model.value;
    control.dataset.synced = model.value;
  } else if (keepTyping && control.value === model.value) control.dataset.synced = model.value;
  control.readOnly = model.readOnly;
  if (control.tagName === 'SELECT') control.disabled = model.readOnly;
  control.placeholder = option.default != null ? String(option.default) : model.required ? 'required' : '';
  control.required = model.required;
  control.title = option.description || '';

  let remove = ctlBox.querySelector('.fld-remove');
  if (!remove) {
    remove = h('button', { type: 'button', class: 'btn btn-icon fld-remove', 'data-testid': 'remove-option', onclick: () => row._actions.remove(row._segment, row._model) }, '×');
    ctlBox.appendChild(remove);
  }
  remove.hidden = !model.present && !model.draft;
  remove.setAttribute('aria-label', `Remove ${model.key}`);
  remove.title = `Remove ${model.key}`;

  help.textContent = model.note || option.description || '';
  help.hidden = !help.textContent;
  msgs.replaceChildren(
    ...findings.map((f) => h('li', { class: `fld-msg fld-msg-${f.severity}`, 'data-testid': 'field-message', 'data-code': f.code }, severityPill(f.severity), ' ', f.message)),
  );
  control.setAttribute('aria-describedby', [help.hidden ? null : help.id, findings.length ? msgs.id : null].filter(Boolean).join(' ') || help.id);
  if (findings.some((f) => f.severity === 'error')) control.setAttribute('aria-invalid', 'true');
  else control.removeAttribute('aria-invalid');
  row.classList.toggle('fld-bad', findings.some((f) => f.severity === 'error'));
  row.classList.toggle('fld-warn', !findings.some((f) => f.severity === 'error') && findings.length > 0);
}
