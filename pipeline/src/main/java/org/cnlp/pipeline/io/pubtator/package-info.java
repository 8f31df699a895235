/**
 * PubTator in and out: {@link org.cnlp.pipeline.io.pubtator.PubTatorReader} streams
 * {@link org.cnlp.pipeline.io.pubtator.PubTatorDocument}s (NCBI-disease, BC5CDR),
 * {@link org.cnlp.pipeline.io.pubtator.PubTatorCas} moves them into and out of a JCas and
 * {@link org.cnlp.pipeline.io.pubtator.PubTatorWriter} writes them back.
 */
package org.cnlp.pipeline.io.pubtator;
