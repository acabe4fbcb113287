// valuesapp's push worker, served at /push/sw.js with the scope /push/ (see valuesapp/web/reminders.py).
// It controls no page of the app: it only shows what the server pushes and opens the app when tapped.
'use strict';

const FALLBACK = { title: 'valuesapp', body: "Today's card is ready", url: '/today' };

// Only a path of this very app may be opened; anything else opens Today.
function appPath(url) {
  try {
    const target = new URL(url || FALLBACK.url, self.location.origin);
    if (target.origin !== self.location.origin || target.pathname.startsWith('/push/')) return FALLBACK.url;
    return target.pathname + target.search;
  } catch (e) {
    return FALLBACK.url;
  }
}

function message(event) {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (e) {
    data = {};
  }
  return {
    title: typeof data.title === 'string' && data.title ? data.title : FALLBACK.title,
    body: typeof data.body === 'string' ? data.body : FALLBACK.body,
    url: appPath(data.url),
  };
}

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  const shown = message(event);
  // Every push shows a notification (browsers insist); one per screen, so the evening prompt replaces the
  // morning card instead of piling up beside it.
  event.waitUntil(self.registration.showNotification(shown.title, {
    body: shown.body,
    tag: shown.url,
    data: { url: shown.url },
    icon: '/icons/Icon-192.png',
    badge: '/icons/Icon-192.png',
  }));
});

// The open window of the app already showing the screen a tap is for, or null. The app's windows are
// outside this worker's scope, so they are matched with includeUncontrolled; for the same reason a
// window at another screen cannot be sent to this one (WindowClient.navigate works only for windows the
// worker controls), so then the app opens afresh at the screen and that window stays as it was.
self.appWindowFor = async function appWindowFor(url) {
  const wanted = new URL(appPath(url), self.location.origin);
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  return windows.find((client) => {
    const at = new URL(client.url);
    return at.origin === wanted.origin && at.pathname === wanted.pathname;
  }) || null;
};

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = appPath(event.notification.data && event.notification.data.url);
  event.waitUntil((async () => {
    const open = await self.appWindowFor(url);
    if (open) {
      await open.focus();
    } else {
      await self.clients.openWindow(url);
    }
  })());
});
