// The /reminders page's one script (inlined with the page's nonce): register the push worker, subscribe with
// the server's key, send the subscription, and say in plain words whether it worked.
'use strict';

(function () {
  const button = document.getElementById('turn-on');
  const status = document.getElementById('status');
  const WORKER = '/push/sw.js';
  const SCOPE = '/push/';

  function say(text, failed) {
    status.textContent = text;
    status.className = failed ? 'error' : 'ok';
  }

  function isAppleMobile() {
    return /iPhone|iPad|iPod/.test(navigator.userAgent)
      || (navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1);
  }

  function standalone() {
    return window.matchMedia('(display-mode: standalone)').matches || navigator.standalone === true;
  }

  // Why this browser cannot have reminders at all, or null when it can.
  function cannot() {
    if (!window.isSecureContext) {
      return 'This page was not opened over HTTPS, and browsers allow reminders only on a secure address ' +
        '(HTTPS, or localhost on the computer itself). Open the app at its https:// address.';
    }
    if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) {
      if (isAppleMobile() && !standalone()) {
        return 'On iPhone and iPad, reminders work only in the app added to the Home Screen: ' +
          'tap Share, then Add to Home Screen, open valuesapp from there and come back to this page.';
      }
      return 'This browser cannot receive push reminders. Try Chrome, Edge, Firefox or Safari.';
    }
    return null;
  }

  function keyBytes(base64url) {
    const base64 = (base64url + '='.repeat((4 - base64url.length % 4) % 4)).replace(/-/g, '+').replace(/_/g, '/');
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  }

  function sameKey(kept, wanted) {
    if (!kept) return true;  // a browser that does not say: keep the subscription
    const bytes = new Uint8Array(kept);
    return bytes.length === wanted.length && bytes.every((b, i) => b === wanted[i]);
  }

  function activated(registration) {
    const worker = registration.installing || registration.waiting || registration.active;
    if (!worker || worker.state === 'activated') return Promise.resolve(registration);
    // Not navigator.serviceWorker.ready: it waits for a worker of this page's scope, and /push/ is not it.
    return new Promise((resolve, reject) => {
      worker.addEventListener('statechange', () => {
        if (worker.state === 'activated') resolve(registration);
        if (worker.state === 'redundant') reject(new Error('The reminder worker did not start.'));
      });
    });
  }

  async function serverKey() {
    const answer = await fetch('/push/key', { credentials: 'same-origin', cache: 'no-store' });
    if (answer.status === 401 || answer.redirected) throw new Error('Your sign-in has ended: sign in again, then come back here.');
    if (!answer.ok) throw new Error('The server did not give its reminder key (' + answer.status + ').');
    return (await answer.json()).public_key;
  }

  async function send(subscription) {
    const answer = await fetch('/push/subscriptions', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(subscription.toJSON()),
    });
    if (answer.status === 201) return;
    // The server says why in one plain line (text/plain).
    let reason = (await answer.text().catch(() => '')).trim().split('\n')[0];
    if (answer.status === 401) reason = 'Your sign-in has ended: sign in again, then come back here.';
    throw new Error(reason || 'The server did not take this device (' + answer.status + ').');
  }

  async function turnOn(prepared) {
    // Asked first, while the tap still counts as one: Safari allows the question only then.
    const permission = await Notification.requestPermission();
    if (permission === 'denied') {
      say('Notifications are blocked for this site, so reminders cannot be shown. Allow notifications in ' +
        "the browser's site settings, then press the button again.", true);
      return;
    }
    if (permission !== 'granted') {
      say('Notifications were not allowed, so reminders are still off. Press the button again and choose Allow.', true);
      return;
    }
    const [registration, key] = await prepared;
    const wantedKey = keyBytes(key);
    let subscription = await registration.pushManager.getSubscription();
    if (subscription !== null && !sameKey(subscription.options && subscription.options.applicationServerKey, wantedKey)) {
      await subscription.unsubscribe();  // made for another server key: useless now
      subscription = null;
    }
    if (subscription === null) {
      subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: wantedKey });
    }
    await send(subscription);
    say('Reminders are on for this device. The morning card and the evening prompt will arrive here, ' +
      'even when the app is closed.', false);
  }

  const why = cannot();
  if (why) {
    say(why, true);
    button.disabled = true;
    return;
  }
  let prepared = null;
  function prepare() {
    prepared = Promise.all([
      navigator.serviceWorker.register(WORKER, { scope: SCOPE }).then(activated),
      serverKey(),
    ]);
    prepared.catch(() => { prepared = null; });  // a second press tries again
    return prepared;
  }
  prepare();
  navigator.serviceWorker.getRegistration(SCOPE).then(async (registration) => {
    const on = registration && Notification.permission === 'granted' && await registration.pushManager.getSubscription();
    if (on && !status.textContent) {
      say('This browser already has reminders on. Press the button to send it to the app again, ' +
        'for example after removing it in Settings.', false);
    }
  }).catch(() => {});
  button.addEventListener('click', async () => {
    button.disabled = true;
    say('Turning reminders on…', false);
    try {
      await turnOn(prepared || prepare());
    } catch (error) {
      const text = String(error && error.message || error);
      if (error && error.name === 'NotAllowedError') {
        say('Notifications are blocked for this site. Allow them in the browser\'s site settings, then press the button again.', true);
      } else if (error && (error.name === 'AbortError' || error.name === 'NotSupportedError')) {
        say('The browser could not reach its push service (' + text + '). Check the connection and press the button again.', true);
      } else {
        say(text, true);
      }
    } finally {
      button.disabled = false;
    }
  });
})();
