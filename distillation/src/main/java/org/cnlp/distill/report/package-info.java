/**
 * Reports of a training run: per-epoch metrics ({@link org.cnlp.distill.report.EpochMetrics}), the metrics log kept
 * in the run folder ({@link org.cnlp.distill.report.MetricsLog}: {@code metrics.csv} and {@code metrics.json}) and a
 * PNG plot of loss and dev F1 per epoch ({@link org.cnlp.distill.report.TrainingPlot}).
 */
package org.cnlp.distill.report;
