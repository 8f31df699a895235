package org.cnlp.server.annotate;

import java.util.Optional;

/**
 * What the caller asked to run: a named pipeline, a model (a pipeline that runs that model), both,
 * or neither (the default pipeline).
 */
public record Selection(Optional<String> pipeline, Optional<String> model) {

    public static final Selection DEFAULT = new Selection(Optional.empty(), Optional.empty());
}
