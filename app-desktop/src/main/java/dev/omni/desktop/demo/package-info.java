/**
 * A demo omni home for screenshots and tests: projects, history, memory and a conversation.
 */
package dev.omni.desktop.demo;
