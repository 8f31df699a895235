package org.cnlp.pipeline.microbatch;

import java.util.List;

/**
 * Processes one batch of inputs, for example one forward pass of a model over all of them.
 * Several workers may call it at the same time, each with its own batch.
 */
@FunctionalInterface
public interface BatchHandler<I, O> {

    /**
     * @return exactly one output per input, in the same order; an exception fails every input of
     *         the batch, so a handler that can fail per input encodes that in {@code O}
     */
    List<O> process(List<I> batch) throws Exception;
}
