package org.cnlp.annotators.pipelines;

import java.util.Map;

/**
 * Pipeline steps contributed by a module that this one cannot depend on (the multimodal module's
 * {@code vqa} step): discovered with {@link java.util.ServiceLoader}, so a jar that lists its
 * implementation in {@code META-INF/services/org.cnlp.annotators.pipelines.StepProvider} adds its
 * steps to every pipeline catalog and factory on the same class path. Built-in steps win over a
 * provider's step of the same name; between providers, the first found wins.
 *
 * <p>Implementations need a public no-argument constructor and must be cheap to create: they
 * bind step names to factories, and load nothing until a factory builds a description.
 */
public interface StepProvider {

    /** The steps by name, each with the factory that turns its params into an engine description. */
    Map<String, StepRegistry.StepFactory> steps();
}
