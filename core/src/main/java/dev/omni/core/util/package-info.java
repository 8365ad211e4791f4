/**
 * Small helpers without a home of their own: JSON, times, byte counts, the FTS5 query parser.
 */
package dev.omni.core.util;
