/**
 * What `FakeCloud.handle()` returns when the connection drops: the client must see a network
 * failure (`fetch` rejects), not a response. msw turns it into `HttpResponse.error()`; a real
 * HTTP server destroys the socket.
 */
export const NETWORK_ERROR: unique symbol = Symbol.for('provision.testkit.network-error');

/** The type of `NETWORK_ERROR`. */
export type NetworkError = typeof NETWORK_ERROR;
