/**
 * Batch annotation on Apache Camel routes: {@link org.cnlp.pipeline.batch.FolderBatch} works a
 * folder (inbox to outbox, originals to {@code .done/} or {@code .error/}, restart-safe after a
 * crash at any point), {@link org.cnlp.pipeline.batch.KafkaBatch} consumes documents from a Kafka
 * topic as one member of a consumer group. Both run a caller-built
 * {@link org.cnlp.pipeline.run.PipelineRunner} and expose {@link org.cnlp.pipeline.batch.BatchMetrics}.
 */
package org.cnlp.pipeline.batch;
