// The operator's API token: asked for once, kept in sessionStorage (gone when the tab closes), sent as a Bearer.
import {ApiError, session} from './api.js';
import {h} from './dom.js';

/** Resolves with a token, asking for one when the session has none (or `again` after the gateway refused it). */
export function ensureToken(again = false) {
  if (session.token && !again) return Promise.resolve(session.token);
  return new Promise((resolve, reject) => {
    const input = h('input', {type: 'password', name: 'token', autocomplete: 'off', required: true, id: 'token-input'});
    const dialog = h('dialog', {class: 'token-dialog'},
      h('form', {method: 'dialog'},
        h('h2', {}, again ? 'The gateway refused that token' : 'API token'),
        h('p', {}, 'Reviews need the hub\'s API token (CONTIMG_API_TOKEN). It is kept in this browser tab only.'),
        h('label', {}, 'token ', input),
        h('div', {class: 'buttons'},
          h('button', {value: 'cancel', type: 'submit', formnovalidate: true}, 'cancel'),
          h('button', {value: 'ok', type: 'submit', id: 'token-save'}, 'save'))));
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (dialog.returnValue === 'ok' && input.value) {
        session.token = input.value;
        updateTokenButton();
        resolve(input.value);
      } else {
        reject(new Error('no token given'));
      }
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/**
 * Runs a write with the session's token, asking for one first when there is none; when the gateway refuses the
 * token, asks again once and retries, so a mistyped token costs one more prompt rather than a failed action.
 */
export async function withToken(action) {
  await ensureToken();
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof ApiError) || (error.status !== 401 && error.status !== 403)) throw error;
    await ensureToken(true);
    return action();
  }
}

export function forgetToken() {
  session.token = null;
  updateTokenButton();
}

export function updateTokenButton() {
  const button = document.getElementById('token-button');
  if (button) button.textContent = session.token ? 'forget token' : 'enter token';
}
