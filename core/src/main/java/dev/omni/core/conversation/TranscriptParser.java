package dev.omni.core.conversation;

import java.nio.file.Path;

/** Reads one transcript format. Problems within the file are reported in the result; a file it must refuse whole throws. */
interface TranscriptParser {
    ParseResult parse(Path file);
}
