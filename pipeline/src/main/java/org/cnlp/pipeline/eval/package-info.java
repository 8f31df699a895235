/**
 * Corpus evaluation in plain Java: exact-span NER ({@link org.cnlp.pipeline.eval.NerEvaluation})
 * and accuracy@1 of concept linking on gold mentions
 * ({@link org.cnlp.pipeline.eval.LinkingEvaluation}), reported as text tables and JSON
 * ({@link org.cnlp.pipeline.eval.EvaluationReport}).
 */
package org.cnlp.pipeline.eval;
