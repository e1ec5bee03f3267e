// The agent page's Commands tab. Forms are built from the commands the server declares.
import { field, h, toast } from '/kit/dom.js';
import { agentPath, api } from './api.js';
import { card } from './dom.js';
import { dateTime, pill } from './format.js';

/** The Commands tab: restart, a form per custom command, and the command history. */
export function commandsPanel(panel, page) {
  const a = page.agent;
  if (page.ctx.can('operator')) {
    const restartable = (a.capabilities || []).includes('AcceptsRestartCommand');
    panel.append(
      card(
        'Restart',
        h('p', { class: 'muted' }, restartable ? 'The OpAMP restart command: the agent restarts its process.' : 'This agent does not accept restart commands.'),
        h('button', { type: 'button', class: 'btn btn-primary', disabled: !restartable, onclick: page.restart }, 'Restart agent'),
      ),
    );
    const custom = a.customCapabilities || [];
    if (!custom.length) {
      panel.append(card('Custom commands', h('p', { class: 'muted' }, 'This agent advertises no custom capabilities.')));
    }
    for (const cap of custom) {
      const decl = page.declared.find((d) => d.capability === cap);
      if (decl) {
        for (const cmd of decl.commands || []) panel.append(declaredForm(decl, cmd, page));
      } else {
        panel.append(genericForm(cap, page));
      }
    }
  }
  panel.append(card('Command history', h('div', { id: 'command-history' }, commandHistory(page.commands))));
}

function declaredForm(decl, cmd, page) {
  const controls = [];
  const fields = (cmd.parameters || []).map((p) => {
    let control;
    if (p.type === 'boolean') {
      control = h('input', { type: 'checkbox' });
      controls.push([p, () => control.checked]);
      return h('div', { class: 'field' }, h('label', { class: 'check' }, control, label(p)), p.description ? h('small', { class: 'hint' }, p.description) : null);
    }
    if (p.type === 'enum') {
      control = h(
        'select',
        { required: !!p.required },
        p.required ? null : h('option', { value: '' }, '—'),
        (p.values || []).map((v) => h('option', { value: String(v) }, String(v))),
      );
    } else {
      control = h('input', { type: p.type === 'number' ? 'number' : 'text', required: !!p.required, step: p.type === 'number' ? 'any' : undefined, autocomplete: 'off' });
    }
    controls.push([p, () => (p.type === 'number' && control.value !== '' ? Number(control.value) : control.value)]);
    return field(`${label(p)}${p.required ? ' (required)' : ''}`, control, p.description);
  });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const title = cmd.title || cmd.messageType;
  return h(
    'form',
    {
      class: 'card command-form',
      'aria-label': title,
      onsubmit: async (e) => {
        e.preventDefault();
        const data = {};
        for (const [p, read] of controls) {
          const v = read();
          if (v === '' && !p.required) continue;
          data[p.name] = v;
        }
        await sendCustom(page, decl.capability, cmd.messageType, Object.keys(data).length ? JSON.stringify(data) : '', error, e.target);
      },
    },
    h('h2', {}, title),
    h('p', { class: 'muted small' }, decl.title || '', ' ', h('span', { class: 'mono' }, `${decl.capability} · ${cmd.messageType}`)),
    cmd.description ? h('p', {}, cmd.description) : null,
    fields,
    error,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', 'aria-label': `Send: ${title}` }, 'Send command')),
  );
}

function genericForm(capability, page) {
  const type = h('input', { type: 'text', required: true, autocomplete: 'off' });
  const data = h('textarea', { rows: '4', class: 'mono', spellcheck: 'false' });
  const error = h('p', { class: 'form-error', role: 'alert' });
  return h(
    'form',
    {
      class: 'card command-form',
      'aria-label': `Custom message for ${capability}`,
      onsubmit: async (e) => {
        e.preventDefault();
        await sendCustom(page, capability, type.value.trim(), data.value, error, e.target);
      },
    },
    h('h2', {}, 'Custom message'),
    h('p', { class: 'muted small' }, 'The server declares no commands for ', h('span', { class: 'mono' }, capability), '; send a message by type.'),
    h('div', { class: 'form-grid' }, field('Message type', type)),
    field('Data', data, 'Sent as UTF-8 text; may be empty.'),
    error,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Send message')),
  );
}

async function sendCustom(page, capability, messageType, data, error, form) {
  try {
    await api.post(`${agentPath(page.uid)}/commands`, { type: 'custom', capability, messageType, data });
    error.textContent = '';
    page.clean('commands');
    form.reset();
    toast(`${messageType} sent.`, 'success');
    page.sent();
  } catch (err) {
    error.textContent = err.message;
  }
}

/** The commands sent to the agent, newest first. */
export function commandHistory(commands) {
  if (!commands.length) return h('p', { class: 'muted' }, 'No commands sent yet.');
  const tones = { queued: 'info', sent: 'info', acknowledged: 'ok', failed: 'bad' };
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'grid compact' },
      h('caption', { class: 'sr-only' }, 'Commands sent to this agent'),
      h('thead', {}, h('tr', {}, ['Command', 'Status', 'Created', 'Updated', 'Error'].map((t) => h('th', { scope: 'col' }, t)))),
      h(
        'tbody',
        {},
        commands.map((c) =>
          h(
            'tr',
            {},
            h('td', {}, c.type === 'custom' ? h('span', { class: 'mono' }, `${c.capability} · ${c.messageType}`) : c.type),
            h('td', {}, pill(c.status, tones[c.status] || 'muted')),
            h('td', {}, dateTime(c.createdAt)),
            h('td', {}, dateTime(c.updatedAt)),
            h('td', {}, c.error || ''),
          ),
        ),
      ),
    ),
  );
}

/** A parameter's label: its title, else its name with a capital. */
function label(p) {
  const text = p.title || p.name || '';
  return text.charAt(0).toUpperCase() + text.slice(1);
}
