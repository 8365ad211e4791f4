package dev.omni.server.http;

/** A request handler. */
@FunctionalInterface
public interface Route {
    void handle(Exchange x) throws Exception;
}
