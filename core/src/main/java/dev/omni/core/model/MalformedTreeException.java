package dev.omni.core.model;

/** Bytes that claim to be a tree but are not a valid canonical one. */
public class MalformedTreeException extends Exception {
    public MalformedTreeException(String message) {
        super(message);
    }
}
