/** What an operator's tools ask a running server: health, readiness and Prometheus metrics. */
package dev.omni.server.ops;
