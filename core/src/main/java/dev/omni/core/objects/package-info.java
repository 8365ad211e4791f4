/**
 * The content-addressed object store behind {@link dev.omni.core.objects.ObjectStore}: pack files with their index
 * (the {@code packs}, {@code blocks} and {@code objects} tables) on disk, or memory for tests.
 */
package dev.omni.core.objects;
