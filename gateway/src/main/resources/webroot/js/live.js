// The live connection: one SockJS event bus (the official Vert.x client) shared by every view. It reconnects by
// itself, re-registers what the views listen to, and tells the header whether the dashboard is live. Subscriptions
// carry the session's token: a hub whose reads need the token refuses them without it.
import {session} from './api.js';

const listeners = new Map(); // address -> Set of functions
const statusListeners = new Set();
const reconnectListeners = new Set();
const registered = new Map(); // address -> the handler given to the bus
let bus = null;
let everOpened = false;

export function connect() {
  bus = new EventBus('/eventbus', {vertxbus_reconnect_delay_max: 5000});
  bus.enableReconnect(true);
  report('connecting');
  bus.onopen = () => {
    registered.clear();
    for (const address of listeners.keys()) register(address);
    report('live');
    if (everOpened) reconnectListeners.forEach((fn) => fn());
    everOpened = true;
  };
  bus.onclose = () => report('disconnected');
  // A failed socket is reported by onclose; the client's default would also log it as a console error.
  bus.onerror = (error) => console.warn('event bus:', error);
}

function register(address) {
  const handler = (error, message) => {
    if (error) {
      console.warn(`event bus refused ${address}:`, error);
      return;
    }
    listeners.get(address)?.forEach((fn) => fn(message.body));
  };
  registered.set(address, handler);
  bus.registerHandler(address, session.token ? {token: session.token} : {}, handler);
}

/** Subscribes again with the session's current token (after it was entered on a hub whose reads need it). */
export function renewSubscriptions() {
  if (!bus || bus.state !== EventBus.OPEN) return;
  for (const [address, handler] of registered) bus.unregisterHandler(address, handler);
  registered.clear();
  for (const address of listeners.keys()) register(address);
}

/** Calls fn with the body of every event published at `address`; returns the function that stops it. */
export function subscribe(address, fn) {
  if (!listeners.has(address)) {
    listeners.set(address, new Set());
    if (bus && bus.state === EventBus.OPEN) register(address);
  }
  listeners.get(address).add(fn);
  return () => listeners.get(address)?.delete(fn);
}

/** After a reconnect the views refetch: events published while the socket was down never reached us. */
export function onReconnect(fn) {
  reconnectListeners.add(fn);
  return () => reconnectListeners.delete(fn);
}

export function onStatus(fn) {
  statusListeners.add(fn);
}

function report(status) {
  statusListeners.forEach((fn) => fn(status));
}
