// Static single-page app: nothing is rendered on the server, the API serves the fallback page (200.html)
// for every non-API GET and the router takes over in the browser.
export const ssr = false;
export const prerender = false;
export const trailingSlash = 'never';
