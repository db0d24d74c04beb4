// mentorcard live preview. The server announces each build on an event stream; the page then
// fetches itself once and swaps its head and body in place (the scroll position stays). No
// polling: between saves the page and the server are idle. Scripts of a fetched page are
// parsed but never run, so this one runs once.
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

  new EventSource('/events').addEventListener('build', (event) => {
    if (event.data !== shown) refresh();
  });
})();
