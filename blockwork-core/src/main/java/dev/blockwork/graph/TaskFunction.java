package dev.blockwork.graph;

import java.io.Serializable;

/**
 * The function of a {@link Task}: called with the task's arguments after every {@link Key} among them
 * has been replaced by that key's result. Serializable so that the processes and cluster schedulers
 * can ship it; a lambda whose target type is this interface is serializable when its captures are.
 */
@FunctionalInterface
public interface TaskFunction extends Serializable {
    /**
     * Runs the task.
     *
     * @param args the task's arguments, keys replaced by their results
     * @return the task's result
     * @throws Exception whatever the task throws: it fails the task
     */
    Object apply(Object[] args) throws Exception;
}
