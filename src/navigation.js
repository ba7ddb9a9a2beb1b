// Page changes without full page loads, for the islands build (see `app::shell`): a click on a
// same-site link, a form's submit, and the browser's back and forward buttons fetch the next
// page's HTML, as a browser without JavaScript would, and put its <body> in place of this one.
// The server renders every page whole, so there is nothing to diff: the new body is the page.
// The islands of the new body are then hydrated by Leptos' island script.
//
// Leptos' own islands router diffs the two documents node by node instead; it lost its place
// on pages whose branches differ in shape (the nav when signing in), and left the rest of the
// page as it was. Anything this script cannot do (an error, a reply that is not a page, such
// as the CSV download) falls back to the browser's own navigation.
(() => {
  const PAGE = 'text/html';

  /** The same-site page a click goes to, or nothing if the browser should handle it. */
  function linkTarget(event) {
    if (event.defaultPrevented || event.button !== 0) return null;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
    const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!link || link.target || link.hasAttribute('download')) return null;
    const url = new URL(link.href, document.baseURI);
    if (url.origin !== location.origin) return null;
    // A link to a place on this same page only scrolls.
    if (url.hash && url.pathname === location.pathname && url.search === location.search) return null;
    return url;
  }

  /** The request a submitted form makes, or nothing if the browser should make it. */
  function formRequest(event) {
    if (event.defaultPrevented) return null;
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || form.target) return null;
    const method = (event.submitter?.getAttribute('formmethod') || form.method).toUpperCase();
    const url = new URL(event.submitter?.getAttribute('formaction') || form.action, document.baseURI);
    if (url.origin !== location.origin || (method !== 'GET' && method !== 'POST')) return null;
    const fields = new URLSearchParams(new FormData(form, event.submitter));
    if (method === 'GET') {
      url.search = fields.toString();
      return { url, init: {} };
    }
    return { url, init: { method: 'POST', body: fields } };
  }

  /** What a page says about itself in <head>: its description, share cards, canonical link. */
  const PAGE_HEAD_TAGS = 'meta[name]:not([name="viewport"]), meta[property], link[rel="canonical"]';

  function replaceHeadTags(page) {
    for (const tag of document.head.querySelectorAll(PAGE_HEAD_TAGS)) tag.remove();
    document.head.append(...Array.from(page.head.querySelectorAll(PAGE_HEAD_TAGS)));
  }

  let latest = 0;

  /** Fetches a page and shows it; `history` is 'push' for a new entry, 'none' for back/forward. */
  async function visit(url, init, history, fallback) {
    const visitNumber = ++latest;
    let response;
    let html;
    try {
      response = await fetch(url, {
        ...init,
        credentials: 'same-origin',
        headers: { Accept: PAGE },
      });
      if (!(response.headers.get('content-type') || '').startsWith(PAGE)) throw new Error('not a page');
      html = await response.text();
    } catch {
      fallback();
      return;
    }
    // A later click won: this page is no longer wanted.
    if (visitNumber !== latest) return;
    const page = new DOMParser().parseFromString(html, PAGE);
    const address = response.redirected ? response.url : url.href;
    if (history === 'push') window.history.pushState(null, '', address);
    document.title = page.title;
    replaceHeadTags(page);
    // The islands of the page going away are never disposed: the ones that hold something
    // open (the live results' stream) close it on this event.
    document.dispatchEvent(new Event('pollstr:leave'));
    // A copy of the list first: moving a node out of the parsed page shortens the live one.
    document.body.replaceChildren(...Array.from(page.body.childNodes));
    for (const island of document.body.querySelectorAll('leptos-island')) {
      // Defined by Leptos' island script once the WebAssembly is loaded; until then, that
      // script hydrates whatever body is in place when it loads.
      window.__hydrateIsland?.(island, island.dataset.component);
    }
    const hash = new URL(address).hash;
    const anchor = hash && document.getElementById(decodeURIComponent(hash.slice(1)));
    if (anchor) anchor.scrollIntoView();
    else window.scrollTo(0, 0);
    // Where a keyboard or screen reader user goes next: the first error, else the page's start.
    const focus = document.querySelector('main [role="alert"], main h1');
    if (focus) {
      if (!focus.hasAttribute('tabindex')) focus.setAttribute('tabindex', '-1');
      focus.focus({ preventScroll: true });
    }
  }

  document.addEventListener('click', (event) => {
    const url = linkTarget(event);
    if (!url) return;
    event.preventDefault();
    visit(url, {}, 'push', () => location.assign(url));
  });

  document.addEventListener('submit', (event) => {
    const request = formRequest(event);
    if (!request) return;
    event.preventDefault();
    const form = event.target;
    // One post per click: the button waits for the page it asked for (which replaces it).
    form.setAttribute('aria-busy', 'true');
    event.submitter?.setAttribute('disabled', '');
    // Submitted again without this script, so nothing typed is lost.
    visit(request.url, request.init, 'push', () => HTMLFormElement.prototype.submit.call(form));
  });

  window.addEventListener('popstate', () => {
    const url = new URL(location.href);
    visit(url, {}, 'none', () => location.reload());
  });
})();
