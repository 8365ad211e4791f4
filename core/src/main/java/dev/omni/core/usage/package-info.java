/** Token usage of the imported agent conversations, by day, model, project, …, and its estimated cost. */
package dev.omni.core.usage;
