// Swagger UI on this service's contract. "Authorize" takes an API key (sent as X-Api-Key); calls go to
// this page's own origin, whatever server the contract names (the page's CSP allows only this origin).
window.addEventListener('load', () => {
  window.ui = SwaggerUIBundle({
    url: '/openapi.yaml',
    dom_id: '#swagger-ui',
    deepLinking: true,
    persistAuthorization: false,
    tryItOutEnabled: false,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    requestInterceptor: (request) => {
      const url = new URL(request.url, window.location.origin);
      if (url.origin !== window.location.origin) {
        request.url = window.location.origin + url.pathname + url.search;
      }
      return request;
    },
  });
});
