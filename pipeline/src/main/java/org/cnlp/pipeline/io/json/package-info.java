/**
 * cnlp annotation JSON ({@code "schema": "cnlp-annotations", "version": "1.0"}):
 * {@link org.cnlp.pipeline.io.json.CasJsonWriter} and {@link org.cnlp.pipeline.io.json.CasJsonReader}
 * convert a JCas to and from it; {@link org.cnlp.pipeline.io.json.InputDocumentJson} parses the
 * input document format {@code {"id", "text", "metadata"}}.
 */
package org.cnlp.pipeline.io.json;
