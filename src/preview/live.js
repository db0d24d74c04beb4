// mentorcard live preview. The server announces each build on an event stream; the page then
// fetches itself once and swaps its head and body in place (the scroll position stays). No
// polling: between saves the page and the server are idle. Scripts of a fetched page are
// parsed but never run, so this one runs once.
//
// A browser opens at most six connections to one server, and each event stream keeps one:
// with many tabs open, new ones would never hear of a build. So the tabs of one preview share
// one stream: the tab that holds the lock «mentorcard-events» listens and passes each build on
// a BroadcastChannel; when it closes, the lock passes to another tab, which opens the stream.
// A browser without locks or channels gives each tab its own stream, as before.
(() => {
  'use strict';
  const me = document.currentScript;
  let shown = me ? me.dataset.version : '';
  let busy = false;
  let again = false;

  async function refresh() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      do {
        again = false;
        const response = await fetch('/', { cache: 'no-store' });
        if (!response.ok) return;
        const next = new DOMParser().parseFromString(await response.text(), 'text/html');
        const tag = next.querySelector('script[data-version]');
        document.documentElement.lang = next.documentElement.lang;
        document.head.replaceWith(document.adoptNode(next.head));
        document.body.replaceWith(document.adoptNode(next.body));
        shown = tag ? tag.dataset.version : '';
      } while (again);
    } catch (e) {
      // The server is gone for a moment; the event stream reconnects and says so.
    } finally {
      busy = false;
    }
  }

  function heard(version) {
    if (version !== shown) refresh();
  }

  function listen(onBuild) {
    const stream = new EventSource('/events');
    stream.addEventListener('build', (event) => onBuild(event.data));
    return stream;
  }

  const shared = typeof BroadcastChannel === 'function' && navigator.locks;
  if (!shared) {
    listen(heard);
    return;
  }
  const channel = new BroadcastChannel('mentorcard-preview');
  channel.onmessage = (event) => heard(String(event.data));
  // Held until the tab closes: the promise never settles.
  navigator.locks.request('mentorcard-events', () => new Promise(() => {
    listen((version) => {
      channel.postMessage(version);
      heard(version);
    });
  }));
})();
