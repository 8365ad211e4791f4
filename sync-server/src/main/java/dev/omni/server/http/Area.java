package dev.omni.server.http;

import dev.omni.server.ServerException;

/** A part of the URL space with its own handling and its own error format (JSON or HTML). */
public interface Area {
    boolean owns(String path);

    void handle(Exchange x) throws Exception;

    /** Answers a failure in this area's format. */
    void fail(Exchange x, ServerException e);
}
