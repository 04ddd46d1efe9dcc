/**
 * The graph model: {@link dev.blockwork.graph.Key}, {@link dev.blockwork.graph.Task},
 * {@link dev.blockwork.graph.Layer} (one object per collection operation) and {@link dev.blockwork.graph.Graph}.
 * All immutable; tasks are materialised from layers only when a scheduler plans them.
 */
package dev.blockwork.graph;
