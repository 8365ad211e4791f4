/**
 * HTTP plumbing over Jetty: routing, the request/response exchange, body limits and zstd decoding,
 * rate limiters and the request log. It knows no endpoint.
 */
package dev.omni.server.http;
