// Boot: the connection indicator, the token button and a hash router that gives each view the page to itself.
import {connect, onStatus, renewSubscriptions} from './live.js';
import {fill, h} from './dom.js';
import {forgetToken, ensureToken, updateTokenButton} from './token.js';
import {session} from './api.js';
import * as overview from './overview.js';
import * as candidates from './candidates.js';
import * as source from './source.js';
import * as products from './products.js';
import * as sky from './sky.js';
import * as group from './group.js';
import {SOURCE_PATH} from './links.js';

const ROUTES = [
  {pattern: /^\/?$/, view: overview, nav: 'overview', title: 'Overview'},
  {pattern: /^\/candidates$/, view: candidates, nav: 'candidates', title: 'ESE candidates'},
  {pattern: new RegExp(`^${SOURCE_PATH}(.+)$`), view: source, nav: 'candidates', title: 'Source'},
  {pattern: /^\/group\/(.+)$/, view: group, nav: 'overview', title: 'Group'},
  {pattern: /^\/products$/, view: products, nav: 'products', title: 'Images and mosaics'},
  {pattern: /^\/sky$/, view: sky, nav: 'sky', title: 'Sky'},
];

const main = document.getElementById('view');
let leave = () => {};

function route() {
  const [path, query = ''] = location.hash.replace(/^#/, '').split('?');
  const match = ROUTES.map((r) => ({r, m: path.match(r.pattern)})).find(({m}) => m);
  leave();
  if (!match) {
    leave = () => {};
    fill(main, h('p', {class: 'error'}, `no such page: ${path}`), h('a', {href: '#/'}, 'overview'));
    return;
  }
  const argument = match.m[1] ? decodeURIComponent(match.m[1]) : undefined;
  document.title = `${argument || match.r.title} · contimg-hub`;
  document.querySelectorAll('nav a').forEach((a) => a.classList.toggle('current', a.dataset.nav === match.r.nav));
  main.dataset.view = match.r.nav;
  leave = match.r.view.render(main, new URLSearchParams(query), argument) || (() => {});
}

const indicator = document.getElementById('connection');
onStatus((status) => {
  indicator.textContent = status;
  indicator.className = `connection connection-${status}`;
  document.body.classList.toggle('offline', status === 'disconnected');
});

document.getElementById('token-button').addEventListener('click', () => {
  if (session.token) forgetToken();
  else ensureToken().then(() => { // with the token, a hub that guards reads answers this time
    renewSubscriptions();
    route();
  }, () => {});
});
updateTokenButton();

window.addEventListener('hashchange', route);
connect();
route();
