/**
 * The kernel of core: {@link dev.omni.core.Omni} (one omni home opened, the composition root every front end starts from),
 * the injected environment ({@link dev.omni.core.Env}), typed errors ({@link dev.omni.core.OmniException}), progress and warnings.
 */
package dev.omni.core;
