/** Serializable function types that tasks are built from, and their human labels. */
package dev.blockwork.fn;
